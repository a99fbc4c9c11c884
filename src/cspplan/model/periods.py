"""Reporting periods: one parser, one canonical text form, one total order.

Plans print periods in many ways ("2017/18", "Q3 2017/18", "12 months to Jun-17",
"3 year average 07/08-09/10", "2017 Survey"). Everything in cspplan that compares,
sorts or looks up observations goes through `Period`, so the same period written two
ways is recognised as the same, and an impossible one (Q5, 2018/17) is refused with a
reason.

Financial years run April to March (UK public sector); quarters are financial quarters
(Q1 = April to June). Two-digit years are read as 20yy below 70 and 19yy from 70.
"2018-19" is a financial year (the form folder names use); "2019-03" is a month; where
both readings are possible ("2011-12") the financial year wins, so write months as
"Dec 2011".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from functools import lru_cache


class PeriodError(ValueError):
    """A period that cannot be read; the message says why in plain words."""


class PeriodKind(IntEnum):
    """Kinds of period; the value is the tie-break in the total order."""

    DAY = 1
    MONTH = 2
    QUARTER = 3
    YEAR_TO_DATE = 4
    ROLLING_12_MONTHS = 5
    FINANCIAL_YEAR = 6
    CALENDAR_YEAR = 7
    SURVEY_YEAR = 8
    MULTI_YEAR_AVERAGE = 9


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NUMBER = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBER.update(
    {calendar.month_name[number].lower(): number for number in range(1, 13)} | {"sept": 9}
)

CANONICAL_FORMS = (
    "2017/18 (financial year)",
    "Q3 2017/18 (financial quarter)",
    "Q1-Q3 2017/18 (year to date)",
    "Nov 2017 (month)",
    "12 months to Nov 2017 (rolling year; also Dec 2016 to Nov 2017)",
    "2017 (calendar year)",
    "2017 survey (survey year)",
    "3 year average 2007/08-2009/10 (multi-year average)",
    "2019-03-31 (day)",
)


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period.

    `year` is the calendar year the period starts in, except for a month or rolling year,
    where it is the year of the (last) month. `number` is the quarter, the last quarter of
    a year-to-date, the month, or the number of years averaged; `day` only for days.
    `financial` tells a multi-year average of financial years from calendar years.
    """

    kind: PeriodKind
    year: int
    number: int = 0
    day: int = 0
    financial: bool = False
    _key: tuple[date, date, int] | None = field(
        default=None, init=False, repr=False, compare=False, hash=False
    )
    """sort_key(), worked out on first use: status work compares periods many times over."""

    # -- calendar extent -------------------------------------------------------------

    @property
    def start(self) -> date:
        return self.sort_key()[1]

    @property
    def end(self) -> date:
        return self.sort_key()[0]

    def _start(self) -> date:
        kind = self.kind
        if kind is PeriodKind.DAY:
            return date(self.year, self.number, self.day)
        if kind is PeriodKind.MONTH:
            return date(self.year, self.number, 1)
        if kind is PeriodKind.QUARTER:
            return _add_months(date(self.year, 4, 1), 3 * (self.number - 1))
        if kind in (PeriodKind.YEAR_TO_DATE, PeriodKind.FINANCIAL_YEAR):
            return date(self.year, 4, 1)
        if kind is PeriodKind.ROLLING_12_MONTHS:
            return _add_months(date(self.year, self.number, 1), -11)
        if kind in (PeriodKind.CALENDAR_YEAR, PeriodKind.SURVEY_YEAR):
            return date(self.year, 1, 1)
        # multi-year average: `year` is the first year averaged
        return date(self.year, 4, 1) if self.financial else date(self.year, 1, 1)

    def _end(self) -> date:
        kind = self.kind
        if kind is PeriodKind.DAY:
            return self._start()
        if kind in (PeriodKind.MONTH, PeriodKind.ROLLING_12_MONTHS):
            return _month_end(self.year, self.number)
        if kind in (PeriodKind.QUARTER, PeriodKind.YEAR_TO_DATE):
            last = _add_months(date(self.year, 4, 1), 3 * self.number - 1)
            return _month_end(last.year, last.month)
        if kind is PeriodKind.FINANCIAL_YEAR:
            return date(self.year + 1, 3, 31)
        if kind in (PeriodKind.CALENDAR_YEAR, PeriodKind.SURVEY_YEAR):
            return date(self.year, 12, 31)
        last_year = self.year + self.number - 1
        return date(last_year + 1, 3, 31) if self.financial else date(last_year, 12, 31)

    @property
    def financial_year(self) -> Period:
        """The financial year this period ends in."""
        end = self.end
        return financial_year(end.year if end.month >= 4 else end.year - 1)

    def year_earlier(self) -> Period:
        """The same period one year before (for seasonal comparisons)."""
        if self.kind is PeriodKind.DAY and self.number == 2 and self.day == 29:
            return Period(self.kind, self.year - 1, 2, 28)
        return Period(self.kind, self.year - 1, self.number, self.day, self.financial)

    # -- order ------------------------------------------------------------------------

    def sort_key(self) -> tuple[date, date, int]:
        """Total order: by end date, then earlier start (longer period) first, then kind.

        (end, start, kind) is different for any two different periods, so the order is
        total and agrees with equality.
        """
        key = self._key
        if key is None:
            key = (self._end(), self._start(), int(self.kind))
            object.__setattr__(self, "_key", key)
        return key

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() >= other.sort_key()

    # -- text -------------------------------------------------------------------------

    def __str__(self) -> str:
        kind = self.kind
        if kind is PeriodKind.DAY:
            return f"{self.year:04d}-{self.number:02d}-{self.day:02d}"
        if kind is PeriodKind.MONTH:
            return f"{MONTHS[self.number - 1]} {self.year}"
        if kind is PeriodKind.QUARTER:
            return f"Q{self.number} {_fy_text(self.year)}"
        if kind is PeriodKind.YEAR_TO_DATE:
            return f"Q1-Q{self.number} {_fy_text(self.year)}"
        if kind is PeriodKind.ROLLING_12_MONTHS:
            return f"12 months to {MONTHS[self.number - 1]} {self.year}"
        if kind is PeriodKind.FINANCIAL_YEAR:
            return _fy_text(self.year)
        if kind is PeriodKind.CALENDAR_YEAR:
            return str(self.year)
        if kind is PeriodKind.SURVEY_YEAR:
            return f"{self.year} survey"
        last = self.year + self.number - 1
        if self.financial:
            return f"{self.number} year average {_fy_text(self.year)}-{_fy_text(last)}"
        return f"{self.number} year average {self.year}-{last}"

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"


