"""The JSON Schema `pattern` for periods, built from the parser's own grammar.

`periods.FORMS` lists every form a period can take as a template of pieces; the parser
fills the pieces loosely and checks the numbers afterwards, so that it can give a reason.
A schema pattern has no "afterwards", so here the same templates are filled with strict
pieces: quarters 1 to 4, real month names, days that exist (29 February in leap years
only), and financial years whose second year follows the first. What the pattern cannot
say is arithmetic across a range: a multi-year average whose count of years does not match
its range ("3 year average 2007/08-2010/11") passes the pattern; cspplan refuses it.

Patterns are ECMA-262 and Python `re` alike: no flags (so letters are written `[Qq]`), and
backreferences by number.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cspplan.model.periods import _MONTH_NUMBER, FORMS, LOOSE_PIECES, PeriodKind, _full_year, fill

_DASHES = "\u2013\u2014"
"""En and em dashes: the parser reads both as '-'."""

KIND_OF_FORM: dict[str, tuple[PeriodKind, ...]] = {
    "dash": (PeriodKind.FINANCIAL_YEAR, PeriodKind.MONTH),
    "fy": (PeriodKind.FINANCIAL_YEAR,),
    "quarter": (PeriodKind.QUARTER,),
    "quarter_after": (PeriodKind.QUARTER,),
    "ytd": (PeriodKind.YEAR_TO_DATE,),
    "rolling": (PeriodKind.ROLLING_12_MONTHS,),
    "avg_fy": (PeriodKind.MULTI_YEAR_AVERAGE,),
    "avg_cal": (PeriodKind.MULTI_YEAR_AVERAGE,),
    "survey": (PeriodKind.SURVEY_YEAR,),
    "calendar": (PeriodKind.CALENDAR_YEAR,),
    "iso_month": (PeriodKind.MONTH,),
    "iso_day": (PeriodKind.DAY,),
    "day_words": (PeriodKind.DAY,),
    "month": (PeriodKind.MONTH,),
    "window": (PeriodKind.ROLLING_12_MONTHS,),
}
"""The kinds of period each form of the grammar reads as ("2018-19" is a year, "2019-03" a month)."""


def literal(template: str) -> str:
    """A template as the parser reads it after cleaning, for a pattern with no flags: letters
    either case, a space any run of white space, a dash also an en or em dash."""
    out: list[str] = []
    index = 0
    while index < len(template):
        char = template[index]
        if char == "\\":
            out.append(template[index : index + 2])
            index += 2
            continue
        if char == "{":
            end = template.index("}", index)
            out.append(template[index : end + 1])
            index = end + 1
            continue
        if char == "[":
            end = template.index("]", index)
            members = template[index + 1 : end]
            if members.startswith("-") or members.endswith("-"):
                members = members.strip("-") + _DASHES + "-"
            out.append(f"[{members}]")
            index = end + 1
            continue
        if char == "(" and template.startswith("(?", index):
            out.append(template[index : index + 3])
            index += 3
            continue
        if char.isalpha():
            out.append(f"[{char.upper()}{char.lower()}]")
        elif char == "-":
            out.append(f"[{_DASHES}-]")
        elif char == " ":
            out.append(r"\s+")
        else:
            out.append(char)
        index += 1
    return "".join(out)


_SEP = literal(r"\s*[/-]\s*")


def _pairs(sep: str, century=None) -> str:
    """Two-digit year `aa`, `sep`, then the year after it: two digits, or with
    `century(aa)` the four-digit year after the one `aa` stands for. Within a tens digit
    the year after only adds one to the units (a backreference keeps the tens); a 9 in the
    units is spelt out."""

    def after(first: int) -> str:
        return f"{(first + 1) % 100:02d}" if century is None else str(century(first) + 1)

    by_prefix: dict[str, list[int]] = {}
    for tens in range(10):
        prefixes = {after(tens * 10 + unit)[:-2] for unit in range(9)}
        (prefix,) = prefixes  # the century of the year after cannot change below a 9
        by_prefix.setdefault(prefix, []).append(tens)
    choices = []
    for prefix, tens_digits in by_prefix.items():
        steps = "|".join(f"{unit}{sep}{prefix}(?P=t){unit + 1}" for unit in range(9))
        choices.append(f"(?P<t>[{''.join(map(str, tens_digits))}])(?:{steps})")
    choices += [f"{tens}9{sep}{after(tens * 10 + 9)}" for tens in range(10)]
    return "(?:" + "|".join(choices) + ")"


def _four_and_four(sep: str) -> str:
    """A four-digit year, `sep`, and the four-digit year after it (prefix by backreference)."""
    choices = []
    for nines in range(4):
        prefix = 3 - nines
        steps = "|".join(
            f"{digit}{'9' * nines}{sep}{'(?P=p)' if prefix else ''}{digit + 1}{'0' * nines}"
            for digit in range(9)
        )
        choices.append(f"(?P<p>\\d{{{prefix}}})(?:{steps})" if prefix else f"(?:{steps})")
    return "(?:" + "|".join(choices) + ")"


def _financial_year(sep: str) -> str:
    """A financial year as the parser checks it: the second year follows the first."""
    return f"(?:{_four_and_four(sep)}|{_pairs(sep, _full_year_of)}|(?:\\d{{2}})?{_pairs(sep)})"


def _full_year_of(two_digits: int) -> int:
    return _full_year(f"{two_digits:02d}")


def _names(numbers: range | tuple[int, ...]) -> str:
    names = sorted(
        (name for name, number in _MONTH_NUMBER.items() if number in numbers),
        key=lambda name: (-len(name), name),
    )
    return "(?:" + "|".join(literal(name) for name in names) + ")" + r"\.?"


def _numbers(numbers: range | tuple[int, ...]) -> str:
    return "(?:" + "|".join(f"0?{n}" if n < 10 else str(n) for n in numbers) + ")"


_ALL_MONTHS = range(1, 13)
_LONG_MONTHS = (1, 3, 5, 7, 8, 10, 12)
_NOT_FEBRUARY = (1, *range(3, 13))
_LEAP_YEAR = r"(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_DAYS = (
    # (days, months they exist in, years): every day the parser's calendar check allows
    (r"(?:0?[1-9]|1\d|2[0-8])", _ALL_MONTHS, r"\d{4}"),
    (r"(?:29|30)", _NOT_FEBRUARY, r"\d{4}"),
    (r"31", _LONG_MONTHS, r"\d{4}"),
    (r"29", (2,), _LEAP_YEAR),
)

_STRICT = {
    "year": r"(?:\d{4}|\d{2})",
    "year4": r"\d{4}",
    "fy": _financial_year(_SEP),
    "quarter": "[1-4]",
    "month_name": _names(_ALL_MONTHS),
    "month_number": _numbers(_ALL_MONTHS),
    "years": r"(?:0?[2-9]|[1-9]\d)",
}


def _variants(form: str, template: str, kind: PeriodKind) -> list[str]:
    """The strict regexes for one form of the grammar, read as one kind of period."""
    shape = literal(template)
    if form == "dash":
        # the parser reads this shape as a year if the numbers follow, else as a month
        shape_of_numbers = literal("{year4}-{dash_number}")
        year = r"\d{2}" + _pairs(literal("-"))
        if kind is PeriodKind.FINANCIAL_YEAR:
            return [shape.replace(shape_of_numbers, year)]
        month = rf"(?!{year}\s*$)\d{{4}}{literal('-')}(?:0[1-9]|1[0-2])"
        return [shape.replace(shape_of_numbers, month)]
    if form == "rolling":
        # the parser reads what follows 'to' as a period and needs a month
        return [fill(shape, {"period": f"(?:{_union((PeriodKind.MONTH,))})"})]
    if form == "window":
        return [_window()]
    if "{day}" in template:
        return [
            fill(
                shape,
                {
                    **_STRICT,
                    "day": days,
                    "month_number": _numbers(months),
                    "month_name": _names(months),
                    "year4": years,
                },
            )
            for days, months, years in _DAYS
        ]
    return [fill(shape, _STRICT)]


def _window() -> str:
    """'Oct 10 to Sep 11' as the parser reads it: twelve months, so the last month is the
    one before the first, in the year after (December of the same year, for January). A
    lookahead pairs the months, so that the years are spelt out once (a pattern may hold
    only so many groups)."""
    dash = literal(r"\s*-?\s*")
    to = literal(r"\s+to\s+")
    later = range(2, 13)
    pairs = "|".join(
        f"{_names((first,))}{dash}(?:\\d{{4}}|\\d{{2}}){to}{_names((first - 1,))}{dash}"
        for first in later
    )
    sep = f"{to}{_names((12,))}{dash}"
    same_year = (
        f"(?:(?P<y>\\d{{4}}){sep}(?P=y)"
        f"|(?P<y>[0-6]\\d){sep}20(?P=y)|(?P<y>[7-9]\\d){sep}19(?P=y)"
        f"|(?:\\d{{2}})?(?P<y>\\d{{2}}){sep}(?P=y))"
    )
    year_after = _financial_year(f"{to}{_names(_ALL_MONTHS)}{dash}")
    return (
        f"(?:(?=(?:{pairs})\\d)(?:{_names(later)}){dash}{year_after}"
        f"|{_names((1,))}{dash}{same_year})"
    )


def _union(kinds: tuple[PeriodKind, ...]) -> str:
    """Every form that reads as one of `kinds`. The parser lets the first form whose shape
    matches decide ("2011-12" is a year, never December), so each form is guarded against
    the shapes of the forms before it."""
    choices = []
    for index, (form, template) in enumerate(FORMS):
        variants = [
            variant
            for kind in KIND_OF_FORM[form]
            if kind in kinds
            for variant in _variants(form, template, kind)
        ]
        if variants:
            guards = "".join(f"(?!{_shape(earlier)}\\s*$)" for _, earlier in FORMS[:index])
            choices.append(f"{guards}(?:{'|'.join(variants)})")
    return "|".join(choices)


def _shape(template: str) -> str:
    """What the parser matches a form against, without capturing."""
    return literal(re.sub(r"\((?!\?)", "(?:", fill(template, LOOSE_PIECES)))


@lru_cache(maxsize=16)
def period_pattern(kinds: tuple[PeriodKind, ...] = tuple(PeriodKind)) -> str:
    """An anchored pattern matching the text of every period of `kinds` the parser reads."""
    return _numbered(rf"^\s*(?:{_union(kinds)})\s*$")


_GROUP = re.compile(r"\\.|\[(?:\\.|[^\]])*\]|\(\?P<(\w+)>|\(\?P=(\w+)\)|(\()(?!\?)|.", re.S)


def _numbered(pattern: str) -> str:
    """Named groups to numbered ones: ECMA-262 and Python `re` spell names differently."""
    count = 0
    latest: dict[str, int] = {}
    out = []
    for match in _GROUP.finditer(pattern):
        text = match.group(0)
        if match.group(1):
            count += 1
            if count > 99:  # Python reads \100 as an octal escape, not a backreference
                raise ValueError("the period pattern has too many groups for a backreference")
            latest[match.group(1)] = count
            out.append("(")
        elif match.group(2):
            out.append(f"(?:\\{latest[match.group(2)]})")
        elif match.group(3):
            count += 1
            out.append(text)
        else:
            out.append(text)
    return "".join(out)
