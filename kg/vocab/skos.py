"""Read SKOS vocabularies (the bundled one and users' own) into vocabulary entries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.exceptions import ParserError

from kg.errors import KgError
from kg.model import EntityKind
from kg.namespaces import RDF, SKOS, TKG
from kg.vocab.sources import Entry

KIND_OF_CLASS: dict[URIRef, EntityKind] = {
    URIRef(TKG.Therapy): "therapy",
    URIRef(TKG.Condition): "condition",
    URIRef(TKG.Outcome): "outcome",
}
# a concept without a tkg class (for example a MeSH subset) is taken as a condition
DEFAULT_KIND: EntityKind = "condition"


def read_skos(path: Path) -> Graph:
    """Parse a SKOS file (Turtle or any format rdflib guesses from the extension)."""
    g = Graph()
    fmt = "turtle" if path.suffix in {".ttl", ".txt", ""} else None
    try:
        g.parse(path, format=fmt)
    except (OSError, ParserError, SyntaxError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise KgError(f"cannot read vocabulary {path}: {first}") from None
    return g


def _kind(g: Graph, concept: URIRef) -> EntityKind:
    """Return the entity kind of a concept from its class or the class of its scheme."""
    for cls in g.objects(concept, RDF.type):
        if cls in KIND_OF_CLASS:
            return KIND_OF_CLASS[cls]  # type: ignore[index]
    for scheme in g.objects(concept, SKOS.inScheme):
        for cls in g.objects(scheme, RDF.type):
            if cls in KIND_OF_CLASS:
                return KIND_OF_CLASS[cls]  # type: ignore[index]
    return DEFAULT_KIND


def skos_entries(path: Path, source: str) -> Iterator[tuple[str, Entry]]:
    """Yield (variant, entry) for every preferred, alternative and hidden label of every concept."""
    g = read_skos(path)
    concepts = sorted({c for c in g.subjects(SKOS.prefLabel, None) if isinstance(c, URIRef)})
    for concept in concepts:
        labels = sorted(str(label) for label in g.objects(concept, SKOS.prefLabel))
        match = sorted(str(m) for m in g.objects(concept, SKOS.exactMatch))
        ident = match[0] if match else str(concept)
        entry = Entry(_kind(g, concept), labels[0], source, ident)
        for label in labels:
            yield label, entry
        for prop in (SKOS.altLabel, SKOS.hiddenLabel):
            for alt in sorted(str(a) for a in g.objects(concept, prop)):
                yield alt, entry
