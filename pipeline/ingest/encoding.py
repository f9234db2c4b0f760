"""Turn the bytes of a scraped article into text, or say clearly why not.

Vietnamese text reaches us in five encodings: UTF-8 (with or without a BOM),
UTF-16 with a BOM, Windows-1258 (``cp1258``) and TCVN3, the legacy "ABC" font
encoding (TCVN 5712:1993 VN3, fonts such as .VnTime).  :func:`decode_bytes`
decides between them in a fixed order:

1. a byte-order mark names the encoding (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. NUL bytes or many control bytes mean binary data -> :class:`DecodeError`;
3. strict UTF-8;  bytes that *look* like UTF-8 (most of their non-ASCII bytes
   form valid UTF-8 sequences) but fail are damaged UTF-8 -> :class:`DecodeError`
   naming the byte offset (a multi-byte sequence cut at the end is reported as
   truncation);
4. otherwise both legacy encodings are tried strictly and each result is scored
   by how Vietnamese it looks: the share of its non-ASCII words that are
   well-formed Vietnamese syllables (initial + rhyme + at most one tone, a
   stopped rhyme only with a sharp or heavy tone, a sane letter case), with
   frequent syllables as a tie-breaker.  The better one wins if it is clearly
   Vietnamese; if neither is, or they tie, :class:`DecodeError` -- a wrong
   guess would put mojibake into every later table.

Legacy results are returned in NFC: Python's cp1258 codec yields combining tone
marks, and TCVN3 has combining marks at 0xB0-0xB4.  UTF-8/16 text is returned
as written (Unicode normalisation belongs to the cleaning stage).

The TCVN3 byte table is data: ``models/encodings/tcvn3.tsv``.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections import Counter

from pipeline.resources import read_lines

__all__ = [
    "DecodeError",
    "decode_bytes",
    "encode_cp1258",
    "encode_tcvn3",
    "is_vietnamese_syllable",
    "vietnamese_score",
]


class DecodeError(ValueError):
    """The bytes are not text in any encoding this stage recognises.

    ``reason`` is one of ``"binary"``, ``"truncated"``, ``"invalid"`` (damaged
    UTF-8/16/32) and ``"unknown"`` (no supported encoding explains the bytes).
    """

    def __init__(self, message: str, reason: str = "unknown"):
        super().__init__(message)
        self.reason = reason


# --------------------------------------------------------------------------
# Vietnamese syllable structure

#: combining tone marks: huyền, sắc, ngã, hỏi, nặng
_TONE_MARKS = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}

_INITIALS = (
    "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x"
).split()

_RHYMES = """
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
oe oen oeo oet oc oi om on ong ooc oong op ot
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uân uâng uât uây uc uê uêch uênh ui um un ung uơ uôc uôi uôm uôn uông uôt
up ut uy uya uych uyên uyêt uyn uynh uyp uyt uyu
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêng yêt yêu ynh yt
""".split()


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(x) for x in sorted(set(items), key=lambda s: (-len(s), s)))


_SYLLABLE_RE = re.compile(
    rf"(?:{_alternation(_INITIALS)})?(?P<rhyme>{_alternation(_RHYMES)})"
)
_STOPPED_FINALS = ("p", "t", "c", "ch")


@functools.lru_cache(maxsize=20_000)
def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` (letters only, any Unicode form) is a well-formed
    Vietnamese syllable in lower, Title or UPPER case."""
    word = unicodedata.normalize("NFC", word)
    if not word.isalpha():
        return False
    if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    match = _SYLLABLE_RE.fullmatch(base)
    if match is None:
        return False
    if tones and _TONE_MARKS[tones[0]] in ("grave", "hook", "tilde"):
        if base.endswith(_STOPPED_FINALS):
            return False
    return True


@functools.lru_cache(maxsize=1)
def _common_syllables() -> frozenset[str]:
    lines = read_lines("encodings", "vi_common_syllables.txt")
    return frozenset(unicodedata.normalize("NFC", s) for s in lines)


