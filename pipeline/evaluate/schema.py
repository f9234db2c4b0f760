"""Scoring extracted entities and relations against gold annotations.

The rules are those of ``knowledge-schema.md`` ("How a prediction is scored
against gold"), per article and then summed:

* strings are compared by :func:`scoring_key` (NFC, modern tone placement, case
  folding, whitespace collapsed, ``&`` -> ``và``, ``UBND``/``HĐND``/``TT&TT``/
  ``TTTT`` expanded; for LOC a leading unit word dropped; for DIRECTIVE the
  document number alone where there is one);
* entities (:func:`score_entities`): a predicted ``(label, text)`` is correct
  when its key equals the key of an alias of a gold entity of that label; a
  gold entity is found when any of its aliases is predicted.  Precision counts
  distinct predicted keys per article, recall gold entities;
* relations (:func:`score_relations`): a predicted ``(subject, relation,
  object)`` is correct when both ends match aliases of the ends of a gold
  relation of that type (each end compared under the label of the gold entity
  it names; dates as ISO strings).  Distinct predicted triples per article are
  counted once.  ``title`` (and ``award``) are scored separately, as accuracy
  over the gold rows that were found.

Predictions are a mapping ``article id -> {"entities": [(label, text), ...],
"relations": [{"subject", "subject_label", "relation", "object",
"object_label", "title", "award"}, ...]}``; :func:`predictions_from_tables`
builds it from the pipeline's mention and relation tables.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

from pipeline.clean.normalize import normalize_text
from pipeline.resources import read_lines

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
]

ENTITY_LABELS = ("PER", "ORG", "LOC", "DIRECTIVE")
RELATION_TYPES = ("holds_position", "issued_by", "issued_on", "part_of", "awarded")
#: qualifiers of a relation row, scored as accuracy over found gold rows
QUALIFIERS = ("title", "award")
#: the pseudo-label of a relation end that is a date (object of ``issued_on``)
DATE_LABEL = "DATE"
MICRO = "micro"

_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")


# --------------------------------------------------------------------------
# Gold
# --------------------------------------------------------------------------


@dataclass
class GoldArticle:
    """One gold-annotated article (a line of the gold JSON Lines file)."""

    id: str
    text: str
    meta: dict = field(default_factory=dict)
    #: ``(label, aliases)`` per distinct entity, aliases as written
    entities: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    #: ``{"subject", "relation", "object"[, "title"][, "award"]}``
    relations: list[dict] = field(default_factory=list)
    line: int | None = None


def _gold_error(path, line: int, message: str) -> ValueError:
    return ValueError(f"{path}:{line}: malformed gold: {message}")


def _parse_gold_line(raw: str, path, line: int) -> GoldArticle:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise _gold_error(path, line, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise _gold_error(path, line, "a line must be a JSON object")
    article_id = obj.get("id")
    if not isinstance(article_id, str) or not article_id.strip():
        raise _gold_error(path, line, 'missing or empty "id"')
    text = obj.get("text")
    if not isinstance(text, str):
        raise _gold_error(path, line, f'article {article_id!r}: missing "text"')
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise _gold_error(path, line, f'article {article_id!r}: "meta" must be an object')

    entities = []
    raw_entities = obj.get("entities", [])
    if not isinstance(raw_entities, list):
        raise _gold_error(path, line, f'article {article_id!r}: "entities" must be a list')
    for k, ent in enumerate(raw_entities):
        where = f"article {article_id!r}, entity #{k}"
        if not isinstance(ent, dict):
            raise _gold_error(path, line, f"{where}: must be an object")
        label = ent.get("label")
        if label not in ENTITY_LABELS:
            raise _gold_error(path, line, f"{where}: label {label!r} is not one of {', '.join(ENTITY_LABELS)}")
        aliases = ent.get("aliases")
        if (
            not isinstance(aliases, list)
            or not aliases
            or not all(isinstance(a, str) and a.strip() for a in aliases)
        ):
            raise _gold_error(path, line, f'{where}: "aliases" must be a non-empty list of non-empty strings')
        entities.append((label, tuple(aliases)))

    relations = []
    raw_relations = obj.get("relations", [])
    if not isinstance(raw_relations, list):
        raise _gold_error(path, line, f'article {article_id!r}: "relations" must be a list')
    for k, rel in enumerate(raw_relations):
        where = f"article {article_id!r}, relation #{k}"
        if not isinstance(rel, dict):
            raise _gold_error(path, line, f"{where}: must be an object")
        for key in ("subject", "object"):
            if not isinstance(rel.get(key), str) or not rel[key].strip():
                raise _gold_error(path, line, f'{where}: missing or empty "{key}"')
        if rel.get("relation") not in RELATION_TYPES:
            raise _gold_error(
                path, line, f"{where}: relation {rel.get('relation')!r} is not one of {', '.join(RELATION_TYPES)}"
            )
        for key in QUALIFIERS:
            if rel.get(key) is not None and not isinstance(rel[key], str):
                raise _gold_error(path, line, f'{where}: "{key}" must be a string')
        relations.append(dict(rel))
    return GoldArticle(article_id, text, meta, entities, relations, line)


def load_gold(path) -> list[GoldArticle]:
    """The gold articles of a JSON Lines file (format: ``knowledge-schema.md``).

    Raises ``ValueError`` naming the file and line of the first malformed
    record (invalid JSON, missing id/text, unknown label or relation type,
    empty alias list, duplicate id); blank lines are skipped.
    """
    path = Path(path)
    articles: list[GoldArticle] = []
    seen: dict[str, int] = {}
    with open(path, encoding="utf-8") as handle:
        for line, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            article = _parse_gold_line(raw, path, line)
            if article.id in seen:
                raise _gold_error(path, line, f"duplicate id {article.id!r} (first on line {seen[article.id]})")
            seen[article.id] = line
            articles.append(article)
    return articles


# --------------------------------------------------------------------------
# The comparison key
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _abbreviations() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, expansion) of ``models/lexicons/scoring_abbreviations.tsv``."""
    table = []
    for row in read_lines("lexicons", "scoring_abbreviations.tsv"):
        abbreviation, sep, expansion = row.partition("\t")
        if not sep or not abbreviation.strip() or not expansion.strip():
            raise ValueError(f"scoring_abbreviations.tsv: bad row {row!r}")
        abbreviation = normalize_text(abbreviation.strip())
        body = r"\s*&\s*".join(re.escape(part) for part in abbreviation.split("&"))
        pattern = re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE)
        table.append((pattern, normalize_text(expansion.strip())))
    # longest first, so that TT&TT is expanded before anything it contains
    table.sort(key=lambda item: -len(item[0].pattern))
    return tuple(table)


