"""Give the page the way back to the sources: a study's PMID, DOI and year with their links, and
the human pages of MeSH, DrugBank and HPO identifiers. The page only shows these as links the
reader clicks; it makes no request itself."""

from __future__ import annotations

import re
from urllib.parse import quote

import networkx as nx
from rdflib import Graph, URIRef

from kg.namespaces import BIBO, DCTERMS, TKG

PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/{}/"
DOI_URL = "https://doi.org/{}"
# an identifier IRI and the page a reader opens for it (MeSH's browser, HPO's term page)
PAGE_URLS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^https?://id\.nlm\.nih\.gov/mesh/([A-Z]\d+)$"),
        "https://meshb.nlm.nih.gov/record/ui?ui={}",
    ),
    (re.compile(r"^https?://purl\.obolibrary\.org/obo/HP_(\d+)$"), "https://hpo.jax.org/browse/term/HP:{}"),
)
YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")

StudyInfo = dict[str, object]


def page_url(iri: str) -> str:
    """Return the human page of an identifier IRI (itself when it is one already)."""
    for pattern, url in PAGE_URLS:
        m = pattern.match(iri)
        if m:
            return url.format(m.group(1))
    return iri


def _first(g: Graph, s: URIRef, p: URIRef) -> str:
    """Return the smallest value of a property as a string, "" when there is none."""
    values = sorted(str(o) for o in g.objects(s, p))
    return values[0] if values else ""


def study_info(g: Graph, s: URIRef, citation: str) -> StudyInfo:
    """Return a study's PMID, DOI, year (its record's, else the one its citation names) and links."""
    pmid, doi = _first(g, s, TKG.pmid), _first(g, s, BIBO.doi)
    issued = YEAR_RE.search(_first(g, s, DCTERMS.issued)) or YEAR_RE.search(citation)
    links = []
    if pmid:
        links.append({"text": f"PMID {pmid}", "url": PUBMED_URL.format(quote(pmid, safe=""))})
    if doi:
        links.append({"text": f"DOI {doi}", "url": DOI_URL.format(quote(doi, safe="/()._;:-"))})
    return {"pmid": pmid, "doi": doi, "year": int(issued.group(1)) if issued else None, "links": links}


def studies_info(g: Graph, nxg: nx.MultiDiGraph) -> dict[str, StudyInfo]:
    """Return the sources of every study node of the drawn graph, by node id."""
    return {
        n: study_info(g, URIRef(n), str(a.get("citation") or a.get("label") or ""))
        for n, a in nxg.nodes(data=True)
        if a.get("type") == "study"
    }
