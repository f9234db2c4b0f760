"""Build the spaCy ``Language`` that turns a clean article into an annotated Doc.

The pipeline is config-driven: :data:`DEFAULT_CONFIG` names the tokenizer and
the components in order; each component lives in its own module of
:mod:`pipeline.nlp` and is registered with ``@Language.factory``.

    tokenizer            syllables + protected units; words (doc.spans["words"]) and sentences
    vn_directives        DIRECTIVE: document type + number, laws by name
    vn_organisations     ORG: ministries, departments, committees, companies ...
    vn_people            PER: Vietnamese and foreign names, bylines
    vn_places            LOC: provinces, districts, communes, countries
    vn_article_context   the article's province (for canonical forms)
    vn_references        short references (ông Hường, Sở, Bộ) linked to full entities
    vn_canonical         canonical forms and article-local entity keys
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from . import extensions  # noqa: F401  (registers Doc/Span attributes)
from . import tokenizer  # noqa: F401  (registers the tokenizer)
from .segmenter import DEFAULT_SEGMENTER

#: Components in pipeline order, with the module that registers each factory
#: (imported only when the component is used).
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("vn_directives", "pipeline.nlp.directives"),
    ("vn_organisations", "pipeline.nlp.organisations"),
    ("vn_people", "pipeline.nlp.people"),
    ("vn_places", "pipeline.nlp.places"),
    ("vn_article_context", "pipeline.nlp.context"),
    ("vn_references", "pipeline.nlp.references"),
    ("vn_canonical", "pipeline.nlp.canonical"),
    ("vn_relations", "pipeline.nlp.relations"),
)



def build_nlp(*, segmenter: str = DEFAULT_SEGMENTER, components: tuple[str, ...] | None = None) -> Language:
    """A fresh pipeline.  ``components`` limits it to the named ones (in pipeline order).

    >>> nlp = build_nlp()
    >>> doc = nlp("Chỉ thị số 07/2007/CT-UBND của UBND tỉnh Gia Lai.")
    >>> [(ent.text, ent.label_) for ent in doc.ents]
    [('Chỉ thị số 07/2007/CT-UBND', 'DIRECTIVE'), ('UBND tỉnh Gia Lai', 'ORG')]
    """
    import importlib

    nlp = spacy.blank(
        "vi",
        config={"nlp": {"tokenizer": {"@tokenizers": "vn_pipeline.syllable_tokenizer", "segmenter": segmenter}}},
    )
    for name, module in COMPONENTS:
        if components is not None and name not in components:
            continue
        importlib.import_module(module)  # registers the factory
        nlp.add_pipe(name)
    return nlp


@functools.lru_cache(maxsize=4)
def get_nlp(segmenter: str = DEFAULT_SEGMENTER) -> Language:
    """The shared pipeline of this process (built once, reused)."""
    return build_nlp(segmenter=segmenter)
