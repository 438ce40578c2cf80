"""Check a graph against the SHACL shapes of the graph contract and report readable violations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import KgError
from kg.namespaces import PROV, RDF, RDFS, SKOS, TKG, XSD
from kg.resources import ontology_file

SHAPES_FILE = "shapes.ttl"
DEFAULT_PREFIXES: tuple[tuple[str, str], ...] = (
    ("tkg", str(TKG._NS)),
    ("prov", str(PROV)),
    ("rdf", str(RDF)),
    ("rdfs", str(RDFS)),
    ("skos", str(SKOS)),
    ("xsd", str(XSD)),
)
_PN_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, the message, the severity and context."""

    focus_node: str
    path: str | None
    message: str
    severity: str
    kind: str = ""
    value: str | None = None


@dataclass(frozen=True)
class ValidationReport:
    """Whether a graph conforms to the shapes, and every violation found (sorted)."""

    conforms: bool
    violations: tuple[Violation, ...]


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """Return the parsed SHACL shapes shipped with the package (parsed once)."""
    path = ontology_file(SHAPES_FILE)
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise KgError(f"cannot read the SHACL shapes {path}: {str(exc).splitlines()[0]}") from exc


def compact(node: Node, g: Graph) -> str:
    """Return a prefixed name for an IRI (graph's prefixes, then the project's), else its N-Triples form."""
    if isinstance(node, URIRef):
        iri = str(node)
        best: tuple[str, str] | None = None
        for prefix, ns in [*g.namespaces(), *DEFAULT_PREFIXES]:
            local = iri[len(str(ns)) :]
            if (
                iri.startswith(str(ns))
                and _PN_LOCAL.match(local)
                and (best is None or len(local) < len(best[1]))
            ):
                best = (prefix, local)
        if best is not None:
            return f"{best[0]}:{best[1]}"
        return f"<{iri}>"
    if isinstance(node, Literal):
        return node.n3(g.namespace_manager)
    return node.n3()


def _shape_kind(shapes: Graph, shape: Node, focus_types: set[Node]) -> str:
    """Return the label of the node shape that a (property) shape belongs to, preferring the focus's type."""
    owners = [shape, *shapes.subjects(SH.property, shape)]
    labelled = [o for o in owners if shapes.value(o, RDFS.label) is not None]
    matching = [o for o in labelled if focus_types & set(shapes.objects(o, SH.targetClass))]
    chosen = (matching or labelled)[:1]
    return str(shapes.value(chosen[0], RDFS.label)) if chosen else ""


def _violation(results: Graph, result: Node, data: Graph, shapes: Graph) -> Violation:
    """Turn one sh:ValidationResult node into a Violation."""
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    severity = results.value(result, SH.resultSeverity)
    shape = results.value(result, SH.sourceShape)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    return Violation(
        focus_node=focus.n3() if isinstance(focus, BNode) else str(focus) if focus is not None else "",
        path=compact(path, data) if isinstance(path, URIRef) else None,
        message=messages[0] if messages else "constraint violated",
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        kind=_shape_kind(shapes, shape, set(data.objects(focus, RDF.type))) if shape is not None else "",
        value=compact(value, data) if value is not None and not isinstance(value, BNode) else None,
    )


def validate_graph(g: Graph) -> ValidationReport:
    """Validate a graph against the contract shapes (no inference) and collect the violations."""
    shapes = shapes_graph()
    conforms, results, _ = shacl_validate(
        g, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=False
    )
    if not isinstance(results, Graph):
        raise KgError("SHACL validation returned no results graph")
    found = {_violation(results, r, g, shapes) for r in results.subjects(SH.focusNode, None)}
    ordered = sorted(found, key=lambda v: (v.kind, v.focus_node, v.path or "", v.message, v.value or ""))
    return ValidationReport(conforms=bool(conforms), violations=tuple(ordered))


def format_violation(v: Violation) -> str:
    """Return one readable line: kind, node, path, message and the offending value."""
    node = v.focus_node if v.focus_node.startswith("_:") else f"<{v.focus_node}>"
    head = f"{v.kind} {node}" if v.kind else node
    parts = [head, *([v.path] if v.path else []), v.message]
    line = ": ".join(parts)
    if v.value is not None:
        line += f" (value: {v.value})"
    if v.severity != "Violation":
        line = f"[{v.severity.lower()}] {line}"
    return line


def format_report(report: ValidationReport) -> str:
    """Return a readable report: a summary line, then one line per violation."""
    if report.conforms and not report.violations:
        return "the graph conforms to the therapy-kg shapes"
    n = len(report.violations)
    lines = [f"the graph does not conform: {n} violation{'s' if n != 1 else ''}"]
    lines.extend(format_violation(v) for v in report.violations)
    return "\n".join(lines)
