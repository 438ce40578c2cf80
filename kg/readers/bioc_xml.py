"""Read BioC XML (a <collection> of <document>s, each a set of <passage>s with offsets)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from kg.readers import base
from kg.readers.base import XML_ERRORS, Item, Skipped, element_text, elements, head_matches, xml_skip
from kg.readers.bioc import BiocDocument, Passage, to_document

FORMAT = "BioC XML"
SUFFIXES = frozenset({".xml", ".bioc"})
ROOT_RE = re.compile(rb"<!DOCTYPE\s+collection\b|<collection\b")


def sniff(head: bytes) -> bool:
    """Return whether an input opens as a BioC collection."""
    return head_matches(head, ROOT_RE)


def count(data: base.Source) -> int:
    """Return how many BioC documents the input holds."""
    return max(1, base.count_tags(data, b"<document>", b"<document "))


def _infons(el: Element) -> dict[str, str]:
    """Return the key-value infons directly under an element."""
    return {i.get("key", ""): element_text(i) for i in el.findall("infon")}


def _offset(el: Element) -> int:
    """Return the <offset> of a passage or sentence (a bad one raises ValueError)."""
    value = int((el.findtext("offset") or "0").strip())
    if value < 0:
        raise ValueError(f"negative offset {value}")
    return value


def _passage(el: Element) -> Passage:
    """Return one passage with its offset, text, infons and sentences."""
    sentences = tuple((_offset(s), s.findtext("text") or "") for s in el.findall("sentence"))
    return Passage(_offset(el), el.findtext("text") or "", _infons(el), sentences)


def read(data: base.Source, name: str, where: str = "") -> Iterator[Item]:
    """Yield one document per BioC <document>, and a Skipped item for each that cannot be read."""
    where = where or name
    source, n = "", 0
    try:
        for el in elements(data, "source", "document"):
            if el.tag == "source":
                source = element_text(el)
                continue
            n += 1
            doc_id = (el.findtext("id") or "").strip()
            try:
                passages = tuple(_passage(p) for p in el.findall("passage"))
            except ValueError as exc:
                yield Skipped(
                    f"{name}#{doc_id}", "bad offset", f"{where}: BioC document {doc_id}: {exc}; skipped"
                )
                continue
            yield to_document(BiocDocument(doc_id, _infons(el), passages), name, where, source)
    except XML_ERRORS as exc:
        yield xml_skip(name, where, exc, n)
        return
    if n == 0:
        yield Skipped(name, "no records", f"{where}: a BioC collection without any document")