#: leading unit words dropped from a LOC (after case folding).  ``tp`` without
#: the dot is the same word as the schema's ``TP.`` and is dropped as well.
_LOC_UNIT_RE = re.compile(
    r"^(?:(?:thành phố|thị xã|tỉnh|huyện|quận|xã|phường|tp)\s+|tp\.\s*)(?=\S)"
)

#: a document number: starts with a digit and holds a ``/`` (07/2007/CT-UBND,
#: 749/QĐ-TTg, 05-NQ/TU, 2456/BTTTT-CVT); ends on a letter or digit
_DOC_NUMBER_RE = re.compile(r"(?<![\w/.\-])\d[\w.\-]*/[\w./\-]*\w")
#: a number without a slash, only after ``số`` (Quyết định số 1234)
_SO_NUMBER_RE = re.compile(r"(?<!\w)số\s+(\d[\w.\-]*\w|\d)(?![\w/])", re.IGNORECASE)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _general_key(text: str) -> str:
    for pattern, expansion in _abbreviations():
        text = pattern.sub(expansion, text)
    text = re.sub(r"\s*&\s*", " và ", text)
    return _fold(text)


def _directive_number(text: str) -> str | None:
    match = _DOC_NUMBER_RE.search(text)
    if match:
        return match.group(0)
    match = _SO_NUMBER_RE.search(text)
    if match:
        return match.group(1)
    return None