# A "piece" is a run of characters between whitespace, ASCII punctuation,
# digits and general punctuation (U+2010-U+2027).  Mojibake characters such as
# "µ", "¸", "»" or "§" are deliberately *not* separators, so that a wrongly
# decoded word stays in one piece and fails the syllable test.
_PIECE_RE = re.compile(r"[^\s\x21-\x40\x5b-\x60\x7b-\x7e\u2010-\u2027]+")
_MAX_SCORED_PIECES = 20000


def vietnamese_score(text: str) -> tuple[float, float, int]:
    """``(valid share, common share, pieces)`` over the non-ASCII pieces of
    ``text`` (at most the first 20 000): the share that are well-formed
    Vietnamese syllables and the share that are frequent syllables."""
    counts: Counter[str] = Counter()
    n = 0
    for match in _PIECE_RE.finditer(text):
        piece = match.group()
        if piece.isascii():
            continue
        counts[piece] += 1
        n += 1
        if n >= _MAX_SCORED_PIECES:
            break
    if n == 0:
        return 0.0, 0.0, 0
    common = _common_syllables()
    valid = frequent = 0
    for piece, count in counts.items():
        if is_vietnamese_syllable(piece):
            valid += count
            if unicodedata.normalize("NFC", piece).lower() in common:
                frequent += count
    return valid / n, frequent / n, n


# --------------------------------------------------------------------------
# TCVN3

@functools.lru_cache(maxsize=1)
def _tcvn3_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for line in read_lines("encodings", "tcvn3.tsv"):
        fields = line.split("\t")
        if len(fields) != 3:
            raise ValueError(f"tcvn3.tsv: bad line {line!r}")
        byte, char, name = int(fields[0], 16), fields[1], fields[2]
        if len(char) != 1 or unicodedata.name(char) != name or not 0x80 <= byte <= 0xFF:
            raise ValueError(f"tcvn3.tsv: inconsistent line {line!r}")
        if byte in table:
            raise ValueError(f"tcvn3.tsv: byte {byte:02x} listed twice")
        table[byte] = char
    return table


@functools.lru_cache(maxsize=1)
def _tcvn3_decoding_map() -> str:
    table = _tcvn3_table()
    # "\ufffe" marks an undefined byte for codecs.charmap_decode
    return "".join(chr(b) if b < 0x80 else table.get(b, "\ufffe") for b in range(256))


@functools.lru_cache(maxsize=1)
def _tcvn3_encoding_map() -> dict[str, int]:
    return {char: byte for byte, char in _tcvn3_table().items()}


@functools.lru_cache(maxsize=1)
def _tcvn3_lowercase_only() -> str:
    """Letters TCVN3 has only in lowercase (the toned vowels)."""
    encodable = _tcvn3_encoding_map()
    return "".join(c for c in _tcvn3_table().values() if c.islower() and c.upper() not in encodable)


@functools.lru_cache(maxsize=1)
def _capital_word_re() -> re.Pattern[str]:
    """Words with at least two capital (Latin) letters."""
    capitals = "".join(
        chr(c) for r in (range(0x41, 0x5B), range(0xC0, 0x250), range(0x1E00, 0x1F00))
        for c in r if chr(c).isupper()
    )
    capital = f"[{re.escape(capitals)}]"
    return re.compile(rf"\b(?:[^\W\d_]*?{capital}){{2}}[^\W\d_]*")


def _restore_capitals(text: str) -> str:
    """TCVN3 cannot encode capital toned letters: the ABC "H" fonts draw the
    lowercase codes as capitals.  A word whose other cased letters are all
    capitals (at least two of them) and whose only lowercase letters are such
    toned vowels ("HộI", "NGHị", "ĐảNG") was written in capitals: upper-case it.
    Single-capital words ("Hà") are left alone, being ordinary Title case."""
    only_lower = set(_tcvn3_lowercase_only())

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        upper = sum(c.isupper() for c in word)
        if upper >= 2 and all(c in only_lower for c in word if c.islower()):
            return word.upper()
        return word

    return _capital_word_re().sub(fix, text)


