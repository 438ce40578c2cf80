"""A document's findings tied to its own study; citations that are citations; study labels."""

from __future__ import annotations

import csv
from pathlib import Path

from rdflib import Graph

from kg.api import build_graph, query
from kg.export import export_graph
from kg.graph.network import to_networkx
from kg.graph.query import QueryResult
from kg.namespaces import RDFS, TKG

ABSTRACTS = Path(__file__).parent.parent / "data" / "abstracts"
PUBMED = Path(__file__).parent.parent / "readers" / "data" / "pubmed_records.xml"


def _rows(result: QueryResult) -> list[dict[str, str | None]]:
    return [dict(zip(result.vars, row, strict=True)) for row in result.rows]


def _abstracts() -> Graph:
    return build_graph([ABSTRACTS])


def test_every_finding_of_an_abstract_is_reported_in_its_own_study() -> None:
    g = _abstracts()
    findings = set(g.subjects(TKG.therapy, None))
    assert len(findings) >= 4
    assert all(g.value(f, TKG.study) is not None for f in findings)
    # one study per abstract, called after its document, reported by it, with its design and size
    studies = {g.value(f, TKG.study) for f in findings}
    assert {str(g.value(s, RDFS.label)) for s in studies} == {"metformin_rct", "botulinum_cohort"}
    sizes = {int(g.value(s, TKG.sampleSize)) for s in studies}
    assert sizes == {412, 60}
    assert all(g.value(None, TKG.reports, s) is not None for s in studies)


def test_findings_by_design_finds_the_abstracts_trial() -> None:
    rows = _rows(query(_abstracts(), name="findings-by-design", design="randomized controlled trial"))
    assert {str(r["therapy"]) for r in rows} == {"metformin"}
    assert len(rows) >= 2 and all(str(r["citation"]) == "metformin_rct" for r in rows)


def test_numbers_in_brackets_make_no_studies() -> None:
    # "(1993-1997)" and "(1) pain, (2) muscle tone" are a span of years and a list, not references
    g = _abstracts()
    assert not list(g.subjects(TKG.citation, None))
    assert len(set(g.subjects(None, TKG.Study))) == 2


def test_pubmed_findings_keep_their_citation_in_every_query_and_export() -> None:
    g = build_graph([PUBMED])
    rows = _rows(query(g, name="evidence-for-therapy", therapy="intrathecal baclofen"))
    assert rows and all(str(r["citation"]) == "PMID 90000001" for r in rows)
    assert all(str(r["design"]) == "randomized controlled trial" for r in rows)
    rows = _rows(query(g, name="therapies-for-condition", condition="multiple sclerosis"))
    assert rows and all(str(r["citation"]).startswith("PMID ") for r in rows)
    edges = [a for _, _, a in to_networkx(g).edges(data=True) if a["kind"] == "finding"]
    assert edges and all(a["citation"].startswith("PMID ") for a in edges)


def test_pubmed_edges_of_a_csv_export_carry_the_citation(tmp_path: Path) -> None:
    export_graph(build_graph([PUBMED]), tmp_path / "g.csv")
    with (tmp_path / "g.edges.csv").open(encoding="utf-8", newline="") as fh:
        findings = [r for r in csv.DictReader(fh) if r["kind"] == "finding"]
    assert findings and all(r["citation"].startswith("PMID ") for r in findings)
    assert {r["design"] for r in findings} >= {"randomized controlled trial", "meta-analysis"}
