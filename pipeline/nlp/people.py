"""PER: people's names in Vietnamese news text.

A person's name (họ tên) is a run of 2 to 5 capitalised syllables.  Whether a
run of capitalised syllables IS a name depends on what is written around it,
so the recogniser looks at the run's context, strongest evidence first:

* a title or honorific right in front (``Phó Chủ tịch Thường trực``, ``ông``,
  ``đồng chí``, ``Đại tá``, ``PGS.TS.``, ``Ms.``): any capitalised run is a name,
  also a foreign one (``ông Park Ji-hoon``) or one with an unknown family name;
  an organisation written between the title and the name is skipped
  (``Phó Chủ tịch UBND tỉnh Gia Lai Lê Việt Hường`` -> ``Lê Việt Hường``);
* an apposition after it (``John Smith, Giám đốc ...``, ``Y Thul Adrơng -
  Phó Chủ tịch ...``);
* nothing: the run must then start with a family name (``surnames.txt``,
  incl. ethnic-minority name starts such as ``Y``, ``H'``, ``Ksor``, ``Rơ
  Châm``), must not be a place (``name_lookalikes.txt`` and the place gazetteer
  when present), and must not follow a word that makes it a place, street,
  building or organisation name (``non_person_contexts.tsv``: ``tỉnh Lâm
  Đồng``, ``đường Lê Lợi``, ``TP. Hồ Chí Minh``, ``Sở Y Tế``);
* the byline: the last paragraph, when it is a short line of names (also in
  capitals, also two authors ``Minh Anh - Thu Hà``); initials are not names.

A given name alone after an honorific (``ông Hường``, ``bà Huệ``), or after a
title when the article names that person in full (``Phó Chủ tịch Hường``), is a
short reference: a PER span with ``span._.is_reference = True`` (linked to the
full name by :mod:`pipeline.nlp.references`).

The title is never part of the span.  Names that other components already
tagged (an ORG, a DIRECTIVE) are left alone: earlier components win.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..resources import models_dir, read_lines
from . import extensions  # noqa: F401  (registers Span._.is_reference)
from .spans import add_entities

try:  # the spelling rules of Vietnamese syllables live with the normaliser
    from pipeline.clean.normalize import is_vietnamese_syllable
except ImportError:  # pragma: no cover - only while the clean stage is missing
    def is_vietnamese_syllable(word: str) -> bool:
        return True
from .tokenizer import WORDS_SPAN_KEY, build_token_regex, load_protected_patterns

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
_STRONG = frozenset({HONORIFIC, DEGREE, TITLE, TITLE_ORG})
_BLOCKING = frozenset({UNIT, UNIT_END, STREET, SITE, GROUP, ORG, "ent"})


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
    lookalikes: PhraseTable
    #: one-word place names (countries: Anh, Đức, Lào): "Đại sứ Anh" is no person
    single_places: frozenset[str]

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
        titles = PhraseTable((tokens(line), TITLE) for line in read_lines("lexicons", "titles.txt"))
        honorifics = PhraseTable(
            (tokens(line.split("\t")[0]), DEGREE if line.endswith("\tdegree") else HONORIFIC)
            for line in read_lines("lexicons", "honorifics.txt")
        )
        contexts = []
        for line in read_lines("lexicons", "non_person_contexts.tsv"):
            phrase, kind = line.split("\t")
            contexts.append((tokens(phrase), kind.strip()))
        ambiguous = _ambiguous_place_names()
        places = [
            name for name in list(read_lines("lexicons", "name_lookalikes.txt")) + _gazetteer_names() if fold(name) not in ambiguous
        ]
        lookalikes = PhraseTable((tokens(name), PLACE) for name in places)
        single_places = frozenset(fold(name) for name in places + _country_names() if " " not in name)
        return cls(frozenset(starts), tuple(prefixes), titles, honorifics, PhraseTable(contexts), lookalikes, single_places)


def _gazetteer_names() -> list[str]:
    """Province- and district-level names, countries and regions of the shared
    place gazetteer (``models/gazetteers/``, written for the places component)
    when it exists.  Communes are left out: thousands of them are named after
    people (``Trần Hưng Đạo``), and a commune is written with its unit word."""
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
                    names.append(name)
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


# --------------------------------------------------------------------------
# The recogniser
# --------------------------------------------------------------------------


@dataclass
class Candidate:
    start: int
    end: int
    kind: str  # "full", "ref" (after an honorific), "title_ref" (after a title)


class _DocPeople:
    """Finds PER candidates in one Doc."""

    def __init__(self, doc: Doc, lexicon: PersonLexicon):
        self.doc = doc
        self.lex = lexicon
        n = len(doc)
        self.texts = [token.text for token in doc]
        self.keys: list[str | None] = [None if token.is_space else fold(token.text) for token in doc]
        self.sent_start = [0] * n
        self.sent_end = [0] * n
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self.sent_start[i] = sent.start
                self.sent_end[i] = sent.end
        # Phrases ending in a dot ("Ms.", "PGS.TS.") make the sentence splitter
        # start a sentence at the name, so cues are looked for back to the
        # start of the paragraph (a phrase never spans a paragraph break).
        self.para_start = [0] * n
        current = 0
        for i, token in enumerate(doc):
            if token.is_space and "\n" in token.text:
                current = i + 1
            self.para_start[i] = current
        self.in_ent = [False] * n
        self.ent_ending_at: dict[int, Span] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.in_ent[i] = True
            self.ent_ending_at[ent.end] = ent
        self.name_syllable = [not self.in_ent[i] and is_name_syllable(self.texts[i]) for i in range(n)]
        self.word_end = list(range(1, n + 1))
        if WORDS_SPAN_KEY in doc.spans:
            for word in doc.spans[WORDS_SPAN_KEY]:
                for i in range(word.start, word.end):
                    self.word_end[i] = word.end

    # ---- runs of capitalised syllables ----------------------------------

    def runs(self) -> Iterable[tuple[int, int]]:
        doc, n = self.doc, len(self.doc)
        i = 0
        while i < n:
            if not self.name_syllable[i]:
                i += 1
                continue
            j = i + 1
            while (
                j < n
                and self.name_syllable[j]
                and self.sent_start[j] == self.sent_start[i]
                and doc[j - 1].whitespace_ == " "
            ):
                j += 1
            yield i, j
            i = j

    # ---- context ---------------------------------------------------------

    def _is_surname_start(self, i: int) -> bool:
        text = self.texts[i]
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
        length_t, _ = self.lex.titles.match_before(self.keys, i, start)
        length_h, honorific = self.lex.honorifics.match_before(self.keys, i, start)
        length_c, kind = self.lex.contexts.match_before(self.keys, i, start)
        if max(length_t, length_h) >= length_c and max(length_t, length_h) > 0:
            return TITLE if length_t >= length_h else honorific
        if length_c:
            return self._after_context(kind, i - length_c)
        return None

    def _after_context(self, kind: str, context_start: int) -> str:
        """The cue left by a context word (``Sở``, ``tỉnh``) starting at ``context_start``."""
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
        """End of the name: a multi-syllable title inside the run starts after it."""
        stop = self.sent_end[p]
        for j in range(p + 1, min(e, p + MAX_NAME + 1)):
            length, _ = self.lex.titles.match_at(self.keys, j, stop)
            if length >= 2:
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

    def _is_lookalike(self, p: int, q: int) -> bool:
        length, _ = self.lex.lookalikes.match_at(self.keys, p, q)
        return length == q - p

    def analyse_run(self, s: int, e: int) -> list[Candidate]:
        lex = self.lex
        cue = self.cue_before(s)
        p = s
        while p < e:
            stop = self.sent_end[p]
            # 1. a title or honorific inside the run ("Ông Đinh Công Thủy", "Phó Giám ...")
            length_t, _ = lex.titles.match_at(self.keys, p, stop)
            length_h, honorific = lex.honorifics.match_at(self.keys, p, stop)
            if max(length_t, length_h):
                if not (length_h > length_t and cue in (STREET, SITE, UNIT, UNIT_END)):
                    # (an honorific inside a street or temple name keeps it one:
                    # "phố Bà Triệu", "đền Bà Chúa Kho")
                    cue = TITLE if length_t >= length_h else honorific
                p += max(length_t, length_h)
                continue
            # 2. a place written before the name ("tỉnh Gia Lai Lê Việt Hường")
            length_p, _ = lex.lookalikes.match_at(self.keys, p, e)
            if length_p:
                rest = p + length_p
                if rest == e:
                    if cue == HONORIFIC or (cue in (TITLE, TITLE_ORG) and self._is_surname_start(p) and e - p >= 3):
                        return self._accept(p, e, cue)
                    return []
                consume = e - rest >= MIN_NAME and (cue in _STRONG or cue == TITLE_FAR or self._is_surname_start(rest))
                if consume or not self._is_surname_start(p):
                    cue = TITLE_ORG if cue in _STRONG else TITLE_FAR if cue == TITLE_FAR else PLACE
                    p = rest
                    continue
            # 3. a family name starts the name
            if self._is_surname_start(p) and cue not in (STREET, SITE, GROUP, "ent"):
                blocked = cue in (ORG, UNIT, UNIT_END)
                if not blocked:
                    q = self._trim_tail(p, self._cut_at_title(p, e), cue)
                    if cue == TITLE_FAR and q - p < 3 and self._came_from_unit(s):
                        return []
                    if q - p >= MIN_NAME or (q - p == 1 and cue in _STRONG):
                        return self._accept(p, q, cue)
            # 4. an organisation or other context word inside the run ("Sở Trần Minh Khoa")
            length_c, kind = lex.contexts.match_at(self.keys, p, stop)
            if length_c:
                if cue in _STRONG and kind == ORG:
                    cue = TITLE_ORG
                else:
                    cue = self._after_context(kind, p) if kind in (ORG, UNIT_END) else kind
                p += length_c
                continue
            # 5. any name after a title/honorific, or before an apposition
            q = self._trim_tail(p, self._cut_at_title(p, e), cue)
            if cue in _STRONG:
                return self._accept(p, q, cue)
            if cue not in _BLOCKING and q - p >= MIN_NAME and self.apposition_after(q) and q == e:
                return self._accept(p, q, "apposition")
            # 6. a capitalised function word at the start of a sentence ("Theo", "Tại")
            if p == s and (p == self.sent_start[p] or self.texts[p - 1] in _OPENERS) and cue is None:
                p += 1
                continue
            return []
        return []

    def _came_from_unit(self, s: int) -> bool:
        length_c, kind = self.lex.contexts.match_before(self.keys, s, self.para_start[s])
        return bool(length_c) and kind == UNIT_END

    def _accept(self, p: int, q: int, cue: str | None) -> list[Candidate]:
        length = q - p
        if length > MAX_NAME or length < 1:
            return []
        if len(self.texts[q - 1]) == 1 and q < len(self.doc) and self.texts[q] == "." and self.doc[q - 1].whitespace_ == "":
            return []  # "Nguyễn Văn H.": a name withheld, not a name as written
        if cue == DEGREE and not self._is_surname_start(p) and all(is_vietnamese_syllable(t) for t in self.texts[p:q]):
            return []  # "thạc sĩ Khoa học máy tính": a field of study, not a name
        if length == 1:
            if cue not in _STRONG or cue == DEGREE:
                return []
            if self._single_is_not_a_name(p):
                return []
            if cue != HONORIFIC and self.keys[p] in self.lex.single_places:
                return []  # "Đại sứ Anh", "Đại diện Lào"
            return [Candidate(p, q, "ref" if cue == HONORIFIC else "title_ref")]
        if self._is_lookalike(p, q) and cue not in (HONORIFIC, TITLE, TITLE_ORG):
            return []
        if cue != HONORIFIC and not self._is_surname_start(p) and self._ends_with_place(p, q):
            return []  # "Giám đốc Viettel Lào Cai": a company and its place
        return [Candidate(p, q, "full")]

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
        text = self.doc.text
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
                if span is not None and MIN_NAME <= len(span) <= MAX_NAME:
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
        fulls = [c for c in candidates if c.kind == "full"]
        candidates.extend(self._repeats(fulls, candidates))
        last_parts, first_parts = set(), set()
        for c in fulls:
            words = [fold(t) for t in self.texts[c.start : c.end]]
            last_parts.add(words[-1])
            if not self._is_surname_start(c.start):
                first_parts.add(words[0])  # foreign names are referred to by the family name first
        kept = []
        for c in candidates:
            if c.kind == "title_ref":
                key = fold(self.texts[c.start])
                if key not in last_parts and key not in first_parts:
                    continue
            kept.append(c)
        return kept

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
            if i > 0 and self.name_syllable[i - 1] and self.doc[i - 1].whitespace_ == " " and self.sent_start[i - 1] != i - 1:
                continue  # inside a longer capitalised run (a capitalised word opening the sentence is fine)
            for name in sorted(by_first[text], key=len, reverse=True):
                end = i + len(name)
                if end > n or tuple(self.texts[i:end]) != name:
                    continue
                if any(self.in_ent[k] or k in taken for k in range(i, end)):
                    continue
                if end < n and self.name_syllable[end] and self.doc[end - 1].whitespace_ == " ":
                    continue
                if self.cue_before(i) in _BLOCKING or self._is_lookalike(i, end):
                    continue
                extra.append(Candidate(i, end, "full"))
                taken.update(range(i, end))
                break
        return extra


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