def _decode_tcvn3(data: bytes) -> str:
    text, _ = codecs.charmap_decode(data, "strict", _tcvn3_decoding_map())
    return _restore_capitals(unicodedata.normalize("NFC", text))


def encode_tcvn3(text: str) -> bytes:
    """Unicode -> TCVN3 bytes (the inverse of the decoder, for tests and
    tooling).  Capital toned letters have no TCVN3 code: they raise
    ``ValueError``, as does any other character outside ASCII and the table."""
    mapping = _tcvn3_encoding_map()
    out = bytearray()
    for i, char in enumerate(unicodedata.normalize("NFC", text)):
        if char < "\x80":
            out.append(ord(char))
        elif char in mapping:
            out.append(mapping[char])
        else:
            raise ValueError(f"character {char!r} ({unicodedata.name(char, '?')}) at {i} has no TCVN3 code")
    return bytes(out)


def encode_cp1258(text: str) -> bytes:
    """Unicode -> Windows-1258 bytes the way Windows writes them: a precomposed
    letter where the code page has one, else base letter (ê, ơ, ă ... kept
    precomposed) plus a combining tone mark.  For tests and tooling."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        out += (base + tones).encode("cp1258")  # raises for characters cp1258 lacks
    return bytes(out)


# --------------------------------------------------------------------------
# decode_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# control characters that do not belong in text (tab, newlines, vertical tab,
# form feed and the DOS end-of-file mark 0x1A are tolerated)
_CONTROL_CHARS = "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20), 0x7F])
_CONTROL_RE = re.compile(f"[{re.escape(_CONTROL_CHARS)}\x80-\x9f]")
_CONTROL_BYTES = _CONTROL_CHARS.encode("latin-1")
#: share of control characters above which data counts as binary
MAX_CONTROL_SHARE = 0.01

_UTF8_SEQUENCE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTES = bytes(range(0x80, 0x100))

#: minimum share of well-formed syllables for a legacy decoding to be accepted
MIN_VALID_SHARE = 0.6
#: weight of the frequent-syllable share in the legacy score
COMMON_WEIGHT = 0.5


def _check_not_binary_text(text: str, encoding: str) -> None:
    if "\x00" in text:
        raise DecodeError(
            f"binary data: NUL character at position {text.index(chr(0))} after {encoding} decoding",
            "binary",
        )
    controls = len(_CONTROL_RE.findall(text))
    if controls and controls > MAX_CONTROL_SHARE * len(text):
        first = _CONTROL_RE.search(text).start()
        raise DecodeError(
            f"binary data: {controls} control characters in {len(text)} (first at position {first})",
            "binary",
        )


def _check_not_binary_bytes(data: bytes) -> None:
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError(
            f"binary data: NUL byte at offset {nul} (not text; UTF-16 is only "
            "recognised with a byte-order mark)",
            "binary",
        )
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls and controls > MAX_CONTROL_SHARE * len(data):
        first = min(i for i in (data.find(bytes([b])) for b in _CONTROL_BYTES) if i >= 0)
        raise DecodeError(
            f"binary data: {controls} control bytes in {len(data)} (first at offset {first})", "binary"
        )


def _decode_bom(data: bytes, bom: bytes, encoding: str) -> tuple[str, str]:
    body = data[len(bom):]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as err:
        offset = err.start + len(bom)
        if "truncated" in err.reason or (err.end >= len(body) and "end of data" in err.reason):
            raise DecodeError(
                f"truncated {encoding} text: incomplete character at byte offset {offset} "
                f"(file of {len(data)} bytes ends mid-character)",
                "truncated",
            ) from None
        raise DecodeError(f"invalid {encoding} at byte offset {offset}: {err.reason}", "invalid") from None
    _check_not_binary_text(text, encoding)
    return text, encoding


def _utf8_failure(data: bytes, err: UnicodeDecodeError) -> DecodeError:
    if err.end == len(data) and err.reason == "unexpected end of data":
        return DecodeError(
            f"truncated UTF-8: multi-byte sequence cut at byte offset {err.start} "
            f"(file of {len(data)} bytes ends mid-character)",
            "truncated",
        )
    bad = data[err.start]
    return DecodeError(f"invalid UTF-8: byte 0x{bad:02x} at offset {err.start} ({err.reason})", "invalid")


def _looks_like_utf8(data: bytes) -> bool:
    """Most non-ASCII bytes form well-formed UTF-8 sequences.  Legacy
    Vietnamese text almost never does: its toned letters are followed by ASCII
    or by bytes that are not UTF-8 continuation bytes."""
    in_sequences = len(data) - len(_UTF8_SEQUENCE_RE.sub(b"", data))
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    return in_sequences > 0 and in_sequences >= 0.5 * high


def _legacy_candidates(data: bytes) -> tuple[list[tuple[str, str]], list[str]]:
    candidates, failures = [], []
    try:
        candidates.append(("cp1258", unicodedata.normalize("NFC", data.decode("cp1258"))))
    except UnicodeDecodeError as err:
        failures.append(f"cp1258: byte 0x{data[err.start]:02x} at offset {err.start} is undefined")
    try:
        candidates.append(("tcvn3", _decode_tcvn3(data)))
    except UnicodeDecodeError as err:
        failures.append(f"TCVN3: byte 0x{data[err.start]:02x} at offset {err.start} is undefined")
    return candidates, failures


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode an article's bytes; return ``(text, encoding name)``.

    Encoding names: ``utf-8``, ``utf-8-sig``, ``utf-16-le``, ``utf-16-be``,
    ``utf-32-le``, ``utf-32-be``, ``cp1258``, ``tcvn3``.  A BOM is not part of
    the text.  Raises :class:`DecodeError` for binary data, damaged or
    truncated UTF-8/16, and bytes no supported encoding explains.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_bom(data, bom, encoding)

    _check_not_binary_bytes(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    else:
        _check_not_binary_text(text, "utf-8")
        return text, "utf-8"

    if _looks_like_utf8(data):
        raise _utf8_failure(data, utf8_error)

    candidates, failures = _legacy_candidates(data)
    why_not_utf8 = str(_utf8_failure(data, utf8_error))
    if not candidates:
        raise DecodeError(f"not text in a supported encoding: {why_not_utf8}; " + "; ".join(failures))
    if len(candidates) == 2 and candidates[0][1] == candidates[1][1]:
        candidates = candidates[:1]  # both readings agree: nothing to choose

    scored = []
    for encoding, text in candidates:
        valid, common, pieces = vietnamese_score(text)
        scored.append((valid + COMMON_WEIGHT * common, valid, pieces, encoding, text))
    scored.sort(key=lambda s: s[0], reverse=True)
    best_score, best_valid, pieces, encoding, text = scored[0]
    summary = ", ".join(f"{enc}: {valid:.0%} of {n} words" for _, valid, n, enc, _ in scored)

    if len(scored) == 1 and pieces == 0:
        # only one legacy reading exists and there are no words to judge it by
        # (e.g. ASCII text with a Windows quotation mark); the bytes are
        # explained, nothing can be mis-decoded into a Vietnamese word
        _check_not_binary_text(text, encoding)
        return text, encoding
    if pieces == 0:
        raise DecodeError(
            f"not UTF-8 ({why_not_utf8}) and no Vietnamese words to tell Windows-1258 from TCVN3"
        )
    if best_valid < MIN_VALID_SHARE:
        raise DecodeError(
            f"not UTF-8 ({why_not_utf8}) and not Vietnamese in Windows-1258 or TCVN3 "
            f"(well-formed syllables: {summary})"
        )
    if len(scored) == 2 and scored[1][0] == best_score:
        raise DecodeError(
            f"not UTF-8 and ambiguous between Windows-1258 and TCVN3 ({summary})"
        )
    _check_not_binary_text(text, encoding)
    return text, encoding
