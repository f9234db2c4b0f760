"""Canonical forms of entities and their article-local keys.

:func:`canonical_form` is the schema's canonical form (docs/knowledge-schema):

* every label: NFC, modern tone placement (``Ủy``), straight quotes and dashes
  (:func:`pipeline.clean.normalize.normalize_text`), single spaces;
* ``ORG``: common abbreviations expanded (``UBND`` -> ``Ủy ban nhân dân``,
  ``TT&TT`` -> ``Thông tin và Truyền thông``; ``models/lexicons/org_abbreviations.tsv``),
  ``&`` -> ``và``, first letter capitalised, and the province filled in where
  the article makes it certain: a name ending in a bare unit word (``Công an
  tỉnh``, ``UBND tỉnh``, ``Sở Khoa học và Công nghệ thành phố``) gets the
  article's province when the unit word fits it (``tỉnh`` for a province,
  ``thành phố`` for a centrally-run city);
* ``PER``: a name written in capitals is title-cased (``TRẦN THỊ HUỆ`` ->
  ``Trần Thị Huệ``);
* ``DIRECTIVE``: document type and number (``Chỉ thị số 07/2007/CT-UBND`` ->
  ``Chỉ thị 07/2007/CT-UBND``); a law named without number keeps its name;
* ``LOC``: without a leading unit word (``tỉnh Gia Lai`` -> ``Gia Lai``,
  ``TP.HCM`` -> ``Hồ Chí Minh``).

The ``vn_canonical`` component sets ``span._.canonical`` on every entity and
``span._.entity_key = f"{label}:{canonical}"``; a short reference that
:mod:`pipeline.nlp.references` linked keeps the key of its full entity and
takes that entity's canonical form.  A canonical form that an earlier component
set (e.g. the expansion of an acronym) is kept, brought to final form by
:func:`canonical_form` (which leaves a final form unchanged).
"""

from __future__ import annotations

import functools
import re

from spacy.language import Language
from spacy.tokens import Doc

from ..resources import models_dir, read_lines
from . import extensions  # noqa: F401  (registers Span._.canonical etc.)

from ..clean.normalize import normalize_text  # the cleaning stage's normaliser: tone placement, quotes, dashes

__all__ = ["canonical_form", "entity_key", "normalize_name", "expand_abbreviations", "fill_province", "CanonicalForms"]

#: leading unit words dropped from a LOC (longest first)
_LOC_UNIT_RE = re.compile(
    r"^(?:thành phố trực thuộc trung ương|thành phố|tỉnh|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu|TP\.?|Tp\.?|TX\.)\s+",
    re.IGNORECASE,
)
#: a name that ends in a bare upper-level unit word: the province may be filled in
_BARE_UNIT_RE = re.compile(r"\s(tỉnh|thành phố)$", re.IGNORECASE)
#: a unit word in front of a province name handed in as ``province``
_PROVINCE_UNIT_RE = re.compile(r"^(?:tỉnh|thành phố|tp\.?)\s+", re.IGNORECASE)
#: a document number: a token with a digit, e.g. 07/2007/CT-UBND, 57-NQ/TW, 24/2018/QH14
_DOC_NUMBER_RE = re.compile(r"(?<!\S)(?=\S*\d)\S+")
_SO_RE = re.compile(r"\s+(?:số|No\.?)\s*:?\s*$", re.IGNORECASE)
_AMPERSAND_RE = re.compile(r"\s*&\s*")
_SPACES_RE = re.compile(r"\s+")


#: distinct names remembered by the pure functions below (a few MB): an entity's name
#: recurs in article after article, and normalising it costs more than a look-up
NAME_CACHE_SIZE = 8192


@functools.lru_cache(maxsize=NAME_CACHE_SIZE)
def normalize_name(text: str) -> str:
    """NFC, modern tone placement, straight quotes/dashes, single spaces."""
    return _SPACES_RE.sub(" ", normalize_text(text)).strip()


# --------------------------------------------------------------------------
# Data: abbreviations and the kind of each province
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _abbreviation_table() -> tuple[re.Pattern | None, dict[str, str]]:
    """One regex for every abbreviation (longest first) and its expansions.

    The schema's own list (``scoring_abbreviations.tsv``: UBND, HĐND, TT&TT,
    TTTT) and the organisations component's table of unit-name abbreviations
    (``org_abbreviations.tsv``: KH&CN, LĐ-TB&XH, TP.HCM ...), which wins on
    conflicts, so that an ORG's canonical form is the same whichever component
    computed it.
    """
    table: dict[str, str] = {}
    for file_name in ("scoring_abbreviations.tsv", "org_abbreviations.tsv"):
        if not (models_dir() / "lexicons" / file_name).exists():
            continue
        for line in read_lines("lexicons", file_name):
            columns = line.split("\t")
            if len(columns) >= 2 and columns[0].strip() and columns[1].strip():
                table[normalize_name(columns[0])] = normalize_name(columns[1])
    if not table:
        return None, table
    alternatives = []
    for abbreviation in sorted(table, key=len, reverse=True):
        # "TT&TT" may be written "TT & TT"
        parts = [re.escape(part) for part in re.split(r"\s*&\s*", abbreviation)]
        alternatives.append(r"\s?&\s?".join(parts))
    pattern = re.compile(r"(?<![\w&])(?:" + "|".join(alternatives) + r")(?![\w&])")
    return pattern, {_abbreviation_key(key): value for key, value in table.items()}


def _abbreviation_key(text: str) -> str:
    return _AMPERSAND_RE.sub("&", text)


