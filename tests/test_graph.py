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
