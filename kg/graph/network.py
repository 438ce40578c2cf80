"""Project the RDF graph onto a property graph of therapies, conditions, outcomes and studies."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.evidence.edges import SUMMARY_FIELDS, pair_summaries
from kg.namespaces import BIBO, DIRECTION_IRIS, PROV, RDF, RDFS, SKOS, TKG

NODE_TYPES: dict[URIRef, str] = {
    TKG.Therapy: "therapy",
    TKG.Condition: "condition",
    TKG.Outcome: "outcome",
    TKG.Study: "study",
}
DIRECTION_NAMES: dict[Node, str] = {iri: name for name, iri in DIRECTION_IRIS.items()}
NODE_FIELDS: tuple[str, ...] = ("type", "label", "alt_labels", "identifiers", "citation", "design")
EDGE_FIELDS: tuple[str, ...] = (
    "kind",
    "finding",
    "direction",
    "negated",
    "hedged",
    "condition",
    "comparator",
    "sentence",
    "citation",
    "design",
    "negation_cue",
    "hedge_cue",
    "arm_reference",  # an arm result's words for its arm ("the intervention group")
    *SUMMARY_FIELDS,  # the evidence summary of the edge's therapy and outcome (kg.evidence.edges)
)
SEPARATOR = "|"

Attrs = dict[str, str | bool | int | float]


def _texts(g: Graph, s: Node, p: URIRef) -> list[str]:
    """Return the distinct string values of a property, sorted (so the choice is deterministic)."""
    return sorted({str(o) for o in g.objects(s, p)})


def _text(g: Graph, s: Node | None, p: URIRef) -> str:
    """Return the smallest string value of a property, or "" when there is none."""
    if s is None:
        return ""
    values = _texts(g, s, p)
    return values[0] if values else ""


def _iri(g: Graph, s: Node, p: URIRef) -> URIRef | None:
    """Return the smallest IRI object of a property, or None when there is none."""
    values = sorted(o for o in g.objects(s, p) if isinstance(o, URIRef))
    return values[0] if values else None


def _flag(g: Graph, s: Node, p: URIRef) -> bool:
    """Return a boolean property; absent or ill-typed values count as false."""
    return any(str(o).strip().lower() in ("true", "1") for o in g.objects(s, p))


def local_name(iri: str) -> str:
    """Return the last segment of an IRI, a fallback label for unlabelled nodes."""
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def label_of(g: Graph, s: Node) -> str:
    """Return a node's preferred label, else its citation, else its IRI's last segment."""
    return _text(g, s, RDFS.label) or _text(g, s, TKG.citation) or local_name(str(s))


def citation_of(g: Graph, study: Node | None) -> str:
    """Return how a study is cited, as the named queries do: its citation as written, else its PMID,
    else its label (a text's own study is called after the document), else its DOI; "" if none."""
    if study is None:
        return ""
    pmid = _text(g, study, TKG.pmid)
    return (
        _text(g, study, TKG.citation)
        or (f"PMID {pmid}" if pmid else "")
        or _text(g, study, RDFS.label)
        or _text(g, study, BIBO.doi)
    )


def design_of(g: Graph, study: Node | None) -> str:
    """Return the label of a study's design (or the design IRI's last segment), "" if none."""
    design = _iri(g, study, TKG.design) if study is not None else None
    if design is None:
        return ""
    return _text(g, design, RDFS.label) or local_name(str(design))


def node_attrs(g: Graph, s: URIRef, kind: str) -> Attrs:
    """Return the GraphML-safe attributes of one entity or study node."""
    label = label_of(g, s)
    alts = [a for a in _texts(g, s, SKOS.altLabel) if a != label]
    idents = sorted(str(o) for o in g.objects(s, SKOS.exactMatch))
    is_study = kind == "study"
    return {
        "type": kind,
        "label": label,
        "alt_labels": SEPARATOR.join(alts),
        "identifiers": SEPARATOR.join(idents),
        "citation": citation_of(g, s) if is_study else "",
        "design": design_of(g, s) if is_study else "",
    }


def _ensure_node(nxg: nx.MultiDiGraph, g: Graph, s: URIRef, kind: str) -> str:
    """Add a node the edges need even when the RDF lacks its rdf:type, and return its id."""
    key = str(s)
    if key not in nxg:
        # edge case: a finding points at an entity that is not typed (a hand-edited or foreign graph)
        nxg.add_node(key, **node_attrs(g, s, kind))
    return key


def _typed_subjects(g: Graph) -> list[tuple[str, URIRef, str]]:
    """Return (id, IRI, type) for every typed node, sorted by IRI; the first listed type wins."""
    seen: dict[str, tuple[str, URIRef, str]] = {}
    for cls, kind in NODE_TYPES.items():
        for s in g.subjects(RDF.type, cls):
            # edge case: blank-node subjects have no stable id across runs, so they are skipped
            if isinstance(s, URIRef):
                seen.setdefault(str(s), (str(s), s, kind))
    return [seen[k] for k in sorted(seen)]


def finding_edge(g: Graph, nxg: nx.MultiDiGraph, f: URIRef) -> tuple[str, str, Attrs] | None:
    """Return (therapy, target, attributes) for one finding, or None when it names no therapy."""
    therapy = _iri(g, f, TKG.therapy)
    outcome = _iri(g, f, TKG.outcome)
    condition = _iri(g, f, TKG.condition)
    target = outcome if outcome is not None else condition
    if therapy is None or target is None:
        # edge case: a finding with no therapy or no target cannot be drawn as an edge
        return None
    study = _iri(g, f, TKG.study)
    statement = _iri(g, f, PROV.wasDerivedFrom)
    comparator = _iri(g, f, TKG.comparator)
    direction = DIRECTION_NAMES.get(_iri(g, f, TKG.direction) or TKG.Unspecified, "unspecified")
    attrs: Attrs = {
        "kind": "finding",
        "finding": str(f),
        "direction": direction,
        "negated": _flag(g, f, TKG.negated),
        "hedged": _flag(g, f, TKG.hedged),
        "condition": label_of(g, condition) if condition is not None else "",
        "comparator": label_of(g, comparator) if comparator is not None else "",
        "sentence": _text(g, statement, TKG.text),
        "citation": citation_of(g, study),
        "design": design_of(g, study),
        "negation_cue": _text(g, f, TKG.negationCue),
        "hedge_cue": _text(g, f, TKG.hedgeCue),
        "arm_reference": "",
    }
    source = _ensure_node(nxg, g, therapy, "therapy")
    sink = _ensure_node(nxg, g, target, "outcome" if outcome is not None else "condition")
    return source, sink, attrs


def _blank_edge(kind: str) -> Attrs:
    """Return the attributes every edge carries, filled with empty values, for a given kind."""
    attrs: Attrs = dict.fromkeys(EDGE_FIELDS, "")
    attrs.update(SUMMARY_FIELDS)
    attrs.update(kind=kind, negated=False, hedged=False)
    return attrs


def _sorted_iris(nodes: Iterable[Node]) -> list[URIRef]:
    """Return the IRIs among some nodes, deduplicated and sorted."""
    return sorted({n for n in nodes if isinstance(n, URIRef)})


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """Project an RDF graph onto a MultiDiGraph: typed nodes, finding, treats and reported_in edges."""
    nxg = nx.MultiDiGraph()
    for key, s, kind in _typed_subjects(g):
        nxg.add_node(key, **node_attrs(g, s, kind))
    reported: dict[tuple[str, str], list[str]] = {}
    summaries = pair_summaries(g)
    for f in _sorted_iris(g.subjects(RDF.type, TKG.Finding)):
        edge = finding_edge(g, nxg, f)
        if edge is None:
            continue
        source, sink, attrs = edge
        attrs.update(summaries.get((source, sink), SUMMARY_FIELDS))
        nxg.add_edge(source, sink, key=str(f), **attrs)
        study = _iri(g, f, TKG.study)
        if study is not None:
            pair = (source, _ensure_node(nxg, g, study, "study"))
            reported.setdefault(pair, []).append(str(f))
    for a in _sorted_iris(g.subjects(RDF.type, TKG.ArmResult)):
        _add_arm_result(g, nxg, a)
    for therapy in _sorted_iris(g.subjects(TKG.treats, None)):
        for condition in _sorted_iris(g.objects(therapy, TKG.treats)):
            u = _ensure_node(nxg, g, therapy, "therapy")
            v = _ensure_node(nxg, g, condition, "condition")
            attrs = _blank_edge("treats")
            attrs["condition"] = label_of(g, condition)
            nxg.add_edge(u, v, key="treats", **attrs)
    for (u, v), findings in sorted(reported.items()):
        # one reported_in edge per (therapy, study) pair, listing every finding it stands for
        attrs = _blank_edge("reported_in")
        study_iri = URIRef(v)
        attrs.update(
            finding=SEPARATOR.join(findings),
            citation=citation_of(g, study_iri),
            design=design_of(g, study_iri),
        )
        nxg.add_edge(u, v, key="reported_in", **attrs)
    return nxg


def _add_arm_result(g: Graph, nxg: nx.MultiDiGraph, a: URIRef) -> None:
    """Add the edge of an arm result (kind "arm_result"): from its arm's therapy to its outcome."""
    arm, outcome = _iri(g, a, TKG.arm), _iri(g, a, TKG.armOutcome)
    if arm is None or outcome is None:
        return  # edge case: an arm result with no arm or no outcome cannot be drawn as an edge
    attrs = _blank_edge("arm_result")
    attrs.update(
        finding=str(a),
        direction=DIRECTION_NAMES.get(_iri(g, a, TKG.armDirection) or TKG.Unspecified, "unspecified"),
        sentence=_text(g, _iri(g, a, PROV.wasDerivedFrom), TKG.text),
        arm_reference=_text(g, a, TKG.armReference),
    )
    source = _ensure_node(nxg, g, arm, "therapy")
    nxg.add_edge(source, _ensure_node(nxg, g, outcome, "outcome"), key=str(a), **attrs)
