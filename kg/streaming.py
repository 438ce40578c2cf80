"""Stream a batch of inputs through the extractors for the command line, with a progress bar
(documents, sentences/s) and one line on stderr for each input or record that is skipped."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from kg.errors import KgError
from kg.readers.base import Skipped
from kg.readers.dispatch import Batch

T = TypeVar("T")
err = Console(stderr=True, soft_wrap=True)


class RateColumn(ProgressColumn):
    """Show the sentences per second of the work so far."""

    def render(self, task: Task) -> Text:
        """Return the rate as text."""
        sentences = task.fields.get("sentences", 0)
        elapsed = task.elapsed or 0.0
        return Text(f"{sentences / elapsed:,.0f} sentences/s" if elapsed > 0 else "")


def progress(quiet: bool) -> Progress:
    """Return a progress bar on standard error (documents, sentences/s); off when quiet, and when
    standard error is not a terminal (where it would only leave a blank line)."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    )


def stream(
    batch: Batch,
    vocab: list[Path] | None,
    jobs: int | None,
    bar: Progress,
    fn: Callable[..., T],
    cluster: str | None = None,
) -> Iterator[T]:
    """Stream a batch's documents through fn (extraction, and for a store its encoding) in jobs
    processes or on a Dask cluster, advancing the bar by documents and sentences."""
    from kg.pipeline import Extractor, parallel_map
    from kg.readers.dispatch import count_inputs

    total = count_inputs(batch.inputs)
    workers = _workers(batch.inputs, jobs or os.cpu_count() or 1, total)
    task = bar.add_task("extracting", total=total, sentences=0)
    done = 0
    if cluster is not None:
        from kg.cluster import cluster_map

        items: Iterator[T] = cluster_map(fn, batch.documents(), vocab or [], cluster)
    else:
        items = parallel_map(fn, batch.documents(), Extractor(vocab or []), workers)
    for item in items:
        done += _sentences(item)
        bar.update(task, advance=int(getattr(item, "last", True)), sentences=done)
        yield item


def _workers(inputs: Sequence[str], wanted: int, total: int) -> int:
    """Return how many processes to extract with: no more than there are documents, unless a
    file is long enough to be cut into pieces (kg.pieces) that keep them all busy."""
    from kg.pieces import LONG_CHARS
    from kg.readers.dispatch import document_files

    if total >= wanted:
        return wanted
    paths = [
        p for i in inputs if i != "-" for p in (document_files(Path(i)) if Path(i).is_dir() else [Path(i)])
    ]
    long = any(p.is_file() and p.stat().st_size > LONG_CHARS for p in paths)
    return wanted if long else max(1, total)


def _report_skip(skipped: Skipped) -> None:
    """Print one line for an input or record that is skipped."""
    err.print(f"kg: {skipped.message}", markup=False, highlight=False)


def check_read(batch: Batch) -> None:
    """Fail when a batch gave no document at all (every input was skipped)."""
    if not batch.read:
        raise KgError(f"no documents to build: {batch.summary()}")


def read_batch(inputs: list[str]) -> Batch:
    """Return the reading of the inputs, reporting each skipped one on stderr."""
    return Batch(inputs, _report_skip)


def _sentences(item: object) -> int:
    """Return the number of sentences of a streamed item (results or an encoded document)."""
    if isinstance(item, tuple):
        return len(item[1])
    return int(getattr(item, "sentences", 0))
