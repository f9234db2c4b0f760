"""The Python API on the sample article and on bad input."""

from __future__ import annotations

import json

import pipeline


def test_sample_article_is_cleaned_and_described(sample_text):
    result = pipeline.process_text(sample_text, article_id="mic-gov-vn-000")
    row = result.tables.articles.iloc[0]
    assert row["status"] == "ok"
    assert row["source"] == "Mic.gov.vn"
    assert row["author"] == "Trần Thị Huệ"
    assert row["title"].startswith("Hội nghị \"Đảm bảo an toàn, an ninh")
    text = row["text"]
    lead = "Ủy ban nhân dân tỉnh Gia Lai tổ chức Hội nghị đảm bảo an toàn mạng lưới"
    assert text.count(lead) == 1
    assert "Uỷ" not in text and "ĐÁNH GIÁ" not in text and "(Mic.gov.vn)" not in text
    assert row["n_duplicate_paragraphs"] == 1
    assert result.doc is not None and result.doc.text == text


def test_mention_offsets_index_the_clean_text(sample_text):
    result = pipeline.process_text(sample_text)
    text = result.article.text
    for mention in result.mentions.itertuples():
        assert text[mention.start : mention.end] == mention.text


def test_run_keeps_one_row_per_record_and_flags_republished_story(tmp_path, sample_text):
    (tmp_path / "a.txt").write_text(sample_text, encoding="utf-8")
    republished = sample_text.replace("hơn 100 đại biểu", "gần 120 đại biểu")
    (tmp_path / "dump.jsonl").write_text(
        json.dumps({"id": "copy", "text": republished}, ensure_ascii=False) + "\n{not json\n" + json.dumps({"id": "x"}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    summary = pipeline.RunSummary()
    tables = pipeline.run([tmp_path, tmp_path / "missing.txt"], summary=summary)
    articles = tables.articles.set_index("article_id")
    assert len(articles) == 6  # a, copy, bad line, record without text, empty, missing path
    assert articles.loc["a", "status"] == "ok"
    assert articles.loc["copy", "duplicate_of"] == "a"
    assert (articles["status"] == "error").sum() == 4
    assert summary.n_ok == 2 and summary.n_error == 4 and summary.n_near_duplicate_articles == 1


def test_process_texts_accepts_a_mapping():
    tables = pipeline.process_texts({"t1": "Sở TT&TT tỉnh Kon Tum họp\n\nSở TT&TT tỉnh Kon Tum tổ chức hội nghị về chuyển đổi số."})
    assert tables.articles.loc[0, "article_id"] == "t1"
    assert tables.articles.loc[0, "status"] == "ok"
