"""Tokenise a sentence into words, numbers and punctuation with character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# words with internal hyphens and apostrophes ("non-small-cell", "Crohn's", "90-day", "CDAI-100") are
# one token; numbers keep their decimals and thousands ("1,208", "0.59"); any other symbol stands alone.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*(?:[-‐][^\W_]+)*|[^\W_]+(?:[-‐'’][^\W_]+)*|\S")


@dataclass(frozen=True, init=False, slots=True)
class Token:
    """A token of a sentence: its text, lower-cased text, character offsets and, once the tagger
    has read its sentence, its Penn Treebank part-of-speech tag ("" before)."""

    i: int
    text: str
    start: int
    end: int
    tag: str = ""
    # the lower-cased text, computed once: the extractors read it millions of times (no part of a
    # token's identity: not compared, hashed or shown)
    lower: str = field(init=False, repr=False, compare=False)

    def __init__(self, i: int, text: str, start: int, end: int, tag: str = "") -> None:
        # a frozen dataclass sets each field through object.__setattr__; the slots' own setters
        # are cheaper, and a token with slots is smaller and faster to read (the extractors read
        # tokens' fields tens of millions of times)
        _SET_I(self, i)
        _SET_TEXT(self, text)
        _SET_START(self, start)
        _SET_END(self, end)
        _SET_TAG(self, tag)
        _SET_LOWER(self, text.lower())

    @property
    def is_word(self) -> bool:
        """Return whether the token is alphabetic (possibly with an apostrophe or trailing digits)."""
        return self.text[0].isalpha()

    @property
    def is_acronym(self) -> bool:
        """Return whether the token is an upper-case abbreviation such as 'ITB' or 'MgSO4'."""
        if self.text.islower():
            return False  # no capital at all (most words)
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2 and not self.text.istitle()


# the setters of a token's slots (see `Token.__init__`)
_SET_I, _SET_TEXT, _SET_START, _SET_END, _SET_TAG, _SET_LOWER = (
    getattr(Token, name).__set__ for name in ("i", "text", "start", "end", "tag", "lower")
)

# a token before it is made: its number, text and character offsets (a sentence's tokens are made
# once, with their tags, after the tagger has read these)
Cut = tuple[int, str, int, int]


def tokenize(text: str) -> list[Token]:
    """Return the tokens of a text with their character offsets."""
    return [Token(i, m.group(), m.start(), m.end()) for i, m in enumerate(TOKEN_RE.finditer(text))]


def cuts(text: str) -> list[Cut]:
    """Return the tokens of a text as cuts (number, text and offsets), not yet made into tokens."""
    return [(i, m.group(), m.start(), m.end()) for i, m in enumerate(TOKEN_RE.finditer(text))]


def sentence_case(text: str) -> str:
    """Return text with its first letter lowered when only sentence position capitalised it
    ("Probiotics" -> "probiotics"; "HbA1c" and "ICS" stay)."""
    return text[0].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


def joined(tokens: list[Token], text: str, start: int, end: int) -> str:
    """Return the original text covered by tokens[start:end]."""
    if start >= end:
        return ""
    return text[tokens[start].start : tokens[end - 1].end]
