"""LOC entities: provinces, districts, communes, countries and regions.

Names come from gazetteers (``models/gazetteers/``): ``places.tsv`` (built
from the ``vietnam-provinces`` package by ``build_places.py``: the 34
provinces/cities and 3,321 communes in force since 1 July 2025, and the 63
provinces, 696 districts and 10,051 communes before), ``places_extra.tsv``
(units abolished earlier: Thừa Thiên Huế, Hà Tây, merged districts),
``countries.tsv``, ``world_cities.tsv``, ``regions.tsv`` and ``place_variants.tsv`` (TP.HCM,
Thừa Thiên - Huế ...).  Words that steer the decisions are in
``models/patterns/place_cues.tsv``.

Names are matched case-sensitively (place names are capitalised), leftmost
longest, on the Doc's syllable tokens.  Whether a match is a LOC depends on
what kind of place it can be and on the words around it:

* after a unit word (``tỉnh``, ``thành phố``/``TP.``, ``huyện``, ``quận``,
  ``thị xã``, ``xã``, ``phường``, ``thị trấn``, ``đặc khu``; villages:
  ``thôn``, ``bản``, ``buôn``, ``làng``, ``ấp`` ...; islands and parks:
  ``đảo``, ``quần đảo``, ``khu công nghiệp``; ``nước`` for countries)
  any gazetteer name is a LOC, and so is an unseen name of 2-4 capitalised
  syllables or of one foreign word (``xã Ia Grai``, ``bản Nậm Pố``, ``thành
  phố Osaka``, a ward of a later reorganisation), after a village word also
  one syllable that is a word by itself (``bản Áng``, not ``bản Hướng dẫn``);
* without one, provinces, districts, countries and regions are LOCs
  (``Gia Lai``, ``Mù Cang Chải``, ``Campuchia``), except names that usually
  name something else (``Hồ Chí Minh``, ``Ngô Quyền``:
  ``ambiguous_place_names.txt``), district names of one ordinary syllable
  (``Vinh``), and single-syllable country names at a sentence start;
* a commune name without its unit word is a LOC only where the text says it
  is a place: continuing a list that began with a LOC (``các huyện Kông
  Chro, Krông Pa, Ia Pa``), after a plural place noun and ``như``/``gồm``/``:``
  (``các xã vùng cao như Lũng Cú, Sơn Vĩ``), or after ``ở``/``tại``; a
  name that needs its unit word has it when the list's first item had it
  (``huyện Hương Khê, Vũ Quang``), and names no gazetteer holds continue
  such a list (``các xã như Tân Hợp, Quy Hướng, Tà Lại``);
* no match counts right after a street or landmark word or an honorific
  (``đường Lê Lợi``, ``vịnh Hạ Long``, ``ông Đức``), nor when a capitalised
  word is glued to it without punctuation (``VNPT Bình Định``, ``Nguyễn Thái
  Bình``, ``Thái Bình Dương``, also a capitalised word of several syllables:
  ``Kỷ niệm chương Vì sự nghiệp Báo chí Việt Nam``): then it is part of a
  longer proper name.

The span is the name without its unit word (``Gia Lai`` in ``tỉnh Gia
Lai``; the schema's scorer drops a leading unit word anyway), except for
numbered units, where the number alone names nothing (``Quận 1``), and for
one-token forms such as ``TP.HCM``.  ``span._.canonical`` is the gazetteer
name (``Hồ Chí Minh`` for ``TP.HCM``, ``Thừa Thiên Huế`` for ``Thừa Thiên -
Huế``, ``Hoa Kỳ`` for ``Mỹ``).  Names inside an ORG found earlier are not
tagged again (``add_entities`` keeps the earlier entity).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..clean.normalize import is_vietnamese_syllable
from ..resources import cached, read_lines, resource_path
from .doc_tokens import doc_tokens
from .spans import add_entities
from .tokenizer import build_token_regex, load_protected_patterns

LABEL = "LOC"
#: syllables of an unseen name after a unit word
MAX_UNSEEN_NAME_SYLLABLES = 4
#: tokens looked back from a list introducer for the plural place noun
INTRO_WINDOW = 8

LEVELS = ("province", "district", "commune", "country", "city", "region")


@dataclass(frozen=True)
class Place:
    """One reading of a place name."""

    canonical: str
    unit_type: str  # tỉnh, thành phố trung ương, huyện, ..., quốc gia, vùng
    level: str  # one of LEVELS
    status: str  # current | former
    province: str | None  # the province it lies in (provinces: itself)
    needs_unit: bool = False  # only after a unit word
    needs_cue: bool = False  # only after a unit word or in a list


# --------------------------------------------------------------------------
# The gazetteer
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _token_regex():
    return build_token_regex(load_protected_patterns())


def tokenize_name(name: str) -> tuple[str, ...]:
    """A name split the way the pipeline's tokenizer splits text."""
    return tuple(match.group(0) for match in _token_regex().finditer(name))


