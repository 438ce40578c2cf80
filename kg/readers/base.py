"""Hold what every reader shares: the skipped-input record, safe XML parsing, text assembly."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol
from xml.etree.ElementTree import Element, ParseError

from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import iterparse

from kg.model import Document

# the first bytes a reader looks at to recognise its format
HEAD_BYTES = 4096
PARAGRAPH_GAP = "\n\n"
SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Skipped:
    """An input, or one record of it, that was not read: where, why (a short reason), the message."""

    name: str
    reason: str
    message: str


Item = Document | Skipped


class Reader(Protocol):
    """What a reader module offers: its name, the file name endings it claims, and three functions."""

    FORMAT: str
    SUFFIXES: frozenset[str]

    def sniff(self, head: bytes) -> bool:
        """Return whether the first bytes of an input are in this reader's format."""
        ...

    def count(self, data: bytes) -> int:
        """Return about how many documents the input holds, without parsing it."""
        ...

    def read(self, data: bytes, name: str, where: str = "") -> Iterator[Item]:
        """Yield the documents of an input (their identifiers made from name), and a Skipped item
        for each part that cannot be read (its message naming the input as where, else name)."""
        ...


def clean(text: str | None) -> str:
    """Return text with each run of white space (line breaks of the XML included) as one space."""
    return SPACE_RE.sub(" ", text or "").strip()


def element_text(el: Element | None) -> str:
    """Return the text of an element with its inline markup (<i>, <sub>, <sup>, MathML) kept as text."""
    return "" if el is None else clean("".join(el.itertext()))


def local(tag: str | object) -> str:
    """Return an element's tag without its namespace."""
    return str(tag).rsplit("}", 1)[-1]


def elements(data: bytes, *tags: str) -> Iterator[Element]:
    """Yield each complete element with one of the given tags, freeing it once used, so that a large file
    is parsed in bounded memory; entity declarations and external references are refused
    (defusedxml). A parse error is raised as it is met, after the elements before it."""
    events = iterparse(io.BytesIO(data), events=("start", "end"), forbid_dtd=False)
    root: Element | None = None
    for event, el in events:
        if root is None:
            root = el
        if event == "end" and local(el.tag) in tags:
            yield el
            root.clear()


XML_ERRORS = (ParseError, DefusedXmlException)


def xml_skip(name: str, where: str, exc: Exception, done: int) -> Skipped:
    """Return the Skipped item of XML that could not be parsed after done records were read."""
    kept = f"; the {done} document(s) before it were read" if done else ""
    if isinstance(exc, DefusedXmlException):
        return Skipped(name, "refused XML", f"{where}: refused XML with entity declarations{kept}")
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
