"""The knowledge graph: entities as nodes, knowledge-table rows as edges.

Exported as GraphML, which Gephi, networkx, igraph and yEd read.  Nodes are
the corpus-wide entities (``entity_id``) with their label, canonical form and
counts; every ``relations`` row is a directed edge subject -> object with the
relation, its qualifier (``title`` or ``award``), the article and the
evidence sentence.  Dates (``issued_on`` objects) become nodes of label
``DATE`` so that "which documents were issued on 2007-05-02" is a graph query
too.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd

from .tables import Tables


def _clean(value) -> str | int | float:
    """GraphML attributes: strings and numbers only (no None, no lists)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, (list, tuple)):
        return " | ".join(str(item) for item in value)
    if isinstance(value, (int, float, str)):
        return value
    return str(value)


def knowledge_graph(tables: Tables) -> nx.MultiDiGraph:
    """A directed multigraph of all entities and relations of ``tables``.

    >>> graph = knowledge_graph(Tables.empty())
    >>> graph.number_of_nodes(), graph.number_of_edges()
    (0, 0)
    """
    graph = nx.MultiDiGraph()
    for row in tables.entities.to_dict("records"):
        graph.add_node(
            row["entity_id"], label=row["label"], name=_clean(row["canonical"]), aliases=_clean(list(row["aliases"])),
            n_mentions=int(row["n_mentions"]), n_articles=int(row["n_articles"]),
        )
    for row in tables.relations.to_dict("records"):
        ends = []
        for end in ("subject", "object"):
            node = _clean(row.get(f"{end}_id")) or f"{row.get(f'{end}_label') or '?'}:{row.get(end)}"
            if node not in graph:
                graph.add_node(node, label=_clean(row.get(f"{end}_label")), name=_clean(row.get(end)), aliases="",
                               n_mentions=0, n_articles=0)
            ends.append(node)
        graph.add_edge(
            ends[0], ends[1], relation=row["relation"], title=_clean(row.get("title")), award=_clean(row.get("award")),
            article_id=_clean(row["article_id"]), evidence=_clean(row.get("evidence")),
            confidence=float(row["confidence"]) if pd.notna(row.get("confidence")) else 0.0,
        )
    return graph


def write_graphml(tables: Tables, path: str | Path) -> Path:
    """Write :func:`knowledge_graph` as a GraphML file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(knowledge_graph(tables), path)
    return path
