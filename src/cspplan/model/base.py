"""Building blocks shared by every plan file model."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    Strict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from cspplan.model.periods import (
    CANONICAL_FORMS,
    Period,
    PeriodError,
    PeriodKind,
    YearSpan,
    coerce_period,
    parse_year_span,
)


class Choice(StrEnum):
    """A fixed set of words, each with its meaning: members are `NAME = "value", "meaning"`.

    The schema lists each value as a `const` with its description, which editors show on
    completion and hover; `described(...)` does the same for a `Literal` of some values.
    """

    description: str

    def __new__(cls, value: str, description: str = ""):
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        return {"title": cls.__name__, **described(cls)}


def described(choices, only: tuple[str, ...] | None = None) -> dict[str, Any]:
    """A schema for values of a Choice (or some of them), each with its meaning."""
    members = [member for member in choices if only is None or member.value in only]
    return {
        "type": "string",
        "oneOf": [{"const": member.value, "description": member.description} for member in members],
    }


class PlanModel(BaseModel):
    """Base for every model read from a plan file: unknown fields are errors."""

    model_config = ConfigDict(
        extra="forbid",
        allow_inf_nan=False,
        populate_by_name=True,
        use_enum_values=False,
        validate_default=False,
        str_strip_whitespace=False,
        defer_build=True,
    )


# Numbers are strict: YAML already types its values, so true/false or quoted text in a
# number field is a mistake to report, never a 1 or a 12 to accept silently.
Number = Annotated[float, Strict()]
Whole = Annotated[int, Strict()]
PositiveWhole = Annotated[int, Strict(), Field(gt=0)]
NonNegativeWhole = Annotated[int, Strict(), Field(ge=0)]

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": ID_PATTERN,
            "description": "Identifier: lower-case letters, digits and hyphens, e.g. 'safer-towns'.",
        }
    ),
]
"""A stable identifier used for cross-references (lower-case, digits, hyphens)."""

Text = Annotated[str, StringConstraints(min_length=1)]
"""Printed text: must not be empty."""


def transcription_notes() -> list[str]:
    return []


TranscriptionNotes = Annotated[
    list[Text],
    Field(
        default_factory=transcription_notes,
        description="How the source was read (lost words, reassembled rows, judgement calls): "
        "for reviewers of the data, never printed in generated documents.",
    ),
]
"""Notes by whoever transcribed or edited the data; kept apart from printed text."""


def _period(value: Any) -> Period:
    try:
        return coerce_period(value)
    except PeriodError as error:
        raise PydanticCustomError("period", "{reason}", {"reason": str(error)}) from None


def _period_of(kinds: tuple[PeriodKind, ...], description: str):
    def check(value: Any) -> Period:
        period = _period(value)
        if period.kind not in kinds:
            raise PydanticCustomError(
                "period",
                "'{value}' is a {kind}; expected {expected}",
                {
                    "value": str(period),
                    "kind": period.kind.name.lower().replace("_", " "),
                    "expected": description,
                },
            )
        return period

    return check


PERIOD_MARK = "x-cspplan-period"
"""Stands for a `$ref` to a period definition until schemas.py puts the reference in."""


def _period_schema(name: str) -> WithJsonSchema:
    """A reference to a period definition: schemas.py adds it once under `$defs`, with the
    pattern period_pattern builds from the parser's grammar."""
    return WithJsonSchema({PERIOD_MARK: name})


PeriodField = Annotated[
    Period,
    BeforeValidator(_period),
    PlainSerializer(str, return_type=str),
    _period_schema("Period"),
]
"""Any reporting period."""


def _horizon(value: Any) -> Period | YearSpan:
    if isinstance(value, (Period, YearSpan)):
        return value
    if isinstance(value, str):
        try:
            span = parse_year_span(value)
        except PeriodError as error:
            raise PydanticCustomError("period", "{reason}", {"reason": str(error)}) from None
        if span is not None:
            return span
    return _period(value)


YEAR_SPAN_PATTERN = r"^\s*\d{4}/\d{2}\s+[Tt][Oo]\s+\d{4}/\d{2}\s*$"
"""A span of financial years, as the schema sees it (the parser also checks each year)."""

HorizonField = Annotated[
    Period | YearSpan,
    BeforeValidator(_horizon),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {PERIOD_MARK: "Period"},
                {
                    "type": "string",
                    "pattern": YEAR_SPAN_PATTERN,
                    "description": "A span of financial years, e.g. '2011/12 to 2015/16'.",
                },
            ]
        }
    ),
]
"""When a target is for: a period ('2015/16') or a span of financial years ('2011/12 to
2015/16', a target set over several years)."""


FinancialYearField = Annotated[
    Period,
    BeforeValidator(_period_of((PeriodKind.FINANCIAL_YEAR,), "a financial year such as 2018/19")),
    PlainSerializer(str, return_type=str),
    _period_schema("FinancialYear"),
]
"""A financial year such as 2018/19 (plan years, cycles)."""

DUE_KINDS = (
    PeriodKind.DAY,
    PeriodKind.MONTH,
    PeriodKind.QUARTER,
    PeriodKind.FINANCIAL_YEAR,
    PeriodKind.CALENDAR_YEAR,
)
DueField = Annotated[
    Period,
    BeforeValidator(
        _period_of(DUE_KINDS, "a day, month, quarter, financial year or calendar year")
    ),
    PlainSerializer(str, return_type=str),
    _period_schema("Due"),
]
"""A due date: a day, or the month, quarter or year it falls in (its last day counts)."""

PERIOD_DEFINITIONS: dict[str, tuple[tuple[PeriodKind, ...], str]] = {
    "Period": (tuple(PeriodKind), "A reporting period, e.g. " + "; ".join(CANONICAL_FORMS)),
    "FinancialYear": ((PeriodKind.FINANCIAL_YEAR,), "A financial year, e.g. 2018/19."),
    "Due": (
        DUE_KINDS,
        "A date or the span it falls in: '2019-03-31' (quoted), Mar 2019, Q2 2018/19, "
        "2018/19 or 2021.",
    ),
}
"""Schema definitions for the period fields: which kinds each accepts, and its description."""
