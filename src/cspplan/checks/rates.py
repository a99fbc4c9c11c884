"""Checks on rates: a rate and the count printed with it imply the size of the population
the rate is per, and that size should be the same (give or take) wherever it appears."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cspplan import wording
from cspplan.checks.registry import Finding, check, found
from cspplan.issues import Severity
from cspplan.model.collection import LoadedPartnership
from cspplan.model.indicator import Indicator, Observation, Unit

RATE_BASES = (1000, 100000)
"""The rate_per values an indicator may have (`Indicator.rate_per`)."""

IMPLAUSIBLE = 20
"""Two populations this many times apart (or more) cannot be the same population: a
local population changes by a few per cent a year, not twentyfold."""


@dataclass(frozen=True, slots=True)
class _Implied:
    """The population a rate observation implies: count × rate_per ÷ value."""

    indicator: Indicator
    index: int
    observation: Observation
    count: int
    value: float

    @property
    def population(self) -> float:
        return self.per(self.indicator.rate_per or 0)

    def per(self, rate_per: int) -> float:
        """The population implied if the rate were per `rate_per`."""
        return self.count * rate_per / self.value

    def words(self) -> str:
        """'723 per 1,000 with a count of 554'."""
        shown = wording.indicator_value(self.value, self.indicator)
        return f"{shown} with a count of {wording.number(self.count)}"

    def fitting(self, other: float) -> int | None:
        """Another rate_per under which this figure's population is within the plausible
        factor of `other`, if one is."""
        for base in RATE_BASES:
            if base != self.indicator.rate_per and not _apart(self.per(base), other):
                return base
        return None


def _apart(first: float, second: float) -> bool:
    low, high = sorted((first, second))
    return low <= 0 or high / low >= IMPLAUSIBLE


def _people(amount: float) -> str:
    return wording.number(round(amount))


def _key(population: str | None) -> str | None:
    """The `population` text compared without case or spacing: 'Residents aged 10-17' is
    'residents  aged 10-17'."""
    return " ".join(population.lower().split()) if population else None


def _implied(indicator: Indicator) -> Iterator[_Implied]:
    if indicator.unit is not Unit.RATE or indicator.rate_per is None:
        return
    for index, observation in enumerate(indicator.series):
        count, value = observation.count, observation.value
        if count is not None and count > 0 and value is not None and value > 0:
            yield _Implied(indicator, index, observation, count, value)


def _fit_words(base: int | None) -> str:
    if base is None:
        return "neither per 1,000 nor per 100,000 would fit"
    return f"per {base:,} would fit"


@check(
    "C019",
    "rate-population-implausible",
    title="A rate and its count imply an implausible population",
    template="{figure} implies a population of {implied}, but {other}; {fit}",
    severity=Severity.WARNING,
    hint="keep the figures as printed and say in transcription_notes that the rate does not "
    "fit its count (the source may print the wrong rate_per)",
)
def rate_population_implausible(csp: LoadedPartnership) -> Iterator[Finding]:
    """A rate printed with its count (`count`) implies the size of the population it is
    per: count × rate_per ÷ value. Where the indicator gives the population's size
    (`population_size`), the implied one should be close to it; and rates whose indicators
    are per the same population (the same `population` text, any case or spacing) should
    imply about the same size. A population twenty or more times off says the rate is per
    something else than printed, often per 100,000 printed as per 1,000: the message says
    which rate_per would fit. A warning, since a transcription keeps the source's figures."""
    groups: dict[str, list[_Implied]] = defaultdict(list)
    sizes: dict[str, Indicator] = {}
    """population text → the first indicator that prints the population's size"""
    for indicator in csp.indicators.values():
        key = _key(indicator.population)
        if key is None:
            continue
        if indicator.population_size is not None:
            sizes.setdefault(key, indicator)
        else:
            groups[key].extend(_implied(indicator))
    for indicator_id, indicator in csp.indicators.items():
        if indicator.population_size is not None:
            file = csp.indicator_files[indicator_id]
            yield from _against_size(_implied(indicator), indicator, indicator, file)
    for key, members in groups.items():
        for figure in members:
            file = csp.indicator_files[figure.indicator.id]
            if key in sizes:
                yield from _against_size([figure], sizes[key], figure.indicator, file)
            else:
                yield from _against_others(figure, members, file)


def _against_size(
    implied: Iterable[_Implied], sized: Indicator, own: Indicator, file: Path
) -> Iterator[Finding]:
    """Each figure against the population size an indicator prints (its own, or that of
    another indicator per the same population)."""
    size = sized.population_size or 0
    whose = "the indicator's" if sized is own else f"{sized.id}'s"
    for figure in implied:
        if _apart(figure.population, size):
            yield _finding(
                figure,
                file,
                f"{whose} population_size is {wording.number(size)}",
                figure.fitting(size),
            )


def _against_others(figure: _Implied, members: list[_Implied], file: Path) -> Iterator[Finding]:
    """The first figure of the same population that this one is implausibly far from, when
    this one is the likelier to be wrong: another rate_per fits it, or none fits the other."""
    for other in members:
        if other is figure or not _apart(figure.population, other.population):
            continue
        fits = figure.fitting(other.population)
        if fits is None and other.fitting(figure.population) is not None:
            continue  # the other figure is the one another rate_per explains: it is warned
        said = (
            f"{other.words()} ({other.indicator.id}, {other.observation.period}) implies "
            f"{_people(other.population)} ({' '.join((other.indicator.population or '').split())})"
        )
        yield _finding(figure, file, said, fits)
        return


def _finding(figure: _Implied, file: Path, other: str, fits: int | None) -> Finding:
    return found(
        file,
        ("series", figure.index, "value"),
        figure=f"{figure.words()} ({figure.observation.period})",
        implied=_people(figure.population),
        other=other,
        fit=_fit_words(fits),
    )
