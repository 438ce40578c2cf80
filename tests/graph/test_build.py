"""Graph building: stable entity IRIs, variant spellings merged, provenance and shortcut edges."""

from __future__ import annotations

from rdflib import Literal

from kg.api import build_text_graph
from kg.graph.build import literal
from kg.namespaces import PROV, RDFS, SKOS, TKG, XSD, entity_iri


def test_spelling_variants_are_one_node() -> None:
    # "tumour" and "tumors" name one outcome node: the label is the shortest spelling, then the first
    # in code-point order ("tumor volumes" before "tumour volume"), whichever sentence comes first
    one, two = "Radiotherapy reduced tumour volume in glioma.", "Chemotherapy reduced tumor volumes."
    node = entity_iri("outcome", "tumour volume")
    assert node == entity_iri("outcome", "Tumor volumes")
    for text in (f"{one} {two}", f"{two} {one}"):
        g = build_text_graph(text)
        assert {str(o) for o in g.objects(node, RDFS.label)} == {"tumor volumes"}
        assert {str(o) for o in g.objects(node, SKOS.altLabel)} == {"tumour volume"}


def test_surface_forms_of_one_concept_are_one_node() -> None:
    # "tumour size" and "tumor sizes" are names of the vocabulary's tumour burden (MeSH D047368): the
    # node takes the concept's preferred label and keeps both surface forms as alt labels
    g = build_text_graph(
        "Radiotherapy reduced tumour size in glioma. Chemotherapy reduced tumor sizes in glioma."
    )
    node = entity_iri("outcome", "tumour burden")
    assert {str(o) for o in g.objects(node, RDFS.label)} == {"tumour burden"}
    assert {"tumour size", "tumor sizes"} <= {str(o) for o in g.objects(node, SKOS.altLabel)}
    assert len(set(g.objects(None, TKG.outcome))) == 1


def test_finding_provenance_and_treats_edge() -> None:
    # each finding names its extractor and version; a non-negated finding gives therapy treats condition
    g = build_text_graph("Metformin reduced HbA1c in patients with type 2 diabetes.")
    (finding,) = set(g.subjects(TKG.therapy, None))
    agent = g.value(finding, PROV.wasAttributedTo)
    assert agent is not None and g.value(agent, TKG.version) is not None
    diabetes = entity_iri("condition", "diabetes mellitus, type 2")  # MeSH D003924's preferred label
    assert (entity_iri("therapy", "metformin"), TKG.treats, diabetes) in g


def test_negated_finding_gives_no_treats_edge() -> None:
    # "did not reduce": the claim is recorded, negated, with its cue, but no treats edge
    g = build_text_graph("Vitamin E did not reduce mortality in patients with heart failure.")
    (finding,) = set(g.subjects(TKG.therapy, None))
    assert g.value(finding, TKG.negated) == Literal(True)
    assert str(g.value(finding, TKG.negationCue)) == "did not"
    assert not list(g.triples((None, TKG.treats, None)))


def test_same_input_same_graph() -> None:
    # determinism: two builds give the same triples
    text = "Aspirin reduced stroke (12). Warfarin increased bleeding (Smith et al. 2020)."
    assert set(build_text_graph(text)) == set(build_text_graph(text))


def test_cached_literals_keep_their_datatype() -> None:
    # True == 1 and hash(True) == hash(1): an untyped cache would hand back one for the other
    flag = literal(True)
    one = literal(1)
    assert flag.datatype == XSD.boolean and str(flag) == "true"
    assert one.datatype == XSD.integer and str(one) == "1"
    assert literal("1") == Literal("1") and literal("1").datatype is None


def test_findings_carry_the_construction_that_read_them() -> None:
    g = build_text_graph("Hepatitis C can be cured by sofosbuvir. Aspirin reduced pain (p = 0.40).")
    found = {str(o) for o in g.objects(None, TKG.foundBy)}
    assert found == {"passive", "verb-object+not-significant"}
