"""Read the condition a sentence says its therapies are given for (their indication), when it
claims no change. Each construction is named, and the name is the `found_by` of its findings:

- "indication": a word of use next to the patients' condition ("first-line treatment for X",
  "patients with X treated with Y", "In patients with X, Y ...");
- "therapy-for": the therapy, then "for" and the condition ("Y for X", "Y (Z) for X", "Y,
  commonly used for X");
- "treatment-of": "in the treatment of X", "management of X with Y";
- "for-patients-with": "the standard of care for women with X";
- "in-patients-with": a title "Y in patients with X";
- "treated-patients-with": "Y-treated patients with X".

A finding has one condition, as the guidelines' findings have: the patients' condition when a
therapy is given for it, else the first condition a construction names. The words are in
`words/indications.json`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kg.extractors.syntax.grammar import DETERMINERS, PEOPLE
from kg.extractors.words import cues, table
from kg.model import Mention
from kg.text.tokens import Token

Placed = tuple[range, Mention]
# a therapy, a condition it is given for and the construction that says so
Indication = tuple[Mention, Mention, str]
# a construction: does it make the condition at a span what the therapy at a span is given for?
Reader = Callable[[Sequence[Token], range, range], bool]

# how many words may modify a condition after the words that introduce it ("for advanced X")
MODIFIERS = 3
BREAKS = frozenset({",", ";", ":", "(", ")"})
COMPARATIVES = table("claims")["comparatives"]
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _words() -> dict[str, frozenset[str]]:
    """Return the indication readers' word tables."""
    return table("indications")


def modifiers_before(tokens: Sequence[Token], start: int) -> int:
    """Return where the determiners and modifiers before a condition start ("the advanced X")."""
    j = start
    while j > 0 and start - j < MODIFIERS and _modifier(tokens[j - 1]):
        j -= 1
    return j


def _modifier(t: Token) -> bool:
    """Return whether a word may modify a noun before it ("the", "elderly", "30", "liver")."""
    return t.lower in DETERMINERS or (
        t.is_word and (t.tag.startswith(("JJ", "NN")) or t.tag == "CD" or t.text[:1].isdigit())
    )


def _population_start(tokens: Sequence[Token], start: int) -> int | None:
    """Return where the people of a population phrase start when the condition at start follows
    "patients with", "a 40-year-old woman with advanced" (None when it does not)."""
    j = modifiers_before(tokens, start) - 1
    if j < 1 or tokens[j].lower not in _words()["population_links"] or tokens[j - 1].lower not in PEOPLE:
        return None
    return modifiers_before(tokens, j - 1)


def _past_aside(tokens: Sequence[Token], k: int) -> int:
    """Return the index after an abbreviation or aside in brackets at k ("(SIRT)"), else k."""
    if k < len(tokens) and tokens[k].text == "(":
        close = next((j for j in range(k + 1, min(k + 6, len(tokens))) if tokens[j].text == ")"), None)
        if close is not None:
            return close + 1
    return k


def therapy_for(tokens: Sequence[Token], therapy: range, cond: range) -> bool:
    """ "Y for X", "Y (Z) for advanced X", "Y, commonly used for X", "Y is indicated for X"."""
    w = _words()
    k = _past_aside(tokens, therapy.stop)
    while k < cond.start and tokens[k].lower in w["use_bridge"]:
        k += 1
    return k < cond.start and tokens[k].lower == "for" and modifiers_before(tokens, cond.start) <= k + 1


def treatment_of(tokens: Sequence[Token], therapy: range, cond: range) -> bool:
    """ "Y in the treatment of X", "treatment of X with Y", "the management of advanced X"."""
    j = modifiers_before(tokens, cond.start)
    if not (j >= 2 and tokens[j - 1].lower == "of" and tokens[j - 2].lower in _words()["treatment_nouns"]):
        return False
    # "treatment of X by Y": the therapy is the one the preposition names
    named = cond.stop < len(tokens) and tokens[cond.stop].lower in _words()["means"]
    return therapy.start > cond.stop or not named


def for_patients_with(tokens: Sequence[Token], therapy: range, cond: range) -> bool:
    """ "the standard of care for women with X", "Y for adults with X"."""
    people = _population_start(tokens, cond.start)
    return people is not None and people > 0 and tokens[people - 1].lower in _words()["for_people"]


def in_patients_with(tokens: Sequence[Token], therapy: range, cond: range) -> bool:
    """ "Y in patients with X", "Phase II study of Y in 40 adults with X": a title (no finite
    verb); a sentence with a verb says what it claims of Y by its verb."""
    people = _population_start(tokens, cond.start)
    if people is None or people - 1 != therapy.stop:
        return False
    return tokens[therapy.stop].lower == "in" and not any(t.tag in FINITE_TAGS for t in tokens)


