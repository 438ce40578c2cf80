"""Locate the files shipped with the package: ontology, shapes, vocabulary, queries, example."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
EXAMPLE_TEXT = PACKAGE_DIR / "examples" / "intrathecal_baclofen.txt"


def ontology_dir() -> Path:
    """Return the ontology folder: inside the installed wheel, or the repository's own."""
    for candidate in (PACKAGE_DIR / "ontology", PACKAGE_DIR.parent / "ontology"):
        if (candidate / "therapy-kg.ttl").is_file():
            return candidate
    raise FileNotFoundError("the therapy-kg ontology files are missing from this installation")


def ontology_file(name: str) -> Path:
    """Return the path of one shipped ontology file, such as 'shapes.ttl' or 'queries/x.rq'."""
    return ontology_dir() / name
