"""Hand-written inline SVG charts for the profile pages: no scripts, no external requests, readable by screen readers.

Each chart is `role="img"` with a <title> and <desc> (referenced by aria-labelledby), so the page needs no separate
alt text; colours are dark enough on white for WCAG AA contrast of lines and labels.
"""
from __future__ import annotations

import math
from html import escape

# Economy, region, world: distinguishable by colour and by dash pattern (not by colour alone).
STYLES = [("#0b4f8a", ""), ("#a4461a", "6 3"), ("#3d5a1e", "2 3")]
TEXT = "#1a1a1a"
GRID = "#767676"


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" aria-labelledby="{chart_id}-t {chart_id}-d" font-family="sans-serif" '
            f'font-size="12">',
            f'<title id="{chart_id}-t">{escape(title)}</title>', f'<desc id="{chart_id}-d">{escape(desc)}</desc>']


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value))
    return math.ceil(value / step) * step


def line_chart(chart_id: str, title: str, series: dict[str, dict[int, float]], unit: str,
               width: int = 560, height: int = 260) -> str:
    """Lines over years, one per named series ({name: {year: value}}); the description lists the data."""
    points = [(y, v) for values in series.values() for y, v in values.items()]
    desc = "; ".join(f"{name}: " + ", ".join(f"{y} {v:.1f}" for y, v in sorted(values.items()))
                     for name, values in series.items() if values) or "no data"
    out = _open(chart_id, width, height, title, desc)
    left, right, top, bottom = 48, width - 140, 16, height - 32
    if not points:
        out.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="{TEXT}">No data</text></svg>')
        return "".join(out)
    years = [y for y, _ in points]
    y0, y1 = min(years), max(max(years), min(years) + 1)
    vmax = _nice_max(max(v for _, v in points))

    def xy(year: int, value: float) -> str:
        return (f"{left + (year - y0) / (y1 - y0) * (right - left):.1f},"
                f"{bottom - value / vmax * (bottom - top):.1f}")

    for i in range(5):
        value = vmax * i / 4
        y = bottom - i / 4 * (bottom - top)
        out.append(f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="0.5"/>'
                   f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">{value:g}</text>')
    out.append(f'<text x="{left}" y="{height - 8}" fill="{TEXT}">{y0}</text>'
               f'<text x="{right}" y="{height - 8}" text-anchor="end" fill="{TEXT}">{y1}</text>'
               f'<text x="{left}" y="{top - 4}" fill="{TEXT}">{escape(unit)}</text>')
    for n, (name, values) in enumerate(series.items()):
        colour, dash = STYLES[n % len(STYLES)]
        if values:
            path = " ".join(xy(y, v) for y, v in sorted(values.items()))
            out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}" '
                       f'points="{path}"/>')
        out.append(f'<line x1="{right + 12}" x2="{right + 36}" y1="{top + 8 + 18 * n}" y2="{top + 8 + 18 * n}" '
                   f'stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>'
                   f'<text x="{right + 40}" y="{top + 12 + 18 * n}" fill="{TEXT}">{escape(name)}</text>')
    out.append("</svg>")
    return "".join(out)


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, list[float | None]]], names: list[str], unit: str,
              width: int = 560) -> str:
    """Grouped horizontal bars: rows of (label, one value per name); a missing value is written 'no data'."""
    bar, gap = 12, 10
    height = 28 + len(rows) * (len(names) * bar + gap) + 20 * len(names)
    desc = "; ".join(f"{label}: " + ", ".join(f"{n} {'no data' if v is None else f'{v:.1f}'}"
                                             for n, v in zip(names, values)) for label, values in rows)
    out = _open(chart_id, width, height, title, desc)
    left, right = 190, width - 60
    known = [v for _, values in rows for v in values if v is not None]
    vmax = _nice_max(max(known)) if known else 1.0
    y = 20
    for label, values in rows:
        out.append(f'<text x="{left - 6}" y="{y + bar * len(names) / 2 + 4:.1f}" text-anchor="end" '
                   f'fill="{TEXT}">{escape(label)}</text>')
        for n, value in enumerate(values):
            colour, _ = STYLES[n % len(STYLES)]
            if value is None:
                out.append(f'<text x="{left + 4}" y="{y + bar - 2}" fill="{TEXT}" font-size="10">no data</text>')
            else:
                w = value / vmax * (right - left)
                out.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar - 2}" fill="{colour}"/>'
                           f'<text x="{left + w + 4:.1f}" y="{y + bar - 2}" fill="{TEXT}" '
                           f'font-size="10">{value:.1f}</text>')
            y += bar
        y += gap
    for n, name in enumerate(names):
        colour, _ = STYLES[n % len(STYLES)]
        out.append(f'<rect x="{left}" y="{y + 20 * n}" width="12" height="12" fill="{colour}"/>'
                   f'<text x="{left + 18}" y="{y + 10 + 20 * n}" fill="{TEXT}">{escape(name)} ({escape(unit)})</text>')
    out.append("</svg>")
    return "".join(out)
