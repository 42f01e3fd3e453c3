"""Charts drawn on the server as SVG: run charts (lines) and bars, geometry only.

Hand-made rather than pygal: pygal writes inline ``style`` and a script for
its tooltips, which the Content Security Policy forbids (no inline scripts or
styles), and its look would need restyling anyway. A chart here is a few
dozen shapes; ``templates/figures/_charts.html`` draws them with classes the
stylesheet colours, a ``<title>`` and ``<desc>`` for screen readers, and every
chart has a data table beside it (no number lives only in a picture). Series
differ by marker shape and dash as well as colour (WCAG 1.4.1), and print in
black and white.
"""

from dataclasses import dataclass, field
from statistics import median

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 58, 22, 24, 50
MARKERS = ("circle", "square", "triangle", "diamond")


@dataclass
class Series:
    name: str
    values: list[float]
    css: str  # s1..s4: the stylesheet's colour and dash for the series
    marker: str = "circle"
    points: list[tuple[float, float, float]] = field(default_factory=list)  # x, y, value

    @property
    def path(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in self.points)


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: float
    css: str
    label: str


@dataclass
class Chart:
    title: str
    description: str
    labels: list[str]
    series: list[Series]
    width: int = WIDTH
    height: int = HEIGHT
    ticks: list[tuple[float, str]] = field(default_factory=list)  # y, label
    x_labels: list[tuple[float, str]] = field(default_factory=list)
    median_y: float | None = None
    median_label: str = ""
    bars: list[Bar] = field(default_factory=list)
    plot: tuple[float, float, float, float] = (LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM)


def _scale(top_value: float) -> tuple[float, list[float]]:
    """A round top for the y axis and its ticks (4–5 of them)."""
    top_value = max(top_value, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top_value / step <= 5:
            break
    else:
        step = 10 ** len(str(int(top_value)))
    top = step * -(-top_value // step)
    return top, [step * i for i in range(int(top // step) + 1)]


def _y(value: float, top: float) -> float:
    height = HEIGHT - TOP - BOTTOM
    return HEIGHT - BOTTOM - value / top * height


def _x_labels(labels: list[str], xs: list[float]) -> list[tuple[float, str]]:
    every = max(1, -(-len(labels) // 12))  # at most about 12 labels under the axis
    return [
        (x, label) for i, (x, label) in enumerate(zip(xs, labels, strict=True)) if i % every == 0
    ]


def run_chart(
    title: str, description: str, labels: list[str], series: list[tuple[str, list]], median_of=None
) -> Chart:
    """Lines over time; ``median_of`` (a list of values) draws the run chart's centre line.

    A series is (name, values) or (name, values, css class); the class is s1, s2, ...
    by its place otherwise.
    """
    top, ticks = _scale(max((max(s[1], default=0) for s in series), default=0))
    width = WIDTH - LEFT - RIGHT
    step = width / max(len(labels) - 1, 1)
    xs = [LEFT + i * step if len(labels) > 1 else LEFT + width / 2 for i in range(len(labels))]
    drawn = []
    for index, (name, values, *css) in enumerate(series):
        points = [(x, _y(v, top), v) for x, v in zip(xs, values, strict=True)]
        style = css[0] if css else f"s{index + 1}"
        drawn.append(Series(name, values, style, MARKERS[index % 4], points))
    chart = Chart(title, description, labels, drawn)
    chart.ticks = [(_y(t, top), _tick(t)) for t in ticks]
    chart.x_labels = _x_labels(labels, xs)
    if median_of:
        centre = median(median_of)
        chart.median_y, chart.median_label = _y(centre, top), _tick(round(centre, 1))
    return chart


def bar_chart(title: str, description: str, labels: list[str], series: list[tuple[str, list]]):
    """Grouped bars: one group per label, one bar per series."""
    top, ticks = _scale(max((max(s[1], default=0) for s in series), default=0))
    width = WIDTH - LEFT - RIGHT
    group = width / max(len(labels), 1)
    bar = group * 0.8 / max(len(series), 1)
    chart = Chart(title, description, labels, [])
    for index, (name, values) in enumerate(series):
        css = f"s{index + 1}"
        chart.series.append(Series(name, values, css, MARKERS[index % 4]))
        for i, value in enumerate(values):
            x = LEFT + i * group + group * 0.1 + index * bar
            y = _y(value, top)
            chart.bars.append(Bar(x, y, bar, HEIGHT - BOTTOM - y, value, css, labels[i]))
    chart.ticks = [(_y(t, top), _tick(t)) for t in ticks]
    chart.x_labels = _x_labels(labels, [LEFT + i * group + group / 2 for i in range(len(labels))])
    return chart


def _tick(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}".replace(".", ",")
