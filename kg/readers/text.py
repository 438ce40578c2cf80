"""Read plain-text and Markdown documents from files, directories and standard input."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from kg.errors import KgError
from kg.model import Document

LOG = logging.getLogger("kg")
REPLACEMENT = "\ufffd"
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
# a file with NUL bytes in its first block is binary, whatever its extension
SNIFF_BYTES = 8192


def decode(data: bytes, name: str) -> str:
    """Return the text of a file's bytes, refusing binary data with one clear error; bytes that
    are not UTF-8 become U+FFFD, with one warning line."""
    if b"\x00" in data[:SNIFF_BYTES]:
        raise KgError(f"{name} is not a text file (it contains binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count(REPLACEMENT) - data.decode("utf-8-sig", errors="ignore").count(REPLACEMENT)
        LOG.warning(
            "kg: warning: %s is not all UTF-8: %d undecodable byte sequence(s) read as U+FFFD, "
            "the first at byte %d",
            name,
            bad,
            exc.start,
        )
        return text


def document_id(path: Path, root: Path | None = None) -> str:
    """Return a document's identifier: its path inside the folder being read, or its file name.

    It does not depend on the current folder, so `kg build docs/` and `kg build docs/a.txt` name
    the same document "a.txt", and a rebuild replaces it."""
    if root is not None:
        return path.relative_to(root).as_posix()
    return path.name


def read_file(path: Path, doc_id: str | None = None) -> Document:
    """Return one document read from a text file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KgError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise KgError(f"{path} is a directory") from None
    except OSError as exc:
        raise KgError(f"cannot read {path}: {exc.strerror or exc}") from None
    return Document(doc_id or document_id(path), decode(data, str(path)), title=path.stem)


def _files(path: Path) -> list[Path]:
    """Return the text files under a directory, recursively, in sorted order."""
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES - {""})
    if not files:
        raise KgError(f"{path} holds no .txt or .md files")
    return files


def _directory(path: Path) -> Iterator[Document]:
    """Yield the text documents under a directory, recursively, in sorted order."""
    for p in _files(path):
        yield read_file(p, document_id(p, path))


def count_inputs(inputs: Sequence[str]) -> int:
    """Return how many documents the inputs name, without reading them."""
    return sum(len(_files(Path(i))) if i != "-" and Path(i).is_dir() else 1 for i in inputs)


def read_inputs(inputs: Sequence[str]) -> Iterator[Document]:
    """Yield the documents named by command-line inputs: files, directories, or '-' for stdin."""
    for item in inputs:
        if item == "-":
            yield Document("stdin", decode(sys.stdin.buffer.read(), "standard input"), title="stdin")
            continue
        path = Path(item)
        if path.is_dir():
            yield from _directory(path)
        else:
            yield read_file(path)
