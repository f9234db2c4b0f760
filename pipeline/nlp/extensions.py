"""Custom attributes the pipeline keeps on spaCy objects.

``Doc._``
    ``article_id``  the id of the article the Doc was made from.
    ``province``    the province/city the article is about, when the article
                    makes it certain (filled by the ``vn_article_context`` component).
    ``relations``   relation rows found in the Doc (list of dicts, see
                    :mod:`pipeline.nlp.relations`).
``Span._`` (entities in ``doc.ents``)
    ``canonical``   the entity's canonical form (schema: NFC, modern tone
                    placement, abbreviations expanded, province filled in).
    ``entity_key``  article-local key shared by every mention of one entity;
                    a short reference (``ông Hường``, ``Sở``) gets the key of
                    the full entity it names.
    ``is_reference`` whether the mention is a short back-reference.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span


def register_extensions() -> None:
    """Register the attributes once per process (idempotent)."""
    for name, default in (("article_id", None), ("province", None), ("relations", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in (("canonical", None), ("entity_key", None), ("is_reference", False)):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register_extensions()
