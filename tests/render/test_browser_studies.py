"""Test a study's panel in a real browser: the findings the study reports, on the example and on
a graph built from PubMed records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from page_driver import OpenPage
from rdflib import Graph

from kg.namespaces import RDFS, TKG
from kg.pipeline import Extractor, build
from kg.readers.dispatch import read_inputs
from kg.render.page import write_page

pytestmark = pytest.mark.browser

Opener = Callable[[Path], OpenPage]
PUBMED = Path(__file__).parent.parent / "readers" / "data" / "pubmed_records.xml"


@pytest.fixture(scope="module")
def pubmed_graph(extractor: Extractor) -> Graph:
    return build(read_inputs([str(PUBMED)]), extractor)


def reported(g: Graph) -> dict[str, int]:
    """Return each study's label with the number of findings it reports, from the graph itself."""
    counts: dict[str, int] = {}
    for s in g.objects(None, TKG.study):
        label = str(g.value(s, RDFS.label) or g.value(s, TKG.citation))
        counts[label] = counts.get(label, 0) + 1
    return counts


def study_panel(p: OpenPage, label: str) -> tuple[str, int]:
    """Open the panel of the study node called label; return its evidence heading and item count."""
    node = p.js("(label) => graphData.nodes.find(n => n.type === 'study' && n.full === label).id", label)
    p.js("(id) => showNode(id)", node)
    panel = p.page.locator("#panel")
    return panel.locator("h3").inner_text(), panel.locator("li.evidence").count()


def test_a_study_panel_lists_the_findings_it_reports(
    open_page: Opener, example_page: Path, example_graph: Graph
) -> None:
    counts = reported(example_graph)
    assert counts["Eek et al 2018"] >= 2
    heading, items = study_panel(open_page(example_page), "Eek et al 2018")
    assert heading.lower() == f"evidence ({counts['Eek et al 2018']})" and items == counts["Eek et al 2018"]


def test_a_pubmed_records_study_panel_lists_its_findings(
    open_page: Opener, pubmed_graph: Graph, tmp_path: Path
) -> None:
    page = open_page(write_page(pubmed_graph, tmp_path / "pubmed.html"))
    counts = reported(pubmed_graph)
    assert len(counts) >= 2
    for label, n in counts.items():
        heading, items = study_panel(page, label)
        assert heading.lower() == f"evidence ({n})" and items == n
        # each item names its study (the record's PMID) and design
        assert page.page.locator("#panel li.evidence .meta", has_text="study: PMID").count() == n
    assert page.errors == []
