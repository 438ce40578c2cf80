"""The weight of evidence in the page, in a real browser: edges coloured by their summary's consensus
and as wide as its strength, the summary first in the side panel with the sentences on each side, the
filter for contradicted claims, and the sortable evidence table."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from page_driver import OpenPage

from kg.cli import main
from kg.graph.io import load_graph
from kg.render.page import render_html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "evidence"))
from synthesis_corpus import write_corpus

pytestmark = pytest.mark.browser

Opener = Callable[[Path], OpenPage]
PAIR = "f:https://w3id.org/therapy-kg/id/therapy/natalizumab https://w3id.org/therapy-kg/id/outcome/quality-of-life"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("evidence-page")
    out = root / "g.ttl"
    assert main(["build", str(write_corpus(root / "docs")), "-o", str(out), "-q"]) == 0
    return out


@pytest.fixture
def page(open_page: Opener, graph_file: Path, tmp_path: Path) -> OpenPage:
    html = tmp_path / "g.html"
    html.write_text(render_html(load_graph(graph_file)), encoding="utf-8")
    return open_page(html)


def test_edges_follow_their_summary(page: OpenPage) -> None:
    fields = "[e.consensus, e.strength, e.contradicted, e.width, e.color.color]"
    consensus, strength, contradicted, width, colour = page.js(f"(e => {fields})(edges.get({PAIR!r}))")
    assert (consensus, contradicted) == ("increase", True) and 0 < strength <= 1
    assert colour == page.js("graphData.styles.directions.increase.color")
    weak = page.js("edges.get().filter(e => e.kind === 'finding' && e.strength < 0.5).map(e => e.width)")
    assert weak and all(w < width for w in weak)  # the stronger claim is the wider edge
    assert page.errors == []


def test_panel_shows_the_summary_then_each_side(page: OpenPage) -> None:
    page.js(f"showEdge({PAIR!r})")
    panel = page.page.locator("#panel")
    assert panel.locator(".ev-summary").count() == 1
    box = panel.locator(".ev-summary").inner_text()
    assert "consensus" in box and "4 findings from 4 studies" in box and "contradicted" in box
    assert "meta-analysis 1; randomized controlled trial 2; case series 1" in box
    assert page.js("document.querySelectorAll('#panel .ev-bar span').length") == 2
    # the summary comes before the sentences, which are grouped by direction
    order = "[...document.querySelectorAll('#panel .ev-summary, #panel li.evidence')].map(x => x.className)"
    assert page.js(order)[0] == "ev-summary"
    lists = "[...document.querySelectorAll('#panel ol[data-direction]')]"
    sides = page.js(f"{lists}.map(o => [o.dataset.direction, o.querySelectorAll('li.evidence').length])")
    assert sides == [["increase", 3], ["decrease", 1]]
    assert "Brown et al 2018" in panel.locator("ol[data-direction=decrease]").inner_text()


def test_contradiction_filter(page: OpenPage) -> None:
    before = page.js("edges.get().filter(e => e.kind === 'finding').length")
    page.page.check("#only-contradicted")
    shown = page.js("edges.get().filter(e => e.kind === 'finding').map(e => e.id)")
    assert shown == [PAIR] and before > 1
    assert page.js("document.querySelectorAll('#evidence-view tbody tr').length") == 2  # overall, in MS
    page.page.uncheck("#only-contradicted")
    assert page.js("edges.get().filter(e => e.kind === 'finding').length") == before


def test_evidence_table_sorts_and_opens_a_summary(page: OpenPage) -> None:
    assert page.page.locator("#evidence-view").is_hidden()
    page.page.click("#evidence-table-toggle")
    assert page.page.locator("#evidence-view").is_visible()
    column = "[...document.querySelectorAll('#evidence-view tbody td[data-key=KEY]')].map(t => t.textContent)"
    cells = f"{column.replace('KEY', 'strength')}.map(parseFloat)"
    strengths = page.js(cells)
    assert len(strengths) == 4 and strengths == sorted(strengths, reverse=True)
    page.page.click("#evidence-view th[data-key=strength]")
    assert page.js(cells) == sorted(strengths)
    page.page.click("#evidence-view th[data-key=therapy]")
    therapies = page.js(
        "[...document.querySelectorAll('#evidence-view tbody td[data-key=therapy]')].map(t => t.textContent)"
    )
    assert therapies == sorted(therapies)
    page.page.locator("#evidence-view tbody tr", has_text="natalizumab").first.click()
    assert page.page.locator("#panel .ev-summary").is_visible()
    assert page.errors == []
