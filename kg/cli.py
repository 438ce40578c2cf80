"""Run therapy-kg from the command line: build, extract, query, render, export, validate, serve."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.core

from kg import __version__
from kg.errors import KgError
from kg.exits import run
from kg.model import Finding
from kg.resources import EXAMPLE_TEXT
from kg.streaming import err, progress, read_batch

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.graph.query import NamedQuery


# the value names of ordinary CLI help, for typer's type names
METAVARS = {"int": "INTEGER", "int range": "INTEGER RANGE", "str": "TEXT", "path": "PATH", "float": "FLOAT"}
_typer_display_type = typer.core._TyperParameter.display_type


def _metavar(param: typer.core._TyperParameter, ctx: Any) -> str | None:
    """Return an option's value name as ordinary CLI help writes it ("INTEGER", "PATH", "INTEGER
    RANGE"), none for a flag or an argument (the usage line names it), instead of typer's "<int>",
    "<bool>" and "<list[str]>"."""
    if isinstance(param, typer.core.TyperArgument) or getattr(param, "is_flag", False):
        return None
    if param.metavar is not None:
        return param.metavar
    name = _typer_display_type(param, ctx).strip("<>").removeprefix("list[").removesuffix("]")
    return METAVARS.get(name.lower(), name.upper())


typer.core.TyperOption.display_type_rich = _metavar  # type: ignore[assignment,method-assign]
typer.core.TyperArgument.display_type_rich = _metavar  # type: ignore[assignment,method-assign]

app = typer.Typer(
    name="kg",
    help="Build an RDF knowledge graph of therapy, condition, outcome and study claims from clinical text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # click's plain help: "--jobs INTEGER", "--batch-quads INTEGER RANGE  [x>=0]", not typer's
    # "<int>", "<bool>" and "<list[str]>" type names
    rich_markup_mode=None,
)
DEFAULT_OUT = Path("exports")
EXAMPLE_NAME = "therapy-kg"

Inputs = Annotated[list[str] | None, typer.Argument(help="Files, directories, or '-' for standard input.")]
Vocab = Annotated[
    list[Path] | None,
    typer.Option("--vocab", help="A SKOS vocabulary (Turtle) whose terms win over built-in ones."),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]
WeightsOpt = Annotated[
    Path | None,
    typer.Option("--weights", help="Evidence weights (JSON) for the summaries (default: the shipped file)."),
]
EndpointOpt = Annotated[
    str | None, typer.Option("--endpoint", help="A SPARQL 1.1 server's query URL (instead of GRAPH).")
]


@app.command()
def build(
    inputs: Inputs = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Graph file; the extension gives the format.")
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="Write into an on-disk Oxigraph store (created when missing)."),
    ] = None,
    vocab: Vocab = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Extraction processes (default: cores).")
    ] = None,
    page: Annotated[
        bool, typer.Option(help="Also write the interactive page (default with no INPUT).")
    ] = False,
    endpoint: EndpointOpt = None,
    update_endpoint: Annotated[
        str | None, typer.Option(help="The server's update URL (default: .../query -> .../update).")
    ] = None,
    cluster: Annotated[
        str | None, typer.Option(help="Extract on the Dask scheduler at this address (tcp://HOST:PORT).")
    ] = None,
    batch_quads: Annotated[
        int,
        typer.Option(
            min=0, help="Quads per write to a store or server (0: 150,000 for a store, 20,000 for a server)."
        ),
    ] = 0,
    weights: WeightsOpt = None,
    quiet: Quiet = False,
) -> None:
    """Extract findings from INPUT into a graph file or a store (no INPUT: the example into exports/)."""
    from kg import building
    from kg.graph.io import format_for_path

    if output is not None:
        format_for_path(output)  # an unknown format fails before any work
    if sum(x is not None for x in (store, output, endpoint)) > 1:
        raise KgError("give one of -o FILE, --store DIR or --endpoint URL")
    if not inputs:
        inputs = [str(EXAMPLE_TEXT)]
        if store is None and endpoint is None:
            output = output or DEFAULT_OUT / f"{EXAMPLE_NAME}.ttl"
            page = True
    batch = read_batch(inputs)
    with progress(quiet) as bar:
        src = building.Source(batch, vocab, jobs, bar, cluster, weights)
        if store is not None:
            summary = building.into_store(src, Path(store), batch_quads)
        elif endpoint is not None:
            summary = building.into_endpoint(src, endpoint, update_endpoint or "", batch_quads)
        else:
            summary = building.into_file(src, output or Path("graph.ttl"), page)
    if not quiet:
        sents, finds, size, where = summary
        err.print(f"{batch.summary()}, {sents} sentences, {finds} findings, {size} -> {where}")


@app.command()
def remove(
    doc: Annotated[
        str, typer.Argument(help="The document as it was built (its file name or path), or its IRI.")
    ],
    store: Annotated[Path | None, typer.Option("--store", help="The store folder.")] = None,
    endpoint: EndpointOpt = None,
    update_endpoint: Annotated[
        str | None, typer.Option(help="The server's update URL (default: .../query -> .../update).")
    ] = None,
    weights: WeightsOpt = None,
) -> None:
    """Take one document (its statements, findings and studies) out of a store or a SPARQL server;
    a PubMed or BioC file takes out every record built from it."""
    from kg.readers.text import document_id

    key = document_id(Path(doc)) if Path(doc).is_file() else doc
    if (store is None) == (endpoint is None):
        raise KgError("give --store DIR or --endpoint URL")
    if endpoint is not None:
        from kg.evidence.weights import read_weights
        from kg.graph.endpoint import Endpoint, redact
        from kg.graph.remote import remove_from_endpoint

        server = Endpoint(endpoint, update_endpoint or "")
        count, where = remove_from_endpoint(server, key, read_weights(weights)), redact(endpoint)
    elif store is not None:
        from kg.evidence.weights import store_weights
        from kg.graph.store import documents_of, open_store, remove_document

        target = open_store(store)
        chosen = store_weights(store, weights)
        count = sum(remove_document(target, k, chosen) for k in documents_of(target, key))
        where = str(store)
    if not count:
        raise KgError(f"no document {doc!r} in {where}")
    err.print(f"removed {doc} from {where}" + (f" ({count} documents)" if count > 1 else ""))


def _path(graph: Path | None) -> str | None:
    """Return a graph argument as the string the query runner takes."""
    return None if graph is None else str(graph)


def _load(graph: Path | None, endpoint: str | None = None) -> Graph:
    """Return the graph in a file, a store folder or a SPARQL server."""
    from kg.graph.io import load_graph
    from kg.graph.store import is_store, open_store, store_graph

    if (graph is None) == (endpoint is None):
        raise KgError("give a GRAPH file or store, or --endpoint URL")
    if endpoint is not None:
        from kg.graph.endpoint import Endpoint
        from kg.graph.remote import endpoint_graph

        return endpoint_graph(Endpoint(endpoint))
    path = Path(graph or "")
    return store_graph(open_store(path)) if is_store(path) else load_graph(path)


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, or '-'.")], vocab: Vocab = None
) -> None:
    """Print the findings of every sentence as JSON lines, for inspection."""
    from kg.pipeline import Extractor, iter_results

    for doc, results, _ in iter_results(read_batch(inputs).documents(), Extractor(vocab or [])):
        for r in results:
            record = {
                "doc": doc.id,
                "sentence": r.sentence.index,
                "start": r.sentence.start,
                "end": r.sentence.end,
                "text": r.sentence.text,
                "mentions": [
                    {
                        "kind": m.kind,
                        "label": m.label,
                        "text": m.text,
                        "start": m.start,
                        "end": m.end,
                        "identifiers": list(m.identifiers),
                        "source": m.source,
                    }
                    for m in r.mentions
                ],
                "studies": [asdict(s) for s in r.studies],
                "hedge_cue": r.hedge_cue,
                "findings": [finding_record(f) for f in r.findings],
                "arm_results": [{**finding_record(f), "reference": f.therapy.text} for f in r.arm_results],
            }
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def finding_record(f: Finding) -> dict[str, object]:
    """Return a finding as the JSON object `kg extract` prints."""
    return {
        "therapy": f.therapy.label,
        "condition": f.condition.label if f.condition else None,
        "outcome": f.outcome.label if f.outcome else None,
        "direction": f.direction,
        "negated": f.negated,
        "hedged": f.hedged,
        "negation_cue": f.evidence.negation_cue,
        "found_by": f.evidence.found_by,
        "comparator": f.comparator.label if f.comparator else None,
        "citation": f.study.citation if f.study else None,
        "design": f.study.design if f.study else None,
    }


def _query(sparql: str | None, file: Path | None, name: str | None) -> str | NamedQuery:
    """Return the one query given: a SPARQL string, the text of a .rq file, or a named query."""
    from kg.graph.query import named_query

    if sum(x is not None for x in (sparql, file, name)) != 1:
        raise KgError("give exactly one of: a SPARQL string, -f FILE, or --name NAME")
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KgError(f"cannot read query file {file}: {exc}") from None
    return named_query(name) if name is not None else sparql or ""


@app.command()
def query(
    graph: Annotated[
        str | None, typer.Argument(help="A graph file or store (with --endpoint: the query).")
    ] = None,
    sparql: Annotated[str | None, typer.Argument(help="A SPARQL query.")] = None,
    file: Annotated[Path | None, typer.Option("-f", "--file", help="Read the query from a .rq file.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="Run a named query (see --list).")] = None,
    bind: Annotated[list[str] | None, typer.Option("--bind", help="VAR=VALUE for a named query.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, tsv or json.")] = "table",
    list_: Annotated[bool, typer.Option("--list", help="List the named queries and exit.")] = False,
    endpoint: EndpointOpt = None,
    limit: Annotated[
        str | None, typer.Option("--limit", metavar="N", help="Show at most N rows (a page).")
    ] = None,
    offset: Annotated[
        str | None, typer.Option("--offset", metavar="K", help="Skip the first K rows first.")
    ] = None,
) -> None:
    """Run a SPARQL query, or a named competency query with bound values, on a graph or a server."""
    from kg.graph.paging import Page, count_option
    from kg.graph.query import list_queries, parse_bindings
    from kg.graph.results import format_result
    from kg.graph.sparql_text import has_order_by, query_form
    from kg.querying import run_on

    page = Page(count_option("--limit", limit), count_option("--offset", offset) or 0)
    if list_:
        for q in list_queries():
            params = " ".join(f"--bind {p}=..." for p in q.params)
            typer.echo(f"{q.name:26s} {q.title}  {params}")
        return
    if endpoint is not None and sparql is None:
        graph, sparql = None, graph  # no GRAPH with a server: the argument is the query
    if (graph is None) == (endpoint is None):
        raise KgError("give a GRAPH file or store, or --endpoint URL")
    query = _query(sparql, file, name)
    text = query if isinstance(query, str) else query.text
    if page != Page() and query_form(text) == "SELECT" and not has_order_by(text):
        err.print("kg: note: the query has no ORDER BY, so its pages may overlap", markup=False)
    result = run_on(graph, endpoint, query, parse_bindings(bind or []), page=page)
    out = format_result(result, fmt)
    typer.echo(out, nl=not out.endswith("\n"))  # CSV and TSV end with their last record's line end


@app.command()
def render(
    graph: Annotated[Path | None, typer.Argument(help="A graph file.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="The HTML page to write.")] = None,
    focus: Annotated[
        str | None, typer.Option("--focus", help="Draw only the neighbourhood of the node with this label.")
    ] = None,
    hops: Annotated[int, typer.Option("--hops", help="How far the --focus neighbourhood reaches.")] = 1,
    max_nodes: Annotated[
        int, typer.Option("--max-nodes", help="Above this, keep the most connected nodes (and say so).")
    ] = 3000,
    endpoint: EndpointOpt = None,
) -> None:
    """Write a self-contained interactive page of the graph."""
    from kg.render.page import write_page
    from kg.render.view import ViewOptions

    source = graph or Path("graph")  # a server's page is graph.html unless -o says otherwise
    out = output or (source / "graph.html" if source.is_dir() else source.with_suffix(".html"))
    options = ViewOptions(focus, hops, max_nodes)
    write_page(_load(graph, endpoint), out, f"therapy-kg: {source.stem}", options)
    err.print(f"wrote {out}")


@app.command()
def export(
    graph: Annotated[Path | None, typer.Argument(help="A graph file.")] = None,
    *,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Target file; the extension gives the format.")
    ],
    fmt: Annotated[
        str | None, typer.Option("--format", help="Override the format given by the extension.")
    ] = None,
    endpoint: EndpointOpt = None,
    summaries: Annotated[
        bool, typer.Option("--summaries", help="Write the evidence summaries as one CSV table.")
    ] = False,
) -> None:
    """Export a graph to another RDF format, GraphML or CSV nodes/edges (or its evidence summaries)."""
    from kg.export import export_graph, resolve_format, write_summaries
    from kg.querying import run_on

    if summaries:
        if (graph is None) == (endpoint is None):
            raise KgError("give a GRAPH file or store, or --endpoint URL")
        write_summaries(output, lambda text: run_on(_path(graph), endpoint, text, {}, named=True))
        err.print(f"wrote {output}")
        return
    resolve_format(output, fmt)  # fail on an unknown format before reading the graph
    paths = export_graph(_load(graph, endpoint), output, fmt)
    err.print("wrote " + ", ".join(str(p) for p in paths))


@app.command()
def validate(graph: Annotated[Path, typer.Argument(help="A graph file.")]) -> None:
    """Check a graph against the SHACL shapes of the contract; exit 1 on violations."""
    from kg.graph.validate import format_report, validate_graph

    report = validate_graph(_load(graph))
    typer.echo(format_report(report))
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def serve(
    graph: Annotated[Path | None, typer.Argument(help="A graph file (or a store folder).")] = None,
    store: Annotated[Path | None, typer.Option("--store", help="A store folder, served as it is.")] = None,
    port: Annotated[int, typer.Option("--port", help="The port on 127.0.0.1.")] = 7878,
    page: Annotated[bool, typer.Option(help="Also write the graph's interactive page.")] = True,
) -> None:
    """Serve a graph read-only as a SPARQL endpoint at http://127.0.0.1:PORT/query (Ctrl-C stops)."""
    from kg.serve import serve_graph

    serve_graph(graph, store, port, page)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def _print_version(value: bool) -> None:
    """Print the version and stop (kg --version)."""
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def _options(
    show_version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit.", callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    """Build an RDF knowledge graph of therapy, condition, outcome and study claims from clinical text."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line; bad input gives one line on stderr and a non-zero exit, never a traceback."""
    return run(typer.main.get_command(app), sys.argv[1:] if argv is None else list(argv))


if __name__ == "__main__":
    sys.exit(main())
