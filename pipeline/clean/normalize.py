"""Text normalisation: the first cleaning step every article goes through.

:func:`normalize_text` turns scraped text into one canonical spelling so that
later stages (duplicate detection, lexicon look-ups, NER) see the same string
for the same word:

* HTML entities unescaped (``&nbsp;`` ``&quot;`` ``&amp;`` ``&#7897;``; a
  double-escaped ``&amp;lt;`` too);
* Unicode NFC; zero-width characters, soft hyphens, BOM, bidi marks and control
  characters removed; ``\\r\\n``/``\\r``/U+2028 become ``\\n``;
* NBSP, narrow NBSP and the other Unicode spaces become a plain space; curly
  quotes become ``"``/``'``; hyphen/en-dash/minus variants become ``-``, an em
  dash becomes `` - ``; ``Ð`` (Icelandic eth, a common stand-in) becomes ``Đ``;
* tone marks placed on the vowel that carries them in current Vietnamese news
  and government writing: ``Uỷ`` -> ``Ủy``, ``hoà`` -> ``hòa``, ``thuỷ`` ->
  ``thủy``, ``khoẻ`` -> ``khỏe``, ``uý`` -> ``úy`` (see :func:`fix_tone_placement`);
* spaces/tabs collapsed within a line, lines stripped, line breaks kept (at most
  one blank line in a row) because paragraphs matter.

The function is idempotent (``normalize_text(normalize_text(x)) ==
normalize_text(x)``) and runs in time linear in the input.
"""

from __future__ import annotations

import html
from html.entities import html5 as html5_entities
import re
import unicodedata

__all__ = [
    "normalize_text",
    "fix_tone_placement",
    "is_vietnamese_syllable",
    "strip_tones",
]

# --------------------------------------------------------------------------
# Character tables
# --------------------------------------------------------------------------

#: Characters deleted outright: zero-width space/joiners, word joiner and
#: invisible operators, soft hyphen, BOM, bidi marks and embeddings, the
#: Mongolian vowel separator, the combining grapheme joiner, C0/C1 controls
#: (except tab and the line breaks handled below), DEL, lone surrogates and
#: the noncharacters U+FFFE/U+FFFF.
_DELETE = (
    [0x00AD, 0x034F, 0x061C, 0x180E, 0xFEFF]
    + list(range(0x200B, 0x2010))  # ZWSP ZWNJ ZWJ LRM RLM
    + list(range(0x202A, 0x202F))  # bidi embeddings / overrides
    + list(range(0x2060, 0x2070))  # word joiner, invisible operators, bidi isolates
    + [c for c in range(0x00, 0x20) if c not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D)]
    + [0x7F]
    + [c for c in range(0x80, 0xA0) if c != 0x85]
    + list(range(0xD800, 0xE000))  # lone surrogates (undecodable bytes kept by surrogateescape)
    + [0xFFFE, 0xFFFF]
)
_REMOVE_TABLE: dict[int, str | None] = {c: None for c in _DELETE}
_REMOVE_TABLE.update(
    {
        0x0D: "\n",  # lone CR (CRLF is folded before the table applies)
        0x0B: "\n",
        0x0C: "\n",
        0x85: "\n",
        0x2028: "\n",
        0x2029: "\n\n",
    }
)

