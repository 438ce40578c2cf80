"""Test the self-contained HTML page: no external references, escaping, legend, determinism."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal

from kg.errors import KgError
from kg.namespaces import ID, PROV, RDF, RDFS, TKG
from kg.render.page import LAYOUT_THRESHOLD, render_html, script_json, write_page

XSS = "<img src=x onerror=alert(1)>"
URL_ATTRS = {"src", "href", "action", "formaction", "data", "poster", "srcset", "background", "xlink:href"}


class TagCollector(HTMLParser):
    """Collect every start tag with its attributes, and the text of <script> and <style> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._open = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.raw[self._open][-1] += data


def parse(page: str) -> TagCollector:
    """Parse a page and return its collected tags."""
    collector = TagCollector()
    collector.feed(page)
    collector.close()
    return collector


def graph_data(page: str) -> dict[str, Any]:
    """Return the JSON object the page hands to vis-network."""
    match = re.search(r"var graphData = (.*);\n", page)
    assert match, "graphData not found"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def big_graph(n: int) -> Graph:
    """Return a contract-shaped graph with n therapies, each with one finding on a shared outcome pool."""
    g = Graph()
    for i in range(n):
        t, o, f, s = ID[f"therapy/t{i}"], ID[f"outcome/o{i % 97}"], ID[f"finding/f{i}"], ID[f"statement/s{i}"]
        g.add((t, RDF.type, TKG.Therapy))
        g.add((t, RDFS.label, Literal(f"therapy {i}")))
        g.add((o, RDF.type, TKG.Outcome))
        g.add((o, RDFS.label, Literal(f"outcome {i % 97}")))
        g.add((f, RDF.type, TKG.Finding))
        g.add((f, TKG.therapy, t))
        g.add((f, TKG.outcome, o))
        g.add((f, TKG.direction, TKG.Decrease))
        g.add((f, PROV.wasDerivedFrom, s))
        g.add((s, TKG.text, Literal(f"Therapy {i} reduces outcome {i % 97}.")))
    return g


@pytest.fixture
def page(sample_graph: Graph) -> str:
    """The sample graph's page."""
    return render_html(sample_graph, title="Sample")


def test_no_external_references(page: str) -> None:
    doc = parse(page)
    for tag, attrs in doc.tags:
        # edge case: any attribute that can load or link something must be absent (no src= at all)
        assert not URL_ATTRS & set(attrs), (tag, attrs)
        assert tag not in ("link", "img", "iframe", "object", "embed", "base"), tag
    for css in doc.raw["style"]:
        assert "@import" not in css
        # edge case: vis-network's CSS carries its icons as data: URIs; anything else would be fetched
        for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", css):
            assert url.startswith("data:"), url
    assert not re.search(r"<(script|link|img)[^>]*(src|href)\s*=\s*['\"]?(https?:)?//", page, re.I)


def test_vis_network_is_inlined(page: str) -> None:
    doc = parse(page)
    library = doc.raw["script"][0]
    assert "@version 9.1.2" in library and len(library) > 400_000
    assert "new vis.Network(" in doc.raw["script"][-1]
    # pyvis's globals: network, nodes and edges are declared at top level of a classic script
    for name in ("network", "nodes", "edges"):
        assert re.search(rf"^\s*var {name};", doc.raw["script"][-1], re.M)
    assert "Content-Security-Policy" in page


def test_markup_in_labels_is_escaped(page: str) -> None:
    assert XSS not in page
    assert "<img" not in page
    data = graph_data(page)
    node = next(n for n in data["nodes"] if n["label"].startswith("mortality"))
    # the tooltip is HTML (made into an element in the page): the label inside it is escaped
    assert "mortality &lt;img src=x onerror=alert(1)&gt;" in node["title"]
    assert "<img" not in node["title"]
    # the canvas label is drawn as text by vis-network, and the JSON itself escapes '<'
    assert node["label"] == "mortality " + XSS
    edge = next(e for e in data["edges"] if "did not" in e["title"])
    assert "&lt;img src=x onerror=alert(1)&gt;" in edge["title"] and "<img" not in edge["title"]


def test_script_breakout_in_text_is_neutralised(sample_graph: Graph) -> None:
    g = Graph()
    t = ID["therapy/evil"]
    g.add((t, RDF.type, TKG.Therapy))
    # edge case: a label that tries to close the script element and open a new one
    g.add((t, RDFS.label, Literal("</script><script>alert(1)</script>\u2028")))
    page = render_html(g, title="</title><script>alert(2)</script>")
    assert "alert(1)</script>" not in page and "<script>alert(2)" not in page
    doc = parse(page)
    assert [tag for tag, _ in doc.tags].count("script") == 2
    assert "\u2028" not in page
    assert graph_data(page)["nodes"][0]["label"].startswith("</script>")
    assert "&lt;/title&gt;" in page


