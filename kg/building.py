"""Build into each kind of target: a graph file (with its page), an on-disk store, a SPARQL server.

Each function streams the documents of a Source through the extractors into its target and
returns the summary the command line prints: sentences, findings, size, and where the graph went.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rich.progress import Progress

from kg.pipeline import encoded_of, results_of
from kg.readers.dispatch import Batch
from kg.streaming import check_read, stream

Summary = tuple[int, int, str, str]
T = TypeVar("T")


@dataclass(frozen=True)
class Source:
    """The inputs of a build and how to extract them: vocabularies, processes or cluster, bar."""

    batch: Batch
    vocab: list[Path] | None
    jobs: int | None
    bar: Progress
    cluster: str | None = None
    weights: Path | None = None  # the evidence weights file (None: the shipped one)

    def stream(self, fn: Callable[..., T]) -> Iterator[T]:
        """Yield fn's result (an extraction, or its encoding) for each document, in order."""
        return stream(self.batch, self.vocab, self.jobs, self.bar, fn, self.cluster)


def into_store(src: Source, folder: Path, batch_quads: int) -> Summary:
    """Build into an on-disk store (created when missing), each document replacing its old build."""
    from kg.evidence.weights import store_weights
    from kg.graph.store import open_store
    from kg.graph.writer import load_encoded

    target = open_store(folder, create=True)
    weights = store_weights(folder, src.weights)
    stats = load_encoded(target, src.stream(encoded_of), batch_quads, folder=folder, weights=weights)
    check_read(src.batch)
    return stats.sentences, stats.findings, f"{stats.quads} quads", str(folder)


def into_endpoint(src: Source, endpoint: str, update: str, batch_quads: int) -> Summary:
    """Build into a SPARQL 1.1 server, one named graph per document."""
    from kg.evidence.weights import read_weights
    from kg.graph.endpoint import Endpoint, redact
    from kg.graph.remote import load_endpoint

    server = Endpoint(endpoint, update)
    stats = load_endpoint(server, src.stream(encoded_of), batch_quads, read_weights(src.weights))
    check_read(src.batch)
    return stats.sentences, stats.findings, f"{stats.quads} quads, {server.retries} retries", redact(endpoint)


def into_file(src: Source, out: Path, page: bool) -> Summary:
    """Build an in-memory graph and write it to a file (and the interactive page beside it)."""
    from kg.evidence.refresh import summarise_graph
    from kg.evidence.weights import read_weights
    from kg.graph.build import add_document, new_graph
    from kg.graph.io import write_graph

    weights = read_weights(src.weights)  # a bad weights file fails before any extraction
    g = new_graph()
    n_sent = n_find = n_docs = 0
    title = ""
    for doc, res, last in src.stream(results_of):
        add_document(g, doc, res)
        n_sent, n_find = n_sent + len(res), n_find + sum(len(r.findings) for r in res)
        n_docs, title = n_docs + last, title or doc.title or doc.name
    check_read(src.batch)
    summarise_graph(g, weights)
    write_graph(g, out)
    # the summary names where the files went in full: a build with no input writes into ./exports
    written = [str(out.resolve())]
    if page:
        from kg.render.page import write_page

        name = title if n_docs == 1 else f"{n_docs} documents"
        written.append(str(write_page(g, out.with_suffix(".html"), title=f"therapy-kg: {name}").resolve()))
    return n_sent, n_find, f"{len(g)} triples", ", ".join(written)
