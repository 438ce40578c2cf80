"""Evidence synthesis end to end on a small corpus: two randomized trials and a meta-analysis agree,
a case series disagrees, one document names the entities by other surface forms, and another
defines "MS" as mitral stenosis. One node per entity; the same summaries, consensus, strength and
contradiction from a file build, a store (also after kg remove) and a SPARQL server."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest
from rdflib import Graph
from servers import OxigraphServer
from synthesis_corpus import build_corpus, write_corpus

from kg.cli import main
from kg.evidence.weights import read_weights
from kg.graph.io import load_graph
from kg.namespaces import PROV, RDFS, SKOS, TKG, entity_iri
from kg.resources import ontology_file

NATALIZUMAB = entity_iri("therapy", "natalizumab")
QOL = entity_iri("outcome", "quality of life")
SCLEROSIS = entity_iri("condition", "multiple sclerosis")
STENOSIS = entity_iri("condition", "mitral valve stenosis")  # MeSH D008946's preferred label
COLUMNS = ("therapy", "outcome", "condition", "direction", "strength", "findings", "studies")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The corpus as a graph file and as a store; and without the case series, as a file."""
    root = tmp_path_factory.mktemp("synthesis")
    fewer = write_corpus(root / "fewer", skip=("case_series.txt",))
    assert main(["build", str(fewer), "-o", str(root / "fewer.ttl"), "-q"]) == 0
    return {**build_corpus(root), "fewer": root / "fewer.ttl"}


