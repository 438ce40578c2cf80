"""Label positions (kg.evidence.positions): written with the evidence summaries by every kind of
build, the same whichever way a store was built (in one go, in parts with removals, by two
processes) and on a server; always computed again after a change; and the windows that read them
give every page of findings-by-design and therapies-for-condition as the slice of the whole query."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from positions_corpus import write_corpus
from rdflib import Literal, URIRef
from servers import OxigraphServer

from kg.cli import main
from kg.evidence.positions import position_triples
from kg.graph.paging import Page, run_page
from kg.graph.query import QueryResult, named_query
from kg.graph.sparql_text import Choices
from kg.namespaces import CONDITION_LISTING, TKG, XSD
from kg.querying import runner

POSITIONS = """SELECT ?listing ?label ?rows ?before WHERE {
  ?p a tkg:LabelPosition ; tkg:inListing ?listing ; tkg:positionLabel ?label ;
     tkg:listedRows ?rows ; tkg:rowsBefore ?before }"""
Rows = set[tuple[str, ...]]


def positions(capsys: pytest.CaptureFixture[str], *target: str) -> Rows:
    """The label positions of a graph file, a store or a server, as CSV rows."""
    capsys.readouterr()
    assert main(["query", *target, POSITIONS, "--format", "csv"]) == 0
    return {tuple(row) for row in csv.reader(io.StringIO(capsys.readouterr().out))}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The corpus as a file, a store built in one go, a store built in parts (half, all, one
    removed and built again) and a store built by two processes."""
    root = tmp_path_factory.mktemp("positions")
    docs = write_corpus(root / "docs")
    assert main(["build", str(root / "docs"), "-o", str(root / "g.ttl"), "-q"]) == 0
    assert main(["build", str(root / "docs"), "--store", str(root / "st"), "-q"]) == 0
    assert main(["build", *map(str, docs[:12]), "--store", str(root / "parts"), "-q"]) == 0
    assert main(["build", *map(str, docs), "--store", str(root / "parts"), "-q"]) == 0
    assert main(["remove", "d03.txt", "--store", str(root / "parts")]) == 0
    assert main(["build", str(docs[3]), "--store", str(root / "parts"), "-q"]) == 0
    assert main(["build", str(root / "docs"), "--store", str(root / "jobs"), "--jobs", "2", "-q"]) == 0
    return {"docs": root / "docs", "file": root / "g.ttl", "store": root / "st", "root": root,
            "parts": root / "parts", "jobs": root / "jobs"}  # fmt: skip


def test_positions_add_up_in_code_point_order() -> None:
    rct, b, a, big = TKG.RandomizedControlledTrial, Literal("b"), Literal("a"), Literal("B")
    triples = list(position_triples([(rct, b, 2), (rct, a, 3), (rct, big, 1), (CONDITION_LISTING, b, 4)]))
    starts = {(str(s_listing), str(label), int(before)) for s_listing, label, before in _starts(triples)}
    assert starts == {
        (str(rct), "B", 0),
        (str(rct), "a", 1),
        (str(rct), "b", 4),
        (str(CONDITION_LISTING), "b", 0),
    }
    # a label that is not a plain string: the listing's labels all begin at 0 (its window gives up)
    tagged = list(position_triples([(rct, b, 2), (rct, Literal("a", lang="en"), 3)]))
    assert {int(before) for _, _, before in _starts(tagged)} == {0}
    assert Literal(1).datatype == XSD.integer


def _starts(triples: list[tuple[object, object, object]]) -> list[tuple[object, object, object]]:
    """Return (listing, label, rowsBefore) of each position among triples."""
    by_node: dict[object, dict[object, object]] = {}
    for s, p, o in triples:
        by_node.setdefault(s, {})[p] = o
    return [(d[TKG.inListing], d[TKG.positionLabel], d[TKG.rowsBefore]) for d in by_node.values()]


