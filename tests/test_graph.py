"""GraphML export of the knowledge table."""

from __future__ import annotations

import networkx as nx

import pipeline
from pipeline.graph import knowledge_graph, write_graphml


def test_graph_of_an_article_round_trips_through_graphml(tmp_path):
    text = (
        "UBND tỉnh Sóc Trăng ban hành kế hoạch chuyển đổi số\n\n"
        "Ngày 12/3/2024, UBND tỉnh Sóc Trăng ban hành Kế hoạch số 45/KH-UBND về chuyển đổi số. "
        "Ông Lâm Hoàng Nghiệp, Phó Chủ tịch UBND tỉnh Sóc Trăng, chủ trì hội nghị triển khai."
    )
    result = pipeline.process_text(text, article_id="soc-trang")
    graph = knowledge_graph(result.tables)
    assert graph.number_of_edges() == len(result.relations)
    relations = {data["relation"] for _, _, data in graph.edges(data=True)}
    assert "holds_position" in relations
    path = write_graphml(result.tables, tmp_path / "kb.graphml")
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    names = {data["name"] for _, data in back.nodes(data=True)}
    assert "Lâm Hoàng Nghiệp" in names


def test_cli_writes_the_graph(tmp_path, sample_text):
    import subprocess
    import sys

    (tmp_path / "bai.txt").write_text(sample_text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(tmp_path / "bai.txt"), "--out", str(tmp_path / "out"),
         "--format", "csv", "--graph", str(tmp_path / "kb.graphml"), "--no-progress"],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    graph = nx.read_graphml(tmp_path / "kb.graphml")
    titles = {data.get("title") for _, _, data in graph.edges(data=True)}
    assert "Phó Chủ tịch Thường trực" in titles
