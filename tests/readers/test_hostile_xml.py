"""Hostile and huge XML through the PubMed and BioC readers: deep nesting, entity bombs, external
entities and a PubMed file of thousands of records. Each gives the right documents, or one skip
line naming the file (and a non-zero exit when nothing is left to build): never a traceback, a
RecursionError, or memory that grows with the file."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from xml_inputs import (
    EXTERNAL,
    GOOD,
    LAUGHS,
    PARAMETER,
    article,
    article_set,
    bioc_document,
    collection,
    nested,
    write_large_pubmed,
)

import kg.readers.base as base
from kg.model import Document
from kg.readers import bioc_xml, pubmed
from kg.readers.base import MAX_DEPTH, Skipped, count_tags

# the peak memory of reading every document of a file, in a child process: VmHWM, the high-water
# mark of its own memory (getrusage's ru_maxrss would count the parent's at the fork as well)
READ_AND_MEASURE = """
import json, re, sys
from pathlib import Path
from kg.readers.dispatch import Batch

def peak_kb():
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1))

before = peak_kb()
batch = Batch([sys.argv[1]], lambda skipped: None)
documents = sum(1 for _ in batch.documents())
print(json.dumps({"documents": documents, "summary": batch.summary(), "before": before, "after": peak_kb()}))
"""


def kinds(items: list[Document | Skipped]) -> list[str]:
    """Return the documents' identifiers and the skipped items' reasons, in order."""
    return [i.id if isinstance(i, Document) else f"skipped: {i.reason}" for i in items]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # 100,000 elements deep inside an abstract: the record before is read, then one skip
        (article_set(article(1, GOOD), article(2, nested("i", GOOD)), article(3, GOOD)), ["f#1"]),
        # deep between two records, and around the only record
        (article_set(article(1, GOOD), nested("x"), article(3, GOOD)), ["f#1"]),
        (article_set(nested("x", article(1, GOOD))), []),
    ],
)
def test_deep_pubmed_is_refused_after_the_records_before_it(data: bytes, expected: list[str]) -> None:
    items = list(pubmed.read(data, "f", "in/f.xml"))
    assert kinds(items) == [*expected, "skipped: too deep XML"]
    skip = items[-1]
    assert isinstance(skip, Skipped)
    assert skip.message.startswith("in/f.xml: refused XML: <")
    assert f"nested more than {MAX_DEPTH} elements deep" in skip.message


@pytest.mark.parametrize(
    "data",
    [
        collection(bioc_document(1, GOOD), bioc_document(2, nested("i", GOOD)), bioc_document(3, GOOD)),
        collection(bioc_document(1, GOOD), bioc_document(2, GOOD, infons=nested("infon"))),
    ],
)
def test_deep_bioc_is_refused_after_the_documents_before_it(data: bytes) -> None:
    items = list(bioc_xml.read(data, "c"))
    assert kinds(items) == ["c#1", "skipped: too deep XML"]


def test_nesting_up_to_the_limit_is_read() -> None:
    # inline markup nested as deep as allowed (the record's own elements count too) is text
    depth = MAX_DEPTH - 7  # PubmedArticleSet/PubmedArticle/MedlineCitation/Article/Abstract/AbstractText
    (doc,) = pubmed.read(article_set(article(1, nested("i", GOOD, depth - 1))), "f")
    assert isinstance(doc, Document) and doc.text == f"Record 1.\n\n{GOOD}"


@pytest.mark.parametrize("kind", ["laughs", "external", "parameter"])
@pytest.mark.parametrize("reader", [pubmed, bioc_xml])
def test_entity_tricks_are_refused(kind: str, reader: object) -> None:
    root = "PubmedArticleSet" if reader is pubmed else "collection"
    head = {"laughs": LAUGHS, "external": EXTERNAL, "parameter": PARAMETER}[kind].replace("{root}", root)
    body = "&lol9;" if kind == "laughs" else "&xxe;" if kind == "external" else GOOD
    data = (
        article_set(article(1, body), head=head)
        if reader is pubmed
        else collection(bioc_document(1, body), head=head)
    )
    items = list(reader.read(data, "bomb.xml"))  # type: ignore[attr-defined]
    assert kinds(items) == ["skipped: refused XML"]
    assert items[0].message == "bomb.xml: refused XML with entity declarations"


def test_records_inside_a_wrapper_and_between_junk_are_read() -> None:
    # elements outside the records (a wrapper, many empty siblings) are dropped as they end
    junk = "<Junk/>" * 50_000
    data = article_set(
        f"<Wrapper>{article(1, GOOD)}{junk}{article(2, GOOD)}</Wrapper>{junk}{article(3, GOOD)}"
    )
    assert kinds(list(pubmed.read(data, "f"))) == ["f#1", "f#2", "f#3"]


@pytest.mark.parametrize("chunk", [1, 7, 15, 16, 1 << 20])
def test_counting_a_file_in_chunks_misses_nothing(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    # a record's opening tag that straddles two chunks is counted once
    data = article_set(*(article(i, GOOD) for i in range(40))) + b"<PubmedArticle attr='x'>"
    monkeypatch.setattr(base, "CHUNK_BYTES", chunk)
    needles = (b"<PubmedArticle>", b"<PubmedArticle ")
    assert count_tags(io.BytesIO(data), *needles) == count_tags(data, *needles) == 41


def read_in_child(path: Path) -> dict[str, object]:
    """Read every document of a file in a child process; return its counts and peak memory."""
    out = subprocess.run(
        [sys.executable, "-c", READ_AND_MEASURE, str(path)], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


@pytest.mark.parametrize("what", ["4,000 records", "a million empty elements"])
def test_reading_a_large_file_keeps_memory_flat(tmp_path: Path, what: str) -> None:
    if what == "4,000 records":
        path, documents = write_large_pubmed(tmp_path / "large.xml", 4_000), 4_000
    else:
        path, documents = tmp_path / "junk.xml", 2
        path.write_bytes(article_set(article(1, GOOD), "<Junk/>" * 1_000_000, article(2, GOOD)))
    size_kb = path.stat().st_size // 1024
    got = read_in_child(path)
    grew_kb = int(str(got["after"])) - int(str(got["before"]))
    print(f"{what}: {size_kb:,} KB file read; peak memory {got['after']:,} KB, {got['before']:,} KB before")
    assert got["documents"] == documents
    assert got["summary"] == f"{documents} document(s) read, 0 skipped"
    assert grew_kb < size_kb / 4  # neither the file nor its tree is held whole
