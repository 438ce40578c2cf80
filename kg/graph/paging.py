"""Pages of a query's rows (`kg query --limit N --offset K`), and named queries answered from the
evidence summaries where the graph has them.

Any SELECT gets its page as LIMIT and OFFSET in its own text (kg.graph.sparql_text.apply_page);
its ORDER BY keeps the pages apart. A named query NAME may come with two more files:

- `queries/summaries/NAME.rq`, the same rows read from summary nodes; it runs when the graph holds
  a node of the class its `# needs:` line names, and a graph built before those nodes existed keeps
  NAME.rq.
- `queries/windows/NAME.rq`, a window: every value that the query's first ORDER BY key takes,
  each with a number of rows (?rows) that the query has for that value, at least or as estimated
  (`# for: summaries` when it belongs to the summaries variant). A page lies among the smallest
  values (the largest, for DESC) whose rows reach offset + limit, so the query runs with its key
  bound to those values alone: far less to join and sort. A window read from the summaries is
  empty in a graph built without them, and the query then runs whole.
- `queries/windows/NAME.by-VAR.rq`, a window on the second ORDER BY key VAR, for when the first key
  is fixed: by the caller's binding, or because the first key's window chose one value alone. It
  gives the first key's values (?FIRST, the first key's own variable), VAR's values and an estimate
  of the rows of each pair (?rows); every pair the query's rows take must be among them (more does
  no harm). The page then runs with the first key bound to its first value and VAR to the smallest
  values (largest, for DESC) whose estimated rows reach offset + limit.
- `queries/windows/NAME.rows.rq`, for a bound query whose second key cannot be bound: the page
  binds the node each row belongs to (kg.graph.row_windows).

A window's rows may be estimates (a number of studies or findings where rows fold): a page that
comes back short asks again for twice, then four times the rows, then runs without the windows.
Whatever the estimates, a page read through a window is exact: the key values it binds are the
first in the query's order, so the rows they give are the first rows of the whole query, and a page
of `limit` rows among them is the page of the whole query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from rdflib import Literal
from rdflib.term import Identifier

from kg.errors import UsageError
from kg.graph.query import QUERY_DIR, NamedQuery, QueryResult, without_unbound_keys
from kg.graph.row_windows import Runner, page_within, rows_choices
from kg.graph.sparql_text import Choices, apply_page, order_keys, with_number
from kg.namespaces import XSD
from kg.resources import ontology_file

NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long}
DIGITS = re.compile(r"^[0-9]+$")
# a window that reads label positions takes the rows a page needs as ?need
NEED = re.compile(r"[?$]need\b")
# how many times the rows of a page the second key's window asks for, in turn (its rows are estimates)
WIDEN = (1, 2, 4)


@dataclass(frozen=True)
class Page:
    """Rows offset .. offset+limit of a result (limit None: all of them from offset on)."""

    limit: int | None = None
    offset: int = 0


def count_option(option: str, value: str | None) -> int | None:
    """Return the number given to --limit or --offset (None when not given); anything but a whole
    number of 0 or more is a usage error."""
    if value is None:
        return None
    if not DIGITS.match(value.strip()):
        raise UsageError(f"{option} takes a whole number of rows (0 or more), not {value!r}")
    return int(value.strip())


def _header(text: str, key: str) -> str:
    """Return the value of a '# key: value' line of a query file ('' when it has none)."""
    m = re.search(rf"^#\s*{key}\s*:\s*(\S.*?)\s*$", text, re.MULTILINE)
    return m.group(1) if m else ""


def sidecar(kind: str, name: str) -> str:
    """Return the text of queries/KIND/NAME.rq ('' when there is none)."""
    path = ontology_file(f"{QUERY_DIR}/{kind}/{name}.rq")
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _holds(run: Runner, sidecar_text: str) -> bool:
    """Return whether the graph holds a node of the class a file's `# needs:` line names."""
    needs = _header(sidecar_text, "needs")
    # the class is the shipped file's own prefixed name, never caller text
    return bool(needs) and run(f"ASK {{ ?x a {needs} }}", {}, None).boolean is True