def treated_patients_with(tokens: Sequence[Token], therapy: range, cond: range) -> bool:
    """ "X-treated patients with Y", "metformin-treated adults with Y"."""
    exposed = tokens[therapy.stop - 1].lower.rpartition("-")[2] in cues.EXPOSURE_SUFFIXES
    return exposed and _population_start(tokens, cond.start) == therapy.stop


READERS: tuple[tuple[str, Reader], ...] = (
    ("therapy-for", therapy_for),
    ("treatment-of", treatment_of),
    ("for-patients-with", for_patients_with),
    ("in-patients-with", in_patients_with),
    ("treated-patients-with", treated_patients_with),
)


def _near_words(tokens: Sequence[Token], cond: range, actors: Sequence[Placed]) -> bool:
    """Return whether a word of use stands next to the patients' condition ("treatment for X",
    "X treated with"), with no break or therapy between them ("need for analgesics, pain scores"
    is none) and not as the measure of a comparison ("scores were lower for X")."""
    w = _words()
    taken = {i for span, _ in actors for i in span}
    for j in range(cond.start - 1, max(-1, cond.start - 4), -1):
        if tokens[j].text in BREAKS or j in taken:
            break
        if tokens[j].lower in w["before"]:
            return j == 0 or tokens[j - 1].lower not in COMPARATIVES
    for j in range(cond.stop, min(len(tokens), cond.stop + 3)):
        if tokens[j].text in BREAKS:
            break
        if tokens[j].lower in w["after"]:
            return True
    return False


def _opening(tokens: Sequence[Token], cond: range) -> bool:
    """Return whether an opening phrase names the patients' disease ("In patients with X, Y ...")."""
    comma = next((t.i for t in tokens[cond.start :] if t.text == ","), None)
    opens = bool(tokens) and tokens[0].lower == "in" and cond.start <= 4
    return opens and comma is not None and comma <= cond.start + 6


def _read(
    tokens: Sequence[Token], actors: Sequence[Placed], groups: Sequence[Sequence[int]], cond: range
) -> list[tuple[Mention, str]]:
    """Return each therapy that a construction says is given for the condition at cond, with the
    therapies listed with it ("X and Y for Z")."""
    found: dict[int, str] = {}
    for group in groups:
        for k in group:
            name = next((n for n, reader in READERS if reader(tokens, actors[k][0], cond)), None)
            if name is not None:
                found.update({j: found.get(j, name) for j in group})
    return [(actors[k][1], found[k]) for k in sorted(found)]


def indications(
    tokens: Sequence[Token],
    actors: Sequence[Placed],
    groups: Sequence[Sequence[int]],
    conditions: Sequence[Placed],
    population: Mention | None,
) -> list[Indication]:
    """Return the (therapy, condition, construction) of each indication the sentence states (groups:
    the coordinated actors, as indices), for one condition: the patients' condition (population)
    when a therapy is given for it, else the first condition that a construction names. A sentence
    of measurements states none ("X and the first analgesic for pain were recorded"), nor does a
    phrase about a therapy ("data concerning X for Y are lacking")."""
    if _measured(tokens):
        return []
    topics = {id(m) for span, m in actors if _topic_of(tokens, span)}
    return [
        found
        for found in _stated(tokens, actors, groups, conditions, population)
        if id(found[0]) not in topics
    ]


def _measured(tokens: Sequence[Token]) -> bool:
    """Return whether a sentence says what was measured ("... were recorded")."""
    measured = _words()["measured"]
    return any(t.lower in measured and tokens[t.i - 1].lower in {"were", "was"} for t in tokens[1:])


def _topic_of(tokens: Sequence[Token], span: range) -> bool:
    """Return whether a therapy is what a noun phrase is about ("data concerning X for Y")."""
    return span.start > 0 and tokens[span.start - 1].lower in _words()["about"]


def _stated(
    tokens: Sequence[Token],
    actors: Sequence[Placed],
    groups: Sequence[Sequence[int]],
    conditions: Sequence[Placed],
    population: Mention | None,
) -> list[Indication]:
    """Return the indications of the constructions, for one condition (see `indications`)."""
    for span, cond in conditions:
        if cond is not population:
            continue
        read = _read(tokens, actors, groups, span)
        if read:
            return [(m, cond, name) for m, name in read]
        if _near_words(tokens, span, actors) or _opening(tokens, span):
            return [(m, cond, "indication") for _, m in actors]
    for span, cond in conditions:
        read = _read(tokens, actors, groups, span)
        if read:
            return [(m, cond, name) for m, name in read]
    return []
