"""PER: people's names in Vietnamese news text.

A person's name (họ tên) is a run of 2 to 5 capitalised syllables.  Whether a
run of capitalised syllables IS a name depends on what is written around it,
so the recogniser looks at the run's context, strongest evidence first:

* a title or honorific right in front (``Phó Chủ tịch Thường trực``, ``ông``,
  ``đồng chí``, ``Đại tá``, ``PGS.TS.``, ``Ms.``): any capitalised run is a name,
  also a foreign one (``ông Park Ji-hoon``) or one with an unknown family name;
  an organisation written between the title and the name is skipped
  (``Phó Chủ tịch UBND tỉnh Gia Lai Lê Việt Hường`` -> ``Lê Việt Hường``),
  except the own name of a company, school or bank (``Giám đốc Công ty Kim
  Phát`` is no person; ``Giám đốc Bệnh viện Bạch Mai Đào Xuân Cơ`` -> ``Đào
  Xuân Cơ``); after ``Trưởng thôn``/``Trưởng bản`` a run without a family
  name is the village's name (``trưởng bản Nậm Cáy``);
* an apposition after it (``John Smith, Giám đốc ...``, ``Y Thul Adrơng -
  Phó Chủ tịch ...``);
* nothing: the run must then start with a family name (``surnames.txt``,
  incl. ethnic-minority name starts such as ``Y``, ``H'``, ``Ksor``, ``Rơ
  Châm``) or carry the middle name ``Văn``/``Thị`` after an unknown one
  (``Sa Văn Thảo``, ``Lỳ Thị Dần``), must not be a place (``name_lookalikes.txt``
  and the place gazetteer when present), and must not follow a word that makes
  it a place, street, building or organisation name (``non_person_contexts.tsv``:
  ``tỉnh Lâm Đồng``, ``đường Lê Lợi``, ``TP. Hồ Chí Minh``, ``Sở Y Tế``);
* the byline: the last paragraph, when it is a short line of names (also in
  capitals, also two authors ``Minh Anh - Thu Hà``); initials are not names.

Look-alikes are strong (provinces, countries, ethnic groups: a place even after
a title, ``Đại sứ Thái Lan``) or weak (districts, wards, sites: a person's name
after a title or honorific or before an apposition, ``Chủ tịch Hoàng Mai chủ
trì``).  A name in capitals inside ordinary text (``ông NGUYỄN VĂN AN, Giám
đốc ...``) needs a title, an honorific or an apposition; a headline in
capitals gives none.  The family name ``Ông`` is told from the honorific by
position (``ông Ông Văn Chiến``, ``Chủ tịch Ông Văn Chiến``).

A given name alone after an honorific (``ông Hường``, ``bà Huệ``), or after a
title when the article names that person in full (``Phó Chủ tịch Hường``), is a
short reference: a PER span with ``span._.is_reference = True`` (linked to the
full name by :mod:`pipeline.nlp.references`); so are the last two or three
syllables of a full name of the article after an honorific or title (``ông
Minh Tuấn`` for ``Nguyễn Minh Tuấn``) and the prefix and given name of an Ê Đê
name (``ông Y Thul`` for ``Y Thul Adrơng``).

The title is never part of the span.  Names that other components already
tagged (an ORG, a DIRECTIVE) are left alone: earlier components win.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..resources import models_dir, read_lines
from . import extensions  # noqa: F401  (registers Span._.is_reference)
from .doc_tokens import doc_tokens
from .spans import add_entities, doc_text

try:  # the spelling rules of Vietnamese syllables live with the normaliser
    from pipeline.clean.normalize import is_vietnamese_syllable
except ImportError:  # pragma: no cover - only while the clean stage is missing
    def is_vietnamese_syllable(word: str) -> bool:
        return True
from .tokenizer import build_token_regex, load_protected_patterns

LABEL = "PER"
MIN_NAME, MAX_NAME = 2, 5
#: how far back (in tokens) a title may stand before an organisation/place that
#: precedes a name: "Bộ trưởng Bộ Thông tin và Truyền thông Nguyễn Mạnh Hùng"
TITLE_LOOKBACK = 14
#: words that may stand before a title in an apposition ("..., nguyên Giám đốc")
_TITLE_MODIFIERS = frozenset({"nguyên", "tân", "quyền"})
#: punctuation that ends the look-back for a title (a clause boundary)
_CLAUSE_BREAKS = frozenset(",;:()[]\"'“”‘’.!?…")
#: punctuation that introduces an apposition after a name
_APPOSITION_MARKS = frozenset({"-", ",", "(", "–", "—"})
_OPENERS = frozenset("(\"'“‘[")
_BYLINE_SEPARATOR_RE = re.compile(r"\s?[-/;,&]\s?|\svà\s")

#: cue kinds
HONORIFIC, DEGREE, TITLE, TITLE_ORG, TITLE_FAR, PLACE = "honorific", "degree", "title", "title_org", "title_far", "place"
UNIT, UNIT_END, STREET, SITE, GROUP, ORG = "unit", "unit_end", "street", "site", "group", "org"
#: an organisation head that its own proper name follows (Công ty, Tập đoàn,
#: Bệnh viện), and that head after a title: "Giám đốc Công ty Kim Phát" names
#: the company, "Giám đốc Bệnh viện Bạch Mai Đào Xuân Cơ" the company and its head
ORG_NAMED, TITLE_ORG_NAMED = "org_named", "title_org_named"
#: a title naming the head of a settlement (Trưởng thôn, Trưởng bản): the
#: settlement's own name may follow it ("trưởng bản Nậm Cáy")
UNIT_TITLE = "unit_title"
#: how a name was accepted when nothing in front of it is a cue
APPOSITION, MIDDLE_NAME = "apposition", "middle_name"
_STRONG = frozenset({HONORIFIC, DEGREE, TITLE, TITLE_ORG})
_BLOCKING = frozenset({UNIT, UNIT_END, STREET, SITE, GROUP, ORG, ORG_NAMED, "ent"})
#: look-alike kinds that stay a place even after a title ("Đại sứ Thái Lan");
#: the others (district, commune, site) name a person after a title, an
#: honorific, or before an apposition ("Chủ tịch Hoàng Mai", "ông Thanh Xuân")
_STRONG_PLACES = frozenset({"province", "country", "group"})
#: the gendered middle names (tên đệm) that mark a Vietnamese full name even
#: when its family name is one surnames.txt does not know ("Sa Văn Thảo")
_MIDDLE_NAMES = frozenset({"Văn", "Thị"})
#: the family name Ông, written like the honorific "ông" ("ông Ông Văn Chiến")
_ONG = "Ông"
#: a family name that is far more often the first syllable of a common word
#: (văn hóa, văn minh, văn bản): with no cue it opens a name only when the word
#: segmenter does not read it as such a word ("Ngày Văn Hóa Việt Nam")
_WORDLIKE_SURNAME = "Văn"
#: unit words below the province: after "UBND xã" a ward's name is the ward
_LOWER_UNIT_WORDS = frozenset({"huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "thành phố", "đặc khu"})


#: tokens remembered by the pure token tests below (bounded; tokens recur)
TOKEN_CACHE_SIZE = 8192


@functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)
def fold(text: str) -> str:
    """Key for case-insensitive look-ups (NFC, lower case)."""
    return unicodedata.normalize("NFC", text).lower()


# --------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------


class PhraseTable:
    """Phrases stored as tuples of folded tokens; longest match wins."""

    def __init__(self, entries: Iterable[tuple[Sequence[str], str]]):
        self.table: dict[tuple[str, ...], str] = {}
        for tokens, value in entries:
            key = tuple(fold(token) for token in tokens)
            if key:
                self.table.setdefault(key, value)
        self.max_len = max((len(key) for key in self.table), default=0)

    def match_at(self, keys: Sequence[str | None], i: int, stop: int) -> tuple[int, str | None]:
        """Longest phrase starting at token ``i`` (ending before ``stop``): (length, value)."""
        for length in range(min(self.max_len, stop - i), 0, -1):
            value = self.table.get(tuple(keys[i : i + length]))
            if value is not None:
                return length, value
        return 0, None

    def match_before(self, keys: Sequence[str | None], i: int, start: int) -> tuple[int, str | None]:
        """Longest phrase ending right before token ``i`` (starting at or after ``start``)."""
        for length in range(min(self.max_len, i - start), 0, -1):
            value = self.table.get(tuple(keys[i - length : i]))
            if value is not None:
                return length, value
        return 0, None


@dataclass
class PersonLexicon:
    """The data files the recogniser reads, loaded once per process."""

    surname_starts: frozenset[str]
    surname_prefixes: tuple[str, ...]
    titles: PhraseTable
    honorifics: PhraseTable
    contexts: PhraseTable
    #: place and group names that start like a person's name; value: their kind
    lookalikes: PhraseTable
    #: one-word place names (countries: Anh, Đức, Lào): "Đại sứ Anh" is no person
    single_places: frozenset[str]
    #: words that open a sentence or clause and are never a family name (Theo, Tại)
    clause_openers: frozenset[str]

    @classmethod
    def load(cls) -> "PersonLexicon":
        token_re = build_token_regex(load_protected_patterns())

        def tokens(phrase: str) -> list[str]:
            return [match.group() for match in token_re.finditer(unicodedata.normalize("NFC", phrase))]

        starts, prefixes = set(), []
        for entry in read_lines("lexicons", "surnames.txt"):
            entry = unicodedata.normalize("NFC", entry)
            if entry.endswith("'"):
                prefixes.append(entry)
            else:
                starts.add(entry.split()[0])
        contexts = []
        for line in read_lines("lexicons", "non_person_contexts.tsv"):
            phrase, kind = line.split("\t")
            contexts.append((tokens(phrase), kind.strip()))
        unit_words = {tuple(fold(t) for t in phrase) for phrase, kind in contexts if kind in (UNIT, UNIT_END)}
        titles = PhraseTable(
            (tokens(line), UNIT_TITLE if _heads_a_settlement(tokens(line), unit_words) else TITLE)
            for line in read_lines("lexicons", "titles.txt")
        )
        honorifics = PhraseTable(
            (tokens(line.split("\t")[0]), DEGREE if line.endswith("\tdegree") else HONORIFIC)
            for line in read_lines("lexicons", "honorifics.txt")
        )
        ambiguous = _ambiguous_place_names()
        kinds: dict[str, str] = {}
        for line in read_lines("lexicons", "name_lookalikes.txt"):
            name, _, kind = line.partition("\t")
            _add_place(kinds, name.strip(), kind.strip() or "province")
        for name, kind in _gazetteer_names():
            _add_place(kinds, name, kind)
        places = {name: kind for name, kind in kinds.items() if fold(name) not in ambiguous}
        # strong kinds first: a name listed as a province and a ward is a province
        ordered = sorted(places.items(), key=lambda item: item[1] not in _STRONG_PLACES)
        lookalikes = PhraseTable((tokens(name), kind) for name, kind in ordered)
        single_places = frozenset(fold(name) for name in list(places) + _country_names() if " " not in name)
        openers = frozenset(fold(line) for line in read_lines("lexicons", "clause_openers.txt"))
        return cls(
            frozenset(starts), tuple(prefixes), titles, honorifics, PhraseTable(contexts), lookalikes, single_places, openers
        )


def _heads_a_settlement(title: Sequence[str], unit_words: set[tuple[str, ...]]) -> bool:
    """``Trưởng thôn``, ``Phó Trưởng bản``, ``Trưởng khu phố``: the head of a
    settlement, whose name may follow the title (``Già làng`` is a role)."""
    words = [fold(token) for token in title]
    if words[:2] == ["phó", "trưởng"]:
        words = words[1:]
    return len(words) >= 2 and words[0] == "trưởng" and tuple(words[1:]) in unit_words


def _add_place(kinds: dict[str, str], name: str, kind: str) -> None:
    """Record ``name``'s kind; a strong kind wins over a weak one."""
    if name and (name not in kinds or (kind in _STRONG_PLACES and kinds[name] not in _STRONG_PLACES)):
        kinds[name] = kind


