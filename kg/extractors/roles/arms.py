"""Read the treatments a trial report compares (its arms) from the way it names them: "patients
treated with hydrotherapy", "randomised to partially hydrogenated soybean oil or palm olein", "the
IE group", and make each a therapy wherever the document names it again, by its name or by an
abbreviation it defined ("interesterified fat (IE)" ... "after IE").

Control arms (placebo, sham, usual care) and words that name no treatment ("the intervention
group", "two groups") are not arms: the words are in `words/arms.json`."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from kg.extractors.claims.statements import names_topic, states_aim
from kg.extractors.syntax.chunks import Phrase, noun_phrase, noun_phrase_before
from kg.extractors.syntax.tagger import known_verbs
from kg.extractors.syntax.tags import FINITE_VERB_TAGS
from kg.extractors.words import cues, table
from kg.model import Mention
from kg.text.tokens import Token, sentence_case, tokenize

SOURCE = "arm"


@dataclass(frozen=True)
class Arms:
    """The arms of a document: their names as word tuples (lower case) and their abbreviations."""

    names: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    abbreviations: Mapping[str, Mention] = field(default_factory=dict)
    # for each first word of a name, the lengths of the names it starts, longest first
    lengths: Mapping[str, tuple[int, ...]] = field(default_factory=dict)


def _lengths(names: Mapping[tuple[str, ...], str]) -> dict[str, tuple[int, ...]]:
    """Return, for each first word of a name, the lengths of the names it starts, longest first."""
    found: dict[str, set[int]] = {}
    for key in names:
        found.setdefault(key[0], set()).add(len(key))
    return {w: tuple(sorted(n, reverse=True)) for w, n in found.items()}


def _words() -> dict[str, frozenset[str]]:
    """Return the arm reader's word tables."""
    return table("arms")


def _is_arm(tokens: Sequence[Token], p: Phrase) -> bool:
    """Return whether a phrase names an active treatment (no control, no generic word)."""
    w = _words()
    words = [t.lower for t in tokens[p[0] : p[1]]]
    if not tokens[p[1] - 1].is_word or len(words[-1]) < 2:
        return False  # "2% of those given metformin": an amount names no arm
    if any(x in w["controls"] for x in words) or words[-1] in w["not_arms"] | w["containers"]:
        return False
    return not all(x in w["not_arms"] or x[:1].isdigit() for x in words)


def _past_container(tokens: Sequence[Token], p: Phrase, stop: int) -> Phrase | None:
    """Return the phrase after "of" when p is a container ("a weekly session of hydrotherapy")."""
    if tokens[p[1] - 1].lower in _words()["containers"] and p[1] + 1 < stop and tokens[p[1]].lower == "of":
        return noun_phrase(tokens, p[1] + 1, stop)
    return p


def _given(tokens: Sequence[Token], k: int) -> Iterator[Phrase]:
    """Yield the phrases given after an administration verb at k, with those coordinated to them
    ("randomised to X or Y", "received either X, Y or Z")."""
    w = _words()
    stop = len(tokens)
    j = k + 1
    while j < stop and j < k + 4 and tokens[j].lower in w["openers"]:
        j += 1
    if (
        j < stop
        and tokens[j].tag == "VB"
        and tokens[j - 1].lower == "to"
        and tokens[j].lower not in known_verbs()
    ):
        # "randomised to hydrotherapy": after "to" the tagger reads an unknown name as a verb
        tokens = [*tokens[:j], replace(tokens[j], tag="NN"), *tokens[j + 1 :]]
    while j < stop:
        p = noun_phrase(tokens, j, stop)
        p = _past_container(tokens, p, stop) if p is not None else None
        if p is None:
            return
        yield p
        j = p[1]
        if j >= stop or tokens[j].lower not in w["coordinators"]:
            return
        while j < stop and tokens[j].lower in w["coordinators"] | w["openers"]:
            j += 1


def _before_preposition(tokens: Sequence[Token], k: int) -> bool:
    """Return whether "treated", "randomised" at k is followed by its preposition ("treated with",
    "randomly assigned to"), not used as an adjective ("treated eyes", "a randomised trial")."""
    w = _words()
    j = k + 1
    while j < len(tokens) and tokens[j].lower in w["verbs_before_preposition"]:
        j += 1
    return j < len(tokens) and tokens[j].lower in w["prepositions"]


