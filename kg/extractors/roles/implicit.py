"""Find the sentences of a trial report that compare its arms without naming them: "There was no
significant difference in X", "X did not differ". Such a sentence refers to both arms of the trial,
as "between the two groups" does (kg/extractors/roles/references.py), and so only states that they
did not differ. The words are in `words/references.json`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kg.extractors.roles.references import IMPLICIT_SOURCE, Roles
from kg.extractors.words import cues, table
from kg.model import Mention
from kg.text.tokens import Token

_W = table("references")
# a word every implicit comparison holds ("no difference in X", "X did not differ")
IMPLICIT_WORDS: frozenset[str] = _W["difference_nouns"] | cues.NO_CHANGE_VERBS


def compares_implicitly(tokens: Sequence[Token]) -> bool:
    """Return whether a sentence may compare a trial's arms without naming them: it has a word of
    no difference ("difference", "differ") and none that compares times within an arm or the arms
    at baseline."""
    words = {t.lower for t in tokens}
    return bool(words & IMPLICIT_WORDS) and not words & (_W["within_arm_words"] | _W["baseline_words"])


def implicit_reference(tokens: Sequence[Token], roles: Roles) -> list[Mention]:
    """Return the reference to both arms of a sentence that compares them without naming them
    ("There was no significant difference in X", "X did not differ"): a mention of the trial's
    pair at the closing punctuation, whose text is the words that compare (the sentences that
    compare times within an arm are left out before, by `compares_implicitly`)."""
    if roles.pair is None or len(tokens) < 4 or tokens[-1].is_word:
        return []
    words = [t.lower for t in tokens]
    for k, w in enumerate(words):
        window = words[max(0, k - 3) : k]
        if w in cues.NO_CHANGE_VERBS and "not" in window:
            start = max(0, k - 3) + window.index("not") - 1
        elif w in _W["difference_nouns"] and "no" in window:
            start = max(0, k - 3) + window.index("no")
        else:
            continue
        said = " ".join(t.text for t in tokens[max(0, start) : k + 1])
        end = tokens[-1]
        return [replace(roles.pair, start=end.start, end=end.end, text=said, source=IMPLICIT_SOURCE)]
    return []