def _gazetteer_names() -> list[tuple[str, str]]:
    """Province- and district-level names, countries and regions of the shared
    place gazetteer (``models/gazetteers/``, written for the places component)
    when it exists, with their kind (province, district, country).  Communes
    are left out: thousands of them are named after people (``Trần Hưng
    Đạo``), and a commune is written with its unit word."""
    folder = models_dir() / "gazetteers"
    names = []
    for file_name, level_column in (("places.tsv", 2), ("places_extra.tsv", 2), ("countries.tsv", None), ("regions.tsv", None)):
        path = folder / file_name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip() or line.startswith("#"):
                    continue
                columns = line.rstrip("\n").split("\t")
                if level_column is not None and (len(columns) <= level_column or columns[level_column] not in ("province", "district")):
                    continue
                name = columns[0].strip()
                if name and name[0].isupper() and " " in name:
                    names.append((name, columns[level_column] if level_column is not None else "country"))
    return names


def _country_names() -> list[str]:
    """Every name of ``models/gazetteers/countries.tsv`` (one-word ones too), when present."""
    path = models_dir() / "gazetteers" / "countries.tsv"
    if not path.exists():
        return []
    names = [line.split("\t", 1)[0].strip() for line in read_lines("gazetteers", "countries.tsv")]
    return [name for name in names if name and name != "name"]  # "name": the header row


