"""Test the way back to the sources: PubMed and DOI links, years, identifiers' human pages."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from kg.namespaces import BIBO, DCTERMS, ID, TKG, XSD
from kg.render.sources import page_url, study_info


def test_a_record_links_to_pubmed_and_doi_with_its_year() -> None:
    g = Graph()
    s = URIRef(str(ID["study/x"]))
    g.add((s, TKG.pmid, Literal("31234567")))
    g.add((s, BIBO.doi, Literal("10.1000/a b<c>")))
    g.add((s, DCTERMS.issued, Literal("2019", datatype=XSD.gYear)))
    info = study_info(g, s, "Okafor AN et al. 2020")
    assert info["year"] == 2019  # the record's year wins over one in a label
    assert info["links"] == [
        {"text": "PMID 31234567", "url": "https://pubmed.ncbi.nlm.nih.gov/31234567/"},
        # the DOI's characters that would end or break a URL are escaped
        {"text": "DOI 10.1000/a b<c>", "url": "https://doi.org/10.1000/a%20b%3Cc%3E"},
    ]


def test_a_cited_study_takes_the_year_of_its_citation() -> None:
    info = study_info(Graph(), URIRef(str(ID["study/y"])), "Eek et al 2018")
    assert info["year"] == 2018 and info["links"] == []
    assert study_info(Graph(), URIRef(str(ID["study/z"])), "17")["year"] is None


def test_identifiers_open_their_human_pages() -> None:
    assert page_url("http://id.nlm.nih.gov/mesh/D001418") == "https://meshb.nlm.nih.gov/record/ui?ui=D001418"
    assert (
        page_url("http://purl.obolibrary.org/obo/HP_0001257") == "https://hpo.jax.org/browse/term/HP:0001257"
    )
    assert page_url("https://go.drugbank.com/drugs/DB00181") == "https://go.drugbank.com/drugs/DB00181"
