"""Read and write RDF files in every common syntax, with one-line errors and atomic writes."""

from __future__ import annotations

import contextlib
import os
import secrets
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.errors import KgError, first_line

RDF_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".n3": "n3",
    ".nt": "nt",
    ".ntriples": "nt",
    ".jsonld": "json-ld",
    ".json-ld": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".trig": "trig",
    ".nq": "nquads",
    ".nquads": "nquads",
}
QUAD_FORMATS = frozenset({"trig", "nquads", "json-ld"})
_SNIFF_BYTES = 8192


def format_for_path(path: Path | str) -> str:
    """Return the rdflib format name for a file name's extension (case-insensitive)."""
    suffix = Path(path).suffix.lower()
    fmt = RDF_FORMATS.get(suffix)
    if fmt is None:
        known = ", ".join(RDF_FORMATS)
        shown = suffix or "(no extension)"
        raise KgError(f"unknown RDF format '{shown}' for {path} (use one of {known})")
    return fmt


def _parse_error(exc: BaseException) -> str:
    """Return the most useful single line of a parser exception ("line 3: ...")."""
    if isinstance(exc, BadSyntax):
        return f"line {exc.lines + 1}: {exc._why}"
    return first_line(exc)


def _read_bytes(path: Path) -> bytes:
    """Read a file's bytes, turning every filesystem problem into a one-line KgError."""
    if not path.exists():
        raise KgError(f"no such file: {path}")
    if path.is_dir():
        raise KgError(f"{path} is a directory, not an RDF file")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise KgError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _check_text(path: Path, data: bytes, fmt: str) -> None:
    """Refuse binary content, and non-UTF-8 content in the formats that must be UTF-8."""
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise KgError(f"{path} is a binary file, not {fmt} text")
    if fmt != "xml":  # RDF/XML may declare its own encoding; every other syntax is UTF-8
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise KgError(f"{path} is not UTF-8 text (byte {exc.start}): not a {fmt} file") from exc


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence the deprecation warnings that rdflib's own parsers and serialisers emit."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


def merge_graphs(ds: Dataset) -> Graph:
    """Return a plain graph holding the triples of every graph of a dataset, with its prefixes."""
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, override=False)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def parse_data(data: bytes, fmt: str, name: str, base: str | None = None) -> Graph:
    """Parse RDF bytes in a given format; quad formats are merged into one graph."""
    try:
        with _quiet():
            if fmt in QUAD_FORMATS:
                ds = Dataset()
                ds.parse(data=data, format=fmt, publicID=base)
                return merge_graphs(ds)
            return Graph().parse(data=data, format=fmt, publicID=base)
    except Exception as exc:  # rdflib's parsers raise many unrelated exception types
        raise KgError(f"cannot parse {name} as {fmt}: {_parse_error(exc)}") from exc


def load_graph(path: Path | str, fmt: str | None = None) -> Graph:
    """Read an RDF file of any supported syntax into one graph (named graphs merged)."""
    path = Path(path)
    data = _read_bytes(path)
    fmt = check_format(fmt) if fmt else format_for_path(path)
    _check_text(path, data, fmt)
    return parse_data(data, fmt, str(path), base=path.resolve().as_uri())


def write_atomic(path: Path | str, data: bytes | str) -> None:
    """Write a file through a temporary file in the same folder, so it is never half-written."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # 0o666 lets the umask decide the final mode, as for any newly created file
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise KgError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def check_format(fmt: str) -> str:
    """Return an rdflib format name unchanged if supported, else raise a KgError listing them."""
    names = sorted(set(RDF_FORMATS.values()))
    if fmt not in names:
        raise KgError(f"unknown RDF format '{fmt}' (use one of {', '.join(names)})")
    return fmt


def jsonld_context(g: Graph) -> dict[str, str]:
    """Return a JSON-LD @context of the graph's bound prefixes that its IRIs and datatypes use."""
    terms: set[str] = set()
    for triple in g:
        for node in triple:
            if isinstance(node, URIRef):
                terms.add(str(node))
            elif isinstance(node, Literal) and node.datatype is not None:
                terms.add(str(node.datatype))
    context: dict[str, str] = {}
    for prefix, ns in sorted(g.namespaces()):
        if prefix and prefix != "xml" and any(t.startswith(str(ns)) for t in terms):
            context[prefix] = str(ns)
    return context


def serialize_graph(g: Graph, fmt: str) -> bytes:
    """Serialise a graph; for TriG and N-Quads a plain graph's triples go to the default graph."""
    check_format(fmt)
    target: Graph = g
    with _quiet():
        if isinstance(g, Dataset) and fmt not in ("trig", "nquads"):
            target = merge_graphs(g)
        elif fmt in ("trig", "nquads") and not isinstance(g, Dataset):
            ds = Dataset()
            for prefix, ns in g.namespaces():
                ds.bind(prefix, ns, override=False)
            ds.addN((s, p, o, ds.default_context) for s, p, o in g)
            target = ds
    options: dict[str, Any] = {}
    if fmt == "json-ld":
        options = {"context": jsonld_context(target), "auto_compact": True}
    try:
        with _quiet():
            out: bytes = target.serialize(format=fmt, encoding="utf-8", **options)
    except Exception as exc:  # e.g. RDF/XML cannot write a predicate it cannot split into a QName
        raise KgError(f"cannot serialise the graph as {fmt}: {first_line(exc)}") from exc
    return out


def write_graph(g: Graph, path: Path | str, fmt: str | None = None) -> None:
    """Serialise a graph in the format of its extension (or fmt) and write it atomically."""
    path = Path(path)
    fmt = check_format(fmt) if fmt else format_for_path(path)
    write_atomic(path, serialize_graph(g, fmt))