def _ambiguous_place_names() -> set[str]:
    """Names the gazetteer marks as places only with their unit word (``Hồ Chí
    Minh``, ``Dương Minh Châu``): written bare they name a person."""
    path = models_dir() / "gazetteers" / "ambiguous_place_names.txt"
    if not path.exists():
        return set()
    # Two-syllable ones (Vũ Quang, Hoàng Mai) stay look-alikes: a person is
    # rarely written with two syllables and no title.
    return {fold(line) for line in read_lines("gazetteers", "ambiguous_place_names.txt") if len(line.split()) >= 3}


_LEXICON: PersonLexicon | None = None


def get_lexicon() -> PersonLexicon:
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = PersonLexicon.load()
    return _LEXICON


# --------------------------------------------------------------------------
# Token shapes
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)
def is_name_syllable(text: str) -> bool:
    """A capitalised syllable as names are written in running text: ``Hường``,
    ``A`` (Sùng A Páo), ``H'Xíu``, ``Ji-hoon``, ``McCarthy``; not an acronym
    (``UBND``, ``VNPT``), not a code (``A05``), not ``VNeID``."""
    if not text or not text[0].isupper() or not text[0].isalpha():
        return False
    if text.startswith("Mc") and len(text) > 3:
        text = text[2:]
    parts = re.split(r"['’-]", text)
    for index, part in enumerate(parts):
        if not part or not part.isalpha():
            return False
        if index == 0 and len(part) > 1 and not part[1:].islower():
            return False
        if index > 0 and len(part) > 1 and not part[1:].islower():
            return False
    return True


@functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)
def is_caps_syllable(text: str) -> bool:
    """A syllable written in capitals, as names are inside body text in some
    articles (``ông NGUYỄN VĂN AN``, ``KSOR H'NGÂN``, ``NIÊ KDĂM``): a
    Vietnamese syllable, a family name of ``surnames.txt`` (``KSOR``), or a
    syllable of a minority language written with Vietnamese letters (``Ơ``,
    ``Ă``, ``Ê``, tone marks); not an acronym (``UBND``, ``ASEAN``)."""
    if len(text) < 2 or not text.isupper():
        return False
    parts = re.split(r"['’]", text)
    if not all(part.isalpha() for part in parts if part) or not parts[-1]:
        return False
    if is_vietnamese_syllable(parts[-1]) or title_case(text) in get_lexicon().surname_starts:
        return True
    # (acronyms have no vowel: HĐND, ĐHQG)
    return not text.isascii() and any(unicodedata.normalize("NFD", ch)[0] in "AEIOUY" for ch in text)


def title_case(text: str) -> str:
    """``NGUYỄN`` -> ``Nguyễn``, ``H'HOA`` -> ``H'Hoa``."""
    return "".join(piece[:1].upper() + piece[1:] for piece in re.split(r"(['’])", text.lower()))


# --------------------------------------------------------------------------
# The recogniser
# --------------------------------------------------------------------------


@dataclass
class Candidate:
    start: int
    end: int
    kind: str  # "full", "ref" (after an honorific), "title_ref" (after a title)
    cue: str | None = None  # what made it a name (the cue in front, "apposition" ...)


