"""Read the conditions that a sentence names by an adjective of the patients ("hypertensive
women", "preterm infants", "obese, diabetic patients", "asphyxiated newborn lambs"): the adjective
stands for its condition when a noun of patients (or of the animals of a trial) follows it. The
adjectives and the conditions they name are in `words/entities.json`."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extractors.syntax.grammar import PEOPLE
from kg.extractors.words import mapping, table
from kg.model import Mention
from kg.text.tokens import Token
from kg.vocab.lexicon import Lexicon

# how many words (other adjectives, commas) may stand between the adjective and its noun
REACH = 4
ADJECTIVES: dict[str, str] = mapping("entities")["condition_adjectives"]
STUDY_WORDS: frozenset[str] = table("entities")["study_names"]
# the nouns an adjective of patients stands before: people, or the animals of a trial
SUBJECTS: frozenset[str] = PEOPLE | table("entities")["trial_animals"]


def _before_people(tokens: Sequence[Token], i: int) -> bool:
    """Return whether a noun of patients or trial animals follows token i within REACH words."""
    for k in range(i + 1, min(len(tokens), i + 1 + REACH)):
        if tokens[k].lower in SUBJECTS:
            return True
        between = tokens[k].text in {",", "and"} or tokens[k].tag.startswith("JJ")
        if not (between or tokens[k].lower in ADJECTIVES):
            return False
    return False


def _names_study(tokens: Sequence[Token], i: int) -> bool:
    """Return whether the words after an adjective end in a study's name ("Obese Subjects study")."""
    return any(t.lower in STUDY_WORDS for t in tokens[i + 1 : i + 2 + REACH])


def adjective_conditions(tokens: Sequence[Token], taken: set[int], lexicon: Lexicon) -> list[Mention]:
    """Return the condition mentions of adjectives before a noun of patients, with the concept the
    vocabulary gives the condition's name (the adjective as written is an alt label)."""
    out = []
    for t in tokens:
        name = ADJECTIVES.get(t.lower)
        if not name or t.i in taken or not _before_people(tokens, t.i):
            continue
        if _names_study(tokens, t.i):
            continue  # "the Swedish Obese Subjects study": the name of a study
        entries = [e for e in lexicon.phrase_entries(name) if e.kind == "condition"]
        ident = (entries[0].identifier,) if entries and entries[0].identifier else ()
        out.append(Mention("condition", name, t.start, t.end, t.text, "adjective", ident, (t.lower,)))
    return out
