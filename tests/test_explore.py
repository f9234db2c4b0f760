"""pipeline.explore: what the analyst notebooks show, on Vietnamese examples."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

import pipeline
from pipeline import explore as pi
from pipeline.tables import TABLE_COLUMNS, Tables

# --------------------------------------------------------------------------
# helpers: small tables written by hand
# --------------------------------------------------------------------------


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{c: row.get(c) for c in TABLE_COLUMNS[name]} for row in rows], columns=TABLE_COLUMNS[name])


def _tables(articles=(), mentions=(), entities=(), relations=()) -> Tables:
    return Tables(
        articles=_frame("articles", list(articles)),
        mentions=_frame("mentions", list(mentions)),
        entities=_frame("entities", list(entities)),
        relations=_frame("relations", list(relations)),
    )


def _entity(eid, label, canonical, n_articles=1, n_mentions=1):
    return {"entity_id": eid, "label": label, "canonical": canonical, "aliases": [canonical],
            "n_mentions": n_mentions, "n_articles": n_articles}


def _relation(article_id, subject, s_label, s_id, relation, obj, o_label, o_id, title=None):
    return {"article_id": article_id, "subject": subject, "subject_label": s_label, "subject_id": s_id,
            "relation": relation, "object": obj, "object_label": o_label, "object_id": o_id, "title": title}


# --------------------------------------------------------------------------
# normalisation changes
# --------------------------------------------------------------------------


def test_normalisation_changes_name_each_kind_and_point_into_the_raw_text():
    raw = (
        "Uỷ ban nhân dân tỉnh Gia\u00a0Lai và Sở TT&amp;TT tổ chức hội nghị “hoà giải” "
        "về an\u200bninh mạng — Thuỷ"
    )
    changes = pi.normalisation_changes(raw)
    by_before = dict(zip(changes["before"], changes["kind"]))
    assert by_before["Uỷ"] == "tone placement"
    assert by_before["Thuỷ"] == "tone placement"
    assert by_before["⍽"] == "special space"
    assert by_before["TT&amp;TT"] == "HTML entity"
    assert by_before["an<U+200B>ninh"] == "invisible character"
    assert by_before["—"] == "dash"
    assert by_before["“hoà"] == "tone placement, quote"
    after = dict(zip(changes["before"], changes["after"]))
    assert after["Uỷ"] == "Ủy" and after["TT&amp;TT"] == "TT&TT" and after["an<U+200B>ninh"] == "anninh"
    # positions index the raw text
    for row in changes.itertuples():
        if row.before == "Uỷ":
            assert raw[row.position:].startswith("Uỷ")
        if row.before == "TT&amp;TT":
            assert raw[row.position:].startswith("TT&amp;TT")


def test_normalisation_changes_of_clean_text_is_empty():
    changes = pi.normalisation_changes("Ủy ban nhân dân tỉnh Gia Lai tổ chức hội nghị.")
    assert changes.empty
    assert list(changes.columns) == ["position", "kind", "before", "after"]


def test_decomposed_vietnamese_is_a_composition_change():
    import unicodedata

    raw = unicodedata.normalize("NFD", "Bộ Công an")
    changes = pi.normalisation_changes(raw)
    assert set(changes["kind"]) == {"Unicode composition (NFC)"}
    assert changes["after"].tolist() == ["Bộ", "Công"]


# --------------------------------------------------------------------------
# one article, stage by stage
# --------------------------------------------------------------------------


def test_trace_of_the_sample_article(sample_text):
    trace = pi.trace_article(sample_text, "mic-gov-vn-000")
    assert trace.article_id == "mic-gov-vn-000"
    assert trace.raw == sample_text
    assert trace.source == "Mic.gov.vn"
    assert trace.byline == "Trần Thị Huệ"
    assert trace.title.startswith('Hội nghị "Đảm bảo an toàn')
    assert trace.footer == ["ĐÁNH GIÁ BÀI VIẾT( 0)"]
    # the repeated lead paragraph: an exact duplicate of the first one
    removed = trace.removed_paragraphs
    assert len(removed) == 1 == trace.article.n_duplicate_paragraphs
    assert removed.loc[0, "kind"] == "exact duplicate"
    assert removed.loc[0, "position"] == 1 and removed.loc[0, "duplicate_of"] == 0
    assert trace.paragraphs[1] == trace.paragraphs[0]
    assert len(trace.paragraphs) == len(trace.article.paragraphs) + 1
    # Uỷ -> Ủy
    tone = trace.changes[trace.changes["kind"] == "tone placement"]
    assert ("Uỷ", "Ủy") in set(zip(tone["before"], tone["after"]))
    assert trace.change_counts()["tone placement"] == len(tone)
    assert "Uỷ" not in trace.normalised
    # segmentation
    assert trace.clean_text == trace.result.article.text == trace.doc.text
    assert len(trace.sentences) == len(list(trace.doc.sents))
    assert any("Gia_Lai" in sentence for sentence in trace.segmented)
    assert "Gia Lai" in trace.words
    assert len(trace.segmented) == len(trace.sentences)
    summary = trace.summary().set_index("what")["count"]
    assert summary["paragraphs removed"] == 1 and summary["footer lines removed"] == 1
    assert summary["mentions"] == len(trace.mentions)
    html = trace.diff_html()
    assert "raw scrape" in html and "normalised" in html and "Ủy" in html
    evidence = trace.evidence()
    assert list(evidence.columns) == ["subject", "relation", "object", "title", "award", "confidence", "evidence"]
    assert len(evidence) == len(trace.relations)


def test_trace_names_near_duplicates_and_a_repeated_title(tmp_path):
    text = (
        "Sở Thông tin và Truyền thông tỉnh Kon Tum tổng kết năm 2024\n\n"
        "Sở Thông tin và Truyền thông tỉnh Kon Tum tổng kết năm 2024\n\n"
        "Sáng 10/1, Sở Thông tin và Truyền thông tỉnh Kon Tum tổ chức hội nghị tổng kết công tác năm 2024 "
        "và triển khai nhiệm vụ năm 2025 với sự tham dự của lãnh đạo các sở, ngành.\n\n"
        "Sáng 10/1, Sở Thông tin và Truyền thông tỉnh Kon Tum tổ chức hội nghị tổng kết công tác năm 2024 "
        "và triển khai nhiệm vụ năm 2025 với sự tham dự của đại diện các sở, ngành.\n\n"
        "Hội nghị đã đánh giá kết quả chuyển đổi số trên địa bàn tỉnh."
    )
    path = tmp_path / "kon-tum.txt"
    path.write_bytes(text.encode("utf-8"))
    trace = pi.trace_article(path)
    assert trace.article_id == "kon-tum"
    kinds = dict(zip(trace.removed_paragraphs["kind"], trace.removed_paragraphs["duplicate_of"]))
    assert "repeats the title" in kinds
    assert "near duplicate" in kinds
    near = trace.removed_paragraphs[trace.removed_paragraphs["kind"] == "near duplicate"].iloc[0]
    assert 0.8 <= near["similarity"] < 1.0
    assert "đại diện" in near["text"]
    assert trace.paragraphs[int(near["duplicate_of"])].startswith("Sáng 10/1")
    assert trace.article.n_duplicate_paragraphs == len(trace.removed_paragraphs)


def test_trace_of_an_empty_article_is_an_error_not_a_crash():
    trace = pi.trace_article("   \n ", "rỗng")
    assert trace.article.status == "error"
    assert trace.doc is None
    assert trace.sentences == [] and trace.words == [] and trace.segmented == []
    assert trace.evidence().empty


def test_render_entities_colours_schema_labels():
    from pipeline.nlp.language import build_nlp
    from pipeline.nlp.spans import char_span

    doc = build_nlp(components=())("Ông Lê Việt Hường làm việc tại UBND tỉnh Gia Lai.")
    assert "Lê Việt Hường" in pi.render_entities(doc, jupyter=False)  # no entities: plain text
    text = doc.text
    start = text.index("Lê Việt Hường")
    org = text.index("UBND tỉnh Gia Lai")
    doc.ents = [char_span(doc, start, start + len("Lê Việt Hường"), "PER"),
                char_span(doc, org, org + len("UBND tỉnh Gia Lai"), "ORG")]
    markup = pi.render_entities(doc, jupyter=False)
    assert "Lê Việt Hường" in markup and "PER" in markup and pi.LABEL_COLORS["PER"] in markup
    with pytest.raises(ValueError):
        pi.render_entities(None, jupyter=False)


# --------------------------------------------------------------------------
# a corpus
# --------------------------------------------------------------------------


@pytest.fixture
def corpus_tables() -> Tables:
    entities = [
        _entity("per-1", "PER", "Lê Việt Hường", n_articles=2),
        _entity("per-2", "PER", "Nguyễn Thị Thu Hà"),
        _entity("org-1", "ORG", "Ủy ban nhân dân tỉnh Gia Lai", n_articles=2),
        _entity("org-2", "ORG", "Phòng Kỹ thuật nghiệp vụ II"),
        _entity("org-3", "ORG", "Công an tỉnh Gia Lai"),
        _entity("dir-1", "DIRECTIVE", "Chỉ thị 07/2007/CT-UBND"),
        _entity("dir-2", "DIRECTIVE", "Quyết định 749/QĐ-TTg"),
        _entity("dir-3", "DIRECTIVE", "15/2020/NĐ-CP"),
        _entity("dir-4", "DIRECTIVE", "Luật An ninh mạng"),
        _entity("dir-5", "DIRECTIVE", "Kế hoạch 12/KH-BTTTT"),
    ]
    relations = [
        _relation("a1", "Lê Việt Hường", "PER", "per-1", "holds_position", "UBND tỉnh Gia Lai", "ORG", "org-1",
                  title="Phó Chủ tịch Thường trực"),
        _relation("a2", "Lê Việt Hường", "PER", "per-1", "holds_position", "Ủy ban nhân dân tỉnh Gia Lai", "ORG",
                  "org-1", title="Phó Chủ tịch"),
        _relation("a2", "Nguyễn Thị Thu Hà", "PER", "per-2", "holds_position", "Công an tỉnh", "ORG", "org-3",
                  title="Trưởng phòng"),
        _relation("a1", "Phòng Kỹ thuật nghiệp vụ II", "ORG", "org-2", "part_of", "Công an tỉnh", "ORG", "org-3"),
        _relation("a1", "Chỉ thị số 07/2007/CT-UBND", "DIRECTIVE", "dir-1", "issued_on", "2007-05-02", "DATE", None),
        _relation("a1", "Chỉ thị số 07/2007/CT-UBND", "DIRECTIVE", "dir-1", "issued_by", "UBND tỉnh Gia Lai", "ORG",
                  "org-1"),
        _relation("a2", "Quyết định số 749/QĐ-TTg", "DIRECTIVE", "dir-2", "issued_on", "2020-06-03", "DATE", None),
        # an end without an id (a component that gives none) is keyed by label and text
        _relation("a2", "Trần Văn Nam", "PER", None, "holds_position", "Bưu điện tỉnh Gia Lai", "ORG", None,
                  title="Giám đốc"),
    ]
    return _tables(entities=entities, relations=relations)


def test_corpus_graph_joins_people_positions_and_organisations(corpus_tables):
    graph = pi.corpus_graph(corpus_tables)
    assert graph.nodes["per-1"] == {"label": "PER", "name": "Lê Việt Hường", "n_articles": 2}
    assert graph.nodes["org-1"]["name"] == "Ủy ban nhân dân tỉnh Gia Lai"
    edge = graph.edges["per-1", "org-1"]
    assert edge["relation"] == "holds_position"
    assert edge["titles"] == ["Phó Chủ tịch", "Phó Chủ tịch Thường trực"]
    assert edge["articles"] == ["a1", "a2"] and edge["weight"] == 2
    assert edge["subject"] == "per-1"
    assert graph.edges["org-2", "org-3"]["relation"] == "part_of"
    assert graph.nodes["PER:Trần Văn Nam"]["label"] == "PER"
    assert graph.nodes["PER:Trần Văn Nam"]["n_articles"] == 1  # counted from its edges
    assert "dir-1" not in graph  # issued_by / issued_on are not in the default graph
    with_directives = pi.corpus_graph(corpus_tables, relations=("issued_by",))
    assert set(with_directives.nodes) == {"dir-1", "org-1"}


def test_corpus_graph_of_empty_tables_is_empty():
    graph = pi.corpus_graph(Tables.empty())
    assert graph.number_of_nodes() == 0


def test_directives_by_type_and_year(corpus_tables):
    table = pi.directives_table(corpus_tables).set_index("entity_id")
    assert table.loc["dir-1", ["type", "number", "year", "year_source"]].tolist() == [
        "Chỉ thị", "07/2007/CT-UBND", 2007, "issued_on"]
    assert table.loc["dir-2", ["type", "year", "year_source"]].tolist() == ["Quyết định", 2020, "issued_on"]
    # a number without its type word: the type of its code, the year inside it
    assert table.loc["dir-3", ["type", "year", "year_source"]].tolist() == ["Nghị định", 2020, "number"]
    assert table.loc["dir-4", "type"] == "Luật" and pd.isna(table.loc["dir-4", "year"])
    assert table.loc["dir-5", "type"] == "Kế hoạch" and pd.isna(table.loc["dir-5", "year"])
    counts = pi.directives_by_type_and_year(corpus_tables)
    assert list(counts.index) == ["2007", "2020", pi.UNKNOWN_YEAR]
    assert counts.loc["2020", "Nghị định"] == 1 and counts.loc["2020", "Quyết định"] == 1
    assert counts.loc[pi.UNKNOWN_YEAR, "Luật"] == 1
    assert int(counts.to_numpy().sum()) == 5


def test_directives_of_empty_tables():
    assert pi.directives_table(Tables.empty()).empty
    assert pi.directives_by_type_and_year(Tables.empty()).empty


def _article(article_id, text, duplicate_of=None):
    return {"article_id": article_id, "title": text.split("\n")[0], "text": text, "status": "ok",
            "duplicate_of": duplicate_of}


def test_near_duplicate_articles_and_similarity(sample_text):
    republished = sample_text.replace("hơn 100 đại biểu", "gần 120 đại biểu")
    other = "Bình Dương: xử phạt doanh nghiệp viễn thông\n\nThanh tra Sở xử phạt hai doanh nghiệp vi phạm về sim."
    tables = _tables(articles=[
        _article("goc", sample_text), _article("dang-lai", republished, duplicate_of="goc"), _article("khac", other),
        {"article_id": "loi", "status": "error", "error": "empty article"},
    ])
    flagged = pi.near_duplicate_articles(tables)
    assert flagged[["article_id", "duplicate_of"]].values.tolist() == [["dang-lai", "goc"]]
    assert flagged.loc[0, "similarity"] >= 0.8
    assert flagged.loc[0, "title"] == flagged.loc[0, "duplicate_title"]
    pairs = pi.article_similarity(tables, top=5)
    assert len(pairs) == 3  # three ok articles: three pairs
    assert pairs.loc[0, ["article_id", "other"]].tolist() == ["goc", "dang-lai"] or pairs.loc[0, "other"] == "goc"
    assert bool(pairs.loc[0, "flagged"]) and not pairs.loc[1:, "flagged"].any()
    assert pairs["similarity"].is_monotonic_decreasing
    assert pi.near_duplicate_articles(Tables.empty()).empty
    assert pi.article_similarity(Tables.empty()).empty


# --------------------------------------------------------------------------
# quality against gold
# --------------------------------------------------------------------------

GOLD_TEXT = (
    "Gia Lai tổng kết công tác thông tin\n\n"
    "Đồng chí Lê Việt Hường, Phó Chủ tịch UBND tỉnh Gia Lai chủ trì hội nghị. "
    "Chỉ thị số 07/2007/CT-UBND ngày 02/5/2007 của UBND tỉnh Gia Lai được quán triệt. "
    "Phòng Kỹ thuật nghiệp vụ II thuộc Công an tỉnh nhận bằng khen."
)


@pytest.fixture
def gold_file(tmp_path):
    record = {
        "id": "gl-1",
        "text": GOLD_TEXT,
        "entities": [
            {"label": "PER", "aliases": ["Lê Việt Hường"]},
            {"label": "ORG", "aliases": ["UBND tỉnh Gia Lai"]},
            {"label": "ORG", "aliases": ["Phòng Kỹ thuật nghiệp vụ II"]},
            {"label": "ORG", "aliases": ["Công an tỉnh"]},
            {"label": "LOC", "aliases": ["Gia Lai"]},
            {"label": "DIRECTIVE", "aliases": ["Chỉ thị số 07/2007/CT-UBND"]},
        ],
        "relations": [
            {"subject": "Lê Việt Hường", "relation": "holds_position", "object": "UBND tỉnh Gia Lai",
             "title": "Phó Chủ tịch"},
            {"subject": "Chỉ thị số 07/2007/CT-UBND", "relation": "issued_by", "object": "UBND tỉnh Gia Lai"},
            {"subject": "Chỉ thị số 07/2007/CT-UBND", "relation": "issued_on", "object": "2007-05-02"},
            {"subject": "Phòng Kỹ thuật nghiệp vụ II", "relation": "part_of", "object": "Công an tỉnh"},
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _mention(text, label, eid):
    return {"article_id": "gl-1", "text": text, "label": label, "canonical": text, "entity_id": eid,
            "is_reference": False, "sentence_id": 0, "start": 0, "end": len(text)}


def test_evaluate_gold_scores_confusion_and_miss_causes(gold_file):
    predicted = _tables(
        articles=[_article("gl-1", GOLD_TEXT)],
        mentions=[
            _mention("Lê Việt Hường", "PER", "per-1"),
            _mention("UBND tỉnh Gia Lai", "ORG", "org-1"),
            _mention("Phòng Kỹ thuật nghiệp vụ II", "ORG", "org-2"),
            _mention("Công an tỉnh", "LOC", "loc-9"),          # wrong label
            _mention("Chỉ thị số 07/2007/CT-UBND", "DIRECTIVE", "dir-1"),
            _mention("Hội nghị", "ORG", "org-x"),              # not in gold
        ],
        relations=[
            _relation("gl-1", "Lê Việt Hường", "PER", "per-1", "holds_position", "UBND tỉnh Gia Lai", "ORG", "org-1",
                      title="Phó Chủ tịch"),
            # the right ends, the wrong relation
            _relation("gl-1", "Chỉ thị số 07/2007/CT-UBND", "DIRECTIVE", "dir-1", "awarded", "UBND tỉnh Gia Lai",
                      "ORG", "org-1"),
        ],
    )
    evaluation = pi.evaluate_gold(gold_file, tables=predicted)
    assert evaluation.name == "gold" and evaluation.n_articles == 1
    scores = evaluation.scores().set_index(["kind", "name"])
    assert scores.loc[("entity", "PER"), "recall"] == 1.0
    assert scores.loc[("entity", "LOC"), "found"] == 0
    assert scores.loc[("relation", "holds_position"), "f1"] == 1.0
    assert scores.loc[("relation", "issued_by"), "found"] == 0

    confusion = evaluation.entity_confusion()
    assert confusion.loc["PER", "PER"] == 1 and confusion.loc["ORG", "ORG"] == 2
    assert confusion.loc["ORG", "LOC"] == 1          # Công an tỉnh tagged as a place
    assert confusion.loc["LOC", pi.MISSED] == 1      # Gia Lai not found
    assert confusion.loc[pi.NOT_IN_GOLD, "ORG"] == 1  # Hội nghị
    assert confusion.loc["DIRECTIVE", "DIRECTIVE"] == 1

    misses = evaluation.relation_misses().set_index("relation")
    assert misses.loc["issued_by", "cause"] == "ends linked as awarded"
    assert misses.loc["issued_on", "cause"] == "object not extracted"
    assert misses.loc["part_of", "cause"] == "object not extracted"  # Công an tỉnh only as LOC
    assert "Chỉ thị số 07/2007/CT-UBND" in misses.loc["issued_by", "sentence"]

    report = evaluation.report(misses=True)
    assert "holds_position" in report and "Missed gold relations" in report


def test_evaluate_gold_runs_the_pipeline_on_the_sample(repo_root):
    evaluation = pi.evaluate_gold(repo_root / "corpus" / "gold" / "dev-sample.jsonl", name="mẫu")
    assert evaluation.name == "mẫu"
    assert list(evaluation.tables.articles["article_id"]) == ["mic-gov-vn-000"]
    assert set(evaluation.predictions) == {"mic-gov-vn-000"}
    scores = evaluation.scores()
    assert {"entity", "relation"} == set(scores["kind"])
    assert (scores["name"] == "micro").sum() == 2
    assert scores.loc[(scores["kind"] == "entity") & (scores["name"] == "micro"), "support"].item() == 14
    confusion = evaluation.entity_confusion()
    assert int(confusion.drop(index=pi.NOT_IN_GOLD).drop(columns=pi.MISSED).to_numpy().trace()) == int(
        scores.loc[(scores["kind"] == "entity") & (scores["name"] == "micro"), "found"].item()
    )
    assert "cause" in evaluation.relation_misses().columns


def test_evaluate_gold_refuses_an_id_in_two_files(gold_file, tmp_path):
    copy = tmp_path / "copy.jsonl"
    copy.write_text(gold_file.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ValueError, match="gl-1"):
        pi.evaluate_gold([gold_file, copy], tables=Tables.empty())


# --------------------------------------------------------------------------
# plots
# --------------------------------------------------------------------------


@pytest.fixture
def plt():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def test_font_has_every_vietnamese_letter(plt):
    from matplotlib.ft2font import FT2Font

    path = pi.use_vietnamese_font()
    charmap = FT2Font(path).get_charmap()
    assert all(ord(c) in charmap for c in pi.VIETNAMESE_LETTERS)
    assert len(pi.VIETNAMESE_LETTERS) == 2 * 89
    import matplotlib

    assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"


def test_plots_render_vietnamese_without_missing_glyphs(plt, tmp_path, corpus_tables):
    counts = pd.Series({"ORG": 12, "PER": 7, "LOC": 5, "DIRECTIVE": 3}, name="mentions")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would fail here
        ax = pi.bar_chart(counts, title="Số lần nhắc theo nhãn – Ủy ban, Thủ tướng, Hưởng",
                          xlabel="nhãn", ylabel="số lần nhắc")
        ax.figure.savefig(tmp_path / "nhan.png")
        assert ax.get_title().startswith("Số lần nhắc") and ax.get_xlabel() == "nhãn"
        ax = pi.bar_chart(pi.directives_by_type_and_year(corpus_tables), title="Văn bản theo loại và năm",
                          xlabel="năm", ylabel="số văn bản")
        ax.figure.savefig(tmp_path / "van-ban.png")
        graph = pi.corpus_graph(corpus_tables)
        ax = pi.draw_graph(graph, title="Người – chức vụ – tổ chức")
        ax.figure.savefig(tmp_path / "do-thi.png")
        assert ax.get_title() == "Người – chức vụ – tổ chức"
        texts = {t.get_text() for t in ax.texts}
        assert "Ủy ban nhân dân tỉnh Gia Lai" in texts
        assert any("Phó Chủ tịch" in t for t in texts)  # positions on the edges
    assert (tmp_path / "do-thi.png").stat().st_size > 1000


def test_plots_of_nothing_say_so(plt):
    ax = pi.bar_chart(pd.Series(dtype="int64"), title="Trống", xlabel="x", ylabel="y")
    assert any("no data" in t.get_text() for t in ax.texts)
    ax = pi.draw_graph(pi.corpus_graph(Tables.empty()), title="Trống")
    assert any("no relations" in t.get_text() for t in ax.texts)


def test_large_graphs_show_whole_components(plt):
    import networkx as nx

    graph = nx.Graph()
    for k in range(30):  # 30 stars of 3 nodes
        graph.add_node(f"o{k}", label="ORG", name=f"Sở {k}", n_articles=1)
        for j in range(2):
            graph.add_node(f"p{k}-{j}", label="PER", name=f"Người {k}-{j}", n_articles=1)
            graph.add_edge(f"o{k}", f"p{k}-{j}", titles=["Giám đốc"], weight=1, articles=["a"])
    ax = pi.draw_graph(graph, title="Lớn", max_nodes=10)
    assert "9 of 90 nodes" in ax.get_title()


def test_public_api_exports():
    for name in ("trace_article", "corpus_graph", "evaluate_gold", "directives_by_type_and_year"):
        assert getattr(pipeline, name) is getattr(pi, name)


def test_heatmap_of_a_confusion_table(plt, gold_file):
    table = pd.DataFrame([[3, 1, 0], [0, 2, 1]], index=pd.Index(["PER", "ORG"], name="gold"),
                         columns=pd.Index(["PER", "ORG", pi.MISSED], name="predicted"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = pi.heatmap(table, title="Nhầm lẫn nhãn", xlabel="nhãn dự đoán", ylabel="nhãn chuẩn")
    assert ax.get_title() == "Nhầm lẫn nhãn" and ax.get_ylabel() == "nhãn chuẩn"
    assert [t.get_text() for t in ax.texts] == ["3", "1", "0", "0", "2", "1"]


def test_side_by_side_bars_of_scores(plt):
    scores = pd.DataFrame({"dev": [0.9, 0.5], "held-out": [0.7, float("nan")]}, index=["PER", "ORG"])
    ax = pi.bar_chart(scores, title="F1 theo nhãn", xlabel="nhãn", ylabel="F1", stacked=False)
    assert len(ax.patches) == 4 and not ax.texts
    ax = pi.bar_chart(scores * 0, title="F1 theo nhãn", xlabel="nhãn", ylabel="F1", stacked=False)
    assert any("no data" in t.get_text() for t in ax.texts)
