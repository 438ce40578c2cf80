"""Choose a reader for each input, by its content first and its extension second, and read a batch.

Inputs are files, directories (read recursively) or '-' for standard input. PubMed XML, BioC XML
and BioC JSON are recognised by their opening bytes whatever the file is called; other inputs are
text, except .xml/.json files (and XML on standard input) of no known kind, which are skipped as
an unknown format. A skipped input or record is reported once and the batch goes on."""

from __future__ import annotations

import logging
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError
from kg.model import Document
from kg.readers import bioc_json, bioc_xml, pubmed, text
from kg.readers.base import HEAD_BYTES, Item, Reader, Skipped, Source

# structured formats, tried in this order on an input's first bytes; text is the fallback
STRUCTURED: tuple[Reader, ...] = (pubmed, bioc_xml, bioc_json)
STRUCTURED_SUFFIXES = frozenset().union(*(r.SUFFIXES for r in STRUCTURED))
DIRECTORY_SUFFIXES = text.SUFFIXES | STRUCTURED_SUFFIXES
FIRST_TAG_RE = re.compile(rb"<([A-Za-z][\w:.-]*)")
LOG = logging.getLogger("kg")


def choose(head: bytes, suffix: str) -> Reader | None:
    """Return the reader of an input from its first bytes and its extension; None when unknown."""
    for reader in STRUCTURED:
        if reader.sniff(head):
            return reader
    if suffix.lower() in STRUCTURED_SUFFIXES or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"):
        return None
    return text


def _unknown(head: bytes, name: str, where: str) -> Skipped:
    """Return the Skipped item of an input in no format that a reader knows."""
    tag = FIRST_TAG_RE.search(head)
    what = f"XML with root <{tag.group(1).decode('ascii', 'replace')}>" if tag else "not PubMed XML or BioC"
    return Skipped(name, "unknown format", f"{where}: unknown format ({what}); skipped")


def _head(data: Source) -> bytes:
    """Return the first bytes of an input (a file is left where it was)."""
    if isinstance(data, bytes):
        return data[:HEAD_BYTES]
    at = data.tell()
    head = data.read(HEAD_BYTES)
    data.seek(at)
    return head


def read_data(data: Source, name: str, suffix: str = "", where: str = "") -> Iterator[Item]:
    """Yield the documents (and Skipped items) of an input's bytes or open file; name makes the
    documents' identifiers, where names the input in messages (its path; name when not given)."""
    head = _head(data)
    reader = choose(head, suffix)
    if reader is None:
        yield _unknown(head, name, where or name)
        return
    yield from reader.read(data, name, where or name)


def _file_items(path: Path, name: str) -> Iterator[Item]:
    """Yield the documents and Skipped items of one file, read as it is parsed."""
    try:
        with text.open_bytes(path) as fh:
            yield from read_data(fh, name, path.suffix, str(path))
    except OSError as exc:  # a read that fails half-way
        raise text.input_error(path, exc) from None


def document_files(path: Path) -> list[Path]:
    """Return the readable files under a directory, recursively, in sorted order."""
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DIRECTORY_SUFFIXES)
    if not files:
        raise KgError(f"{path} holds no .txt, .md, .xml or .json files")
    return files


def _items(item: str) -> Iterator[Item]:
    """Yield the documents and Skipped items of one command-line input."""
    if item == "-":
        yield from read_data(sys.stdin.buffer.read(), "stdin", where="standard input")
        return
    path = Path(item)
    if path.is_dir():
        for p in document_files(path):
            yield from _file_items(p, text.document_id(p, path))
    else:
        yield from _file_items(path, text.document_id(path))


def _count_file(path: Path) -> int:
    """Return about how many documents a file holds, reading a structured file a chunk at a time
    and only the head of a text file."""
    try:
        with path.open("rb") as fh:
            reader = choose(fh.read(HEAD_BYTES), path.suffix)
            if reader is None:
                return 0
            if reader is text:
                return 1
            fh.seek(0)
            return reader.count(fh)
    except OSError:
        return 1  # the read fails later, with its own message


def count_inputs(inputs: Sequence[str]) -> int:
    """Return about how many documents the inputs hold (records of PubMed and BioC files included)."""
    total = 0
    for i in inputs:
        path = Path(i)
        if i == "-":
            total += 1
        elif path.is_dir():
            total += sum(_count_file(p) for p in document_files(path))
        else:
            total += _count_file(path)
    return total


def _log(skipped: Skipped) -> None:
    """Report a skipped input as a warning (the default for library callers)."""
    LOG.warning("kg: %s", skipped.message)


@dataclass
class Batch:
    """The reading of a batch of inputs: its documents, and a tally of what was read and skipped."""

    inputs: Sequence[str]
    on_skip: Callable[[Skipped], None] = _log
    read: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def documents(self) -> Iterator[Document]:
        """Yield every document of the inputs, in order, reporting each skipped one as it comes."""
        for item in self.inputs:
            for got in _items(item):
                if isinstance(got, Skipped):
                    self.skipped[got.reason] += 1
                    self.on_skip(got)
                else:
                    self.read += 1
                    yield got

    def summary(self) -> str:
        """Return "N document(s) read, M skipped (reasons)"."""
        n = sum(self.skipped.values())
        why = ", ".join(
            f"{k} {reason}" for reason, k in sorted(self.skipped.items(), key=lambda x: (-x[1], x[0]))
        )
        return f"{self.read} document(s) read, {n} skipped" + (f" ({why})" if why else "")


def read_inputs(inputs: Sequence[str], on_skip: Callable[[Skipped], None] = _log) -> Iterator[Document]:
    """Yield the documents named by command-line inputs: files, directories, or '-' for stdin."""
    return Batch(inputs, on_skip).documents()
