"""Test the pipeline from text to sentence results and graph: offsets, stable IRIs, determinism."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from kg.model import Document
from kg.namespaces import RDF, RDFS, SKOS, TKG, entity_iri
from kg.pipeline import Extractor, build, extract
from kg.text.sentences import MAX_SENTENCE_CHARS

TEXT = (
    "Intrathecal baclofen (ITB) reduces spasticity in children with cerebral palsy (12). "
    "ITB did not increase mortality (Smith et al., 2019; Jones 2020).\n\n"
    "Botulinum toxin may improve gait in adults with stroke [3, 4]."
)


def _findings(text: str) -> set[tuple[str, str | None, str | None, str, bool, bool]]:
    return {
        (
            f.therapy.label,
            f.condition.label if f.condition else None,
            f.outcome.label if f.outcome else None,
            f.direction,
            f.negated,
            f.hedged,
        )
        for r in extract(text)
        for f in r.findings
    }


def test_sentence_results_point_into_the_text() -> None:
    # each result's sentence is a slice of the text; each mention a slice of its sentence
    results = extract(TEXT, "doc.txt")
    assert len(results) == 3
    for i, r in enumerate(results):
        s = r.sentence
        assert (s.doc_id, s.index) == ("doc.txt", i)
        assert TEXT[s.start : s.end] == s.text
        for m in r.mentions:
            assert s.text[m.start : m.end] == m.text
        for f in r.findings:
            assert f.evidence.text == s.text
            assert (f.evidence.start, f.evidence.end) == (s.start, s.end)


def test_findings_of_a_small_text() -> None:
    # a decrease with a condition, a negated no-change through the abbreviation, a hedged increase
    found = _findings(TEXT)
    assert ("intrathecal baclofen", "cerebral palsy", "spasticity", "decrease", False, False) in found
    assert ("intrathecal baclofen", None, "mortality", "no_change", True, False) in found
    assert ("botulinum toxin", "stroke", "gait", "increase", False, True) in found


def test_citations_attach_to_findings() -> None:
    # the finding of the first sentence is reported in reference 12; the third cites 3 and 4
    first, _, third = extract(TEXT)
    assert {f.study.citation for f in first.findings if f.study} == {"12"}
    assert {s.citation for s in third.studies} == {"3", "4"}


def test_study_design_words_are_not_outcomes() -> None:
    # "controlled trial" names the design; "trial" is not an outcome that the therapy decreased
    found = _findings("In a controlled trial, baclofen reduced pain.")
    assert {(t, o, d) for t, _, o, d, _, _ in found} == {("baclofen", "pain", "decrease")}
    rct = (
        "A randomized controlled trial of 120 patients showed that intrathecal baclofen "
        "did not increase mortality."
    )
    found = _findings(rct)
    assert {(t, o, d, neg) for t, _, o, d, neg, _ in found} == {
        ("intrathecal baclofen", "mortality", "no_change", True)
    }


def test_same_therapy_in_two_documents_is_one_node() -> None:
    # the contract: an entity found in two documents is one node, mentioned from both documents
    g = build(
        [
            Document(
                "a.txt", "Intrathecal baclofen reduces spasticity in children with cerebral palsy (12)."
            ),
            Document(
                "dir/b.txt", "Intrathecal baclofen reduced spasticity in adults with multiple sclerosis (4)."
            ),
        ]
    )
    therapies = set(g.subjects(RDF.type, TKG.Therapy))
    itb = entity_iri("therapy", "intrathecal baclofen")
    assert therapies == {itb}
    documents = {d for st in g.subjects(TKG.mentions, itb) for d in g.objects(st, TKG.inDocument)}
    assert len(documents) == 2
    assert set(g.subjects(RDF.type, TKG.Document)) == documents
    # numbered references are local to their document: two "(12)"-like numbers are two studies
    assert len(set(g.subjects(RDF.type, TKG.Study))) == 2


def test_spelling_variants_in_two_documents_are_one_node() -> None:
    # British and American spellings of one therapy: one node, one rdfs:label, the other an altLabel
    g = build(
        [
            Document("uk.txt", "Magnesium sulphate reduced eclampsia in women with pre-eclampsia."),
            Document("us.txt", "Magnesium sulfate reduced eclampsia in women with preeclampsia."),
        ]
    )
    (therapy,) = set(g.subjects(RDF.type, TKG.Therapy))
    labels = {str(x) for x in g.objects(therapy, RDFS.label)} | {
        str(x) for x in g.objects(therapy, SKOS.altLabel)
    }
    assert labels == {"magnesium sulphate", "magnesium sulfate"}
    assert len(set(g.objects(therapy, RDFS.label))) == 1
    statements = set(g.subjects(TKG.mentions, therapy))
    assert len(statements) == 2


def test_author_year_study_is_shared_across_documents() -> None:
    # an author-year citation names the same study in every document; a number does not
    g = build(
        [
            Document("a.txt", "Baclofen reduced pain (Smith et al., 2019)."),
            Document("b.txt", "Baclofen reduced spasticity (Smith et al., 2019)."),
        ]
    )
    studies = set(g.subjects(TKG.citation, Literal("Smith et al., 2019")))
    assert len(studies) == 1


def test_same_input_gives_isomorphic_graphs() -> None:
    # determinism: two builds of one text, with fresh extractors, give the same graph
    docs = [Document("doc.txt", TEXT)]
    g1 = build(docs, Extractor())
    g2 = build(docs, Extractor())
    assert len(g1) > 0
    assert isomorphic(g1, g2)
    assert sorted(g1.serialize(format="nt").splitlines()) == sorted(g2.serialize(format="nt").splitlines())


def test_build_adds_to_a_given_graph() -> None:
    # build() extends a graph passed in rather than starting afresh
    g = Graph()
    out = build([Document("doc.txt", TEXT)], graph=g)
    assert out is g
    assert len(set(g.subjects(RDF.type, TKG.Statement))) == 3


def test_empty_document_has_no_results() -> None:
    assert extract("") == []
    assert extract(" \n\n ") == []


# words the extractors react to, mixed with arbitrary text so that findings do occur
CLINICAL = st.sampled_from(
    [
        "Metformin",
        "intrathecal baclofen (ITB)",
        "ITB",
        "reduced",
        "did not reduce",
        "may improve",
        "increased",
        "HbA1c",
        "mortality",
        "spasticity",
        "in patients with",
        "type 2 diabetes",
        "cerebral palsy",
        "(Smith et al. 2019)",
        "[4]",
        "versus placebo",
        "compared with",
        "a randomised trial",
        ".",
        "\n\n",
    ]
)
HOSTILE_TEXT = st.lists(st.one_of(CLINICAL, st.text(max_size=12)), max_size=30).map(" ".join)


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(HOSTILE_TEXT)
def test_extract_never_raises_and_offsets_point_into_the_input(text: str) -> None:
    # any text: no exception; every sentence, mention and finding's evidence is a slice of the input
    for r in extract(text, "any.txt"):
        s = r.sentence
        assert text[s.start : s.end] == s.text
        for m in r.mentions:
            assert s.text[m.start : m.end] == m.text
        for f in r.findings:
            assert text[f.evidence.start : f.evidence.end] == f.evidence.text
            for part in (f.therapy, f.condition, f.outcome, f.comparator):
                assert part is None or 0 <= part.start <= part.end <= len(s.text)


def _check_long_line(text: str, budget_s: float) -> None:
    """Extract one long line within a time budget, every sentence a bounded slice of it."""
    started = time.monotonic()
    results = extract(text, "long.txt")
    assert time.monotonic() - started < budget_s
    assert results
    assert all(text[r.sentence.start : r.sentence.end] == r.sentence.text for r in results)
    assert max(len(r.sentence.text) for r in results) <= MAX_SENTENCE_CHARS


def test_a_long_line_without_punctuation_is_extracted_in_linear_time() -> None:
    # 100 KB, no sentence end: cut into bounded pieces (a single 100 KB sentence took minutes)
    line = "metformin reduced hba1c in patients with type 2 diabetes and (T2D) the weather was fine "
    _check_long_line((line * (100_000 // len(line) + 1))[:100_000], budget_s=60)


@pytest.mark.slow
def test_a_10_mb_single_line_finishes() -> None:
    # 10 MB on one line, sentences with and without punctuation: about 10 s per MB on one core
    prose = "Metformin reduced HbA1c in patients with type 2 diabetes (Smith et al. 2019). "
    soup = "lorem ipsum (LI) dolor sit amet aspirin consectetur adipiscing elit "
    block = prose * 20 + soup * 40
    _check_long_line((block * (10_000_000 // len(block) + 1))[:10_000_000], budget_s=600)


def test_documents_read_together_give_the_results_of_each_alone() -> None:
    from kg.model import Document
    from kg.pipeline import Extractor

    ex = Extractor()
    docs = [
        Document("a", "Patients were randomised to hydrotherapy or land exercise. Pain fell with it."),
        Document("b", "Aspirin reduced stroke (p = 0.01). We aimed to test it."),
        Document("c", ""),
    ]
    together = ex.documents(docs)
    assert together == [ex.document(d) for d in docs]
    with ex.reading(docs):
        assert [ex.document(d) for d in docs] == together
    assert ex._ahead == {}