def expand_abbreviations(text: str) -> str:
    """``UBND tỉnh`` -> ``Ủy ban nhân dân tỉnh``; ``Bộ TT & TT`` -> ``Bộ Thông tin và Truyền thông``."""
    pattern, table = _abbreviation_table()
    if pattern is None:
        return text
    return pattern.sub(lambda match: table.get(_abbreviation_key(match.group()), match.group()), text)


@functools.lru_cache(maxsize=1)
def _centrally_run_cities() -> frozenset[str]:
    """Folded names of the cities directly under the central government
    (thành phố trực thuộc trung ương), from the place gazetteer when present,
    else from the ``vietnam-provinces`` package."""
    cities: set[str] = set()
    path = models_dir() / "gazetteers" / "places.tsv"
    if path.exists():
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                columns = line.rstrip("\n").split("\t")
                if len(columns) >= 3 and columns[1] == "thành phố trung ương":
                    cities.add(columns[0].casefold())
    if not cities:
        try:
            import vietnam_provinces

            for province in vietnam_provinces.Province.iter_all():
                if "trung ương" in str(province.division_type.value):
                    cities.add(_PROVINCE_UNIT_RE.sub("", province.name).casefold())
        except Exception:  # pragma: no cover - the package is a dependency
            pass
    return frozenset(cities)


def _province_name(province: str | None) -> tuple[str, bool] | None:
    """(name without unit word, is a centrally-run city) or ``None``."""
    if not province:
        return None
    name = _PROVINCE_UNIT_RE.sub("", normalize_name(province))
    if not name:
        return None
    name = name[0].upper() + name[1:]
    return name, name.casefold() in _centrally_run_cities()


def fill_province(name: str, province: str | None) -> str:
    """``Công an tỉnh`` + ``Gia Lai`` -> ``Công an tỉnh Gia Lai``.

    Only a name that ENDS in the bare unit word ``tỉnh`` or ``thành phố`` is
    completed, and only when the word fits the province (``tỉnh`` for a
    province, ``thành phố`` for a centrally-run city): a ``thành phố`` in a
    provincial article is a city inside the province, not the province.
    """
    match = _BARE_UNIT_RE.search(name)
    known = _province_name(province)
    if not match or not known:
        return name
    province_name, is_city = known
    unit = match.group(1).casefold()
    if (unit == "tỉnh") == is_city:
        return name
    return f"{name} {province_name}"


# --------------------------------------------------------------------------
# The canonical form
# --------------------------------------------------------------------------


def _capitalise_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _title_case_name(text: str) -> str:
    """``TRẦN THỊ HUỆ`` -> ``Trần Thị Huệ``; ``KSOR H'XÍU`` -> ``Ksor H'Xíu``."""

    def syllable(word: str) -> str:
        pieces = re.split(r"(['’])", word.lower())
        return "".join(piece[:1].upper() + piece[1:] for piece in pieces)

    return " ".join(syllable(word) for word in text.split(" "))


def _directive_form(text: str) -> str:
    match = _DOC_NUMBER_RE.search(text)
    if not match or match.start() == 0:
        return _capitalise_first(text)
    kind = _SO_RE.sub("", text[: match.start()].rstrip())
    number = match.group().rstrip(".,;:)")
    return f"{_capitalise_first(kind.strip())} {number}"


@functools.lru_cache(maxsize=NAME_CACHE_SIZE)
def canonical_form(text: str, label: str, *, province: str | None = None) -> str:
    """The schema's canonical form of an entity written ``text`` (see the module doc).

    >>> canonical_form("UBND tỉnh", "ORG", province="Gia Lai")
    'Ủy ban nhân dân tỉnh Gia Lai'
    >>> canonical_form("Chỉ thị số 07/2007/CT-UBND", "DIRECTIVE")
    'Chỉ thị 07/2007/CT-UBND'
    """
    text = normalize_name(text)
    if not text:
        return text
    if label == "PER":
        letters = [ch for ch in text if ch.isalpha()]
        if letters and all(ch.isupper() for ch in letters) and len(letters) > 1:
            text = _title_case_name(text)
        return text
    if label == "ORG":
        text = expand_abbreviations(text)
        text = _AMPERSAND_RE.sub(" và ", text)
        text = _SPACES_RE.sub(" ", text).strip()
        text = fill_province(text, province)
        return _capitalise_first(text)
    if label == "LOC":
        text = expand_abbreviations(text)
        previous = None
        while previous != text:
            previous = text
            text = _LOC_UNIT_RE.sub("", text, count=1)
        return _capitalise_first(text)
    if label == "DIRECTIVE":
        return _directive_form(text)
    return text


def entity_key(label: str, canonical: str) -> str:
    """The article-local key of an entity: ``"ORG:Ủy ban nhân dân tỉnh Gia Lai"``."""
    return f"{label}:{canonical}"


@Language.factory("vn_canonical")
class CanonicalForms:
    """spaCy component: ``span._.canonical`` and ``span._.entity_key`` for every entity."""

    def __init__(self, nlp: Language, name: str = "vn_canonical"):
        self.name = name
        _abbreviation_table()  # load the data once, at build time

    def __call__(self, doc: Doc) -> Doc:
        province = doc._.province
        for ent in doc.ents:
            label = ent.label_
            linked = ent._.entity_key if ent._.is_reference else None
            if linked and linked.startswith(f"{label}:"):
                ent._.canonical = linked.split(":", 1)[1]
                continue
            canonical = canonical_form(ent._.canonical or ent.text, label, province=province)
            ent._.canonical = canonical
            ent._.entity_key = entity_key(label, canonical)
        return doc
