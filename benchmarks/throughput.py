"""Throughput benchmark: the pipeline next to underthesea on the same articles.

    python benchmarks/throughput.py                      # 2,000 articles, the README table
    python benchmarks/throughput.py --articles 500       # quicker
    python benchmarks/throughput.py --scale 2000 20000   # peak memory, streaming check
    python benchmarks/throughput.py --stages --articles 300   # where the time goes

It builds N articles from ``corpus/`` (varied copies: each one takes the
title, source tag, byline and footer of a corpus article, half of its body
paragraphs replaced by paragraphs of other articles, the paragraphs
shuffled, the province renamed and the numbers changed, so that no two are
the same and few are near duplicates), writes them as ``.txt`` files, and
measures, each in a fresh process:

* start-up: ``import pipeline`` and building the spaCy pipeline (median of 3);
* our run (``pipeline.api.run_to``, the CLI's code path, Parquet output) with
  1 and with N workers: wall time, CPU time, ms per article, articles per
  second, peak RSS of the main process and of each worker;
* ``underthesea.word_tokenize`` on each clean article text, and
  ``underthesea.ner`` called per sentence (``sent_tokenize`` first, as its
  documentation does) on a sample of the articles.

"ms / article" of a run is its steady rate: the time from the first article
collected to the last, divided by the articles in between, so that model
loading (measured apart, as start-up) is not counted twice.  With
``--repeat K`` every measurement runs once per round, K rounds: the table
shows each one's fastest run, and the targets are judged on the median of
the ratios taken within a round, since this shared machine's speed drifts by
±20 % from one minute to the next.  The machine's load average is printed
too: other processes make every number slower.

This is a script, not a test: nothing here asserts anything.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS_FOLDERS = [REPO / "corpus" / "dev", REPO / "corpus" / "heldout"]

# --------------------------------------------------------------------------
# Building the articles
# --------------------------------------------------------------------------

_BLOCK_SPLIT = re.compile(r"\n\s*\n")
_NUMBER = re.compile(r"\d+")
_LONG = 80  # a body paragraph has at least this many characters


def _load_sources() -> list[dict]:
    sources = []
    for folder in CORPUS_FOLDERS:
        for path in sorted(folder.glob("*.txt")):
            blocks = [block.strip() for block in _BLOCK_SPLIT.split(path.read_text(encoding="utf-8")) if block.strip()]
            start = next((i for i, block in enumerate(blocks) if len(block) >= _LONG and i > 0), 1)
            end = len(blocks)
            while end > start + 1 and len(blocks[end - 1]) < _LONG:
                end -= 1
            sources.append({"head": blocks[:start], "body": blocks[start:end], "tail": blocks[end:]})
    return sources


def _provinces() -> list[str]:
    names = []
    with open(REPO / "models" / "gazetteers" / "places.tsv", encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) > 2 and parts[2] == "province":
                names.append(parts[0])
    return sorted(set(names))


def build_articles(n: int, folder: Path, seed: int = 2024) -> list[Path]:
    """``n`` varied copies of the corpus articles as ``.txt`` files in ``folder``."""
    sources = _load_sources()
    provinces = _provinces()
    all_paragraphs = [paragraph for source in sources for paragraph in source["body"]]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        rng = random.Random(seed * 1_000_003 + i)
        source = sources[i % len(sources)]
        body = list(source["body"])
        for j in range(len(body)):
            if rng.random() < 0.5:
                body[j] = rng.choice(all_paragraphs)
        rng.shuffle(body)
        text = "\n\n".join([*source["head"], *body, *source["tail"]])
        mentioned = [name for name in provinces if name in text]
        for name in mentioned[:2]:
            text = text.replace(name, rng.choice(provinces))
        text = _NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(0, 9)) if len(m.group()) < 6 else m.group(), text)
        path = folder / f"bai-{i:06d}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------
# Child processes (each measurement in a fresh interpreter)
# --------------------------------------------------------------------------


def _self_stats() -> dict:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cpu_self": usage.ru_utime + usage.ru_stime,
        "cpu_children": children.ru_utime + children.ru_stime,
        "maxrss_mb": usage.ru_maxrss / 1024,
        # the largest reaped child (pool workers are reaped when the run ends)
        "children_maxrss_mb": children.ru_maxrss / 1024,
    }


def child_startup() -> dict:
    started = time.perf_counter()
    import pipeline  # noqa: F401
    from pipeline.nlp.language import get_nlp

    imported = time.perf_counter()
    get_nlp()
    loaded = time.perf_counter()
    return {"import": imported - started, "load": loaded - imported, "total": loaded - started, **_self_stats()}


def child_ours(folder: str, out: str, workers: int, batch_size: int) -> dict:
    started = time.perf_counter()
    from pipeline.api import RunSummary, run_to

    if workers == 1:
        from pipeline.nlp.language import get_nlp

        get_nlp()
    ready = time.perf_counter()
    cpu_ready = _self_stats()
    stamps = []
    summary = RunSummary()
    run_to([folder], out, "parquet", workers=workers, batch_size=batch_size, summary=summary,
           on_article=lambda rows: stamps.append(time.perf_counter()))
    finished = time.perf_counter()
    n = len(stamps)
    # steady rate: skip the first batches (pool start-up, first model use)
    skip = min(n // 10, 4 * batch_size * max(1, workers))
    steady = (stamps[-1] - stamps[skip]) / max(1, n - 1 - skip) if n > skip + 1 else float("nan")
    return {
        "n": n, "ok": summary.n_ok, "mentions": summary.n_mentions, "entities": summary.n_entities,
        "relations": summary.n_relations, "near_duplicates": summary.n_near_duplicate_articles,
        "startup": ready - started, "run": finished - ready, "steady_s_per_article": steady,
        "cpu_run": (lambda end: end["cpu_self"] + end["cpu_children"] - cpu_ready["cpu_self"] - cpu_ready["cpu_children"])(_self_stats()),
        **_self_stats(),
    }


def _clean_texts(folder: str, limit: int | None = None) -> list[str]:
    from pipeline.clean import clean_record
    from pipeline.ingest import read_records

    texts = []
    for record in read_records([folder]):
        article = clean_record(record)
        if article.ok:
            texts.append(article.text)
        if limit and len(texts) >= limit:
            break
    return texts


def child_word_tokenize(folder: str) -> dict:
    texts = _clean_texts(folder)
    from underthesea import word_tokenize

    word_tokenize("Khởi động mô hình.")
    before = _self_stats()["cpu_self"]
    started = time.perf_counter()
    for text in texts:
        word_tokenize(text)
    seconds = time.perf_counter() - started
    return {"n": len(texts), "run": seconds, "cpu": _self_stats()["cpu_self"] - before, **_self_stats()}


def child_ner(folder: str, sample: int) -> dict:
    texts = _clean_texts(folder, sample)
    from underthesea import ner, sent_tokenize

    ner("Ông Nguyễn Văn An làm việc tại Hà Nội.")
    before = _self_stats()["cpu_self"]
    started = time.perf_counter()
    sentences = 0
    for text in texts:
        for sentence in sent_tokenize(text):
            ner(sentence)
            sentences += 1
    seconds = time.perf_counter() - started
    return {"n": len(texts), "sentences": sentences, "run": seconds, "cpu": _self_stats()["cpu_self"] - before, **_self_stats()}


def child_stages(folder: str, sample: int) -> dict:
    """CPU milliseconds per article in each stage, one process, ``sample`` articles in batches of 16."""
    from pipeline.api import collect
    from pipeline.clean import clean_record
    from pipeline.engine.local import load_worker
    from pipeline.ingest import read_records
    from pipeline.nlp.language import get_nlp
    from pipeline.tables import ArticleRows, StreamingTables

    load_worker()
    nlp = get_nlp()
    clock = time.process_time
    totals: dict[str, float] = {}

    def add(name: str, seconds: float) -> None:
        totals[name] = totals.get(name, 0.0) + seconds

    tokenizer = nlp.tokenizer
    segment = tokenizer._segment  # timed apart from the rest of the tokenizer

    def timed_segment(syllables):
        started = clock()
        try:
            return segment(syllables)
        finally:
            add("segmenter (word segmentation)", clock() - started)

    tokenizer._segment = timed_segment
    records = []
    started = clock()
    for record in read_records([folder]):
        records.append(record)
        if len(records) >= sample:
            break
    add("ingest (read, decode)", clock() - started)
    # batches of 16 taken stage by stage, as the batch runner does
    # (pipeline.engine.local.annotate_batch)
    all_rows = []
    for offset in range(0, len(records), 16):
        batch = records[offset : offset + 16]
        started = clock()
        articles = [clean_record(record) for record in batch]
        add("clean (normalise, structure, duplicate paragraphs)", clock() - started)
        ok = [article for article in articles if article.ok]
        started = clock()
        docs = [nlp.make_doc(article.text) for article in ok]
        add("tokenizer (syllables, sentences, word spans)", clock() - started)
        for name, component in nlp.pipeline:
            started = clock()
            docs = [component(doc) for doc in docs]
            add(name, clock() - started)
        doc_of = {article.article_id: doc for article, doc in zip(ok, docs)}
        started = clock()
        all_rows.extend(ArticleRows.from_article(article, doc_of.get(article.article_id)) for article in articles)
        add("rows (Doc -> table rows, ids)", clock() - started)
    segmenter = totals.get("segmenter (word segmentation)", 0.0)
    totals["tokenizer (syllables, sentences, word spans)"] -= segmenter
    started = clock()
    with tempfile.TemporaryDirectory() as out:
        collect(iter(all_rows), sink=StreamingTables(out))
    add("collector (near duplicates, Parquet, entities)", clock() - started)
    n = len(records)
    return {"n": n, "ms": {name: seconds / n * 1000 for name, seconds in totals.items()}}


CHILDREN = {"startup": child_startup, "ours": child_ours, "word_tokenize": child_word_tokenize, "ner": child_ner,
            "stages": child_stages}


class TreeMonitor(threading.Thread):
    """Peak RSS of a process and of each of its descendants (psutil, every 0.1 s)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        import psutil

        self.root = psutil.Process(pid)
        self.peaks: dict[int, float] = {}
        self.names: dict[int, str] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        import psutil

        while not self.stop.is_set():
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            for process in processes:
                try:
                    rss = process.memory_info().rss / 2**20
                except psutil.Error:
                    continue
                self.peaks[process.pid] = max(self.peaks.get(process.pid, 0.0), rss)
            self.stop.wait(0.1)

    def workers_peak(self) -> float:
        others = [peak for pid, peak in self.peaks.items() if pid != self.root.pid]
        return max(others) if others else float("nan")

    def main_peak(self) -> float:
        return self.peaks.get(self.root.pid, float("nan"))


