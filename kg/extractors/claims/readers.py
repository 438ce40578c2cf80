"""The registry of claim readers: each construction that reads a claim of change around a trigger
word is one named reader, and the name of the reader that read a claim is the finding's
`tkg:foundBy` (as INDRA's Evidence carries `found_by`).

A reader is registered with the words its trigger may be, and readers are asked in the order that
`readers.json` lists them: the first that recognises its construction at a trigger decides it. A reader
returns None when the construction is not its own (the next reader is asked), a `Reading` with
phrases for a claim, and `NO_CLAIM` for a construction it knows to state none ("a controlled
trial", "an increase" with no "in X"), which ends the search.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg.extractors.syntax.phrases import Phrase
from kg.text.tokens import Token


@dataclass(frozen=True, slots=True)
class Site:
    """Where a reader is asked: the sentence's tokens, the trigger's index, where the trigger's
    clause ends, and the lower-cased trigger, the word after it and the word before it."""

    tokens: Sequence[Token]
    i: int
    stop: int
    w: str
    nxt: str
    prev: str


@dataclass(frozen=True, slots=True)
class Reading:
    """What a reader read: the phrases the trigger acts on, its effect ("+", "-", "imp", "wor",
    "0", "?") and whether the phrases are the trigger's subject."""

    phrases: list[Phrase]
    effect: str
    passive: bool


NO_CLAIM = Reading([], "", False)

Read = Callable[[Site], "Reading | None"]


@dataclass(frozen=True)
class ClaimReader:
    """A named construction: the words its trigger may be and the function that reads it."""

    name: str
    words: frozenset[str]
    read: Read


_REGISTRY: dict[str, ClaimReader] = {}


class ReaderError(ValueError):
    """A claim reader registered twice under one name, with no trigger words, or not in the order
    of `readers.json`."""


@cache
def reader_order() -> tuple[str, ...]:
    """Return the names of the claim readers in the order they are asked (`readers.json`)."""
    raw = json.loads(resources.files(__package__).joinpath("readers.json").read_text(encoding="utf-8"))
    order = raw.get("order") if isinstance(raw, dict) else None
    if not isinstance(order, list) or not all(isinstance(n, str) and n for n in order):
        raise ReaderError("readers.json: 'order' must be a list of reader names")
    if len(set(order)) != len(order):
        raise ReaderError("readers.json: a reader is listed twice")
    return tuple(order)


def claim_reader(name: str, words: Iterable[str]) -> Callable[[Read], Read]:
    """Register the decorated function as the claim reader `name`, asked at the given trigger
    words (lower case), after every reader registered before it."""

    def register(read: Read) -> Read:
        if name in _REGISTRY:
            raise ReaderError(f"claim reader {name!r} is registered twice")
        found = frozenset(words)
        if not found:
            raise ReaderError(f"claim reader {name!r} has no trigger words")
        if name not in reader_order():
            raise ReaderError(f"claim reader {name!r} is not in the order of readers.json")
        _REGISTRY[name] = ClaimReader(name, found, read)
        _readers_at.cache_clear()
        return read

    return register


def claim_readers() -> list[ClaimReader]:
    """Return the registered claim readers, in the order they are asked."""
    rank = {name: k for k, name in enumerate(reader_order())}
    return sorted(_REGISTRY.values(), key=lambda r: rank[r.name])


@cache
def _readers_at(w: str) -> tuple[ClaimReader, ...]:
    """Return the readers a trigger word w may start, in order (most words start none)."""
    return tuple(r for r in claim_readers() if w in r.words)


def read_trigger(tokens: Sequence[Token], i: int, stop: int) -> tuple[Reading, str] | None:
    """Return the reading of the first reader that recognises its construction at token i, with
    the reader's name, or None when no reader does."""
    w = tokens[i].lower
    readers = _readers_at(w)
    if not readers:
        return None
    site = Site(
        tokens,
        i,
        stop,
        w,
        tokens[i + 1].lower if i + 1 < len(tokens) else "",
        tokens[i - 1].lower if i > 0 else "",
    )
    for r in readers:
        reading = r.read(site)
        if reading is not None:
            return reading, r.name
    return None
