"""The incremental store (``--db``): only new articles are processed, and a run
killed mid-way and started again ends with every article exactly once."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import pipeline
from pipeline.api import run_to
from pipeline.store import Store, StoreError, raw_hash
from pipeline.tables import read_tables

#: short dev articles, in the order a folder is read
SHORT_ARTICLES = sorted(["dev-b-012", "dev-b-003", "dev-a-009", "dev-b-002", "dev-b-004", "dev-b-006", "dev-a-013", "dev-a-006"])


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    plain = frame.astype(object).where(frame.notna(), None).reset_index(drop=True)
    for column in plain.columns:
        plain[column] = [list(v) if hasattr(v, "__array__") and not isinstance(v, str) else v for v in plain[column]]
    return plain


def assert_same_tables(left, right) -> None:
    for name, frame in left.items():
        pd.testing.assert_frame_equal(_plain(frame), _plain(getattr(right, name)), obj=name)


def _copy(repo_root: Path, folder: Path, stems) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for stem in stems:
        shutil.copy(repo_root / "corpus" / "dev" / f"{stem}.txt", folder / f"{stem}.txt")


def _stored_ids(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return [row[0] for row in connection.execute("SELECT article_id FROM articles").fetchall()]


def test_rerun_processes_only_new_and_changed_articles(tmp_path, repo_root, sample_text):
    folder, db = tmp_path / "in", tmp_path / "kb.duckdb"
    _copy(repo_root, folder, SHORT_ARTICLES[:4])
    first = pipeline.RunSummary()
    run_to([folder], tmp_path / "out", db=db, batch_size=2, summary=first)
    assert (first.n_records, first.n_skipped) == (4, 0)

    # new articles, one of them republishing a stored one with small edits
    _copy(repo_root, folder, SHORT_ARTICLES[4:6])
    stored = (folder / f"{SHORT_ARTICLES[0]}.txt").read_text(encoding="utf-8")
    (folder / "zz-republished.txt").write_text(stored.replace("\n", "\n\n", 1), encoding="utf-8")
    second = pipeline.RunSummary()
    run_to([folder], tmp_path / "out", db=db, batch_size=2, summary=second)
    assert (second.n_records, second.n_skipped) == (3, 4)
    articles = read_tables(tmp_path / "out").articles.set_index("article_id")
    assert articles.loc["zz-republished", "duplicate_of"] == SHORT_ARTICLES[0]

    # an edited article is processed again and replaces its rows
    edited = folder / f"{SHORT_ARTICLES[1]}.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\nPhóng viên Nguyễn Văn An\n", encoding="utf-8")
    third = pipeline.RunSummary()
    run_to([folder], tmp_path / "out", db=db, batch_size=2, summary=third)
    assert (third.n_records, third.n_skipped) == (1, 6)

    # nothing new: nothing processed, and (new files sorting after the stored
    # ones, edits in place) the tables are those of one full run
    fourth = pipeline.RunSummary()
    run_to([folder], tmp_path / "out", db=db, summary=fourth)
    assert (fourth.n_records, fourth.n_skipped) == (0, 7)
    ids = _stored_ids(db)
    assert len(ids) == len(set(ids)) == 7
    assert_same_tables(pipeline.run([folder]), read_tables(tmp_path / "out"))


def test_unchanged_record_is_recognised_before_cleaning(tmp_path):
    record = pipeline.ingest.record_from_text("Tiêu đề\n\nNội dung bài viết.", article_id="a")
    same = pipeline.ingest.record_from_text("Tiêu đề\n\nNội dung bài viết.", article_id="a", source_path="elsewhere.txt")
    assert raw_hash(record) == raw_hash(same)  # the path is not part of the hash
    assert raw_hash(record) != raw_hash(pipeline.ingest.record_from_text("Tiêu đề\n\nNội dung khác.", article_id="a"))


def test_a_database_of_plain_tables_is_refused(tmp_path):
    pipeline.Tables.empty().to_duckdb(tmp_path / "plain.duckdb")
    with pytest.raises(StoreError):
        Store(tmp_path / "plain.duckdb")


_KILLED_RUN = textwrap.dedent(
    """
    import sys, time
    from pipeline.api import run_to

    def before_commit(batch):
        # batches 1 and 2 commit; batch 3 is inserted, and the run is killed
        # before its commit
        if batch == 3:
            print("inside batch 3", flush=True)
            time.sleep(600)
        print("committing batch", batch, flush=True)

    run_to([sys.argv[1]], sys.argv[2], db=sys.argv[3], batch_size=2, store_options={"before_commit": before_commit})
    print("finished", flush=True)
    """
)


@pytest.mark.timeout(300)
def test_killed_run_started_again_has_every_article_exactly_once(tmp_path, repo_root):
    folder, db = tmp_path / "in", tmp_path / "kb.duckdb"
    _copy(repo_root, folder, SHORT_ARTICLES)
    (folder / "hong.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe")  # an error row is an article too
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_RUN, str(folder), str(tmp_path / "killed-out"), str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        lines = []
        for line in child.stdout:
            lines.append(line.strip())
            if line.startswith("inside batch 3"):
                break
        assert lines[-1] == "inside batch 3", (lines, child.stderr.read() if child.poll() is not None else "")
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert not (tmp_path / "killed-out" / "articles.parquet").exists()

    ids = _stored_ids(db)
    assert ids == sorted(ids) and len(ids) == 4  # whole batches only: 1 and 2

    summary = pipeline.RunSummary()
    run_to([folder], tmp_path / "out", db=db, batch_size=2, summary=summary)
    assert summary.n_skipped == 4 and summary.n_records == len(SHORT_ARTICLES) + 1 - 4
    ids = _stored_ids(db)
    assert sorted(ids) == sorted([*SHORT_ARTICLES, "hong"]) and len(ids) == len(set(ids))
    with duckdb.connect(str(db), read_only=True) as connection:
        assert connection.execute("SELECT count(*), count(DISTINCT article_id) FROM processed").fetchall() == [(9, 9)]
    # the tables of an uninterrupted run, in the same order
    assert_same_tables(pipeline.run([folder]), read_tables(tmp_path / "out"))
