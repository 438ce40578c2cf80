"""Render the graph as one self-contained interactive HTML page (vis-network inlined, no network access)."""

from __future__ import annotations

import html
import json
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.graph.io import write_atomic
from kg.graph.network import to_networkx
from kg.render.layout import spread_layout
from kg.render.styles import (
    DIRECTION_STYLES,
    FINDING_DASHES,
    HEDGED_MARK,
    KIND_STYLES,
    NEGATED_MARK,
    NODE_STYLES,
    UNKNOWN_NODE,
    legend_html,
)

VIS_VERSION = "9.1.2"
VIS_DIR = f"templates/lib/vis-{VIS_VERSION}"
LAYOUT_THRESHOLD = 1000
STABILISATION_ITERATIONS = 200
MAX_LABEL = 40
SEED = 7

JsonDict = dict[str, Any]


def esc(text: object) -> str:
    """Return text escaped for HTML (quotes included): every graph text goes through here."""
    return html.escape(str(text), quote=True)


def script_json(value: object) -> str:
    """Return JSON safe inside a <script> element: no '<', '>' or '&' can end it or open a tag."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """Return vis-network's JavaScript and CSS as shipped inside the pyvis package."""
    lib = resources.files("pyvis").joinpath(VIS_DIR)
    js = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    # edge case: a closing tag inside the library would end the inline element early
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


@lru_cache(maxsize=1)
def page_template() -> Template:
    """Return the page template shipped beside this module."""
    return Template(resources.files("kg.render").joinpath("template.html").read_text(encoding="utf-8"))


def short(label: str) -> str:
    """Return a label cut to MAX_LABEL characters for drawing; the tooltip keeps it whole."""
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _meta(name: str, value: object) -> str:
    """Return one escaped 'name: value' line of a tooltip, or "" when the value is empty."""
    return f'<div class="meta">{esc(name)}: {esc(value)}</div>' if value else ""


def node_tooltip(node_id: str, a: JsonDict) -> str:
    """Return a node's tooltip HTML: type, label, synonyms, identifiers, study details, IRI."""
    parts = [
        f'<div class="kind">{esc(a.get("type", ""))}</div><b>{esc(a.get("label", ""))}</b>',
        _meta("also", ", ".join(str(a.get("alt_labels", "")).split("|")) if a.get("alt_labels") else ""),
        _meta("identifiers", " ".join(str(a.get("identifiers", "")).split("|"))),
        _meta("citation", a.get("citation", "")),
        _meta("design", a.get("design", "")),
        _meta("IRI", node_id),
    ]
    return "".join(parts)


def _study_line(a: JsonDict) -> str:
    """Return the 'Study: citation (design)' line of an edge tooltip, or ""."""
    citation, design = str(a.get("citation", "")), str(a.get("design", ""))
    if not citation and not design:
        return ""
    text = citation + (f" ({design})" if citation and design else design)
    return _meta("study", text)


def edge_tooltip(a: JsonDict, source: str, target: str) -> str:
    """Return an edge's tooltip HTML: the claim, its qualifiers, the evidence sentence and study."""
    kind = str(a.get("kind", ""))
    if kind != "finding":
        return (
            f'<div class="kind">{esc(kind.replace("_", " "))}</div>'
            f"<b>{esc(source)}</b> → <b>{esc(target)}</b>{_study_line(a)}"
        )
    direction = str(a.get("direction", "unspecified"))
    style = DIRECTION_STYLES.get(direction, DIRECTION_STYLES["unspecified"])
    flags = []
    if a.get("negated"):
        flags.append("negated" + (f" (“{esc(a['negation_cue'])}”)" if a.get("negation_cue") else ""))
    if a.get("hedged"):
        flags.append("hedged" + (f" (“{esc(a['hedge_cue'])}”)" if a.get("hedge_cue") else ""))
    parts = [
        f'<div class="kind">finding · {esc(style.legend)}</div>',
        f"<b>{esc(source)}</b> {esc(style.symbol)} <b>{esc(target)}</b>",
        f" in {esc(a['condition'])}" if a.get("condition") and a["condition"] != target else "",
        _meta("compared with", a.get("comparator", "")),
        f'<div class="meta">{" · ".join(flags)}</div>' if flags else "",
        f'<div class="quote">“{esc(a["sentence"])}”</div>' if a.get("sentence") else "",
        _study_line(a),
    ]
    return "".join(parts)


def vis_node(node_id: str, a: JsonDict, position: tuple[int, int] | None) -> JsonDict:
    """Return one vis-network node: shape and colours by type, short label, tooltip, fixed position."""
    kind = str(a.get("type", ""))
    style = NODE_STYLES.get(kind, UNKNOWN_NODE)
    node: JsonDict = {
        "id": node_id,
        # drawn on the canvas as plain text (never parsed as HTML); the JSON is script-escaped
        "label": short(str(a.get("label", ""))),
        "title": node_tooltip(node_id, a),
        "type": kind,
        "shape": style.shape,
        "color": {
            "background": style.background,
            "border": style.border,
            "highlight": {"background": style.background, "border": "#000000"},
            "hover": {"background": style.background, "border": "#000000"},
        },
        "font": {"color": style.font},
    }
    if style.shape in ("diamond", "triangle", "dot"):
        node["size"] = 14
    if position is not None:
        node["x"], node["y"] = position
    return node


