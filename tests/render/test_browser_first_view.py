"""Test the page's first view in a real browser, on the example and on a graph built from PubMed
records: readable labels at the default zoom, no two labels overlapping, the connected part in the
window, nodes without findings hidden behind a toggle that says how many; links back to the
sources, search by PMID, a year range with its histogram, and the CSV download of what is shown."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

import pytest
from page_driver import OpenPage
from rdflib import Graph

from kg.pipeline import Extractor, build
from kg.readers.dispatch import read_inputs
from kg.render.page import write_page

pytestmark = pytest.mark.browser

Opener = Callable[[Path], OpenPage]
PUBMED = Path(__file__).parent.parent / "readers" / "data" / "pubmed_records.xml"

# every drawn node's box on the screen (its label included) and the label's font size on screen
BOXES = """() => {
  const scale = network.getScale();
  const box = document.getElementById("mynetwork").getBoundingClientRect();
  return shownNodes.getIds().map(id => {
    const b = network.getBoundingBox(id);
    const tl = network.canvasToDOM({x: b.left, y: b.top});
    const br = network.canvasToDOM({x: b.right, y: b.bottom});
    const font = network.body.nodes[id].labelModule.fontOptions.size * scale;
    return {id, left: tl.x, top: tl.y, right: br.x, bottom: br.y, font, width: box.width, height: box.height};
  });
}"""


@pytest.fixture(scope="module")
def pubmed_graph(extractor: Extractor) -> Graph:
    return build(read_inputs([str(PUBMED)]), extractor)


@pytest.fixture(params=["example", "pubmed"])
def opened(request: pytest.FixtureRequest, open_page: Opener, example_page: Path, tmp_path: Path) -> OpenPage:
    if request.param == "example":
        return open_page(example_page)
    graph = request.getfixturevalue("pubmed_graph")
    return open_page(write_page(graph, tmp_path / "pubmed.html", title="therapy-kg: records.xml"))


def _overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """Return the area two screen boxes share."""
    w = min(a["right"], b["right"]) - max(a["left"], b["left"])
    h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(w, 0) * max(h, 0)


def test_first_view_reads_without_touching_it(opened: OpenPage) -> None:
    boxes = opened.js(BOXES)
    assert len(boxes) >= 5
    # labels at least 11 px high at the default zoom
    assert min(b["font"] for b in boxes) >= 11
    # no two nodes (their labels included) overlap
    pairs = [(a["id"], b["id"]) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if _overlap(a, b) > 1]
    assert pairs == []
    # the connected part is in the window
    assert all(b["left"] >= -1 and b["top"] >= -1 for b in boxes)
    assert all(b["right"] <= b["width"] + 1 and b["bottom"] <= b["height"] + 1 for b in boxes)
    assert opened.errors == []


def test_nodes_without_findings_hide_behind_a_toggle(opened: OpenPage) -> None:
    lone = opened.js("graphData.nodes.filter(n => n.lone).length")
    total = opened.js("graphData.nodes.length")
    assert opened.js("shownNodes.length") == total - lone
    label = opened.page.locator("#show-lone + span").inner_text()
    assert label == f"show {lone} node{'' if lone == 1 else 's'} without findings"
    if lone:
        opened.page.locator("#show-lone").check()
        assert opened.js("shownNodes.length") == total


def test_the_example_hides_its_entities_without_findings(open_page: Opener, example_page: Path) -> None:
    p = open_page(example_page)
    assert p.js("graphData.nodes.filter(n => n.lone).length") > 0


def test_title_names_the_graph(open_page: Opener, pubmed_graph: Graph, tmp_path: Path) -> None:
    p = open_page(write_page(pubmed_graph, tmp_path / "g.html", title="therapy-kg: records.xml"))
    assert p.page.locator("h1").inner_text() == "therapy-kg: records.xml"


def test_a_study_links_back_to_pubmed_and_doi(open_page: Opener, pubmed_graph: Graph, tmp_path: Path) -> None:
    p = open_page(write_page(pubmed_graph, tmp_path / "g.html"))
    # search by PMID finds the record's study; its panel links to PubMed and doi.org, with its year
    p.page.fill("#search", "90000001")
    p.page.press("#search", "Enter")
    panel = p.page.locator("#panel")
    links = {a.inner_text(): a.get_attribute("href") for a in panel.locator(".sources a").all()}
    assert links["PMID 90000001"] == "https://pubmed.ncbi.nlm.nih.gov/90000001/"
    assert links["DOI 10.5555/jsr.2019.0045"] == "https://doi.org/10.5555/jsr.2019.0045"
    assert panel.locator(".year").inner_text() == "year: 2019"
    assert all(a.get_attribute("target") == "_blank" for a in panel.locator(".sources a").all())
    # the page itself made no request beyond its own file
    assert all(url.startswith(("file:", "data:")) for url in p.requests), p.requests


def test_identifiers_link_to_their_pages(open_page: Opener, example_page: Path) -> None:
    p = open_page(example_page)
    p.page.fill("#search", "dystonia")
    p.page.press("#search", "Enter")
    href = p.page.locator("#panel .ids a").first.get_attribute("href") or ""
    assert href.startswith("https://meshb.nlm.nih.gov/record/ui?ui=D")


def test_every_study_with_a_year_shows_it(opened: OpenPage) -> None:
    studies = opened.js("graphData.nodes.filter(n => n.type === 'study').map(n => [n.full, n.year])")
    assert studies
    for label, year in studies:
        if any(str(y) in label for y in range(1900, 2100)):
            assert year is not None and str(year) in label


def test_year_range_hides_findings_outside_it(open_page: Opener, pubmed_graph: Graph, tmp_path: Path) -> None:
    p = open_page(write_page(pubmed_graph, tmp_path / "g.html"))
    years = p.js("graphData.findings.map(f => f.year).filter(y => y)")
    assert len(set(years)) >= 2
    bars = p.page.locator("#year-histogram .bar:not(.empty)")
    assert bars.count() == len(set(years))
    last = max(years)
    p.page.fill("#year-from", str(last))
    p.page.dispatch_event("#year-from", "change")
    shown = p.js("visibleFindings().map(f => f.year)")
    assert shown and all(y is None or y >= last for y in shown)
    assert len(shown) == sum(1 for y in p.js("graphData.findings.map(f => f.year)") if y is None or y >= last)


def test_csv_download_holds_the_findings_shown(opened: OpenPage) -> None:
    page = opened.page
    page.locator('input[data-filter="directions"][value="increase"]').uncheck()
    expected = opened.js("visibleFindings().length")
    assert expected < opened.js("graphData.findings.length")
    with page.expect_download() as info:
        page.click("#download-csv")
    path = info.value.path()
    text = Path(path).read_text(encoding="utf-8") if path else unquote(info.value.url.split(",", 1)[1])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == expected and rows
    assert all(r["direction"] != "increase" for r in rows)
    assert {"therapy", "target", "citation", "design", "year", "sentence"} <= set(rows[0])
