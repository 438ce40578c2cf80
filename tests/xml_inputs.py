"""Inputs for the XML tests: PubMed and BioC records, deep nesting, entity tricks, and a large
PubMed file of realistic records, each with one finding in its abstract."""

from __future__ import annotations

from pathlib import Path

DEPTH = 100_000
GOOD = "Metformin reduced HbA1c in patients with type 2 diabetes."
THERAPIES = ("Metformin", "Aspirin", "Intrathecal baclofen", "Botulinum toxin", "Exercise", "Insulin")
OUTCOMES = ("HbA1c", "mortality", "spasticity", "pain", "fatigue", "blood pressure")
CONDITIONS = ("type 2 diabetes", "heart failure", "cerebral palsy", "stroke", "gout", "hypertension")
FIRST_PMID = 91_000_000
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol0 "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    + "]>\n"
)
EXTERNAL = '<?xml version="1.0"?>\n<!DOCTYPE {root} [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
PARAMETER = (
    '<?xml version="1.0"?>\n<!DOCTYPE {root} [ <!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p; ]>\n'
)


def article(pmid: int, abstract: str) -> str:
    """Return one PubmedArticle with the given AbstractText content."""
    return (
        f"<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article><Journal><JournalIssue>"
        "<PubDate><Year>2020</Year></PubDate></JournalIssue><Title>J</Title></Journal>"
        f"<ArticleTitle>Record {pmid}.</ArticleTitle><Abstract><AbstractText>{abstract}</AbstractText>"
        "</Abstract></Article></MedlineCitation></PubmedArticle>"
    )


def article_set(*records: str, head: str = "") -> bytes:
    """Return a PubmedArticleSet of the given records."""
    return f"{head}<PubmedArticleSet>{''.join(records)}</PubmedArticleSet>".encode()


def bioc_document(doc_id: int, text: str, infons: str = "") -> str:
    """Return one BioC document of one passage."""
    passage = f"<passage><offset>0</offset><text>{text}</text></passage>"
    return f"<document><id>{doc_id}</id>{infons}{passage}</document>"


def collection(*documents: str, head: str = "") -> bytes:
    """Return a BioC collection of the given documents."""
    return f"{head}<collection><source>PubMed</source>{''.join(documents)}</collection>".encode()


def nested(tag: str, inner: str = "", depth: int = DEPTH) -> str:
    """Return inner wrapped in depth elements."""
    return f"<{tag}>" * depth + inner + f"</{tag}>" * depth


def record(i: int) -> str:
    """Return a PubMed record of about 10 KB (25 authors with affiliations, 15 MeSH headings) whose
    abstract is one finding: THERAPIES[i % 6] reduced OUTCOMES[i // 6 % 6] in CONDITIONS[i // 36 % 6]."""
    t, o, c = THERAPIES[i % 6], OUTCOMES[i // 6 % 6], CONDITIONS[i // 36 % 6]
    authors = "".join(
        f'<Author ValidYN="Y"><LastName>Author{i}x{k}</LastName><ForeName>Given {k}</ForeName>'
        f"<Initials>G</Initials><AffiliationInfo><Affiliation>Department {k} of Clinical Research, "
        f"Example University Hospital, {k} Long Street, City {i}, Country.</Affiliation></AffiliationInfo>"
        "</Author>"
        for k in range(25)
    )
    mesh = "".join(
        f'<MeshHeading><DescriptorName UI="D{k:06d}" MajorTopicYN="N">Heading {k}</DescriptorName>'
        f'<QualifierName UI="Q{k:06d}" MajorTopicYN="N">qualifier {k}</QualifierName></MeshHeading>'
        for k in range(15)
    )
    pmid = FIRST_PMID + i
    return (
        f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">{pmid}</PMID>'
        f'<Article PubModel="Print"><Journal><JournalIssue CitedMedium="Print"><PubDate><Year>{1990 + i % 30}'
        f"</Year></PubDate></JournalIssue><Title>Journal {i % 50}</Title></Journal>"
        f"<ArticleTitle>Record {i}.</ArticleTitle><Abstract><AbstractText>{t} reduced {o} in {20 + i} "
        f'patients with {c}.</AbstractText></Abstract><AuthorList CompleteYN="Y">{authors}</AuthorList>'
        '<PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType>'
        f"</PublicationTypeList></Article><MeshHeadingList>{mesh}</MeshHeadingList></MedlineCitation>"
        f'<PubmedData><ArticleIdList><ArticleId IdType="pubmed">{pmid}</ArticleId></ArticleIdList>'
        "</PubmedData></PubmedArticle>\n"
    )


def write_large_pubmed(path: Path, n: int) -> Path:
    """Write a PubMed file of n records (about 10 KB each), with the DOCTYPE of PubMed's files."""
    with path.open("w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, ')
        f.write('1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n')
        f.write("<PubmedArticleSet>\n")
        for i in range(n):
            f.write(record(i))
        f.write("</PubmedArticleSet>\n")
    return path
