"""Pages of evidence-for-therapy bound to a therapy, through the window of its rows
(`queries/windows/evidence-for-therapy.rows.rq`, kg.graph.row_windows): the page binds the findings
whose first keys (therapy label, condition, outcome) come first. Whatever the window's estimates,
every page is the slice of the whole query's rows, on a file, a store and a server."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from servers import OxigraphServer

from kg.graph.encode import to_ox
from kg.graph.paging import Page, Runner, run_page
from kg.graph.query import QueryResult, named_query, run_query
from kg.graph.row_windows import page_within, row_key, rows_choice
from kg.graph.sparql_text import Choices
from kg.graph.store import open_store, query_store
from kg.namespaces import PROV, RDF, RDFS, TKG

EX = "https://example.org/rows/"
QUERY = "evidence-for-therapy"


def _graph() -> Graph:
    """Findings of two therapies that share a name ("itb"): most without a condition, some in two
    conditions, some without an outcome, some without a direction (no row at all), texts repeated."""
    g = Graph()
    therapies = {}
    for i, label in enumerate(("intrathecal baclofen", "ITB pump", "tizanidine")):
        t = therapies[i] = URIRef(f"{EX}therapy/{i}")
        g.add((t, RDF.type, TKG.Therapy))
        g.add((t, RDFS.label, Literal(label)))
        g.add((t, TKG.labelKey, Literal(label.lower())))
        g.add((t, TKG.labelKey, Literal("itb")))
    entities = {}
    for kind in ("condition", "outcome"):
        for k in range(4):
            node = entities[kind, k] = URIRef(f"{EX}{kind}/{k}")
            g.add((node, RDFS.label, Literal(f"{kind} {3 - k}")))
    for n in range(40):
        f, st = URIRef(f"{EX}finding/{n:02d}"), URIRef(f"{EX}statement/{n}")
        g.add((f, RDF.type, TKG.Finding))
        g.add((f, TKG.therapy, therapies[n % 3]))
        if n % 7:
            g.add((f, TKG.direction, TKG.Decrease if n % 2 else TKG.Increase))
        g.add((f, TKG.negated, Literal(n % 5 == 0)))
        g.add((f, TKG.hedged, Literal(False)))
        g.add((f, PROV.wasDerivedFrom, st))
        g.add((st, TKG.text, Literal(f"sentence {n % 6}")))
        if n % 4 == 0:
            g.add((f, TKG.condition, entities["condition", n % 3]))
        if n % 8 == 0:
            g.add((f, TKG.condition, entities["condition", 3]))
        if n % 3:
            g.add((f, TKG.outcome, entities["outcome", n % 4]))
    return g


@pytest.fixture(scope="module")
def runners(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Runner]:
    """The graph as a file (rdflib) and as a store (Oxigraph, OPTIONAL groups lateral)."""
    g = _graph()
    store = open_store(Path(tmp_path_factory.mktemp("rows")) / "store", create=True)
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in g)  # type: ignore[arg-type]
    return {
        "file": lambda text, values, choices: run_query(g, text, values, choices),
        "store": lambda text, values, choices: query_store(store, text, values, True, choices),
    }


BOUND = [{"therapy": "ITB"}, {"therapy": "tizanidine"}, {"therapy": "nothing"}]


@pytest.mark.parametrize("kind", ["file", "store"])
@pytest.mark.parametrize("bound", BOUND)
@pytest.mark.parametrize("size", [1, 4, 9])
def test_every_page_is_the_slice_of_the_whole_query(
    runners: dict[str, Runner], kind: str, bound: dict[str, str], size: int
) -> None:
    run = runners[kind]
    q = named_query(QUERY)
    whole = list(run_query(_graph(), q.text, bound).rows)
    for offset in range(len(whole) + 1):
        page = run_page(run, q, bound, Page(size, offset)).rows
        assert list(page) == whole[offset : offset + size], (kind, bound, size, offset)


@pytest.mark.parametrize("kind", ["file", "store"])
def test_a_bound_page_binds_the_first_findings(runners: dict[str, Runner], kind: str) -> None:
    calls: list[dict[str, int]] = []

    def recording(text: str, values: dict[str, str], choices: Choices | None) -> QueryResult:
        calls.append({k: len(v) for k, v in (choices or {}).items()})
        return runners[kind](text, values, choices)

    q = named_query(QUERY)
    bound = {"therapy": "itb"}
    whole = run_query(_graph(), q.text, bound).rows
    assert run_page(recording, q, bound, Page(3)).rows == whole[:3]
    assert calls[-1].keys() == {"finding"} and calls[-1]["finding"] < 27  # of its 27 findings


def test_rows_choice_cuts_after_the_ties_of_the_last_key() -> None:
    a, b = Literal("a"), Literal("b")
    f = [URIRef(f"{EX}f{i}") for i in range(5)]
    window = QueryResult(
        vars=("k1", "k2", "finding"),
        cells=((a, b, f[0]), (a, None, f[1]), (b, a, f[2]), (a, b, f[3]), (a, b, f[0]), (b, b, f[4])),
    )
    # sorted: (a, -) f1, (a, b) f0 f3 f0, (b, a) f2, (b, b) f4
    assert rows_choice(window, 2, 1) == ([f[1]], ((1, "a"), (0, "")))
    assert rows_choice(window, 2, 2) == ([f[1], f[0], f[3]], ((1, "a"), (1, "b")))
    assert rows_choice(window, 2, 5) == ([f[1], f[0], f[3], f[2]], ((1, "b"), (1, "a")))
    assert rows_choice(window, 2, 7) is None  # fewer combinations than the page needs
    numbers = QueryResult(vars=("k1", "finding"), cells=((Literal(1), f[0]),))
    assert rows_choice(numbers, 1, 1) is None  # only strings and unbound values compare here
    assert row_key([Literal("x", lang="en")]) is None


def test_a_page_past_the_window_is_refused() -> None:
    a, b = Literal("a"), Literal("b")
    page = QueryResult(vars=("k1", "other"), cells=((a, b), (b, a)))
    assert page_within(page, ("k1",), ((1, "b"),))
    assert not page_within(page, ("k1",), ((1, "a"),))
    assert not page_within(QueryResult(vars=("k1",)), ("k1",), ((1, "a"),))


def test_pages_from_a_server(oxigraph_server: OxigraphServer) -> None:
    from kg.graph.endpoint import Endpoint
    from kg.graph.remote import query_endpoint

    server = Endpoint(oxigraph_server.url)
    server.update(f"INSERT DATA {{ {_graph().serialize(format='nt')} }}")

    def run(text: str, values: dict[str, str], choices: Choices | None) -> QueryResult:
        return query_endpoint(server, text, values, choices)

    q = named_query(QUERY)
    for bound in BOUND:
        whole = list(run_query(_graph(), q.text, bound).rows)
        for offset in range(0, len(whole) + 1, 3):
            assert list(run_page(run, q, bound, Page(4, offset)).rows) == whole[offset : offset + 4]


def test_a_window_must_bind_a_variable_of_the_query() -> None:
    # a VALUES block on a variable the query lacks would multiply its rows: such a window is unused
    from kg.graph.row_windows import rows_choices

    q = named_query(QUERY)
    for var, used in (("findings", False), ("finding", True)):
        found = QueryResult(vars=("therapyLabel", var), cells=((Literal("a"), URIRef(f"{EX}f0")),))
        choices = list(
            rows_choices(
                lambda text, values, choices, found=found: found, q.text, "window", {"therapy": "a"}, 1
            )
        )
        assert bool(choices) is used, var