def _window(run: Runner, name: str) -> str:
    """Return the text of windows/NAME.rq, or of windows/NAME.positions.rq when the graph holds
    the label positions it reads."""
    positions = sidecar("windows", f"{name}.positions")
    return positions if _holds(run, positions) else sidecar("windows", name)


class Plan(NamedTuple):
    """What a page of a named query runs: its text and its windows ('' for none)."""

    text: str
    window: str = ""  # on the first ORDER BY key
    then: str = ""  # on the second
    rows: str = ""  # of its rows, by the node each row belongs to (kg.graph.row_windows)


def plan(run: Runner, query: NamedQuery, bound: Iterable[str]) -> Plan:
    """Return the text of a named query to run (its summaries variant when the graph holds the
    nodes it reads, without the patterns of parameters not bound) and its windows."""
    bound = set(bound)
    text = without_unbound_keys(query, bound)
    variant = sidecar("summaries", query.name)
    use_variant = _holds(run, variant)
    chosen = variant if use_variant else text
    keys = order_keys(chosen)
    names = [query.name, f"{query.name}.by-{keys[1][0]}" if len(keys) > 1 else ""]
    windows = [_window(run, name) if name else "" for name in names]
    windows.append(sidecar("windows", f"{query.name}.rows") if bound else "")
    for i, window in enumerate(windows):
        if (_header(window, "for") == "summaries") != use_variant:
            windows[i] = ""
        elif window:  # a window takes the query's parameters: those not bound leave it as well
            windows[i] = without_unbound_keys(NamedQuery(query.name, "", "", query.params, window), bound)
    return Plan(chosen, *windows)


def _order_value(term: Identifier | None) -> tuple[int, str | Decimal | float] | None:
    """Return how ORDER BY compares a plain string or a number (kind, value); None otherwise."""
    if not isinstance(term, Literal) or term.language:
        return None
    if term.datatype is None or term.datatype == XSD.string:
        return 0, str(term)
    if term.datatype in NUMERIC:
        value = term.toPython()
        return (1, value) if isinstance(value, int | float | Decimal) else None
    return None


def window_choice(window: QueryResult, descending: bool, need: int) -> list[Identifier] | None:
    """Return the key values whose rows reach `need`, ties included, in the order of the query's
    ORDER BY; None when the window holds fewer rows or keys that are not all strings or numbers."""
    if not window.vars or "rows" not in window.vars:
        return None
    at = window.vars.index("rows")
    counts: dict[Identifier, int] = {}  # a key on two rows (two nodes of one label) adds up
    for row in window.cells:
        if _order_value(row[0]) is None or row[0] is None:
            return None
        counts[row[0]] = counts.get(row[0], 0) + (int(str(row[at])) if row[at] is not None else 1)
    entries = [(value, term, rows) for term, rows in counts.items() if (value := _order_value(term))]
    if len({value[0] for value, _, _ in entries}) > 1:
        return None  # strings and numbers mixed: the engine's own order decides
    entries.sort(key=lambda e: e[0][1], reverse=descending)
    chosen: list[Identifier] = []
    total = 0
    for i, (value, term, rows) in enumerate(entries):
        if total >= need and value != entries[i - 1][0]:
            return chosen
        chosen.append(term)
        total += rows
    return chosen if total >= need else None


def _first_values(terms: Iterable[Identifier | None], descending: bool) -> list[Identifier] | None:
    """Return the terms that come first in the query's order (ties included); None when they are
    not all strings or all numbers."""
    distinct = set(terms)
    values = [(value, term) for term in distinct if term is not None and (value := _order_value(term))]
    if not values or len(values) < len(distinct) or len({value[0] for value, _ in values}) > 1:
        return None
    best = (max if descending else min)(value[1] for value, _ in values)
    return sorted((term for value, term in values if value[1] == best), key=str)


