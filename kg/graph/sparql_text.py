"""Read SPARQL text as tokens, comments, strings and IRIs whole, to change a query without parsing
it: OPTIONAL groups made lateral (Oxigraph), values bound in VALUES blocks, a page's LIMIT and
OFFSET applied.

Only a query's own structure is read (keywords, braces and its ORDER BY at the top level). Values
enter as terms serialised and escaped by Oxigraph, never as text pasted in; the numbers of a page
are integers written here."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rdflib.term import Node

from kg.errors import KgError

TOKEN_RE = re.compile(
    r"""(?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$]\w+)
    | (?P<word>[\w:](?:[\w.:%-]*[\w:%-])?)
    | (?P<punct>\S)""",
    re.VERBOSE,
)
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
# the terms that some variables may take, bound in VALUES blocks
Choices = Mapping[str, Sequence[Node]]
INTEGER_RE = re.compile(r"^\d+$")


@dataclass(frozen=True)
class Token:
    """One token: its kind (comment, string, iri, var, word, punct), text, span and brace depth
    (a brace has the depth of the group around it)."""

    kind: str
    text: str
    start: int
    end: int
    depth: int

    def is_word(self, word: str) -> bool:
        """Return whether the token is this keyword (case-insensitive)."""
        return self.kind == "word" and self.text.upper() == word


def tokens(sparql: str) -> list[Token]:
    """Return the tokens of a query, comments included."""
    out: list[Token] = []
    depth = 0
    for m in TOKEN_RE.finditer(sparql):
        kind, text = m.lastgroup or "punct", m.group()
        if text == "}" and kind == "punct":
            depth = max(depth - 1, 0)
        out.append(Token(kind, text, m.start(), m.end(), depth))
        if text == "{" and kind == "punct":
            depth += 1
    return out


def code_tokens(sparql: str) -> list[Token]:
    """Return the tokens of a query without its comments."""
    return [t for t in tokens(sparql) if t.kind != "comment"]


def lateral_optionals(sparql: str) -> str:
    """Return the query with each OPTIONAL group wrapped in Oxigraph's LATERAL, so that it is
    evaluated for each row found so far instead of in full and then joined (same results for
    groups whose shared variables are bound, as in the named queries; far faster)."""
    toks = code_tokens(sparql)
    out: list[str] = []
    at = 0
    closing: list[int] = []  # the depths of the OPTIONAL groups open now
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if t.is_word("OPTIONAL") and nxt is not None and nxt.text == "{":
            out += [sparql[at : t.start], "LATERAL { OPTIONAL {"]
            at = nxt.end
            closing.append(nxt.depth)
        elif t.kind == "punct" and t.text == "}" and closing and t.depth == closing[-1]:
            out += [sparql[at : t.end], " }"]
            at = t.end
            closing.pop()
    return "".join(out) + sparql[at:]


def query_form_of(toks: list[Token]) -> str:
    """Return SELECT, ASK, CONSTRUCT or DESCRIBE: the form of a query's tokens ('' if none)."""
    for t in toks:
        if t.depth == 0 and t.kind == "word" and t.text.upper() in FORMS:
            return t.text.upper()
    return ""


def query_form(sparql: str) -> str:
    """Return SELECT, ASK, CONSTRUCT or DESCRIBE: the query's form ('' when none is found)."""
    return query_form_of(code_tokens(sparql))


def has_order_by(sparql: str) -> bool:
    """Return whether the query's own solutions are ordered (an ORDER BY at the top level)."""
    toks = [t for t in code_tokens(sparql) if t.depth == 0]
    return any(a.is_word("ORDER") and b.is_word("BY") for a, b in itertools.pairwise(toks))


def _slice(toks: list[Token]) -> tuple[dict[str, int], list[tuple[int, int]]]:
    """Return a query's own LIMIT and OFFSET values and the spans of their clauses."""
    values: dict[str, int] = {}
    spans: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(toks):
        if a.depth == 0 and a.kind == "word" and a.text.upper() in ("LIMIT", "OFFSET"):
            if not INTEGER_RE.match(b.text):
                raise KgError(f"cannot page the query: {a.text} takes a whole number")
            values[a.text.upper()] = int(b.text)
            spans.append((a.start, b.end))
    return values, spans


def merged_slice(own: dict[str, int], limit: int | None, offset: int) -> tuple[int | None, int]:
    """Return the LIMIT (None: none) and OFFSET of a page of a query that has its own slice."""
    start = own.get("OFFSET", 0) + offset
    left = None if "LIMIT" not in own else max(own["LIMIT"] - offset, 0)
    if left is None:
        return limit, start
    return (left if limit is None else min(limit, left)), start