def test_script_json_escapes() -> None:
    assert script_json({"a": "<&>"}) == '{"a":"\\u003c\\u0026\\u003e"}'
    assert json.loads(script_json(["</script>"])) == ["</script>"]


def test_legend_lists_types_and_directions(page: str) -> None:
    legend = page[page.index('<aside id="legend"') : page.index("</aside>")]
    for word in (
        "therapy (1)",
        "condition (1)",
        "outcome (3)",
        "study (2)",
        "increases",
        "decreases",
        "no change",
        "unspecified",
        "negated or hedged",
        "treats",
        "reported in",
    ):
        assert word in legend, word


def test_styles_by_type_and_direction(page: str) -> None:
    data = graph_data(page)
    shapes = {n["type"]: n["shape"] for n in data["nodes"]}
    assert len(set(shapes.values())) == 4
    findings = [e for e in data["edges"] if e["kind"] == "finding"]
    assert len({e["color"]["color"] for e in findings}) == 3  # increase, decrease, no change
    negated = [e for e in findings if e["dashes"]]
    assert len(negated) == 1 and negated[0]["label"] == "¬="
    assert all(e["arrows"] == "to" for e in data["edges"])
    assert data["options"]["edges"]["smooth"] is False


def test_small_graph_uses_short_physics(page: str) -> None:
    data = graph_data(page)
    assert data["physics"] is True
    assert data["options"]["physics"]["stabilization"]["iterations"] == 200
    assert 'network.once("stabilizationIterationsDone"' in page
    assert all("x" not in n for n in data["nodes"])


def test_large_graph_is_laid_out_in_python() -> None:
    g = big_graph(LAYOUT_THRESHOLD + 10)
    page = render_html(g)
    data = graph_data(page)
    assert len(data["nodes"]) > LAYOUT_THRESHOLD
    assert data["physics"] is False and data["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) > 0.95 * len(data["nodes"])
    # edge case: the layout is seeded, so large pages are deterministic too
    assert render_html(g) == page


def test_output_is_deterministic(sample_graph: Graph, page: str) -> None:
    assert render_html(sample_graph, title="Sample") == page


def test_empty_graph_renders() -> None:
    # edge case: nothing to draw still gives a valid page with a legend
    page = render_html(Graph())
    assert graph_data(page)["nodes"] == [] and 'id="legend"' in page


def test_write_page(sample_graph: Graph, tmp_path: Path) -> None:
    path = write_page(sample_graph, tmp_path / "graph.html", title="Sample")
    assert path == tmp_path / "graph.html"
    assert path.read_text(encoding="utf-8") == render_html(sample_graph, title="Sample")
    # edge case: the target is a directory; one KgError and no temporary file left behind
    (tmp_path / "dir.html").mkdir()
    with pytest.raises(KgError):
        write_page(sample_graph, tmp_path / "dir.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir.html", "graph.html"]


NODE_STUB = """
const fs = require("fs");
const html = fs.readFileSync(process.argv[1], "utf8");
const scripts = [...html.matchAll(/<script>([\\s\\S]*?)<\\/script>/g)].map(m => m[1]);
new Function(scripts[0]);  // the inlined library must at least parse
const handlers = {};
global.document = { getElementById: id => ({ id, textContent: "" }), createElement: t => ({ tag: t }) };
global.vis = {
  DataSet: function (items) { this.items = items; },
  Network: function (c, d, o) {
    this.options = o;
    this.on = (e, f) => { handlers[e] = f; };
    this.once = (e, f) => { handlers[e] = f; };
    this.setOptions = o2 => { this.after = o2; };
  },
};
eval(scripts[scripts.length - 1] + ";global.net = network; global.ns = nodes;");
handlers.stabilizationIterationsDone();
console.log(JSON.stringify({after: global.net.after, nodes: global.ns.items.length,
                            tip: global.ns.items[2].title.innerHTML}));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_page_script_runs_in_node(page: str, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    out = subprocess.run(
        ["node", "-e", NODE_STUB, str(path)], capture_output=True, text=True, timeout=60, check=True
    )
    result = json.loads(out.stdout)
    # physics is switched off once stabilisation is done; tooltips become elements
    assert (
        result == {"after": {"physics": False}, "nodes": 7, "tip": result["tip"]}
        and "&lt;img" in result["tip"]
    )
