"""Pages of query rows (`kg query --limit N --offset K`) on a file, a store and a server, and the
named queries answered through the evidence summaries: the same rows as the whole query gives."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from rdflib import Literal
from servers import OxigraphServer

from kg.cli import main
from kg.errors import KgError
from kg.evidence.rdf import summary_nodes
from kg.graph.io import load_graph, write_graph
from kg.graph.paging import Page, count_option
from kg.graph.query import QueryResult, list_queries, named_query, run_query
from kg.graph.sparql_text import Token, apply_page, code_tokens, first_order_key, has_order_by, with_values
from kg.graph.store import open_store
from kg.namespaces import XSD
from kg.querying import run_on
from kg.resources import EXAMPLE_TEXT

PAGE = 7


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example built once into a file and a store, and the file again without its summaries."""
    folder = tmp_path_factory.mktemp("paging")
    ttl, store, bare = folder / "example.ttl", folder / "store", folder / "bare.ttl"
    assert main(["build", str(EXAMPLE_TEXT), "-o", str(ttl), "-q"]) == 0
    assert main(["build", str(EXAMPLE_TEXT), "--store", str(store), "-q"]) == 0
    g = load_graph(ttl)
    for node in summary_nodes(g):
        g.remove((node, None, None))
    write_graph(g, bare)
    return {"file": ttl, "store": store, "bare": bare}


def _pages(graph: Path, name: str, size: int = PAGE) -> list[tuple[str | None, ...]]:
    """Return every row of a named query, read a page at a time until a short page."""
    rows: list[tuple[str | None, ...]] = []
    while True:
        page = run_on(str(graph), None, named_query(name), {}, page=Page(size, len(rows))).rows
        rows += page
        if len(page) < size:
            return rows


def test_pages_add_up_to_the_whole_result(built: dict[str, Path]) -> None:
    # on a file and on a store every named query, read a page at a time, gives the rows of the
    # whole query as it is written (the plain rdflib run of its text), in order
    g = load_graph(built["file"])
    for q in list_queries():
        whole = run_query(g, q.text).rows
        assert whole or q.name == "contradictions", q.name
        for kind in ("file", "store"):
            assert _pages(built[kind], q.name) == list(whole), (q.name, kind)


def test_pages_without_summaries_are_the_same(built: dict[str, Path]) -> None:
    # a graph without evidence summaries (an older build) answers the listings from its findings
    for name in ("treatments", "no-effect-findings"):
        assert _pages(built["bare"], name, 3) == _pages(built["file"], name, 3)
        assert _pages(built["bare"], name, 3)


def test_store_without_summaries_gives_the_same_pages(built: dict[str, Path], tmp_path: Path) -> None:
    from kg.evidence.refresh import DELETE_ALL_SUMMARIES

    store = tmp_path / "store"
    assert main(["build", str(EXAMPLE_TEXT), "--store", str(store), "-q"]) == 0
    open_store(store).update(DELETE_ALL_SUMMARIES)
    for name in ("treatments", "no-effect-findings"):
        assert _pages(store, name, 2) == _pages(built["store"], name, 2)


def test_every_named_query_orders_on_every_column() -> None:
    # pages never overlap or leave a row out: rows that tie on the ORDER BY are the same row
    for q in list_queries():
        toks = [t for t in code_tokens(q.text) if t.depth == 0]
        words = [t.text.upper() for t in toks]
        select, where = words.index("SELECT"), words.index("WHERE")
        order = max(i for i, w in enumerate(words) if w == "ORDER")
        clause = range(select, where)
        projected = {toks[k].text for k in clause if toks[k].kind == "var" and _projected(toks, select, k)}
        ordered = {t.text for t in toks[order:] if t.kind == "var"}
        assert projected and projected <= ordered, (q.name, projected - ordered)


def _projected(toks: list[Token], select: int, k: int) -> bool:
    """Return whether a variable of the SELECT clause is a column: outside brackets, or after AS."""
    depth = sum({"(": 1, ")": -1}.get(t.text, 0) for t in toks[select:k] if t.kind == "punct")
    return depth == 0 or toks[k - 1].is_word("AS")


