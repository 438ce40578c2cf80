"""Read PubMed XML (a PubmedArticleSet from E-utilities efetch or PubMed's XML export).

Each PubmedArticle becomes one document: its title and abstract (a structured abstract's sections
as "LABEL: text" paragraphs), with the record's PMID, DOI, year, journal, authors, publication
types and MeSH headings as its metadata. A record without an abstract is skipped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from kg.model import Document, Heading, Record
from kg.readers.base import (
    XML_ERRORS,
    Item,
    Skipped,
    Source,
    count_tags,
    element_text,
    elements,
    head_matches,
    join_passages,
    xml_skip,
)

FORMAT = "PubMed XML"
SUFFIXES = frozenset({".xml"})
ROOT_RE = re.compile(rb"<(?:!DOCTYPE\s+)?PubmedArticleSet\b|<PubmedArticle\b")
YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
RECORD_TAG = "PubmedArticle"


def sniff(head: bytes) -> bool:
    """Return whether an input opens as a PubMed article set."""
    return head_matches(head, ROOT_RE)


def count(data: Source) -> int:
    """Return how many PubmedArticle records the input holds."""
    return max(1, count_tags(data, b"<PubmedArticle>", b"<PubmedArticle "))


def _year(article: Element) -> int | None:
    """Return the publication year: PubDate/Year, else the first year of a MedlineDate
    ("1975 Jan-Feb", "1998 Dec-1999 Jan"), else the electronic ArticleDate's year."""
    for path in (
        "Journal/JournalIssue/PubDate/Year",
        "Journal/JournalIssue/PubDate/MedlineDate",
        "ArticleDate/Year",
    ):
        m = YEAR_RE.search(element_text(article.find(path)))
        if m:
            return int(m.group(1))
    return None


def _author(el: Element) -> str:
    """Return an author's name as PubMed cites it ("Smith JA"), or a collective name."""
    last = element_text(el.find("LastName"))
    if not last:
        return element_text(el.find("CollectiveName"))
    given = element_text(el.find("Initials")) or element_text(el.find("ForeName"))
    return f"{last} {given}".strip()


def _doi(article_el: Element, data_el: Element | None) -> str | None:
    """Return the record's DOI: from the PubmedData article ids, else the article's ELocationID."""
    for el in data_el.findall("ArticleIdList/ArticleId") if data_el is not None else []:
        if el.get("IdType") == "doi" and element_text(el):
            return element_text(el)
    for el in article_el.findall("ELocationID"):
        if el.get("EIdType") == "doi" and element_text(el):
            return element_text(el)
    return None


def _headings(parent: Element, path: str) -> tuple[Heading, ...]:
    """Return the (UI, name) headings at a path: publication types, MeSH descriptors."""
    return tuple(Heading(el.get("UI", ""), element_text(el)) for el in parent.findall(path) if el.get("UI"))


def _record(citation: Element, article: Element, data_el: Element | None) -> Record:
    """Return the metadata of one PubMed record."""
    journal = element_text(article.find("Journal/Title")) or element_text(
        article.find("Journal/ISOAbbreviation")
    )
    authors = tuple(
        name
        for el in article.findall("AuthorList/Author")
        if el.get("ValidYN", "Y") != "N" and (name := _author(el))
    )
    return Record(
        pmid=element_text(citation.find("PMID")) or None,
        doi=_doi(article, data_el),
        title=element_text(article.find("ArticleTitle")) or None,
        year=_year(article),
        journal=journal or None,
        authors=authors,
        publication_types=_headings(article, "PublicationTypeList/PublicationType"),
        mesh=_headings(citation, "MeshHeadingList/MeshHeading/DescriptorName"),
    )


def _sections(article: Element) -> list[str]:
    """Return the abstract's paragraphs, a labelled section as "LABEL: text"."""
    out = []
    for el in article.findall("Abstract/AbstractText"):
        text = element_text(el)
        if text:
            label = (el.get("Label") or "").strip()
            out.append(f"{label}: {text}" if label else text)
    return out


def _document(el: Element, name: str, where: str) -> Item:
    """Return the document of one PubmedArticle, or why it is skipped."""
    citation = el.find("MedlineCitation")
    article = citation.find("Article") if citation is not None else None
    if citation is None or article is None:
        return Skipped(
            name, "no article", f"{where}: a PubmedArticle without MedlineCitation/Article; skipped"
        )
    record = _record(citation, article, el.find("PubmedData"))
    if record.pmid is None:
        return Skipped(name, "no PMID", f"{where}: a record without a PMID; skipped")
    doc_id = f"{name}#{record.pmid}"
    sections = _sections(article)
    if not sections:
        return Skipped(doc_id, "no abstract", f"{where}: PMID {record.pmid} has no abstract; skipped")
    text, breaks = join_passages([record.title, *sections] if record.title else sections)
    return Document(doc_id, text, title=record.title or f"PMID {record.pmid}", record=record, breaks=breaks)


def read(data: Source, name: str, where: str = "") -> Iterator[Item]:
    """Yield one document per record with an abstract, and a Skipped item for each other record
    and for XML that cannot be parsed (the records before the fault are kept)."""
    where = where or name
    seen: set[str] = set()
    n = 0
    try:
        for el in elements(data, RECORD_TAG):
            n += 1
            item = _document(el, name, where)
            if isinstance(item, Document) and item.id in seen:
                pmid = item.record.pmid if item.record else item.id
                item = Skipped(
                    item.id, "duplicate record", f"{where}: PMID {pmid} appears twice; kept the first"
                )
            elif isinstance(item, Document):
                seen.add(item.id)
            yield item
    except XML_ERRORS as exc:
        yield xml_skip(name, where, exc, n)
        return
    if n == 0:
        yield Skipped(name, "no records", f"{where}: a PubMed file without any PubmedArticle record")
