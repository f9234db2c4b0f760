"""Article structure: title, source tag, body paragraphs, byline and footer.

:func:`parse_structure` takes normalised text (see
:func:`pipeline.clean.normalize.normalize_text`) and splits it into the parts a
scraped Vietnamese news article is made of::

    Hội nghị "Đảm bảo an toàn ..."           <- title (first line)
    (Mic.gov.vn) -                            <- source tag (alone or leading
                                                 the first paragraph)
    Uỷ ban nhân dân tỉnh Gia Lai ...          <- body paragraphs
    ...
    Trần Thị Huệ                              <- byline -> author
    ĐÁNH GIÁ BÀI VIẾT( 0)                     <- footer noise

Footer and widget noise is recognised by the regular expressions of the data
file ``models/patterns/footer_noise.txt`` (see its header).  Paragraphs are the
blocks separated by blank lines; a text without blank lines has one paragraph
per line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from pipeline.clean.normalize import is_vietnamese_syllable
from pipeline.resources import read_lines

__all__ = ["ArticleParts", "parse_structure", "noise_patterns", "parse_byline"]

#: lines longer than this are never footer/widget noise (and are not tested)
MAX_NOISE_LINE = 200
#: a title line is at most this long
MAX_TITLE_LEN = 300
#: a byline is at most this long
MAX_BYLINE_LEN = 100
#: the source tag is looked for in this many lines after the title
TAG_SEARCH_LINES = 2


@dataclass
class ArticleParts:
    """The parts of one article's text (all normalised strings)."""

    title: str | None = None
    #: source tag without parentheses and dash: ``"Mic.gov.vn"``, ``"TTXVN"``
    source: str | None = None
    #: body paragraphs in order (no title, tag, byline or footer)
    paragraphs: list[str] = field(default_factory=list)
    #: the author name(s) of the byline as written, without a ``Tin, ảnh:``
    #: prefix or ``(tổng hợp)``/``(theo ...)`` suffix (``"Minh Anh - Thu Hà"``,
    #: ``"TRẦN THỊ HUỆ"``); ``None`` when there is no byline or only initials
    author: str | None = None
    #: removed lines (widgets, footer, related-news sections, initials
    #: bylines), in text order
    footer: list[str] = field(default_factory=list)
    #: the byline line as written (``"Minh Anh - Thu Hà (tổng hợp)"``)
    byline: str | None = None


# --------------------------------------------------------------------------
# Footer noise patterns (data file)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class NoisePatterns:
    #: remove the matching line wherever it is
    line: tuple[re.Pattern, ...]
    #: start of a trailing section (related news ...)
    cut: tuple[re.Pattern, ...]


@functools.lru_cache(maxsize=None)
def noise_patterns() -> NoisePatterns:
    """The compiled patterns of ``models/patterns/footer_noise.txt``."""
    line_patterns: list[re.Pattern] = []
    cut_patterns: list[re.Pattern] = []
    for entry in read_lines("patterns", "footer_noise.txt"):
        target = line_patterns
        if entry.startswith("cut:"):
            entry = entry[len("cut:"):].strip()
            target = cut_patterns
        if not (entry.startswith("^") and entry.endswith("$")):
            raise ValueError(f"footer_noise.txt: pattern must be anchored with ^...$: {entry!r}")
        try:
            target.append(re.compile(entry, re.IGNORECASE))
        except re.error as exc:
            raise ValueError(f"footer_noise.txt: bad pattern {entry!r}: {exc}") from exc
    return NoisePatterns(tuple(line_patterns), tuple(cut_patterns))


def _noise_kind(line: str, patterns: NoisePatterns) -> str | None:
    """``"cut"``, ``"line"`` or ``None`` for one stripped line."""
    if len(line) > MAX_NOISE_LINE:
        return None
    for pattern in patterns.cut:
        if pattern.match(line):
            return "cut"
    for pattern in patterns.line:
        if pattern.match(line):
            return "line"
    return None


# --------------------------------------------------------------------------
# Source tag
# --------------------------------------------------------------------------

