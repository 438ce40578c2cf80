"""Choose what the page draws (a focus neighbourhood, the most connected nodes) and mark evidence spans."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import networkx as nx

from kg.errors import KgError
from kg.graph.network import SEPARATOR

DEFAULT_MAX_NODES = 3000
DEFAULT_HOPS = 1
IDENTIFIER_NAMES: tuple[tuple[str, str], ...] = (
    ("id.nlm.nih.gov/mesh/", "MeSH"),
    ("drugbank", "DrugBank"),
    ("/HP_", "HPO"),
    ("obo/", "OBO"),
)

Span = tuple[int, int, str]


@dataclass(frozen=True)
class Selection:
    """The part of a graph the page draws, and the sentence that tells the reader what was left out."""

    graph: nx.MultiDiGraph
    notice: str = ""


def names_of(attrs: dict[str, object]) -> list[str]:
    """Return a node's label followed by its alt labels."""
    alts = str(attrs.get("alt_labels", "") or "")
    return [str(attrs.get("label", "")), *(a for a in alts.split(SEPARATOR) if a)]


def find_nodes(nxg: nx.MultiDiGraph, label: str) -> list[str]:
    """Return the nodes whose label or alt label is the given one (case and spacing ignored)."""
    wanted = " ".join(label.lower().split())
    found = [
        n for n, a in nxg.nodes(data=True) if wanted in {" ".join(x.lower().split()) for x in names_of(a)}
    ]
    if not found:
        raise KgError(f"no node is labelled '{label}' (labels and alt labels are searched)")
    return sorted(found)


def neighbourhood(nxg: nx.MultiDiGraph, label: str, hops: int = DEFAULT_HOPS) -> Selection:
    """Return the nodes within `hops` edges of the node(s) labelled `label`, in either direction."""
    if hops < 0:
        raise KgError(f"--hops must be 0 or more, not {hops}")
    seeds = find_nodes(nxg, label)
    undirected = nxg.to_undirected(as_view=True)
    keep: set[str] = set()
    for seed in seeds:
        keep.update(nx.single_source_shortest_path_length(undirected, seed, cutoff=hops))
    sub = nxg.subgraph(keep).copy()
    notice = f"Neighbourhood of “{label}” within {hops} hop{'s' if hops != 1 else ''}"
    return Selection(sub, f"{notice}: {sub.number_of_nodes():,} of {nxg.number_of_nodes():,} nodes.")


def most_connected(nxg: nx.MultiDiGraph, max_nodes: int = DEFAULT_MAX_NODES) -> Selection:
    """Return the graph cut to its `max_nodes` most connected nodes, saying so when it was cut."""
    if max_nodes < 1:
        raise KgError(f"--max-nodes must be at least 1, not {max_nodes}")
    total = nxg.number_of_nodes()
    if total <= max_nodes:
        return Selection(nxg)
    # edge case: ties in degree are broken by node id, so the same graph always keeps the same nodes
    ranked = sorted(nxg.degree(), key=lambda nd: (-nd[1], nd[0]))
    sub = nxg.subgraph(n for n, _ in ranked[:max_nodes]).copy()
    return Selection(
        sub,
        f"Showing the {max_nodes:,} most connected of {total:,} nodes (--max-nodes); "
        "use --focus LABEL to draw one entity's neighbourhood.",
    )


@dataclass(frozen=True)
class ViewOptions:
    """What to draw: one entity's neighbourhood (focus label and hops), and the node limit."""

    focus: str | None = None
    hops: int = DEFAULT_HOPS
    max_nodes: int = DEFAULT_MAX_NODES


def select(nxg: nx.MultiDiGraph, options: ViewOptions = ViewOptions()) -> Selection:
    """Return what the page draws: the focus neighbourhood if asked, cut to max_nodes."""
    if options.focus is None:
        return most_connected(nxg, options.max_nodes)
    near = neighbourhood(nxg, options.focus, options.hops)
    cut = most_connected(near.graph, options.max_nodes)
    return Selection(cut.graph, " ".join(x for x in (near.notice, cut.notice) if x))


def _term_pattern(term: str) -> re.Pattern[str] | None:
    """Return a case-insensitive pattern matching a term as whole words, spacing relaxed."""
    words = term.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def mark_spans(text: str, terms: list[tuple[str, list[str]]]) -> list[Span]:
    """Return (start, end, kind) spans of the first place each term occurs, without overlaps.

    Terms come in priority order (kind, names); longer names of a kind are tried first."""
    spans: list[Span] = []
    for kind, names in terms:
        for name in sorted({n for n in names if n.strip()}, key=len, reverse=True):
            pattern = _term_pattern(name)
            free = None
            for m in pattern.finditer(text) if pattern else ():
                # edge case: a name inside an already marked span (the "baclofen" of
                # "intrathecal baclofen") is skipped for a later, free occurrence
                if all(m.end() <= s or m.start() >= e for s, e, _ in spans):
                    free = m
                    break
            if free is not None:
                spans.append((free.start(), free.end(), kind))
                break
    return sorted(spans)


def identifier_links(identifiers: str) -> list[dict[str, str]]:
    """Return each identifier IRI with a short name (MeSH D003920) and a link when it is http(s)."""
    links = []
    for iri in (i for i in identifiers.split(SEPARATOR) if i):
        source = next((name for key, name in IDENTIFIER_NAMES if key in iri), "")
        local = re.split(r"[/#:]", iri.rstrip("/"))[-1]
        # edge case: only http(s) IRIs become links; a javascript: or data: IRI stays plain text
        url = iri if urlsplit(iri).scheme in ("http", "https") else ""
        links.append({"iri": iri, "text": f"{source} {local}".strip(), "url": url})
    return links