# -- constructors -------------------------------------------------------------------------


def financial_year(start_year: int) -> Period:
    return Period(PeriodKind.FINANCIAL_YEAR, start_year)


def _fy_text(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# -- parsing ------------------------------------------------------------------------------

# The grammar: every form a period can take, as a regex template of named pieces. The
# parser fills the pieces with loose capturing groups, so that it can say why a value is
# wrong ("there is no quarter 5") rather than only that it is; the JSON Schema fills the
# same templates with strict pieces that match only what the parser accepts
# (cspplan.model.period_pattern). One list for both, so editors and cspplan agree.
LOOSE_PIECES: dict[str, str] = {
    "year": r"(\d{4}|\d{2})",
    "year4": r"(\d{4})",
    "fy": r"(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{2})",
    "quarter": r"([0-9])",
    "month_name": r"([A-Za-z]{3,9})\.?",
    "month_number": r"(\d{1,2})",
    "dash_number": r"(\d{2})",
    "day": r"(\d{1,2})",
    "years": r"(\d{1,2})",
    "period": r"(.+)",
}
FORMS: tuple[tuple[str, str], ...] = (
    ("dash", r"(?:FY\s*)?{year4}-{dash_number}"),
    ("fy", r"(?:FY\s*)?{fy}"),
    ("quarter", r"Q{quarter}\s*{fy}"),
    ("quarter_after", r"{fy}\s*Q{quarter}"),
    ("ytd", r"Q1\s*-\s*Q?{quarter}\s*{fy}"),
    ("ytd", r"(?:YTD|year to date)\s*(?:to\s*)?Q{quarter}\s*{fy}"),
    ("ytd", r"Q{quarter}\s*{fy}\s*(?:YTD|year to date)"),
    ("rolling", r"(?:rolling\s+)?12\s+months\s+to\s+{period}"),
    ("avg_fy", r"{years}\s*year\s+average\s+{fy}\s*-\s*{fy}"),
    ("avg_cal", r"{years}\s*year\s+average\s+{year4}\s*-\s*{year4}"),
    ("survey", r"{year}\s+survey"),
    ("survey", r"survey\s+{year}"),
    ("calendar", r"{year4}"),
    ("iso_month", r"{year4}-{month_number}"),
    ("iso_day", r"{year4}-{month_number}-{day}"),
    ("day_words", r"{day}(?:st|nd|rd|th)?\s+{month_name}\s+{year4}"),
    ("month", r"{month_name}\s*[-\s]\s*{year}"),
    ("window", r"{month_name}\s*-?\s*{year}\s+to\s+{month_name}\s*-?\s*{year}"),
)
"""(form, template) in the order the parser tries them; the first that matches decides."""

_PIECE = re.compile(r"\{(\w+)\}")


def fill(template: str, pieces: dict[str, str]) -> str:
    """A template with each {piece} replaced by its regex."""
    return _PIECE.sub(lambda match: pieces[match.group(1)], template)


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(f"^{fill(template, LOOSE_PIECES)}$", re.I), form) for form, template in FORMS
]