def apply_page(sparql: str, limit: int | None, offset: int = 0) -> str:
    """Return a SELECT query that gives only rows offset .. offset+limit of its solutions, within
    its own LIMIT and OFFSET when it has them (the clause goes before a trailing VALUES block)."""
    if limit is None and offset == 0:
        return sparql
    if query_form(sparql) != "SELECT":
        raise KgError("--limit and --offset page the rows of a SELECT query")
    toks = code_tokens(sparql)
    own, spans = _slice(toks)
    new_limit, new_offset = merged_slice(own, limit, offset)
    clause = (f" LIMIT {new_limit}" if new_limit is not None else "") + (
        f" OFFSET {new_offset}" if new_offset else ""
    )
    if spans:
        first, last = spans[0][0], spans[-1][1]
        gaps = (sparql[a:b] for (_, a), (b, _) in itertools.pairwise(spans))
        between = "".join(f" {gap.strip()}\n" for gap in gaps if gap.strip())  # comments stay
        return sparql[:first] + clause.strip() + between + sparql[last:]
    trailing = next((t for t in toks if t.depth == 0 and t.is_word("VALUES")), None)
    if trailing is not None:
        return f"{sparql[: trailing.start]}{clause.strip()}\n{sparql[trailing.start :]}"
    return f"{sparql.rstrip()}\n{clause.strip()}\n"


def _where_group(toks: list[Token]) -> Token | None:
    """Return the opening brace of the query's WHERE group (the first top-level group of a SELECT or
    ASK that leaves out the keyword WHERE)."""
    for a, b in itertools.pairwise(toks):
        if a.depth == 0 and a.is_word("WHERE") and b.text == "{":
            return b
    if query_form_of(toks) in ("SELECT", "ASK"):
        return next((t for t in toks if t.depth == 0 and t.text == "{" and t.kind == "punct"), None)
    return None


def _term(term: Node) -> str:
    """Return a term as SPARQL text, serialised (and escaped) by Oxigraph."""
    from kg.graph.encode import to_ox

    return str(to_ox(term))


def with_values(sparql: str, values: Mapping[str, Node], choices: Choices | None = None) -> str:
    """Return the query with VALUES blocks at the top of its WHERE group: one row binding `values`,
    and for each variable of `choices` the terms it may take. Each term is serialised by Oxigraph
    (literals escaped), so no caller text can end a literal or change the query."""
    if not values and not choices:
        return sparql
    brace = _where_group(code_tokens(sparql))
    if brace is None:
        raise KgError("cannot bind values: the query has no WHERE { ... } group")
    blocks = []
    bound = ""
    if values:
        names = " ".join(f"?{k}" for k in values)
        bound = f"VALUES ({names}) {{ ({' '.join(_term(v) for v in values.values())}) }}"
    for var, terms in (choices or {}).items():
        blocks.append(f"VALUES ?{var} {{ {' '.join(_term(t) for t in terms)} }}")
    if not blocks:
        return f"{sparql[: brace.end]} {bound} {sparql[brace.end :]}"
    # with choices, the bound values close the group: Oxigraph starts a join at a VALUES block of
    # one row (its plan for the named queries reads every finding of a bound design first), so it
    # starts at the choices instead; a variable bound in a pattern of the group joins the same
    toks = code_tokens(sparql)
    end = next(t for t in toks if t.start > brace.start and t.text == "}" and t.depth == brace.depth)
    group = sparql[brace.end : end.start]
    return f"{sparql[: brace.end]} {' '.join(blocks)} {group} {bound} {sparql[end.start :]}"


def with_number(sparql: str, var: str, number: int) -> str:
    """Return the query with a variable replaced by a whole number (written here, as a page's LIMIT
    is): the engine then filters on a constant, where a VALUES block can lead it to a slower plan."""
    out: list[str] = []
    at = 0
    for t in code_tokens(sparql):
        if t.kind == "var" and t.text[1:] == var:
            out += [sparql[at : t.start], str(int(number))]
            at = t.end
    return "".join(out) + sparql[at:]


def order_keys(sparql: str) -> list[tuple[str, bool]]:
    """Return the variables that a query's ORDER BY sorts on, in turn, each with whether it sorts
    descending, up to the first key that is an expression ([] when there is no ORDER BY)."""
    toks = [t for t in code_tokens(sparql) if t.depth == 0]
    for i in range(len(toks) - 1):
        if toks[i].is_word("ORDER") and toks[i + 1].is_word("BY"):
            keys: list[tuple[str, bool]] = []
            rest = [t.text for t in toks[i + 2 :]]
            at = 0
            while at < len(rest):
                if rest[at].startswith(("?", "$")):
                    keys.append((rest[at][1:], False))
                    at += 1
                    continue
                wrapped = rest[at + 1 : at + 2] == ["("] and rest[at + 3 : at + 4] == [")"]
                if wrapped and rest[at].upper() in ("ASC", "DESC") and rest[at + 2].startswith(("?", "$")):
                    keys.append((rest[at + 2][1:], rest[at].upper() == "DESC"))
                    at += 4
                    continue
                break
            return keys
    return []


def first_order_key(sparql: str) -> tuple[str, bool] | None:
    """Return the variable that a query's ORDER BY sorts on first and whether it sorts descending
    (None when there is no ORDER BY or its first key is an expression)."""
    keys = order_keys(sparql)
    return keys[0] if keys else None
