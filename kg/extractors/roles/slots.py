"""Therapies named by their place: the noun phrase a sentence gives for a condition ("autogenic
training for tension-type headache", "Selective Internal Radiation Therapy (SIRT) for liver
metastases", "shock wave lithotripsy in the treatment of renal stones") is a therapy when its head
is a word of treatment, even if no vocabulary names it and its words alone would not make one (an
adjective before a generic head, a capitalised name, a disease word inside it). A back-reference
("the treatment", "this therapy") is none. The words are in `words/indications.json`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kg.extractors.entities.patterns import NAME_STOPS, PATTERN_HEADS
from kg.extractors.roles.indications import modifiers_before
from kg.extractors.syntax.grammar import DETERMINERS, PEOPLE
from kg.extractors.words import cues, table
from kg.model import Mention
from kg.text.tokens import Token, sentence_case

SOURCE = "indication"
MAX_WORDS = 6


def _words() -> dict[str, frozenset[str]]:
    """Return the indication readers' word tables."""
    return table("indications")


def _heads() -> frozenset[str]:
    """Return the head nouns that make a noun phrase in a therapy's slot a therapy."""
    return PATTERN_HEADS | table("therapy_classes")["class_heads"] | _words()["slot_heads"]


def _opener(tokens: Sequence[Token], cond: int) -> int | None:
    """Return where the words that give a therapy for the condition at cond begin: "for", "in the
    treatment of", "for the management of" (None when there are none)."""
    j = modifiers_before(tokens, cond)
    if j >= 1 and tokens[j - 1].lower == "for":
        return j - 1
    if j >= 2 and tokens[j - 1].lower == "of" and tokens[j - 2].lower in _words()["treatment_nouns"]:
        k = j - 2
        if k >= 1 and tokens[k - 1].lower in DETERMINERS:
            k -= 1
        return k - 1 if k >= 1 and tokens[k - 1].lower in {"in", "for"} else None
    return None


def _slot_end(tokens: Sequence[Token], opener: int) -> int:
    """Return where the therapy's phrase ends before its opener: before an abbreviation in
    brackets ("SIRT (SIRT) for") and the words of use ("X, commonly used for")."""
    k = opener
    while k > 0 and tokens[k - 1].lower in _words()["use_bridge"]:
        k -= 1
    if k >= 3 and tokens[k - 1].text == ")" and tokens[k - 3].text == "(":
        k -= 3
    return k


def _phrase_before(tokens: Sequence[Token], end: int) -> tuple[int, int] | None:
    """Return the name that ends before token end: nouns, adjectives and acronyms, with no
    determiner, number, person or verb form ("patients undergoing surgery" is "surgery")."""
    start = end
    while start > 0 and end - start < MAX_WORDS and _name_word(tokens[start - 1], start == end):
        start -= 1
    return (start, end) if start < end else None


def _name_word(t: Token, head: bool) -> bool:
    """Return whether a word may be part of a therapy's name (a verb form only as its head:
    "stenting", not "undergoing")."""
    if not head and (t.tag in {"VBG", "VBN", "VBD"} or t.lower in NAME_STOPS):
        return False
    return (
        t.is_word
        and t.text[:1].isalnum()
        and (t.tag.startswith(("NN", "JJ")) or t.is_acronym or "-" in t.text)
        and t.lower not in PEOPLE
        and t.lower not in DETERMINERS
        and not t.text[:1].isdigit()
    )


def _named(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Return whether a phrase names a therapy by its head: a word of treatment, but a generic
    one ("treatment", "therapy") only in a capitalised name ("Selective Internal Radiation
    Therapy"); an adjective of kind alone is none ("the first-line treatment")."""
    head = tokens[end - 1].lower
    if head not in _heads():
        return False
    if head in _words()["generic_slot_heads"]:
        return end - start > 1 and all(t.text[:1].isupper() for t in tokens[start:end])
    return any(t.lower not in cues.GENERIC_ADJECTIVES for t in tokens[start : end - 1]) or end - start == 1


def _slot_phrase(tokens: Sequence[Token], cond: range) -> tuple[int, int] | None:
    """Return the phrase that a sentence gives for the condition at cond, when it names a therapy."""
    opener = _opener(tokens, cond.start)
    end = _slot_end(tokens, opener) if opener is not None else 0
    phrase = _phrase_before(tokens, end) if end > 0 else None
    return phrase if phrase is not None and _named(tokens, *phrase) else None


def _unnamed(phrase: tuple[int, int], spans: Mapping[Mention, range]) -> bool:
    """Return whether no therapy names the whole phrase already and no mention reaches out of it
    (a mention inside it, such as a disease word, gives way)."""
    inside = [(m, s) for m, s in spans.items() if s.start < phrase[1] and phrase[0] < s.stop]
    return not any(
        (m.kind == "therapy" and s.stop == phrase[1] and s.start <= phrase[0])
        or s.start < phrase[0]
        or s.stop > phrase[1]
        for m, s in inside
    )


def slot_therapies(text: str, tokens: Sequence[Token], mentions: Sequence[Mention]) -> list[Mention]:
    """Return the mentions of a sentence with the therapies named by their place added; a mention
    inside such a therapy's phrase (a disease word, a shorter therapy) is replaced by it."""
    spans = {m: range(_token_at(tokens, m.start), _token_at(tokens, m.end - 1) + 1) for m in mentions}
    added: list[Mention] = []
    for m, span in spans.items():
        phrase = _slot_phrase(tokens, span) if m.kind == "condition" else None
        if phrase is None or not _unnamed(phrase, spans):
            continue
        a, b = tokens[phrase[0]].start, tokens[phrase[1] - 1].end
        label = _label(tokens[phrase[0] : phrase[1]], text[a:b])
        added.append(Mention("therapy", label, a, b, text[a:b], SOURCE))
    if not added:
        return list(mentions)
    kept = [m for m in mentions if not any(n.start <= m.start and m.end <= n.end for n in added)]
    return sorted([*kept, *added], key=lambda m: m.start)


def _label(words: Sequence[Token], text: str) -> str:
    """Return a therapy's label: a title-cased name in lower case ("Selective Internal Radiation
    Therapy"), else the text in sentence case (acronyms kept)."""
    if len(words) > 1 and all(t.text[:1].isupper() and t.text[1:].islower() for t in words):
        return text.lower()
    return sentence_case(text)


def _token_at(tokens: Sequence[Token], offset: int) -> int:
    """Return the index of the token holding a character offset (the last one before it)."""
    return max((t.i for t in tokens if t.start <= offset), default=0)
