"""Entities: therapies, conditions and outcome-like end points a sentence names, from the
vocabularies, from the form of unlisted names, and through a document's abbreviations."""