@pytest.mark.parametrize(
    ("query", "page", "expected"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o }", Page(10, 5), "SELECT ?s WHERE { ?s ?p ?o }\nLIMIT 10 OFFSET 5\n"),
        ("SELECT ?s WHERE { ?s ?p ?o } # last", Page(3), "SELECT ?s WHERE { ?s ?p ?o } # last\nLIMIT 3\n"),
        (
            "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5 OFFSET 2",
            Page(10, 1),
            "SELECT ?s WHERE { ?s ?p ?o } LIMIT 4 OFFSET 3",
        ),
        (
            "SELECT ?s WHERE { ?s ?p ?o } limit 5",
            Page(None, 8),
            "SELECT ?s WHERE { ?s ?p ?o } LIMIT 0 OFFSET 8",
        ),
        (
            "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 } } VALUES ?s { <a> }",
            Page(2),
            "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 } } LIMIT 2\nVALUES ?s { <a> }",
        ),
        ('SELECT ?s WHERE { ?s ?p "LIMIT 5" }', Page(1), 'SELECT ?s WHERE { ?s ?p "LIMIT 5" }\nLIMIT 1\n'),
    ],
)
def test_apply_page(query: str, page: Page, expected: str) -> None:
    assert apply_page(query, page.limit, page.offset) == expected


def test_apply_page_refuses_other_forms() -> None:
    with pytest.raises(KgError, match="SELECT"):
        apply_page("ASK { ?s ?p ?o }", 1)
    assert apply_page("ASK { ?s ?p ?o }", None, 0) == "ASK { ?s ?p ?o }"


def test_order_keys_are_read_from_the_top_level() -> None:
    assert first_order_key(named_query("treatments").text) == ("findings", True)
    assert first_order_key(named_query("no-effect-findings").text) == ("therapy", False)
    assert first_order_key("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s } }") is None
    assert not has_order_by("SELECT * WHERE { ?s ?p '# ORDER BY ?s' }")
    assert has_order_by("SELECT * WHERE { ?s ?p ?o } order by ?s")


def test_choices_are_escaped_terms() -> None:
    # a value that looks like SPARQL stays one literal of a VALUES block
    text = with_values("SELECT ?x WHERE { ?s ?p ?x }", {}, {"x": [Literal('a" } DROP ALL #'), Literal(3)]})
    toks = code_tokens(text)
    assert [t.text for t in toks if t.kind == "string"] == ['"a\\" } DROP ALL #"', '"3"']
    braces = [t.text for t in toks if t.kind == "punct" and t.text in "{}"]
    assert braces.count("{") == braces.count("}") == 2


@pytest.mark.parametrize("value", ["x", "-1", "1.5", "", " 3 4"])
def test_bad_page_values_are_one_line_and_exit_2(
    built: dict[str, Path], capsys: pytest.CaptureFixture[str], value: str
) -> None:
    for option in ("--limit", "--offset"):
        code = main(["query", str(built["file"]), "--name", "treatments", option, value])
        err = capsys.readouterr().err
        assert code == 2
        assert err.strip().splitlines() == [
            f"kg: error: {option} takes a whole number of rows (0 or more), not {value!r}"
        ]
    assert count_option("--limit", " 12 ") == 12


