"""Read the statistics a result sentence gives for a difference: "(p = 0.09)", "p > 0.05",
"(p = NS)", "although insignificant", "did not reach significance". A difference reported as not
significant is no change of the outcome ("X was 26% with A and 31% with B (p = NS)"), however its
numbers or words lean."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extractors.words import table
from kg.text.tokens import Token

ALPHA = 0.05
# the last word of a clause that says a difference is not significant
ENDING_WORDS = frozenset({"significant", "significance"})
OPERATORS = {"=": "=", "<": "<", ">": ">", "≤": "<", "≥": ">", "<=": "<", ">=": ">", "=<": "<"}


def _value(tokens: Sequence[Token], k: int) -> tuple[float | None, int]:
    """Return the number at token k ("0.09", ".03" as "." "03", "0·04") and the index after it."""
    if k < len(tokens) and tokens[k].text == "." and k + 1 < len(tokens) and tokens[k + 1].text.isdigit():
        return float("0." + tokens[k + 1].text), k + 2
    if k < len(tokens):
        text = tokens[k].text.replace("·", ".")
        try:
            return float(text), k + 1
        except ValueError:
            return None, k
    return None, k


def p_value(tokens: Sequence[Token], k: int, borderline: bool = False) -> tuple[bool, int] | None:
    """Return (whether it is significant, index after it) for a p-value statement at token k;
    "p = 0.05" is significant when borderline is (the authors call the difference significant)."""
    words = table("significance")
    if tokens[k].lower not in words["p_names"]:
        return None
    j = k + 1
    op = ""
    while j < len(tokens) and j < k + 3 and tokens[j].text in OPERATORS:
        op += tokens[j].text
        j += 1
    op = OPERATORS.get(op, "")
    if not op:
        return None
    if j < len(tokens) and tokens[j].lower in words["not_significant_values"]:
        return False, j + 1
    value, after = _value(tokens, j)
    if value is None:
        return None
    if op == "<":
        return value <= ALPHA, after
    return (value < ALPHA or (value == ALPHA and op == "=" and borderline)), after


def not_significant(tokens: Sequence[Token], start: int, stop: int) -> str | None:
    """Return the words that say a difference is not significant between tokens start and stop
    ("p = 0.09", "insignificant", "not significantly"), or None; the first statistic decides."""
    words = table("significance")
    claimed = _called_significant(tokens, max(0, start - 3), stop)
    k = start
    while k < stop:
        t = tokens[k]
        found = p_value(tokens, k, claimed)
        if found is not None:
            significant, after = found
            return None if significant else " ".join(x.text for x in tokens[k:after])
        if t.lower in words["not_significant_words"]:
            return t.text
        if (
            t.lower in words["not_before_significant"]
            and k + 1 < stop
            and tokens[k + 1].lower in words["significant_words"]
        ):
            return f"{t.text} {tokens[k + 1].text}"
        if (reached := _significance_missed(tokens, k, stop)) is not None:
            return reached
        k += 1
    return None


def _significance_missed(tokens: Sequence[Token], k: int, stop: int) -> str | None:
    """Return "failed to reach (statistical) significance", "did not achieve significance" at k."""
    words = table("significance")
    if tokens[k].lower not in words["reach_verbs"]:
        return None
    if not {t.lower for t in tokens[max(0, k - 3) : k]} & words["missed_words"]:
        return None
    end = next((j for j in range(k + 1, min(stop, k + 3)) if tokens[j].lower == "significance"), None)
    return None if end is None else " ".join(t.text for t in tokens[max(0, k - 2) : end + 1])


def _called_significant(tokens: Sequence[Token], start: int, stop: int) -> bool:
    """Return whether the words from start to stop call a difference significant ("significant
    declines in X (p = 0.05)"), with no "not" or "non" before the word."""
    words = table("significance")
    return any(
        t.lower in {"significant", "significantly"}
        and not (t.i > 0 and tokens[t.i - 1].lower in words["not_before_significant"] | {"no"})
        for t in tokens[start:stop]
    )


def _elliptic_not_significant(tokens: Sequence[Token], k: int) -> str | None:
    """Return the cue of a clause at k whose subject is the difference just reported ("this was not
    significant", "it did not reach significance", "was not statistically significant"), or None."""
    j = k
    while j < len(tokens) and j < k + 2 and tokens[j].lower in {"this", "it", "that", "these"}:
        j += 1
    if j >= len(tokens) or tokens[j].lower not in {"was", "were", "is", "did", "does", "failed", "fails"}:
        return None
    # the clause ends with the significance it denies ("... did not significantly improve Y" is a
    # claim of its own)
    end = next((e for e in range(j + 1, min(len(tokens), j + 7)) if tokens[e].lower in ENDING_WORDS), None)
    if end is None or (end + 1 < len(tokens) and tokens[end + 1].is_word and tokens[end + 1].lower != "at"):
        return None
    return not_significant(tokens, j, end + 1)


def null_between_arms(tokens: Sequence[Token], start: int, end: int, near: int | None = None) -> str | None:
    """Return the words that say a change seen in every arm did not differ between the arms ("X
    rose in both groups, but the difference between the groups was not significant"; "... both
    after A and B (...), without differences between groups"), or None: "both", "each" or "all"
    from start to end, and after it (from `near` on, else from end) a difference between the arms
    said to be none."""
    words = table("significance")
    if not any(t.lower in words["every_arm"] for t in tokens[start:end]):
        return None
    for t in tokens[min(end, near) if near is not None else end :]:
        if t.lower != "between":
            continue
        before = {x.lower for x in tokens[max(0, t.i - 6) : t.i]}
        after = {x.lower for x in tokens[t.i + 1 : t.i + 12]}
        difference = before & words["difference_words"]
        if difference and (before | after) & (words["not_before_significant"] | {"no", "without"}):
            return " ".join(x.text for x in tokens[t.i - 1 : t.i + 1])
    return None


def difference_not_significant(tokens: Sequence[Token], start: int) -> str | None:
    """Return the words after token start that say the difference just reported is not
    significant ("..., but this difference failed to reach statistical significance", "the
    difference was not significant"), or None: "this", "the" or "these" and "difference" with
    no phrase of its own ("the difference in Y" is another end point's), then the cue."""
    for t in tokens[start:]:
        if t.lower in {"but", "although", "though"} and (cue := _elliptic_not_significant(tokens, t.i + 1)):
            return cue  # "X was higher with A, but this was not significant" ("but did not reach ...")
        if t.lower not in {"difference", "differences"} or t.i == 0:
            continue
        if tokens[t.i - 1].lower not in {"this", "the", "these", "that"}:
            continue
        if t.i + 1 < len(tokens) and tokens[t.i + 1].lower in {"in", "of", "for", "between", "on"}:
            continue
        return not_significant(tokens, t.i + 1, min(len(tokens), t.i + 8))
    return None