_TAG_ALONE_RE = re.compile(r"^\(\s?(?P<src>[^()\n]{2,60}?)\s?\)\s?(?P<dash>-{1,2}|:)?$")
_TAG_START_RE = re.compile(r"^\(\s?(?P<src>[^()\n]{2,60}?)\s?\)\s?-{1,2}\s?(?=\S)")
# "(Baothaibinh.com.vn) Sáng 9/9, ...": a tag with no dash, then a sentence
_TAG_START_NO_DASH_RE = re.compile(r"^\(\s?(?P<src>[^()\n]{2,60}?)\s?\)\s(?=[A-ZĐÀ-Ỹ])")
_TAG_DATELINE_RE = re.compile(
    r"^(?P<dl>[A-ZĐÀ-Ỹ][^()\n!?;:\"]{1,40}?)\s?\(\s?(?P<src>[^()\n]{2,60}?)\s?\)\s?-{1,2}\s?(?=\S)"
)
_DOMAIN_RE = re.compile(
    r"^[\w-]{1,40}(\.[\w-]{1,40}){0,3}\.(vn|com|net|org|gov|info|tv|edu|news)$", re.IGNORECASE
)
_ACRONYM_RE = re.compile(r"^[A-ZĐ][A-ZĐ0-9&.-]{1,11}$")


def _source_name(src: str, *, strict: bool) -> str | None:
    """The tag text when it looks like a news source: a domain (``Mic.gov.vn``),
    an acronym (``TTXVN``, ``NLĐO``) or, unless ``strict``, a short capitalised
    name (``Sở TT&TT``, ``Dân trí``)."""
    src = src.strip()
    if _DOMAIN_RE.match(src) or _ACRONYM_RE.match(src):
        return src
    if strict:
        return None
    if len(src.split()) > 6 or any(ch in src for ch in ":;!?\"") or src.endswith("."):
        return None
    if not src[0].isupper() or sum(ch.isalpha() for ch in src) < 2:
        return None
    return src


def _strip_source_tag(line: str) -> tuple[str | None, str]:
    """(source, rest of the line) when the line is or starts with a source
    tag; (None, line) otherwise.  ``rest`` is "" for a tag alone."""
    match = _TAG_ALONE_RE.match(line)
    if match:
        source = _source_name(match.group("src"), strict=match.group("dash") is None)
        if source:
            return source, ""
    match = _TAG_START_RE.match(line)
    if match:
        source = _source_name(match.group("src"), strict=False)
        if source:
            return source, line[match.end():]
    match = _TAG_START_NO_DASH_RE.match(line)
    if match:
        # without a dash only a domain or an acronym is taken for a source
        source = _source_name(match.group("src"), strict=True)
        if source:
            return source, line[match.end():]
    match = _TAG_DATELINE_RE.match(line)
    if match and all(word[0].isupper() or word[0].isdigit() for word in match.group("dl").split()):
        source = _source_name(match.group("src"), strict=True)
        if source:
            # keep the dateline (place, date): "Hà Nội (TTXVN) - ..." -> "Hà Nội - ..."
            return source, f"{match.group('dl').strip()} - {line[match.end():]}"
    return None, line


# --------------------------------------------------------------------------
# Byline
# --------------------------------------------------------------------------

_BYLINE_SUFFIX_RE = re.compile(
    r"\s?\((?:tổng hợp|theo [^()]{1,60}|nguồn:? [^()]{1,60}|st|s\.t|sưu tầm|lược dịch|dịch|"
    r"biên dịch|thực hiện|ghi|tt|ttxvn)\)$",
    re.IGNORECASE,
)
_BYLINE_PREFIX_RE = re.compile(
    r"^(?:tin|bài|ảnh|video|clip|đồ họa|thực hiện|nhóm phóng viên|nhóm pv|phóng viên|pv|ctv)"
    r"(?:\s?(?:,|và|\+|-|&|/)\s?(?:tin|bài|ảnh|video|clip|đồ họa)){0,4}\s?:\s?",
    re.IGNORECASE,
)
_AUTHOR_SEP_RE = re.compile(r"\s?[-/;,&]\s?|\svà\s")
_INITIALS_TOKEN_RE = re.compile(r"^[A-ZĐ]{1,6}$")
_INITIALS_SPLIT_RE = re.compile(r"[\s\-,.&/+]+")
#: capitalised syllables that start organisation/place names, never a name
_NOT_NAME_SYLLABLES = frozenset(
    "ủy ban bộ sở tỉnh huyện xã phường quận đảng phủ viện ty cục tin bài ảnh nguồn "
    "theo báo tạp chí".split()
)