def test_every_build_gives_the_same_positions(
    built: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    expected = positions(capsys, str(built["file"]))
    listings = {row[0] for row in expected}
    assert str(CONDITION_LISTING) in listings and str(TKG.RandomizedControlledTrial) in listings
    for kind in ("store", "parts", "jobs"):
        assert positions(capsys, str(built[kind])) == expected, kind


def test_a_server_gives_the_same_positions_and_follows_kg_remove(
    oxigraph_server: OxigraphServer, built: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    url = oxigraph_server.url
    assert main(["build", str(built["docs"]), "--endpoint", url, "-q"]) == 0
    assert positions(capsys, "--endpoint", url) == positions(capsys, str(built["file"]))
    # after a removal, as a store after the same removal (shared descriptions stay in both)
    assert main(["remove", "d05.txt", "--endpoint", url]) == 0
    store = built["root"] / "removed"
    shutil.copytree(built["store"], store)
    assert main(["remove", "d05.txt", "--store", str(store)]) == 0
    assert positions(capsys, "--endpoint", url) == positions(capsys, str(store))
    assert positions(capsys, str(store)) != positions(capsys, str(built["store"]))
    _check_pages(None, url, "server", (2,))


def test_positions_follow_a_new_label_with_no_finding_touched(tmp_path: Path, built: dict[str, Path]) -> None:
    # a later document may give a therapy a better label without a finding of it: the positions
    # are computed again all the same
    from kg.evidence.refresh import refresh_store
    from kg.evidence.weights import read_weights
    from kg.graph.store import open_store, query_store

    shutil.copytree(built["store"], tmp_path / "st")
    store = open_store(tmp_path / "st")
    store.update(
        """PREFIX tkg: <https://w3id.org/therapy-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        DELETE { ?t rdfs:label ?l } INSERT { ?t rdfs:label "Aaa" }
        WHERE { ?f tkg:therapy ?t . ?t rdfs:label ?l FILTER(?l = "baclofen") }"""
    )
    refresh_store(store, read_weights(), set())
    labels = {row[1] for row in query_store(store, POSITIONS).rows}
    assert "Aaa" in labels and "baclofen" not in labels


CASES = [
    ("findings-by-design", {"design": "randomized controlled trial"}),
    ("findings-by-design", {"design": "case series"}),
    ("therapies-for-condition", {}),
]


def _check_pages(
    graph: str | None, endpoint: str | None, kind: str, sizes: tuple[int, ...] = (1, 2, 5)
) -> None:
    """Every page of the cases, read through the positions' windows, is the slice of the whole."""
    base = runner(graph, endpoint, True)
    calls: list[Choices | None] = []

    def recording(text: str, values: dict[str, str], choices: Choices | None) -> QueryResult:
        calls.append(choices)
        return base(text, values, choices)

    for name, bound in CASES:
        q = named_query(name)
        whole = list(base(q.text, bound, None).rows)
        assert len(whole) > 3, (kind, name)
        for size in sizes:
            for offset in range(len(whole) + 1):
                page = run_page(recording, q, bound, Page(size, offset)).rows
                assert list(page) == whole[offset : offset + size], (kind, name, bound, size, offset)
        calls.clear()
        assert list(run_page(recording, q, bound, Page(1)).rows) == whole[:1]
        assert calls[-1] and "therapy" in calls[-1] and len(calls[-1]["therapy"]) < 3, (kind, name)


@pytest.mark.parametrize("kind", ["file", "store", "parts", "jobs"])
def test_pages_through_the_positions_are_slices_of_the_whole_query(built: dict[str, Path], kind: str) -> None:
    _check_pages(str(built[kind]), None, kind, (3,) if kind == "file" else (1, 2, 5))  # rdflib is slow


def test_a_graph_without_positions_pages_through_the_live_windows(
    built: dict[str, Path], tmp_path: Path
) -> None:
    from kg.graph.io import load_graph, write_graph

    g = load_graph(built["file"])
    for node in set(g.subjects(None, TKG.LabelPosition)):
        g.remove((node, None, None))
    bare = tmp_path / "bare.ttl"
    write_graph(g, bare)
    calls: list[str] = []
    base = runner(str(bare), None, True)

    def recording(text: str, values: dict[str, str], choices: Choices | None) -> QueryResult:
        calls.append(text)
        return base(text, values, choices)

    q = named_query("therapies-for-condition")
    whole = base(q.text, {}, None).rows
    assert run_page(recording, q, {}, Page(2)).rows == whole[:2]
    assert not any("LabelPosition ;" in text or "tkg:rowsBefore" in text for text in calls)
    assert URIRef(str(TKG.LabelPosition))


def test_the_walk_of_a_graph_counts_as_the_query_does() -> None:
    # a file build walks its graph in Python; a store and a server run POSITION_ROWS: the same
    # counts, with findings in two conditions, without a study or a design, and repeated rows
    from rdflib import Graph

    from kg.evidence.positions import POSITION_ROWS, graph_positions
    from kg.namespaces import RDFS

    ex = "https://example.org/positions/"
    g = Graph()
    t, s, bare = URIRef(f"{ex}t"), URIRef(f"{ex}s"), URIRef(f"{ex}s2")
    g.add((t, RDFS.label, Literal("t")))
    g.add((s, TKG.design, TKG.CaseSeries))
    for i, (conditions, study, outcome) in enumerate(
        [
            ((), s, "o1"),
            (("c1", "c2"), s, "o1"),
            (("c1",), None, None),
            (("c1",), bare, "o2"),
            (("c1",), s, "o1"),
        ]
    ):
        f = URIRef(f"{ex}f{i}")
        g.add((f, TKG.therapy, t))
        g.add((f, TKG.direction, TKG.Increase))
        g.add((f, TKG.negated, Literal(False)))
        for c in conditions:
            g.add((f, TKG.condition, URIRef(ex + c)))
        if study is not None:
            g.add((f, TKG.study, study))
        if outcome is not None:
            g.add((f, TKG.outcome, URIRef(ex + outcome)))
    queried = {(listing, label, int(n)) for listing, label, n in g.query(POSITION_ROWS)}  # type: ignore[misc]
    assert set(graph_positions(g)) == queried
    assert queried == {(TKG.CaseSeries, Literal("t"), 3), (CONDITION_LISTING, Literal("t"), 4)}