def _tsv_rows(*parts: str) -> list[list[str]]:
    """Rows of a TSV resource without comments and without its header line."""
    rows = [line.split("\t") for line in read_lines(*parts)]
    return rows[1:] if rows else rows


def _spelling_variants(name: str) -> set[str]:
    """Other spellings of one name: hyphen with/without spaces, Đắk/Đăk, Nông trường."""
    variants = {name}
    if " - " in name:
        variants.add(name.replace(" - ", "-"))
    elif "-" in name and " " in name:
        variants.add(name.replace("-", " - "))
    for a, b in (("Đắk", "Đăk"), ("Đăk", "Đắk")):
        for variant in list(variants):
            if a in variant:
                variants.add(variant.replace(a, b))
    # the lists write a state farm's town "NT Mộc Châu" or "Nông Trường Việt
    # Lâm"; news writes "thị trấn Nông trường Mộc Châu"
    for prefix in ("NT ", "Nông Trường "):
        if name.startswith(prefix):
            variants.add("Nông trường " + name[len(prefix):])
    return variants


class Gazetteer:
    """Place names by token sequence, and the facts the components need."""

    def __init__(self) -> None:
        self.by_tokens: dict[tuple[str, ...], list[Place]] = {}
        ambiguous = set(read_lines("gazetteers", "ambiguous_place_names.txt"))
        self.province_names: set[str] = set()
        for parts in (("gazetteers", "places.tsv"), ("gazetteers", "places_extra.tsv")):
            for name, unit_type, level, _code, status, province in _tsv_rows(*parts):
                single_common = (
                    level == "district" and " " not in name and not name.isdigit() and is_vietnamese_syllable(name)
                )
                place = Place(
                    canonical=name,
                    unit_type=unit_type,
                    level=level,
                    status=status,
                    province=province or None,
                    needs_unit=name in ambiguous or name.isdigit() or single_common,
                )
                if level == "province":
                    self.province_names.add(name)
                for variant in _spelling_variants(name):
                    self._add(variant, place)
        for name, canonical, needs_cue in _tsv_rows("gazetteers", "countries.tsv"):
            self._add(name, Place(canonical, "quốc gia", "country", "current", None, needs_cue=needs_cue == "yes"))
        for name, canonical, country in _tsv_rows("gazetteers", "world_cities.tsv"):
            self._add(name, Place(canonical, "thành phố", "city", "current", None))
        for name, canonical in _tsv_rows("gazetteers", "regions.tsv"):
            self._add(name, Place(canonical, "vùng", "region", "current", None))
        for variant, canonical, needs_unit in _tsv_rows("gazetteers", "place_variants.tsv"):
            targets = self.lookup(canonical)
            if not targets:
                raise ValueError(f"place_variants.tsv: {canonical!r} is in no gazetteer")
            for target in targets:
                # the variant's own column decides: TP.HCM is unambiguous, Hồ Chí Minh is not
                self._add(variant, Place(**{**target.__dict__, "needs_unit": needs_unit == "yes"}))
        self.first_tokens = {key[0] for key in self.by_tokens}
        self.max_tokens = max(len(key) for key in self.by_tokens)

    def _add(self, name: str, place: Place) -> None:
        places = self.by_tokens.setdefault(tokenize_name(name), [])
        if place not in places:
            places.append(place)

    def lookup(self, name: str) -> list[Place]:
        return self.by_tokens.get(tokenize_name(name), [])

    def province_of(self, name: str) -> str | None:
        """The province a name denotes when it is a province's name (any status)."""
        for place in self.lookup(name):
            if place.level == "province":
                return place.province or place.canonical  # Sài Gòn -> Hồ Chí Minh
        return None


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process (shared with vn_article_context),
    or read from :func:`~pipeline.resources.cached`."""
    return cached("gazetteer", Gazetteer)


def load_place_cues() -> dict[str, dict[tuple[str, ...], str]]:
    """kind -> {phrase tokens -> value}; lower-case phrases also capitalised."""
    cues: dict[str, dict[tuple[str, ...], str]] = {}
    for row in read_lines("patterns", "place_cues.tsv"):
        kind, phrase, value = (cell.strip() for cell in row.split("\t"))
        table = cues.setdefault(kind, {})
        for form in {phrase, phrase[:1].upper() + phrase[1:]}:
            table[tokenize_name(form)] = value
    return cues


def _load_surnames() -> frozenset[str]:
    try:
        resource_path("lexicons", "surnames.txt")
    except FileNotFoundError:
        return frozenset()
    return frozenset(line.split("\t")[0].strip() for line in read_lines("lexicons", "surnames.txt"))


# --------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------


@dataclass
class _Match:
    start: int  # first token of the name
    end: int
    places: list[Place]
    unit_start: int | None = None  # first token of the unit word before it
    unit_types: frozenset[str] = frozenset()
    accepted: bool = False
    listed: bool = False  # accepted as an item of a list of places
    span_start: int | None = None
    canonical: str | None = None


class PlaceRecognizer:
    """Finds LOC mentions in a Doc and adds them to ``doc.ents``."""

    def __init__(self, nlp: Language | None = None, name: str = "vn_places") -> None:
        self.name = name
        self.gazetteer = load_gazetteer()
        cues = load_place_cues()
        self.units = {key: frozenset(value.split(",")) for key, value in cues.get("unit", {}).items()}
        self.list_intros = set(cues.get("list_intro", {}))
        self.plural_nouns = set(cues.get("plural_noun", {}))
        self.locatives = set(cues.get("locative", {}))
        self.blockers = set(cues.get("blocker", {}))
        self.plurals = set(cues.get("plural", {}))
        self.surnames = _load_surnames()
        self._max_cue = max(len(key) for table in cues.values() for key in table)
        self._unit_first_tokens = {key[0] for key in self.units}

    def __call__(self, doc: Doc) -> Doc:
        add_entities(doc, self.find(doc))
        return doc

    # ------------------------------------------------------------------ find

    def find(self, doc: Doc) -> list[Span]:
        texts = doc_tokens(doc).texts
        matches = self._gazetteer_matches(texts)
        spans = []
        for index, match in enumerate(matches):
            previous = matches[index - 1] if index else None
            if self._accept(doc, texts, match, previous):
                match.accepted = True
                span = Span(doc, match.span_start if match.span_start is not None else match.start, match.end, label=LABEL)
                span._.canonical = match.canonical
                spans.append(span)
        unseen = self._unseen_after_unit(doc, texts, matches)
        spans.extend(unseen)
        spans.extend(self._unseen_in_lists(doc, texts, matches, spans, unseen))
        return spans

    def _gazetteer_matches(self, texts: list[str]) -> list[_Match]:
        """Leftmost-longest gazetteer matches, with the unit word before each."""
        by_tokens, first_tokens = self.gazetteer.by_tokens, self.gazetteer.first_tokens
        matches = []
        i, n = 0, len(texts)
        while i < n:
            if texts[i] in first_tokens:
                for length in range(min(self.gazetteer.max_tokens, n - i), 0, -1):
                    places = by_tokens.get(tuple(texts[i : i + length]))
                    if places:
                        match = _Match(i, i + length, places)
                        unit = self._phrase_ending_at(texts, i, self.units)
                        if unit is not None:
                            match.unit_start, match.unit_types = unit[0], self.units[tuple(texts[unit[0] : i])]
                        matches.append(match)
                        i += length
                        break
                else:
                    i += 1
            else:
                i += 1
        return matches

    def _phrase_ending_at(self, texts: list[str], end: int, table) -> tuple[int, int] | None:
        """(start, end) of the longest phrase of ``table`` that ends right before ``end``."""
        for length in range(min(self._max_cue, end), 0, -1):
            if tuple(texts[end - length : end]) in table:
                return end - length, end
        return None

    def provinces_in(self, texts: list[str]) -> list[str]:
        """Province names written in a token sequence (e.g. an ORG's tokens):
        ``UBND tỉnh Gia Lai`` -> ``["Gia Lai"]``, ``Sở TT&TT Bắc Ninh`` ->
        ``["Bắc Ninh"]``; a name after a lower unit word (``huyện Hòa Bình``)
        is not the province."""
        found = []
        for match in self._gazetteer_matches(texts):
            if match.unit_start is not None and not match.unit_types & _PROVINCE_UNITS:
                continue
            provinces = [p for p in match.places if p.level == "province" and not p.needs_unit]
            if match.unit_start is not None:
                provinces = [p for p in match.places if p.level == "province"]
            if provinces:
                best = _best(provinces)
                found.append(best.province or best.canonical)
        return found

    # ------------------------------------------------------------ decisions

    def _accept(self, doc: Doc, texts: list[str], match: _Match, previous: _Match | None) -> bool:
        places = match.places
        if match.unit_start is not None and match.unit_types == _COUNTRY_UNITS and not any(
            p.level == "country" for p in places
        ):
            match.unit_start = None  # "nước" before a province's name is water, not a country's unit word
        if match.unit_start is not None:
            if self._glued_to_capital(doc, match, before=False):
                return False  # "UBND tỉnh Lâm Quang Thiện": a person's name, not xã Lâm
            fitting = [p for p in places if p.unit_type in match.unit_types]
            if not fitting and texts[match.start].isdigit():
                return False  # "tỉnh 5 tháng": only quận/phường are numbered
            place = _best(fitting or places)
            if place.level == "country" and "quốc gia" not in match.unit_types:
                return False  # "tỉnh Lào" is no phrase; "Lào" needs no unit word anyway
            if texts[match.start].isdigit():
                match.span_start = match.unit_start  # "Quận 1": the number alone names nothing
                unit = " ".join(texts[match.unit_start : match.start])
                match.canonical = f"{unit[:1].upper()}{unit[1:]} {texts[match.start]}"
            else:
                match.canonical = place.canonical
            return True
        if texts[match.start].isdigit():
            return False
        if self._glued_to_capital(doc, match) or self._phrase_ending_at(texts, match.start, self.blockers):
            return False
        in_list = self._continues_list(texts, match, previous) or self._after_list_intro(texts, match)
        match.listed = in_list
        if in_list and previous is not None and previous.unit_types and self._continues_list(texts, match, previous):
            # the unit word of the first item holds for the list (huyện Hương
            # Khê, Vũ Quang): a name that needs its unit word has it here
            fitting = [p for p in places if p.unit_type in previous.unit_types]
            if fitting:
                match.unit_types = previous.unit_types
                match.canonical = _best(fitting).canonical
                return True
        strong = [p for p in places if p.level != "commune" and not p.needs_unit and not p.needs_cue]
        single_syllable = match.end - match.start == 1
        if strong:
            place = _best(strong)
            if place.level == "country" and single_syllable and doc[match.start].is_sent_start and not in_list:
                return False  # "Pháp luật ...", "Đức ..." at a sentence start
            match.canonical = place.canonical
            return True
        weak = [p for p in places if not p.needs_unit]
        if not weak:
            return False
        if in_list or (
            not single_syllable
            and any(p.level == "commune" for p in weak)
            and self._phrase_ending_at(texts, match.start, self.locatives)
        ):
            match.canonical = _best(weak).canonical
            return True
        return False

    def _glued_to_capital(self, doc: Doc, match: _Match, *, before: bool = True) -> bool:
        """A capitalised word joined to the name by one space: a longer proper name."""
        if before and match.start > 0 and not doc[match.start].is_sent_start:
            before = doc[match.start - 1]
            if before.whitespace_ == " " and _is_capitalised_word(before.text):
                # "Tại Kỳ Sơn": an ordinary word capitalised by the sentence start is no name
                if not (before.is_sent_start and is_vietnamese_syllable(before.text) and not before.text.isupper()):
                    return True
            # a capitalised word of the segmenter right before it (its last
            # syllables in lower case): the end of a proper name, as in an
            # award's (Kỷ niệm chương Vì sự nghiệp Báo chí Việt Nam)
            first = doc_tokens(doc).word_start[match.start - 1]
            if before.whitespace_ == " " and first < match.start - 1 and _is_capitalised_word(doc[first].text):
                if not doc[first].is_sent_start:
                    return True
        if match.end < len(doc) and doc[match.end - 1].whitespace_ == " ":
            after = doc[match.end]
            if _is_capitalised_word(after.text) and not after.is_sent_start:
                return True
        return False

    def _unseen_in_lists(
        self, doc: Doc, texts: list[str], matches: list[_Match], spans: list[Span], unseen: list[Span]
    ) -> list[Span]:
        """``các xã vùng cao như Tân Hợp, Quy Hướng, Tà Lại``: names the
        gazetteer lacks that continue a list of places (after a list item that
        the text made a place: a list introducer, a plural unit word), two to
        four capitalised syllables each."""
        covered = {}
        for span in spans:
            covered[span.start] = span.end
        listed_ends = [m.end for m in matches if m.accepted and m.listed]
        for span in unseen:  # các xã Ia Grai, Ia Pa
            unit = self._phrase_ending_at(texts, span.start, self.units)
            if unit is not None and self._phrase_ending_at(texts, unit[0], self.plurals):
                listed_ends.append(span.end)
        n = len(texts)
        intro_last = {key[-1] for key in self.list_intros}
        # the first item right after an introducer (các điểm đảo như Hòn Khoai, ...)
        firsts = [
            k for k in range(1, n)
            if texts[k - 1] in intro_last and k not in covered and _is_capitalised_word(texts[k]) and self._intro_before(texts, k)
        ]
        found = []
        starts = sorted({(end, False) for end in listed_ends} | {(k, True) for k in firsts})
        for end, first in starts:
            while end < n:
                k = end
                while not first and k < n and k - end < 2 and texts[k] in (",", "và"):
                    k += 1
                if not first and (k == end or k >= n or not doc[k - 1].whitespace_):
                    break
                first = False
                if k in covered:
                    end = covered[k]  # a known item: the list goes on after it
                    continue
                stop = k
                while (
                    stop < n and stop - k < MAX_UNSEEN_NAME_SYLLABLES and _is_capitalised_word(texts[stop])
                    and is_vietnamese_or_local(texts[stop]) and not doc[stop].is_sent_start
                    and (stop == k or doc[stop - 1].whitespace_ == " ")
                ):
                    stop += 1
                name = texts[k:stop]
                if len(name) < 2 or (stop < n and _is_capitalised_word(texts[stop]) and doc[stop - 1].whitespace_ == " "):
                    break
                if len(name) >= 3 and name[0] in self.surnames:
                    break  # a person's name
                span = Span(doc, k, stop, label=LABEL)
                span._.canonical = " ".join(name)
                found.append(span)
                covered[k] = stop
                end = stop
        return found

    @staticmethod
    def _village_syllable(doc: Doc, start: int, end: int) -> bool:
        """One capitalised syllable after a village word that is a word by
        itself (bản Áng, buôn Jun): villages often have one-syllable names,
        unlike units.  A syllable that starts an ordinary word with the next
        one (bản Hướng dẫn, bản Kế hoạch: a copy of a document) is none: the
        segmenter joins them, or the word list (organisations.py) knows the pair."""
        if end != start + 1 or not doc[start].text[1:].islower() or doc_tokens(doc).word_end[start] != end:
            return False
        if end >= len(doc) or not doc[end].text[:1].islower():
            return True  # punctuation or the end follows
        from .organisations import fold, get_lexicon

        return (fold(doc[start].text), fold(doc[end].text)) not in get_lexicon().compounds

    def _continues_list(self, texts: list[str], match: _Match, previous: _Match | None) -> bool:
        """``X, Y`` / ``X và Y`` / ``X, và Y`` where X was accepted."""
        if previous is None or not previous.accepted:
            return False
        between = texts[previous.end : match.start]
        return between in ([","], ["và"], [",", "và"], ["-"], ["hoặc"])

    def _after_list_intro(self, texts: list[str], match: _Match) -> bool:
        """``các xã vùng cao như X``: an introducer after a plural place noun."""
        return self._intro_before(texts, match.start)

    def _intro_before(self, texts: list[str], start: int) -> bool:
        intro = self._phrase_ending_at(texts, start, self.list_intros)
        if intro is None:
            return False
        window_start = max(0, intro[0] - INTRO_WINDOW)
        for end in range(intro[0], window_start, -1):
            if texts[end - 1] in {".", ";", "\n"} or texts[end - 1].isspace():
                return False
            if self._phrase_ending_at(texts, end, self.plural_nouns):
                return True
        return False

    # -------------------------------------------------- names not in the data

    def _unseen_after_unit(self, doc: Doc, texts: list[str], matches: list[_Match]) -> list[Span]:
        """``xã Ia Grai``: 2-4 capitalised syllables after an administrative unit word."""
        # a gazetteer name that was turned down may begin a longer unseen one
        # ("xã Ia Hrú Mới" holds the known "Ia Hrú")
        starts = {match.start for match in matches if match.accepted}
        taken = set()
        for match in matches:
            if match.accepted:
                taken.update(range(match.span_start if match.span_start is not None else match.start, match.end))
        spans = []
        i, n = 0, len(texts)
        while i < n:
            if texts[i] not in self._unit_first_tokens:
                i += 1
                continue
            unit = None
            for length in range(min(self._max_cue, n - i), 0, -1):
                key = tuple(texts[i : i + length])
                if key in self.units and "quốc gia" not in self.units[key]:
                    unit = (i, i + length)
                    break
            if unit is None or unit[1] in starts or unit[1] in taken:
                i += 1
                continue
            end = unit[1]
            while (
                end < n
                and end - unit[1] < MAX_UNSEEN_NAME_SYLLABLES
                and _is_capitalised_word(texts[end])
                and is_vietnamese_or_local(texts[end])
                and (end == unit[1] or doc[end - 1].whitespace_ == " ")
                and not (end > unit[1] and doc[end].is_sent_start)
            ):
                end += 1
            if doc[unit[1] - 1].whitespace_ != " ":
                end = unit[1]
            name = texts[unit[1] : end]
            village = "thôn" in self.units[tuple(texts[unit[0] : unit[1]])]
            if (_unseen_name_shape(name) or (village and self._village_syllable(doc, unit[1], end))) and not (end < n and _is_capitalised_word(texts[end]) and doc[end - 1].whitespace_ == " "):
                if not (len(name) >= 3 and name[0] in self.surnames):
                    span = Span(doc, unit[1], end, label=LABEL)
                    span._.canonical = " ".join(name)
                    spans.append(span)
            i = max(end, i + 1)
        return spans


def _unseen_name_shape(name: list[str]) -> bool:
    """Two or more syllables, or one foreign word (Osaka, Daegu): one Vietnamese
    syllable after a unit word is too often an ordinary capitalised word."""
    if len(name) >= 2:
        return True
    return len(name) == 1 and name[0][1:].islower() and not is_vietnamese_syllable(name[0])


def is_vietnamese_or_local(word: str) -> bool:
    """A syllable that can be part of a place name (not a code or an acronym)."""
    return not word.isupper() or len(word) == 1


def _is_capitalised_word(text: str) -> bool:
    return bool(text) and text[0].isupper() and text[0].isalpha()


_COUNTRY_UNITS = frozenset({"quốc gia"})
_PROVINCE_UNITS = frozenset({"tỉnh", "thành phố trung ương"})
_LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}


def _best(places: list[Place]) -> Place:
    """The reading to name a match by: the highest level, current before former."""
    return min(places, key=lambda p: (_LEVEL_RANK[p.level], p.status != "current"))


@Language.factory("vn_places")
def create_place_recognizer(nlp: Language, name: str) -> PlaceRecognizer:
    return PlaceRecognizer(nlp, name)
