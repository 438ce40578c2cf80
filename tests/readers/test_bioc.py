"""Test the BioC XML and JSON readers: one document per passage set, BioC's offsets kept."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from kg.model import Document
from kg.pipeline import Extractor
from kg.readers import bioc_json, bioc_xml
from kg.readers.base import Skipped

DATA = Path(__file__).parent / "data"
XML = (DATA / "bioc_collection.xml").read_bytes()
JSON = (DATA / "bioc_collection.json").read_bytes()


def _docs(items: list[Document | Skipped]) -> list[Document]:
    assert all(isinstance(i, Document) for i in items), items
    return [i for i in items if isinstance(i, Document)]


def test_xml_and_json_give_the_same_documents() -> None:
    from_xml = _docs(list(bioc_xml.read(XML, "c")))
    from_json = _docs(list(bioc_json.read(JSON, "c")))
    assert len(from_xml) == 2
    assert from_xml == from_json
    assert [d.id for d in from_xml] == ["c#90000011", "c#90000012"]


def test_passage_and_annotation_offsets_hold_in_the_document_text() -> None:
    docs = {d.id.split("#")[1]: d for d in _docs(list(bioc_xml.read(XML, "c")))}
    root = ET.fromstring(XML)
    checked = 0
    for el in root.iter("document"):
        doc = docs[el.findtext("id") or ""]
        for p in el.iter("passage"):
            offset, text = int(p.findtext("offset") or 0), p.findtext("text") or ""
            assert doc.text[offset : offset + len(text)] == text
            assert offset in doc.breaks
            for a in p.iter("annotation"):
                loc = a.find("location")
                assert loc is not None
                start, length = int(loc.get("offset", "0")), int(loc.get("length", "0"))
                assert doc.text[start : start + length] == a.findtext("text")
                checked += 1
    assert checked == 2


def test_pubtator_infons_become_the_record() -> None:
    doc = _docs(list(bioc_json.read(JSON, "c")))[0]
    r = doc.record
    assert r is not None
    assert (r.pmid, r.doi, r.year, r.journal, r.authors) == (
        "90000011",
        "10.5555/msr.2021.9.11",
        2021,
        "Mult Scler Rep",
        ("Brandt L", "Osei K"),
    )
    assert doc.title == "Intrathecal baclofen for spasticity in multiple sclerosis"


@pytest.mark.parametrize(
    "shape",
    [
        lambda c: c["documents"][0],  # one document
        lambda c: c["documents"],  # a list of documents
        lambda c: {"PubTator3": c["documents"]},  # PubTator's wrapper
    ],
)
def test_json_shapes(shape: Any) -> None:
    collection = json.loads(JSON)
    docs = _docs(list(bioc_json.read(json.dumps(shape(collection)).encode(), "c")))
    assert docs[0].id == "c#90000011"


def test_json_lines() -> None:
    collection = json.loads(JSON)
    lines = "\n".join(json.dumps(d) for d in collection["documents"]).encode()
    assert len(_docs(list(bioc_json.read(lines, "c")))) == 2


def test_sentence_level_passage_is_placed_by_its_sentences() -> None:
    doc = {
        "id": "7",
        "passages": [
            {"offset": 0, "infons": {"type": "title"}, "text": "Title"},
            {"offset": 10, "sentences": [{"offset": 10, "text": "One."}, {"offset": 16, "text": "Two."}]},
        ],
    }
    (d,) = _docs(list(bioc_json.read(json.dumps(doc).encode(), "s")))
    assert d.text[10:14] == "One." and d.text[16:20] == "Two."
    assert d.breaks == (0, 10, 16)
    assert d.record is None  # no PMID or DOI: no record


def test_bad_inputs_are_skipped_with_a_reason() -> None:
    bad_offset = XML.replace(b"<offset>58</offset>", b"<offset>-3</offset>")
    items = list(bioc_xml.read(bad_offset, "c"))
    assert [type(i).__name__ for i in items] == ["Skipped", "Document"]
    assert isinstance(items[0], Skipped) and items[0].reason == "bad offset"
    (broken,) = bioc_json.read(b'{"documents": [', "j")
    assert isinstance(broken, Skipped) and broken.reason == "malformed JSON"
    (other,) = bioc_json.read(b'{"documents": 3}', "j")
    assert isinstance(other, Skipped) and other.reason == "unknown format"
    (empty,) = bioc_xml.read(b"<collection><source>x</source></collection>", "e")
    assert isinstance(empty, Skipped) and empty.reason == "no records"


def _findings(extractor: Extractor, doc: Document) -> set[tuple[str, str, str | None, str | None, str, bool]]:
    return {
        (
            r.sentence.text,
            f.therapy.label,
            f.condition.label if f.condition else None,
            f.outcome.label if f.outcome else None,
            f.direction,
            f.negated,
        )
        for r in extractor.document(doc)
        for f in r.findings
    }


def test_bioc_gives_the_findings_of_the_plain_text_of_its_passages(extractor: Extractor) -> None:
    root = ET.fromstring(XML)
    for el, doc in zip(root.iter("document"), _docs(list(bioc_xml.read(XML, "c"))), strict=True):
        plain = "\n\n".join(p.findtext("text") or "" for p in el.iter("passage"))
        expected = _findings(extractor, Document("plain.txt", plain))
        assert expected  # the fixture has findings to compare
        assert _findings(extractor, doc) == expected
