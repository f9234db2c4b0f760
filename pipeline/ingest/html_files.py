"""Saved web pages (``.html``, ``.htm``): one page, one article.

The page's bytes are decoded with :func:`~pipeline.ingest.encoding.decode_bytes`
(so legacy Vietnamese encodings are recognised the same way as in text files),
then trafilatura finds the main text and the metadata: title (``<title>``,
``og:title``, ``<h1>``), publication date, author and canonical URL.

trafilatura's plain-text output puts one block (paragraph, heading, list item,
table row, ``<br>``-separated line) per line; here every block becomes a
paragraph and paragraphs are joined with a blank line.  The text is as
extracted: a heading repeating the title stays the first paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pipeline.article import PARAGRAPH_SEPARATOR, RawRecord

from ._common import Notify, error_record, finish_text, metadata_value, read_bytes, text_record
from .encoding import DecodeError, decode_bytes

KIND = "html"

# htmldate rejects dates after ``max_date``, which trafilatura sets to *today*;
# a fixed bound keeps the output independent of the day the run happens.
_DATE_PARAMS = {"original_date": True, "extensive_search": True, "max_date": "2099-12-31"}


def extract_html(html: str) -> dict[str, str | None] | None:
    """Main text (paragraphs joined by blank lines) and metadata of a page, or
    ``None`` when trafilatura finds no main text."""
    from trafilatura import bare_extraction  # imported lazily: slow to import

    document = bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    if document is None:
        return None
    raw = finish_text(document.text or "")
    paragraphs = [line.strip() for line in raw.split("\n")]
    return {
        "text": PARAGRAPH_SEPARATOR.join(p for p in paragraphs if p),
        "title": metadata_value(document.title),
        "published": metadata_value(document.date),
        "author": metadata_value(document.author),
        "url": metadata_value(document.url),
    }


def read(path: Path, source: str, notify: Notify) -> Iterator[RawRecord]:
    data = read_bytes(path, source, KIND)
    if isinstance(data, RawRecord):
        yield data
        return
    if not data.strip():
        yield error_record(path.stem, source, KIND, f"{source}: empty article (empty file)")
        return
    try:
        html, encoding = decode_bytes(data)
    except DecodeError as err:
        yield error_record(path.stem, source, KIND, f"{source}: cannot decode: {err}")
        return
    try:
        extracted = extract_html(html)
    except Exception as err:  # trafilatura/lxml failure on a broken page
        yield error_record(
            path.stem, source, KIND, f"{source}: HTML extraction failed: {type(err).__name__}: {err}",
            encoding=encoding,
        )
        return
    if extracted is None or not extracted["text"]:
        yield error_record(
            path.stem, source, KIND, f"{source}: empty article (no main text found in the HTML page)",
            encoding=encoding,
            title=extracted and extracted["title"],
        )
        return
    text = extracted.pop("text")
    yield text_record(path.stem, source, KIND, text, source, encoding=encoding, **extracted)
