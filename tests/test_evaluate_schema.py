"""Tests for pipeline.evaluate.schema (scoring against gold) and the
underthesea baseline, on small hand-made gold with known expected numbers."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from pipeline.evaluate import (
    evaluate_corpus,
    format_report,
    load_gold,
    predictions_from_tables,
    score_entities,
    score_relations,
    scoring_key,
)

# --------------------------------------------------------------------------
# Hand-made gold
# --------------------------------------------------------------------------

TEXT_A = (
    "Gia Lai: Triển khai Chỉ thị số 07/2007/CT-UBND\n\n"
    "(Mic.gov.vn) - Ngày 02/5/2007, Uỷ ban nhân dân tỉnh Gia Lai ban hành Chỉ thị số 07/2007/CT-UBND "
    "về tăng cường an ninh thông tin trên địa bàn tỉnh Gia Lai. Đồng chí Lê Việt Hường - Phó Chủ tịch "
    "Thường trực UBND tỉnh Gia Lai chủ trì hội nghị. Phòng Kỹ thuật nghiệp vụ II (Công an tỉnh) báo cáo. "
    "Bà Trần Thị Huệ, Chánh Văn phòng Bộ Thông tin &amp; Truyền thông dự. "
    "Đồng chí Lê Việt Hường trao bằng khen cho Bưu điện tỉnh.\n"
)
TEXT_B = "Ông Lê Việt Hường làm việc tại Hà Nội.\n"

GOLD_A = {
    "id": "t-a",
    "text": TEXT_A,
    "meta": {"title": "Gia Lai: Triển khai Chỉ thị số 07/2007/CT-UBND", "author": None, "source": "Mic.gov.vn"},
    "entities": [
        {"label": "PER", "aliases": ["Lê Việt Hường"]},
        {"label": "PER", "aliases": ["Trần Thị Huệ"]},
        {"label": "ORG", "aliases": ["Uỷ ban nhân dân tỉnh Gia Lai", "UBND tỉnh Gia Lai"]},
        {"label": "ORG", "aliases": ["Bộ Thông tin &amp; Truyền thông"]},
        {"label": "ORG", "aliases": ["Phòng Kỹ thuật nghiệp vụ II"]},
        {"label": "ORG", "aliases": ["Công an tỉnh"]},
        {"label": "ORG", "aliases": ["Bưu điện tỉnh"]},
        {"label": "LOC", "aliases": ["Gia Lai"]},
        {"label": "DIRECTIVE", "aliases": ["Chỉ thị số 07/2007/CT-UBND"]},
    ],
    "relations": [
        {"subject": "Lê Việt Hường", "relation": "holds_position", "object": "UBND tỉnh Gia Lai",
         "title": "Phó Chủ tịch Thường trực"},
        {"subject": "Chỉ thị số 07/2007/CT-UBND", "relation": "issued_by", "object": "Uỷ ban nhân dân tỉnh Gia Lai"},
        {"subject": "Chỉ thị số 07/2007/CT-UBND", "relation": "issued_on", "object": "2007-05-02"},
        {"subject": "Phòng Kỹ thuật nghiệp vụ II", "relation": "part_of", "object": "Công an tỉnh"},
        {"subject": "Lê Việt Hường", "relation": "awarded", "object": "Bưu điện tỉnh", "award": "bằng khen"},
        {"subject": "Trần Thị Huệ", "relation": "holds_position", "object": "Bộ Thông tin &amp; Truyền thông",
         "title": "Chánh Văn phòng"},
    ],
}
GOLD_B = {
    "id": "t-b",
    "text": TEXT_B,
    "meta": {},
    "entities": [
        {"label": "PER", "aliases": ["Lê Việt Hường"]},
        {"label": "LOC", "aliases": ["Hà Nội"]},
    ],
    "relations": [],
}


@pytest.fixture
def gold_path(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        "\n".join(json.dumps(g, ensure_ascii=False) for g in (GOLD_A, GOLD_B)) + "\n\n", encoding="utf-8"
    )
    return path


@pytest.fixture
def gold(gold_path):
    return load_gold(gold_path)


def _row(table: pd.DataFrame, column: str, name: str) -> dict:
    rows = table[table[column] == name].to_dict("records")
    assert len(rows) == 1, (name, table)
    return rows[0]


# --------------------------------------------------------------------------
# load_gold
# --------------------------------------------------------------------------


def test_load_gold(gold):
    assert [g.id for g in gold] == ["t-a", "t-b"]
    a = gold[0]
    assert a.text == TEXT_A
    assert a.meta["source"] == "Mic.gov.vn"
    assert a.entities[2] == ("ORG", ("Uỷ ban nhân dân tỉnh Gia Lai", "UBND tỉnh Gia Lai"))
    assert a.relations[0]["title"] == "Phó Chủ tịch Thường trực"
    assert a.line == 1


@pytest.mark.parametrize(
    "bad, message",
    [
        ("{not json", "invalid JSON"),
        (json.dumps({"text": "x"}), '"id"'),
        (json.dumps({"id": "x"}), '"text"'),
        (json.dumps({"id": "x", "text": "t", "entities": [{"label": "MISC", "aliases": ["A"]}]}), "MISC"),
        (json.dumps({"id": "x", "text": "t", "entities": [{"label": "PER", "aliases": []}]}), "aliases"),
        (json.dumps({"id": "x", "text": "t", "relations": [{"subject": "A", "relation": "knows", "object": "B"}]}),
         "knows"),
        (json.dumps({"id": "x", "text": "t", "relations": [{"subject": "A", "relation": "part_of"}]}), '"object"'),
        (json.dumps(GOLD_A, ensure_ascii=False), "duplicate id"),
    ],
)
def test_load_gold_names_the_malformed_line(tmp_path, bad, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOLD_A, ensure_ascii=False) + "\n\n" + bad + "\n", encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_gold(path)
    assert f"{path}:3:" in str(info.value)
    assert message in str(info.value)


# --------------------------------------------------------------------------
# scoring_key
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, label",
    [
        ("Uỷ ban nhân dân tỉnh Gia Lai", "Ủy ban nhân dân tỉnh Gia Lai", "ORG"),  # tone placement
        ("UBND tỉnh Gia Lai", "Ủy ban nhân dân tỉnh Gia Lai", "ORG"),  # UBND
        ("HĐND  tỉnh", "Hội đồng nhân dân tỉnh", "ORG"),  # HĐND, spaces
        ("Bộ TT&TT", "Bộ Thông tin và Truyền thông", "ORG"),  # TT&TT
        ("Sở TTTT", "Sở Thông tin và Truyền thông", "ORG"),  # TTTT
        ("Bộ Thông tin & Truyền thông", "bộ thông tin và truyền thông", "ORG"),  # & -> và, case
        ("Bộ TT&amp;TT", "Bộ Thông tin và Truyền thông", "ORG"),  # HTML entity of raw gold
        ("Ủy ban nhân dân tỉnh Gia Lai", "U\u0309y ban nhân dân tỉnh Gia Lai", "ORG"),  # NFD
        ("tỉnh Gia Lai", "Gia Lai", "LOC"),
        ("thành phố Hà Nội", "Hà Nội", "LOC"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh", "LOC"),
        ("TP.Hồ Chí Minh", "Hồ Chí Minh", "LOC"),
        ("thị xã An Khê", "An Khê", "LOC"),
        ("xã Lũng Cú", "Lũng Cú", "LOC"),
        ("Chỉ thị số 07/2007/CT-UBND", "07/2007/CT-UBND", "DIRECTIVE"),
        ("Chỉ thị 07/2007/CT-UBND", "Chỉ thị số 07/2007/CT-UBND", "DIRECTIVE"),
        ("Nghị quyết số 05-NQ/TU", "05-NQ/TU", "DIRECTIVE"),
        ("Quyết định số 749/QĐ-TTg", "quyết định 749/qđ-ttg", "DIRECTIVE"),
        ("Luật An ninh mạng", "luật an ninh  mạng", "DIRECTIVE"),
    ],
)
def test_scoring_key_equal(a, b, label):
    assert scoring_key(a, label) == scoring_key(b, label)


def test_scoring_key_values():
    assert scoring_key("UBND tỉnh Gia Lai", "ORG") == "ủy ban nhân dân tỉnh gia lai"
    assert scoring_key("Chỉ thị số 07/2007/CT-UBND", "DIRECTIVE") == "07/2007/ct-ubnd"
    assert scoring_key("Luật Viễn thông (sửa đổi)", "DIRECTIVE") == "luật viễn thông (sửa đổi)"
    assert scoring_key("2007-05-02", "DATE") == "2007-05-02"


@pytest.mark.parametrize(
    "a, b, label",
    [
        ("tỉnh Gia Lai", "Gia Lai", "ORG"),  # the unit word is dropped for LOC only
        ("Chỉ thị số 07/2007/CT-UBND", "Chỉ thị số 08/2007/CT-UBND", "DIRECTIVE"),
        ("Luật An ninh mạng", "Luật Viễn thông", "DIRECTIVE"),
        ("UBNDT", "Ủy ban nhân dânT", "ORG"),  # abbreviations expand as whole tokens only
    ],
)
def test_scoring_key_different(a, b, label):
    assert scoring_key(a, label) != scoring_key(b, label)


def test_scoring_key_keeps_a_bare_unit_word():
    assert scoring_key("tỉnh", "LOC") == "tỉnh"


# --------------------------------------------------------------------------
# Entities
# --------------------------------------------------------------------------

ENTITY_PREDICTIONS = {
    "t-a": {
        "entities": [
            ("PER", "Lê Việt Hường"),  # TP
            ("PER", "lê  việt Hường"),  # same key: counted once
            ("PER", "Gia Lai"),  # FP: a LOC alias, wrong label
            ("ORG", "Ủy ban nhân dân tỉnh Gia Lai"),  # TP (Uỷ/Ủy)
            ("ORG", "UBND tỉnh Gia Lai"),  # same key as the previous one
            ("ORG", "Bộ TT&TT"),  # TP through TT&TT / &amp;
            ("ORG", "Công an tỉnh"),  # TP
            ("ORG", "Sở Nội vụ"),  # FP
            ("LOC", "tỉnh Gia Lai"),  # TP: unit word dropped
            ("DIRECTIVE", "Chỉ thị 07/2007/CT-UBND"),  # TP: number only
            ("DIRECTIVE", "Chỉ thị số 07/2007/CT-UBND"),  # same key
        ],
        "relations": [],
    },
    # predictions for an article that is not in gold are ignored
    "t-zzz": {"entities": [("PER", "Lê Việt Hường")], "relations": []},
}


def test_score_entities_counts(gold):
    scores = score_entities(gold, ENTITY_PREDICTIONS)
    table = scores.table
    per = _row(table, "label", "PER")
    assert (per["predicted"], per["correct"], per["gold"], per["found"]) == (2, 1, 3, 1)
    org = _row(table, "label", "ORG")
    assert (org["predicted"], org["correct"], org["gold"], org["found"]) == (4, 3, 5, 3)
    loc = _row(table, "label", "LOC")
    assert (loc["predicted"], loc["correct"], loc["gold"], loc["found"]) == (1, 1, 2, 1)
    directive = _row(table, "label", "DIRECTIVE")
    assert (directive["predicted"], directive["correct"], directive["gold"], directive["found"]) == (1, 1, 1, 1)
    micro = _row(table, "label", "micro")
    assert (micro["predicted"], micro["correct"], micro["gold"], micro["found"]) == (8, 6, 11, 6)
    assert micro["precision"] == pytest.approx(6 / 8)
    assert micro["recall"] == pytest.approx(6 / 11)
    p, r = 6 / 8, 6 / 11
    assert micro["f1"] == pytest.approx(2 * p * r / (p + r))
    assert micro["support"] == 11
    assert directive["precision"] == 1.0 and directive["recall"] == 1.0
    assert scores.warnings and "t-zzz" in scores.warnings[0]


def test_score_entities_misses_and_false_positives(gold):
    scores = score_entities(gold, ENTITY_PREDICTIONS)
    misses = {(row.article_id, row.label, row.aliases) for row in scores.misses.itertuples()}
    assert misses == {
        ("t-a", "PER", "Trần Thị Huệ"),
        ("t-a", "ORG", "Phòng Kỹ thuật nghiệp vụ II"),
        ("t-a", "ORG", "Bưu điện tỉnh"),
        ("t-b", "PER", "Lê Việt Hường"),  # predicted in t-a only: articles are scored separately
        ("t-b", "LOC", "Hà Nội"),
    }
    fps = {(row.article_id, row.label, row.text) for row in scores.false_positives.itertuples()}
    assert fps == {("t-a", "PER", "Gia Lai"), ("t-a", "ORG", "Sở Nội vụ")}
    sentence = scores.misses.set_index("aliases").loc["Trần Thị Huệ", "sentence"]
    assert sentence.startswith("Bà Trần Thị Huệ, Chánh Văn phòng Bộ Thông tin & Truyền thông dự.")
    sentence = scores.misses.set_index("aliases").loc["Hà Nội", "sentence"]
    assert sentence == "Ông Lê Việt Hường làm việc tại Hà Nội."


def test_an_entity_is_found_by_any_alias(gold):
    scores = score_entities(gold, {"t-a": {"entities": [("ORG", "UBND tỉnh Gia Lai")]}})
    org = _row(scores.table, "label", "ORG")
    assert (org["predicted"], org["correct"], org["found"]) == (1, 1, 1)


def test_no_predictions(gold):
    scores = score_entities(gold, {})
    micro = _row(scores.table, "label", "micro")
    assert (micro["predicted"], micro["gold"], micro["found"]) == (0, 11, 0)
    assert micro["precision"] == 0.0 and micro["recall"] == 0.0 and micro["f1"] == 0.0


# --------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------


def _rel(subject, relation, obj, subject_label=None, object_label=None, title=None, award=None, **extra):
    return {"subject": subject, "subject_label": subject_label, "relation": relation, "object": obj,
            "object_label": object_label, "title": title, "award": award, **extra}


RELATION_PREDICTIONS = {
    "t-a": {
        "entities": [],
        "relations": [
            # correct through the other alias of the gold object, title case-folded
            _rel("Lê Việt Hường", "holds_position", "Uỷ ban nhân dân tỉnh Gia Lai", "PER", "ORG",
                 title="phó chủ tịch thường trực"),
            # duplicate (same keys): counted once
            _rel("Lê Việt Hường", "holds_position", "Ủy ban nhân dân tỉnh Gia Lai", "PER", "ORG",
                 title="Phó Chủ tịch Thường trực"),
            # the DIRECTIVE end compares by number: the label comes from gold
            _rel("Chỉ thị 07/2007/CT-UBND", "issued_by", "UBND tỉnh Gia Lai"),
            _rel("Chỉ thị số 07/2007/CT-UBND", "issued_on", "2007-05-02", "DIRECTIVE", "DATE"),
            _rel("Chỉ thị số 07/2007/CT-UBND", "issued_on", "2007-05-03", "DIRECTIVE", "DATE"),  # wrong date
            # canonical end with the province filled in, matched through its mention aliases
            _rel("Phòng Kỹ thuật nghiệp vụ II", "part_of", "Công an tỉnh Gia Lai", "ORG", "ORG",
                 object_aliases=["Công an tỉnh"]),
            _rel("Lê Việt Hường", "awarded", "Bưu điện tỉnh", "PER", "ORG", award="Bằng khen"),
            # correct row (TT&TT / &amp;), wrong title
            _rel("Trần Thị Huệ", "holds_position", "Bộ TT&TT", "PER", "ORG", title="Phó Chánh Văn phòng"),
            _rel("Trần Thị Huệ", "holds_position", "UBND tỉnh Gia Lai", "PER", "ORG", title="Chánh Văn phòng"),  # FP
            _rel("Lê Việt Hường", "part_of", "UBND tỉnh Gia Lai", "PER", "ORG"),  # FP: wrong relation
        ],
    },
}


def test_score_relations_counts(gold):
    scores = score_relations(gold, RELATION_PREDICTIONS)
    table = scores.table
    expected = {
        "holds_position": (3, 2, 2, 2),
        "issued_by": (1, 1, 1, 1),
        "issued_on": (2, 1, 1, 1),
        "part_of": (2, 1, 1, 1),
        "awarded": (1, 1, 1, 1),
        "micro": (9, 6, 6, 6),
    }
    for relation, counts in expected.items():
        row = _row(table, "relation", relation)
        assert (row["predicted"], row["correct"], row["gold"], row["found"]) == counts, relation
    micro = _row(table, "relation", "micro")
    assert micro["precision"] == pytest.approx(6 / 9)
    assert micro["recall"] == 1.0
    qualifiers = scores.qualifiers.set_index("qualifier")
    assert (qualifiers.loc["title", "found"], qualifiers.loc["title", "correct"]) == (2, 1)
    assert qualifiers.loc["title", "accuracy"] == 0.5
    assert (qualifiers.loc["award", "found"], qualifiers.loc["award", "correct"]) == (1, 1)
    errors = scores.qualifier_errors.to_dict("records")
    assert len(errors) == 1
    assert (errors[0]["gold"], errors[0]["predicted"]) == ("Chánh Văn phòng", "Phó Chánh Văn phòng")
    fps = {(r.subject, r.relation, r.object) for r in scores.false_positives.itertuples()}
    assert fps == {
        ("Chỉ thị số 07/2007/CT-UBND", "issued_on", "2007-05-03"),
        ("Trần Thị Huệ", "holds_position", "UBND tỉnh Gia Lai"),
        ("Lê Việt Hường", "part_of", "UBND tỉnh Gia Lai"),
    }
    assert scores.misses.empty


def test_relation_end_without_aliases_must_match_itself(gold):
    preds = {"t-a": {"relations": [_rel("Phòng Kỹ thuật nghiệp vụ II", "part_of", "Công an tỉnh Gia Lai")]}}
    scores = score_relations(gold, preds)
    row = _row(scores.table, "relation", "part_of")
    assert (row["predicted"], row["correct"], row["found"]) == (1, 0, 0)
    assert len(scores.misses) == 6


def test_relation_ends_match_through_any_alias_both_ways(gold):
    # gold names the object "Uỷ ban nhân dân tỉnh Gia Lai"; the prediction the other alias
    preds = {"t-a": {"relations": [_rel("Chỉ thị số 07/2007/CT-UBND", "issued_by", "UBND tỉnh Gia Lai")]}}
    row = _row(score_relations(gold, preds).table, "relation", "issued_by")
    assert (row["correct"], row["found"]) == (1, 1)
    # swapped ends do not match
    preds = {"t-a": {"relations": [_rel("UBND tỉnh Gia Lai", "issued_by", "Chỉ thị số 07/2007/CT-UBND")]}}
    row = _row(score_relations(gold, preds).table, "relation", "issued_by")
    assert (row["correct"], row["found"]) == (0, 0)


def test_a_missing_title_is_wrong(gold):
    preds = {"t-a": {"relations": [_rel("Lê Việt Hường", "holds_position", "UBND tỉnh Gia Lai")]}}
    qualifiers = score_relations(gold, preds).qualifiers.set_index("qualifier")
    assert (qualifiers.loc["title", "found"], qualifiers.loc["title", "correct"]) == (1, 0)


def test_no_relation_predictions(gold):
    scores = score_relations(gold, {})
    micro = _row(scores.table, "relation", "micro")
    assert (micro["predicted"], micro["gold"], micro["found"]) == (0, 6, 0)
    assert math.isnan(scores.qualifiers.set_index("qualifier").loc["title", "accuracy"])


# --------------------------------------------------------------------------
# Predictions from the pipeline's tables
# --------------------------------------------------------------------------


def test_predictions_from_tables():
    mentions = pd.DataFrame(
        [
            ("t-a", 1, 0, 13, "Lê Việt Hường", "PER", "Lê Việt Hường", "per-1"),
            ("t-a", 1, 20, 32, "Công an tỉnh", "ORG", "Công an tỉnh Gia Lai", "org-1"),
            ("t-a", 2, 0, 12, "Công an tỉnh", "ORG", "Công an tỉnh Gia Lai", "org-1"),
            ("t-a", 2, 20, 29, "02/5/2007", "DATE", "2007-05-02", "date-1"),
            ("t-b", 0, 0, 6, "Hà Nội", "LOC", "Hà Nội", "loc-1"),
        ],
        columns=["article_id", "sentence_id", "start", "end", "text", "label", "canonical", "entity_id"],
    )
    relations = pd.DataFrame(
        [
            ("t-a", "Phòng Kỹ thuật nghiệp vụ II", "ORG", "org-2", "part_of", "Công an tỉnh Gia Lai", "ORG",
             "org-1", None, "… (Công an tỉnh) …", 1, 0.9),
            ("t-a", "Lê Việt Hường", "PER", "per-1", "holds_position", "Công an tỉnh Gia Lai", "ORG", "org-1",
             "Giám đốc", "…", 1, 0.8),
        ],
        columns=["article_id", "subject", "subject_label", "subject_id", "relation", "object", "object_label",
                 "object_id", "title", "evidence", "sentence_id", "confidence"],
    )
    preds = predictions_from_tables(mentions, relations)
    assert set(preds) == {"t-a", "t-b"}
    assert preds["t-a"]["entities"] == [("PER", "Lê Việt Hường"), ("ORG", "Công an tỉnh"), ("ORG", "Công an tỉnh")]
    assert preds["t-b"] == {"entities": [("LOC", "Hà Nội")], "relations": []}
    part_of, holds = preds["t-a"]["relations"]
    assert part_of["relation"] == "part_of" and part_of["title"] is None and part_of["award"] is None
    assert part_of["object_aliases"] == ["Công an tỉnh"]
    assert "subject_aliases" not in part_of  # org-2 has no mention
    assert holds["title"] == "Giám đốc" and holds["subject_aliases"] == ["Lê Việt Hường"]
    plain = predictions_from_tables(mentions, relations, end_aliases=False)
    assert "object_aliases" not in plain["t-a"]["relations"][0]


def test_predictions_from_tables_scored(gold):
    mentions = pd.DataFrame(
        [("t-a", 0, 0, 12, "Công an tỉnh", "ORG", "Công an tỉnh Gia Lai", "org-1")],
        columns=["article_id", "sentence_id", "start", "end", "text", "label", "canonical", "entity_id"],
    )
    relations = pd.DataFrame(
        [("t-a", "Phòng Kỹ thuật nghiệp vụ II", "ORG", "org-2", "part_of", "Công an tỉnh Gia Lai", "ORG", "org-1",
          None, "…", 0, 0.9)],
        columns=["article_id", "subject", "subject_label", "subject_id", "relation", "object", "object_label",
                 "object_id", "title", "evidence", "sentence_id", "confidence"],
    )
    scores = score_relations(gold, predictions_from_tables(mentions, relations))
    row = _row(scores.table, "relation", "part_of")
    assert (row["correct"], row["found"]) == (1, 1)


# --------------------------------------------------------------------------
# Report and composition
# --------------------------------------------------------------------------


def test_evaluate_corpus_and_report(gold_path):
    seen = []

    def predict(items):
        seen.extend(items)
        return {**ENTITY_PREDICTIONS, "t-a": {**ENTITY_PREDICTIONS["t-a"], "relations": RELATION_PREDICTIONS["t-a"]["relations"]}}

    tables = evaluate_corpus(gold_path, predict)
    assert [article_id for article_id, _ in seen] == ["t-a", "t-b"]
    assert seen[0][1] == TEXT_A
    for name in ("entities", "relations", "qualifiers", "entity_misses", "entity_false_positives",
                 "relation_misses", "relation_false_positives", "qualifier_errors", "warnings"):
        assert isinstance(tables[name], pd.DataFrame), name
    assert _row(tables["entities"], "label", "micro")["correct"] == 6
    assert _row(tables["relations"], "relation", "micro")["correct"] == 6
    assert len(tables["warnings"]) == 1

    report = format_report(tables)
    assert "Entities" in report and "Relations" in report and "micro" in report
    assert " 75.0 " in report  # entity micro precision 6/8
    assert "title accuracy over found rows: 50.0% (1/2)" in report
    assert "Trần Thị Huệ" not in report
    detailed = format_report(tables, misses=True)
    assert "Missed gold entities (5)" in detailed
    assert "Trần Thị Huệ" in detailed and "Sở Nội vụ" in detailed
    assert "Wrong qualifiers (1)" in detailed


def test_format_report_of_score_objects(gold):
    report = format_report(score_entities(gold, ENTITY_PREDICTIONS), misses=True)
    assert report.startswith("Entities") and "Relations" not in report
    both = format_report((score_entities(gold, {}), score_relations(gold, {})))
    assert "Entities" in both and "Relations" in both


# --------------------------------------------------------------------------
# Real gold files
# --------------------------------------------------------------------------


def test_dev_gold_scores_perfectly_against_itself():
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "corpus" / "gold" / "dev-a.jsonl"
    if not path.exists():
        pytest.skip("no dev gold")
    gold = load_gold(path)
    preds = {
        g.id: {"entities": [(label, a) for label, aliases in g.entities for a in aliases],
               "relations": [dict(r) for r in g.relations]}
        for g in gold
    }
    entities = score_entities(gold, preds)
    relations = score_relations(gold, preds)
    assert _row(entities.table, "label", "micro")["f1"] == 1.0
    assert _row(relations.table, "relation", "micro")["f1"] == 1.0
    assert not relations.warnings


# --------------------------------------------------------------------------
# underthesea baseline
# --------------------------------------------------------------------------


def test_underthesea_baseline():
    pytest.importorskip("underthesea")
    from pipeline.evaluate.baseline import underthesea_predictions

    text = (
        "Gia Lai: Hội nghị triển khai nhiệm vụ\n\n"
        "Sáng 05/3/2024, ông Nguyễn Văn An, Chủ tịch UBND tỉnh Gia Lai, đã làm việc với Bộ Công an tại Hà Nội. "
        "Bà Trần Thị Huệ phát biểu tại buổi làm việc.\n"
    )
    preds = underthesea_predictions([("u-1", text)])
    assert set(preds) == {"u-1"}
    assert preds["u-1"]["relations"] == []
    entities = preds["u-1"]["entities"]
    assert entities
    labels = {label for label, _ in entities}
    assert labels <= {"PER", "ORG", "LOC"}
    assert {"PER", "LOC"} <= labels
    assert all(isinstance(span, str) and span.strip() == span and span for _, span in entities)
    assert all(span in text for _, span in entities)