def query(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, str]]:
    """Run kg query and return its CSV rows."""
    capsys.readouterr()
    assert main(["query", *args, "--format", "csv"]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def summaries(capsys: pytest.CaptureFixture[str], *target: str) -> set[tuple[str, ...]]:
    """The evidence-summary rows of a graph, store or server, in the named columns (strength as a
    number: 0.150 and 0.15 are one value)."""
    rows = query(capsys, *target, "--name", "evidence-summary")
    return {
        tuple(str(float(r[c])) if c == "strength" else r[c] for c in (*COLUMNS, "contradicted")) for r in rows
    }


def sides(capsys: pytest.CaptureFixture[str], *target: str) -> dict[str, set[str]]:
    """The citations of the contradictions query, by the direction of their findings."""
    out: dict[str, set[str]] = {}
    for r in query(capsys, *target, "--name", "contradictions"):
        assert (r["therapy"], r["outcome"]) == ("natalizumab", "quality of life")
        out.setdefault(r["direction"], set()).add(r["citation"])
    return out


def test_one_node_per_entity_whatever_its_surface_form(built: dict[str, Path]) -> None:
    g = load_graph(built["file"])
    findings = set(g.subjects(TKG.therapy, NATALIZUMAB))
    assert len(findings) == 4
    assert {g.value(f, TKG.outcome) for f in findings} == {QOL}
    assert {g.value(f, TKG.condition) for f in findings} == {SCLEROSIS}
    assert {str(x) for x in g.objects(QOL, RDFS.label)} == {"quality of life"}
    assert {"QoL", "health-related quality of life"} <= {str(x) for x in g.objects(QOL, SKOS.altLabel)}
    assert "MS" in {str(x) for x in g.objects(SCLEROSIS, SKOS.altLabel)}
    # "MS" defined as mitral stenosis in another document names mitral stenosis there, not sclerosis
    (valvuloplasty,) = set(g.subjects(TKG.therapy, entity_iri("therapy", "balloon valvuloplasty")))
    assert g.value(valvuloplasty, TKG.condition) == STENOSIS
    mitral_doc = {st for st in g.subjects(TKG.inDocument, None) if "MS" in str(g.value(st, TKG.text))}
    assert not any(
        (st, TKG.mentions, SCLEROSIS) in g for st in mitral_doc if "Mitral" in str(g.value(st, TKG.text))
    )


def test_node_iris_are_the_same_in_a_build_of_one_document(built: dict[str, Path], tmp_path: Path) -> None:
    # rct_b alone names "QoL" and "MS" only: the same nodes as in the whole corpus
    alone = tmp_path / "b.ttl"
    assert main(["build", str(built["docs"] / "rct_b.txt"), "-o", str(alone), "-q"]) == 0
    g = load_graph(alone)
    (finding,) = set(g.subjects(TKG.therapy, NATALIZUMAB))
    assert (g.value(finding, TKG.outcome), g.value(finding, TKG.condition)) == (QOL, SCLEROSIS)


def expected_strength() -> float:
    """The strength the shipped weights give: trials and the meta-analysis against the case series."""
    w = read_weights()
    agree = [
        w.finding("randomized controlled trial", 240, False),
        w.finding("randomized controlled trial", 180, False),
        w.finding("meta-analysis", 2400, False),
    ]
    against = w.finding("case series", 24, False)
    assert against >= w.contradiction_support  # the case series carries real weight
    support = 1 - math.prod(1 - x for x in agree)
    return round(support * sum(agree) / (sum(agree) + against), 3)


def test_consensus_strength_and_contradiction_as_the_weights_say(
    built: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    rows = query(capsys, str(built["file"]), "--name", "evidence-summary", "--bind", "therapy=Natalizumab")
    assert [(r["condition"], r["direction"]) for r in rows] == [
        ("", "Increase"),
        ("multiple sclerosis", "Increase"),
    ]
    for r in rows:
        assert float(r["strength"]) == expected_strength()
        assert (r["findings"], r["studies"], r["increase"], r["decrease"]) == ("4", "4", "3", "1")
        assert r["contradicted"] == "true"
        assert r["designs"] == "meta-analysis 1; randomized controlled trial 2; case series 1"
    # a condition narrows to the summaries in it; its abbreviation finds it too
    narrowed = query(capsys, str(built["file"]), "--name", "evidence-summary", "--bind", "condition=MS")
    assert {(r["therapy"], r["condition"]) for r in narrowed} == {
        ("natalizumab", "multiple sclerosis"),
        ("balloon valvuloplasty", "mitral valve stenosis"),
    }


def test_summary_is_linked_to_its_findings(built: dict[str, Path]) -> None:
    g: Graph = load_graph(built["file"])
    (summary,) = [
        s for s in g.subjects(TKG.aboutTherapy, NATALIZUMAB) if (s, TKG.aboutCondition, None) not in g
    ]
    assert set(g.objects(summary, PROV.wasDerivedFrom)) == set(g.subjects(TKG.therapy, NATALIZUMAB))
    assert main(["validate", str(built["file"])]) == 0


def test_contradiction_listed_with_both_sides(
    built: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert sides(capsys, str(built["file"])) == {
        "Increase": {"Smith et al 2019", "Okafor et al 2020", "Lindqvist et al 2021"},
        "Decrease": {"Brown et al 2018"},
    }


def test_weights_file_overrides(
    built: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a reader who trusts case series most and asks more for a contradiction gets another answer
    data = json.loads(ontology_file("evidence-weights.json").read_text(encoding="utf-8"))
    data["designs"] = {
        **data["designs"],
        "case series": 1.0,
        "randomized controlled trial": 0.1,
        "meta-analysis": 0.1,
    }
    data["sample_size"] = {"unknown": 1.0, "at_least": [[1, 1.0]]}
    data["contradiction_support"] = 0.5
    weights = tmp_path / "w.json"
    weights.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(built["docs"]), "-o", str(out), "--weights", str(weights), "-q"]) == 0
    rows = query(capsys, str(out), "--name", "evidence-summary", "--bind", "therapy=natalizumab")
    # the case series alone (weight 1, so support 1) against three findings of weight 0.1
    strength = round(1.0 * 1.0 / (1.0 + 3 * 0.1), 3)
    assert {(r["direction"], float(r["strength"]), r["contradicted"]) for r in rows} == {
        ("Decrease", strength, "false")
    }
    assert query(capsys, str(out), "--name", "contradictions") == []


def test_store_gives_the_file_build_summaries(
    built: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert summaries(capsys, str(built["store"])) == summaries(capsys, str(built["file"]))
    assert sides(capsys, str(built["store"])) == sides(capsys, str(built["file"]))


def test_store_summaries_follow_kg_remove_and_rebuild(
    built: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "st"
    assert main(["build", str(built["docs"]), "--store", str(store), "-q"]) == 0
    assert main(["remove", "case_series.txt", "--store", str(store)]) == 0
    assert summaries(capsys, str(store)) == summaries(capsys, str(built["fewer"]))
    assert query(capsys, str(store), "--name", "contradictions") == []
    # the document added again: the contradiction is back, as in a build of the whole corpus
    assert main(["build", str(built["docs"] / "case_series.txt"), "--store", str(store), "-q"]) == 0
    assert summaries(capsys, str(store)) == summaries(capsys, str(built["file"]))


def test_server_gives_the_same_summaries_and_follows_kg_remove(
    oxigraph_server: OxigraphServer, built: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    url = oxigraph_server.url
    assert main(["build", str(built["docs"]), "--endpoint", url, "-q"]) == 0
    assert summaries(capsys, "--endpoint", url) == summaries(capsys, str(built["file"]))
    assert sides(capsys, "--endpoint", url) == sides(capsys, str(built["file"]))
    assert main(["remove", "case_series.txt", "--endpoint", url]) == 0
    assert summaries(capsys, "--endpoint", url) == summaries(capsys, str(built["fewer"]))
    assert query(capsys, "--endpoint", url, "--name", "contradictions") == []
