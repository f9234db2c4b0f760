"""Link short references to the full entity of the same article.

Vietnamese news names a person or an organisation in full once and then
shortens it (phép tỉnh lược):

* a person by the given name after an honorific or title (``ông Hường``,
  ``Phó Chủ tịch Hường``), a foreigner by the family name (``ông Park``);
* an organisation by its head noun (``Sở``, ``Bộ``, ``Cục``, ``Tập đoàn``), by
  head noun and bare unit word (``UBND tỉnh``, ``Công an tỉnh``, ``Bưu điện
  tỉnh``), or by its name without the place (``Sở Thông tin và Truyền thông``
  for ``Sở Thông tin và Truyền thông tỉnh Yên Bái``), and by an acronym
  introduced in parentheses (``Trung tâm Giám sát ... (NCSC)``).

For each such mention this component finds the full entity it names and sets
``span._.entity_key`` to that entity's key (``f"{label}:{canonical}"``, the key
:mod:`pipeline.nlp.canonical` gives the full entity) and
``span._.is_reference = True``.  The entity chosen is the most recent matching
one before the reference (for a bare ORG head, the most often named one before
it, the most recent among equals); failing that, the only one in the article;
with several after it and none before, the reference stays unlinked (its own
canonical form, province filled in, is its key).

Which mentions are short is decided on the entities the earlier components
found (PER short references are marked by :mod:`pipeline.nlp.people`, bare ORG
heads by :mod:`pipeline.nlp.organisations`); this component adds no entity.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..resources import models_dir, read_lines
from . import extensions  # noqa: F401
from .canonical import canonical_form, entity_key, expand_abbreviations, normalize_name

#: unit words that may close a short ORG reference (``UBND tỉnh``) or open the
#: place qualifier that a shortened name leaves out (``... tỉnh Yên Bái``)
_UNIT_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "tp.", "tp")
_UNIT_SUFFIX_RE = re.compile(r"\s(?:" + "|".join(re.escape(u) for u in _UNIT_WORDS) + r")$", re.IGNORECASE)
_UNIT_PREFIX_RE = re.compile(r"^(?:" + "|".join(re.escape(u) for u in _UNIT_WORDS) + r")(?:\s|$)", re.IGNORECASE)
#: the longest ORG text that can still be a bare head reference ("Bộ Chỉ huy Quân sự tỉnh")
_MAX_HEAD_WORDS = 6


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _expanded(text: str) -> str:
    """Folded, abbreviation-expanded form used to compare ORG names."""
    text = expand_abbreviations(normalize_name(text))
    text = re.sub(r"\s*&\s*", " và ", text)
    return " ".join(_fold(text).split())


def _is_capitalised_words(text: str) -> bool:
    words = text.split()
    return bool(words) and all(word[0].isupper() or word[0].isdigit() or word == "-" for word in words)


class _Keys:
    """The entity key of each full mention, computed as vn_canonical will."""

    def __init__(self, doc: Doc):
        self.province = doc._.province

    def of(self, span: Span) -> str:
        if span._.is_reference and span._.entity_key:
            return span._.entity_key
        canonical = canonical_form(span._.canonical or span.text, span.label_, province=self.province)
        return entity_key(span.label_, canonical)


def _choose(reference: Span, candidates: list[Span], keys: _Keys, *, salience: dict[str, int] | None = None) -> str | None:
    """The key of the most recent candidate before ``reference`` (with
    ``salience``: of the most often named one before it, the most recent among
    equals), else of the only distinct candidate in the article."""
    before = [span for span in candidates if span.end <= reference.start]
    if before:
        if salience is None:
            return keys.of(before[-1])
        best, best_rank = None, None
        for position, span in enumerate(before):
            key = keys.of(span)
            rank = (salience.get(key, 0), position)
            if best_rank is None or rank > best_rank:
                best, best_rank = key, rank
        return best
    distinct = {keys.of(span) for span in candidates}
    if len(distinct) == 1:
        return distinct.pop()
    return None


# --------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------


def _person_candidates(reference: Span, fulls: list[Span]) -> list[Span]:
    """Full names ending with the reference (``Hường`` -> ``Lê Việt Hường``), or,
    for a foreign name, starting with it (``Park`` -> ``Park Ji-hoon``)."""
    words = _fold(reference.text).split()
    size = len(words)
    ending, starting = [], []
    for span in fulls:
        name = _fold(span.text).split()
        if len(name) <= size:
            continue
        if name[-size:] == words:
            ending.append(span)
        elif name[:size] == words:
            starting.append(span)
    return ending or starting


# --------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _bare_heads() -> frozenset[str]:
    """Head nouns that, written alone, refer back to a named organisation
    (``Sở``, ``Bộ``, ``Tập đoàn``): the phrases flagged ``ref``/``ref_mid`` in
    the organisations component's ``models/patterns/organisations.tsv``."""
    path = models_dir() / "patterns" / "organisations.tsv"
    if not path.exists():
        return frozenset()
    heads = set()
    for line in read_lines("patterns", "organisations.tsv"):
        columns = line.split("\t")
        if len(columns) >= 5 and {"ref", "ref_mid"} & set(columns[4].split(",")):
            heads.add(_expanded(columns[0]))
    return frozenset(heads)


