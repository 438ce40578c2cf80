"""Syntax for the extractors: part-of-speech tags from a statistical tagger trained in this
project (`tools/syntax/`), and the word classes the phrase readers take from them."""

from kg.extractors.syntax.tagger import known_verbs, tag_cuts, tag_sentences, tagged
from kg.extractors.syntax.tags import is_function_tag

__all__ = ["is_function_tag", "known_verbs", "tag_cuts", "tag_sentences", "tagged"]
