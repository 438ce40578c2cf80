"""Find abbreviations defined in a document ("intrathecal baclofen (ITB)") with scispaCy.

scispaCy's AbbreviationDetector implements the Schwartz–Hearst algorithm on a blank spaCy
pipeline (no model download). Each short form is resolved to the entity its long form names.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import numpy as np

from kg.extractors.entities.detector import pipeline as _pipeline
from kg.model import Mention
from kg.text.tokens import sentence_case

# a definition lies inside one sentence, so a long text is read in pieces of about this many
# characters cut after a sentence (spaCy's matcher slows down more than linearly on one long doc)
CHUNK_CHARS = 20_000
SENTENCE_ENDS = (". ", "\n")
# the detector reads only the words around each "(": scispaCy looks for a long form at most
# min(n + 5, 2n) tokens before a short form of n characters in brackets of at most 8 tokens, so
# 100 words before it and 20 after keep every definition (spaCy cuts tokens inside whitespace-
# separated words alone, so the words of a window are cut as in the whole text)
WORDS_BEFORE, WORDS_AFTER = 100, 20
# each piece is then read on narrower windows: the detector's long form lies at most 32 tokens
# before a short form in brackets (at most 3 tokens of under 10 characters each, n characters in
# all: min(n + 5, 2n) tokens), and a short form's brackets close within 9 tokens; NEAR_BEFORE and
# NEAR_AFTER words (a word is one token or more) keep both, so it finds the same definitions
NEAR_BEFORE, NEAR_AFTER = 40, 12
# 1 for each code point but those of white space (str.isspace, the `\s` of regular expressions on
# str), all of which lie below the table's last entry (which stands for every code point above)
SOLID = np.ones(12290, dtype=np.int8)
SOLID[[*range(9, 14), *range(28, 33), 133, 160, 5760, *range(8192, 8203), 8232, 8233, 8239, 8287, 12288]] = 0
WINDOW_GAP = "\n\n"


def _cut(text: str, start: int) -> int:
    """Return where the piece of text from start ends: after a sentence end past CHUNK_CHARS,
    else at a space, else anywhere."""
    least, most = start + CHUNK_CHARS, start + 2 * CHUNK_CHARS
    if len(text) <= least:
        return len(text)
    ends = [i for i in (text.find(e, least, most) for e in SENTENCE_ENDS) if i >= 0]
    if ends:
        return min(ends) + 1
    space = text.find(" ", least, most)
    return space + 1 if space >= 0 else most


def bracket_windows(
    text: str, before: int = WORDS_BEFORE, after: int = WORDS_AFTER, edges: bool = False
) -> str:
    """Return the parts of a text around its opening brackets (`before` words before each and
    `after` words after it), in order, overlapping parts joined and the others apart (a blank line
    between them); with edges, a part that reaches the first or last word reaches the text's start
    or end (the white space there kept)."""
    if "(" not in text:
        return ""
    chars = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # where each word (a run of characters that are not white space) begins and ends
    edge = np.diff(SOLID[np.minimum(chars, len(SOLID) - 1)], prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
    last = len(starts) - 1
    k = np.searchsorted(starts, np.flatnonzero(chars == ord("(")), side="right") - 1
    first = starts[np.maximum(0, k - before)]
    final = ends[np.minimum(last, k + after)]
    if edges:
        first[k <= before] = 0
        final[k + after >= last] = len(text)
    # windows come in order of their starts, and their ends never go back: a window that starts
    # within the one before it (the ends so far) joins it
    joined = (np.flatnonzero(first[1:] > final[:-1]) + 1).tolist()
    lefts, rights = first[[0, *joined]].tolist(), final[[k - 1 for k in joined] + [len(final) - 1]].tolist()
    return WINDOW_GAP.join(text[a:b] for a, b in zip(lefts, rights, strict=True))


def find_abbreviations(text: str) -> dict[str, str]:
    """Return the short forms defined in a text mapped to their long forms (first definition wins)."""
    if "(" not in text:
        return {}
    text = bracket_windows(text)
    pairs: dict[str, str] = {}
    start = 0
    while start < len(text):
        end = _cut(text, start)
        for short, long in _definitions(text[start:end]):
            pairs.setdefault(short, long)
        start = end
    return pairs


def _definitions(piece: str) -> list[tuple[str, str]]:
    """Return the short forms the detector finds in a piece of text with their long forms, in its
    order. It reads the words around each bracket (see NEAR_BEFORE), and the whole piece when the
    piece may hold a short form of several tokens spaced otherwise ("TEOAE 's" for "TEOAE's"): the
    detector also lists the other places a short form occurs in its text, each as written."""
    found = _pipeline()(bracket_windows(piece, NEAR_BEFORE, NEAR_AFTER, edges=True))._.abbreviations
    if any(_respaced(short, piece) for short in found):
        found = _pipeline()(piece)._.abbreviations
    return [(short.text, long_form(short._.long_form.text)) for short in found]


def _respaced(short: Any, text: str) -> bool:
    """Return whether a text holds the tokens of a short form (a spaCy span) with other spaces
    between them (none or one where the short form has one or none)."""
    words = [t.text for t in short]
    spacings = itertools.product(("", " "), repeat=len(words) - 1)
    written = (
        words[0] + "".join(gap + w for gap, w in zip(gaps, words[1:], strict=True)) for gaps in spacings
    )
    return any(w != short.text and w in text for w in written)


def long_form(text: str) -> str:
    """Return a long form without what precedes a bracket it does not open: in "olmesartan
    (OLM)-hydrochlorothiazide (HCTZ)" the long form of HCTZ is "hydrochlorothiazide"."""
    depth, cut = 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth:
                depth -= 1
            else:
                cut = i + 1
    return text[cut:].lstrip(" -–") or text