@functools.lru_cache(maxsize=200_000)
def scoring_key(text: str, label: str | None = None) -> str:
    """The form in which an extracted string is compared with gold.

    NFC, modern tone placement (``Uỷ`` -> ``ủy``), case folding, whitespace
    collapsed, ``UBND``/``HĐND``/``TT&TT``/``TTTT`` expanded (table:
    ``models/lexicons/scoring_abbreviations.tsv``), ``&`` -> ``và``; for
    ``LOC`` a leading unit word (``tỉnh``, ``thành phố``, ``TP.``, ``huyện``,
    ``quận``, ``thị xã``, ``xã``, ``phường``) dropped; for ``DIRECTIVE`` the
    document number alone where there is one (``Chỉ thị số 07/2007/CT-UBND``
    -> ``07/2007/ct-ubnd``; a law without number keeps its name).  A ``DATE``
    end compares as its ISO ``YYYY-MM-DD`` string.

    HTML entities (``&amp;``) are unescaped too, by :func:`normalize_text`:
    this goes beyond the schema's list, but only matters for gold aliases,
    which are copied from the raw scraped text (``Sở TT&amp;TT``); the clean
    text the pipeline extracts from cannot contain an HTML entity.
    """
    if text is None:
        return ""
    text = str(text)
    if label == DATE_LABEL:
        text = text.strip()
        match = _ISO_DATE_RE.match(text)
        return match.group(0) if match else _fold(text)
    # normalize_text: HTML entities, NFC, invisible characters, dash and quote
    # variants, modern tone placement; then a single line
    text = " ".join(normalize_text(text).split())
    if label == "DIRECTIVE":
        number = _directive_number(text)
        if number is not None:
            return _fold(number)
    key = _general_key(text)
    if label == "LOC":
        key = _LOC_UNIT_RE.sub("", key, count=1)
    return key


# --------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------


def _ratio(num: int, den: int) -> float:
    return num / den if den else math.nan


def _prf(n_pred: int, n_correct: int, n_gold: int, n_found: int) -> tuple[float, float, float]:
    """Precision (correct / predicted), recall (found / gold) and F1; a side
    with nothing to count is 0 when the other side has something, NaN when
    both are empty."""
    if not n_pred and not n_gold:
        return math.nan, math.nan, math.nan
    precision = n_correct / n_pred if n_pred else 0.0
    recall = n_found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


_COUNT_COLUMNS = ["predicted", "correct", "gold", "found"]


def _score_table(counts: pd.DataFrame, key: str, order: Iterable[str]) -> pd.DataFrame:
    """Per-``key`` and micro P/R/F1 from per-article count rows."""
    if counts.empty:
        summed = pd.DataFrame(columns=_COUNT_COLUMNS, dtype="int64")
    else:
        summed = counts.groupby(key)[_COUNT_COLUMNS].sum()
    keys = list(order) + sorted(k for k in summed.index if k not in set(order))
    rows = []
    for name in keys:
        values = summed.loc[name] if name in summed.index else pd.Series(0, index=_COUNT_COLUMNS)
        rows.append((name, *(int(values[c]) for c in _COUNT_COLUMNS)))
    totals = tuple(sum(row[i] for row in rows) for i in range(1, 5))
    rows.append((MICRO, *totals))
    table = pd.DataFrame(rows, columns=[key, *_COUNT_COLUMNS])
    prf = [_prf(*row[1:]) for row in rows]
    table["precision"] = [p for p, _, _ in prf]
    table["recall"] = [r for _, r, _ in prf]
    table["f1"] = [f for _, _, f in prf]
    table["support"] = table["gold"]
    return table


_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])\s+|\n+")
_CONTEXT_LIMIT = 300