class Windows:
    """A page's windows, each run once for each number of rows it is asked for. A window that reads
    label positions (kg.evidence.positions) is asked for a quarter more rows than the page needs
    (its estimates count rows that the query folds), in place of ?need (a whole number written into
    its text, as a page's LIMIT is); the others run once."""

    def __init__(self, run: Runner, bindings: dict[str, str], need: int) -> None:
        self.run, self.bindings, self.need = run, bindings, need
        self.done: dict[tuple[str, int, str], QueryResult] = {}

    def target(self, window: str, times: int) -> int:
        """Return the rows a window's values are chosen to reach, for a page of need * times rows."""
        return self.need * times * (5 if NEED.search(window) else 4) // 4

    def rows(self, window: str, times: int, choices: Choices | None = None) -> QueryResult:
        """Return a window's rows for a page of need * times rows (with choices bound)."""
        need = self.target(window, times) if NEED.search(window) else 0
        key = (window, need, repr(choices))
        if key not in self.done:
            text = with_number(window, "need", need) if need else window
            self.done[key] = self.run(text, self.bindings, choices)
        return self.done[key]


def _within_first(found: QueryResult, var: str, var2: str, fixed: list[Identifier]) -> QueryResult:
    """Return the second key's values and rows of a second-key window's rows in the first value."""
    at, at2, at_rows = (found.vars.index(v) for v in (var, var2, "rows"))
    cells = tuple((row[at2], row[at_rows]) for row in found.cells if row[at] in fixed)
    return QueryResult(vars=(var2, "rows"), cells=cells)


def page_choices(
    run: Runner, text: str, windows: tuple[str, str], bindings: dict[str, str], need: int
) -> Iterator[Choices]:
    """Yield, in turn, the key values to bind for a page that ends at row `need` (see the module's
    docstring); each gives the first rows of the whole query."""
    keys = order_keys(text)
    window, then = windows
    if not keys:
        return
    var, descending = keys[0]
    fixed: list[Identifier] | None = None
    asked = Windows(run, bindings, need)
    if window and not bindings:
        tried: list[Identifier] = []
        for times in WIDEN:
            first = window_choice(asked.rows(window, times), descending, asked.target(window, times))
            if first is None:
                return
            if len(first) == 1 and then and len(keys) > 1:
                fixed = first  # one value of the first key holds the page: page through the second
                break
            if first != tried:
                yield {var: first}
            tried = first
        if fixed is None:
            return
    elif not then or not bindings or len(keys) < 2:
        return
    var2, descending2 = keys[1]
    given: Choices | None = {var: fixed} if fixed else None
    found = asked.rows(then, 1, given)
    if not {var, var2, "rows"} <= set(found.vars):
        return
    at = found.vars.index(var)
    # bound by the window, or the first of the values the bound query's rows take
    bind_first = fixed is not None or len({row[at] for row in found.cells}) > 1
    fixed = fixed or _first_values((row[at] for row in found.cells), descending)
    if fixed is None:
        return
    tried = []
    for times in WIDEN:
        within = _within_first(asked.rows(then, times, given), var, var2, fixed)
        second = window_choice(within, descending2, asked.target(then, times))
        if second is None:  # the first key's value holds fewer rows (by the estimates)
            if times > 1 or bind_first:
                yield {var: fixed}
            return
        if second != tried:
            # a single value bound to the first key leads the engine to start there: leave it out
            # when the query's rows take no other value
            yield ({var: fixed} if bind_first else {}) | {var2: second}
        tried = second


def run_page(
    run: Runner, query: str | NamedQuery, bindings: dict[str, str], page: Page | None = None
) -> QueryResult:
    """Run a query (a named one with its variant and windows) and return one page of its rows."""
    page = page or Page()
    how = Plan(query) if isinstance(query, str) else plan(run, query, bindings)
    paged = apply_page(how.text, page.limit, page.offset)
    if page.limit:
        need = page.offset + page.limit
        for choices in page_choices(run, how.text, (how.window, how.then), bindings, need):
            result = run(paged, bindings, choices)
            if len(result.rows) == page.limit:
                return result
        for by_rows in rows_choices(run, how.text, how.rows, bindings, need):
            result = run(paged, bindings, by_rows.choices)
            if len(result.rows) == page.limit and page_within(result, by_rows.names, by_rows.last):
                return result
    return run(paged, bindings, None)
