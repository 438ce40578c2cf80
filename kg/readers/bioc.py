"""Turn a BioC document (from BioC XML or BioC JSON) into a Document whose offsets are BioC's.

Each passage's text is placed at its BioC offset, the gaps between passages filled with line
breaks, so that an offset in the BioC file is the same offset in the document text; each passage
begins a new sentence. PubTator's infons (article-id_pmid, article-id_doi, year, journal,
authors) become the document's record."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kg.model import Document, Record
from kg.readers.base import PARAGRAPH_GAP, Item, Skipped, clean

# collections whose numeric document ids are PMIDs
PUBMED_SOURCE_RE = re.compile(r"pubmed|pubtator|medline", re.IGNORECASE)
YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
TITLE_TYPES = {"title", "front", "title_1"}


@dataclass(frozen=True)
class Passage:
    """A BioC passage: its offset in the document, its text (or sentences) and its infons."""

    offset: int
    text: str
    infons: Mapping[str, str]
    sentences: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class BiocDocument:
    """A BioC document as read from either serialisation."""

    id: str
    infons: Mapping[str, str]
    passages: tuple[Passage, ...]


def _pieces(passages: Sequence[Passage]) -> list[tuple[int, str]]:
    """Return every placed piece of text: a passage's text, or its sentences when it has none."""
    out: list[tuple[int, str]] = []
    for p in sorted(passages, key=lambda p: p.offset):
        if p.text.strip():
            out.append((p.offset, p.text))
        else:
            out += [(offset, text) for offset, text in p.sentences if text.strip()]
    return out


def place(pieces: Sequence[tuple[int, str]]) -> tuple[str, tuple[int, ...]]:
    """Return the text with each piece at its offset and the offsets where pieces begin.

    A piece whose offset falls inside the text before it (a malformed file) follows after a blank
    line instead."""
    text, breaks = "", []
    for offset, piece in pieces:
        if offset >= len(text):
            text += "\n" * (offset - len(text))
        elif text:
            text += PARAGRAPH_GAP
        breaks.append(len(text))
        text += piece
    return text, tuple(breaks)


def _infons(doc: BiocDocument) -> dict[str, str]:
    """Return the document's infons with those of its title passage (where PubTator puts them)."""
    merged = dict(doc.infons)
    for p in doc.passages:
        if p.infons.get("type", "").lower() in TITLE_TYPES:
            merged = {**p.infons, **merged}
    return merged


def _title(doc: BiocDocument) -> str | None:
    """Return the text of the title passage, if there is one."""
    for p in doc.passages:
        if p.infons.get("type", "").lower() in TITLE_TYPES and p.text.strip():
            return clean(p.text)
    return None


def record(doc: BiocDocument, source: str) -> Record | None:
    """Return the record named by a document's infons (or a PubMed document id); None without an id."""
    info = _infons(doc)
    pmid = info.get("article-id_pmid") or (
        doc.id if doc.id.isdigit() and PUBMED_SOURCE_RE.search(source) else None
    )
    doi = info.get("article-id_doi")
    if not pmid and not doi:
        return None
    year = YEAR_RE.search(info.get("year", ""))
    authors = tuple(a.strip() for a in info.get("authors", "").split(",") if a.strip())
    return Record(
        pmid=pmid or None,
        doi=doi or None,
        title=_title(doc),
        year=int(year.group(1)) if year else None,
        journal=clean(info.get("journal", "").split(";")[0].split(".")[0]) or None,
        authors=authors,
    )


def to_document(doc: BiocDocument, name: str, where: str, source: str) -> Item:
    """Return the Document of a BioC document, or why it is skipped (no text at all)."""
    doc_id = f"{name}#{doc.id}" if doc.id else name
    text, breaks = place(_pieces(doc.passages))
    if not text.strip():
        return Skipped(
            doc_id, "no text", f"{where}: BioC document {doc.id or '(no id)'} has no passage text; skipped"
        )
    rec = record(doc, source)
    title = _title(doc) or doc.id or name
    return Document(doc_id, text, title=title, record=rec, breaks=breaks)
