"""Test the rendered page in a real browser: drawing, search, click-through evidence, filters, escaping."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from page_driver import OpenPage
from rdflib import Graph
from test_page import XSS, big_graph

from kg.graph.network import to_networkx
from kg.render.chromium import VIEWPORT
from kg.render.page import write_page
from kg.render.view import ViewOptions

pytestmark = pytest.mark.browser

Opener = Callable[[Path], OpenPage]

# the DOM position of the middle of a finding edge that a click there would hit (no node, no other edge)
CLICKABLE_EDGE = """() => {
  const box = document.getElementById("mynetwork").getBoundingClientRect();
  for (const id of edges.getIds()) {
    const e = edges.get(id);
    if (e.kind !== "finding") continue;
    const pos = network.getPositions([e.from, e.to]);
    const mid = {x: (pos[e.from].x + pos[e.to].x) / 2, y: (pos[e.from].y + pos[e.to].y) / 2};
    const dom = network.canvasToDOM(mid);
    if (dom.x < 5 || dom.y < 5 || dom.x > box.width - 5 || dom.y > box.height - 5) continue;
    if (network.getNodeAt(dom) !== undefined || network.getEdgeAt(dom) !== id) continue;
    return {id: id, x: box.left + dom.x, y: box.top + dom.y, sentences: e.findings.map(f => f.sentence)};
  }
  return null;
}"""


def expected_drawing(g: Graph) -> tuple[int, int]:
    """Return the nodes and edges the page should draw first: findings grouped by (therapy,
    target); nodes without any edge are hidden until asked for."""
    nxg = to_networkx(g)
    pairs = {(u, v) for u, v, kind in nxg.edges(data="kind") if kind == "finding"}
    others = sum(1 for _, _, kind in nxg.edges(data="kind") if kind != "finding")
    return sum(1 for n in nxg if nxg.degree(n) > 0), len(pairs) + others


def drawn(p: OpenPage) -> tuple[int, int]:
    """Return how many nodes and edges vis-network has drawn."""
    return p.js("network.body.nodeIndices.length"), p.js("network.body.edgeIndices.length")


@pytest.fixture
def example(open_page: Opener, example_page: Path) -> OpenPage:
    """The example page, opened and settled."""
    return open_page(example_page)


def test_example_page_draws_the_graph_offline(example: OpenPage, example_graph: Graph) -> None:
    nodes, edges = expected_drawing(example_graph)
    assert nodes > 30 and drawn(example) == (nodes, edges)
    assert example.js("network.body.data.nodes.length") == nodes
    assert example.js("graphData.nodes.length") == to_networkx(example_graph).number_of_nodes()
    assert example.errors == []
    # the page itself is the only request; the file refers to nothing else
    assert example.requests and all(url.startswith("file:") for url in example.requests), example.requests
    # physics stopped once the layout settled
    assert example.js("network.physics.options.enabled") is False


def test_repeated_findings_are_one_wider_edge(example: OpenPage) -> None:
    groups = example.js(
        "edges.get().filter(e => e.kind === 'finding').map(e => [e.count, e.width, e.findings.length,"
        " e.strength])"
    )
    assert all(count == n for count, _, n, _ in groups)
    several = [(count, width) for count, width, _, _ in groups if count > 1]
    assert several, "the example has therapy-outcome pairs with more than one finding"
    # an edge to an outcome is as wide as its evidence summary is strong (test_evidence_page.py)
    summarised = sorted((strength, width) for _, width, _, strength in groups if strength is not None)
    widths = [width for _, width in summarised]
    assert widths == sorted(widths) and widths[-1] > widths[0]
    tips = example.js(
        "edges.get().filter(e => e.count > 1).map(e => [e.title.textContent,"
        " e.findings.map(f => [f.sentence, f.citation, f.design])])"
    )
    # the tooltip lists every supporting sentence with its citation and design
    for text, findings in tips:
        for sentence, citation, design in findings:
            assert sentence in text and citation in text and design in text


def search_for(p: OpenPage, text: str) -> None:
    """Type a text in the search box and press Enter."""
    p.page.fill("#search", text)
    p.page.press("#search", "Enter")


def assert_focused(p: OpenPage, node: str, label: str) -> None:
    """Check that a node is selected, centred in the view and described in the panel."""
    assert p.js("network.getSelectedNodes()") == [node]
    assert p.page.inner_text("#panel h2") == label
    centre = p.js("network.getViewPosition()")
    position = p.js("id => network.getPositions([id])[id]", node)
    assert abs(centre["x"] - position["x"]) < 1 and abs(centre["y"] - position["y"]) < 1


def test_search_focuses_a_node(example: OpenPage, example_graph: Graph) -> None:
    nxg = to_networkx(example_graph)
    node = next(n for n, a in nxg.nodes(data=True) if a["label"] == "intrathecal baclofen")
    # edge case: case and spacing are ignored
    search_for(example, "  Intrathecal   BACLOFEN ")
    assert_focused(example, node, "intrathecal baclofen")
    search_for(example, "no such entity at all")
    assert "no shown node matches" in example.page.inner_text("#search-status")


def test_search_finds_an_alt_label(open_page: Opener, sample_graph: Graph, tmp_path: Path) -> None:
    p = open_page(write_page(sample_graph, tmp_path / "sample.html"))
    nxg = to_networkx(sample_graph)
    node = next(n for n, a in nxg.nodes(data=True) if "ITB" in str(a["alt_labels"]).split("|"))
    search_for(p, "itb")
    assert_focused(p, node, "intrathecal baclofen")
    assert "also: ITB" in p.page.inner_text("#panel")


def test_clicking_an_edge_shows_its_evidence(example: OpenPage) -> None:
    target = example.js(CLICKABLE_EDGE)
    assert target is not None, "no finding edge can be clicked without hitting something else"
    assert example.js("document.getElementById('panel').hidden") is True
    example.page.mouse.click(target["x"], target["y"])
    panel = example.page.locator("#panel")
    assert panel.is_visible() and panel.get_attribute("data-edge") == target["id"]
    quotes = panel.locator("blockquote").all_inner_texts()
    assert [q.strip() for q in quotes] == [s.strip() for s in target["sentences"]]
    # the therapy's words are marked in the sentence
    assert panel.locator("blockquote mark.m-therapy").count() >= 1


def test_clicking_a_node_shows_identifiers_and_evidence(example: OpenPage) -> None:
    search_for(example, "dystonia")
    panel = example.page.locator("#panel")
    links = panel.locator(".ids a")
    assert links.count() >= 1
    href = links.first.get_attribute("href") or ""
    assert href.startswith(
        "https://meshb.nlm.nih.gov/record/ui?ui=D"
    ) and links.first.inner_text().startswith("MeSH D")
    assert panel.locator("li.evidence").count() >= 1


def test_filters_hide_what_they_should(example: OpenPage) -> None:
    page = example.page
    before_nodes, before_edges = drawn(example)
    decreasing = example.js("edges.get().filter(e => e.direction === 'decrease').length")
    assert decreasing > 0
    page.uncheck("input[data-filter=directions][value=decrease]")
    assert example.js("edges.get().every(e => !e.findings || e.findings.every(f => f.dir !== 'decrease'))")
    assert drawn(example)[1] <= before_edges - decreasing
    page.check("input[data-filter=directions][value=decrease]")
    assert drawn(example) == (before_nodes, before_edges)

    studies = example.js("nodes.get().filter(n => n.type === 'study').length")
    page.uncheck("input[data-filter=types][value=study]")
    assert drawn(example)[0] == before_nodes - studies
    assert example.js("network.body.nodeIndices.every(id => nodes.get(id).type !== 'study')")
    page.check("input[data-filter=types][value=study]")

    flagged = example.js(
        "edges.get().filter(e => e.findings && e.findings.some(f => f.neg || f.hedge)).length"
    )
    assert flagged > 0
    page.check("#hide-flagged")
    assert example.js("edges.get().every(e => !e.findings || e.findings.every(f => !f.neg && !f.hedge))")
    page.uncheck("#hide-flagged")

    page.uncheck("input[data-filter=designs][value='retrospective study']")
    assert example.js(
        "edges.get().every(e => !e.findings || e.findings.every(f => f.design !== 'retrospective study'))"
    )
    assert example.errors == []


def test_markup_in_the_input_shows_as_text(open_page: Opener, sample_graph: Graph, tmp_path: Path) -> None:
    p = open_page(write_page(sample_graph, tmp_path / "xss.html", title=XSS))
    search_for(p, "mortality")
    panel = p.page.locator("#panel")
    assert XSS in panel.locator("h2").inner_text()
    assert XSS in panel.locator("blockquote").first.inner_text()
    # the negation cue is marked in the evidence sentence
    assert panel.locator("blockquote mark.m-negation").inner_text() == "did not"
    p.page.hover("#mynetwork")
    assert p.js("document.images.length") == 0 and p.js("document.querySelectorAll('[onerror]').length") == 0
    assert p.dialogs == [] and p.errors == []
    assert p.page.title() == XSS


def test_large_graph_keeps_the_most_connected_and_says_so(open_page: Opener, tmp_path: Path) -> None:
    g = big_graph(1500)
    p = open_page(write_page(g, tmp_path / "big.html", options=ViewOptions(max_nodes=600)))
    assert drawn(p)[0] == 600
    notice = p.page.inner_text("#notice")
    assert "600 most connected" in notice and "1,597" in notice
    # laid out in Python: nothing left to settle in the browser
    assert p.js("network.physics.options.enabled") is False and p.errors == []


def test_screenshot_of_the_example(example: OpenPage, tmp_path: Path) -> None:
    shot = tmp_path / "example.png"
    example.page.screenshot(path=str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (VIEWPORT["width"], VIEWPORT["height"])
    # a drawn graph is far from a blank page: the canvas has many distinct colours
    colours = example.js(
        """() => { const c = document.querySelector('#mynetwork canvas');
                   const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   const seen = new Set();
                   for (let i = 0; i < d.length; i += 4 * 97) seen.add(d[i] << 16 | d[i+1] << 8 | d[i+2]);
                   return seen.size; }"""
    )
    assert colours > 20