def arm_phrases(tokens: Sequence[Token]) -> list[Phrase]:
    """Return the phrases of a tagged sentence that name a treatment arm."""
    w = _words()
    found: list[Phrase] = []
    for t in tokens:
        if t.lower in w["group_nouns"] and t.tag.startswith("NN"):
            p = noun_phrase_before(tokens, t.i)
            if p is not None:
                found.append(p)
        elif t.tag.startswith("VB") and (
            t.lower in w["administration_verbs"]
            or (t.lower in w["verbs_before_preposition"] and _before_preposition(tokens, t.i))
        ):
            found += _given(tokens, t.i)
    return [p for p in found if _is_arm(tokens, p)]


def _topic_phrases(tokens: Sequence[Token]) -> Iterator[Phrase]:
    """Yield the treatments a title, aim or topic names: "effect of X on Y", "X effect on Y",
    "X versus Y"."""
    w = _words()
    stop = len(tokens)
    for t in tokens:
        k = t.i + 1
        if t.lower in w["topic_nouns"] and k < stop and tokens[k].lower == "of":
            p = noun_phrase(tokens, k + 1, stop)
            if p is not None and p[1] < stop and tokens[p[1]].lower in w["topic_ends"]:
                yield p
        elif t.lower in w["topic_nouns"] and k < stop and tokens[k].lower == "on":
            p = noun_phrase_before(tokens, t.i)
            if p is not None:
                yield p
        elif t.lower in w["versus"]:
            before, after = noun_phrase_before(tokens, t.i), noun_phrase(tokens, k, stop)
            yield from (p for p in (before, after) if p is not None)


def topic_arm_phrases(tokens: Sequence[Token]) -> list[Phrase]:
    """Return the phrases of a title (no finite verb, no verb of change), an aim or a topic (as
    states_aim or names_topic read them) that name a treatment it studies."""
    found = [p for p in _topic_phrases(tokens) if _is_arm(tokens, p)]
    if not found:
        return []  # most sentences: no topic word, nothing more to read
    verbless = not any(
        t.tag in FINITE_VERB_TAGS or (t.tag.startswith("VB") and t.lower in cues.VERB_TRIGGERS)
        for t in tokens
    )
    return found if verbless or states_aim(tokens) or names_topic(tokens) else []


def document_arms(
    sentences: Sequence[Sequence[Token]],
    texts: Sequence[str],
    pairs: Mapping[str, str],
    known: Mapping[str, Mention],
    recognise: Callable[[str], list[Mention]],
) -> Arms:
    """Return the arms a document names in its tagged sentences that no vocabulary names (those
    are found anyway); pairs are its abbreviation definitions (short -> long), known those that a
    vocabulary already resolved, recognise the vocabulary's reader of a phrase."""
    names: dict[tuple[str, ...], str] = {}
    for tokens, text in zip(sentences, texts, strict=True):
        for s, e in [*arm_phrases(tokens), *topic_arm_phrases(tokens)]:
            key = tuple(t.lower for t in tokens[s:e])
            if key in names:
                continue
            surface = text[tokens[s].start : tokens[e - 1].end]
            if not any(m.kind != "outcome" for m in recognise(surface)) and surface not in known:
                names[key] = sentence_case(surface)
    abbreviations: dict[str, Mention] = {}
    # "randomised to a single 30 s SI or ...": an arm named by a defined abbreviation and its dose
    heads = {key[-1] for key in names}
    for short, long in pairs.items():
        if short in known:
            continue
        long_key = tuple(t.lower for t in tokenize(long))
        if long_key in names or short.lower() in heads:
            label = sentence_case(" ".join(long.split()))
            names.setdefault(long_key, label)
            abbreviations[short] = Mention("therapy", label, 0, len(long), long, SOURCE, (), (short,))
    for short in abbreviations:
        names.pop((short.lower(),), None)  # the abbreviation resolves to its long form
    return Arms(names, abbreviations, _lengths(names))


def arm_mentions(text: str, tokens: Sequence[Token], arms: Arms, taken: set[int]) -> list[Mention]:
    """Return therapy mentions where a sentence names an arm, outside tokens already taken (the
    longest name that starts at a word wins)."""
    if not arms.names:
        return []
    words = [t.lower for t in tokens]
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        for n in arms.lengths.get(words[i], ()):
            if i + n > len(words):
                continue
            key = tuple(words[i : i + n])
            if key in arms.names and not any(k in taken for k in range(i, i + n)):
                a, b = tokens[i].start, tokens[i + n - 1].end
                out.append(Mention("therapy", arms.names[key], a, b, text[a:b], SOURCE))
                i += n - 1
                break
        i += 1
    return out
