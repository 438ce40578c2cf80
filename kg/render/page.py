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
from kg.graph.network import SEPARATOR, to_networkx
from kg.render.evidence import evidence_data
from kg.render.first_view import MAX_LAID_OUT, first_view, label_box
from kg.render.layout import spread_layout
from kg.render.sources import page_url, studies_info
from kg.render.styles import NODE_STYLES, UNKNOWN_NODE, legend_html, style_table
from kg.render.view import Span, ViewOptions, identifier_links, mark_spans, names_of, select

VIS_VERSION = "9.1.2"
VIS_DIR = f"templates/lib/vis-{VIS_VERSION}"
LAYOUT_THRESHOLD = 1000
STABILISATION_ITERATIONS = 200
MAX_LABEL = 40
SEED = 7

JsonDict = dict[str, Any]


def esc(text: object) -> str:
    """Return text escaped for HTML (quotes included): every graph text put in markup goes through here."""
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


@lru_cache(maxsize=2)
def packaged(name: str) -> str:
    """Return a file shipped beside this module (the page template, the page script)."""
    return resources.files("kg.render").joinpath(name).read_text(encoding="utf-8")


def short(label: str) -> str:
    """Return a label cut to MAX_LABEL characters for drawing; the panel keeps it whole."""
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def text_of(a: JsonDict, key: str) -> str:
    """Return an attribute as a string, "" when it is absent or empty."""
    return str(a.get(key) or "")


def utf16_spans(text: str, spans: list[Span]) -> list[list[object]]:
    """Return spans with offsets counted in UTF-16 code units, as JavaScript strings index them."""

    def at(i: int) -> int:
        return len(text[:i].encode("utf-16-le")) // 2

    return [[at(s), at(e), kind] for s, e, kind in spans]


