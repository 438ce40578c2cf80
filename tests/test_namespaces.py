"""Tests for kg.namespaces: the contract's terms, looked up fast and still closed."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.namespaces import TKG


def test_terms_are_plain_class_attributes() -> None:
    # materialised: a lookup reads the class dict instead of DefinedNamespace's __getattr__
    assert TKG.__dict__["Finding"] == URIRef("https://w3id.org/therapy-kg/ontology#Finding")
    assert TKG.Finding is TKG.__dict__["Finding"]
    assert "labelKey" in TKG.__dict__


def test_unknown_term_still_fails() -> None:
    # a typo in a predicate must not mint a new IRI silently
    with pytest.raises(AttributeError):
        TKG.Findings  # noqa: B018


def test_private_settings_are_not_terms() -> None:
    # _NS and _fail are DefinedNamespace's settings, never terms of the ontology
    assert "_NS" not in TKG.__annotations__
    assert URIRef(str(TKG._NS) + "Finding") in TKG
