"""Test `kg build` on PubMed and BioC exports: one Study per record, findings by design, and a
batch that skips bad inputs with one line each and says so in its summary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Literal

from kg.cli import main
from kg.graph.io import load_graph
from kg.namespaces import TKG

DATA = Path(__file__).parent / "readers" / "data"


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The graph of the PubMed fixture, built by `kg build records.xml`."""
    folder = tmp_path_factory.mktemp("records")
    shutil.copy(DATA / "pubmed_records.xml", folder / "records.xml")
    assert main(["build", str(folder / "records.xml"), "-o", str(folder / "g.ttl"), "-q"]) == 0
    return folder / "g.ttl"


def test_one_study_per_record_with_pmid_doi_year_and_design(built: Path) -> None:
    g = load_graph(built)
    studies = {str(g.value(s, TKG.pmid)): s for s in g.subjects(TKG.pmid, None)}
    assert sorted(studies) == ["90000001", "90000002", "90000003"]  # the record without abstract is skipped
    rct = studies["90000001"]
    assert str(g.value(rct, TKG.design)) == str(TKG.RandomizedControlledTrial)
    assert str(g.value(studies["90000003"], TKG.design)) == str(TKG.MetaAnalysis)
    assert g.value(studies["90000002"], TKG.design) is None  # Clinical Trial: no design of the list
    assert {
        str(g.value(s, g.namespace_manager.expand_curie("dcterms:issued"))) for s in studies.values()
    } == {
        "2019",
        "1976",
        "1998",
    }
    reported = {g.value(f, TKG.study) for f in g.subjects(TKG.study, None)}
    assert set(studies.values()) <= reported  # every record's abstract has findings in its study


def test_findings_by_design_lists_the_rct_abstract(capsys: pytest.CaptureFixture[str], built: Path) -> None:
    code, out, err = _run(
        capsys,
        "query",
        built,
        "--name",
        "findings-by-design",
        "--bind",
        "design=randomized controlled trial",
        "--format",
        "csv",
    )
    assert code == 0, err
    rows = [line.split(",") for line in out.strip().splitlines()[1:]]
    assert rows and all(r[0] == "randomized controlled trial" and r[-1] == "PMID 90000001" for r in rows)
    claims = {(r[1], r[3], r[4]) for r in rows}
    assert ("intrathecal baclofen", "spasticity", "Decrease") in claims
    assert ("intrathecal baclofen", "quality of life", "Increase") in claims


def test_statement_offsets_point_into_the_records_text(built: Path) -> None:
    from kg.readers.pubmed import read

    docs = {
        d.id: d for d in read((DATA / "pubmed_records.xml").read_bytes(), "records.xml") if hasattr(d, "text")
    }
    g = load_graph(built)
    checked = 0
    for st in g.subjects(TKG.startOffset, None):
        doc_id = str(g.value(g.value(st, TKG.inDocument), g.namespace_manager.expand_curie("dcterms:source")))
        start, end = int(g.value(st, TKG.startOffset)), int(g.value(st, TKG.endOffset))  # type: ignore[arg-type]
        assert docs[doc_id].text[start:end] == str(g.value(st, TKG.text))  # type: ignore[union-attr]
        checked += 1
    assert checked >= 8


def test_batch_goes_on_past_bad_inputs_and_the_summary_counts_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copy(DATA / "pubmed_truncated.xml", tmp_path / "cut.xml")
    shutil.copy(DATA / "jats_article.xml", tmp_path / "article.xml")
    shutil.copy(DATA / "bioc_collection.xml", tmp_path / "bioc.xml")
    shutil.copy(DATA / "pubmed_records.xml", tmp_path / "records.xml")
    inputs = [tmp_path / n for n in ("cut.xml", "article.xml", "bioc.xml", "records.xml")]
    code, _, err = _run(capsys, "build", *inputs, "-o", tmp_path / "g.nt")
    assert code == 0, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err
    assert len(lines) == 4, lines  # malformed XML, unknown format, no abstract, then the summary
    assert "cut.xml: malformed XML" in lines[0]
    assert "article.xml: unknown format" in lines[1]
    assert "PMID 90000004 has no abstract" in lines[2]
    assert lines[3].startswith(
        "6 document(s) read, 3 skipped (1 malformed XML, 1 no abstract, 1 unknown format)"
    )
    g = load_graph(tmp_path / "g.nt")
    assert len(set(g.subjects(None, TKG.Document))) == 6
    # PMID 90000001 is in both PubMed files: two documents, one study
    assert len(set(g.subjects(TKG.pmid, None))) == 5


def test_nothing_read_is_a_failure_without_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copy(DATA / "jats_article.xml", tmp_path / "article.xml")
    out = tmp_path / "g.ttl"
    code, _, err = _run(capsys, "build", tmp_path / "article.xml", "-o", out)
    assert code == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert "unknown format" in lines[0]
    assert lines[-1] == "kg: error: no documents to build: 0 document(s) read, 1 skipped (1 unknown format)"
    assert not out.exists()


def test_bioc_record_is_a_study_too(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copy(DATA / "bioc_collection.json", tmp_path / "c.json")
    code, _, err = _run(capsys, "build", tmp_path / "c.json", "-o", tmp_path / "g.ttl", "-q")
    assert code == 0, err
    g = load_graph(tmp_path / "g.ttl")
    s = g.value(None, TKG.pmid, Literal("90000011"))
    assert s is not None and (None, TKG.study, s) in g
