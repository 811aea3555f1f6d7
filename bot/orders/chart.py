"""The compilation as a PNG chart (matplotlib's Agg canvas, no display, no global state):
orders per ordering unit and per work group, titled with the period. A count below the
threshold is drawn as no bar with the label "<3"."""

from __future__ import annotations

import io

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.i18n import Translator
from bot.orders.compilation import Compiled, Total
from bot.orders.config import OrgConfig
from bot.orders.labels import title

TOP_PARTIES = 15  # more units than this: the rest are one bar, "others"


def _bars(ax: Axes, totals: list[Total], names: dict[str, str], c: Compiled,
          heading: str) -> None:
    labels = [names.get(t.name, t.name)[:40] for t in totals]
    shown = [c.suppressed(t.orders) for t in totals]
    heights = [v if isinstance(v, int) else 0 for v in shown]
    y = list(range(len(totals)))
    ax.barh(y, heights, color="#2b6cb0")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_title(heading)
    for i, value in enumerate(shown):
        ax.annotate(str(value), (heights[i], i), xytext=(3, 0),
                    textcoords="offset points", va="center")


def _top(totals: list[Total], other: str) -> list[Total]:
    if len(totals) <= TOP_PARTIES:
        return totals
    rest = Total(other)
    for t in totals[TOP_PARTIES - 1:]:
        rest.orders += t.orders
    return [*totals[:TOP_PARTIES - 1], rest]


def build(c: Compiled, cfg: OrgConfig, t: Translator) -> bytes:
    parties = _top(c.by_party, t("compile.others"))
    groups = {g.id: cfg.group_label(g.id, t.lang) for g in cfg.work_groups}
    rows = max(len(parties), 1) + max(len(c.by_group), 1)
    fig = Figure(figsize=(10, 2.5 + 0.35 * rows), layout="constrained")
    FigureCanvasAgg(fig)
    fig.suptitle(title(c, t))
    top, bottom = fig.subplots(2, 1, height_ratios=[max(len(parties), 1),
                                                    max(len(c.by_group), 1)])
    _bars(top, parties, {}, c, t("compile.chart.by_party"))
    _bars(bottom, c.by_group, groups, c, t("compile.chart.by_group"))
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=100)
    return out.getvalue()
