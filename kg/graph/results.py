"""Format query results: a table that fits the terminal's 100 columns, CSV, TSV, SPARQL 1.1 JSON.

The table shortens IRIs with the project's prefixes and wraps long cells onto more lines instead
of cutting them; CSV and TSV end with their last record (no empty record after it)."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from typing import Any

import numpy as np
from numpy.typing import NDArray
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import KgError
from kg.graph.query import PREFIXES, QueryResult

FORMATS = ("table", "csv", "tsv", "json")
TABLE_WIDTH = 100
GAP = "  "
MIN_COLUMN = 4
MAX_WORD = 16
SAMPLE_ROWS = 500

Array = NDArray[np.float64]


def _compact(term: Identifier | None, value: str | None) -> str:
    """Return a short readable form of a cell for the table: prefixed IRIs, '' when unbound."""
    if value is None:
        return ""
    if isinstance(term, URIRef) or (term is None and value.startswith(("http://", "https://"))):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
            if value.startswith(ns) and len(value) > len(ns):
                return f"{prefix}:{value[len(ns) :]}"
    if isinstance(term, BNode):
        return f"_:{value}"
    return " ".join(value.split())


def _give_way(widths: list[int], floor: list[int], budget: int, lengths: Array | None = None) -> list[int]:
    """Return widths narrowed until they fit budget or reach floor: each step narrows the column
    that adds the fewest lines to the table (estimated from the cells' lengths), the widest of
    those; without lengths, the widest column."""
    widths = list(widths)
    while sum(widths) > budget:
        open_ = [k for k in range(len(widths)) if widths[k] > floor[k]]
        if not open_:
            break
        if lengths is None or not len(lengths):
            i = max(open_, key=lambda k: widths[k])
        else:
            w = np.array(widths, dtype=float)
            base = np.ceil(lengths / w).max(axis=1).sum()
            cost = {}
            for k in open_:
                w[k] -= 1
                cost[k] = np.ceil(lengths / w).max(axis=1).sum() - base
                w[k] += 1
            i = min(open_, key=lambda k: (cost[k], -widths[k]))
        widths[i] -= 1
    return widths


def column_widths(
    natural: list[int],
    headers: list[int],
    width: int = TABLE_WIDTH,
    words: list[int] | None = None,
    lengths: Array | None = None,
) -> list[int]:
    """Return column widths that fit width with the gaps between columns. Columns give way first
    down to their longest word (up to MAX_WORD: no word is broken), choosing at each step the one
    that adds the fewest lines (lengths: the cells' lengths, a row each), then down to their header
    (or MIN_COLUMN); too many columns stay as narrow as that allows."""
    budget = width - len(GAP) * (len(natural) - 1)
    low = [min(n, max(h, MIN_COLUMN)) for n, h in zip(natural, headers, strict=True)]
    whole = [max(lo, min(n, w, MAX_WORD)) for lo, n, w in zip(low, natural, words or low, strict=True)]
    return _give_way(_give_way(natural, whole, budget, lengths), low, budget)


def _lines(cell: str, width: int) -> list[str]:
    """Return a cell wrapped to width (long words broken), at least one line."""
    return textwrap.wrap(cell, width, break_on_hyphens=False) or [""]


def format_table(result: QueryResult, width: int = TABLE_WIDTH) -> str:
    """Return a text table of SELECT rows that fits width, long cells wrapped, with a row count."""
    cells = result.cells or tuple(tuple(None for _ in row) for row in result.rows)
    body = [
        [_compact(t, v) for t, v in zip(trow, row, strict=True)]
        for trow, row in zip(cells, result.rows, strict=True)
    ]
    heads = list(result.vars)
    natural = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(heads)]
    words = [max([0, *(len(w) for r in body for w in r[i].split())]) for i in range(len(heads))]
    # the cells' lengths (of the first rows: enough to judge) steer which column gives way
    lengths = np.array([[max(len(c), 1) for c in r] for r in body[:SAMPLE_ROWS]], dtype=float)
    widths = column_widths(natural, [len(h) for h in heads], width, words, lengths.reshape(-1, len(heads)))
    out = [GAP.join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip()]
    out.append(GAP.join("-" * w for w in widths))
    for r in body:
        wrapped = [_lines(c, w) for c, w in zip(r, widths, strict=True)]
        for k in range(max(len(x) for x in wrapped) if wrapped else 0):
            parts = [(x[k] if k < len(x) else "").ljust(w) for x, w in zip(wrapped, widths, strict=True)]
            out.append(GAP.join(parts).rstrip())
    n = len(result.rows)
    out.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(out)


def format_delimited(result: QueryResult, delimiter: str = ",") -> str:
    """Return SELECT rows as CSV (or TSV) with a header record; unbound cells are empty; the text
    ends with the last record's line end and nothing after it."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.vars)
    writer.writerows([["" if v is None else v for v in row] for row in result.rows])
    return buf.getvalue()


def _json_term(term: Identifier | None, value: str) -> dict[str, str]:
    """Return the SPARQL 1.1 JSON results form of one bound value."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": value}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": value}
    out = {"type": "literal", "value": value}
    if isinstance(term, Literal) and term.language:
        out["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def format_json(result: QueryResult) -> str:
    """Return the result in the SPARQL 1.1 Query Results JSON format."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2)
    cells = result.cells or tuple(tuple(None for _ in row) for row in result.rows)
    bindings: list[dict[str, Any]] = []
    for trow, row in zip(cells, result.rows, strict=True):
        bindings.append(
            {var: _json_term(t, v) for var, t, v in zip(result.vars, trow, row, strict=True) if v is not None}
        )
    doc = {"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Format a result as 'table', 'csv', 'tsv' or 'json'; ASK gives true/false, CONSTRUCT Turtle."""
    if fmt not in FORMATS:
        raise KgError(f"unknown result format '{fmt}' (use one of {', '.join(FORMATS)})")
    if result.graph is not None:
        return result.graph
    if result.boolean is not None and fmt != "json":
        return "true" if result.boolean else "false"
    if fmt in ("csv", "tsv"):
        return format_delimited(result, "," if fmt == "csv" else "\t")
    if fmt == "json":
        return format_json(result)
    return format_table(result)
