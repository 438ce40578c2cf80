"""Shared fixtures: the extractor, a small hand-made graph of the contract's shape, shared files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from servers import OxigraphServer

from kg.graph.build import add_document, new_graph
from kg.model import Document, Evidence, Finding, Mention, Sentence, SentenceResult, Study
from kg.pipeline import Extractor

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

TEXT = (
    "A retrospective study has shown that intrathecal baclofen (ITB) reduces dystonia in "
    "dyskinetic cerebral palsy with improvement in sitting (Eek et al 2018). "
    "ITB did not increase mortality <img src=x onerror=alert(1)> (17)."
)


def _mention(kind: str, label: str, text: str, sentence: str, **kw: object) -> Mention:
    start = sentence.index(text)
    return Mention(kind, label, start, start + len(text), text, **kw)  # type: ignore[arg-type]


def sample_results() -> tuple[Document, list[SentenceResult]]:
    """Return a document and two hand-made sentence results covering every contract property."""
    doc = Document(id="sample.txt", text=TEXT)
    s0_text = TEXT[: TEXT.index("ITB did")].rstrip()
    s1_start = TEXT.index("ITB did")
    s1_text = TEXT[s1_start:]
    s0 = Sentence(doc.id, 0, 0, len(s0_text), s0_text)
    s1 = Sentence(doc.id, 1, s1_start, len(TEXT), s1_text)
    itb = _mention(
        "therapy",
        "intrathecal baclofen",
        "intrathecal baclofen",
        s0_text,
        alt_labels=("ITB",),
        identifiers=("http://id.nlm.nih.gov/mesh/D001418",),
    )
    dcp = _mention("condition", "dyskinetic cerebral palsy", "dyskinetic cerebral palsy", s0_text)
    dys = _mention("outcome", "dystonia", "dystonia", s0_text)
    sit = _mention("outcome", "sitting", "sitting", s0_text)
    itb1 = _mention("therapy", "intrathecal baclofen", "ITB", s1_text, alt_labels=("ITB",))
    mort = _mention("outcome", "mortality <img src=x onerror=alert(1)>", "mortality", s1_text)
    st0 = Study("Eek et al 2018", "retrospective study")
    st1 = Study("17", None)
    ev0 = Evidence(doc.id, 0, s0_text, s0.start, s0.end)
    ev1 = Evidence(doc.id, 1, s1_text, s1.start, s1.end, negation_cue="did not")
    r0 = SentenceResult(
        s0,
        mentions=(itb, dcp, dys, sit),
        studies=(st0,),
        findings=(
            Finding(itb, dcp, dys, "decrease", False, False, ev0, st0),
            Finding(itb, dcp, sit, "increase", False, False, ev0, st0),
        ),
    )
    r1 = SentenceResult(
        s1,
        mentions=(itb1, mort),
        studies=(st1,),
        findings=(Finding(itb1, None, mort, "no_change", True, False, ev1, st1),),
    )
    return doc, [r0, r1]


@pytest.fixture
def sample_graph() -> Graph:
    """A graph built by kg.graph.build from two hand-made sentences (one with HTML in a label)."""
    doc, results = sample_results()
    return add_document(new_graph(), doc, results)


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared folder beside the repository; tests that need it skip when it is absent."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The built-in extractors (vocabularies compiled once per test session)."""
    return Extractor()


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    """A real Oxigraph SPARQL server on 127.0.0.1 at a free port, killed after the test."""
    server = OxigraphServer(tmp_path / "server-data").start()
    try:
        yield server
    finally:
        server.kill()