def _strip_byline_affixes(line: str) -> str:
    core = _BYLINE_SUFFIX_RE.sub("", line).strip()
    return _BYLINE_PREFIX_RE.sub("", core, count=1).strip()


def _person_names(core: str) -> list[str] | None:
    """The names in a byline core (``"Minh Anh - Thu Hà"``), or ``None``."""
    if not core or len(core) > MAX_BYLINE_LEN or not core[-1].isalpha():
        return None
    all_caps = core.isupper()
    names = []
    for name in _AUTHOR_SEP_RE.split(core):
        tokens = name.split()
        # a prefixed Ê Đê/Jrai given name is two syllables in one token and a
        # name by itself (pen name or short byline: "Ngọc Thu - H'Linh")
        if len(tokens) == 1 and _is_prefixed_syllable(tokens[0]) and _starts_with_known_surname(tokens):
            names.append(tokens[0])
            continue
        if not 2 <= len(tokens) <= 5:
            return None
        for token in tokens:
            if not (token.replace("'", "").isalpha() and token[0].isupper()):
                return None
            if not all_caps and not token[1:].replace("'", "").islower() and not _is_prefixed_syllable(token) and len(token) > 1:
                return None
            if token.casefold() in _NOT_NAME_SYLLABLES:
                return None
        # Kinh names are Vietnamese syllables throughout; Ê Đê, Jrai, M'Nông
        # ... names (H'Lin Niê, Ksor H'Xíu, Y Thul Adrơng) need not be, but
        # start with a known surname or name prefix.
        if not (all(is_vietnamese_syllable(token) for token in tokens) or _starts_with_known_surname(tokens)):
            return None
        names.append(" ".join(tokens))
    return names if 1 <= len(names) <= 4 else None


def _is_prefixed_syllable(token: str) -> bool:
    """``H'Lin``, ``K'Nhiễu``: a name prefix, an apostrophe, a title-case syllable."""
    head, _, rest = token.partition("'")
    return bool(rest) and len(head) <= 2 and rest[:1].isupper() and rest[1:].islower()


@functools.lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset[str], tuple[str, ...]]:
    """Surnames (case-folded) and name prefixes (``H'``) from the shared lexicon."""
    entries = read_lines("lexicons", "surnames.txt")
    prefixes = tuple(entry.casefold() for entry in entries if entry.endswith("'"))
    return frozenset(entry.casefold() for entry in entries if not entry.endswith("'")), prefixes


def _starts_with_known_surname(tokens: list[str]) -> bool:
    surnames, prefixes = _surnames()
    first = tokens[0].casefold()
    return first in surnames or " ".join(tokens[:2]).casefold() in surnames or first.startswith(prefixes)


def _is_initials(core: str) -> bool:
    """``PV``, ``BBT``, ``H.T.``, ``T.H - V.A``, ``Nhóm PV``, ``TTXVN``."""
    if not core or len(core) > 40:
        return False
    if core.startswith("Nhóm "):
        core = core[len("Nhóm "):]
    tokens = [t for t in _INITIALS_SPLIT_RE.split(core) if t]
    return 1 <= len(tokens) <= 6 and all(_INITIALS_TOKEN_RE.match(t) for t in tokens)


