"""Evidence summaries in the exports: edge attributes of GraphML and CSV, and their own CSV table
(kg export GRAPH -o summaries.csv --summaries) from a file and a store."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from synthesis_corpus import build_corpus

from kg.cli import main
from kg.namespaces import entity_iri

NATALIZUMAB = str(entity_iri("therapy", "natalizumab"))
QOL = str(entity_iri("outcome", "quality of life"))


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_corpus(tmp_path_factory.mktemp("exports"))


def test_graphml_edges_carry_their_summary(graphs: dict[str, Path]) -> None:
    out = graphs["root"] / "g.graphml"
    assert main(["export", str(graphs["file"]), "-o", str(out)]) == 0
    nxg = nx.read_graphml(out)
    edges = [a for u, v, a in nxg.edges(data=True) if (u, v) == (NATALIZUMAB, QOL)]
    assert len(edges) == 4
    for a in edges:
        assert (a["consensus"], a["contradicted"], a["evidence_findings"], a["evidence_studies"]) == (
            "increase",
            True,
            4,
            4,
        )
        assert 0 < a["strength"] <= 1


def test_csv_edges_carry_their_summary(graphs: dict[str, Path]) -> None:
    out = graphs["root"] / "t.csv"
    assert main(["export", str(graphs["file"]), "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO((graphs["root"] / "t.edges.csv").read_text(encoding="utf-8"))))
    mine = [r for r in rows if (r["source"], r["target"], r["kind"]) == (NATALIZUMAB, QOL, "finding")]
    assert {(r["direction"], r["consensus"], r["contradicted"]) for r in mine} == {
        ("increase", "increase", "true"),
        ("decrease", "increase", "true"),
    }
    treats = [r for r in rows if r["kind"] == "treats"]
    assert treats and all(r["consensus"] == "" and r["evidence_findings"] == "0" for r in treats)


def summaries_table(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_summaries_table_from_a_file_and_a_store(graphs: dict[str, Path]) -> None:
    tables = {}
    for kind in ("file", "store"):
        out = graphs["root"] / f"{kind}-summaries.csv"
        assert main(["export", str(graphs[kind]), "-o", str(out), "--summaries"]) == 0
        tables[kind] = {
            (r["therapy"], r["outcome"], r["condition"], r["direction"], float(r["strength"]), r["findings"])
            for r in summaries_table(out)
        }
    assert tables["file"] == tables["store"]
    assert ("natalizumab", "quality of life", "multiple sclerosis") in {t[:3] for t in tables["file"]}
    header = (graphs["root"] / "file-summaries.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:7] == ["therapy", "outcome", "condition", "direction", "strength", "findings", "studies"]


def test_summaries_table_needs_a_csv_file(
    graphs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    out = graphs["root"] / "s.ttl"
    assert main(["export", str(graphs["file"]), "-o", str(out), "--summaries"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "give a .csv file" in err[0]
    assert not out.exists()
