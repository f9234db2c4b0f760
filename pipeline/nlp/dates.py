"""Vietnamese dates: parse one, or find all in a text (ISO ``YYYY-MM-DD``).

Plain functions, no pipeline component: relation extraction uses them for the
``issued_on`` date of a document (``Chỉ thị số 07/2007/CT-UBND ngày 02/5/2007``).

Forms understood (day first, as Vietnamese writes dates):

* numeric, one separator throughout: ``02/5/2007``, ``2-5-2007``, ``2.5.2007``;
* verbal: ``ngày 2 tháng 5 năm 2007`` (also ``ngày 02 tháng 05, năm 2007``);
* without the year, completed by ``default_year``: ``ngày 2 tháng 5``,
  ``ngày 2/5``, and day/month in parentheses or after a time of day, as news
  dates an event: ``(12/8)``, ``Chiều 14/10``, ``sáng 3-9``.

A day/month without such a cue (``3/4`` may be a fraction) is not a date for
:func:`find_dates`; :func:`parse_vietnamese_date` parses what it is given.
An impossible date (``31/2/2024``), a year outside 1900-2100 or a missing year
with no ``default_year`` gives ``None`` (the date is still *found*, so that a
caller can tell "a date I cannot resolve" from "no date").

Spans of :func:`find_dates`: the numeric part for numeric dates (``02/5/2007``
in ``ngày 02/5/2007``; ``12/8`` in ``(12/8)``), the whole expression from
``ngày`` for verbal ones (``ngày 2 tháng 5 năm 2007``).

Every pattern has bounded repetitions only, so scanning is linear in the text.
"""

from __future__ import annotations

import datetime
import re

__all__ = ["parse_vietnamese_date", "find_dates"]

MIN_YEAR, MAX_YEAR = 1900, 2100

# d/m/yyyy with the same separator twice
_NUMERIC = r"(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
# ngày d tháng m [năm yyyy]
_VERBAL = (
    r"(?i:ngày)\s{1,3}(?P<vd>\d{1,2})\s{1,3}(?i:tháng)\s{1,3}(?P<vm>\d{1,2})"
    r"(?:,?\s{1,3}(?i:năm)\s{1,3}(?P<vy>\d{4}))?"
)
# d/m (or d-m) without a year
_DAY_MONTH = r"(?P<sd>\d{1,2})(?P<ssep>[/-])(?P<sm>\d{1,2})"

_NUMERIC_RE = re.compile(rf"(?<![\d/.-]){_NUMERIC}(?![\d/.-]\d|\d)")
_VERBAL_RE = re.compile(rf"(?<!\w){_VERBAL}(?!\d)")
# a day/month is a date after "ngày", a time of day, or alone in parentheses
_DAY_MONTH_CUE = r"(?i:ngày|hôm|sáng|trưa|chiều|tối|đêm|rạng sáng)"
_CUED_DAY_MONTH_RE = re.compile(
    rf"(?:(?<!\w){_DAY_MONTH_CUE}\s{{1,3}}|\(\s{{0,2}})(?P<dm>{_DAY_MONTH})(?![\d/.-]\d|\d)(?P<close>\s{{0,2}}\))?"
)
_FULL_RE = re.compile(
    rf"\s*(?:(?:(?i:ngày)\s{{1,3}})?(?:{_NUMERIC}|{_DAY_MONTH})|{_VERBAL}"
    rf"|\(\s{{0,2}}(?P<pd>\d{{1,2}})/(?P<pm>\d{{1,2}})\s{{0,2}}\))\s*"
)


def _iso(day: str, month: str, year: str | int | None, default_year: int | None) -> str | None:
    if year is None:
        if default_year is None:
            return None
        year = default_year
    try:
        value = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    return value.isoformat()


def parse_vietnamese_date(text: str, *, default_year: int | None = None) -> str | None:
    """The ISO date written in ``text`` (the whole string is one date), or ``None``.

    >>> parse_vietnamese_date("02/5/2007")
    '2007-05-02'
    >>> parse_vietnamese_date("ngày 2 tháng 5 năm 2007")
    '2007-05-02'
    >>> parse_vietnamese_date("(12/8)", default_year=2024)
    '2024-08-12'
    >>> parse_vietnamese_date("31/2/2024") is None
    True
    """
    if text is None:
        return None
    match = _FULL_RE.fullmatch(text)
    if match is None:
        return None
    groups = match.groupdict()
    if groups.get("d"):
        return _iso(groups["d"], groups["m"], groups["y"], default_year)
    if groups.get("vd"):
        return _iso(groups["vd"], groups["vm"], groups["vy"], default_year)
    if groups.get("sd"):
        return _iso(groups["sd"], groups["sm"], None, default_year)
    if groups.get("pd"):
        return _iso(groups["pd"], groups["pm"], None, default_year)
    return None


def find_dates(text: str, *, default_year: int | None = None) -> list[tuple[int, int, str | None]]:
    """``(start, end, iso_or_None)`` of every date in ``text``, in text order.

    >>> find_dates("Chỉ thị số 07/2007/CT-UBND ngày 02/5/2007 của UBND tỉnh")
    [(32, 41, '2007-05-02')]
    """
    found: dict[int, tuple[int, int, str | None]] = {}
    for match in _VERBAL_RE.finditer(text):
        iso = _iso(match.group("vd"), match.group("vm"), match.group("vy"), default_year)
        found[match.start()] = (match.start(), match.end(), iso)
    # The three forms cannot overlap: a verbal date has no separator, and the
    # look-arounds keep a day/month from matching inside a full numeric date.
    for match in _NUMERIC_RE.finditer(text):
        iso = _iso(match.group("d"), match.group("m"), match.group("y"), default_year)
        found[match.start()] = (match.start(), match.end(), iso)
    for match in _CUED_DAY_MONTH_RE.finditer(text):
        start, end = match.span("dm")
        if match.group(0).startswith("("):
            # only "(12/8)": "(3/4 số phiếu" or "(1-2)" is a fraction or a range
            if not match.group("close") or match.group("ssep") != "/":
                continue
        iso = _iso(match.group("sd"), match.group("sm"), None, default_year)
        found[start] = (start, end, iso)
    return [found[start] for start in sorted(found)]
