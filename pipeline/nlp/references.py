"""Link short references to the full entity of the same article.

Vietnamese news names a person or an organisation in full once and then
shortens it (phép tỉnh lược):

* a person by the given name after an honorific or title (``ông Hường``,
  ``Phó Chủ tịch Hường``), also by the last two or three syllables (``ông
  Minh Tuấn``), an Ê Đê name by its given name (``ông Y Thul``, ``ông Thul``
  for ``Y Thul Adrơng``), a foreigner by the family name (``ông Park``);
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

import bisect
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


# --------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------


class _PersonIndex:
    """The full names of a Doc indexed by the short forms that refer to them:
    the last syllables (``Hường``, ``Minh Tuấn`` -> ``Nguyễn Minh Tuấn``); the
    first syllables (a foreign name by its family name, ``Park`` -> ``Park
    Ji-hoon``; an Ê Đê name by prefix and given name, ``Y Thul`` -> ``Y Thul
    Adrơng``, ``H'Hoa`` -> ``H'Hoa Byă``); and the given name after the
    one-letter prefix Y of an Ê Đê or Mnông name (``Thul`` -> ``Y Thul
    Adrơng``: the clan name comes last and is not how a person is called).
    Looked up in that order; each look-up is one dictionary access, so that
    an article with thousands of names stays linear."""

    def __init__(self, fulls: list[Span]):
        self._summaries: dict[int, tuple[list[int], set[str]]] = {}
        self.tiers: tuple[dict[tuple[str, ...], list[Span]], ...] = ({}, {}, {})
        ending, starting, given = self.tiers
        for span in fulls:
            name = tuple(_fold(span.text).split())
            for size in range(1, len(name)):
                ending.setdefault(name[-size:], []).append(span)
                starting.setdefault(name[:size], []).append(span)
                if len(name[0]) == 1 and 1 + size <= len(name):
                    given.setdefault(name[1 : 1 + size], []).append(span)

    def candidates(self, reference: Span) -> list[Span]:
        words = tuple(_fold(reference.text).split())
        for tier in self.tiers:
            found = tier.get(words)
            if found:
                return found
        return []

    def choose(self, reference: Span, keys: "_Keys") -> str | None:
        """The key of the most recent candidate before ``reference``, else of
        the only distinct candidate of the article (bisection over the
        candidates, which are in document order)."""
        candidates = self.candidates(reference)
        if not candidates:
            return None
        ends, distinct = self._summary(candidates, keys)
        position = bisect.bisect_right(ends, reference.start)
        if position:
            return keys.of(candidates[position - 1])
        return next(iter(distinct)) if len(distinct) == 1 else None

    def _summary(self, candidates: list[Span], keys: "_Keys") -> tuple[list[int], set[str]]:
        cached = self._summaries.get(id(candidates))
        if cached is None:
            cached = ([span.end for span in candidates], {keys.of(span) for span in candidates})
            self._summaries[id(candidates)] = cached
        return cached


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


def _word_prefixes(text: str) -> list[str]:
    """The proper word prefixes of ``text``: ``a b c`` -> ``a``, ``a b``."""
    words = text.split(" ")
    return [" ".join(words[:size]) for size in range(1, len(words))]


def _link_organisations(orgs: list[Span], keys: _Keys) -> None:
    """(Every look-up goes through an index of word prefixes, and each distinct
    text is resolved once, so that an article with thousands of ORG mentions
    stays near-linear.)"""
    expanded = [_expanded(span.text) for span in orgs]
    references = [(span, text) for span, text in zip(orgs, expanded) if _is_bare_head(span, text)]
    reference_ids = {id(span) for span, _ in references}
    # index: a proper word prefix -> the ORG mentions (in document order) that start with it
    by_prefix: dict[str, list[int]] = {}
    for j, text in enumerate(expanded):
        for prefix in _word_prefixes(text):
            by_prefix.setdefault(prefix, []).append(j)

    # 1. a name without its place: "Sở Thông tin và Truyền thông" -> "... tỉnh Yên Bái"
    resolved: dict[str, str | None] = {}
    for i, (span, text) in enumerate(zip(orgs, expanded)):
        if id(span) in reference_ids:
            continue
        if text not in resolved:
            distinct = set()
            for j in by_prefix.get(text, ()):
                other, other_text = orgs[j], expanded[j]
                rest = other_text[len(text) + 1 :]
                if _is_place_qualifier(rest, _original_rest(other.text, rest)):
                    distinct.add(keys.of(other))
            resolved[text] = distinct.pop() if len(distinct) == 1 else None
        if resolved[text]:
            span._.entity_key = resolved[text]
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
    #    the most often named candidate before it wins, the most recent among
    #    equals; with none before, the only candidate of the article.
    full_ids = [j for j, span in enumerate(orgs) if id(span) not in reference_ids]
    salience: dict[str, int] = {}
    for j in full_ids:
        key = keys.of(orgs[j])
        salience[key] = salience.get(key, 0) + 1
    is_full = set(full_ids)
    by_text: dict[str, list[Span]] = {}
    for span, text in references:
        by_text.setdefault(text, []).append(span)
    for text, spans in by_text.items():
        candidates = [orgs[j] for j in by_prefix.get(text, ()) if j in is_full]
        distinct = {keys.of(other) for other in candidates}
        only = next(iter(distinct)) if len(distinct) == 1 else None
        best, best_rank, position = None, None, 0
        for span in sorted(spans, key=lambda item: item.start):  # candidates are in document order too
            while position < len(candidates) and candidates[position].end <= span.start:
                key = keys.of(candidates[position])
                rank = (salience.get(key, 0), position)
                if best_rank is None or rank > best_rank:
                    best, best_rank = key, rank
                position += 1
            span._.is_reference = True
            key = best if best is not None else only
            if key:
                span._.entity_key = key
            elif text in _COMMITTEE_BOARDS:
                key = _committee_board_key(text, orgs, expanded, reference_ids, keys)
                if key:
                    span._.entity_key = key


#: the boards of a party committee that a member's title names bare (``Ủy viên
#: Ban Thường vụ``), and the committees they belong to (cấp ủy: Tỉnh ủy, Thành ủy)
_COMMITTEE_BOARDS = frozenset({"ban thường vụ", "ban chấp hành"})
_PARTY_COMMITTEES = ("tỉnh ủy", "thành ủy")


def _committee_board_key(board: str, orgs: list[Span], expanded: list[str], reference_ids: set[int], keys: _Keys) -> str | None:
    """``Ủy viên Ban Thường vụ`` in an article that never writes the board in
    full: the board of the party committee the article names (``Tỉnh ủy Nghệ
    An`` -> ``Ban Thường vụ Tỉnh ủy Nghệ An``), when it names exactly one; else
    None (the reference keeps its own bare form: no entity is made up)."""
    committees = {
        keys.of(span)
        for span, text in zip(orgs, expanded)
        if id(span) not in reference_ids and " ".join(text.split()[:2]) in _PARTY_COMMITTEES
    }
    if len(committees) != 1:
        return None
    label, _, committee = next(iter(committees)).partition(":")
    head = "Ban Thường vụ" if board == "ban thường vụ" else "Ban Chấp hành"
    return entity_key(label, f"{head} {committee}")


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
        index = _PersonIndex([ent for ent in people if not ent._.is_reference])
        for ent in people:
            if not ent._.is_reference:
                continue
            key = index.choose(ent, keys)
            if key:
                ent._.entity_key = key
        orgs = [ent for ent in ents if ent.label_ == "ORG"]
        if orgs:
            _link_organisations(orgs, keys)
        return doc
