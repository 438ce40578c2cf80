"""Hold what every reader shares: the skipped-input record, safe XML parsing, text assembly.

An input reaches a reader as its bytes, or as its open file: XML is parsed from the file as it is
read, so that a large PubMed file never sits in memory whole, and XML nested deeper than
MAX_DEPTH elements is refused (a tree that deep is hostile, and each open element costs memory)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Protocol
from xml.etree.ElementTree import Element, ParseError

from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import iterparse

from kg.model import Document

# the first bytes a reader looks at to recognise its format
HEAD_BYTES = 4096
# the deepest nesting of XML elements read (libxml2's default limit too); PubMed and BioC need ~10
MAX_DEPTH = 256
# bytes read at a time when counting records in a file
CHUNK_BYTES = 1 << 20
PARAGRAPH_GAP = "\n\n"
SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Skipped:
    """An input, or one record of it, that was not read: where, why (a short reason), the message."""

    name: str
    reason: str
    message: str


Item = Document | Skipped
# an input: its bytes, or its file opened for reading in binary
Source = bytes | BinaryIO


class Reader(Protocol):
    """What a reader module offers: its name, the file name endings it claims, and three functions."""

    FORMAT: str
    SUFFIXES: frozenset[str]

    def sniff(self, head: bytes) -> bool:
        """Return whether the first bytes of an input are in this reader's format."""
        ...

    def count(self, data: Source) -> int:
        """Return about how many documents the input holds, without parsing it."""
        ...

    def read(self, data: Source, name: str, where: str = "") -> Iterator[Item]:
        """Yield the documents of an input (their identifiers made from name), and a Skipped item
        for each part that cannot be read (its message naming the input as where, else name)."""
        ...


def clean(text: str | None) -> str:
    """Return text with each run of white space (line breaks of the XML included) as one space."""
    return SPACE_RE.sub(" ", text or "").strip()


# MathML elements whose second child is an accent over or under the first (the dot of V̇O2)
MATH_ACCENTS = frozenset({"mover", "munder", "munderover"})


def _math_text(el: Element) -> str:
    """Return the text of a MathML formula as it reads inline: its leaves joined without the white
    space between their tags, accents left out ("(V̇O2max)" is "(VO2max)", not "( V . O 2 m a x )")."""
    children = list(el)
    if local(el.tag) in MATH_ACCENTS and children:
        children = children[:1]
    return (el.text or "").strip() + "".join(_math_text(c) + (c.tail or "").strip() for c in children)


def _inline_text(el: Element) -> str:
    """Return the text of an element and its inline markup, a MathML formula read as one word."""
    if local(el.tag) == "math":
        return _math_text(el)
    return (el.text or "") + "".join(_inline_text(c) + (c.tail or "") for c in el)


def element_text(el: Element | None) -> str:
    """Return the text of an element with its inline markup (<i>, <sub>, <sup>, MathML) kept as text."""
    return "" if el is None else clean(_inline_text(el))


def local(tag: str | object) -> str:
    """Return an element's tag without its namespace."""
    return str(tag).rsplit("}", 1)[-1]


class TooDeep(ValueError):
    """XML nested deeper than MAX_DEPTH elements."""


def whole(source: Source) -> bytes:
    """Return all the bytes of an input."""
    return source if isinstance(source, bytes) else source.read()


def count_tags(source: Source, *needles: bytes) -> int:
    """Return how many times the needles occur in an input, reading a file a chunk at a time (each
    chunk searched with the end of the one before, so that no needle is missed across two)."""
    if isinstance(source, bytes):
        return sum(source.count(n) for n in needles)
    tails = dict.fromkeys(needles, b"")
    total = 0
    while chunk := source.read(CHUNK_BYTES):
        for n in needles:
            buf = tails[n] + chunk
            total += buf.count(n)
            tails[n] = buf[max(0, len(buf) - len(n) + 1) :]
    return total


def elements(source: Source, *tags: str) -> Iterator[Element]:
    """Yield each complete element with one of the given tags, then drop it, as every element
    outside them is dropped once it ends: memory holds the open elements and the one being read,
    whatever the size of the file. Entity declarations and external references are refused
    (defusedxml), and so is nesting deeper than MAX_DEPTH. A parse error is raised as it is met,
    after the elements before it."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    events = iterparse(stream, events=("start", "end"), forbid_dtd=False)
    path: list[Element] = []  # the open elements, outermost first
    inside = 0  # how many of them have one of the tags
    wanted: dict[str, bool] = {}  # whether a tag (with its namespace) is one of them
    for event, el in events:
        tag = el.tag
        if tag not in wanted:
            wanted[tag] = local(tag) in tags
        if event == "start":
            if len(path) == MAX_DEPTH:
                raise TooDeep(f"<{local(tag)}> is nested more than {MAX_DEPTH} elements deep")
            path.append(el)
            inside += wanted[tag]
            continue
        path.pop()
        if wanted[tag]:
            inside -= 1
            yield el
        if not inside and path:
            path[-1].remove(el)  # its only child by now: the ones before it went the same way


XML_ERRORS = (ParseError, DefusedXmlException, TooDeep)


def xml_skip(name: str, where: str, exc: Exception, done: int) -> Skipped:
    """Return the Skipped item of XML that could not be parsed after done records were read."""
    kept = f"; the {done} document(s) before it were read" if done else ""
    if isinstance(exc, DefusedXmlException):
        return Skipped(name, "refused XML", f"{where}: refused XML with entity declarations{kept}")
    if isinstance(exc, TooDeep):
        return Skipped(name, "too deep XML", f"{where}: refused XML: {exc}{kept}")
    return Skipped(name, "malformed XML", f"{where}: malformed XML ({exc}){kept}")


def join_passages(parts: Sequence[str]) -> tuple[str, tuple[int, ...]]:
    """Return the passages as one text with a blank line between them, and where each begins."""
    text, starts = "", []
    for part in parts:
        if text:
            text += PARAGRAPH_GAP
        starts.append(len(text))
        text += part
    return text, tuple(starts)


def head_matches(head: bytes, pattern: re.Pattern[bytes]) -> bool:
    """Return whether the opening bytes of an input (BOM dropped) match a pattern."""
    return pattern.search(head.removeprefix(b"\xef\xbb\xbf")[:HEAD_BYTES]) is not None
