"""Run extraction on a Dask distributed cluster: documents fanned out to the workers as futures.

Each worker process loads the extractor once (a cached per-process global, keyed by the
vocabularies) and keeps it for every document it is given. Documents are submitted in a window
of futures and their results gathered in input order, so that memory stays bounded and the graph
is the same as a one-process build. The workers need therapy-kg installed (and any `--vocab` file
at the same path).
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from kg.errors import KgError, first_line
from kg.model import Document
from kg.pieces import Unit, units
from kg.pipeline import Extractor

T = TypeVar("T")
# documents in flight per worker: enough to keep each busy while results come back
WINDOW_PER_WORKER = 16
# seconds to wait for the scheduler to answer
CONNECT_TIMEOUT_S = 30


@lru_cache(maxsize=2)
def worker_extractor(vocabularies: tuple[str, ...]) -> Extractor:
    """Return this process's extractor for the vocabularies, loading it on first use."""
    return Extractor([Path(v) for v in vocabularies])


def run_on_worker(fn: Callable[[Extractor, Unit], T], vocabularies: tuple[str, ...], unit: Unit) -> T:
    """Run one job (a document, or a piece of a long one) on a worker with its cached extractor."""
    return fn(worker_extractor(vocabularies), unit)


def connect(address: str) -> Any:
    """Return a Dask client of the scheduler at an address, or fail with one line."""
    try:
        from distributed import Client
    except ImportError:
        raise KgError("--cluster needs Dask: pip install 'therapy-kg[cluster]'") from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        raise KgError(f"cannot reach the Dask scheduler at {address}: {first_line(exc)}") from None


def cluster_map(
    fn: Callable[[Extractor, Unit], T],
    documents: Iterable[Document],
    vocabularies: Sequence[Path],
    address: str,
) -> Iterator[T]:
    """Yield fn(extractor, unit) for each document, or each piece of a long one (kg.pieces), in
    input order, computed on a Dask cluster."""
    client = connect(address)
    vocab = tuple(str(v) for v in vocabularies)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending: collections.deque[Any] = collections.deque()
        for unit in units(documents):
            pending.append(client.submit(run_on_worker, fn, vocab, unit, pure=False))
            if len(pending) >= WINDOW_PER_WORKER * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
