"""Build into each kind of target: a graph file (with its page), an on-disk store, a SPARQL server.

Each function streams a batch of inputs through the extractors into its target and returns the
summary the command line prints: sentences, findings, size, and where the graph went.
"""

from __future__ import annotations

from pathlib import Path

from rich.progress import Progress

from kg.pipeline import encoded_of, results_of
from kg.readers.dispatch import Batch
from kg.streaming import check_read, stream

Summary = tuple[int, int, str, str]


def into_store(
    batch: Batch,
    folder: Path,
    vocab: list[Path] | None,
    jobs: int | None,
    bar: Progress,
    cluster: str | None,
    batch_quads: int,
) -> Summary:
    """Build into an on-disk store (created when missing), each document replacing its old build."""
    from kg.graph.store import open_store
    from kg.graph.writer import load_encoded

    target = open_store(folder, create=True)
    items = stream(batch, vocab, jobs, bar, encoded_of, cluster)
    stats = load_encoded(target, items, batch_quads, folder=folder)
    check_read(batch)
    return stats.sentences, stats.findings, f"{stats.quads} quads", str(folder)


def into_endpoint(
    batch: Batch,
    endpoint: str,
    update: str,
    vocab: list[Path] | None,
    jobs: int | None,
    bar: Progress,
    cluster: str | None,
    batch_quads: int,
) -> Summary:
    """Build into a SPARQL 1.1 server, one named graph per document."""
    from kg.graph.endpoint import Endpoint, redact
    from kg.graph.remote import load_endpoint

    server = Endpoint(endpoint, update)
    items = stream(batch, vocab, jobs, bar, encoded_of, cluster)
    stats = load_endpoint(server, items, batch_quads)
    check_read(batch)
    return stats.sentences, stats.findings, f"{stats.quads} quads, {server.retries} retries", redact(endpoint)


def into_file(
    batch: Batch,
    out: Path,
    page: bool,
    vocab: list[Path] | None,
    jobs: int | None,
    bar: Progress,
    cluster: str | None,
) -> Summary:
    """Build an in-memory graph, write it to a file (and the interactive page beside it)."""
    from kg.graph.build import add_document, new_graph
    from kg.graph.io import write_graph

    g = new_graph()
    n_sent = n_find = 0
    title = ""
    for doc, res in stream(batch, vocab, jobs, bar, results_of, cluster):
        add_document(g, doc, res)
        n_sent, n_find = n_sent + len(res), n_find + sum(len(r.findings) for r in res)
        title = title or doc.title or "graph"
    check_read(batch)
    write_graph(g, out)
    written = [str(out)]
    if page:
        from kg.render.page import write_page

        written.append(str(write_page(g, out.with_suffix(".html"), title=f"therapy-kg: {title}")))
    return n_sent, n_find, f"{len(g)} triples", ", ".join(written)
