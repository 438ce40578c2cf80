"""Find claims of change in a sentence: a trigger ("reduced", "improvement in", "more frequent"),
the outcome phrase it acts on, the direction it gives, and a negation before it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from kg.extractors.claims import comparisons as _comparisons  # noqa: F401  (registers the readers)
from kg.extractors.claims import constructions as _constructions  # noqa: F401
from kg.extractors.claims.constructions import COMPARATIVES
from kg.extractors.claims.context import negation_before
from kg.extractors.claims.forms import after_likely
from kg.extractors.claims.readers import read_trigger
from kg.extractors.syntax.clauses import AMOUNT_WORDS, clause_floor, sentence_stops, trigger_objects
from kg.extractors.syntax.grammar import ADVERBS
from kg.extractors.syntax.phrases import ATTRIBUTIVE, distribute
from kg.extractors.words import cues, table
from kg.text.tokens import Token

# a comparative that shares the subject of the claim before it ("... and 22% lower after B")
ELLIPTIC = "elliptic-comparative"
# readers whose claim governs the verb of its outcome ("fewer patients in A developed X": not a rise)
GOVERNING = frozenset({"more-patients"})
# subjects that only name a measure, whose "for X" says what was measured ("scores were lower for X")
GENERIC_MEASURES: frozenset[str] = table("claims")["generic_measures"]


@dataclass(frozen=True)
class Claim:
    """An outcome phrase (token range plus any distributed words) changed by a trigger."""

    start: int
    end: int
    extra: str
    effect: str
    trigger: int
    passive: bool
    negation: str | None = None
    reader: str = ""  # the construction that read it ("passive", "rates-in-arms"), as tkg:foundBy


def find_claims(tokens: Sequence[Token], text: str, blocked: set[int]) -> list[Claim]:
    """Return the claims of a sentence; tokens in blocked (inside therapy names) are no triggers."""
    claims: list[Claim] = []
    stops = sentence_stops(tokens)
    for t in tokens:
        if not t.is_word:
            continue
        if "-" in t.text and t.lower.rpartition("-")[2] in cues.HARM_SUFFIXES and t.i in blocked:
            # "linezolid-related peripheral neuropathy": the drug raised what follows
            phrases = trigger_objects(tokens, t.i + 1, stops[t.i + 1])
            effect, passive, reader = "+", False, "exposure-suffix"
        elif t.i in blocked or after_likely(tokens, t.i) or _attributive(tokens, t.i):
            continue
        else:
            found = read_trigger(tokens, t.i, stops[t.i + 1])
            if found is None:
                continue
            reading, reader = found
            phrases, effect, passive = reading.phrases, reading.effect, reading.passive
        if not phrases and (shared := _elliptic(tokens, t.i, claims, stops)):
            phrases, effect, passive, reader = shared, cues.VERB_TRIGGERS[t.lower], True, ELLIPTIC
        if passive and phrases:
            phrases = _measured_for(tokens, t.i, stops, phrases)
        if not phrases:
            continue
        floor = clause_floor(tokens, t.i)
        neg = negation_before(tokens, t.i, floor, text)
        if neg is None and effect == "0":
            k = next((k for k in range(max(0, t.i - 3), t.i) if tokens[k].lower in cues.NEGATIONS), t.i)
            neg = text[tokens[k].start : t.end]  # "no significant difference", "non-inferior"
        for s, e, extra in distribute(phrases, tokens):
            claims.append(Claim(s, e, extra, effect, t.i, passive, neg, reader))
    # "no more effective than placebo in reducing X": the nested trigger shares the negation
    claims = [
        replace(c, negation=_inherited_negation(tokens, c, claims)) if c.negation is None else c
        for c in claims
    ]
    # a trigger inside another claim's outcome phrase modifies it ("the risk of worsening X")
    claims = [c for c in claims if not any(o.start <= c.trigger < o.end and o is not c for o in claims)]
    return _nearest(claims)


def _attributive(tokens: Sequence[Token], i: int) -> bool:
    """Return whether a word of change only modifies another word: an adjective between a determiner
    and its noun ("the double product", unlike "a low rate of X"), or the degree of an adverb after a
    verb of change ("increased more rapidly")."""
    if (
        tokens[i].lower in {"more", "less"}
        and 0 < i < len(tokens) - 1
        and tokens[i - 1].lower in cues.VERB_TRIGGERS
        and tokens[i + 1].tag == "RB"
    ):
        return True  # "X increased more rapidly with A": the adverb's degree, the verb's claim
    return (
        tokens[i].lower in ATTRIBUTIVE
        and 0 < i < len(tokens) - 1
        and tokens[i - 1].tag in {"DT", "PRP$"}
        and tokens[i + 1].tag.startswith("NN")
    )


def _measured_for(
    tokens: Sequence[Token], i: int, stops: list[int], phrases: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Return what a comparative at i claims when its subject only names a measure and "for X"
    follows it: "the A group's scores were lower for aggression and higher for activity" (X), else
    the subject phrases."""
    if not _for_after(tokens, i) or not all(tokens[e - 1].lower in GENERIC_MEASURES for _, e in phrases):
        return phrases
    return trigger_objects(tokens, i + 2, stops[i + 2]) or phrases


