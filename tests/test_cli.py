"""The command line: run, exit codes, summary."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_help_lists_commands():
    result = _cli("--help")
    assert result.returncode == 0
    assert "run" in result.stdout


def test_run_writes_tables_and_summary(tmp_path, sample_text):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bai-1.txt").write_text(sample_text, encoding="utf-8")
    (tmp_path / "in" / "hong.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe")
    result = _cli("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--format", "csv", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert "1 ok, 1 error" in result.stderr.replace("\n", " ")
    articles = pd.read_csv(tmp_path / "out" / "articles.csv")
    assert set(articles["article_id"]) == {"bai-1", "hong"}
    assert "binary" in articles.set_index("article_id").loc["hong", "error"].lower()


def test_strict_fails_on_error_rows(tmp_path):
    (tmp_path / "rong.txt").write_text("", encoding="utf-8")
    result = _cli("run", str(tmp_path / "rong.txt"), "--out", str(tmp_path / "out"), "--strict", "--no-progress")
    assert result.returncode == 1


def test_usage_errors_exit_non_zero(tmp_path):
    assert _cli("run").returncode == 2
    assert _cli("run", str(tmp_path), "--format", "xlsx").returncode == 2