def vis_node(node_id: str, a: JsonDict, degree: int, position: tuple[int, int] | None) -> JsonDict:
    """Return one vis-network node: shape and colours by type, short label, the details the panel shows."""
    kind = str(a.get("type", ""))
    style = NODE_STYLES.get(kind, UNKNOWN_NODE)
    names = names_of(a)
    node: JsonDict = {
        "id": node_id,
        # drawn on the canvas as plain text and shown in the page with textContent, never as HTML
        "label": short(names[0]),
        "full": names[0],
        "alt": names[1:],
        "ids": identifier_links(text_of(a, "identifiers")),
        "type": kind,
        "citation": text_of(a, "citation"),
        "design": text_of(a, "design"),
        "degree": degree,
        "lone": degree == 0,  # an entity or study without findings: hidden until asked for
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


def study_of_findings(nxg: nx.MultiDiGraph) -> dict[str, str]:
    """Return the study node each finding is reported in (its IRI to the study's node id), read off
    the reported-in edges, so that a study's panel lists its findings."""
    studies: dict[str, str] = {}
    for _, v, a in nxg.edges(data=True):
        if a.get("kind") == "reported_in":
            studies.update(dict.fromkeys((f for f in text_of(a, "finding").split(SEPARATOR) if f), v))
    return studies


def finding_record(nxg: nx.MultiDiGraph, u: str, v: str, a: JsonDict, conditions: dict[str, str]) -> JsonDict:
    """Return one finding as the page needs it: ends, condition, direction, cues, marked sentence, study."""
    sentence = text_of(a, "sentence")
    terms = [
        ("therapy", names_of(nxg.nodes[u])),
        (str(nxg.nodes[v].get("type", "outcome")), names_of(nxg.nodes[v])),
        ("condition", [text_of(a, "condition")]),
        ("comparator", [text_of(a, "comparator")]),
        ("negation", [text_of(a, "negation_cue")]),
        ("hedge", [text_of(a, "hedge_cue")]),
    ]
    return {
        "t": u,
        "o": v,
        "c": conditions.get(text_of(a, "condition"), ""),
        "dir": str(a.get("direction", "unspecified")),
        "neg": bool(a.get("negated")),
        "hedge": bool(a.get("hedged")),
        "ncue": text_of(a, "negation_cue"),
        "hcue": text_of(a, "hedge_cue"),
        "condition": text_of(a, "condition"),
        "comparator": text_of(a, "comparator"),
        "sentence": sentence,
        "marks": utf16_spans(sentence, mark_spans(sentence, terms)),
        "citation": text_of(a, "citation"),
        "design": text_of(a, "design"),
    }


def link_record(u: str, v: str, a: JsonDict) -> JsonDict:
    """Return a treats or reported-in edge as the page needs it."""
    return {
        "from": u,
        "to": v,
        "kind": str(a.get("kind", "")),
        "citation": text_of(a, "citation"),
        "design": text_of(a, "design"),
        "n": len([f for f in text_of(a, "finding").split(SEPARATOR) if f]),
    }


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
            "selectConnectedEdges": False,
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


def positions_of(nxg: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Return the node positions computed here: the first view's for a small graph, a spread
    layout for a large one (in-browser physics takes minutes past ~1000 nodes), none between."""
    n = nxg.number_of_nodes()
    if n <= MAX_LAID_OUT:
        boxes = {
            node: label_box(
                short(str(a.get("label", ""))), NODE_STYLES.get(str(a.get("type")), UNKNOWN_NODE).shape
            )
            for node, a in nxg.nodes(data=True)
        }
        return first_view(nxg, boxes)
    return {} if n <= LAYOUT_THRESHOLD else spread_layout(nxg, seed=SEED)


def with_sources(nodes: list[JsonDict], sources: dict[str, JsonDict]) -> list[JsonDict]:
    """Return the nodes with their way back to the source: a study's PMID, DOI, year and links,
    an entity's identifiers linked to their human pages."""
    for node in nodes:
        node.update(sources.get(node["id"], {}))
        for ident in node["ids"]:
            ident["url"] = page_url(ident["url"]) if ident["url"] else ""
    return nodes


def page_data(nxg: nx.MultiDiGraph, notice: str = "", g: Graph | None = None) -> JsonDict:
    """Return everything the page script draws: nodes, findings, other edges, styles, options."""
    physics = nxg.number_of_nodes() <= LAYOUT_THRESHOLD
    positions = positions_of(nxg)
    degree = dict(nxg.degree())
    edges = list(nxg.edges(data=True))
    conditions = {str(a["label"]): n for n, a in nxg.nodes(data=True) if a.get("type") == "condition"}
    studies = study_of_findings(nxg)
    findings = [
        {**finding_record(nxg, u, v, a, conditions), "s": studies.get(text_of(a, "finding"), "")}
        for u, v, a in edges
        if a.get("kind") == "finding"
    ]
    sources = studies_info(g, nxg) if g is not None else {}
    years = {n: info["year"] for n, info in sources.items()}
    for f in findings:
        f["year"] = years.get(f["s"])
    return {
        "nodes": with_sources(
            [vis_node(n, a, degree[n], positions.get(n)) for n, a in nxg.nodes(data=True)], sources
        ),
        "findings": findings,
        "links": [link_record(u, v, a) for u, v, a in edges if a.get("kind") != "finding"],
        "styles": style_table(),
        "options": vis_options(nxg.number_of_nodes(), physics and not positions),
        "physics": physics,
        "notice": notice,
    }


def summary(nxg: nx.MultiDiGraph) -> str:
    """Return the one-line count of nodes and findings shown under the title."""
    findings = sum(1 for _, _, k in nxg.edges(data="kind") if k == "finding")
    return f"{nxg.number_of_nodes():,} nodes · {findings:,} findings"


def render_html(g: Graph, title: str = "therapy-kg", options: ViewOptions = ViewOptions()) -> str:  # noqa: B008
    """Return a self-contained HTML page drawing the graph (same graph and options, same bytes)."""
    chosen = select(to_networkx(g), options)
    nxg = chosen.graph
    counts = Counter(str(t) for _, t in nxg.nodes(data="type"))
    js, css = vis_assets()
    return Template(packaged("template.html")).substitute(
        title=esc(title),
        summary=esc(summary(nxg)),
        notice=esc(chosen.notice),
        legend=legend_html(dict(counts)),
        vis_version=VIS_VERSION,
        vis_css=css,
        vis_js=js,
        graph_data=script_json({**page_data(nxg, chosen.notice, g), "evidence": evidence_data(g, nxg)}),
        # the first view, sources, years and download (page_view.js) and the evidence view
        # (evidence.js) come first, in the same script: page.js draws the graph at its end
        page_js=(packaged("page_view.js") + packaged("evidence.js") + packaged("page.js")).replace(
            "</script", "<\\/script"
        ),
    )


def write_page(g: Graph, path: Path, title: str = "therapy-kg", options: ViewOptions = ViewOptions()) -> Path:  # noqa: B008
    """Write the graph's HTML page atomically and return its path."""
    path = Path(path)
    write_atomic(path, render_html(g, title, options))
    return path