def _for_after(tokens: Sequence[Token], i: int) -> bool:
    """Return whether "for" follows a comparative at i ("lower for X")."""
    return tokens[i].lower in COMPARATIVES and i + 2 < len(tokens) and tokens[i + 1].lower == "for"


def _elliptic(
    tokens: Sequence[Token], i: int, claims: list[Claim], stops: list[int]
) -> list[tuple[int, int]]:
    """Return the subject phrases a comparative at i shares with the claim before it when it has
    none of its own: "X was 10% lower after A and 22% lower after B" (the second "lower" is X's)."""
    if tokens[i].lower not in COMPARATIVES or not claims or not claims[-1].passive:
        return []
    j = i - 1
    while j > claims[-1].trigger and (
        tokens[j].text[:1].isdigit() or tokens[j].text == "%" or tokens[j].lower in ADVERBS | AMOUNT_WORDS
    ):
        j -= 1
    if j <= claims[-1].trigger or tokens[j].lower not in {"and", "but", ",", "whereas", "while"}:
        return []
    if any(tokens[k].text == ";" for k in range(claims[-1].trigger, i)):
        return []
    last = claims[-1].trigger
    if _for_after(tokens, i) and _for_after(tokens, last):
        return trigger_objects(tokens, i + 2, stops[i + 2])  # "... and higher for Y"
    return [(c.start, c.end) for c in claims if c.trigger == last and c.passive]


def claim_opening(tokens: Sequence[Token], c: Claim) -> int:
    """Return where a claim's own words begin: its outcome phrase or its trigger, whichever comes
    first; for a comparative sharing an earlier subject, the conjunction before it ("and 22%
    lower after B")."""
    if c.reader != ELLIPTIC:
        return min(c.start, c.trigger)
    j = c.trigger - 1
    while j > 0 and tokens[j].lower not in {"and", "but", ",", "whereas", "while"}:
        j -= 1
    return j


def _inherited_negation(tokens: Sequence[Token], c: Claim, claims: list[Claim]) -> str | None:
    """Return the negation of the claim that a trigger after "in" completes, if any; an equivalence
    ("A was as effective as B in lowering X") says that X changed no differently."""
    if c.trigger == 0 or tokens[c.trigger - 1].lower != "in":
        return None
    if (equal := _equivalence(tokens, c.trigger - 1)) is not None:
        return equal
    for o in claims:
        if o.negation is not None and c.trigger - 7 <= o.trigger < c.trigger - 1:
            return o.negation
    return None


def _equivalence(tokens: Sequence[Token], k: int) -> str | None:
    """Return "as effective as" when it stands before the "in" at k, within a few words (the
    compared arm between), else None."""
    for j in range(max(0, k - 8), k - 2):
        if tokens[j].lower == "as" and tokens[j + 1].tag == "JJ" and tokens[j + 2].lower == "as":
            return " ".join(t.text for t in tokens[j : j + 3])
    return None


def _distance(c: Claim) -> int:
    """Return how far a claim's trigger stands from its outcome phrase."""
    return min(abs(c.trigger - c.start), abs(c.trigger - c.end))


def _nearest(claims: list[Claim]) -> list[Claim]:
    """Keep, for each outcome phrase, the claim whose trigger stands nearest to it."""
    best: dict[tuple[int, int, int], Claim] = {}
    for c in claims:
        key = (c.start, c.end, c.trigger if c.reader == ELLIPTIC else -1)
        old = best.get(key)
        if old is not None and (old.reader in GOVERNING or c.reader in GOVERNING):
            best[key] = old if old.reader in GOVERNING else c  # "fewer patients ... developed X"
        elif old is None or (c.effect != "?" and old.effect == "?"):
            best[key] = c  # a stated direction beats "a change in X" of no direction
        elif not (c.effect == "?" and old.effect != "?") and _distance(c) < _distance(old):
            best[key] = c
    return sorted(best.values(), key=lambda c: c.start)
