"""Test SHACL validation of graphs against the contract shapes."""

from __future__ import annotations

import pyoxigraph
from rdflib import BNode, Graph, Literal, URIRef

from kg.graph.validate import ValidationReport, format_report, validate_graph
from kg.namespaces import DESIGN_IRIS, ID, PROV, RDF, RDFS, SKOS, TKG
from kg.resources import ontology_file


def _a_finding(g: Graph) -> URIRef:
    """Return the IRI of the sample graph's decrease finding."""
    f = next(g.subjects(TKG.direction, TKG.Decrease))
    assert isinstance(f, URIRef)
    return f


def _lines(report: ValidationReport) -> list[str]:
    return format_report(report).splitlines()


def test_sample_graph_conforms(sample_graph: Graph) -> None:
    report = validate_graph(sample_graph)
    assert report.conforms, format_report(report)
    assert report.violations == ()
    assert "conforms" in format_report(report)


def test_two_therapies_reported(sample_graph: Graph) -> None:
    # a finding with a second therapy breaks "exactly one tkg:therapy"
    f = _a_finding(sample_graph)
    other = ID["therapy/oral-baclofen"]
    sample_graph.add((other, RDF.type, TKG.Therapy))
    sample_graph.add((other, RDFS.label, Literal("oral baclofen")))
    sample_graph.add((f, TKG.therapy, other))
    report = validate_graph(sample_graph)
    assert not report.conforms
    assert [v.path for v in report.violations] == ["tkg:therapy"]
    assert f"Finding <{f}>: tkg:therapy: Finding must have exactly one therapy" in _lines(report)


def test_unknown_direction_reported(sample_graph: Graph) -> None:
    # a direction outside the four individuals is named in the message, with the offending value
    f = _a_finding(sample_graph)
    sample_graph.set((f, TKG.direction, URIRef(str(TKG._NS) + "Sideways")))
    report = validate_graph(sample_graph)
    assert not report.conforms
    (v,) = report.violations
    assert (v.kind, v.focus_node, v.path, v.severity) == ("Finding", str(f), "tkg:direction", "Violation")
    assert "tkg:NoChange" in v.message
    assert v.value == "tkg:Sideways"


def test_missing_derivation_reported(sample_graph: Graph) -> None:
    # a finding without its statement loses its provenance
    f = _a_finding(sample_graph)
    sample_graph.remove((f, PROV.wasDerivedFrom, None))
    report = validate_graph(sample_graph)
    assert not report.conforms
    assert any(
        line.startswith(f"Finding <{f}>: prov:wasDerivedFrom: Finding must have exactly one")
        for line in _lines(report)
    )


def test_missing_booleans_and_wrong_types_reported(sample_graph: Graph) -> None:
    # negated missing, hedged as a string, a statement with a negative offset, a string sample size
    f = _a_finding(sample_graph)
    sample_graph.remove((f, TKG.negated, None))
    sample_graph.set((f, TKG.hedged, Literal("no")))
    st = next(sample_graph.subjects(RDF.type, TKG.Statement))
    sample_graph.set((st, TKG.startOffset, Literal(-3)))
    study = next(sample_graph.subjects(TKG.citation, Literal("17")))
    sample_graph.add((study, TKG.sampleSize, Literal("twelve")))
    paths = {(v.kind, v.path) for v in validate_graph(sample_graph).violations}
    assert paths == {
        ("Finding", "tkg:negated"),
        ("Finding", "tkg:hedged"),
        ("Statement", "tkg:startOffset"),
        ("Study", "tkg:sampleSize"),
    }


def test_untyped_finding_and_blank_study_reported(sample_graph: Graph) -> None:
    # nodes are checked by what they carry, not only by their rdf:type; blank nodes print as _:id
    f = _a_finding(sample_graph)
    sample_graph.remove((f, RDF.type, TKG.Finding))
    b = BNode()
    sample_graph.add((b, TKG.citation, Literal("Smith 2019")))
    report = validate_graph(sample_graph)
    text = format_report(report)
    assert f"Finding <{f}>: rdf:type:" in text
    assert f"Study {b.n3()}: rdf:type:" in text


def test_design_outside_the_list_reported(sample_graph: Graph) -> None:
    # a study design must be one of the eleven individuals, labelled as in GUIDELINES.md
    study = next(sample_graph.subjects(TKG.citation, Literal("17")))
    odd = URIRef(str(TKG._NS) + "PilotStudy")
    sample_graph.add((study, TKG.design, odd))
    sample_graph.add((odd, RDF.type, TKG.StudyDesign))
    sample_graph.add((odd, RDFS.label, Literal("pilot study")))
    kinds = {(v.kind, v.path) for v in validate_graph(sample_graph).violations}
    assert kinds == {("StudyDesign", None), ("StudyDesign", "rdfs:label")}


def test_entity_without_label_reported(sample_graph: Graph) -> None:
    # an outcome that lost its label, and an exactMatch that is a literal
    outcome = ID["outcome/sitting"]
    sample_graph.remove((outcome, RDFS.label, None))
    sample_graph.add((ID["therapy/intrathecal-baclofen"], SKOS.exactMatch, Literal("D001418")))
    paths = {(v.kind, v.path) for v in validate_graph(sample_graph).violations}
    assert paths == {("Outcome", "rdfs:label"), ("Therapy", "skos:exactMatch")}


def test_ontology_and_shapes_parse_with_both_parsers() -> None:
    # the shipped files are read by rdflib and by an independent parser (oxigraph)
    for name in ("therapy-kg.ttl", "shapes.ttl"):
        path = ontology_file(name)
        g = Graph().parse(path, format="turtle")
        quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
        assert len(g) == len(quads) > 0


def test_ontology_declares_every_tkg_term() -> None:
    # every TKG term has a type, a label and a comment; designs carry their guideline string
    onto = Graph().parse(ontology_file("therapy-kg.ttl"), format="turtle")
    for term in TKG.__annotations__:
        term_iri = URIRef(str(TKG._NS) + term)
        for prop in (RDF.type, RDFS.label, RDFS.comment):
            assert (term_iri, prop, None) in onto, f"{term} lacks {prop}"
    for design, design_iri in DESIGN_IRIS.items():
        assert (design_iri, RDFS.label, Literal(design)) in onto
        assert (design_iri, SKOS.prefLabel, Literal(design)) in onto
        assert (design_iri, RDF.type, TKG.StudyDesign) in onto


def test_paths_compact_without_graph_prefixes(sample_graph: Graph) -> None:
    # a graph read from N-Triples has no prefixes: the project's are used for the path
    bare = Graph(bind_namespaces="none")
    for triple in sample_graph:
        bare.add(triple)
    bare.remove((_a_finding(bare), TKG.hedged, None))
    (v,) = validate_graph(bare).violations
    assert v.path == "tkg:hedged"
