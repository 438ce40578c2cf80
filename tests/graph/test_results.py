"""Test the result formats: CSV and TSV records, SPARQL 1.1 JSON, a table that fits 100 columns."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from rdflib import Literal, URIRef

from kg.graph.query import QueryResult
from kg.graph.results import column_widths, format_result, format_table
from kg.namespaces import ID, TKG

LONG = "Intrathecal baclofen reduced spasticity and improved comfort, sitting and care " * 2


def _result(rows: int) -> QueryResult:
    finding = URIRef(str(ID["finding/abc"]))
    cells = tuple((finding, Literal(f"{LONG.strip()} {i}"), None, TKG.Decrease) for i in range(rows))
    return QueryResult(
        vars=("finding", "text", "condition", "direction"),
        rows=tuple(tuple(None if c is None else str(c) for c in row) for row in cells),
        cells=cells,
    )


def _kg(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, check=True)
    return done.stdout


def test_csv_and_tsv_have_no_empty_record_after_the_last() -> None:
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        text = format_result(_result(2), fmt)
        records = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert records[0] == ["finding", "text", "condition", "direction"]
        assert len(records) == 3 and all(records)
        assert records[1][1] == f"{LONG.strip()} 0" and records[1][2] == ""
        # an empty result is the header record alone
        assert list(csv.reader(io.StringIO(format_result(_result(0), fmt)), delimiter=delimiter)) == [
            ["finding", "text", "condition", "direction"]
        ]


def test_the_command_line_prints_no_empty_record(tmp_path: Path) -> None:
    graph = tmp_path / "g.ttl"
    graph.write_text("", encoding="utf-8")
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        out = _kg("query", str(graph), "SELECT ?s ?p WHERE { ?s ?p ?o }", "--format", fmt)
        assert list(csv.reader(io.StringIO(out), delimiter=delimiter)) == [["s", "p"]]
        assert out == f"s{delimiter}p\n"
    doc = json.loads(_kg("query", str(graph), "SELECT ?s WHERE { ?s ?p ?o }", "--format", "json"))
    assert doc == {"head": {"vars": ["s"]}, "results": {"bindings": []}}


def test_json_is_sparql_results() -> None:
    doc = json.loads(format_result(_result(1), "json"))
    (binding,) = doc["results"]["bindings"]
    assert binding["finding"] == {"type": "uri", "value": str(ID["finding/abc"])}
    assert binding["text"]["type"] == "literal" and "condition" not in binding
    assert binding["direction"] == {"type": "uri", "value": str(TKG.Decrease)}


def test_table_fits_100_columns_wraps_and_shortens_iris() -> None:
    text = format_table(_result(2))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert "…" not in text
    # every word of the long text is there, wrapped over several lines
    joined = " ".join(" ".join(lines).split())
    assert all(word in joined for word in LONG.split())
    assert len(lines) > 2 + 2 + 1
    assert lines[2].startswith("id:finding/abc") and "tkg:Decrease" in lines[2]


def test_column_widths_give_way_widest_first() -> None:
    assert column_widths([10, 20], [3, 3], width=40) == [10, 20]
    assert column_widths([10, 200], [3, 4], width=40) == [10, 28]
    # words stay whole while they can: the column of short words gives way before a word breaks
    assert column_widths([16, 40], [4, 4], width=32, words=[16, 5]) == [16, 14]
    assert column_widths([16, 40], [4, 4], width=32) == [15, 15]
    # never below a header (or 4 characters), even when the columns cannot all fit
    assert column_widths([50] * 20, [12] * 20, width=100) == [12] * 20


def test_the_column_that_adds_fewest_lines_gives_way() -> None:
    # one long cell in the first column, long cells on every row of the second: narrowing the
    # first wraps one row, narrowing the second wraps all of them
    lengths = np.array([[40, 40], [5, 40], [5, 40], [5, 40]], dtype=float)
    narrow, wide = column_widths([40, 40], [4, 4], width=62, words=[5, 5], lengths=lengths)
    assert narrow + wide == 60 and narrow < wide
    assert column_widths([40, 40], [4, 4], width=62, words=[5, 5]) == [30, 30]