def parse_byline(line: str) -> tuple[str, str | None] | None:
    """Classify a trailing line: ``("name", names)`` for a person byline,
    ``names`` being the line without its ``Tin, ảnh:`` prefix and
    ``(tổng hợp)``/``(theo ...)`` suffix, as written (``"Minh Anh - Thu Hà"``,
    ``"TRẦN THỊ HUỆ"``); ``("initials", None)`` for an initials/code byline
    (``PV``, ``H.T.``); ``None`` otherwise."""
    if len(line) > MAX_BYLINE_LEN + 40:
        return None
    core = _strip_byline_affixes(line)
    if _person_names(core):
        return "name", core
    if _is_initials(core):
        return "initials", None
    return None


# --------------------------------------------------------------------------
# Title
# --------------------------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _same_title(line: str, title: str) -> bool:
    a, b = _key(line), _key(title)
    if not a or not b:
        return False
    if a == b or fuzz.ratio(a, b) >= 90:
        return True
    # a page <title> often adds the site name: "Tiêu đề - Báo Chính phủ"
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 15 and longer.startswith(shorter + " ")


def _looks_like_title(line: str) -> bool:
    if len(line) > MAX_TITLE_LEN:
        return False
    if line.endswith(".") and not line.endswith(".."):
        return False  # a sentence: the text has no title line
    return _strip_source_tag(line)[0] is None


# --------------------------------------------------------------------------
# The parser
# --------------------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, str]]:
    """(block number, stripped line) for every non-empty line."""
    raw_lines = text.split("\n")
    blank_separated = any(not line.strip() for line in raw_lines)
    out = []
    block = 0
    for raw in raw_lines:
        line = raw.strip()
        if not line:
            block += 1
            continue
        out.append((block, line))
        if not blank_separated:
            block += 1
    return out


def parse_structure(text: str, *, title: str | None = None) -> ArticleParts:
    """Split normalised article text into title, source, paragraphs, author
    and footer.

    ``title`` is the title from metadata (HTML ``<title>``, a JSON field):
    when the text starts with it (fuzzy, case- and punctuation-insensitive)
    that line is the title, otherwise the whole text is body and ``title`` is
    used as is.  Without it, the first line is the title unless it reads as a
    sentence (ends with ".") or is longer than 300 characters.
    """
    patterns = noise_patterns()
    lines = _lines(text or "")
    parts = ArticleParts()
    footer: list[tuple[int, str]] = []

    # 1. widget lines anywhere, trailing sections
    longest_after = [0] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        longest_after[i] = max(longest_after[i + 1], len(lines[i][1]))
    kept: list[tuple[int, int, str]] = []  # (line index, block, line)
    for i, (block, line) in enumerate(lines):
        kind = _noise_kind(line, patterns)
        if kind == "cut" and kept and longest_after[i + 1] <= MAX_NOISE_LINE:
            footer.extend((j, lines[j][1]) for j in range(i, len(lines)))
            break
        if kind is not None:
            footer.append((i, line))
        else:
            kept.append((i, block, line))

    # 2. title
    title = (title or "").strip() or None
    if title is not None:
        if kept and _same_title(kept[0][2], title):
            parts.title = kept.pop(0)[2]
        else:
            parts.title = title
    elif kept and _looks_like_title(kept[0][2]):
        parts.title = kept.pop(0)[2]

    # 3. source tag: alone on a line or leading one of the first lines
    for k in range(min(TAG_SEARCH_LINES, len(kept))):
        index, block, line = kept[k]
        source, rest = _strip_source_tag(line)
        if source is None:
            continue
        parts.source = source
        if rest:
            kept[k] = (index, block, rest)
        else:
            del kept[k]
        break

    # 4. byline: initials go to the footer, a name becomes the author
    while kept:
        verdict = parse_byline(kept[-1][2])
        if verdict is None:
            break
        kind, author = verdict
        index, _block, line = kept.pop()
        if kind == "initials":
            footer.append((index, line))
            continue
        parts.author = author
        parts.byline = line
        break

    # 5. paragraphs
    paragraphs: list[str] = []
    current_block = None
    for _index, block, line in kept:
        if block == current_block:
            paragraphs[-1] += "\n" + line
        else:
            paragraphs.append(line)
            current_block = block
    parts.paragraphs = paragraphs
    parts.footer = [line for _index, line in sorted(footer)]
    return parts
