"""Define how each node type and edge kind looks, and render the page's legend from the same table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NodeStyle:
    """The vis-network shape and colours of one node type."""

    shape: str
    background: str
    border: str
    font: str


@dataclass(frozen=True)
class EdgeStyle:
    """The colour, label symbol, dash pattern and legend text of one kind of edge."""

    color: str
    symbol: str
    legend: str
    width: float = 1.6
    dashes: bool | tuple[int, ...] = False


NODE_STYLES: dict[str, NodeStyle] = {
    "therapy": NodeStyle("box", "#2e7d32", "#1b5e20", "#ffffff"),
    "condition": NodeStyle("ellipse", "#c62828", "#8e0000", "#ffffff"),
    "outcome": NodeStyle("diamond", "#1565c0", "#0d47a1", "#0d47a1"),
    "study": NodeStyle("triangle", "#757575", "#424242", "#424242"),
}
UNKNOWN_NODE = NodeStyle("dot", "#bdbdbd", "#757575", "#424242")

DIRECTION_STYLES: dict[str, EdgeStyle] = {
    "increase": EdgeStyle("#ef6c00", "↑", "increases"),
    "decrease": EdgeStyle("#6a1b9a", "↓", "decreases"),
    "no_change": EdgeStyle("#00838f", "=", "no change"),
    "unspecified": EdgeStyle("#795548", "~", "effect, direction unspecified"),
}
KIND_STYLES: dict[str, EdgeStyle] = {
    "treats": EdgeStyle("#66bb6a", "", "treats (therapy → condition)", width=3.0),
    "reported_in": EdgeStyle("#9e9e9e", "", "reported in (therapy → study)", width=1.0, dashes=(2, 4)),
}
MIXED = EdgeStyle("#616161", "±", "findings in more than one direction")
NEGATED_MARK = "¬"
HEDGED_MARK = "?"
FINDING_DASHES = (8, 5)


def style_table() -> dict[str, object]:
    """Return the colours, symbols and legend words the page script draws edges and filters with."""

    def edge(style: EdgeStyle) -> dict[str, object]:
        return {
            "color": style.color,
            "symbol": style.symbol,
            "legend": style.legend,
            "width": style.width,
            "dashes": list(style.dashes) if isinstance(style.dashes, tuple) else style.dashes,
        }

    return {
        "directions": {name: edge(style) for name, style in {**DIRECTION_STYLES, "mixed": MIXED}.items()},
        "kinds": {name: edge(style) for name, style in KIND_STYLES.items()},
        "types": {name: {"background": s.background, "shape": s.shape} for name, s in NODE_STYLES.items()},
        "negated": NEGATED_MARK,
        "hedged": HEDGED_MARK,
        "flaggedDashes": list(FINDING_DASHES),
    }


def _node_swatch(style: NodeStyle) -> str:
    """Return the legend swatch of one node type (CSS-drawn shapes; colours are constants)."""
    if style.shape == "triangle":
        return f'<span class="swatch triangle" style="color:{style.background}"></span>'
    return (
        f'<span class="swatch {style.shape}" style="background:{style.background};'
        f'border:1px solid {style.border}"></span>'
    )


def _line(color: str, pattern: str = "") -> str:
    """Return a legend swatch for an edge: a short coloured line, solid, dashed or dotted."""
    return f'<span class="{f"line {pattern}".strip()}" style="border-top-color:{color}"></span>'


def legend_html(counts: dict[str, int]) -> str:
    """Return the legend: node types with their counts, edge colours by direction, dash meanings."""
    items = [
        f"<li>{_node_swatch(style)}<span>{kind} ({counts.get(kind, 0)})</span></li>"
        for kind, style in NODE_STYLES.items()
    ]
    directions = [
        f'<li>{_line(s.color)}<span class="sym">{s.symbol}</span><span>{s.legend}</span></li>'
        for s in (*DIRECTION_STYLES.values(), MIXED)
    ]
    kinds = [
        f"<li>{_line(s.color, 'dotted' if s.dashes else '')}<span>{s.legend}</span></li>"
        for s in KIND_STYLES.values()
    ]
    marks = [
        f"<li>{_line('#616161', 'dashed')}<span>negated or hedged finding</span></li>",
        '<li><span class="sym">≡</span><span>wider: more findings between the same two nodes</span></li>',
        f'<li><span class="sym">{NEGATED_MARK}</span><span>negated (“did not …”)</span></li>',
        f'<li><span class="sym">{HEDGED_MARK}</span><span>hedged (“may …”)</span></li>',
    ]
    return (
        '<section id="legend" aria-label="Legend">'
        f"<h2>Nodes</h2><ul>{''.join(items)}</ul>"
        f"<h2>Findings</h2><ul>{''.join(directions)}</ul>"
        f"<h2>Other edges</h2><ul>{''.join(kinds)}</ul>"
        f"<h2>Marks</h2><ul>{''.join(marks)}</ul>"
        '<p class="note">Click a node or an edge for its evidence; scroll to zoom, drag to pan.</p>'
        "</section>"
    )