def _is_bare_head(span: Span, text: str) -> bool:
    """``Sở``, ``Bộ``, ``Tập đoàn`` (marked by the organisations component or
    listed as such); a head with a bare unit word (``UBND tỉnh``) is handled
    as a name without its place."""
    if len(text.split()) > _MAX_HEAD_WORDS:
        return False
    return bool(span._.is_reference) or text in _bare_heads()


def _is_place_qualifier(rest: str, original_rest: str) -> bool:
    """What a shortened ORG name leaves out: ``tỉnh Yên Bái``, ``Hà Tĩnh``, ``TP. Hồ Chí Minh``."""
    if not rest:
        return False
    if _UNIT_PREFIX_RE.match(rest):
        return True
    return _is_capitalised_words(original_rest) and len(original_rest.split()) <= 4


def _link_organisations(orgs: list[Span], keys: _Keys) -> None:
    expanded = [_expanded(span.text) for span in orgs]
    references = [(span, text) for span, text in zip(orgs, expanded) if _is_bare_head(span, text)]
    reference_ids = {id(span) for span, _ in references}

    # 1. a name without its place: "Sở Thông tin và Truyền thông" -> "... tỉnh Yên Bái"
    longer_by_prefix: dict[int, list[Span]] = {}
    for i, (span, text) in enumerate(zip(orgs, expanded)):
        if id(span) in reference_ids:
            continue
        for j, (other, other_text) in enumerate(zip(orgs, expanded)):
            if i == j or not other_text.startswith(text + " "):
                continue
            rest = other_text[len(text) + 1 :]
            original_rest = _original_rest(other.text, rest)
            if _is_place_qualifier(rest, original_rest):
                longer_by_prefix.setdefault(i, []).append(other)
    for i, candidates in longer_by_prefix.items():
        span = orgs[i]
        distinct = {keys.of(other) for other in candidates}
        if len(distinct) == 1:
            span._.entity_key = distinct.pop()
            span._.is_reference = True

    # 2. an acronym in parentheses right after the full name: "... (NCSC)"
    acronym_keys: dict[str, str] = {}
    for previous, span in zip(orgs, orgs[1:]):
        doc = span.doc
        if (
            span.start == previous.end + 1
            and span.end < len(doc)
            and doc[previous.end].text == "("
            and doc[span.end].text == ")"
            and span.text.replace("/", "").replace("&", "").replace("-", "").isupper()
            and id(previous) not in reference_ids
        ):
            acronym_keys.setdefault(_fold(span.text), keys.of(previous))
    for span in orgs:
        key = acronym_keys.get(_fold(span.text))
        if key and id(span) not in reference_ids and key != keys.of(span):
            span._.entity_key = key
            span._.is_reference = True

    # 3. bare heads: "Sở", "Bộ", "Cục", "Tập đoàn".  A bare head names the unit
    #    the article is about more often than the one named last ("... thuộc
    #    Sở Tài chính ... tân Giám đốc Sở" is the Sở the article is about), so
    #    the most often named candidate before it wins, the most recent among equals.
    fulls = [(span, text) for span, text in zip(orgs, expanded) if id(span) not in reference_ids]
    salience: dict[str, int] = {}
    for span, _text in fulls:
        key = keys.of(span)
        salience[key] = salience.get(key, 0) + 1
    for span, text in references:
        candidates = [other for other, other_text in fulls if other_text.startswith(text + " ")]
        key = _choose(span, candidates, keys, salience=salience) if candidates else None
        span._.is_reference = True
        if key:
            span._.entity_key = key


def _original_rest(full_text: str, folded_rest: str) -> str:
    """The tail of ``full_text`` that corresponds to ``folded_rest`` (same word count)."""
    words = normalize_name(full_text).split()
    size = len(folded_rest.split())
    return " ".join(words[-size:]) if size else ""


# --------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------


@Language.factory("vn_references")
class ReferenceLinker:
    """spaCy component: links short references (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "vn_references"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        keys = _Keys(doc)
        ents = list(doc.ents)
        people = [ent for ent in ents if ent.label_ == "PER"]
        fulls = [ent for ent in people if not ent._.is_reference]
        for ent in people:
            if not ent._.is_reference:
                continue
            candidates = _person_candidates(ent, fulls)
            key = _choose(ent, candidates, keys) if candidates else None
            if key:
                ent._.entity_key = key
        orgs = [ent for ent in ents if ent.label_ == "ORG"]
        if orgs:
            _link_organisations(orgs, keys)
        return doc
