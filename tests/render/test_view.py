"""Test what the page draws: focus neighbourhoods, the node limit, evidence spans, identifier links."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.errors import KgError
from kg.render.view import (
    ViewOptions,
    find_nodes,
    identifier_links,
    mark_spans,
    most_connected,
    neighbourhood,
    select,
)


def star(leaves: int) -> nx.MultiDiGraph:
    """Return a hub therapy with `leaves` outcomes, and one chain hanging off the first outcome."""
    g = nx.MultiDiGraph()
    g.add_node("hub", label="aspirin", alt_labels="ASA|acetylsalicylic acid", type="therapy")
    for i in range(leaves):
        g.add_node(f"o{i}", label=f"outcome {i}", alt_labels="", type="outcome")
        g.add_edge("hub", f"o{i}", kind="finding")
    g.add_node("far", label="far away", alt_labels="", type="condition")
    g.add_edge("far", "o0", kind="finding")
    return g


def test_mark_spans_first_free_occurrence() -> None:
    text = "Intrathecal baclofen reduced spasticity; baclofen was well tolerated."
    spans = mark_spans(text, [("therapy", ["intrathecal baclofen"]), ("outcome", ["spasticity"])])
    assert [(text[s:e], k) for s, e, k in spans] == [
        ("Intrathecal baclofen", "therapy"),
        ("spasticity", "outcome"),
    ]
    # edge case: "baclofen" inside the marked therapy is skipped for its later, free occurrence
    spans = mark_spans(text, [("therapy", ["intrathecal baclofen"]), ("comparator", ["baclofen"])])
    assert [text[s:e] for s, e, _ in spans] == ["Intrathecal baclofen", "baclofen"]
    assert spans[1][0] == text.index("baclofen was")


def test_mark_spans_whole_words_and_longest_name() -> None:
    # edge case: "ASA" must not match inside "NASAL"; the longer name wins over the abbreviation
    text = "NASAL spray; acetylsalicylic acid (ASA) lowered pain"
    spans = mark_spans(text, [("therapy", ["ASA", "acetylsalicylic acid"]), ("outcome", ["pain"])])
    assert [text[s:e] for s, e, _ in spans] == ["acetylsalicylic acid", "pain"]
    # edge case: line breaks inside a name still match; empty names and absent terms mark nothing
    assert mark_spans("blood\npressure fell", [("outcome", ["blood pressure"])]) == [(0, 14, "outcome")]
    assert mark_spans("text", [("hedge", [""]), ("negation", ["not"])]) == []


def test_find_nodes_by_label_or_alt_label() -> None:
    g = star(3)
    assert find_nodes(g, "  Acetylsalicylic   ACID") == ["hub"]
    with pytest.raises(KgError, match="no node is labelled 'ibuprofen'"):
        find_nodes(g, "ibuprofen")


def test_neighbourhood_hops() -> None:
    g = star(5)
    assert set(neighbourhood(g, "far away", 1).graph) == {"far", "o0"}
    # edge case: edges are followed against their direction too (outcome back to the therapy)
    assert set(neighbourhood(g, "far away", 2).graph) == {"far", "o0", "hub"}
    assert set(neighbourhood(g, "aspirin", 0).graph) == {"hub"}
    with pytest.raises(KgError, match="--hops"):
        neighbourhood(g, "aspirin", -1)


def test_most_connected_keeps_hubs_and_says_so() -> None:
    g = star(10)
    cut = most_connected(g, 3)
    # edge case: among the nodes of degree 1, the tie is broken by id ("far" before "o1")
    assert set(cut.graph) == {"hub", "o0", "far"}
    assert "3 most connected of 12 nodes" in cut.notice
    assert most_connected(g, 100).notice == "" and most_connected(g, 100).graph is g
    with pytest.raises(KgError):
        most_connected(g, 0)
    both = select(g, ViewOptions("aspirin", 1, 4))
    assert (
        both.graph.number_of_nodes() == 4
        and "Neighbourhood" in both.notice
        and "most connected" in both.notice
    )


def test_identifier_links() -> None:
    links = identifier_links("http://id.nlm.nih.gov/mesh/D001418|http://purl.obolibrary.org/obo/HP_0001257")
    assert [link["text"] for link in links] == ["MeSH D001418", "HPO HP_0001257"]
    assert all(link["url"] == link["iri"] for link in links)
    # edge case: an IRI with a script scheme is shown, never linked
    assert identifier_links("javascript:alert(1)")[0]["url"] == ""
    assert identifier_links("") == []
