"""Pages of a bound named query through a window of its rows (`queries/windows/NAME.rows.rq`).

Some queries cannot bind their second ORDER BY key: evidence-for-therapy's condition comes from an
OPTIONAL group, and a VALUES block on it would change the rows. Their rows belong each to one node
the query projects (a finding), so the page binds that node instead. The rows window gives, for
every such node, each combination of the first ORDER BY keys (its first variables, in the query's
order) that the node's rows take, and the node last (?finding). Sorted by those keys, the window's
first `need` combinations end at a key K; the page binds the nodes of every combination up to K,
ties included. Every row of the whole query whose keys come up to K is then a row of the page's
query, so when the page's last row has keys up to K, the page is the slice of the whole query; a
page that is short or ends past K is asked again for twice, then four times the rows, and then
the query runs whole.

Keys compare as ORDER BY compares them: unbound first, then plain strings by code point; any other
term in a key column (or a descending key) gives no window.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from rdflib import Literal
from rdflib.term import Identifier

from kg.graph.query import QueryResult
from kg.graph.sparql_text import Choices, order_keys
from kg.namespaces import XSD

# how many times the rows of a page a rows window asks for, in turn (its rows are estimates)
WIDEN = (1, 2, 4)
Key = tuple[tuple[int, str], ...]
# a backend: run a query with bound values (caller text) and choices (terms a variable may take)
Runner = Callable[[str, dict[str, str], Choices | None], QueryResult]


@dataclass(frozen=True)
class RowsChoice:
    """The nodes a page binds (var: terms), the key variables and the last key they cover."""

    choices: Choices
    names: tuple[str, ...]
    last: Key


def row_key(cells: Sequence[Identifier | None]) -> Key | None:
    """Return how ORDER BY compares a row's key cells (unbound first, then plain strings); None
    when a cell is any other term."""
    key: list[tuple[int, str]] = []
    for cell in cells:
        if cell is None:
            key.append((0, ""))
        elif isinstance(cell, Literal) and not cell.language and cell.datatype in (None, XSD.string):
            key.append((1, str(cell)))
        else:
            return None
    return tuple(key)


def rows_choice(window: QueryResult, keys: int, need: int) -> tuple[list[Identifier], Key] | None:
    """Return the nodes of the window's first `need` combinations (ties on the keys included) and
    the last key; None when the window holds fewer or keys that do not compare."""
    entries: list[tuple[Key, Identifier]] = []
    for row in window.cells:
        key, node = row_key(row[:keys]), row[keys]
        if key is None or node is None:
            return None
        entries.append((key, node))
    if need < 1 or len(entries) < need:
        return None
    entries.sort(key=lambda e: e[0])
    last = entries[need - 1][0]
    return list(dict.fromkeys(node for key, node in entries if key <= last)), last


def rows_choices(
    run: Runner, text: str, window: str, bindings: dict[str, str], need: int
) -> Iterator[RowsChoice]:
    """Yield, in turn, the nodes to bind for a page that ends at row `need` (none when the window
    does not fit the query: its key variables must be the query's first ascending keys)."""
    if not window or not bindings:
        return
    found = run(window, bindings, None)
    names = found.vars[:-1]
    var = found.vars[-1] if found.vars else ""
    if not re.search(rf"[?$]{re.escape(var)}\b", text):
        return  # a VALUES block on a variable the query lacks would multiply its rows
    if not names or [(n, False) for n in names] != order_keys(text)[: len(names)]:
        return
    tried: list[Identifier] = []
    for times in WIDEN:
        choice = rows_choice(found, len(names), need * times)
        if choice is None:
            return
        if choice[0] != tried:
            yield RowsChoice({var: choice[0]}, tuple(names), choice[1])
        tried = choice[0]


def page_within(result: QueryResult, names: tuple[str, ...], last: Key) -> bool:
    """Return whether a page's last row has keys up to `last` (the rows the window covers)."""
    if not result.cells or not set(names) <= set(result.vars):
        return False
    at = [result.vars.index(n) for n in names]
    key = row_key([result.cells[-1][i] for i in at])
    return key is not None and key <= last
