"""Small trend charts of an indicator's series, with the target marked (matplotlib, loaded
only when a document has charts)."""

from __future__ import annotations

import io
import textwrap

from cspplan import wording
from cspplan.status.assess import MeasureStatus
from cspplan.status.bands import INKS
from cspplan.status.series import Point

MAX_POINTS = 12
"""The last twelve figures: a quarter's report looks back three years at most."""


def points(status: MeasureStatus) -> list[Point]:
    """The figures the status was judged on, the latest twelve."""
    return status.series.points[-MAX_POINTS:]


def target_line(status: MeasureStatus) -> float | None:
    """The value the figure was judged against, where it is on the chart's scale (a rank
    target is a position, not a value, so it has no line)."""
    target = status.measure.target
    if target is None or target.kind == "rank":
        return None
    return status.computed.aimed_at


def alt_text(status: MeasureStatus, shown: list[Point]) -> str:
    """What the chart shows, in words, for screen readers and for anyone who cannot see it."""
    value = lambda point: wording.indicator_value(point.value, status.indicator)  # noqa: E731
    text = f"Line chart of {status.indicator.name}: "
    if len(shown) == 1:
        text += f"one figure, {value(shown[0])} ({shown[0].period})"
    else:
        text += (
            f"{len(shown)} figures from {value(shown[0])} ({shown[0].period}) "
            f"to {value(shown[-1])} ({shown[-1].period})"
        )
    aimed_at = target_line(status)
    if aimed_at is not None:
        text += f"; the target line is at {wording.indicator_value(aimed_at, status.indicator)}"
    return text + "."


def chart(status: MeasureStatus, label: str) -> tuple[bytes, str] | None:
    """The PNG and its alt text, or None when the measure has no figure to draw."""
    shown = points(status)
    if not shown:
        return None
    return _draw(status, shown, label), alt_text(status, shown)


def _draw(status: MeasureStatus, shown: list[Point], label: str) -> bytes:
    """A PNG: the series as a line with points, the target as a dashed line, and the status
    in words in the title (colour is never the only signal)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    title = textwrap.wrap(f"{status.indicator.name} — {label}", width=85)  # never cut short
    figure, axes = pyplot.subplots(figsize=(6.0, 2.2 + 0.2 * len(title)), dpi=110)
    try:
        xs = list(range(len(shown)))
        colour = f"#{INKS[status.band]}"
        axes.plot(xs, [p.value for p in shown], marker="o", color="#1d70b8", linewidth=2)
        aimed_at = target_line(status)
        if aimed_at is not None:
            axes.axhline(aimed_at, color="#505a5f", linestyle="--", linewidth=1.2)
            axes.annotate(
                "Target",
                xy=(xs[-1] if xs else 0, aimed_at),
                xytext=(4, 4),
                textcoords="offset points",
                fontsize=8,
                color="#505a5f",
            )
        axes.set_xticks(xs)
        axes.set_xticklabels([str(p.period) for p in shown], rotation=30, ha="right", fontsize=7)
        axes.tick_params(axis="y", labelsize=7)
        axes.set_title("\n".join(title), fontsize=9, loc="left")
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.spines["left"].set_color(colour)
        axes.spines["left"].set_linewidth(3)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()
    finally:
        pyplot.close(figure)
