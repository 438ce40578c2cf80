"""Pages through the second ORDER BY key (`queries/windows/NAME.by-VAR.rq`): when the first key is
fixed (bound by the caller, or one value of the first key's window holds the page), the page binds
the second key to its first values. Whatever the windows' estimates, every page is the slice of the
whole query's rows, on a file (rdflib) and on a store (Oxigraph)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from servers import OxigraphServer

from kg.graph.encode import to_ox
from kg.graph.paging import Page, Runner, run_page
from kg.graph.query import QueryResult, named_query, run_query
from kg.graph.sparql_text import Choices, with_values
from kg.graph.store import open_store, query_store
from kg.namespaces import RDF, RDFS, TKG

EX = "https://example.org/paging/"
RCT = "randomized controlled trial"


def _graph() -> Graph:
    """Findings in studies of three designs: most in one design, over twelve therapies whose
    findings in all designs differ from those in the design (the window's estimates are off)."""
    g = Graph()
    designs = {name: URIRef(f"{EX}design/{i}") for i, name in enumerate((RCT, "case report", "review"))}
    for name, node in designs.items():
        g.add((node, RDF.type, TKG.StudyDesign))
        g.add((node, RDFS.label, Literal(name)))
        g.add((node, TKG.labelKey, Literal(name.lower())))
    n = 0

    def finding(therapy: int, design: str, negated: bool = False) -> None:
        nonlocal n
        n += 1
        f, s, t = URIRef(f"{EX}finding/{n}"), URIRef(f"{EX}study/{n}"), URIRef(f"{EX}therapy/{therapy}")
        g.add((t, RDF.type, TKG.Therapy))
        g.add((t, RDFS.label, Literal(f"therapy {therapy:02d}")))
        g.add((s, TKG.design, designs[design]))
        g.add((s, TKG.citation, Literal(f"Study {n % 4}")))  # citations repeat: rows fold
        for p, o in ((RDF.type, TKG.Finding), (TKG.therapy, t), (TKG.study, s)):
            g.add((f, p, o))
        g.add((f, TKG.direction, TKG.Increase))
        g.add((f, TKG.negated, Literal(negated)))
        g.add((f, TKG.hedged, Literal(False)))

    for therapy in range(12):
        for k in range(therapy % 4 + 1):
            finding(therapy, RCT, negated=k % 2 == 1)
        if therapy % 3 == 0:
            finding(therapy, "review")
            finding(therapy, "review", negated=True)
    finding(5, "case report")
    return g


@pytest.fixture(scope="module")
def runners(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Runner]:
    """The graph as a file (rdflib) and as a store (Oxigraph, OPTIONAL groups lateral)."""
    g = _graph()
    folder = tmp_path_factory.mktemp("second-key")
    store = open_store(Path(folder) / "store", create=True)
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in g)  # type: ignore[arg-type]
    return {
        "file": lambda text, values, choices: run_query(g, text, values, choices),
        "store": lambda text, values, choices: query_store(store, text, values, True, choices),
    }


BOUND = [{}, {"design": RCT.upper()}, {"design": "review"}, {"design": "case report"}]


@pytest.mark.parametrize("kind", ["file", "store"])
@pytest.mark.parametrize("bound", BOUND)
@pytest.mark.parametrize("size", [1, 3, 5])
def test_every_page_is_the_slice_of_the_whole_query(
    runners: dict[str, Runner], kind: str, bound: dict[str, str], size: int
) -> None:
    run = runners[kind]
    q = named_query("findings-by-design")
    whole = list(run_query(_graph(), q.text, bound).rows)
    assert whole
    for offset in range(len(whole) + 1):
        page = run_page(run, q, bound, Page(size, offset)).rows
        assert list(page) == whole[offset : offset + size], (kind, bound, size, offset)


