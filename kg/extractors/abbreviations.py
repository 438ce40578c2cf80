"""Find abbreviations defined in a document ("intrathecal baclofen (ITB)") with scispaCy.

scispaCy's AbbreviationDetector implements the Schwartz–Hearst algorithm on a blank spaCy
pipeline (no model download). Each short form is resolved to the entity its long form names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from kg.model import Mention
from kg.text.tokens import sentence_case

NEVER = "\u0000no-abbreviation\u0000"


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    """Return a blank English spaCy pipeline with scispaCy's abbreviation detector."""
    import spacy
    from scispacy.abbreviation import AbbreviationDetector  # importing registers the factory

    nlp = spacy.blank("en")
    detector: AbbreviationDetector = nlp.add_pipe("abbreviation_detector")
    # scispaCy calls its global matcher even when a document defines no abbreviation, and spaCy
    # warns about an empty matcher; a pattern that never matches keeps it quiet
    detector.global_matcher.add(NEVER, [[{"ORTH": NEVER}]])
    return nlp


def find_abbreviations(text: str) -> dict[str, str]:
    """Return the short forms defined in a text mapped to their long forms (first definition wins)."""
    if "(" not in text and "[" not in text:
        return {}
    doc = _pipeline()(text)
    pairs: dict[str, str] = {}
    for short in doc._.abbreviations:
        pairs.setdefault(short.text, short._.long_form.text)
    return pairs


def _width(m: Mention) -> int:
    """Return how many characters a mention covers."""
    return m.end - m.start


def resolve(pairs: dict[str, str], recognise: Callable[[str], list[Mention]]) -> dict[str, Mention]:
    """Return each short form mapped to the mention of the entity its long form names."""
    out: dict[str, Mention] = {}
    for short, long in sorted(pairs.items()):
        found = recognise(long)
        mentions = [m for m in found if m.end - m.start >= 0.5 * len(long.strip())]
        head = [m for m in found if m.end == len(long.rstrip()) and m.kind in {"therapy", "condition"}]
        if head and head[0].start > 0 and (not mentions or max(mentions, key=_width) is head[0]):
            # "Long-acting injectable antipsychotics (LAIs)": the author names the whole long form,
            # whose head alone a vocabulary knows
            m = head[0]
            label = sentence_case(long.strip())
            mentions = [replace(m, label=label, start=0, end=len(long.rstrip()), text=long.strip())]
        if not mentions:
            continue
        m = max(mentions, key=_width)
        out[short] = replace(m, alt_labels=tuple(sorted({*m.alt_labels, short})))
    return out
