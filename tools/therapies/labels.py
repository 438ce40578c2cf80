"""Weak therapy labels for Evidence Inference abstracts: the prompts' Intervention and Comparator
strings, cleaned into the names an abstract uses, found in its sentences' tokens.

A prompt string ("losartan 50 mg once daily", "continuous lateral rotation (CLR)", "Recombinant
human growth hormone (GH), pioglitazone (PIO)") gives several names: the string itself, without
its brackets, the short forms in its brackets, its parts between commas, semicolons, "plus" and
"and", each without doses, frequencies, routes written as adverbs, leading articles and a trailing
"group" or "arm". Control arms (placebo, sham, saline, usual care, no treatment, baseline ...) and
names made only of generic words ("the intervention", "standard treatment") are no therapy names.
A name is found case-insensitively as a run of whole tokens; overlapping finds keep the longest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kg.text.tokens import Token, tokenize

# words of a control arm: a name made only of these (and generic words) names no therapy
CONTROL_WORDS = frozenset(
    "placebo placebos sham saline control controls vehicle usual standard routine conventional "
    "care baseline no none nothing wait waiting list wait-list waitlist untreated observation "
    "before pre-treatment pretreatment pre post identical matching dummy inactive".split()
)
# words that alone name no therapy
GENERIC_WORDS = frozenset(
    "therapy therapies treatment treatments treated group groups arm arms patient patients "
    "intervention interventions program programme programs regimen regimens administration "
    "administered receiving received use usual alone only dose doses dosage daily day days week "
    "weeks month months mg kg ml g high low once twice per plus combined combination the a an of "
    "with and or in on for to at by as same other another condition conditions management "
    "medication medications drug drugs care group's group-based session sessions".split()
)
UNITS = (
    r"(?:mg|g|µg|μg|mcg|ug|ng|kg|ml|mL|l|L|iu|IU|U|units?|mmol|mol|%|mg/kg|ml/kg|mg/day|mg/d|cc|Gy|J|"
    r"mm|cm|h|hr|hours?|min|minutes?|days?|weeks?|months?|years?|times?)"
)
DOSE_RE = re.compile(
    rf"\b\d+(?:[.,]\d+)?(?:\s*[-–/]\s*\d+(?:[.,]\d+)?)?\s*{UNITS}\b(?:\s*/\s*(?:kg|day|d|m2|h|week))?"
    r"(?:\s+of\b)?",
    re.IGNORECASE,
)
FREQUENCY_RE = re.compile(
    r"\b(?:once|twice|thrice|three times|four times|two times|every other|every|each)\b"
    r"(?:\s+(?:a|per|every|each|\d+))?(?:\s+(?:day|daily|week|weekly|month|hours?|h|night|nightly))?\b"
    r"|\b(?:daily|weekly|monthly|nightly|per day|a day|orally|intravenously|subcutaneously|"
    r"intramuscularly|topically|q\.?d\.?|b\.?i\.?d\.?|t\.?i\.?d\.?)\b",
    re.IGNORECASE,
)
BRACKET_RE = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
SPLIT_RE = re.compile(r"\s*(?:;|,|\+|\bplus\b|\band\b|\bor\b|\bfollowed by\b|\bversus\b|\bvs\.?)\s*", re.I)
# a clause after the name ("dextran-70 infusion was administered at a dose of ...")
CLAUSE_RE = re.compile(
    r"\s+(?:was|were|is|are|given|administered|delivered|applied|received|during|before|after|"
    r"starting|started|at a dose|at doses|for \d)\b.*$",
    re.I,
)
# words that make a name a control arm wherever they stand ("amodiaquine plus placebo")
CONTROL_MARKS = frozenset("placebo placebos sham control controls vehicle dummy".split())
LEAD_RE = re.compile(r"^(?:(?:a|an|the|of|with|in|to|on|by|and|or|either|both)\s+)+", re.I)
TAIL_RE = re.compile(r"(?:\s+(?:group|groups|arm|arms|alone|only|each|of|with|and|or|in|at|for))+$", re.I)
SHORT_RE = re.compile(r"^[A-Za-z][\w\-./]{0,11}$")


def _tidy(name: str) -> str:
    """Return a name without surrounding punctuation, leading articles and a trailing arm word."""
    name = " ".join(name.split()).strip(" .,;:-–")
    name = LEAD_RE.sub("", name)
    name = TAIL_RE.sub("", name)
    return name.strip(" .,;:-–")


def _undosed(name: str) -> str:
    """Return a name without its doses, frequencies and routes written as adverbs."""
    return _tidy(FREQUENCY_RE.sub(" ", DOSE_RE.sub(" ", name)))


def is_therapy_name(name: str) -> bool:
    """Return whether a name names a therapy: some word of it is neither a control word, nor a
    generic word, nor a number."""
    words = [t.lower for t in tokenize(name) if t.text[0].isalpha()]
    if any(w in CONTROL_WORDS for w in words) and all(w in CONTROL_WORDS | GENERIC_WORDS for w in words):
        return False
    if words[:1] == ["no"] or words[:2] == ["usual", "care"]:
        return False
    return any(w not in GENERIC_WORDS and w not in CONTROL_WORDS and len(w) > 1 for w in words)


def _usable(name: str) -> bool:
    """Return whether a cleaned name can be looked for: short, one name, no control arm."""
    return (
        1 < len(name) <= 80
        and not set(name) & set(",;()[]")
        and is_therapy_name(name)
        and not {t.lower for t in tokenize(name)} & CONTROL_MARKS
    )


def names(arm: str) -> set[str]:
    """Return the therapy names of an Intervention or Comparator string (none for a control arm)."""
    out: set[str] = set()
    arm = arm.strip()
    if not arm or not is_therapy_name(BRACKET_RE.sub(" ", arm) or arm):
        return out
    shorts = [(a or b).strip() for a, b in BRACKET_RE.findall(arm)]
    plain = " ".join(BRACKET_RE.sub(" ", arm).split())
    pieces = [plain, CLAUSE_RE.sub("", plain), *SPLIT_RE.split(plain)]
    for piece in pieces:
        for name in (_tidy(piece), _undosed(piece)):
            if _usable(name):
                out.add(name)
    for short in shorts:
        if SHORT_RE.match(short) and any(c.isupper() for c in short) and is_therapy_name(short):
            out.add(short)
    return out


def _key(tokens: Iterable[Token]) -> tuple[str, ...]:
    """Return the lower-cased words of tokens (hyphen variants made one)."""
    return tuple(t.lower.replace("‐", "-") for t in tokens)


def find(tokens: Sequence[Token], wanted: Iterable[str]) -> list[tuple[int, int]]:
    """Return the token spans (start, end) of the names found in a sentence, longest first kept,
    none overlapping, in sentence order."""
    keys = {_key(tokenize(n)) for n in wanted}
    words = _key(tokens)
    found = [
        (i, i + len(k))
        for k in keys
        if k
        for i in range(len(words) - len(k) + 1)
        if words[i : i + len(k)] == k
    ]
    found.sort(key=lambda s: (s[0] - s[1], s[0]))
    taken: set[int] = set()
    out = []
    for s, e in found:
        if not taken.intersection(range(s, e)):
            out.append((s, e))
            taken.update(range(s, e))
    return sorted(out)
