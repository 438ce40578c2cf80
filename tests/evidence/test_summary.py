"""Evidence summaries from finding rows: weights per design, size and hedging, studies counted once,
consensus, strength and contradiction."""

from __future__ import annotations

import pyoxigraph as ox

from kg.evidence.rdf import strength_literal
from kg.evidence.summary import FindingRow, summarise
from kg.evidence.weights import read_weights
from kg.namespaces import TKG, XSD

W = read_weights()


def row(
    n: int, direction: str, study: str, design: str | None = None, size: int | None = None, **kw: object
) -> FindingRow:
    return FindingRow(
        finding=f"f{n}",
        therapy="t",
        outcome="o",
        condition=kw.get("condition"),  # type: ignore[arg-type]
        direction=direction,
        hedged=bool(kw.get("hedged", False)),
        study=study,
        design=design,
        sample_size=size,
    )


def test_a_study_counts_once_per_direction_with_its_strongest_finding() -> None:
    # two sentences of one trial say the same: two findings, one study, the weight of one
    (s,) = summarise(
        [row(1, "decrease", "s1", "randomized controlled trial", 100), row(2, "decrease", "s1")], W
    )
    assert s.finding_count == 2 and s.study_count == 1
    assert s.strength == round(W.finding("randomized controlled trial", 100, False), 3)


def test_hedging_and_design_lower_the_weight() -> None:
    plain = W.finding("case series", 20, False)
    assert W.finding("case series", 20, True) == plain * W.hedged < plain
    assert (
        W.design("meta-analysis")
        > W.design("randomized controlled trial")
        > W.design("prospective cohort study")
    )
    assert W.design("prospective cohort study") > W.design("retrospective study") > W.design("review")
    assert W.design(None) <= W.design("case series")
    assert W.size(1000) > W.size(30) and W.size(None) == W.unknown_size


def test_consensus_strength_and_contradiction() -> None:
    rows = [
        row(1, "increase", "a", "randomized controlled trial", 300),
        row(2, "increase", "b", "meta-analysis"),
        row(3, "decrease", "c", "case report", 1, hedged=True),
    ]
    (s,) = summarise(rows, W)
    inc = [W.finding("randomized controlled trial", 300, False), W.finding("meta-analysis", None, False)]
    dec = W.finding("case report", 1, True)
    support = 1 - (1 - inc[0]) * (1 - inc[1])
    assert s.consensus == "increase"
    assert s.strength == round(support * sum(inc) / (sum(inc) + dec), 3)
    assert dec < W.contradiction_support and not s.contradicted  # a hedged case report is no real weight


def test_findings_in_a_condition_have_their_own_summary_too() -> None:
    rows = [row(1, "no_change", "a", condition="c1"), row(2, "no_change", "b")]
    keys = {s.key: s.finding_count for s in summarise(rows, W)}
    assert keys == {("t", "o", None): 2, ("t", "o", "c1"): 1}


def test_only_unspecified_directions_have_no_consensus() -> None:
    (s,) = summarise([row(1, "unspecified", "a", "meta-analysis")], W)
    assert (s.consensus, s.strength, s.contradicted) == ("unspecified", 0.0, False)
    assert len(s.findings["unspecified"]) == 1


def test_a_finding_repeated_by_two_designs_counts_once_with_the_better() -> None:
    # a study node with two designs gives two rows of one finding
    rows = [row(1, "decrease", "a", "review"), row(1, "decrease", "a", "meta-analysis")]
    (s,) = summarise(rows, W)
    assert s.finding_count == 1 and s.designs == {"meta-analysis": 1}


def test_shapes_check_summaries() -> None:
    # a built graph's summaries conform; a strength outside [0, 1] or a missing count is reported
    from rdflib import Literal

    from kg.api import build_text_graph
    from kg.evidence.rdf import summary_nodes
    from kg.graph.validate import validate_graph
    from kg.namespaces import TKG, XSD

    g = build_text_graph("In a randomized controlled trial, metformin reduced HbA1c (Smith et al 2019).")
    assert validate_graph(g).conforms
    node = summary_nodes(g)[0]
    g.set((node, TKG.strength, Literal("1.5", datatype=XSD.decimal)))
    g.remove((node, TKG.studyCount, None))
    report = validate_graph(g)
    assert not report.conforms
    text = str(report)
    assert "tkg:strength" in text and "tkg:studyCount" in text


def test_strengths_are_written_as_a_store_keeps_them() -> None:
    # Oxigraph keeps an xsd:decimal in its canonical form ("0", not "0.0"): a file must write that
    # form, or a file and a store of the same input differ
    for value in (0.0, 1.0, 0.5, 0.125, 0.1, 0.333):
        written = strength_literal(value)
        store = ox.Store()
        term = ox.Literal(str(written), datatype=ox.NamedNode(str(XSD.decimal)))
        store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode(str(TKG.strength)), term))
        (kept,) = store
        assert kept.object.value == str(written) and float(written) == value