def vis_edge(index: int, u: str, v: str, a: JsonDict, labels: dict[str, str]) -> JsonDict:
    """Return one vis-network edge: colour by direction or kind, dashes when negated or hedged."""
    kind = str(a.get("kind", ""))
    if kind == "finding":
        style = DIRECTION_STYLES.get(str(a.get("direction")), DIRECTION_STYLES["unspecified"])
        negated, hedged = bool(a.get("negated")), bool(a.get("hedged"))
        label = (NEGATED_MARK if negated else "") + style.symbol + (HEDGED_MARK if hedged else "")
        dashes: bool | list[int] = list(FINDING_DASHES) if negated or hedged else False
    else:
        style = KIND_STYLES.get(kind, DIRECTION_STYLES["unspecified"])
        label = style.symbol
        dashes = list(style.dashes) if isinstance(style.dashes, tuple) else style.dashes
    edge: JsonDict = {
        "id": f"e{index}",
        "from": u,
        "to": v,
        "kind": kind,
        "arrows": "to",
        "color": {"color": style.color, "highlight": style.color, "hover": style.color},
        "width": style.width,
        "dashes": dashes,
        "title": edge_tooltip(a, labels.get(u, u), labels.get(v, v)),
    }
    if label:
        edge["label"] = label
    return edge


def vis_options(node_count: int, physics: bool) -> JsonDict:
    """Return vis-network options: short physics for small graphs, none (fixed positions) for large."""
    options: JsonDict = {
        "layout": {"randomSeed": SEED, "improvedLayout": physics and node_count <= 150},
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 13, "align": "middle", "strokeWidth": 3},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": node_count > 300,
            "hideEdgesOnZoom": node_count > LAYOUT_THRESHOLD,
        },
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "springLength": 150,
                "springConstant": 0.04,
                "avoidOverlap": 0.2,
            },
            "stabilization": {
                "enabled": True,
                "iterations": STABILISATION_ITERATIONS,
                "updateInterval": 20,
                "fit": True,
            },
        }
    else:
        options["physics"] = {"enabled": False}
    return options


def build_network(nxg: nx.MultiDiGraph, title: str) -> tuple[Any, bool]:
    """Return a pyvis Network holding the vis nodes, edges and options, and whether physics runs."""
    from pyvis.network import Network  # imported here: pyvis pulls in IPython, slow for other commands

    physics = nxg.number_of_nodes() <= LAYOUT_THRESHOLD
    # edge case: large graphs are laid out here, since in-browser physics takes minutes past ~1000 nodes
    positions = {} if physics else spread_layout(nxg, seed=SEED)
    labels = {n: str(a.get("label", n)) for n, a in nxg.nodes(data=True)}
    net = Network(height="100%", width="100%", directed=True, heading=esc(title), cdn_resources="in_line")
    # set directly: add_node/add_edge scan lists for duplicates and are quadratic on big graphs
    net.nodes = [vis_node(n, a, positions.get(n)) for n, a in nxg.nodes(data=True)]
    net.edges = [vis_edge(i, u, v, a, labels) for i, (u, v, a) in enumerate(nxg.edges(data=True))]
    net.node_ids = [node["id"] for node in net.nodes]
    net.options = vis_options(nxg.number_of_nodes(), physics)
    return net, physics


def summary(nxg: nx.MultiDiGraph) -> str:
    """Return the one-line count of nodes, edges and findings shown under the title."""
    findings = sum(1 for _, _, k in nxg.edges(data="kind") if k == "finding")
    return f"{nxg.number_of_nodes()} nodes · {nxg.number_of_edges()} edges · {findings} findings"


def render_html(g: Graph, title: str = "therapy-kg") -> str:
    """Return a self-contained HTML page drawing the graph (same graph, same bytes)."""
    nxg = to_networkx(g)
    net, physics = build_network(nxg, title)
    counts = Counter(str(t) for _, t in nxg.nodes(data="type"))
    js, css = vis_assets()
    data = {"nodes": net.nodes, "edges": net.edges, "options": net.options, "physics": physics}
    return page_template().substitute(
        title=esc(title),
        summary=esc(summary(nxg)),
        legend=legend_html(dict(counts)),
        vis_version=VIS_VERSION,
        vis_css=css,
        vis_js=js,
        graph_data=script_json(data),
    )


def write_page(g: Graph, path: Path, title: str = "therapy-kg") -> Path:
    """Write the graph's HTML page atomically and return its path."""
    path = Path(path)
    write_atomic(path, render_html(g, title))
    return path
