"""Test how a reader is chosen (content first, extension second) and how a batch reports skips."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

from kg.readers import bioc_json, bioc_xml, pubmed, text
from kg.readers.base import Skipped
from kg.readers.dispatch import Batch, choose, count_inputs, read_inputs

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("head", "suffix", "reader"),
    [
        (b'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "x" "y">', ".xml", pubmed),
        (b"\xef\xbb\xbf<PubmedArticleSet>", ".txt", pubmed),  # content wins over the extension
        (b'<?xml version="1.0"?><!DOCTYPE collection SYSTEM "BioC.dtd"><collection>', ".xml", bioc_xml),
        (b'{"source": "PubTator", "documents": []}', ".json", bioc_json),
        (b'[{"id": "1", "passages": []}]', "", bioc_json),
        (b"# Notes\n\nAspirin reduced pain.", ".md", text),
        (b"Aspirin reduced pain.", "", text),  # a file without an extension, named on the command line
        (b"<article><front/></article>", ".xml", None),
        (b'{"rows": []}', ".json", None),
        (b'<?xml version="1.0"?><article/>', "", None),  # XML of no known kind, whatever its name
    ],
)
def test_choose(head: bytes, suffix: str, reader: object) -> None:
    assert choose(head, suffix) is reader


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder with text, PubMed, BioC, a JATS article and a non-BioC JSON file."""
    root = tmp_path / "mixed"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Aspirin reduced pain.", encoding="utf-8")
    shutil.copy(DATA / "pubmed_records.xml", root / "sub" / "records.xml")
    shutil.copy(DATA / "bioc_collection.json", root / "bioc.json")
    shutil.copy(DATA / "jats_article.xml", root / "article.xml")
    (root / "table.json").write_text('{"rows": []}', encoding="utf-8")
    (root / "notes.csv").write_text("x,y\n", encoding="utf-8")  # not a document extension: ignored
    return root


def test_directory_of_mixed_formats(mixed: Path) -> None:
    skipped: list[Skipped] = []
    batch = Batch([str(mixed)], skipped.append)
    ids = [d.id for d in batch.documents()]
    assert ids == [
        "a.txt",
        "bioc.json#90000011",
        "bioc.json#90000012",
        "sub/records.xml#90000001",
        "sub/records.xml#90000002",
        "sub/records.xml#90000003",
    ]
    assert sorted(s.reason for s in skipped) == ["no abstract", "unknown format", "unknown format"]
    assert all(str(mixed) in s.message for s in skipped)  # each names the file by its path
    assert batch.read == 6
    assert batch.summary() == "6 document(s) read, 3 skipped (2 unknown format, 1 no abstract)"


def test_count_inputs_counts_records(mixed: Path) -> None:
    # one text file, four PubMed records, two BioC documents; unknown formats count nothing
    assert count_inputs([str(mixed)]) == 7


def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (DATA / "pubmed_records.xml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    skipped: list[Skipped] = []
    docs = list(read_inputs(["-"], skipped.append))
    assert [d.id for d in docs] == ["stdin#90000001", "stdin#90000002", "stdin#90000003"]
    assert skipped[0].message.startswith("standard input: PMID 90000004")


def test_skips_go_to_the_log_by_default(caplog: pytest.LogCaptureFixture) -> None:
    list(read_inputs([str(DATA / "jats_article.xml")]))
    assert "unknown format (XML with root <article>)" in caplog.text
