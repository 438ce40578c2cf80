"""Arm results in the graph: their own class, valid by the shapes, unseen by queries of findings."""

from __future__ import annotations

from rdflib import Literal

from kg.api import build_text_graph
from kg.graph.validate import validate_graph
from kg.namespaces import RDF, RDFS, TKG

TEXT = (
    "Patients with type 2 diabetes were randomised to metformin or placebo for 12 weeks. "
    "HbA1c was lower in the intervention group than in the control group (p = 0.01)."
)


def test_an_arm_result_names_its_arm_outcome_and_reference() -> None:
    g = build_text_graph(TEXT)
    results = list(g.subjects(RDF.type, TKG.ArmResult))
    assert len(results) == 1
    a = results[0]
    assert g.value(g.value(a, TKG.arm), RDFS.label) == Literal("metformin")
    assert g.value(g.value(a, TKG.armOutcome), RDFS.label) == Literal("HbA1c")
    assert g.value(a, TKG.armDirection) == TKG.Decrease
    assert g.value(a, TKG.armReference) == Literal("intervention group")
    assert g.value(a, TKG.foundBy) == Literal("comparative-subject")
    assert (a, RDF.type, TKG.Finding) not in g and g.value(a, TKG.therapy) is None
    assert validate_graph(g).conforms


def test_the_statement_of_an_arm_result_states_no_finding() -> None:
    g = build_text_graph(TEXT)
    st = next(s for s, text in g.subject_objects(TKG.text) if str(text).startswith("HbA1c"))
    assert [f for f in g.subjects(RDF.type, TKG.Finding) if (f, None, st) in g] == []
    assert list(g.objects(st, TKG.mentions)) == []  # the arm is no mention, HbA1c no finding's outcome


def test_the_property_graph_draws_an_arm_result_as_its_own_edge() -> None:
    from kg.graph.network import EDGE_FIELDS, to_networkx

    nxg = to_networkx(build_text_graph(TEXT))
    edges = [a for _, _, a in nxg.edges(data=True) if a["kind"] == "arm_result"]
    assert len(edges) == 1 and set(edges[0]) == set(EDGE_FIELDS)
    assert edges[0]["direction"] == "decrease" and edges[0]["arm_reference"] == "intervention group"
    assert not [a for _, _, a in nxg.edges(data=True) if a["kind"] == "finding"]
