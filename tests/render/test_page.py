"""Test the self-contained HTML page: no external references, escaping, legend, determinism."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal

from kg.errors import KgError
from kg.namespaces import ID, PROV, RDF, RDFS, TKG
from kg.render.first_view import MAX_LAID_OUT
from kg.render.page import LAYOUT_THRESHOLD, render_html, script_json, write_page
from kg.render.view import ViewOptions

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
    # labels travel as JSON (with '<' escaped) and reach the page as text nodes, never as HTML
    assert node["label"] == node["full"] == "mortality " + XSS
    finding = next(f for f in data["findings"] if f["neg"])
    assert XSS in finding["sentence"] and finding["ncue"] == "did not"
    # the page script builds every element with textContent; it never assigns HTML
    assert "innerHTML" not in page.split("var graphData", 1)[1]


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
    legend = page[page.index('<section id="legend"') : page.index("</section>")]
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
    colours = {d: style["color"] for d, style in data["styles"]["directions"].items()}
    assert set(colours) == {"increase", "decrease", "no_change", "unspecified", "mixed"}
    assert len(set(colours.values())) == 5
    assert {f["dir"] for f in data["findings"]} == {"increase", "decrease", "no_change"}
    assert data["styles"]["flaggedDashes"] and data["options"]["edges"]["smooth"] is False
    kinds = {link["kind"] for link in data["links"]}
    assert kinds == {"treats", "reported_in"}


def test_findings_carry_marked_evidence(page: str) -> None:
    data = graph_data(page)
    finding = next(f for f in data["findings"] if f["neg"])
    marked = {kind: finding["sentence"][s:e] for s, e, kind in finding["marks"]}
    # the therapy is named by its abbreviation in this sentence; the cue is marked too
    assert marked == {
        "therapy": "ITB",
        "outcome": "mortality <img src=x onerror=alert(1)>",
        "negation": "did not",
    }
    study = next(n for n in data["nodes"] if n["type"] == "study" and n["design"])
    assert study["citation"] == "Eek et al 2018" and study["design"] == "retrospective study"
    therapy = next(n for n in data["nodes"] if n["type"] == "therapy")
    assert therapy["alt"] == ["ITB"]
    assert therapy["ids"] == [
        {
            "iri": "http://id.nlm.nih.gov/mesh/D001418",
            "text": "MeSH D001418",
            "url": "https://meshb.nlm.nih.gov/record/ui?ui=D001418",  # MeSH's page for people
        }
    ]


def test_focus_draws_one_neighbourhood(sample_graph: Graph) -> None:
    whole = graph_data(render_html(sample_graph))
    near = graph_data(render_html(sample_graph, options=ViewOptions("dystonia", 1)))
    labels = {n["full"] for n in near["nodes"]}
    assert labels == {"dystonia", "intrathecal baclofen"} and len(whole["nodes"]) > len(labels)
    assert "Neighbourhood of “dystonia” within 1 hop" in near["notice"]
    two = graph_data(render_html(sample_graph, options=ViewOptions("DYSTONIA", 2)))
    assert {n["full"] for n in two["nodes"]} == {n["full"] for n in whole["nodes"]}
    with pytest.raises(KgError, match="no node is labelled 'nothing'"):
        render_html(sample_graph, options=ViewOptions("nothing"))


def test_small_graph_is_laid_out_for_its_first_view(page: str) -> None:
    # positions computed here, no physics to wait for; the page fits them once labels are measured
    data = graph_data(page)
    assert data["physics"] is True and data["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])
    assert 'network.once("afterDrawing"' in page


def test_middle_sized_graph_keeps_its_short_physics() -> None:
    data = graph_data(render_html(big_graph(MAX_LAID_OUT + 10)))
    assert data["options"]["physics"]["stabilization"]["iterations"] == 200
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