@pytest.mark.parametrize("kind", ["file", "store"])
def test_a_bound_first_key_pages_through_the_second(runners: dict[str, Runner], kind: str) -> None:
    # bound to the design of most findings, the first page binds the therapy to its first labels
    # alone (asked again for more when the estimates fall short); unbound, the first key's window
    # chooses the first designs
    calls: list[dict[str, int]] = []

    def recording(text: str, values: dict[str, str], choices: object) -> QueryResult:
        calls.append({k: len(v) for k, v in (choices or {}).items()})  # type: ignore[attr-defined]
        return runners[kind](text, values, choices)  # type: ignore[arg-type]

    q = named_query("findings-by-design")
    bound = {"design": RCT}
    whole = run_query(_graph(), q.text, bound).rows
    assert run_page(recording, q, bound, Page(3)).rows == whole[:3]
    paged = [c for c in calls if c]
    assert paged and set(paged[-1]) == {"therapy"} and paged[-1]["therapy"] < 12
    unbound = run_query(_graph(), q.text).rows
    calls.clear()
    assert run_page(recording, q, {}, Page(2)).rows == unbound[:2]
    assert [c for c in calls if c][-1] == {"designLabel": 2}  # of three designs
    calls.clear()  # one design's study holds a page of one row: through its therapies
    assert run_page(recording, q, {}, Page(1)).rows == unbound[:1]
    assert any(c.get("designLabel") == 1 and "therapy" in c for c in calls)


def test_bound_values_close_the_group_when_there_are_choices() -> None:
    # with choices the engine starts from them: the caller's bound values go last in the group, a
    # literal escaped all the same
    text = with_values(
        "SELECT ?x WHERE { ?s ?p ?x OPTIONAL { ?x ?q ?y } }", {"s": Literal('a" } #')}, {"x": [Literal("b")]}
    )
    expected = (
        'SELECT ?x WHERE { VALUES ?x { "b" }  ?s ?p ?x OPTIONAL { ?x ?q ?y }  VALUES (?s) { ("a\\" } #") } }'
    )
    assert text == expected
    assert with_values("SELECT ?x WHERE { ?s ?p ?x }", {"s": Literal("a")}) == (
        'SELECT ?x WHERE { VALUES (?s) { ("a") }  ?s ?p ?x }'
    )


def test_order_keys() -> None:
    from kg.graph.sparql_text import order_keys

    keys = order_keys(named_query("findings-by-design").text)
    assert keys[:2] == [("designLabel", False), ("therapy", False)]
    keys = order_keys("SELECT * WHERE { ?s ?p ?o } ORDER BY DESC(?o) ?s LIMIT 2")
    assert keys == [("o", True), ("s", False)]
    assert order_keys("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s STR(?o) ?p") == [("s", False)]
    assert order_keys("SELECT * WHERE { ?s ?p ?o }") == []


def test_first_values() -> None:
    # the first key's first value in the query's order, ties included; nothing when the values do
    # not compare as ORDER BY compares them (strings beside numbers, an unbound value)
    from kg.graph.paging import _first_values

    a, b = Literal("a"), Literal("b")
    assert _first_values([b, a, b], False) == [a]
    assert _first_values([b, a], True) == [b]
    assert _first_values([a, Literal(2)], False) is None
    assert _first_values([a, None], False) is None


def test_pages_from_a_server(oxigraph_server: OxigraphServer) -> None:
    # a SPARQL server gets the same windows, choices and bound values as the store
    from kg.graph.endpoint import Endpoint
    from kg.graph.remote import query_endpoint

    server = Endpoint(oxigraph_server.url)
    server.update(f"INSERT DATA {{ {_graph().serialize(format='nt')} }}")

    def run(text: str, values: dict[str, str], choices: Choices | None) -> QueryResult:
        return query_endpoint(server, text, values, choices)

    q = named_query("findings-by-design")
    for bound in BOUND:
        whole = list(run_query(_graph(), q.text, bound).rows)
        for offset in range(0, len(whole) + 1, 2):
            assert list(run_page(run, q, bound, Page(3, offset)).rows) == whole[offset : offset + 3]
