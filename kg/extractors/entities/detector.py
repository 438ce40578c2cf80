"""scispaCy's abbreviation detector (Schwartz–Hearst) on a blank spaCy pipeline, made cheaper on
long texts with the same results: its tokenizer remembers its affix searches, and its two matchers
(brackets, and the short forms found) read arrays of token texts instead of spaCy's Matcher."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

import numpy as np

NEVER = "\u0000no-abbreviation\u0000"
# scispaCy's detector reads brackets with at most this many tokens inside
MAX_INSIDE = 8
# the part of spaCy's infix rule for hyphens between letters
HYPHEN_INFIX = "(?:-|–|—|--|---|——|~)"
# the strings whose affix searches the tokenizer keeps (per search: a few MB)
AFFIX_MEMO = 1 << 14


@lru_cache(maxsize=1)
def pipeline() -> Any:
    """Return a blank English spaCy pipeline with scispaCy's abbreviation detector."""
    import spacy
    from scispacy.abbreviation import AbbreviationDetector  # importing registers the factory

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
    # scispaCy adds a pattern to its global matcher for each short form it finds ([{"ORTH": short}]
    # for each of its tokens) and looks for all of them in the whole text (see OrthMatcher)
    detector.global_matcher = OrthMatcher(nlp.vocab)
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


class OrthMatcher:
    """scispaCy's global matcher: patterns of exact token texts ([{"ORTH": text}, ...]) under keys,
    each match (key, start, end). spaCy's Matcher makes a Python Token for each token of the text
    and tries every pattern on it; here each pattern is compared with the array of the text's token
    texts at once. The detector puts the matches into sets, so their order does not matter."""

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab
        self._patterns: dict[int, dict[tuple[int, ...], None]] = {}

    def add(self, key: str, patterns: list[list[dict[str, str]]]) -> None:
        """Add patterns under a key (to those it has; one that it has already matches once)."""
        strings = self.vocab.strings
        orths = [tuple(strings.add(spec["ORTH"]) for spec in p) for p in patterns]
        self._patterns.setdefault(strings.add(key), {}).update(dict.fromkeys(orths))

    def remove(self, key: str) -> None:
        """Remove a key and its patterns (ValueError when there is none, as spaCy's)."""
        if self._patterns.pop(self.vocab.strings.add(key), None) is None:
            raise ValueError(f"no patterns under {key!r}")

    def __call__(self, doc: Any) -> list[tuple[int, int, int]]:
        """Return (key, start, end) of every place a pattern's token texts occur in a document."""
        from spacy.attrs import ORTH

        orth = doc.to_array(ORTH).reshape(-1)
        out = []
        for key, patterns in self._patterns.items():
            for p in patterns:
                room = len(orth) - len(p) + 1
                if room <= 0 or not p:
                    continue
                hit = orth[:room] == p[0]
                for j in range(1, len(p)):
                    hit &= orth[j : j + room] == p[j]
                out += [(key, s, s + len(p)) for s in np.flatnonzero(hit).tolist()]
        return out


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
