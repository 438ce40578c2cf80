"""Write encoded documents into an on-disk store in journalled batches.

Oxigraph's bulk loader is about three times faster than its transactional load but not atomic,
so the IRIs of the batch in flight are written to a journal first and the journal is removed
once the batch is flushed; a store opened with a journal left behind drops those documents (see
`kg.graph.store.recover`), so no document is ever left half written. Each document replaces any
earlier build of itself. (Loading on a second thread while extraction runs was measured slower
on two cores: the bulk loader uses the cores itself.) Ctrl-C stops a load between two batches:
the batch in flight is finished first (kg.interrupts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.evidence.refresh import document_therapies, refresh_store, therapies_in
from kg.evidence.weights import Weights, read_weights
from kg.graph.encode import EncodedDocument, bulk_load
from kg.graph.labels import settle_labels
from kg.graph.store import delete_document, has_document, journal_path, prune
from kg.interrupts import Interrupted, shielded

# quads buffered before a batch goes to the writer: the store compacts after each bulk load, so
# fewer, larger batches cost less CPU (measured at 10^5 sentences: 25 s of compaction with batches
# of 50,000 quads, 10 s with 200,000); the batch being loaded is most of the builder's memory
BATCH_QUADS = 150_000


@dataclass
class WriteStats:
    """What a store build wrote: documents, sentences, findings and quads."""

    documents: int = 0
    sentences: int = 0
    findings: int = 0
    quads: int = 0


@dataclass
class _Batch:
    """Documents (or pieces of them) to load together: their IRIs, the IRIs of those that begin
    here (whose earlier builds they replace) and end here, N-Quads and the entities they label."""

    graphs: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    entities: dict[str, None] = field(default_factory=dict)
    begun: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)


class _Writer:
    """Load batches into the store, in order, each replacing earlier builds of its documents."""

    def __init__(self, store: ox.Store, folder: Path | None) -> None:
        self.store = store
        self.journal = journal_path(folder) if folder is not None else None
        self.replaced = False
        self.touched: set[str] = set()  # the therapies whose evidence summaries must be rebuilt
        self.open: dict[str, None] = {}  # long documents begun in an earlier batch and not ended

    def write(self, batch: _Batch) -> None:
        """Journal a batch, drop earlier builds of the documents it begins, bulk-load it, give its
        entities one label each (with the labels the store held), flush, unjournal. A long
        document stays in the journal until the batch of its last piece is flushed."""
        if self.journal is not None:
            listed = {**self.open, **dict.fromkeys(batch.graphs)}
            self.journal.write_text("".join(f"{g}\n" for g in listed), encoding="utf-8")
        for graph in batch.begun:
            if has_document(self.store, graph):
                self.touched |= document_therapies(self.store, graph)
                delete_document(self.store, graph)
                self.replaced = True
        for part in batch.parts:
            self.touched |= therapies_in(part)
        bulk_load(self.store, batch.parts)
        if batch.entities:
            self.store.update(settle_labels(batch.entities))
        self.store.flush()  # out of Oxigraph's memory buffers: memory stays flat
        self.open = {g: None for g in {**self.open, **dict.fromkeys(batch.graphs)} if g not in batch.ended}
        if self.journal is not None:
            if self.open:
                self.journal.write_text("".join(f"{g}\n" for g in self.open), encoding="utf-8")
            else:
                self.journal.unlink()

    def abandon(self) -> None:
        """Remove the long documents a stopped build left without their last pieces."""
        for graph in self.open:
            delete_document(self.store, graph)
        if self.open:
            self.replaced = True
            self.store.update(settle_labels())
            self.open = {}
        if self.journal is not None and self.journal.exists():
            self.journal.unlink()


def _batch_of(docs: list[EncodedDocument]) -> _Batch:
    """Return what the writer loads of a batch of documents."""
    entities = {e: None for d in docs for e in d.entities}
    graphs = list(dict.fromkeys(d.graph for d in docs))
    begun = [d.graph for d in docs if d.part == 0]
    ended = [d.graph for d in docs if d.last]
    return _Batch(graphs, [d.nquads for d in docs], entities, begun, ended)


def batches(
    items: Iterable[EncodedDocument], stats: WriteStats, batch: int = BATCH_QUADS, whole: bool = False
) -> Iterator[list[EncodedDocument]]:
    """Yield the documents in batches of about `batch` quads, counting them into stats; a document
    seen again ends the batch, so that its later build replaces the earlier one. The pieces of a
    long document may go in several batches, unless `whole` keeps them in one."""
    current: list[EncodedDocument] = []
    graphs: set[str] = set()
    quads = 0
    for enc in items:
        if enc.part == 0 and enc.graph in graphs:
            yield current
            current, graphs, quads = [], set(), 0
        current.append(enc)
        graphs.add(enc.graph)
        quads += enc.quads
        stats.documents += enc.last
        stats.sentences += enc.sentences
        stats.findings += enc.findings
        stats.quads += enc.quads
        if quads >= batch and (enc.last or not whole):
            yield current
            current, graphs, quads = [], set(), 0
    if current:
        yield current


def load_encoded(
    store: ox.Store,
    items: Iterable[EncodedDocument],
    batch: int = 0,
    folder: Path | None = None,
    weights: Weights | None = None,
) -> WriteStats:
    """Load encoded documents into the store in batches of `batch` quads (0: BATCH_QUADS), each
    replacing any earlier build of itself; with the store's folder given, batches are journalled
    so that an interrupted load is undone. Then the evidence summaries of the therapies the
    documents (old and new) name are rebuilt."""
    writer = _Writer(store, folder)
    weights = weights or read_weights()

    def finish() -> None:
        writer.abandon()  # a long document whose last piece a Ctrl-C kept out
        if writer.replaced:  # treats edges that replaced documents no longer support go
            prune(store)
        refresh_store(store, weights, writer.touched)
        store.flush()

    return write_batches(
        items,
        batch or BATCH_QUADS,
        lambda docs: writer.write(_batch_of(docs)),
        finish,
    )


def write_batches(
    items: Iterable[EncodedDocument],
    batch: int,
    write: Callable[[list[EncodedDocument]], None],
    finish: Callable[[], None],
    whole: bool = False,
) -> WriteStats:
    """Write the documents in batches of about `batch` quads (a long document's pieces in one when
    `whole`), then finish. Ctrl-C waits for the batch in flight, and then for finish, and raises
    Interrupted saying how many documents are in (in full)."""
    stats = WriteStats()
    written = 0
    try:
        for docs in batches(items, stats, batch, whole):
            with shielded():
                write(docs)
                written += sum(d.last for d in docs)
    except KeyboardInterrupt:
        with shielded(), suppress(KgError):  # a server gone: the next build prunes instead
            finish()
        raise Interrupted(written) from None
    finish()
    return stats
