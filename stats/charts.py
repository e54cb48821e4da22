"""Charts drawn on the server as SVG: no JavaScript, readable by screen readers.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` (named by
``aria-labelledby``) and is always shown beside the table holding the same figures. Bars whose
figure is withheld for privacy are not drawn; their label says so. Geometry is computed here, the
markup is written by ``stats/charts/*.html`` templates, so every label is escaped.
"""

import math
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.crypto import get_random_string

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 190
PLOT_WIDTH = 360
VALUE_WIDTH = 70


@dataclass
class Bar:
    label: str
    value: float | None
    text: str
    x: float = 0
    y: float = 0
    width: float = 0
    negative: bool = False
    text_x: float = 0


def _chart_id():
    return "chart-" + get_random_string(8, allowed_chars="abcdefghijklmnopqrstuvwxyz")


def bar_chart(*, title, description, items, maximum=None, diverging=False, reference=None, reference_label=""):
    """Horizontal bars. ``items`` is a list of (label, value or None, text shown at the bar's end).

    ``diverging`` draws bars left and right of a zero line (for gaps against a national figure);
    ``reference`` draws a dashed line at that value (for instance the national rate).
    """
    values = [abs(value) for _label, value, _text in items if isinstance(value, int | float)]
    maximum = maximum or max(values, default=0) or 1
    bars = []
    zero_x = LABEL_WIDTH + (PLOT_WIDTH / 2 if diverging else 0)
    scale = (PLOT_WIDTH / 2 if diverging else PLOT_WIDTH) / maximum
    for index, (label, value, text) in enumerate(items):
        bar = Bar(label=str(label), value=value, text=str(text), y=index * (BAR_HEIGHT + BAR_GAP))
        if isinstance(value, int | float):
            bar.width = abs(value) * scale
            bar.negative = value < 0
            bar.x = zero_x - bar.width if bar.negative else zero_x
        else:
            bar.x = zero_x
        # The figure sits just past the bar's end (to the right of the zero line for negative bars).
        bar.text_x = zero_x + 4 if bar.negative else bar.x + bar.width + 4
        bars.append(bar)
    height = max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP) + 24
    reference_x = zero_x + reference * scale if isinstance(reference, int | float) else None
    return render_to_string(
        "stats/charts/bar_chart.html",
        {
            "id": _chart_id(),
            "title": title,
            "description": description,
            "bars": bars,
            "width": LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH,
            "height": height,
            "label_x": LABEL_WIDTH - 8,
            "zero_x": zero_x,
            "axis_bottom": height - 20,
            "bar_height": BAR_HEIGHT,
            "text_dy": BAR_HEIGHT * 0.7,
            "diverging": diverging,
            "reference_x": reference_x,
            "reference_label": reference_label,
        },
    )


def column_chart(*, title, description, periods, series):
    """Grouped vertical columns per period. ``series`` is a list of (name, css class, [values per period])."""
    plot_height = 180
    top = 10
    values = [value for _name, _css, numbers in series for value in numbers if isinstance(value, int | float)]
    maximum = max(values, default=0) or 1
    group_width = max(24, min(64, 640 // max(len(periods), 1)))
    column_width = (group_width - 6) / max(len(series), 1)
    columns = []
    for period_index, period in enumerate(periods):
        for series_index, (name, css, numbers) in enumerate(series):
            value = numbers[period_index]
            height = (value / maximum) * plot_height if isinstance(value, int | float) else 0
            columns.append(
                {
                    "x": 50 + period_index * group_width + series_index * column_width,
                    "y": top + plot_height - height,
                    "height": height,
                    "css": css,
                    "label": f"{period}: {name} {value}",
                }
            )
    labels = [
        {"x": 50 + index * group_width + (group_width - 6) / 2, "text": str(period)}
        for index, period in enumerate(periods)
        # At most seven labels, so they never overlap.
        if index % max(1, math.ceil(len(periods) / 7)) == 0
    ]
    width = 60 + max(len(periods), 1) * group_width
    return render_to_string(
        "stats/charts/column_chart.html",
        {
            "id": _chart_id(),
            "title": title,
            "description": description,
            "columns": columns,
            "column_width": max(column_width - 1, 1),
            "labels": labels,
            "legend": [
                {"name": name, "css": css, "x": 50 + index * 140} for index, (name, css, _n) in enumerate(series)
            ],
            "width": max(width, 360),
            "height": top + plot_height + 60,
            "axis_y": top + plot_height,
            "label_y": top + plot_height + 16,
            "legend_y": top + plot_height + 40,
            "maximum": maximum,
        },
    )
