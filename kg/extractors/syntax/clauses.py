"""Bound the clause around a trigger: where it starts and stops, where its subject may start,
the auxiliary before a verb, and the coordinated objects after a trigger."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extractors.syntax.grammar import ADVERBS, AUXILIARIES, CLAUSE_BREAKS
from kg.extractors.syntax.phrases import Phrase, coordinated_objects, object_phrase
from kg.extractors.words import cues
from kg.extractors.words import table as _table
from kg.text.tokens import Token

_WORDS = _table("syntax")

NOUN_TRIGGERS: frozenset[str] = _WORDS["noun_triggers"]
COPULAS = {"is", "are", "was", "were", "be", "been", "being"}
# words of an amount between a copula and a comparative: "was 2.5 times higher"
AMOUNT_WORDS: frozenset[str] = _WORDS["amount_words"]


def clause_floor(tokens: Sequence[Token], i: int) -> int:
    """Return the index of the first token of the clause that contains token i."""
    j = i - 1
    while j >= 0 and tokens[j].lower not in CLAUSE_BREAKS and tokens[j].text not in {",", "("}:
        j -= 1
    return j + 1


def subject_floor(tokens: Sequence[Token], i: int) -> int:
    """Return where the subject of the clause holding token i may start: after a clause break or
    "that", but across commas ("Dizziness, somnolence and oedema were...")."""
    j = i - 1
    while (
        j >= 0
        and tokens[j].lower not in CLAUSE_BREAKS | {"that", "which", "whereas"}
        and tokens[j].text != "("
    ):
        if tokens[j].text == ")":  # "Overall survival (OS) was": the parenthesis is inside
            k = j - 1
            while k >= 0 and tokens[k].text not in {"(", ")"}:
                k -= 1
            if k >= 0 and tokens[k].text == "(":
                j = k
        j -= 1
    return j + 1


def sentence_stops(tokens: Sequence[Token]) -> list[int]:
    """Return, for every i up to len(tokens), where the clause that starts at token i ends (a clause
    break, ";" or "["), found in one pass from the end."""
    stops = [len(tokens)] * (len(tokens) + 1)
    inside = in_brackets(tokens)
    for j in range(len(tokens) - 1, -1, -1):
        t = tokens[j]
        breaks = t.lower in CLAUSE_BREAKS or t.text in {";", "["}
        stops[j] = j if breaks and not inside[j] else stops[j + 1]
    return stops


def in_brackets(tokens: Sequence[Token], square: bool = False) -> list[bool]:
    """Return, for each token, whether it stands inside round brackets that close in the sentence
    ("(-1%; 95% CI [-15% to +13%])": statistics, not a clause break), or inside square ones too."""
    inside = [False] * len(tokens)
    for opening, closing in (("(", ")"), ("[", "]")) if square else (("(", ")"),):
        opened: list[int] = []
        for t in tokens:
            if t.text == opening:
                opened.append(t.i)
            elif t.text == closing and opened:
                start = opened.pop()
                if not opened:
                    for k in range(start + 1, t.i):
                        inside[k] = True
    return inside


def aux_before(tokens: Sequence[Token], i: int) -> int | None:
    """Return the auxiliary ("was", "were") before token i across adverbs, "not" and a
    parenthesis ("were significantly (p < 0.05) less"), if any."""
    j = i - 1
    while j >= 0:
        if tokens[j].lower in ADVERBS or tokens[j].lower in {"not", "n't", "the"}:
            j -= 1
        elif tokens[j].text == "%" or tokens[j].text[:1].isdigit() or tokens[j].lower in AMOUNT_WORDS:
            j -= 1  # "was 22% lower", "were 2-fold higher"
        elif tokens[j].text == ")" and (k := _opening(tokens, j)) is not None:
            j = k - 1
        else:
            break
    return j if j >= 0 and tokens[j].lower in AUXILIARIES else None


def _opening(tokens: Sequence[Token], j: int) -> int | None:
    """Return the index of the "(" that the ")" at j closes, within a few tokens, or None."""
    for k in range(j - 1, max(-1, j - 12), -1):
        if tokens[k].text == "(":
            return k
        if tokens[k].text == ")":
            return None
    return None


def first_auxiliary(tokens: Sequence[Token], i: int) -> int:
    """Return the index of the first of the auxiliaries right before token i ("were reported"
    gives "were"), or i when none precedes it."""
    while i > 0 and tokens[i - 1].lower in AUXILIARIES:
        i -= 1
    return i


def trigger_objects(tokens: Sequence[Token], i: int, stop: int) -> list[Phrase]:
    """Return the coordinated object phrases that start after token i."""
    first = object_phrase(tokens, i, stop)
    if first is None:
        return []
    if (
        first[1] + 1 < stop
        and tokens[first[1]].lower in NOUN_TRIGGERS
        and tokens[first[1] + 1].lower in {"in", "of", "on"}
    ):
        return []  # "produced a similar reduction in X": the noun trigger carries the claim
    objs = coordinated_objects(tokens, first, stop)
    last = objs[-1][1]
    if last + 1 < len(tokens) and tokens[last].lower == "in" and tokens[last + 1].lower in cues.VERB_TRIGGERS:
        return []  # "efficacy in controlling X": the nested trigger carries the claim
    return objs
