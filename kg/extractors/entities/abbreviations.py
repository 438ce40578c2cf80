"""Find abbreviations defined in a document ("intrathecal baclofen (ITB)") with scispaCy.

scispaCy's AbbreviationDetector implements the Schwartz–Hearst algorithm on a blank spaCy
pipeline (no model download). Each short form is resolved to the entity its long form names.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any

import numpy as np

from kg.model import Mention
from kg.text.tokens import sentence_case

NEVER = "\u0000no-abbreviation\u0000"
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
# the code points of white space (str.isspace, the `\s` of regular expressions on str): words are
# the runs of other characters
SPACES = np.array(
    [*range(9, 14), *range(28, 33), 133, 160, 5760, *range(8192, 8203), 8232, 8233, 8239, 8287, 12288],
    dtype=np.uint32,
)
WINDOW_GAP = "\n\n"
# scispaCy's detector reads brackets with at most this many tokens inside
MAX_INSIDE = 8
# the part of spaCy's infix rule for hyphens between letters
HYPHEN_INFIX = "(?:-|–|—|--|---|——|~)"
# the strings whose affix searches the tokenizer keeps (per search: a few MB)
AFFIX_MEMO = 1 << 14


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    """Return a blank English spaCy pipeline with scispaCy's abbreviation detector."""
    import spacy
    from scispacy.abbreviation import AbbreviationDetector  # importing registers the factory
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    # the detector and its matchers read each token's text alone (ORTH): the lexical attributes
    # spaCy computes in Python for each new word (shape, like_num, like_url, is_stop...) are not read
    vocab: Any = nlp.vocab
    vocab.lex_attr_getters = {}
    # a hyphen between letters stays inside its word, so that a short form such as "AZL-M" or a
    # long form such as "non-beta-blocker" is one token, as scispaCy's Schwartz-Hearst needs
    infixes = [p for p in nlp.Defaults.infixes or () if isinstance(p, str) and HYPHEN_INFIX not in p]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    _memoise_affixes(tokenizer)
    detector: AbbreviationDetector = nlp.add_pipe("abbreviation_detector")
    # scispaCy adds a pattern to its global matcher for each short form it finds ([{"ORTH": short}],
    # always valid), which spaCy would check against its schema each time (pydantic: a fifth of the
    # detector's time on real abstracts); the same matcher, without the check
    detector.global_matcher = Matcher(nlp.vocab, validate=False)
    # scispaCy calls its global matcher even when a document defines no abbreviation, and spaCy
    # warns about an empty matcher; a pattern that never matches keeps it quiet
    detector.global_matcher.add(NEVER, [[{"ORTH": NEVER}]])
    detector.matcher = BracketMatcher(nlp.vocab)
    return nlp


def _memoise_affixes(tokenizer: Any) -> None:
    """Make the tokenizer's prefix, suffix, infix and URL searches remember their last AFFIX_MEMO
    strings. spaCy caches the tokens of a whole word only when it holds no special case, and runs
    these regular expressions (its suffix rule tries every position of the string) again on each
    word it has not cached: numbers, brackets and units of real abstracts ("0.05)", "(n=45"),
    which recur. A search's result depends on its string alone, so the tokens are the same."""
    finditer: Callable[[str], Iterator[re.Match[str]]] = tokenizer.infix_finditer
    tokenizer.infix_finditer = lru_cache(AFFIX_MEMO)(lambda s: tuple(finditer(s)))
    tokenizer.prefix_search = lru_cache(AFFIX_MEMO)(tokenizer.prefix_search)
    tokenizer.suffix_search = lru_cache(AFFIX_MEMO)(tokenizer.suffix_search)
    if tokenizer.url_match is not None:
        tokenizer.url_match = lru_cache(AFFIX_MEMO)(tokenizer.url_match)


class BracketMatcher:
    """scispaCy's matcher of brackets ("(", one token or more, ")"), giving the matches its detector
    keeps: those with at most MAX_INSIDE tokens inside, not opened by the text's first token.

    spaCy's Matcher gives every pair of an opening and a later closing bracket (its pattern's
    middle token is any token, brackets too): a number that grows with the square of the brackets
    in a text, which the detector then drops but for the short ones, and most of its time on a
    long text. The matches kept come in spaCy's order: by closing bracket, the nearest opening
    one first."""

    def __init__(self, vocab: Any) -> None:
        self.key = vocab.strings.add("parenthesis")  # scispaCy's name of its pattern
        self.open, self.close = vocab.strings.add("("), vocab.strings.add(")")

    def __call__(self, doc: Any) -> list[tuple[int, int, int]]:
        """Return (key, start, end) of each bracketed span the detector keeps, brackets included."""
        from spacy.attrs import ORTH

        orth = doc.to_array(ORTH)
        opens = (orth == self.open).nonzero()[0].tolist()
        out = []
        for j in (orth == self.close).nonzero()[0].tolist():
            k = bisect.bisect_left(opens, j) - 1  # the nearest opening bracket before it
            while k >= 0 and j - opens[k] - 1 <= MAX_INSIDE:
                if j - opens[k] >= 2 and opens[k] != 0:
                    out.append((self.key, opens[k], j + 1))
                k -= 1
        return out


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
    space = np.isin(chars, SPACES)
    # where each word begins and ends
    solid = np.concatenate(([False], ~space, [False])).view(np.int8)
    edge = np.diff(solid)
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
    joined = np.flatnonzero(first[1:] > final[:-1]) + 1
    lefts, rights = first[np.r_[0, joined]], final[np.r_[joined - 1, len(final) - 1]]
    return WINDOW_GAP.join(text[a:b] for a, b in zip(lefts.tolist(), rights.tolist(), strict=True))


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
            mentions = [
                replace(m, label=label, preferred="", start=0, end=len(long.rstrip()), text=long.strip())
            ]
        if not mentions:
            continue
        m = max(mentions, key=_width)
        out[short] = replace(m, alt_labels=tuple(sorted({*m.alt_labels, short})))
    return out