def _cpu_pressure_us() -> int | None:
    """Total microseconds some task waited for a CPU (Linux PSI), or None."""
    try:
        with open("/proc/pressure/cpu") as handle:
            return int(handle.readline().rsplit("total=", 1)[1])
    except (OSError, IndexError, ValueError):
        return None


def measure(kind: str, *args) -> dict:
    """Run one measurement in a fresh interpreter; its JSON result plus the
    process tree's peak RSS and the share of the time some process on the
    machine waited for a CPU (``contention``: 0 on an idle machine; our own
    workers count too when they outnumber the CPUs)."""
    command = [sys.executable, __file__, "--child", kind, *map(str, args)]
    pressure, started = _cpu_pressure_us(), time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    monitor = TreeMonitor(process.pid)
    monitor.start()
    stdout, stderr = process.communicate()
    monitor.stop.set()
    monitor.join()
    after, elapsed = _cpu_pressure_us(), time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{kind} failed ({process.returncode}):\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    # Peak RSS: the kernel's exact maxima when the child reports them (its
    # own, and its largest worker's); else what the 0.1 s polling saw.
    result["main_peak_mb"] = max(result.get("maxrss_mb", 0.0), monitor.main_peak())
    polled_workers = monitor.workers_peak()
    reaped_workers = result.get("children_maxrss_mb", 0.0)
    result["worker_peak_mb"] = max(reaped_workers, polled_workers) if reaped_workers > 0 else polled_workers
    result["contention"] = (after - pressure) / 1e6 / elapsed if pressure is not None and after is not None else float("nan")
    return result


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def main_report(args) -> None:
    work = Path(tempfile.mkdtemp(prefix="vn-bench-"))
    try:
        folder = work / "articles"
        build_started = time.perf_counter()
        build_articles(args.articles, folder)
        size = sum(path.stat().st_size for path in folder.iterdir()) / args.articles
        print(f"built {args.articles} articles ({size:,.0f} bytes each on average) in {time.perf_counter() - build_started:.1f} s",
              file=sys.stderr)
        print(f"load average before: {os.getloadavg()}", file=sys.stderr)

        startups = [measure("startup") for _ in range(max(3, args.repeat))]
        startup = {key: statistics.median(s[key] for s in startups) for key in ("import", "load", "total", "cpu_self")}
        print(f"start-up {startup}", file=sys.stderr)
        # Rounds: every measurement once per round, so that a slow spell of
        # this shared machine hits all of them; the ratios are taken within
        # each round and their median is what the targets are judged on.
        # In a round, the two runs of each ratio follow each other:
        # word_tokenize, then 1 worker, then N workers, then ner.
        ours: dict[int, list[dict]] = {}
        tokenizes, ners = [], []
        for _ in range(args.repeat):
            tokenizes.append(measure("word_tokenize", folder))
            print(f"word_tokenize: {tokenizes[-1]}", file=sys.stderr)
            for workers in sorted({1, args.workers}):
                result = measure("ours", folder, work / f"out-{workers}", workers, args.batch_size)
                ours.setdefault(workers, []).append(result)
                print(f"ours x{workers}: {result}", file=sys.stderr)
            ners.append(measure("ner", folder, args.ner_sample))
            print(f"ner: {ners[-1]}", file=sys.stderr)
        rounds = [
            {
                "tokenize": (one["steady_s_per_article"] * 1000) / (tok["run"] / tok["n"] * 1000),
                "ner": (ner_run["run"] / ner_run["n"]) / one["steady_s_per_article"],
                "speedup": one["steady_s_per_article"] / many["steady_s_per_article"],
            }
            for one, many, tok, ner_run in zip(ours[1], ours[args.workers], tokenizes, ners)
        ]
        ours = {workers: min(runs, key=lambda r: r["steady_s_per_article"]) for workers, runs in ours.items()}
        tokenize = min(tokenizes, key=lambda result: result["run"])
        ner = min(ners, key=lambda result: result["run"])
        load_after = os.getloadavg()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    one, many = ours[1], ours[args.workers]
    ms_one = one["steady_s_per_article"] * 1000
    ms_many = many["steady_s_per_article"] * 1000
    ms_tok = tokenize["run"] / tokenize["n"] * 1000
    ms_ner = ner["run"] / ner["n"] * 1000
    cpu_one = one["cpu_run"] / one["n"] * 1000
    rows = [
        ("pipeline, 1 worker", f"{ms_one:.1f}", f"{1000 / ms_one:.1f}", f"{one['main_peak_mb']:.0f}", f"{one['run']:.1f}"),
        (f"pipeline, {args.workers} workers", f"{ms_many:.1f}", f"{1000 / ms_many:.1f}",
         f"{many['main_peak_mb']:.0f} + {many['worker_peak_mb']:.0f} per worker", f"{many['run']:.1f}"),
        ("underthesea.word_tokenize", f"{ms_tok:.1f}", f"{1000 / ms_tok:.1f}", f"{tokenize['main_peak_mb']:.0f}", f"{tokenize['run']:.1f}"),
        (f"underthesea.ner per sentence ({ner['n']} articles)", f"{ms_ner:.1f}", f"{1000 / ms_ner:.1f}",
         f"{ner['main_peak_mb']:.0f}", f"{ner['run']:.1f}"),
    ]
    print(f"\n{args.articles} articles, batch size {args.batch_size}, {os.cpu_count()} CPUs; "
          f"{one['ok']} ok, {one['mentions']} mentions, {one['entities']} entities, {one['relations']} relations, "
          f"{one['near_duplicates']} near duplicates\n")
    print("| run | ms / article | articles / s | peak RSS (MB) | wall time (s) |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nstart-up: import {startup['import']:.2f} s + load {startup['load']:.2f} s = {startup['total']:.2f} s "
          f"(CPU {startup['cpu_self']:.2f} s); CPU time of the 1-worker run {cpu_one:.1f} ms / article, "
          f"of word_tokenize {tokenize['cpu'] / tokenize['n'] * 1000:.1f} ms / article; the table: best of {args.repeat}; "
          f"CPU contention during the runs (share of time some process waited for a CPU): "
          f"1 worker {one['contention']:.0%}, {args.workers} workers {many['contention']:.0%}, "
          f"word_tokenize {tokenize['contention']:.0%}; load average {load_after[0]:.1f} at the end\n")
    worker_peak = max(one["main_peak_mb"], many["worker_peak_mb"])

    def median_of(key: str) -> float:
        return statistics.median(round_[key] for round_ in rounds)

    def each(key: str, digits: int) -> str:
        return ", ".join(f"{round_[key]:.{digits}f}" for round_ in rounds)

    print(f"per round (word_tokenize, 1 worker, {args.workers} workers and ner run back to back): "
          f"pipeline / word_tokenize {each('tokenize', 2)}; ner / pipeline {each('ner', 1)}; "
          f"speed-up with {args.workers} workers {each('speedup', 2)}; the targets use the medians\n")
    ratio, faster, speedup = median_of("tokenize"), median_of("ner"), median_of("speedup")
    targets = [
        ("pipeline ≤ 1.5 × word_tokenize", f"{ratio:.2f} ×", ratio <= 1.5),
        ("≥ 8 × faster than ner", f"{faster:.1f} ×", faster >= 8),
        (f"{args.workers} workers ≥ 1.8 × one", f"{speedup:.2f} ×", speedup >= 1.8),
        ("peak RSS ≤ 600 MB per worker", f"{worker_peak:.0f} MB", worker_peak <= 600),
        ("start-up ≤ 3 s", f"{startup['total']:.2f} s", startup["total"] <= 3),
    ]
    print("| target | measured | met |")
    print("|---|---:|---|")
    for name, value, ok in targets:
        print(f"| {name} | {value} | {_verdict(ok)} |")