class _DocPeople:
    """Finds PER candidates in one Doc."""

    def __init__(self, doc: Doc, lexicon: PersonLexicon):
        self.doc = doc
        self.lex = lexicon
        view = doc_tokens(doc)
        n = len(view)
        self.texts = view.texts
        self.spaces = view.spaces
        self.keys: list[str | None] = [None if space else fold(text) for text, space in zip(view.texts, view.is_space)]
        self.sent_start = [start for start, _ in view.sentence_of_token]
        self.sent_end = [end for _, end in view.sentence_of_token]
        # Phrases ending in a dot ("Ms.", "PGS.TS.") make the sentence splitter
        # start a sentence at the name, so cues are looked for back to the
        # start of the paragraph (a phrase never spans a paragraph break).
        self.para_start = [0] * n
        current = 0
        for i, text in enumerate(view.texts):
            if view.is_space[i] and "\n" in text:
                current = i + 1
            self.para_start[i] = current
        self.in_ent = [False] * n
        self.ent_ending_at: dict[int, Span] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.in_ent[i] = True
            self.ent_ending_at[ent.end] = ent
        self.name_syllable = [not self.in_ent[i] and is_name_syllable(self.texts[i]) for i in range(n)]
        # names in capitals: NGUYỄN VĂN AN (single letters, "A", are both shapes)
        self.caps_syllable = [not self.in_ent[i] and is_caps_syllable(self.texts[i]) for i in range(n)]
        self.plain = [title_case(t) if self.caps_syllable[i] else t for i, t in enumerate(self.texts)]
        self._has_lower: dict[int, bool] = {}
        self.word_end = view.word_end

    # ---- runs of capitalised syllables ----------------------------------

    def runs(self) -> Iterable[tuple[int, int]]:
        """Runs of capitalised syllables, each in one writing: ``Nguyễn Văn An``
        or ``NGUYỄN VĂN AN`` (``Ông NGUYỄN VĂN AN`` is two runs)."""
        doc, n = self.doc, len(self.doc)
        i = 0
        while i < n:
            if not (self.name_syllable[i] or self.caps_syllable[i]):
                i += 1
                continue
            caps = None  # the run's writing, set by its first syllable of two letters or more
            j = i
            while (
                j < n
                and (self.name_syllable[j] or self.caps_syllable[j])
                and self.sent_start[j] == self.sent_start[i]
                and (j == i or self.spaces[j - 1])
            ):
                if len(self.texts[j]) > 1:
                    if caps is None:
                        caps = self.caps_syllable[j]
                    elif caps != self.caps_syllable[j]:
                        break
                j += 1
            yield i, j
            i = j

    # ---- context ---------------------------------------------------------

    def _is_surname_start(self, i: int) -> bool:
        text = self.plain[i]
        if text in self.lex.surname_starts:
            return True
        return any(text.startswith(prefix) and len(text) > len(prefix) for prefix in self.lex.surname_prefixes)

    def _title_before(self, i: int) -> int:
        """Length of the title or honorific ending right before token ``i`` (0 if none)."""
        start = self.para_start[i] if i < len(self.doc) else self.para_start[i - 1]
        length_t, _ = self.lex.titles.match_before(self.keys, i, start)
        length_h, _ = self.lex.honorifics.match_before(self.keys, i, start)
        return max(length_t, length_h)

    def _title_far_before(self, i: int) -> bool:
        """A title somewhere in the few tokens before ``i``, inside the clause."""
        start = self.sent_start[i] if i < len(self.doc) else self.sent_start[i - 1]
        lowest = max(start, i - TITLE_LOOKBACK)
        k = i
        while k > lowest:
            if self.keys[k - 1] is None or self.texts[k - 1] in _CLAUSE_BREAKS:
                return False
            if self.lex.titles.match_before(self.keys, k, start)[0]:
                return True
            k -= 1
        return False

    def cue_before(self, i: int) -> str | None:
        """What is written right before token ``i`` (outside the run)."""
        start = self.para_start[i]
        ent = self.ent_ending_at.get(i)
        if ent is not None:
            if ent.label_ == LABEL:
                return None
            if self._title_before(ent.start):
                return TITLE_ORG
            return TITLE_FAR if self._title_far_before(ent.start) else "ent"
        length_t, title = self.lex.titles.match_before(self.keys, i, start)
        length_h, honorific = self.lex.honorifics.match_before(self.keys, i, start)
        length_c, kind = self.lex.contexts.match_before(self.keys, i, start)
        if max(length_t, length_h) >= length_c and max(length_t, length_h) > 0:
            return title if length_t >= length_h else honorific
        if length_c:
            return self._after_context(kind, i - length_c)
        return None

    def _after_context(self, kind: str, context_start: int) -> str:
        """The cue left by a context word (``Sở``, ``tỉnh``) starting at ``context_start``."""
        if kind == ORG_NAMED:
            titled = self._title_before(context_start) or self._title_far_before(context_start)
            return TITLE_ORG_NAMED if titled else ORG_NAMED
        if kind in (ORG, UNIT_END):
            if kind == ORG and self._title_before(context_start):
                return TITLE_ORG
            if self._title_far_before(context_start):
                return TITLE_FAR
        return kind

    def apposition_after(self, end: int) -> bool:
        """``<name> - Phó Chủ tịch ...``, ``<name>, Giám đốc ...``, ``<name> (Trưởng nhóm ...``."""
        n = len(self.doc)
        if end >= n or self.texts[end] not in _APPOSITION_MARKS:
            return False
        i = end + 1
        if i < n and self.keys[i] in _TITLE_MODIFIERS:
            i += 1
        if i >= n:
            return False
        stop = self.sent_end[i]
        return self.lex.titles.match_at(self.keys, i, stop)[0] > 0

    # ---- one run ---------------------------------------------------------

    def _cut_at_title(self, p: int, e: int) -> int:
        """End of the name: a multi-syllable title inside the run starts after
        it, and so does an organisation or place word whose capitalised first
        syllable ends the run (``Điểm Bưu điện``, ``Agribank Chi nhánh``: the
        unit, not a name, goes on in lower case)."""
        stop = self.sent_end[p]
        for j in range(p + 1, min(e, p + MAX_NAME + 1)):
            length, _ = self.lex.titles.match_at(self.keys, j, stop)
            if length >= 2:
                return j
            length_c, kind = self.lex.contexts.match_at(self.keys, j, stop)
            if length_c >= 2 and j + length_c > e and kind != GROUP:
                return j
        # a longer run is no name; stop looking (keeps a long run linear)
        return e if e - p <= MAX_NAME else p + MAX_NAME + 1

    def _trim_tail(self, p: int, q: int, cue: str | None) -> int:
        """Drop a last syllable that the word segmenter glued to the lower-case
        word after it (``Đoàn Thanh niên``: ``Thanh niên`` is a word), for a
        two-syllable run with no title in front only: the segmenter also glues
        real names to the verb after them, but then the name is longer or cued."""
        if (
            q - p == 2
            and cue not in _STRONG
            and q < len(self.doc)
            and self.word_end[q - 1] > q
            and self.texts[q][:1].islower()
        ):
            return q - 1
        return q

    def _ends_with_place(self, p: int, q: int) -> bool:
        return any(self.lex.lookalikes.match_at(self.keys, k, q)[0] == q - k for k in range(p + 1, q - 1))

    def _common_words_in_capitals(self, p: int, q: int, *, middle: bool = False) -> bool:
        """``Văn Hóa Việt Nam``, ``Văn Minh Đô Thị``, ``Siêu Thị Điện Máy``:
        common words written with capitals (title case), not the family name
        Văn nor an unknown family name before the middle name (``middle``):
        the segmenter reads the first two syllables as one word, and what
        follows holds another word of two syllables or more (``Văn Đình
        Thuận``, ``Văn Công Hùng``, ``Văn Thị Bạch Tuyết``, ``Lỳ Thị Dần``
        stay names)."""
        if q - p < 2:
            return False
        if not middle and (self.plain[p] != _WORDLIKE_SURNAME or self.plain[p + 1] in _MIDDLE_NAMES):
            return False
        if self.word_end[p] != p + 2:
            return False
        return q == p + 2 or any(self.word_end[k] - k >= 2 and self.word_end[k] <= q for k in range(p + 2, q))

    def _person_after_org_name(self, p: int, e: int) -> int:
        """Where a person's full name closes the run ``p:e`` that starts with an
        organisation's own name (``Bạch Mai Đào Xuân Cơ``, ``Kim Phát Trần Văn
        Bình``); 0 if none.  Full names of three syllables are the most common,
        then four, then two."""
        for size in (3, 4, 2):
            k = e - size
            if k > p and self._is_surname_start(k) and not self._is_lookalike(k, e):
                return k
        return 0

    def _family_name_before_middle(self, p: int, length: int, e: int, cue: str | None = None) -> bool:
        """A one-syllable look-alike that is also a family name, right before
        a gendered middle name and a given name, is the family name (``Thái
        Văn Dũng``, ``Mông Thị Lan``: the ethnic groups Thái, Mông never take
        Văn/Thị after it; a province before a name keeps its place: ``Gia Lai
        Lê Việt Hường``)."""
        rest = p + length
        if length != 1 or e - rest < 2 or not self._is_surname_start(p):
            return False
        # after an honorific a name follows at once ("chị Thái Ngọc Diễm", "ông Hoa Minh Tuấn"):
        # no place or group is written between "chị" and the name
        return self.plain[rest] in _MIDDLE_NAMES or cue == HONORIFIC

    def _lookalike(self, p: int, q: int) -> str | None:
        """The kind of place or group that tokens ``p:q`` name exactly, if any."""
        length, kind = self.lex.lookalikes.match_at(self.keys, p, q)
        return kind if length == q - p else None

    def _is_lookalike(self, p: int, q: int) -> bool:
        return self._lookalike(p, q) is not None

    def _weak_place_is_name(self, s: int, e: int, cue: str | None) -> bool:
        """A ward, district or site name that is the whole run names a person
        after a title (``Chủ tịch Hoàng Mai chủ trì``; not after ``UBND xã``,
        whose own name it is) or before an apposition (``Hoàng Mai, Phó Giám
        đốc ...``); an honorific is handled by the caller."""
        if cue in (TITLE, DEGREE):
            return True
        if cue == TITLE_ORG:
            length, _ = self.lex.contexts.match_before(self.keys, s, self.para_start[s])
            return not (length and " ".join(k for k in self.keys[s - length : s] if k) in _LOWER_UNIT_WORDS)
        if cue in _BLOCKING or cue == UNIT_TITLE or not self.apposition_after(e):
            return False
        # a position written with its capital ("Hoàng Mai, Phó Giám đốc ..."), and
        # the run no item of a list of places ("các huyện Khánh Sơn, Khánh Vĩnh, nhân viên ...")
        return self._apposition_capitalised(e) and not self._listed(s)

    def _apposition_capitalised(self, end: int) -> bool:
        """The position of the apposition after ``end`` starts with a capital
        (``Phó Giám đốc``), as a position held is written; a role in lower
        case (``nhân viên``, ``cán bộ``) may also start the next clause."""
        title_start = end + 1 + (self.keys[end + 1] in _TITLE_MODIFIERS)
        return self.texts[title_start][:1].isupper()

    def _listed(self, s: int) -> bool:
        """The run is an item of an enumeration (after a comma, ``và``)."""
        return s > 0 and (self.texts[s - 1] in (",", ";") or self.keys[s - 1] in ("và", "hoặc"))

    def _ong_is_family_name(self, p: int, e: int, cue: str | None) -> bool:
        """``Ông`` before two or more capitalised syllables is the family name
        Ông, not the honorific, right after an honorific or a title (``ông Ông
        Văn Chiến``, ``Phó Chủ tịch Ông Văn Chiến``), or inside a sentence
        before a middle name (``do Ông Thị Lan làm chủ nhiệm``: the honorific
        is written in lower case there)."""
        if self.plain[p] != _ONG or e - p < 3:
            return False
        if cue in (HONORIFIC, TITLE, TITLE_ORG, DEGREE):
            return True
        inside = p > self.sent_start[p] and self.texts[p - 1] not in _OPENERS and self.texts[p - 1] not in (":", "-", "–")
        return inside and self.plain[p + 1] in _MIDDLE_NAMES

    def _middle_name_end(self, p: int, e: int, cue: str | None) -> int:
        """End of a name with an unknown family name but a middle name (tên
        đệm): ``Sa Văn Thảo``, ``Khà Thị Hoa``: three or four syllables, the
        second ``Văn`` or ``Thị``; 0 if the run is no such name.  The first
        syllable must not be a function word opening the sentence (``Theo Văn
        Hải``) nor a unit, street, site or organisation word (``Phường Văn
        Miếu``, ``Đường Văn Cao``, ``Sông Văn Úc``)."""
        if not 3 <= e - p <= 4 or self.plain[p + 1] not in _MIDDLE_NAMES:
            return 0
        if cue in _BLOCKING or cue in (PLACE, UNIT_TITLE):
            return 0
        if self.keys[p] in self.lex.clause_openers:
            return 0
        if self.lex.contexts.match_at(self.keys, p, e)[0]:
            return 0
        if not all(is_vietnamese_syllable(self.plain[k]) for k in range(p, e)) or self._is_lookalike(p, e):
            return 0
        if self._cut_at_title(p, e) != e or self._common_words_in_capitals(p, e, middle=True):
            return 0
        return e

    def analyse_run(self, s: int, e: int) -> list[Candidate]:
        if any(len(self.texts[k]) > 1 and self.caps_syllable[k] for k in range(s, e)):
            return self.analyse_caps_run(s, e)
        lex = self.lex
        cue = self.cue_before(s)
        p = s
        while p < e:
            if cue == TITLE_ORG_NAMED:
                # the run names the company, school, bank ...; a person only closes it
                k = self._person_after_org_name(p, e)
                return self._accept(k, e, TITLE_ORG) if k else []
            stop = self.sent_end[p]
            # 1. a title or honorific inside the run ("Ông Đinh Công Thủy", "Phó Giám ...");
            #    "nguyên", "tân", "quyền" only before a title ("Tân Giám đốc"; "ông Tân")
            length_t, title = lex.titles.match_at(self.keys, p, stop)
            if not length_t and self.keys[p] in _TITLE_MODIFIERS:
                length_t, title = lex.titles.match_at(self.keys, p + 1, stop)
                length_t += 1 if length_t else 0
            length_h, honorific = lex.honorifics.match_at(self.keys, p, stop)
            if max(length_t, length_h):
                if length_h > length_t and self._ong_is_family_name(p, e, cue):
                    return self._accept(p, self._cut_at_title(p, e), cue or MIDDLE_NAME)
                if not (length_h > length_t and cue in (STREET, SITE, UNIT, UNIT_END)):
                    # (an honorific inside a street or temple name keeps it one:
                    # "phố Bà Triệu", "đền Bà Chúa Kho")
                    cue = title if length_t >= length_h else honorific
                p += max(length_t, length_h)
                continue
            # 2. a place written before the name ("tỉnh Gia Lai Lê Việt Hường")
            length_p, place = lex.lookalikes.match_at(self.keys, p, e)
            if length_p and not self._family_name_before_middle(p, length_p, e, cue):
                rest = p + length_p
                if rest == e:
                    if cue == HONORIFIC or (cue in (TITLE, TITLE_ORG) and self._is_surname_start(p) and e - p >= 3):
                        return self._accept(p, e, cue)
                    if place not in _STRONG_PLACES and p == s and self._weak_place_is_name(s, e, cue):
                        return self._accept(p, e, cue if cue in _STRONG else APPOSITION)
                    return []
                consume = e - rest >= MIN_NAME and (cue in _STRONG or cue == TITLE_FAR or self._is_surname_start(rest))
                if consume or not self._is_surname_start(p):
                    cue = TITLE_ORG if cue in _STRONG else TITLE_FAR if cue == TITLE_FAR else PLACE
                    p = rest
                    continue
            # 3. a family name starts the name
            if self._is_surname_start(p) and cue not in (STREET, SITE, GROUP, "ent"):
                blocked = cue in (ORG, ORG_NAMED, UNIT, UNIT_END)
                if not blocked:
                    q = self._trim_tail(p, self._cut_at_title(p, e), cue)
                    if cue == TITLE_FAR and q - p < 3 and self._came_from_unit(s):
                        return []
                    if cue not in _STRONG and self._common_words_in_capitals(p, q):
                        return []
                    if q - p >= MIN_NAME or (q - p == 1 and cue in _STRONG):
                        return self._accept(p, q, cue)
            # 3b. an unknown family name before a middle name ("Sa Văn Thảo")
            q = self._middle_name_end(p, e, cue)
            if q:
                return self._accept(p, q, cue if cue in _STRONG else MIDDLE_NAME)
            # 4. an organisation or other context word inside the run ("Sở Trần Minh Khoa")
            length_c, kind = lex.contexts.match_at(self.keys, p, stop)
            if length_c:
                if cue in _STRONG and kind == ORG:
                    cue = TITLE_ORG
                elif cue in _STRONG and kind == ORG_NAMED:
                    cue = TITLE_ORG_NAMED
                else:
                    cue = self._after_context(kind, p) if kind in (ORG, ORG_NAMED, UNIT_END) else kind
                p += length_c
                continue
            # 5. any name after a title/honorific, or before an apposition
            #    (after "Trưởng bản" a name without family name is the village's);
            #    after a title and an organisation, its own name may come first
            #    ("Tổng Giám đốc Tập đoàn Vingroup Phạm Nhật Vượng")
            q = self._trim_tail(p, self._cut_at_title(p, e), cue)
            if cue == TITLE_ORG and q == e:
                k = self._person_after_org_name(p, e)
                if k:
                    return self._accept(k, e, cue)
            if cue in _STRONG:
                return self._accept(p, q, cue)
            if cue not in _BLOCKING and q - p >= MIN_NAME and q == e and self.apposition_after(q):
                # ("các xã Tân Lập, Hồng Phong, nhân viên bưu điện ...": a list, then the subject)
                if self._apposition_capitalised(q) or not self._listed(s):
                    return self._accept(p, q, APPOSITION)
            # 6. a capitalised function word at the start of a sentence ("Theo", "Tại")
            if p == s and (p == self.sent_start[p] or self.texts[p - 1] in _OPENERS) and cue is None:
                p += 1
                continue
            return []
        return []

    def analyse_caps_run(self, s: int, e: int) -> list[Candidate]:
        """A run in capitals (``ông NGUYỄN VĂN AN, Giám đốc ...``) is a name only
        inside a sentence written in ordinary case (a headline in capitals is
        not), when it is the whole run and a title or honorific stands in
        front of it or an apposition follows it."""
        if not self._sentence_has_lower(s) or not MIN_NAME <= e - s <= MAX_NAME:
            return []
        if e < len(self.doc) and self.texts[e].isupper() and self.texts[e].isalpha():
            return []  # an acronym goes on: "... BAN CHỈ ĐẠO CĐS" is no name
        cue = self.cue_before(s)
        length_h, honorific = self.lex.honorifics.match_at(self.keys, s, e)
        if length_h and not self._ong_is_family_name(s, e, cue):
            s, cue = s + length_h, honorific  # "ÔNG NGUYỄN VĂN AN, Giám đốc ..."
            if e - s < MIN_NAME:
                return []
        if cue == UNIT_TITLE and self._is_surname_start(s):
            cue = TITLE
        if cue not in _STRONG:
            if cue in _BLOCKING or not self.apposition_after(e):
                return []
            cue = APPOSITION
        stop = self.sent_end[s]
        length_c, kind = self.lex.contexts.match_at(self.keys, s, stop)
        unit_word = length_c and kind in (ORG, ORG_NAMED, UNIT, UNIT_END, STREET) and not self._is_surname_start(s)
        if self.lex.titles.match_at(self.keys, s, stop)[0] or unit_word:
            return []  # "Giám đốc SỞ TÀI CHÍNH": a unit in capitals ("ĐOÀN VĂN KHÁNH" is a name)
        if self._cut_at_title(s, e) != e:
            return []
        return self._accept(s, e, cue)

    def _sentence_has_lower(self, i: int) -> bool:
        start = self.sent_start[i]
        if start not in self._has_lower:
            self._has_lower[start] = any(ch.islower() for ch in self.doc[start : self.sent_end[i]].text)
        return self._has_lower[start]

    def _came_from_unit(self, s: int) -> bool:
        length_c, kind = self.lex.contexts.match_before(self.keys, s, self.para_start[s])
        return bool(length_c) and kind == UNIT_END

    def _accept(self, p: int, q: int, cue: str | None) -> list[Candidate]:
        length = q - p
        if length > MAX_NAME or length < 1:
            return []
        if len(self.texts[q - 1]) == 1 and q < len(self.doc) and self.texts[q] == "." and not self.spaces[q - 1]:
            return []  # "Nguyễn Văn H.": a name withheld, not a name as written
        if cue == DEGREE and not self._is_surname_start(p) and all(is_vietnamese_syllable(t) for t in self.plain[p:q]):
            return []  # "thạc sĩ Khoa học máy tính": a field of study, not a name
        if length == 1:
            if cue not in _STRONG or cue == DEGREE:
                return []
            if self._single_is_not_a_name(p):
                return []
            if cue != HONORIFIC and self.keys[p] in self.lex.single_places:
                return []  # "Đại sứ Anh", "Đại diện Lào"
            return [Candidate(p, q, "ref" if cue == HONORIFIC else "title_ref", cue)]
        place = self._lookalike(p, q)
        if place is not None:
            # a province or country stays a place after a title; a ward's name
            # (Hoàng Mai) names a person with any cue ("ông", "Chủ tịch", ", Giám đốc ...")
            named_by = (HONORIFIC, TITLE, TITLE_ORG) if place in _STRONG_PLACES else (HONORIFIC, TITLE, TITLE_ORG, DEGREE, APPOSITION)
            if cue not in named_by:
                return []
        if cue != HONORIFIC and not self._is_surname_start(p) and self._ends_with_place(p, q):
            return []  # "Giám đốc Viettel Lào Cai": a company and its place
        return [Candidate(p, q, "full", cue)]

    def _single_is_not_a_name(self, p: int) -> bool:
        if len(self.texts[p]) < 2:
            return True  # "ông A, bà B": placeholders, and no given name is one letter
        stop = self.sent_end[p]
        if self.lex.contexts.match_at(self.keys, p, stop)[0] or self.lex.titles.match_at(self.keys, p, stop)[0]:
            return True
        # honorific + syllable that together name a place: "Bà Rịa", "Cô Tô"
        if p > 0 and self.lex.lookalikes.match_at(self.keys, p - 1, p + 1)[0] == 2:
            return True
        # the segmenter glued it to the lower-case word after it ("Bí thư")
        return self.word_end[p] > p + 1

    # ---- byline ----------------------------------------------------------

    def byline(self) -> list[Candidate]:
        text = doc_text(self.doc)
        cut = text.rstrip().rfind("\n\n")
        if cut < 0:
            return []
        start = cut + 2
        line = text[start:].strip()
        if not line or "\n" in line:
            return []
        start = text.index(line, start)
        try:
            from pipeline.clean.structure import parse_byline
        except ImportError:  # the cleaning stage is optional for the NLP stage
            return []
        verdict = parse_byline(line)
        if not verdict or verdict[0] != "name" or not verdict[1]:
            return []
        core = verdict[1]
        offset = line.find(core)
        if offset < 0:
            return []
        base = start + offset
        candidates = []
        position = 0
        for match in list(_BYLINE_SEPARATOR_RE.finditer(core)) + [None]:
            end = match.start() if match else len(core)
            name = core[position:end]
            stripped = name.strip()
            if stripped:
                left = base + position + (len(name) - len(name.lstrip()))
                span = self.doc.char_span(left, left + len(stripped), alignment_mode="strict")
                # one token only for a prefixed given name (``H'Linh``: two
                # syllables), which parse_byline accepted as a name
                if span is not None and (MIN_NAME <= len(span) <= MAX_NAME or (len(span) == 1 and "'" in stripped)):
                    candidates.append(Candidate(span.start, span.end, "full"))
            if match:
                position = match.end()
        return candidates

    # ---- the whole Doc ---------------------------------------------------

    def find(self) -> list[Candidate]:
        candidates: list[Candidate] = []
        for s, e in self.runs():
            candidates.extend(self.analyse_run(s, e))
        candidates.extend(self.byline())
        self._join_family_name_ong(candidates)
        self._mark_short_forms(candidates)
        fulls = [c for c in candidates if c.kind == "full"]
        candidates.extend(self._repeats(fulls, candidates))
        last_parts, first_parts = set(), set()
        for c in fulls:
            words = [fold(t) for t in self.plain[c.start : c.end]]
            last_parts.add(words[-1])
            if not self._is_surname_start(c.start):
                first_parts.add(words[0])  # foreign names are referred to by the family name first
            if _given_name_first(words):
                first_parts.add(words[1])  # "Phó Chủ tịch Thul" for "Y Thul Adrơng"
        kept = []
        for c in candidates:
            if c.kind == "title_ref":
                key = fold(self.texts[c.start])
                if key not in last_parts and key not in first_parts:
                    continue
            kept.append(c)
        return kept

    def _join_family_name_ong(self, candidates: list[Candidate]) -> None:
        """``Ông Văn Chiến đề nghị ...`` opening a sentence reads as honorific +
        ``Văn Chiến``; when the article names ``Ông Văn Chiến`` in full
        elsewhere (``ông Ông Văn Chiến``), the ``Ông`` is his family name."""
        names = {tuple(fold(t) for t in self.plain[c.start : c.end]) for c in candidates if c.kind == "full"}
        for c in candidates:
            if c.kind != "full" or c.start == 0 or self.plain[c.start - 1] != _ONG:
                continue
            if (fold(_ONG),) + tuple(fold(t) for t in self.plain[c.start : c.end]) in names:
                c.start -= 1

    def _mark_short_forms(self, candidates: list[Candidate]) -> None:
        """A name of two or three syllables after an honorific or title that
        ends another, longer name of the article is a short reference to that
        person (``ông Minh Tuấn`` for ``Nguyễn Minh Tuấn``, ``bà Hương Giang``
        for ``Âu Thị Hương Giang``), not a second person."""
        fulls = [c for c in candidates if c.kind == "full"]
        shortened: set[tuple[str, ...]] = set()  # the short forms the full names allow
        for c in fulls:
            name = tuple(fold(t) for t in self.plain[c.start : c.end])
            for size in range(2, len(name)):
                shortened.add(name[-size:])
                if _given_name_first(name):
                    shortened.add(name[:size])  # "ông Y Thul" for "Y Thul Adrơng"
        for c in fulls:
            if c.cue in (HONORIFIC, TITLE, TITLE_ORG) and 2 <= c.end - c.start <= 3:
                if tuple(fold(t) for t in self.plain[c.start : c.end]) in shortened:
                    c.kind = "ref"

    def _repeats(self, fulls: list[Candidate], found: list[Candidate]) -> list[Candidate]:
        """Other occurrences of a name found with a cue, written bare elsewhere
        (a foreign or unusual name is introduced once with its title)."""
        if not fulls:
            return []
        taken = set()
        for c in found:
            taken.update(range(c.start, c.end))
        names = {tuple(self.texts[c.start : c.end]) for c in fulls}
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for name in names:
            by_first.setdefault(name[0], []).append(name)
        extra = []
        n = len(self.doc)
        for i, text in enumerate(self.texts):
            if i in taken or text not in by_first or not self.name_syllable[i]:
                continue
            if i > 0 and self.name_syllable[i - 1] and self.spaces[i - 1] and self.sent_start[i - 1] != i - 1:
                continue  # inside a longer capitalised run (a capitalised word opening the sentence is fine)
            for name in sorted(by_first[text], key=len, reverse=True):
                end = i + len(name)
                if end > n or tuple(self.texts[i:end]) != name:
                    continue
                if any(self.in_ent[k] or k in taken for k in range(i, end)):
                    continue
                if end < n and self.name_syllable[end] and self.spaces[end - 1]:
                    continue
                if self.cue_before(i) in _BLOCKING or self._lookalike(i, end) in _STRONG_PLACES:
                    continue  # (a ward's name found as a person's with a cue stays one)
                extra.append(Candidate(i, end, "full"))
                taken.update(range(i, end))
                break
        return extra


def _given_name_first(words: Sequence[str]) -> bool:
    """An Ê Đê or Mnông name: the one-letter prefix ``Y`` (men), the given
    name, then the clan name (``Y Thul Adrơng``); such a person is called by
    prefix and given name (``ông Y Thul``) or the given name (``ông Thul``)."""
    return len(words) >= 3 and len(words[0]) == 1


@Language.factory("vn_people")
class PeopleRecognizer:
    """spaCy component: adds PER entities (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "vn_people"):
        self.name = name
        self.lexicon = get_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        finder = _DocPeople(doc, self.lexicon)
        candidates = finder.find()
        spans, references = [], set()
        for c in candidates:
            spans.append(Span(doc, c.start, c.end, label=LABEL))
            if c.kind in ("ref", "title_ref"):
                references.add((c.start, c.end))
        for span in add_entities(doc, spans):
            if (span.start, span.end) in references:
                span._.is_reference = True
        return doc
