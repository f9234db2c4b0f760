"""The evaluate command: schema mode, baseline, segmentation mode, usage errors."""

from __future__ import annotations

import json
import subprocess
import sys


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "pipeline", "evaluate", *args], capture_output=True, text=True, timeout=600)


def test_gold_mode_prints_per_label_and_micro_with_baseline(tmp_path):
    text = "Sở TT&TT tỉnh Hậu Giang tổ chức tập huấn\n\nÔng Trịnh Quốc Bảo, Giám đốc Sở TT&TT tỉnh Hậu Giang, phát biểu khai mạc."
    gold = {
        "id": "t-1", "text": text, "meta": {},
        "entities": [{"label": "ORG", "aliases": ["Sở TT&TT tỉnh Hậu Giang"]}, {"label": "PER", "aliases": ["Trịnh Quốc Bảo"]}],
        "relations": [{"subject": "Trịnh Quốc Bảo", "relation": "holds_position", "object": "Sở TT&TT tỉnh Hậu Giang", "title": "Giám đốc"}],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    result = _cli(str(path), "--baseline", "underthesea", "--misses")
    assert result.returncode == 0, result.stderr
    for expected in ("Entities", "Relations", "holds_position", "micro", "underthesea", "title accuracy"):
        assert expected in result.stdout


def test_segmentation_mode_on_a_tiny_treebank(tmp_path):
    conllu = tmp_path / "tiny.conllu"
    conllu.write_text(
        "# text = Ủy ban nhân dân tỉnh họp\n"
        "1\tỦy ban nhân dân\t_\tNOUN\tN\t_\t0\troot\t_\t_\n2\ttỉnh\t_\tNOUN\tN\t_\t1\tnmod\t_\t_\n3\thọp\t_\tVERB\tV\t_\t1\tacl\t_\t_\n\n",
        encoding="utf-8",
    )
    result = _cli("--segmentation", str(conllu))
    assert result.returncode == 0, result.stderr
    assert "ours" in result.stdout and "pyvi" in result.stdout and "underthesea" in result.stdout


def test_usage_errors(tmp_path):
    assert _cli().returncode == 2
    assert _cli("--segmentation", str(tmp_path / "none.conllu")).returncode == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = _cli(str(bad))
    assert result.returncode == 1 and "bad.jsonl:1" in result.stderr