class _Context:
    """Finds the sentence of an article that holds a string (for listing
    misses and false positives)."""

    def __init__(self, text: str):
        self.text = normalize_text(text)
        self.lower = self.text.lower()
        if len(self.lower) != len(self.text):  # lower() changed lengths: search as is
            self.lower = self.text
        self.bounds = [0]
        for match in _SENTENCE_END_RE.finditer(self.text):
            self.bounds.append(match.end())
        self._cache: dict[str, int] = {}

    def _find(self, needle: str) -> int:
        if needle not in self._cache:
            key = " ".join(normalize_text(needle).split()).lower()
            self._cache[needle] = self.lower.find(key) if key else -1
        return self._cache[needle]

    def _sentence_index(self, pos: int) -> int:
        lo, hi = 0, len(self.bounds) - 1
        while lo < hi:  # last bound <= pos
            mid = (lo + hi + 1) // 2
            if self.bounds[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def _sentence(self, k: int, pos: int) -> str:
        """Sentence ``k``; a long one cut to a window around ``pos``."""
        start = self.bounds[k]
        end = self.bounds[k + 1] if k + 1 < len(self.bounds) else len(self.text)
        if end - start > _CONTEXT_LIMIT:
            lo = max(start, min(pos - _CONTEXT_LIMIT // 3, end - _CONTEXT_LIMIT))
            hi = min(end, lo + _CONTEXT_LIMIT)
            piece = ("…" if lo > start else "") + self.text[lo:hi] + ("…" if hi < end else "")
        else:
            piece = self.text[start:end]
        return " ".join(piece.split())

    def sentence(self, *needles: str) -> str:
        """The sentence holding the first needle that occurs (a sentence holding
        all of them if there is one); "" when none occurs."""
        found = [(n, p) for n, p in ((n, self._find(n)) for n in needles if n) if p >= 0]
        if not found:
            return ""
        if len(found) > 1:
            keys = [" ".join(normalize_text(n).split()).lower() for n, _ in found]
            for k in range(len(self.bounds)):
                start = self.bounds[k]
                end = self.bounds[k + 1] if k + 1 < len(self.bounds) else len(self.text)
                if all(key in self.lower[start:end] for key in keys):
                    return self._sentence(k, max(start, self.lower.find(keys[0], start)))
        return self._sentence(self._sentence_index(found[0][1]), found[0][1])


# --------------------------------------------------------------------------
# Entities
# --------------------------------------------------------------------------


@dataclass
class EntityScores:
    """Entity scores: ``table`` has one row per label and a ``micro`` row
    (predicted, correct, gold, found, precision, recall, f1, support);
    ``per_article`` the counts the table sums; ``misses`` the gold entities not
    found and ``false_positives`` the predicted strings that match nothing,
    each with the sentence of the article where the string occurs."""

    table: pd.DataFrame
    per_article: pd.DataFrame
    misses: pd.DataFrame
    false_positives: pd.DataFrame
    warnings: list[str] = field(default_factory=list)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {
            "entities": self.table,
            "entities_per_article": self.per_article,
            "entity_misses": self.misses,
            "entity_false_positives": self.false_positives,
        }


def _article_predictions(predictions: Mapping, article_id: str) -> dict:
    pred = predictions.get(article_id) if predictions else None
    return pred or {}


def _unknown_ids(gold_articles: list[GoldArticle], predictions: Mapping) -> list[str]:
    known = {g.id for g in gold_articles}
    unknown = sorted(str(k) for k in (predictions or {}) if k not in known)
    if not unknown:
        return []
    shown = ", ".join(unknown[:5]) + (" ..." if len(unknown) > 5 else "")
    return [f"{len(unknown)} predicted article(s) not in gold, ignored: {shown}"]


def score_entities(gold_articles: list[GoldArticle], predictions: Mapping) -> EntityScores:
    """Entity P/R/F1 per label and micro (rules: module doc)."""
    count_rows, miss_rows, fp_rows = [], [], []
    for gold in gold_articles:
        context = _Context(gold.text)
        gold_keys: dict[str, set[str]] = defaultdict(set)  # label -> alias keys
        entity_keys = []
        for label, aliases in gold.entities:
            keys = {scoring_key(a, label) for a in aliases}
            entity_keys.append((label, aliases, keys))
            gold_keys[label] |= keys

        predicted: dict[tuple[str, str], str] = {}  # (label, key) -> first text
        for item in _article_predictions(predictions, gold.id).get("entities", []) or []:
            if isinstance(item, Mapping):
                label, text = item.get("label"), item.get("text")
            else:
                label, text = item[0], item[1]
            if text is None or not str(text).strip():
                continue
            predicted.setdefault((str(label), scoring_key(str(text), str(label))), str(text))
        predicted_keys: dict[str, set[str]] = defaultdict(set)
        for label, key in predicted:
            predicted_keys[label].add(key)

        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for (label, key), text in predicted.items():
            counts[label][0] += 1
            if key in gold_keys.get(label, ()):
                counts[label][1] += 1
            else:
                fp_rows.append((gold.id, label, text, context.sentence(text)))
        for label, aliases, keys in entity_keys:
            counts[label][2] += 1
            if keys & predicted_keys.get(label, set()):
                counts[label][3] += 1
            else:
                sentence = next((s for s in map(context.sentence, aliases) if s), "")
                miss_rows.append((gold.id, label, " | ".join(aliases), sentence))
        for label, (n_pred, n_correct, n_gold, n_found) in counts.items():
            count_rows.append((gold.id, label, n_pred, n_correct, n_gold, n_found))

    per_article = pd.DataFrame(count_rows, columns=["article_id", "label", *_COUNT_COLUMNS])
    return EntityScores(
        table=_score_table(per_article, "label", ENTITY_LABELS),
        per_article=per_article,
        misses=pd.DataFrame(miss_rows, columns=["article_id", "label", "aliases", "sentence"]),
        false_positives=pd.DataFrame(fp_rows, columns=["article_id", "label", "text", "sentence"]),
        warnings=_unknown_ids(gold_articles, predictions),
    )


# --------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------


@dataclass
class RelationScores:
    """Relation scores: ``table`` per relation type and micro; ``qualifiers``
    the accuracy of ``title`` (and ``award``) over the gold rows that were
    found (``found`` = found rows with that qualifier in gold); ``misses``,
    ``false_positives`` and ``qualifier_errors`` list what went wrong."""

    table: pd.DataFrame
    qualifiers: pd.DataFrame
    per_article: pd.DataFrame
    misses: pd.DataFrame
    false_positives: pd.DataFrame
    qualifier_errors: pd.DataFrame
    warnings: list[str] = field(default_factory=list)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {
            "relations": self.table,
            "qualifiers": self.qualifiers,
            "relations_per_article": self.per_article,
            "relation_misses": self.misses,
            "relation_false_positives": self.false_positives,
            "qualifier_errors": self.qualifier_errors,
        }


def _resolve_end(gold: GoldArticle, end: str, warnings: list[str]) -> list[tuple[str | None, frozenset[str]]]:
    """The ways a gold relation end can be matched: ``(label, alias keys)`` of
    the gold entities it names (an exact alias first, else an alias with the
    same key), or a date.  An end naming no entity is compared as itself."""
    exact = [(label, aliases) for label, aliases in gold.entities if end in aliases]
    if not exact:
        norm = unicodedata.normalize("NFC", end.strip())
        exact = [
            (label, aliases)
            for label, aliases in gold.entities
            if norm in {unicodedata.normalize("NFC", a.strip()) for a in aliases}
        ]
    if not exact:
        exact = [
            (label, aliases)
            for label, aliases in gold.entities
            if scoring_key(end, label) in {scoring_key(a, label) for a in aliases}
        ]
    if exact:
        return [(label, frozenset(scoring_key(a, label) for a in aliases)) for label, aliases in exact]
    if _ISO_DATE_RE.match(end.strip()):
        return [(DATE_LABEL, frozenset([scoring_key(end, DATE_LABEL)]))]
    warnings.append(f"{gold.id}: relation end {end!r} names no gold entity; compared as written")
    return [(None, frozenset([scoring_key(end, None)]))]


def _end_matches(candidates: list[str], ways: list[tuple[str | None, frozenset[str]]]) -> bool:
    return any(scoring_key(c, label) in keys for label, keys in ways for c in candidates)


def _as_text(value) -> str | None:
    """A table cell as a string (``None`` for missing / NaN; dates as ISO)."""
    if value is None:
        return None
    if not isinstance(value, (list, tuple, dict, set)) and pd.isna(value):
        return None  # NaN, NaT, pd.NA
    if isinstance(value, (datetime, pd.Timestamp)):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


def _ordered_unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def score_relations(gold_articles: list[GoldArticle], predictions: Mapping) -> RelationScores:
    """Relation P/R/F1 per type and micro, title/award accuracy (rules:
    module doc).

    A predicted relation may carry ``subject_aliases`` / ``object_aliases``
    (other surface forms of the same predicted entity in the article, as
    :func:`predictions_from_tables` adds them): an end then matches when its
    string or any of these matches an alias of the gold end.
    """
    warnings = _unknown_ids(gold_articles, predictions)
    count_rows, miss_rows, fp_rows, qualifier_error_rows = [], [], [], []
    qualifier_counts = {q: [0, 0] for q in QUALIFIERS}  # found with gold qualifier, correct
    qualifier_seen = {q: False for q in QUALIFIERS}
    for gold in gold_articles:
        context = _Context(gold.text)
        gold_rows = []
        for rel in gold.relations:
            gold_rows.append(
                (rel, _resolve_end(gold, rel["subject"], warnings), _resolve_end(gold, rel["object"], warnings))
            )
            for q in QUALIFIERS:
                if rel.get(q):
                    qualifier_seen[q] = True

        # distinct predicted triples (same relation and end keys: one triple)
        distinct: dict[tuple, dict] = {}
        for rel in _article_predictions(predictions, gold.id).get("relations", []) or []:
            relation = _as_text(rel.get("relation"))
            subject, obj = _as_text(rel.get("subject")), _as_text(rel.get("object"))
            if not relation or not subject or not obj:
                continue
            key = (
                relation,
                scoring_key(subject, _as_text(rel.get("subject_label"))),
                scoring_key(obj, _as_text(rel.get("object_label"))),
            )
            merged = distinct.setdefault(
                key,
                {"relation": relation, "subject": subject, "object": obj, "subjects": [], "objects": [],
                 "title": [], "award": [], "evidence": _as_text(rel.get("evidence"))},
            )
            merged["subjects"] = _ordered_unique(
                merged["subjects"] + [subject] + [_as_text(a) for a in rel.get("subject_aliases") or ()]
            )
            merged["objects"] = _ordered_unique(
                merged["objects"] + [obj] + [_as_text(a) for a in rel.get("object_aliases") or ()]
            )
            for q in QUALIFIERS:
                value = _as_text(rel.get(q))
                if value is not None:
                    merged[q] = _ordered_unique(merged[q] + [value])

        found_by: dict[int, list[dict]] = defaultdict(list)  # gold row -> matching predictions
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for pred in distinct.values():
            counts[pred["relation"]][0] += 1
            matched = False
            for k, (rel, subject_ways, object_ways) in enumerate(gold_rows):
                if (
                    rel["relation"] == pred["relation"]
                    and _end_matches(pred["subjects"], subject_ways)
                    and _end_matches(pred["objects"], object_ways)
                ):
                    matched = True
                    found_by[k].append(pred)
            if matched:
                counts[pred["relation"]][1] += 1
            else:
                fp_rows.append(
                    (gold.id, pred["relation"], pred["subject"], pred["object"],
                     " | ".join(pred["title"]) or None, " | ".join(pred["award"]) or None,
                     pred["evidence"] or context.sentence(pred["subject"], pred["object"]))
                )
        for k, (rel, _, _) in enumerate(gold_rows):
            counts[rel["relation"]][2] += 1
            matches = found_by.get(k)
            if not matches:
                miss_rows.append(
                    (gold.id, rel["relation"], rel["subject"], rel["object"], rel.get("title"), rel.get("award"),
                     context.sentence(rel["subject"], rel["object"]))
                )
                continue
            counts[rel["relation"]][3] += 1
            for q in QUALIFIERS:
                gold_value = rel.get(q)
                if not gold_value:
                    continue
                predicted_values = _ordered_unique(v for m in matches for v in m[q])
                correct = scoring_key(gold_value) in {scoring_key(v) for v in predicted_values}
                qualifier_counts[q][0] += 1
                qualifier_counts[q][1] += correct
                if not correct:
                    qualifier_error_rows.append(
                        (gold.id, q, rel["subject"], rel["relation"], rel["object"], gold_value,
                         " | ".join(predicted_values) or None)
                    )
        for relation, (n_pred, n_correct, n_gold, n_found) in counts.items():
            count_rows.append((gold.id, relation, n_pred, n_correct, n_gold, n_found))

    per_article = pd.DataFrame(count_rows, columns=["article_id", "relation", *_COUNT_COLUMNS])
    qualifiers = pd.DataFrame(
        [
            (q, qualifier_counts[q][0], qualifier_counts[q][1], _ratio(qualifier_counts[q][1], qualifier_counts[q][0]))
            for q in QUALIFIERS
            if q == "title" or qualifier_seen[q]
        ],
        columns=["qualifier", "found", "correct", "accuracy"],
    )
    return RelationScores(
        table=_score_table(per_article, "relation", RELATION_TYPES),
        qualifiers=qualifiers,
        per_article=per_article,
        misses=pd.DataFrame(
            miss_rows, columns=["article_id", "relation", "subject", "object", "title", "award", "sentence"]
        ),
        false_positives=pd.DataFrame(
            fp_rows, columns=["article_id", "relation", "subject", "object", "title", "award", "sentence"]
        ),
        qualifier_errors=pd.DataFrame(
            qualifier_error_rows,
            columns=["article_id", "qualifier", "subject", "relation", "object", "gold", "predicted"],
        ),
        warnings=warnings,
    )


# --------------------------------------------------------------------------
# Predictions from the pipeline's tables
# --------------------------------------------------------------------------


def predictions_from_tables(
    mentions_df: pd.DataFrame | None,
    relations_df: pd.DataFrame | None,
    *,
    labels: Iterable[str] = ENTITY_LABELS,
    end_aliases: bool = True,
) -> dict[str, dict]:
    """The predictions mapping of the pipeline's output tables.

    ``mentions_df``: article_id, text, label (, entity_id); each mention's
    surface ``text`` is a predicted entity of its label; labels outside
    ``labels`` (the schema's four; e.g. ``DATE`` mentions that serve as
    relation objects) are left out, dates being no entities in the schema.
    ``relations_df``: article_id, subject, subject_label, relation, object,
    object_label, title (, award, evidence, subject_id, object_id).  With
    ``end_aliases`` each relation also carries ``subject_aliases`` /
    ``object_aliases``: the surface texts of the mentions of its subject /
    object entity (same ``entity_id``) in that article, so that an end named by
    a canonical form (``Công an tỉnh Gia Lai``) matches gold aliases of the
    forms the article used (``Công an tỉnh``).
    """
    labels = set(labels)
    predictions: dict[str, dict] = {}

    def entry(article_id) -> dict:
        return predictions.setdefault(str(article_id), {"entities": [], "relations": []})

    surfaces: dict[tuple[str, str], list[str]] = defaultdict(list)  # (article, entity_id) -> texts
    if mentions_df is not None and len(mentions_df):
        has_ids = "entity_id" in mentions_df.columns
        columns = ["article_id", "label", "text"] + (["entity_id"] if has_ids else [])
        for row in mentions_df[columns].itertuples(index=False):
            article_id, label, text = str(row.article_id), _as_text(row.label), _as_text(row.text)
            item = entry(article_id)
            if text is None:
                continue
            if label in labels:
                item["entities"].append((label, text))
            entity = _as_text(row.entity_id) if has_ids else None
            if entity is not None:
                surfaces[(article_id, entity)].append(text)

    if relations_df is not None and len(relations_df):
        for row in relations_df.to_dict("records"):
            article_id = str(row["article_id"])
            rel = {
                "subject": _as_text(row.get("subject")),
                "subject_label": _as_text(row.get("subject_label")),
                "relation": _as_text(row.get("relation")),
                "object": _as_text(row.get("object")),
                "object_label": _as_text(row.get("object_label")),
                "title": _as_text(row.get("title")),
                "award": _as_text(row.get("award")),
            }
            if _as_text(row.get("evidence")) is not None:
                rel["evidence"] = _as_text(row.get("evidence"))
            if end_aliases:
                for end in ("subject", "object"):
                    entity = _as_text(row.get(f"{end}_id"))
                    if entity is not None and (article_id, entity) in surfaces:
                        rel[f"{end}_aliases"] = _ordered_unique(surfaces[(article_id, entity)])
            entry(article_id)["relations"].append(rel)
    return predictions


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def _pct(value) -> str:
    return "-" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{100 * value:5.1f}"


def _format_scores(table: pd.DataFrame, key: str, title: str) -> list[str]:
    width = max([len(key), len(MICRO)] + [len(str(v)) for v in table[key]])
    header = f"{key:<{width}}  {'P':>5}  {'R':>5}  {'F1':>5}  {'support':>7}  {'pred':>5}  {'correct':>7}  {'found':>5}"
    lines = [title, header, "-" * len(header)]
    for row in table.itertuples(index=False):
        name = getattr(row, key)
        if name == MICRO:
            lines.append("-" * len(header))
        lines.append(
            f"{name:<{width}}  {_pct(row.precision):>5}  {_pct(row.recall):>5}  {_pct(row.f1):>5}  "
            f"{row.support:>7}  {row.predicted:>5}  {row.correct:>7}  {row.found:>5}"
        )
    return lines


def _format_rows(df: pd.DataFrame, title: str, columns: list[str]) -> list[str]:
    lines = [f"{title} ({len(df)})"]
    current = None
    for row in df.to_dict("records"):
        if row["article_id"] != current:
            current = row["article_id"]
            lines.append(f"  [{current}]")
        values = []
        for column in columns:
            value = _as_text(row.get(column))
            if value is None or column == "sentence":
                continue
            values.append(f"{column}={value}" if column in ("title", "award", "gold", "predicted") else value)
        lines.append("    " + "  ".join(values))
        sentence = _as_text(row.get("sentence"))
        if "sentence" in columns and sentence:
            lines.append(f"        « {sentence} »")
    return lines


def _as_tables(scores) -> dict[str, pd.DataFrame]:
    if isinstance(scores, (EntityScores, RelationScores)):
        return scores.tables()
    if isinstance(scores, Mapping):
        return dict(scores)
    if isinstance(scores, (tuple, list)):
        merged: dict[str, pd.DataFrame] = {}
        for part in scores:
            merged.update(_as_tables(part))
        return merged
    raise TypeError(f"cannot format scores of type {type(scores).__name__}")


def format_report(scores, misses: bool = False) -> str:
    """A readable report of :class:`EntityScores`, :class:`RelationScores`, a
    sequence of them or the dict of tables of ``evaluate_corpus``: per label /
    relation P, R, F1 (in %), support and counts, micro; with ``misses`` the
    missed gold items and false positives, per article, with their sentence."""
    tables = _as_tables(scores)
    lines: list[str] = []
    if "entities" in tables:
        lines += _format_scores(tables["entities"], "label", "Entities")
    if "relations" in tables:
        lines += [""] if lines else []
        lines += _format_scores(tables["relations"], "relation", "Relations")
    if "qualifiers" in tables and len(tables["qualifiers"]):
        lines.append("")
        for row in tables["qualifiers"].itertuples(index=False):
            lines.append(
                f"{row.qualifier} accuracy over found rows: {_pct(row.accuracy).strip()}% ({row.correct}/{row.found})"
            )
    if misses:
        sections = [
            ("entity_misses", "Missed gold entities", ["label", "aliases", "sentence"]),
            ("entity_false_positives", "False positive entities", ["label", "text", "sentence"]),
            ("relation_misses", "Missed gold relations", ["subject", "relation", "object", "title", "award", "sentence"]),
            ("relation_false_positives", "False positive relations",
             ["subject", "relation", "object", "title", "award", "sentence"]),
            ("qualifier_errors", "Wrong qualifiers", ["qualifier", "subject", "relation", "object", "gold", "predicted"]),
        ]
        for name, title, columns in sections:
            if name in tables and len(tables[name]):
                lines.append("")
                lines += _format_rows(tables[name], title, columns)
    return "\n".join(lines)
