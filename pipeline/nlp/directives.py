"""DIRECTIVE entities: references to legal and administrative documents.

A DIRECTIVE (schema: ``knowledge-schema.md``) is

* a document type word (loại văn bản), an optional ``số`` and the document
  number (số ký hiệu): ``Chỉ thị số 07/2007/CT-UBND``, ``Quyết định 749/QĐ-TTg``,
  ``Nghị quyết 12-NQ/TU``, ``Công văn số 3115/BTTTT-CVT``, ``Luật số 24/2018/QH14``;
  a capitalised type with a plain number is one too when the type is one that
  is cited that way (``Đề án 06``, ``Chương trình 135``; column ``bare_number``
  of ``models/lexicons/document_types.tsv``), unless a counted noun follows
  (``Chương trình 3 năm``);
* a document number without a type word when it is certainly one: written after
  ``số`` (``số 3115/BTTTT-CVT``), or holding a type code (``14/2022/NĐ-CP``,
  ``05-NQ/TU``; ``models/lexicons/document_number_codes.tsv``) or a year
  (``24/2018/QH14``).  The mention is the number alone (``số`` is left out);
* a law, code or ordinance cited by name: ``Luật An ninh mạng``, ``Bộ luật
  Hình sự``, ``Luật Viễn thông (sửa đổi)``.  Names of
  ``models/lexicons/law_names.txt`` are matched whole (they may hold commas:
  ``Luật Cán bộ, công chức``); any other name is found by a generic rule: the
  head word (capitalised ``Luật``/``Bộ luật``/``Pháp lệnh``) followed by a
  capitalised syllable and at most :data:`MAX_NAME_SYLLABLES` syllables up to a
  boundary (punctuation, a number, or a word of kind ``name_boundary`` in
  ``models/patterns/directive_cues.tsv``: ``của``, ``ngày``, ``số``, ``năm``,
  ``và`` ...).  So ``Luật Giao dịch điện tử năm 2023`` gives ``Luật Giao dịch
  điện tử``: the year qualifies the mention but is no part of the law's name.
  A number written right after the name belongs to the mention
  (``Luật An ninh mạng số 24/2018/QH14``).

Not DIRECTIVEs: a type word alone (``Kế hoạch``, ``kế hoạch phát triển``), a
programme or project cited by its title (``Chương trình chuyển đổi số quốc
gia``, ``Đề án "Nâng cao ..."``): the schema asks for a type and a number or a
law's name.

Canonical form (``span._.canonical``): the type and the number, without
``số`` (``Chỉ thị 07/2007/CT-UBND``), the type as in the data file whatever
its case in the text; a number alone gets the type its code names
(``Nghị định 14/2022/NĐ-CP``) or stays alone when the code names none
(``3115/BTTTT-CVT``), and so does a number after the generic ``văn bản``
(``văn bản số 12-CT/TU`` -> ``Chỉ thị 12-CT/TU``); a law: its name with modern tone placement, without the
amendment parenthesis (``Luật Viễn thông (sửa đổi)`` -> ``Luật Viễn thông``).

All patterns are compiled regexes over ``doc.text`` whose repeated parts are
bounded or separated by characters outside their class, so matching is linear
in the text (a megabyte of digits, slashes and capitals included).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..clean.normalize import fix_tone_placement
from ..resources import read_lines
from .spans import add_entities, char_span, doc_text
from .tokenizer import load_protected_patterns

LABEL = "DIRECTIVE"
#: syllables of a law's name after its head word, found by the generic rule
MAX_NAME_SYLLABLES = 8
#: longer "syllables" are codes or noise, not words of a law's name
MAX_SYLLABLE_LENGTH = 12
#: a plain number (no code) after a type word: 1-4 digits and a letter (30a)
_BARE_NUMBER = r"\d{1,4}[a-z]?"
_YEAR_LIKE_RE = re.compile(r"(?:19|20)\d\d")
_WORD_RE = re.compile(r"[^\W\d_]+")
_ISSUE_DATE_RE = re.compile(r" (?i:ngày) \d")
_FOLLOWING_WORDS_RE = re.compile(r" ([^\W\d_]+(?: [^\W\d_]+){0,2})")
# a document number split into its parts: 07 / 2007 / CT-UBND, 12 - NQ/TU
_NUMBER_PARTS_RE = re.compile(r"\d+[a-zA-Z]?(?:/(?P<year>\d{4}))?(?P<sep>[/-])(?P<code>.+)")


@dataclass(frozen=True)
class DocumentType:
    name: str
    bare_number: bool
    named: bool
    generic: bool = False


def load_document_types() -> list[DocumentType]:
    types = []
    for row in read_lines("lexicons", "document_types.tsv"):
        name, bare, named, generic = (cell.strip() for cell in row.split("\t"))
        types.append(DocumentType(name, bare == "yes", named == "yes", generic == "yes"))
    return types


def load_number_codes() -> dict[str, str | None]:
    """Type code -> document type (``None`` when the code names no single type)."""
    codes = {}
    for row in read_lines("lexicons", "document_number_codes.tsv"):
        code, doc_type = (cell.strip() for cell in row.split("\t"))
        codes[code] = None if doc_type == "-" else doc_type
    return codes


def load_cues() -> dict[str, list[str]]:
    cues: dict[str, list[str]] = {}
    for row in read_lines("patterns", "directive_cues.tsv"):
        kind, phrase = (cell.strip() for cell in row.split("\t"))
        cues.setdefault(kind, []).append(phrase)
    return cues


def _docnumber_regex() -> str:
    """The tokenizer's document-number pattern (one definition for both)."""
    for name, regex in load_protected_patterns():
        if name == "docnumber":
            return regex
    raise ValueError("models/patterns/protected_tokens.tsv has no 'docnumber' pattern")


