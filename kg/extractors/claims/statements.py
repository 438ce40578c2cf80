"""Tell the sentences that state no finding from those that do: a study's aim, hypothesis or
method ("To compare X with Y in Z", "We evaluated whether X reduces Y", "The aim of this study was
to ..."), and verbless titles and headings ("Effect of X on Y in Z", "X versus Y for Z"), which
name a topic, not a result. The words are in `words/statements.json`."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extractors.syntax.tags import FINITE_VERB_TAGS
from kg.extractors.words import table
from kg.text.tokens import Token

WINDOW = 8


def _body(tokens: Sequence[Token]) -> int:
    """Return the index after a section label that opens a sentence ("Objective:", "AIMS -")."""
    words = table("statements")
    if len(tokens) > 1 and tokens[0].lower in words["section_labels"] and tokens[1].text in {":", "-", "."}:
        return 2
    return 0


def states_aim(tokens: Sequence[Token]) -> bool:
    """Return whether a sentence states a study's aim, hypothesis or method, not its result."""
    words = table("statements")
    i = _body(tokens)
    head = [t.lower for t in tokens[i : i + WINDOW]]
    if not head:
        return False
    if head[0] == "to" and len(head) > 1 and head[1] in words["aim_verbs"]:
        return True  # "To compare the effect of X on Y"
    if any(w in words["result_verbs"] for w in head):
        return False  # "We found that ...", "This study showed ..."
    if (
        any(w in words["aim_nouns"] for w in head)
        and any(w in words["study_nouns"] for w in head)
        and ("to" in head or "was" in head or "is" in head)
    ):
        return True  # "The aim of this study was to ..." (not "the objectives of X are to ...")
    if head[0] in words["study_subjects"] and len(head) > 2 and head[1] in words["study_nouns"]:
        return head[2] in words["aim_verbs"]  # "This experiment tested whether ..."
    subject = head[0] in words["study_subjects"] or (head[0] == "in" and "we" in head)
    return subject and any(w in words["aim_verbs"] for w in head[1:6]) and "we" in head[:6]


def names_topic(tokens: Sequence[Token]) -> bool:
    """Return whether a sentence is a title that names its topic ("Effect of X on Y in Z", "A
    randomised trial of X versus Y for Z"): a topic noun and "of" open it, and no finite verb
    follows (the first word may be tagged as one: "Randomized clinical trial of ...")."""
    words = table("statements")
    i = _body(tokens)
    head = [t.lower for t in tokens[i : i + 5]]
    if "of" not in head or any(t.text in {",", ";"} for t in tokens):
        return False
    before = tokens[i : i + head.index("of")]
    if not before or before[-1].lower not in words["topic_heads"]:
        return False
    if any(t.tag not in {"DT", "JJ", "VBN", "VBD", "NN", "NNS", "NNP"} for t in before):
        return False  # "In a randomised trial of ..." opens a sentence, not a title
    return all(t.tag for t in tokens) and not any(t.tag in FINITE_VERB_TAGS for t in tokens[i + 1 :])
