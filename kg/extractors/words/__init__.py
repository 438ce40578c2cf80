"""Knowledge of the extractors as data: word tables in JSON files beside this module, each a
mapping of table names to lists of words, read and checked once per process."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


class WordTableError(ValueError):
    """A word-table file that does not have the expected shape."""


@cache
def table(name: str) -> dict[str, frozenset[str]]:
    """Return the tables of `<name>.json`: each key's list of words, lower-cased, as a frozenset."""
    raw = json.loads(resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise WordTableError(f"{name}.json: expected an object of word lists")
    out: dict[str, frozenset[str]] = {}
    for key, words in raw.items():
        if key.startswith("_"):
            continue  # "_comment" and the like
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise WordTableError(f"{name}.json: {key!r} must be a list of non-empty strings")
        out[key] = frozenset(w.lower() for w in words)
    return out