def _alternation(phrases) -> str:
    """Regex alternation of literal phrases, longest first, spaces as one space."""
    return "|".join(re.escape(p).replace(r"\ ", " ") for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


def _phrase_set(phrases) -> dict[int, set[tuple[str, ...]]]:
    """Phrases as syllable tuples grouped by length (for boundary look-ups)."""
    grouped: dict[int, set[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(phrase.lower().split())
        grouped.setdefault(len(words), set()).add(words)
    return grouped


class DirectiveRecognizer:
    """Finds DIRECTIVE mentions in a Doc and adds them to ``doc.ents``."""

    def __init__(self, nlp: Language | None = None, name: str = "vn_directives") -> None:
        self.name = name
        self.types = load_document_types()
        self.type_by_lower = {t.name.lower(): t for t in self.types}
        self.codes = load_number_codes()
        cues = load_cues()
        self.name_boundaries = _phrase_set(cues.get("name_boundary", []))
        self.not_law_after = _phrase_set(cues.get("not_law_after", []))
        self.quantities = _phrase_set(cues.get("quantity", []))
        number = f"(?:{_docnumber_regex()})"
        # <type> [số] <number>; the type ignores case, a plain number is checked later
        self.typed_re = re.compile(
            rf"(?<!\w)(?P<type>(?i:{_alternation(t.name for t in self.types)}))"
            rf"(?:[ ](?P<so>(?i:số)))?[ ]?"
            rf"(?:(?P<number>{number})|(?P<bare>{_BARE_NUMBER}))(?![\w/&])"
        )
        # a number on its own, not glued to other code characters
        self.number_re = re.compile(rf"(?<![\w/.&-])(?P<number>{number})(?![\w/&])")
        self.so_before_re = re.compile(r"(?<!\w)(?i:số)[ ]$")
        # laws by name: lexicon first (head capitalised, the rest ignoring case)
        heads = sorted((t.name for t in self.types if t.named), key=len, reverse=True)
        self.heads = heads
        lexicon = []
        for law in read_lines("lexicons", "law_names.txt"):
            head = next((h for h in heads if law.startswith(h + " ")), None)
            if head is None:
                raise ValueError(f"law_names.txt: {law!r} does not start with a head word")
            rest = law[len(head) :].strip()
            lexicon.append((head, rest))
        self.lexicon_canonical = {(h, r.lower()): f"{h} {r}".strip() for h, r in lexicon}
        alternatives = sorted(lexicon, key=lambda hr: (-len(hr[0]) - len(hr[1]), hr))
        self.lexicon_re = re.compile(
            "(?<!\\w)(?:"
            + "|".join(
                re.escape(h).replace(r"\ ", " ") + (" (?i:" + re.escape(r).replace(r"\ ", " ") + ")" if r else "")
                for h, r in alternatives
            )
            + ")(?!\\w)"
        )
        words = r"[^\W\d_]+(?:[-'][^\W\d_]+)*"
        self.generic_law_re = re.compile(
            rf"(?<!\w)(?P<head>{_alternation(heads)}) (?P<words>{words}(?: {words}){{0,{MAX_NAME_SYLLABLES - 1}}})"
        )
        amendments = _alternation(cues.get("amendment", []))
        # what may follow a law's name in the same mention
        self.law_tail_re = re.compile(
            rf"(?P<amend>[ ]?\((?i:{amendments})\))?(?:[ ](?:(?i:số)[ ])?(?P<number>{number})(?![\w/&]))?"
        )

    # ------------------------------------------------------------------ API

    def __call__(self, doc: Doc) -> Doc:
        add_entities(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Span]:
        """Candidate DIRECTIVE spans (overlaps resolved by the caller)."""
        text = doc_text(doc)
        spans: list[Span] = []
        for match in self.typed_re.finditer(text):
            span = self._typed(doc, text, match)
            if span is not None:
                spans.append(span)
        spans.extend(self._laws(doc, text))
        covered = _Intervals((s.start_char, s.end_char) for s in spans)
        for match in self.number_re.finditer(text):
            if covered.contains(match.start()):
                continue
            span = self._bare_number(doc, text, match)
            if span is not None:
                spans.append(span)
        return spans

    # --------------------------------------------------------- the patterns

    def _typed(self, doc: Doc, text: str, match: re.Match) -> Span | None:
        doc_type = self.type_by_lower[match.group("type").lower()]
        if match.group("bare") is not None:
            if not self._plain_number_is_document(text, match, doc_type):
                return None
            number = match.group("bare")
        else:
            number = match.group("number")
        span = char_span(doc, match.start(), match.end(), LABEL)
        if span is not None:
            type_name = doc_type.name
            if doc_type.generic:
                type_name = self._type_of_number(number) or type_name
            span._.canonical = f"{type_name} {number}"
        return span

    def _type_of_number(self, number: str) -> str | None:
        parts = _NUMBER_PARTS_RE.fullmatch(number)
        return self.codes.get(_type_code(parts)) if parts else None

    def _plain_number_is_document(self, text: str, match: re.Match, doc_type: DocumentType) -> bool:
        if match.group("so"):
            return True  # "Kế hoạch số 58": the word số says it is a document number
        if not doc_type.bare_number or not match.group("type")[0].isupper():
            return False
        if _YEAR_LIKE_RE.fullmatch(match.group("bare")):
            return False  # "Chương trình 2030" names a horizon, not a number
        rest = text[match.end() : match.end() + 40]
        if rest[:1] in ("%", ",", ".") and rest[1:2].isdigit():
            return False  # "Đề án 06,5" or "06.5": a decimal, not a document
        if rest.lstrip(" ").startswith("%"):
            return False
        if _ISSUE_DATE_RE.match(rest):
            return True  # "Chỉ thị 16 ngày 31/3/2020": "ngày" opens the issue date
        # the words right after the number, in the same clause (punctuation ends it)
        clause = _FOLLOWING_WORDS_RE.match(rest)
        following = clause.group(1).lower().split() if clause else []
        return not _starts_with(self.quantities, following)

    def _bare_number(self, doc: Doc, text: str, match: re.Match) -> Span | None:
        number = match.group("number")
        parts = _NUMBER_PARTS_RE.fullmatch(number)
        if parts is None:
            return None
        after_so = bool(self.so_before_re.search(text[max(0, match.start() - 4) : match.start()]))
        code = _type_code(parts)
        known_code = code in self.codes
        if not (after_so or known_code or parts.group("year")):
            return None
        span = char_span(doc, match.start(), match.end(), LABEL)
        if span is not None:
            doc_type = self.codes.get(code) if known_code else None
            span._.canonical = f"{doc_type} {number}" if doc_type else number
        return span

    def _laws(self, doc: Doc, text: str) -> list[Span]:
        found: list[tuple[int, int, str]] = []  # start, end of the name; canonical
        for match in self.lexicon_re.finditer(text):
            head = next(h for h in self.heads if match.group(0).startswith(h + " "))
            rest = match.group(0)[len(head) :].strip().lower()
            found.append((match.start(), match.end(), self.lexicon_canonical[(head, rest)]))
        taken = _Intervals((s, e) for s, e, _ in found)
        for match in self.generic_law_re.finditer(text):
            if taken.contains(match.start()):
                continue
            words = match.group("words").split(" ")
            if not words[0][0].isupper() or max(len(word) for word in words) > MAX_SYLLABLE_LENGTH:
                continue  # "Luật sư", "Luật pháp": not a law's name
            if self._discipline_before(text, match.start()):
                continue
            kept = self._name_syllables(words)
            if not kept:
                continue
            end = match.start("words") + len(" ".join(kept))
            found.append((match.start(), end, f"{match.group('head')} {' '.join(kept)}"))
        spans = []
        for start, end, canonical in found:
            tail = self.law_tail_re.match(text, end)
            if tail and tail.end() > end:
                end = tail.end()
            span = char_span(doc, start, end, LABEL)
            if span is not None:
                span._.canonical = fix_tone_placement(" ".join(canonical.split()))
                spans.append(span)
        return spans

    def _name_syllables(self, words: list[str]) -> list[str]:
        """The syllables of a law's name: up to the first boundary word."""
        lowered = [w.lower() for w in words]
        if _starts_with(self.name_boundaries, lowered):
            return []  # "Luật Sửa đổi, bổ sung ...": the amending law names the laws after it
        for i in range(len(words)):
            if i and _starts_with(self.name_boundaries, lowered[i:]):
                return words[:i]
            if i and words[i] in self.heads:
                return words[:i]  # "Luật Báo chí Luật Xuất bản" (a list without commas)
        return words

    def _discipline_before(self, text: str, start: int) -> bool:
        before = _WORD_RE.findall(text[max(0, start - 30) : start])[-2:]
        lowered = [w.lower() for w in before]
        return any(tuple(lowered[-n:]) in phrases for n, phrases in self.not_law_after.items() if len(lowered) >= n)


def _starts_with(grouped: dict[int, set[tuple[str, ...]]], words: list[str]) -> bool:
    return any(tuple(words[:n]) in phrases for n, phrases in grouped.items() if len(words) >= n)


def _type_code(parts: re.Match) -> str:
    """The type code of a number: NQ of 12-NQ/TU, CT of 07/2007/CT-UBND, QH of QH14."""
    code = parts.group("code")
    segment = code.split("/")[0] if parts.group("sep") == "-" else code.split("-")[0]
    if code.startswith("L-CTN"):
        return "L-CTN"
    return segment.rstrip("0123456789")


class _Intervals:
    """Character intervals, merged, for logarithmic "is this position inside" tests."""

    def __init__(self, intervals) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(intervals):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def contains(self, position: int) -> bool:
        index = bisect.bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ends[index]


@Language.factory("vn_directives")
def create_directive_recognizer(nlp: Language, name: str) -> DirectiveRecognizer:
    return DirectiveRecognizer(nlp, name)
