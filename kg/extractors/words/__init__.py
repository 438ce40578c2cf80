"""Knowledge of the extractors as data: word tables in JSON files beside this module, read and
checked once per process. A file is an object whose keys name tables: a list of words (read as a
lower-cased frozenset by `table`) or an object of word -> value (read by `mapping`); keys starting
with "_" are comments."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


class WordTableError(ValueError):
    """A word-table file that does not have the expected shape."""


@cache
def _load(name: str, package: str | None = None) -> dict[str, Any]:
    """Return the checked tables of `<name>.json` (beside this module, or in `package`)."""
    where = resources.files(package or __package__).joinpath(f"{name}.json")
    raw = json.loads(where.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise WordTableError(f"{name}.json: expected an object of word tables")
    out: dict[str, Any] = {}
    for key, words in raw.items():
        if key.startswith("_"):
            continue  # "_comment" and the like
        if isinstance(words, list) and all(isinstance(w, str) and w for w in words):
            out[key] = frozenset(w.lower() for w in words)
        elif isinstance(words, dict) and all(
            isinstance(w, str) and w and isinstance(v, str) for w, v in words.items()
        ):
            out[key] = {w.lower(): v for w, v in words.items()}
        else:
            raise WordTableError(
                f"{name}.json: {key!r} must be a list of non-empty strings or an object of strings"
            )
    return out


@cache
def table(name: str) -> dict[str, frozenset[str]]:
    """Return the word lists of `<name>.json`, each lower-cased as a frozenset."""
    return {k: v for k, v in _load(name).items() if isinstance(v, frozenset)}


@cache
def mapping(name: str) -> dict[str, dict[str, str]]:
    """Return the word -> value tables of `<name>.json` (words lower-cased)."""
    return {k: v for k, v in _load(name).items() if isinstance(v, dict)}


def load_tables(file: str, package: str) -> dict[str, frozenset[str]]:
    """Return the word lists of a JSON file of the same shape in another package (a stage's own
    closed-class words, such as `syntax/grammar.json`)."""
    return {k: v for k, v in _load(file.removesuffix(".json"), package).items() if isinstance(v, frozenset)}
