"""Find the numbered reference list at the end of a document, so that "(17)" names reference 17.

A list is either led by a heading line (References, Bibliography, Literature cited...) and made of
numbered entries ("17. Smith J, ... 2019.", "[17] ...", "(17) ..."), or, without a heading, a
run of at least three entries numbered from 1 that ends the text. A line that does not begin
with a number continues the entry before it (a wrapped line)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADING_RE = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:references?|bibliography|literature cited|works cited|cited literature)"
    r"[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
ENTRY_RE = re.compile(r"^[ \t]*(?:\[(\d{1,4})\]|\((\d{1,4})\)|(\d{1,4})[.)]?)[ \t]+(\S.*)$")
YEAR_RE = re.compile(r"\b(?:1[89]|20)\d\d\b")
# a headless list needs this many entries, numbered 1, 2, 3...
MIN_HEADLESS = 3


@dataclass(frozen=True)
class References:
    """A document's reference list: where it starts in the text and each entry's text by number."""

    start: int
    entries: dict[str, str] = field(default_factory=dict)


def _entries(text: str, start: int) -> tuple[dict[str, str], int | None]:
    """Return the numbered entries of the lines from start on, and the offset of the first one;
    a line that is neither an entry nor a continuation of one ends the list."""
    entries: dict[str, list[str]] = {}
    first: int | None = None
    last: str | None = None
    offset = start
    for line in text[start:].splitlines(keepends=True):
        m = ENTRY_RE.match(line.rstrip("\r\n"))
        if m:
            last = next(g for g in m.groups()[:3] if g)
            entries.setdefault(last, []).append(m.group(4))
            first = offset if first is None else first
        elif line.strip() and last is not None:
            entries[last].append(line.strip())
        elif line.strip() and first is not None:
            break
        offset += len(line)
    return {k: " ".join(" ".join(v).split()) for k, v in entries.items()}, first


def _headless(text: str) -> References | None:
    """Return a list without a heading: lines numbered 1, 2, 3..., each with a year, that end the
    text (no other line after the first of them)."""
    lines = text.splitlines(keepends=True)
    offset = len(text)
    numbers: list[str] = []
    for line in reversed(lines):
        offset -= len(line)
        if not line.strip():
            continue
        m = ENTRY_RE.match(line.rstrip("\r\n"))
        if not m or not YEAR_RE.search(m.group(4)):
            break
        numbers.append(next(g for g in m.groups()[:3] if g))
        if numbers[-1] == "1":
            break
    numbers.reverse()
    if len(numbers) < MIN_HEADLESS or numbers != [str(n) for n in range(1, len(numbers) + 1)]:
        return None
    entries, first = _entries(text, offset)
    return References(first if first is not None else offset, entries)


def reference_list(text: str) -> References | None:
    """Return the numbered reference list that ends a document, if it has one."""
    headings = list(HEADING_RE.finditer(text))
    if headings:
        heading = headings[-1]
        entries, first = _entries(text, heading.end())
        if entries and first is not None:
            return References(heading.start(), entries)
    return _headless(text)
