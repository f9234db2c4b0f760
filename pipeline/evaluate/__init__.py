"""Evaluation against gold annotations.

:mod:`.schema` scores extracted entities and relations against the gold JSON
Lines files (rules: ``knowledge-schema.md``, "How a prediction is scored
against gold"); :mod:`.baseline` gives underthesea's NER as a baseline;
:mod:`.segmentation` scores word segmentation against a treebank.

:func:`evaluate_corpus` composes them::

    tables = evaluate_corpus("corpus/gold/dev-a.jsonl", predict)
    print(format_report(tables, misses=True))

where ``predict(list of (id, text)) -> predictions`` (format: :mod:`.schema`).
"""

from __future__ import annotations

from typing import Callable, Mapping

import pandas as pd

from pipeline.evaluate.baseline import underthesea_predictions
from pipeline.evaluate.schema import (
    ENTITY_LABELS,
    QUALIFIERS,
    RELATION_TYPES,
    EntityScores,
    GoldArticle,
    RelationScores,
    format_report,
    load_gold,
    predictions_from_tables,
    score_entities,
    score_relations,
    scoring_key,
)

__all__ = [
    "ENTITY_LABELS",
    "RELATION_TYPES",
    "QUALIFIERS",
    "GoldArticle",
    "EntityScores",
    "RelationScores",
    "load_gold",
    "scoring_key",
    "score_entities",
    "score_relations",
    "predictions_from_tables",
    "format_report",
    "underthesea_predictions",
    "evaluate_corpus",
]


def evaluate_corpus(
    gold_path,
    predict: Callable[[list[tuple[str, str]]], Mapping[str, dict]],
) -> dict[str, pd.DataFrame]:
    """Score ``predict`` on a gold file.

    ``predict`` receives ``[(article id, gold text), ...]`` and returns the
    predictions mapping (``article id -> {"entities": [...], "relations":
    [...]}``).  The result holds the tables of :class:`EntityScores` and
    :class:`RelationScores`: ``entities``, ``relations`` (per label / type and
    micro P/R/F1), ``qualifiers`` (title / award accuracy), the per-article
    counts, the misses, false positives and qualifier errors, and
    ``warnings`` (one column ``warning``).
    """
    gold = load_gold(gold_path)
    predictions = predict([(article.id, article.text) for article in gold]) or {}
    entities = score_entities(gold, predictions)
    relations = score_relations(gold, predictions)
    tables = {**entities.tables(), **relations.tables()}
    warnings = list(dict.fromkeys(entities.warnings + relations.warnings))
    tables["warnings"] = pd.DataFrame({"warning": warnings}, dtype="object")
    return tables
