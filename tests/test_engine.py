"""Engines: N local worker processes and a Dask cluster give the tables of one process."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline.tables import read_tables

#: a handful of the shortest dev articles: enough for several batches, fast
SHORT_ARTICLES = ["dev-b-012", "dev-b-003", "dev-a-009", "dev-b-002", "dev-b-004", "dev-b-006", "dev-a-013"]


def assert_tables_equal(left, right, *, exact: bool = True) -> None:
    """Same rows in the same order (``exact=False``: string dtypes may differ, as after a Parquet round trip)."""
    for name, frame in left.items():
        other = getattr(right, name)
        if not exact:
            frame, other = _plain(frame), _plain(other)
        pd.testing.assert_frame_equal(frame.reset_index(drop=True), other.reset_index(drop=True), obj=name)


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns with ``None`` for every missing value; lists as lists."""
    plain = frame.astype(object).where(frame.notna(), None)
    for column in plain.columns:
        plain[column] = [list(value) if hasattr(value, "__array__") and not isinstance(value, str) else value
                         for value in plain[column]]
    return plain


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, repo_root) -> Path:
    folder = tmp_path_factory.mktemp("engine-corpus")
    for stem in SHORT_ARTICLES:
        shutil.copy(repo_root / "corpus" / "dev" / f"{stem}.txt", folder / f"{stem}.txt")
    # one unreadable record: error rows must travel through every engine too
    (folder / "hong.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe")
    return folder


@pytest.fixture(scope="module")
def single(corpus):
    return pipeline.run(corpus, workers=1, batch_size=2)


def test_single_process_run_has_rows_to_compare(single):
    assert len(single.articles) == len(SHORT_ARTICLES) + 1
    assert len(single.mentions) > 0 and len(single.entities) > 0


def test_two_local_workers_equal_one(corpus, single):
    assert_tables_equal(single, pipeline.run(corpus, workers=2, batch_size=2))


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        yield cluster


def test_dask_cluster_equals_single_process(corpus, single, dask_cluster):
    summary = pipeline.RunSummary()
    tables = pipeline.run(corpus, engine="dask", scheduler=dask_cluster.scheduler_address, batch_size=2, summary=summary)
    assert_tables_equal(single, tables)
    assert summary.n_ok == len(SHORT_ARTICLES) and summary.n_error == 1


def test_cli_on_dask_cluster_writes_the_single_process_tables(corpus, single, dask_cluster, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(tmp_path / "out"), "--no-progress",
         "--engine", "dask", "--scheduler", dask_cluster.scheduler_address, "--batch-size", "3"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert f"{len(SHORT_ARTICLES)} ok, 1 error" in result.stderr.replace("\n", " ")
    assert_tables_equal(single, read_tables(tmp_path / "out"), exact=False)


def test_scheduler_without_dask_engine_is_a_usage_error(corpus, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    with pytest.raises(ValueError):
        pipeline.run(corpus, scheduler="tcp://127.0.0.1:1")


# --------------------------------------------------------------------------
# The batch runner's vocabulary: kept words, bounded
# --------------------------------------------------------------------------

KEEP_TEXT = (
    "Bà Xơnhrăng Kpuih, Phó Chủ tịch UBND xã Ia Mơnông, ký Quyết định số 4471/QĐ-UBND ngày 12/3/2026 "
    "về việc khen thưởng 17 tập thể; ông Blơng Siu trao Bằng khen tại xã Ia Mơnông."
)


def test_a_batch_keeps_its_words_but_not_its_document_numbers():
    from pipeline.engine import local
    from pipeline.ingest import record_from_text
    from pipeline.nlp.language import get_nlp

    vocab = get_nlp().vocab
    assert "Xơnhrăng" not in vocab
    rows = local.process_records([record_from_text(KEEP_TEXT, "kept-words")])
    assert rows[0].article["status"] == "ok"
    # the memory zone forgot the batch's strings; the words come back for good
    for word in ("Xơnhrăng", "Kpuih", "Mơnông", "Blơng", ",", "17"):
        assert word in vocab, word
    for code in ("4471/QĐ-UBND", "12/3/2026"):
        assert code not in vocab, code


def test_kept_words_stop_at_the_limit(monkeypatch):
    from pipeline.engine import local
    from pipeline.nlp.language import get_nlp

    nlp = get_nlp()
    already = local._kept_words.get(id(nlp.vocab), 0)
    monkeypatch.setattr(local, "KEPT_WORDS_LIMIT", already + 2)
    new = ["Hơmloanh", "Kbuôr", "Yơngblang", "Mơđrăk"]
    assert local.keep_words(nlp, new) == 2
    assert sum(word in nlp.vocab for word in new) == 2
    assert local.keep_words(nlp, ["Chơrưng"]) == 0
    assert "Chơrưng" not in nlp.vocab


def test_a_worker_process_does_not_import_pandas_or_arrow():
    # what a pool or Dask worker imports: the stages and the row builders
    code = (
        "import sys, pipeline.engine.local, pipeline.rows; "
        "print(sorted(m for m in ('pandas', 'pyarrow', 'duckdb') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_public_api_is_loaded_on_first_use():
    assert set(pipeline.__all__) <= set(dir(pipeline))
    assert pipeline.run_to.__module__ == "pipeline.api"
    assert pipeline.Tables.__module__ == "pipeline.tables"
    with pytest.raises(AttributeError, match="no attribute 'runn'"):
        pipeline.runn  # noqa: B018
