"""Read plain-text and Markdown documents from files, directories and standard input."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import BinaryIO

from kg.errors import KgError
from kg.model import Document
from kg.readers.base import Item, Skipped, Source, whole

FORMAT = "text"
SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
TEXT_SUFFIXES = {*SUFFIXES, ""}
LOG = logging.getLogger("kg")
REPLACEMENT = "\ufffd"
# a file with NUL bytes in its first block is binary, whatever its extension
SNIFF_BYTES = 8192
# binary formats that hold text, by extension and by their opening bytes, with what to do instead
CONVERTIBLE: tuple[tuple[str, bytes, str], ...] = (
    (".pdf", b"%PDF", "a PDF file: convert it to text first (e.g. pdftotext FILE.pdf)"),
    (".docx", b"PK\x03\x04", "a Word file: convert it to text first (e.g. pandoc -t plain FILE.docx)"),
    (".doc", b"\xd0\xcf\x11\xe0", "a Word file: convert it to text first (e.g. antiword FILE.doc)"),
)


def binary_skip(head: bytes, name: str, where: str) -> Skipped:
    """Return the Skipped item of a binary input, saying how to read it when its format holds text."""
    suffix = PurePath(where or name).suffix.lower()
    advice = next((a for ext, magic, a in CONVERTIBLE if suffix == ext or head.startswith(magic)), None)
    what = advice or "binary data, not text"
    return Skipped(name, "binary file", f"{where or name}: {what}; skipped")


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


def input_error(path: Path, exc: OSError) -> KgError:
    """Return the one-line error of an input file that cannot be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return KgError(f"no such file: {path}")
    if isinstance(exc, IsADirectoryError):
        return KgError(f"{path} is a directory")
    return KgError(f"cannot read {path}: {exc.strerror or exc}")


def open_bytes(path: Path) -> BinaryIO:
    """Return an input file opened for reading in binary, failing with one clear line."""
    try:
        return path.open("rb")
    except OSError as exc:
        raise input_error(path, exc) from None


def read_bytes(path: Path) -> bytes:
    """Return the bytes of an input file, failing with one clear line."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise input_error(path, exc) from None


def read_file(path: Path, doc_id: str | None = None) -> Document:
    """Return one document read from a text file."""
    return Document(doc_id or document_id(path), decode(read_bytes(path), str(path)), title=path.stem)


def sniff(head: bytes) -> bool:
    """Return whether an input is text: any input without NUL bytes is (the fallback format)."""
    return b"\x00" not in head


def count(data: Source) -> int:
    """Return the number of documents of a text input: one."""
    return 1


def read(data: Source, name: str, where: str = "") -> Iterator[Item]:
    """Yield the one document of a text input; binary data is skipped with one line, non-UTF-8
    bytes are read as U+FFFD with one warning."""
    raw = whole(data)
    if b"\x00" in raw[:SNIFF_BYTES] or raw.startswith(tuple(magic for _, magic, _ in CONVERTIBLE)):
        yield binary_skip(raw[:SNIFF_BYTES], name, where)
        return
    yield Document(name, decode(raw, where or name), title=PurePath(name).stem or name)