def main_stages(args) -> None:
    work = Path(tempfile.mkdtemp(prefix="vn-bench-stages-"))
    try:
        build_articles(args.articles, work / "articles")
        result = measure("stages", work / "articles", args.articles)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = sum(result["ms"].values())
    print(f"\nwhere the time goes: CPU ms per article, {result['n']} articles, one process\n")
    print("| stage | ms / article | share |")
    print("|---|---:|---:|")
    for name, ms in sorted(result["ms"].items(), key=lambda item: -item[1]):
        print(f"| {name} | {ms:.2f} | {ms / total:.0%} |")
    print(f"| **total** | **{total:.2f}** | |")


def main_scale(args) -> None:
    work = Path(tempfile.mkdtemp(prefix="vn-bench-scale-"))
    try:
        results = {}
        for n in args.scale:
            folder = work / f"articles-{n}"
            build_articles(n, folder)
            results[n] = measure("ours", folder, work / f"out-{n}", args.workers, args.batch_size)
            shutil.rmtree(folder, ignore_errors=True)
            print(f"{n}: {results[n]}", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nstreaming, {args.workers} worker(s), batch size {args.batch_size}\n")
    print("| articles | main process peak RSS (MB) | worker peak RSS (MB) | wall time (s) |")
    print("|---:|---:|---:|---:|")
    for n, result in results.items():
        print(f"| {n:,} | {result['main_peak_mb']:.0f} | {result['worker_peak_mb']:.0f} | {result['run']:.0f} |")
    small, large = results[min(results)], results[max(results)]
    for key, label in (("main_peak_mb", "main process"), ("worker_peak_mb", "worker")):
        if small[key] == small[key]:  # not NaN
            print(f"\n{label}: {large[key] / small[key] - 1:+.1%} from {min(results):,} to {max(results):,} articles")
    if args.workers > 1:
        def total(result):
            return result["main_peak_mb"] + args.workers * result["worker_peak_mb"]

        print(f"\nmain + {args.workers} workers: {total(small):.0f} MB -> {total(large):.0f} MB, "
              f"{total(large) / total(small) - 1:+.1%}")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind, rest = sys.argv[2], sys.argv[3:]
        converted = [int(value) if value.isdigit() else value for value in rest]
        print(json.dumps(CHILDREN[kind](*converted)))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles to build (default 2000)")
    parser.add_argument("--workers", type=int, default=2, help="workers of the parallel run (default 2)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--ner-sample", type=int, default=100, help="articles given to underthesea.ner (default 100)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of measurements (each runs everything once); the table shows the fastest, the targets use the median ratio of the rounds (default 1)")
    parser.add_argument("--scale", type=int, nargs="+", help="instead: peak memory of runs of these sizes")
    parser.add_argument("--stages", action="store_true", help="instead: CPU time per stage and component (--articles of them)")
    parser.add_argument("--keep", action="store_true", help="keep the built articles and outputs")
    args = parser.parse_args()
    if args.scale:
        main_scale(args)
    elif args.stages:
        main_stages(args)
    else:
        main_report(args)


if __name__ == "__main__":
    main()
