"""Read BioC JSON: a collection ({"documents": [...]}), one document ({"passages": [...]}), a list
of documents, PubTator's {"PubTator3": [...]} wrapper, or one of these per line (JSON lines)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from kg.readers.base import Item, Skipped, Source, head_matches, whole
from kg.readers.bioc import BiocDocument, Passage, to_document

FORMAT = "BioC JSON"
SUFFIXES = frozenset({".json", ".jsonl"})
# an opening brace or bracket, and a BioC key among the first keys
OPEN_RE = re.compile(rb"\A\s*[\[{]")
KEY_RE = re.compile(rb'"(?:documents|passages|PubTator3?)"\s*:')


def sniff(head: bytes) -> bool:
    """Return whether an input opens as JSON holding BioC documents or passages."""
    return head_matches(head, OPEN_RE) and head_matches(head, KEY_RE)


def count(data: Source) -> int:
    """Return about how many BioC documents the input holds."""
    return max(1, len(re.findall(rb'"passages"\s*:', whole(data))))


def _infons(obj: Mapping[str, Any]) -> dict[str, str]:
    """Return an object's infons as strings."""
    infons = obj.get("infons") or {}
    if not isinstance(infons, Mapping):
        raise ValueError("infons is not an object")
    return {str(k): "" if v is None else str(v) for k, v in infons.items()}


def _offset(obj: Mapping[str, Any]) -> int:
    """Return the offset of a passage or sentence (a bad one raises ValueError)."""
    value = obj.get("offset", 0)
    if isinstance(value, bool) or not isinstance(value, (int, str)) or int(value) < 0:
        raise ValueError(f"bad offset {value!r}")
    return int(value)


def _passage(obj: Mapping[str, Any]) -> Passage:
    """Return one passage with its offset, text, infons and sentences."""
    if not isinstance(obj, Mapping):
        raise ValueError("a passage is not an object")
    sentences = tuple((_offset(s), str(s.get("text") or "")) for s in obj.get("sentences") or [])
    return Passage(_offset(obj), str(obj.get("text") or ""), _infons(obj), sentences)


def _documents(value: Any, source: str = "") -> Iterator[tuple[Any, str]]:
    """Yield each document object of a parsed JSON value, with its collection's source."""
    if isinstance(value, list):
        for v in value:
            yield from _documents(v, source)
    elif isinstance(value, Mapping) and "passages" in value:
        yield value, source
    elif isinstance(value, Mapping) and "documents" in value:
        yield from _documents(value["documents"], str(value.get("source") or source))
    elif isinstance(value, Mapping) and ("PubTator3" in value or "PubTator" in value):
        yield from _documents(value.get("PubTator3") or value.get("PubTator"), source or "PubTator")
    else:
        raise ValueError("neither a BioC collection nor a BioC document")


def _values(text: str) -> list[Any]:
    """Return the JSON value of a text, or the values of its lines (JSON lines)."""
    try:
        return [json.loads(text)]
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def _document(obj: Mapping[str, Any], name: str, where: str, source: str) -> Item:
    """Return the Document of one BioC document object, or why it is skipped."""
    doc_id = str(obj.get("id") or obj.get("_id") or "").split("|")[0]
    try:
        passages = tuple(_passage(p) for p in obj.get("passages") or [])
        infons = _infons(obj)
    except (ValueError, TypeError, AttributeError) as exc:
        return Skipped(
            f"{name}#{doc_id}", "malformed BioC", f"{where}: BioC document {doc_id}: {exc}; skipped"
        )
    return to_document(BiocDocument(doc_id, infons, passages), name, where, source)


def read(data: Source, name: str, where: str = "") -> Iterator[Item]:
    """Yield one document per BioC document, and a Skipped item for what cannot be read."""
    where = where or name
    try:
        values = _values(whole(data).decode("utf-8-sig"))
        found = [d for v in values for d in _documents(v)]
    except UnicodeDecodeError:
        yield Skipped(name, "not UTF-8", f"{where}: BioC JSON that is not UTF-8; skipped")
        return
    except json.JSONDecodeError as exc:
        yield Skipped(name, "malformed JSON", f"{where}: malformed JSON ({exc}); skipped")
        return
    except ValueError as exc:
        yield Skipped(name, "unknown format", f"{where}: JSON {exc}; skipped")
        return
    if not found:
        yield Skipped(name, "no records", f"{where}: a BioC collection without any document")
    for obj, source in found:
        yield _document(obj, name, where, source)
