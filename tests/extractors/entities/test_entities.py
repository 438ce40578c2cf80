"""Entity recognition on sentences written for these tests: vocabularies with identifiers, general
patterns for names no vocabulary has, modifiers, combinations, proper names and abbreviations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kg.model import Document, SentenceResult
from kg.pipeline import Extractor

One = Callable[[str], SentenceResult]


def mentions(r: SentenceResult, kind: str) -> dict[str, tuple[str, ...]]:
    """Return label -> identifiers of the mentions of one kind."""
    return {m.label: m.identifiers for m in r.mentions if m.kind == kind}


def test_drug_and_disease_are_grounded_to_mesh(one: One) -> None:
    # vocabulary hits carry MeSH (or DrugBank) identifiers
    r = one("Metformin reduced HbA1c in patients with type 2 diabetes.")
    assert mentions(r, "therapy")["metformin"][0].startswith("http://id.nlm.nih.gov/mesh/")
    assert mentions(r, "condition")["type 2 diabetes"] == ("http://id.nlm.nih.gov/mesh/D003924",)


def test_symptom_from_hpo(one: One) -> None:
    # a symptom the MeSH disease list lacks comes from HPO
    r = one("Baclofen reduced spasticity in patients with multiple sclerosis.")
    assert mentions(r, "condition")["spasticity"][0].startswith("http://purl.obolibrary.org/obo/HP_")


def test_route_modifier_belongs_to_the_therapy(one: One) -> None:
    # "intrathecal baclofen" is not "baclofen"; "therapy" after a drug is dropped from its label
    r = one("Intrathecal baclofen therapy reduced spasticity.")
    assert "intrathecal baclofen" in mentions(r, "therapy")


def test_an_acronym_before_a_one_word_condition_names_it(one: One) -> None:
    # "CMV infections" is not any infection
    r = one("Valganciclovir prevented CMV infections after transplantation.")
    assert "CMV infections" in mentions(r, "condition")


def test_coordinated_routes_name_two_therapies(one: One) -> None:
    # "oral and intravenous iron" names oral iron and intravenous iron
    r = one("Oral and intravenous ferric carboxymaltose were compared in women with anaemia.")
    labels = set(mentions(r, "therapy"))
    assert {"oral ferric carboxymaltose", "intravenous ferric carboxymaltose"} <= labels


def test_unknown_drug_by_its_stem(one: One) -> None:
    # a made-up monoclonal antibody: the -mab stem makes it a drug
    r = one("Zarovimab reduced exacerbations in adults with asthma.")
    assert "zarovimab" in mentions(r, "therapy")


def test_unknown_disease_by_its_ending(one: One) -> None:
    # a made-up inflammation: the -itis ending makes it a condition, with its adjective
    r = one("Prednisolone improved symptoms in chronic zygomatitis.")
    assert "chronic zygomatitis" in mentions(r, "condition")


def test_therapy_head_pattern(one: One) -> None:
    # "<noun> therapy" that no vocabulary lists; "an important adjunctive therapy" is no therapy
    r = one("Mirror therapy may be an important adjunctive therapy in stroke.")
    labels = set(mentions(r, "therapy"))
    assert "mirror therapy" in labels
    assert not any("adjunctive" in label for label in labels)


def test_plus_combination_is_one_therapy(one: One) -> None:
    # "X plus Y" is one combined therapy
    r = one("Nivolumab plus ipilimumab improved overall survival in melanoma.")
    assert "nivolumab plus ipilimumab" in mentions(r, "therapy")


def test_trial_names_are_not_entities(one: One) -> None:
    # capitalised words of a trial's name name no condition or therapy
    r = one("In the Heart Failure Prevention Trial, ramipril lowered mortality.")
    assert "heart failure" not in {label.lower() for label in mentions(r, "condition")}


def test_drug_before_a_device_noun_is_no_therapy(one: One) -> None:
    # "the insulin pump" is a device, "insulin" alone is not claimed there
    r = one("Complications of the insulin pump were rare.")
    assert "insulin" not in mentions(r, "therapy")


def test_abbreviation_resolves_to_its_long_form(extractor: Extractor) -> None:
    # "progression-free survival (PFS)" defines PFS; the definition is no second mention
    text = (
        "Olaparib improved progression-free survival (PFS) in ovarian cancer. PFS was longer with olaparib."
    )
    first, _ = extractor.document(Document("t", text))
    pfs = [m for m in first.mentions if m.label == "progression-free survival"]
    assert pfs and "PFS" in pfs[0].alt_labels
    assert len([m for m in first.mentions if m.text == "PFS"]) == 0


def test_user_vocabulary_wins(tmp_path: Path) -> None:
    # a team's SKOS term names a therapy and grounds it to the team's identifier
    vocab = tmp_path / "team.ttl"
    vocab.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix tkg: <https://w3id.org/therapy-kg/ontology#> .\n"
        "<https://example.org/t/42> a skos:Concept, tkg:Therapy ;\n"
        '  skos:prefLabel "graded motor imagery" ; skos:altLabel "GMI" .\n'
        "<https://example.org/t/43> a skos:Concept, tkg:Outcome ;\n"
        '  skos:prefLabel "metformin" .\n',
        encoding="utf-8",
    )
    r = Extractor([vocab]).document(Document("t", "GMI reduced pain in complex regional pain syndrome."))[0]
    therapies = {m.label: m.identifiers for m in r.mentions if m.kind == "therapy"}
    assert therapies == {"GMI": ("https://example.org/t/42",)}
    # the user's vocabulary replaces the built-in meaning of a term it also defines
    r2 = Extractor([vocab]).document(Document("t", "Metformin was studied."))[0]
    assert not any(m.kind == "therapy" for m in r2.mentions)