_SPACES = [0x00A0, 0x1680, 0x202F, 0x205F, 0x3000] + list(range(0x2000, 0x200B))
_MAP_TABLE: dict[int, str] = {c: " " for c in _SPACES}
_MAP_TABLE[0x09] = " "
_MAP_TABLE.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u301d\u301e\uff02"})
_MAP_TABLE.update({ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u2035\uff07"})
# hyphen, non-breaking hyphen, figure dash, en dash, minus, small/fullwidth
# hyphen-minus: a plain hyphen wherever they are (inside a word or a number
# they stay glued, between spaces they become the usual " - ")
_MAP_TABLE.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"})
_MAP_TABLE[0x00D0] = "\u0110"  # Ð (eth) used for Đ in legacy text

_EM_DASH_RE = re.compile(r"[ \t]*[\u2014\u2015]+[ \t]*")

# Entities: a known named or numeric entity, possibly double escaped
# ("&amp;lt;", "&amp;#7897;"); a semicolon is required.
_ENTITY_RE = re.compile(
    r"&(?:(?:amp|#0*38|#[xX]0*26);)*"
    r"(#[0-9]{1,8};|#[xX][0-9a-fA-F]{1,8};|[A-Za-z][A-Za-z0-9]{1,31};)"
)


def _entity(match: re.Match) -> str:
    body = match.group(1)
    if body[0] == "#":
        return html.unescape("&" + body)  # invalid code points become U+FFFD
    value = html5_entities.get(body)
    return "&" + body if value is None else value  # unknown: keep (one "&")


# --------------------------------------------------------------------------
# Tone placement
# --------------------------------------------------------------------------

_TONE_MARKS = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # huyền sắc ngã hỏi nặng
_VOWELS = "aăâeêioôơuưy"
_MARKED_VOWELS = frozenset("ăâêôơư")  # vowels carrying a quality (shape) mark

#: precomposed vowel -> (toneless vowel, tone mark or ""), both cases
_DECOMPOSE: dict[str, tuple[str, str]] = {}
#: (toneless vowel, tone mark or "") -> precomposed vowel
_COMPOSE: dict[tuple[str, str], str] = {}
for _base in _VOWELS + _VOWELS.upper():
    for _tone in ("",) + _TONE_MARKS:
        _char = unicodedata.normalize("NFC", _base + _tone)
        assert len(_char) == 1, (_base, _tone)
        _DECOMPOSE[_char] = (_base, _tone)
        _COMPOSE[(_base, _tone)] = _char

_CONSONANTS = frozenset("bcdđghklmnpqrstvxfjwz" + "bcdđghklmnpqrstvxfjwz".upper())

_ONSETS = frozenset(
    "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph q qu r s t th tr v x f j w z".split()
) | {""}
_CODAS = frozenset("c ch m n ng nh p t".split()) | {""}

#: vowel clusters (toneless, after a ``qu``/``gi`` onset was split off) of an
#: open syllable (no final consonant) ...
_OPEN_NUCLEI = frozenset(
    "a e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iu oa oe oi ôi ơi ua uê ui uơ uy ưa ưi ưu "
    "iêu yêu oai oay oao oeo uây uôi uya uyu ươi ươu".split()
)
#: ... and of a closed one (final consonant)
_CLOSED_NUCLEI = frozenset(
    "a ă â e ê i o ô ơ u ư y iê yê oa oă oe oo ôô uâ uê uô uy ươ uyê".split()
)


def _nucleus_span(lower: str) -> tuple[int, str, str] | None:
    """Split a toneless lower-case syllable into (start of the vowel cluster,
    vowel cluster, coda); ``None`` when it is not a Vietnamese syllable."""
    n = len(lower)
    i = 0
    while i < n and lower[i] not in _VOWELS:
        i += 1
    j = i
    while j < n and lower[j] in _VOWELS:
        j += 1
    onset, nucleus, coda = lower[:i], lower[i:j], lower[j:]
    if not nucleus or onset not in _ONSETS or coda not in _CODAS:
        return None
    if onset == "q":
        # "qu" is one onset: the u is not a vowel of the nucleus (quý, quá, quốc)
        if len(nucleus) < 2 or nucleus[0] != "u":
            return None
        i, nucleus = i + 1, nucleus[1:]
    elif onset == "g" and len(nucleus) >= 2 and nucleus[0] == "i":
        # "gi" before another vowel is the onset (gia, giữa, giường); "gì",
        # "gìn" keep i as the vowel
        i, nucleus = i + 1, nucleus[1:]
    if nucleus not in (_CLOSED_NUCLEI if coda else _OPEN_NUCLEI):
        return None
    return i, nucleus, coda


def _tone_index(lower: str) -> int | None:
    """Index (in the syllable) of the vowel that carries the tone mark."""
    parsed = _nucleus_span(lower)
    if parsed is None:
        return None
    start, nucleus, coda = parsed
    marked = [k for k, ch in enumerate(nucleus) if ch in _MARKED_VOWELS]
    if marked:  # the (last) vowel with a shape mark: thuyền, người, cứu, thuở
        pos = marked[-1]
    elif coda:  # closed syllable: the last vowel (hoàn, toán, huỳnh)
        pos = len(nucleus) - 1
    elif len(nucleus) == 3:  # open triphthong: the middle (ngoài, xoáy, khuỷu)
        pos = 1
    else:  # open: the first (hòa, khỏe, thủy, mùa, mía, hài)
        pos = 0
    return start + pos


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` (any case, NFC) spells one Vietnamese syllable with at
    most one tone mark (``"Huệ"``, ``"NGUYỄN"``, ``"quý"``; not ``"PV"``,
    ``"John"``, ``"café"``)."""
    bases = []
    tones = 0
    for ch in word:
        decomposed = _DECOMPOSE.get(ch)
        if decomposed is None:
            if ch not in _CONSONANTS:
                return False
            bases.append(ch)
        else:
            bases.append(decomposed[0])
            tones += bool(decomposed[1])
    return tones <= 1 and _nucleus_span("".join(bases).lower()) is not None


def strip_tones(word: str) -> str:
    """``word`` without tone marks (shape marks and đ kept): ``"Hoàng"`` ->
    ``"Hoang"``, ``"Nguyễn"`` -> ``"Nguyên"``."""
    return "".join(_DECOMPOSE[ch][0] if ch in _DECOMPOSE else ch for ch in word)


def _retone_word(word: str) -> str:
    tone = ""
    tone_at = -1
    bases = []
    for k, ch in enumerate(word):
        decomposed = _DECOMPOSE.get(ch)
        if decomposed is None:
            if ch not in _CONSONANTS:
                return word  # not a Vietnamese syllable (digit, foreign letter, mark)
            bases.append(ch)
            continue
        base, mark = decomposed
        bases.append(base)
        if mark:
            if tone:
                return word  # two tone marks: leave it alone
            tone, tone_at = mark, k
    if not tone:
        return word
    target = _tone_index("".join(bases).lower())
    if target is None or target == tone_at:
        return word
    chars = list(word)
    chars[tone_at] = _COMPOSE[(bases[tone_at], "")]
    chars[target] = _COMPOSE[(bases[target], tone)]
    return "".join(chars)


# a run of letters (and combining marks, so that a word followed by a stray
# mark is seen whole and left alone)
_WORD_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])+")
_CACHE: dict[str, str] = {}
_CACHE_LIMIT = 20_000


def _retone(word: str) -> str:
    """:func:`_retone_word`, remembered (the memo is emptied when it holds :data:`_CACHE_LIMIT` words)."""
    fixed = _CACHE.get(word)
    if fixed is None:
        fixed = _retone_word(word)
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[word] = fixed
    return fixed


def fix_tone_placement(text: str) -> str:
    """Move tone marks to the position used by current Vietnamese news and
    government text, syllable by syllable (NFC input).

    The rules, applied to each syllable with exactly one tone mark (anything
    else, e.g. foreign words, is left unchanged):

    * ``qu`` and ``gi`` (before another vowel) are onsets, so ``quý``,
      ``quá``, ``già``, ``giữa`` keep the mark after them;
    * a vowel with a shape mark (ă â ê ô ơ ư) takes the tone, the last one if
      there are two: ``thuyền``, ``người``, ``cứu``, ``khuấy``, ``thuở``;
    * otherwise in a syllable with a final consonant the last vowel:
      ``hoàn``, ``toán``, ``huỳnh``;
    * otherwise in an open three-vowel cluster the middle one: ``ngoài``,
      ``xoáy``, ``khuỷu``, ``khuỵa``;
    * otherwise the first vowel: ``hòa``, ``khỏe``, ``thủy``, ``Ủy``, ``mùa``.

    Case is kept character by character (``HOÀ`` -> ``HÒA``).
    """
    # Most texts need no change: look at each distinct word once, and only
    # rewrite the text when one of them moves its mark.
    changed = {}
    for word in set(_WORD_RE.findall(text)):
        if not word.isascii():
            fixed = _retone(word)
            if fixed != word:
                changed[word] = fixed
    if not changed:
        return text
    return _WORD_RE.sub(lambda match: changed.get(match.group(0), match.group(0)), text)


# --------------------------------------------------------------------------
# The whole normalisation
# --------------------------------------------------------------------------

_SPACES_RE = re.compile(r" {2,}")
_LINE_EDGE_RE = re.compile(r" *\n *")
_BLANKS_RE = re.compile(r"\n{3,}")
_MAX_ROUNDS = 8


def _decode_and_strip(text: str) -> str:
    """Entities, invisible/control characters and NFC, to a fixed point (an
    entity may decode to a removable character and a removal may complete an
    entity; each round only shortens the text, and real text needs one)."""
    for _ in range(_MAX_ROUNDS):
        text = text.translate(_REMOVE_TABLE)
        text = unicodedata.normalize("NFC", text)
        if "&" not in text:
            break
        decoded = _ENTITY_RE.sub(_entity, text)
        if decoded == text:
            break
        text = decoded
    return text


def normalize_text(text: str) -> str:
    """The canonical form of a scraped Vietnamese text (see the module doc)."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n")
    text = _decode_and_strip(text)
    text = text.translate(_MAP_TABLE)
    text = fix_tone_placement(text)
    if "\u2014" in text or "\u2015" in text:
        text = _EM_DASH_RE.sub(" - ", text)
    text = _SPACES_RE.sub(" ", text)
    text = _LINE_EDGE_RE.sub("\n", text)
    text = _BLANKS_RE.sub("\n\n", text)
    return text.strip(" \n")
