"""Test the named SPARQL queries, safe bindings and result formatting."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph

from kg.errors import KgError
from kg.graph.query import (
    QueryResult,
    list_queries,
    named_query,
    parse_bindings,
    run_query,
)
from kg.graph.results import format_result

ITB = "intrathecal baclofen"
DCP = "dyskinetic cerebral palsy"
MORTALITY = "mortality <img src=x onerror=alert(1)>"
EEK = "Eek et al 2018"
RETRO = "retrospective study"


def _run(g: Graph, name: str, **bindings: str) -> QueryResult:
    return run_query(g, named_query(name).text, bindings)


def _dicts(result: QueryResult) -> list[dict[str, str | None]]:
    return [dict(zip(result.vars, row, strict=True)) for row in result.rows]


def test_list_queries_headers() -> None:
    # every shipped query has a title, a description and declares its parameters
    queries = {q.name: q for q in list_queries()}
    assert {
        "therapies-for-condition",
        "no-effect-findings",
        "findings-by-design",
        "evidence-for-therapy",
        "treatments",
    } <= set(queries)
    for q in queries.values():
        assert q.title and q.title != q.name
        assert q.description
        assert q.text.startswith("# title:")
    assert queries["therapies-for-condition"].params == ("condition",)
    assert queries["findings-by-design"].params == ("design",)
    assert queries["evidence-for-therapy"].params == ("therapy",)
    assert queries["treatments"].params == ()


def test_unknown_query_lists_names() -> None:
    with pytest.raises(KgError, match=r"unknown query 'nope' \(available: .*treatments"):
        named_query("nope")
    assert named_query("treatments.rq").name == "treatments"


def test_therapies_for_condition(sample_graph: Graph) -> None:
    # case does not matter; the negated mortality finding has no condition and is not listed
    rows = _dicts(_run(sample_graph, "therapies-for-condition", condition="Dyskinetic CEREBRAL Palsy"))
    assert rows == [
        {
            "therapy": ITB,
            "conditionLabel": DCP,
            "outcome": "dystonia",
            "direction": "Decrease",
            "negated": "false",
            "hedged": "false",
            "citation": EEK,
            "design": RETRO,
        },
        {
            "therapy": ITB,
            "conditionLabel": DCP,
            "outcome": "sitting",
            "direction": "Increase",
            "negated": "false",
            "hedged": "false",
            "citation": EEK,
            "design": RETRO,
        },
    ]


def test_unbound_parameter_returns_all(sample_graph: Graph) -> None:
    # without a binding the filter is skipped: every finding with a condition / every finding
    assert len(_run(sample_graph, "therapies-for-condition").rows) == 2
    assert len(_run(sample_graph, "evidence-for-therapy").rows) == 3
    assert len(_run(sample_graph, "findings-by-design").rows) == 2


def test_no_effect_findings(sample_graph: Graph) -> None:
    # an OPTIONAL that matches nothing (no condition) comes back as None
    rows = _dicts(_run(sample_graph, "no-effect-findings"))
    assert len(rows) == 1
    row = rows[0]
    assert (row["therapy"], row["outcome"], row["condition"]) == (ITB, MORTALITY, None)
    assert (row["direction"], row["negated"], row["citation"]) == ("NoChange", "true", "17")
    assert row["text"] is not None and row["text"].startswith("ITB did not increase mortality")


def test_findings_by_design(sample_graph: Graph) -> None:
    rows = _dicts(_run(sample_graph, "findings-by-design", design="RETROSPECTIVE STUDY"))
    assert [(r["designLabel"], r["outcome"], r["direction"]) for r in rows] == [
        (RETRO, "dystonia", "Decrease"),
        (RETRO, "sitting", "Increase"),
    ]
    # a design that no study has
    assert _run(sample_graph, "findings-by-design", design="case report").rows == ()


def test_evidence_for_therapy_by_alt_label(sample_graph: Graph) -> None:
    # "itb" matches the skos:altLabel "ITB" case-insensitively
    result = _run(sample_graph, "evidence-for-therapy", therapy="itb")
    rows = _dicts(result)
    assert len(rows) == 3
    assert {r["therapyLabel"] for r in rows} == {ITB}
    assert {(r["outcome"], r["direction"], r["negated"]) for r in rows} == {
        ("dystonia", "Decrease", "false"),
        ("sitting", "Increase", "false"),
        (MORTALITY, "NoChange", "true"),
    }
    mortality = next(r for r in rows if r["outcome"] == MORTALITY)
    assert (mortality["condition"], mortality["citation"], mortality["design"]) == (None, "17", None)
    assert all(
        r["finding"] and r["finding"].startswith("https://w3id.org/therapy-kg/id/finding/") for r in rows
    )
    assert _dicts(_run(sample_graph, "evidence-for-therapy", therapy=ITB.upper())) == rows


def test_treatments(sample_graph: Graph) -> None:
    # the negated mortality finding has no condition, so the edge has two supporting findings
    assert _dicts(_run(sample_graph, "treatments")) == [{"therapy": ITB, "condition": DCP, "findings": "2"}]


@pytest.mark.parametrize(
    "value",
    [
        'x" } ; DROP ALL ; #',
        "') || true || ('",
        '" || true || "',
        "?c } UNION { ?s ?p ?o",
        "",
    ],
)
def test_injection_like_values_match_nothing(sample_graph: Graph, value: str) -> None:
    # values are bound as literals, never pasted into the query: odd values just match nothing
    for name, param in [
        ("therapies-for-condition", "condition"),
        ("findings-by-design", "design"),
        ("evidence-for-therapy", "therapy"),
    ]:
        assert run_query(sample_graph, named_query(name).text, {param: value}).rows == ()
    assert len(sample_graph) > 0


def test_binding_unknown_variable(sample_graph: Graph) -> None:
    # a typo in a parameter name is an error, not a silently unfiltered result
    with pytest.raises(KgError, match=r"no variable \?conditon"):
        _run(sample_graph, "therapies-for-condition", conditon="x")


def test_bad_sparql(sample_graph: Graph) -> None:
    for text in ("SELEC ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE { ?x nope:p ?o }", "DROP ALL"):
        with pytest.raises(KgError) as exc:
            run_query(sample_graph, text)
        assert str(exc.value).startswith("bad SPARQL: ")
        assert "\n" not in str(exc.value)


def test_ask_and_construct(sample_graph: Graph) -> None:
    # project prefixes are predeclared for ad-hoc queries
    ask = run_query(sample_graph, "ASK { ?f a tkg:Finding ; tkg:negated true }")
    assert ask.boolean is True
    assert format_result(ask, "table") == "true"
    assert json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}
    built = run_query(sample_graph, "CONSTRUCT { ?t tkg:treats ?c } WHERE { ?t tkg:treats ?c }")
    assert built.graph is not None
    assert len(Graph().parse(data=built.graph, format="turtle")) == 1
    assert format_result(built, "csv") == built.graph


def test_parse_bindings() -> None:
    assert parse_bindings(["condition=cerebral palsy", "?x=a=b", "$y="]) == {
        "condition": "cerebral palsy",
        "x": "a=b",
        "y": "",
    }
    # no '=', a name that is not a SPARQL variable, a name given twice
    for bad in (["condition"], ["bad name=x"], ["=x"], ["a=1", "a=2"]):
        with pytest.raises(KgError):
            parse_bindings(bad)


def test_format_table(sample_graph: Graph) -> None:
    # IRIs are shortened with project prefixes, unbound cells are blank, long text is wrapped
    text = format_result(_run(sample_graph, "evidence-for-therapy", therapy="ITB"), "table")
    lines = text.splitlines()
    assert lines[0].split() == [
        "finding",
        "therapyLabel",
        "condition",
        "outcome",
        "direction",
        "negated",
        "hedged",
        "text",
        "citation",
        "design",
    ]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].startswith("id:")  # the IRI wrapped in its column
    assert "…" not in text and max(len(line) for line in lines) <= 100
    assert lines[-1] == "(3 rows)"
    assert format_result(QueryResult(vars=("a",), rows=()), "table").endswith("(0 rows)")


def test_format_csv(sample_graph: Graph) -> None:
    # the csv module quotes the commas and angle brackets of the sentence correctly
    result = _run(sample_graph, "no-effect-findings")
    parsed = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert parsed[0] == list(result.vars)
    assert parsed[1][1] == MORTALITY
    assert parsed[1][2] == ""
    assert parsed[1][5].endswith("(17).")


def test_format_json(sample_graph: Graph) -> None:
    # SPARQL 1.1 JSON results: typed terms, unbound variables left out of a binding
    result = _run(sample_graph, "evidence-for-therapy", therapy="itb")
    doc = json.loads(format_result(result, "json"))
    assert doc["head"]["vars"] == list(result.vars)
    bindings = doc["results"]["bindings"]
    assert len(bindings) == 3
    first = bindings[0]
    assert first["finding"]["type"] == "uri"
    assert first["therapyLabel"] == {"type": "literal", "value": ITB}
    assert first["negated"]["datatype"] == "http://www.w3.org/2001/XMLSchema#boolean"
    assert "condition" not in first and first["outcome"]["value"] == MORTALITY


def test_unknown_result_format(sample_graph: Graph) -> None:
    with pytest.raises(KgError, match=r"unknown result format 'xml' \(use one of table, csv, tsv, json\)"):
        format_result(_run(sample_graph, "treatments"), "xml")