def _full_year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        return 2000 + value if value < 70 else 1900 + value
    return value


def _fy_start(first: str, second: str, original: str) -> int:
    start = _full_year(first)
    end = _full_year(second) if len(second) == 4 else None
    if end is None:
        expected = (start + 1) % 100
        if int(second) != expected:
            raise PeriodError(
                f"'{original}' is not a financial year: the second year must be the one "
                f"after the first (expected {_fy_text(start)})"
            )
    elif end != start + 1:
        raise PeriodError(
            f"'{original}' is not a financial year: the second year must be the one "
            f"after the first (expected {_fy_text(start)})"
        )
    return start


def _month_number(name: str, original: str) -> int:
    number = _MONTH_NUMBER.get(name.lower())
    if number is None:
        raise PeriodError(f"'{original}': '{name}' is not a month name")
    return number


def _quarter(text: str, original: str) -> int:
    number = int(text)
    if not 1 <= number <= 4:
        raise PeriodError(f"'{original}': there is no quarter {number}; quarters are Q1 to Q4")
    return number


def _checked_day(year: int, month: int, day: int, original: str) -> Period:
    if not 1 <= month <= 12:
        raise PeriodError(f"'{original}': there is no month {month}")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise PeriodError(f"'{original}': {MONTHS[month - 1]} {year} has no day {day}")
    return Period(PeriodKind.DAY, year, month, day)


@lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Read a period from any of the accepted forms; raise PeriodError with a reason."""
    original = text
    cleaned = " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split())
    if not cleaned:
        raise PeriodError("a period cannot be empty")
    for pattern, form in _PATTERNS:
        match = pattern.match(cleaned)
        if match is None:
            continue
        groups = match.groups()
        if form == "dash":
            # "2018-19" is a financial year (as in folder names); "2019-03" is a month
            start, second = int(groups[0]), int(groups[1])
            if second == (start + 1) % 100:
                return financial_year(start)
            if 1 <= second <= 12:
                return Period(PeriodKind.MONTH, start, second)
            raise PeriodError(
                f"'{original}' is neither a financial year (expected {_fy_text(start)}) "
                f"nor a month (there is no month {second})"
            )
        if form == "fy":
            return financial_year(_fy_start(groups[0], groups[1], original))
        if form == "quarter":
            quarter = _quarter(groups[0], original)
            return Period(PeriodKind.QUARTER, _fy_start(groups[1], groups[2], original), quarter)
        if form == "quarter_after":
            quarter = _quarter(groups[2], original)
            return Period(PeriodKind.QUARTER, _fy_start(groups[0], groups[1], original), quarter)
        if form == "ytd":
            quarter = _quarter(groups[0], original)
            return Period(
                PeriodKind.YEAR_TO_DATE, _fy_start(groups[1], groups[2], original), quarter
            )
        if form == "rolling":
            month = parse_period(groups[0])
            if month.kind is not PeriodKind.MONTH:
                raise PeriodError(
                    f"'{original}': a rolling year must end in a month, e.g. '12 months to Nov 2017'"
                )
            return Period(PeriodKind.ROLLING_12_MONTHS, month.year, month.number)
        if form == "avg_fy":
            years = int(groups[0])
            first = _fy_start(groups[1], groups[2], original)
            last = _fy_start(groups[3], groups[4], original)
            return _average(years, first, last, original, financial=True)
        if form == "avg_cal":
            years = int(groups[0])
            return _average(years, int(groups[1]), int(groups[2]), original, financial=False)
        if form == "survey":
            return Period(PeriodKind.SURVEY_YEAR, _full_year(groups[0]))
        if form == "calendar":
            return Period(PeriodKind.CALENDAR_YEAR, int(groups[0]))
        if form == "iso_month":
            month = int(groups[1])
            if not 1 <= month <= 12:
                raise PeriodError(f"'{original}': there is no month {month}")
            return Period(PeriodKind.MONTH, int(groups[0]), month)
        if form == "iso_day":
            return _checked_day(int(groups[0]), int(groups[1]), int(groups[2]), original)
        if form == "day_words":
            month = _month_number(groups[1], original)
            return _checked_day(int(groups[2]), month, int(groups[0]), original)
        if form == "month":
            return Period(
                PeriodKind.MONTH, _full_year(groups[1]), _month_number(groups[0], original)
            )
        if form == "window":
            return _window(groups, original)
    raise PeriodError(
        f"'{original}' is not a period cspplan can read; write it like one of: "
        + "; ".join(CANONICAL_FORMS)
    )


def _window(groups: tuple[str, ...], original: str) -> Period:
    """'Oct 10 to Sep 11': a window of months as printed, read as the rolling year it is."""
    first_year, first_month = _full_year(groups[1]), _month_number(groups[0], original)
    last_month = _month_number(groups[2], original)
    # a two-digit last year is the first year at or after the first with those digits, as
    # in a financial year ("Oct 2099 to Sep 00" ends in 2100)
    second = groups[3]
    last_year = int(second) if len(second) == 4 else first_year + (int(second) - first_year) % 100
    covered = (last_year - first_year) * 12 + last_month - first_month + 1
    if covered != 12:
        raise PeriodError(
            f"'{original}' runs from {MONTHS[first_month - 1]} {first_year} to "
            f"{MONTHS[last_month - 1]} {last_year}, {covered} months; a window of months must "
            "cover 12, e.g. 'Oct 2010 to Sep 2011' (write others as months, quarters or years)"
        )
    return Period(PeriodKind.ROLLING_12_MONTHS, last_year, last_month)


def _average(years: int, first: int, last: int, original: str, *, financial: bool) -> Period:
    if last < first:
        raise PeriodError(f"'{original}': the range of years runs backwards")
    if last - first + 1 != years:
        raise PeriodError(f"'{original}': the range covers {last - first + 1} years, not {years}")
    if years < 2:
        raise PeriodError(f"'{original}': an average needs at least 2 years")
    return Period(PeriodKind.MULTI_YEAR_AVERAGE, first, years, financial=financial)


def coerce_period(value: object) -> Period:
    """Accept what YAML gives: text, an int for a calendar year, a date for a day."""
    if isinstance(value, Period):
        return value
    if isinstance(value, bool):
        raise PeriodError(f"{value!r} is not a period")
    if isinstance(value, int):
        if 1000 <= value <= 9999:
            return Period(PeriodKind.CALENDAR_YEAR, value)
        raise PeriodError(f"{value} is not a period; a calendar year has four digits")
    if isinstance(value, date):
        return Period(PeriodKind.DAY, value.year, value.month, value.day)
    if isinstance(value, str):
        return parse_period(value)
    raise PeriodError(f"expected a period as text (e.g. '2017/18'), got {type(value).__name__}")


_SPAN = re.compile(r"^\s*(\S+)\s+to\s+(\S+)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class YearSpan:
    """'2011/12 to 2015/16': several financial years a target is set over. Not a reporting
    period (no figure covers it), so it is only a target's horizon: it starts with its
    first year and ends with its last, which is when the target is due."""

    first: Period
    last: Period

    @property
    def start(self) -> date:
        return self.first.start

    @property
    def end(self) -> date:
        return self.last.end

    def __str__(self) -> str:
        return f"{self.first} to {self.last}"


def parse_year_span(text: str) -> YearSpan | None:
    """'2011/12 to 2015/16' as a span of financial years; None for text of another shape
    (a period, or a window of months such as 'Oct 10 to Sep 11'). A span of that shape
    that runs backwards or names other periods is a PeriodError saying so."""
    found = _SPAN.match(text)
    if found is None:
        return None
    try:
        first, last = parse_period(found[1]), parse_period(found[2])
    except PeriodError:
        return None
    if PeriodKind.FINANCIAL_YEAR not in (first.kind, last.kind):
        return None
    if first.kind is not last.kind:
        raise PeriodError(f"'{text}': a span of years runs from one financial year to another")
    if last < first:
        raise PeriodError(f"'{text}': the span of years runs backwards")
    return YearSpan(first, last)