class Abbreviations(dict[str, Mention]):
    """A text's abbreviations: each short form mapped to the mention its long form names, with the
    short forms of each label at hand (a long document's pieces know thousands of them, and each
    mention of a sentence asks for its label's). Made once, not changed."""

    def __init__(self, pairs: Mapping[str, Mention]) -> None:
        super().__init__(pairs)
        self._forms: dict[str, tuple[str, ...]] = {}
        for short, m in self.items():
            self._forms[m.label.lower()] = (*self._forms.get(m.label.lower(), ()), short)

    def forms(self, label: str) -> tuple[str, ...]:
        """Return the short forms whose mention has this label (any case), in order."""
        return self._forms.get(label.lower(), ())


def _width(m: Mention) -> int:
    """Return how many characters a mention covers."""
    return m.end - m.start


def resolve(
    pairs: dict[str, str],
    recognise: Callable[[str], list[Mention]],
    memo: dict[tuple[str, str], Mention | None] | None = None,
) -> dict[str, Mention]:
    """Return each short form mapped to the mention of the entity its long form names; memo, when
    given, keeps each (short, long) pair's resolution for the next call."""
    out: dict[str, Mention] = {}
    for short, long in sorted(pairs.items()):
        if memo is None or (short, long) not in memo:
            m = resolve_one(short, long, recognise)
            if memo is not None:
                memo[short, long] = m
        else:
            m = memo[short, long]
        if m is not None:
            out[short] = m
    return out


def resolve_one(short: str, long: str, recognise: Callable[[str], list[Mention]]) -> Mention | None:
    """Return the mention of the entity a short form's long form names, or None."""
    found = recognise(long)
    mentions = [m for m in found if m.end - m.start >= 0.5 * len(long.strip())]
    head = [m for m in found if m.end == len(long.rstrip()) and m.kind in {"therapy", "condition"}]
    if head and head[0].start > 0 and (not mentions or max(mentions, key=_width) is head[0]):
        # "Long-acting injectable antipsychotics (LAIs)": the author names the whole long form,
        # whose head alone a vocabulary knows
        m = head[0]
        label = sentence_case(long.strip())
        mentions = [replace(m, label=label, preferred="", start=0, end=len(long.rstrip()), text=long.strip())]
    if not mentions:
        return None
    m = max(mentions, key=_width)
    return replace(m, alt_labels=tuple(sorted({*m.alt_labels, short})))
