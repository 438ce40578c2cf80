"""Run named or ad-hoc SPARQL queries on a graph, with safe bindings (kg.graph.results formats them)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Identifier

from kg.errors import KgError, first_line
from kg.graph.sparql_text import Choices, with_values
from kg.namespaces import BIBO, DCTERMS, ID, MESH, OWL, PROV, RDF, RDFS, SKOS, TKG, XSD
from kg.resources import ontology_file

QUERY_DIR = "queries"
PREFIXES: dict[str, str] = {
    "tkg": str(TKG._NS),
    "id": str(ID),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "dcterms": str(DCTERMS),
    "bibo": str(BIBO),
    "mesh": str(MESH),
}
_VAR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$")
# "# bind: therapy=therapyKey": a parameter bound to another variable of the query, so that the
# result can show the node's label in a column of the parameter's name
_ALIASES = re.compile(r"^#\s*bind\s*:\s*(.*?)\s*$", re.MULTILINE)

Row = tuple[str | None, ...]
Cells = tuple[Identifier | None, ...]


@dataclass(frozen=True)
class NamedQuery:
    """A shipped .rq query: its file name without extension, header comments and text."""

    name: str
    title: str
    description: str
    params: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class QueryResult:
    """The result of a query: SELECT rows, an ASK boolean, or a CONSTRUCT/DESCRIBE graph as Turtle."""

    vars: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    graph: str | None = None
    cells: tuple[Cells, ...] = field(default=(), repr=False, compare=False)


def _read_named(name: str, text: str) -> NamedQuery:
    """Build a NamedQuery from a file's text, reading its '# key: value' header lines."""
    title, description = name, ""
    params: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m and m.group(1) == "title":
            title = m.group(2)
        elif m and m.group(1) == "description":
            description = m.group(2)
        elif m:
            params.extend(p.strip().lstrip("?$") for p in m.group(2).split(",") if p.strip())
    return NamedQuery(name, title, description, tuple(params), text)


def list_queries() -> list[NamedQuery]:
    """Return every shipped named query, sorted by name."""
    folder = ontology_file(QUERY_DIR)
    files = sorted(folder.glob("*.rq")) if folder.is_dir() else []
    return [_read_named(p.stem, p.read_text(encoding="utf-8")) for p in files]


def named_query(name: str) -> NamedQuery:
    """Return one shipped query by name (with or without '.rq'), or fail listing the names."""
    wanted = name.removesuffix(".rq")
    queries = list_queries()
    for q in queries:
        if q.name == wanted:
            return q
    names = ", ".join(q.name for q in queries) or "none"
    raise KgError(f"unknown query '{name}' (available: {names})")


def parse_bindings(items: list[str]) -> dict[str, str]:
    """Parse 'VAR=VALUE' strings (a leading '?' or '$' on VAR is allowed) into a dict."""
    out: dict[str, str] = {}
    for item in items:
        var, sep, value = item.partition("=")
        var = var.strip().lstrip("?$")
        if not sep or not _VAR_NAME.match(var):
            raise KgError(f"bad binding '{item}': use VAR=VALUE, e.g. condition='cerebral palsy'")
        if var in out:
            raise KgError(f"binding '{var}' given twice")
        out[var] = value
    return out


def bind_aliases(sparql: str) -> dict[str, str]:
    """Return the parameters that a query's '# bind: a=b, c=d' header binds to other variables."""
    out: dict[str, str] = {}
    for m in _ALIASES.finditer(sparql):
        for pair in m.group(1).split(","):
            name, sep, var = pair.partition("=")
            if sep and _VAR_NAME.match(name.strip()) and _VAR_NAME.match(var.strip()):
                out[name.strip()] = var.strip()
    return out


def without_unbound_keys(query: NamedQuery, bound: Iterable[str]) -> str:
    """Return a named query's text without the `?node tkg:labelKey ?key .` pattern of each
    parameter that is not bound: unbound, it only repeats each row once per label of the node
    (every node of a built graph has one), which DISTINCT then folds again."""
    aliases = bind_aliases(query.text)
    text = query.text
    for param in set(query.params) - set(bound):
        var = aliases.get(param, param)
        text = re.sub(rf"[?$]\w+\s+tkg:labelKey\s+[?$]{var}\s*\.", "", text)
    return text


def check_bindings(sparql: str, bindings: dict[str, str]) -> dict[str, Literal]:
    """Turn binding values into literals, refusing variables the query does not use.

    A variable the query matches against tkg:labelKey (the lower-cased labels of a node) gets the
    lower-cased value, so that names match case-insensitively through an index."""
    out: dict[str, Literal] = {}
    aliases = bind_aliases(sparql)
    for given, value in bindings.items():
        var = aliases.get(given, given)
        if not _VAR_NAME.match(var) or not re.search(rf"[?$]{var}\b", sparql):
            raise KgError(f"the query has no variable ?{var} to bind")
        keyed = re.search(rf"tkg:labelKey\s+[?$]{var}\b", sparql) is not None
        out[var] = Literal(value.lower() if keyed else value)
    return out


def _text(term: Identifier | None) -> str | None:
    """Return the plain string value of a result term (None when unbound)."""
    return None if term is None else str(term)


def to_query_result(res: Result) -> QueryResult:
    """Convert an rdflib query result into a QueryResult."""
    if res.type == "ASK":
        return QueryResult(boolean=bool(res.askAnswer))
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        for triple in res:
            g.add(triple)  # type: ignore[arg-type]
        return QueryResult(graph=g.serialize(format="turtle"))
    names = tuple(str(v) for v in (res.vars or []))
    cells: tuple[Cells, ...] = tuple(
        tuple(t if isinstance(t, Identifier) else None for t in row)  # type: ignore[union-attr]
        for row in res
    )
    rows = tuple(tuple(_text(t) for t in row) for row in cells)
    return QueryResult(vars=names, rows=rows, cells=cells)


def run_query(
    g: Graph, sparql: str, bindings: dict[str, str] | None = None, choices: Choices | None = None
) -> QueryResult:
    """Run a SPARQL query with caller values passed as bindings (never pasted into the text), and
    the terms some variables may take (choices) in VALUES blocks of escaped terms."""
    init = check_bindings(sparql, bindings or {})
    if choices:
        sparql = with_values(sparql, {}, choices)
    try:
        prepared = prepareQuery(sparql, initNs=PREFIXES)
    except Exception as exc:  # pyparsing and rdflib raise several types for a malformed query
        raise KgError(f"bad SPARQL: {first_line(exc)}") from exc
    try:
        res = g.query(prepared, initBindings=init)
        return to_query_result(res)
    except KgError:
        raise
    except Exception as exc:
        raise KgError(f"query failed: {first_line(exc)}") from exc