def test_offset_past_the_end_gives_the_header_only(
    built: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    for kind in ("file", "store"):
        args = ["query", str(built[kind]), "--name", "treatments", "--offset", "100000", "--format", "csv"]
        assert main([*args, "--limit", "5"]) == 0
        assert capsys.readouterr().out == "therapy,condition,findings\n"
        assert main(["query", str(built[kind]), "--name", "treatments", "--limit", "0"]) == 0
        assert capsys.readouterr().out.rstrip().endswith("(0 rows)")


def test_cli_pages_of_ad_hoc_sparql(built: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    q = "SELECT ?l WHERE { ?t a tkg:Therapy ; rdfs:label ?l } ORDER BY ?l"
    assert main(["query", str(built["store"]), q, "--format", "csv"]) == 0
    whole = list(csv.reader(io.StringIO(capsys.readouterr().out)))[1:]
    assert main(["query", str(built["store"]), q, "--format", "csv", "--limit", "2", "--offset", "1"]) == 0
    assert list(csv.reader(io.StringIO(capsys.readouterr().out)))[1:] == whole[1:3]
    assert main(["query", str(built["file"]), "SELECT ?t WHERE { ?t a tkg:Therapy }", "--limit", "1"]) == 0
    assert "no ORDER BY" in capsys.readouterr().err
    assert main(["query", str(built["file"]), "ASK { ?t a tkg:Therapy }", "--limit", "1"]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1].endswith("page the rows of a SELECT query")


def test_pages_from_a_server(
    oxigraph_server: OxigraphServer, built: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    url = oxigraph_server.url
    assert main(["build", str(EXAMPLE_TEXT), "--endpoint", url, "-q"]) == 0
    for name in ("treatments", "no-effect-findings", "evidence-summary"):
        args = ["--name", name, "--limit", "2", "--offset", "1", "--format", "csv"]
        assert main(["query", "--endpoint", url, *args]) == 0
        served = capsys.readouterr().out
        assert main(["query", str(built["store"]), *args]) == 0
        assert served == capsys.readouterr().out
        assert len(list(csv.reader(io.StringIO(served)))) == 3


def test_a_listing_page_runs_on_its_window_only(built: dict[str, Path]) -> None:
    # the first page of a listing binds its first ORDER BY key to the few values the window chose
    from kg.graph.paging import run_page
    from kg.querying import runner

    calls: list[dict[str, list[object]] | None] = []
    base = runner(str(built["store"]), None, True)

    def recording(text: str, values: dict[str, str], choices: object) -> QueryResult:
        calls.append(None if choices is None else {k: list(v) for k, v in choices.items()})  # type: ignore[attr-defined]
        return base(text, values, choices)  # type: ignore[arg-type]

    listings = (
        ("no-effect-findings", "therapy"),
        ("evidence-summary", "strength"),
        ("treatments", "findings"),
    )
    for name, var in listings:
        calls.clear()
        whole = base(named_query(name).text, {}, None).rows
        assert run_page(recording, named_query(name), {}, Page(1)).rows == whole[:1]
        chosen = [c for c in calls if c]
        assert chosen and list(chosen[-1]) == [var] and len(chosen[-1][var]) < len(whole)


def test_window_choice() -> None:
    from kg.graph.paging import window_choice

    def window(*rows: tuple[Literal, int]) -> QueryResult:
        cells = tuple((k, Literal(n)) for k, n in rows)
        return QueryResult(vars=("key", "rows"), rows=tuple((str(k), str(n)) for k, n in cells), cells=cells)

    a, b, c = Literal("a"), Literal("b"), Literal("c")
    assert window_choice(window((b, 2), (a, 1), (c, 5)), False, 3) == [a, b]
    assert window_choice(window((b, 2), (a, 1), (c, 5)), True, 5) == [c]
    assert window_choice(window((a, 1), (a, 2), (b, 1)), False, 3) == [a]  # one label, two nodes
    assert window_choice(window((a, 1), (b, 1)), False, 3) is None  # fewer rows than the page needs
    assert window_choice(window((a, 1), (Literal(2), 1)), False, 1) is None  # strings and numbers
    one, same = Literal("1.0", datatype=XSD.decimal), Literal("1.00", datatype=XSD.decimal)
    two = Literal("2.0", datatype=XSD.decimal)
    assert window_choice(window((two, 1), (one, 1), (same, 1)), True, 2) == [two, one, same]  # ties


def test_treatment_summaries_follow_a_removal(tmp_path: Path) -> None:
    # a store's treatment summaries are rebuilt with the evidence summaries: after a document
    # leaves, the listing read from them is still the listing of the findings
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Metformin reduced HbA1c in patients with type 2 diabetes.", encoding="utf-8")
    (docs / "b.txt").write_text(
        "Metformin lowered weight in type 2 diabetes. Aspirin reduced pain in arthritis.", encoding="utf-8"
    )
    store = tmp_path / "store"
    assert main(["build", str(docs), "--store", str(store), "-q"]) == 0
    whole = named_query("treatments").text
    for removed in ("a.txt", "b.txt"):
        expected = run_on(str(store), None, whole, {}).rows
        assert _pages(store, "treatments", 1) == list(expected)
        assert expected or removed == "b.txt"
        assert main(["remove", removed, "--store", str(store)]) == 0
    assert run_on(str(store), None, "SELECT * WHERE { ?s a tkg:TreatmentSummary }", {}).rows == ()
