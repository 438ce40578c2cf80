"""Recognise entities that no vocabulary names, by their form: drug stems, procedure endings,
drug-class and procedure heads ("IL-17 inhibitors", "gastric bypass"), drug compounds
("sofosbuvir-velpatasvir", "ticagrelor-treated") and disease endings and heads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from kg.extractors.syntax.grammar import FUNCTION_WORDS, PEOPLE
from kg.extractors.syntax.tags import is_function_tag
from kg.extractors.words import cues, table
from kg.extractors.words import table as _table
from kg.model import EntityKind
from kg.text.tokens import Token
from kg.vocab.lexicon import Lexicon
from kg.vocab.sources import Entry

_WORDS = _table("entities")

# head nouns that make "<words> <head>" a therapy when no vocabulary names it ("mirror therapy");
# generic heads need a word that is no mere adjective ("adjunctive therapy" is none)
GENERIC_HEADS: frozenset[str] = _WORDS["generic_heads"]


# heads of drug classes and procedures: any modifier makes a therapy ("calcium-channel blocker",
# "IL-17 inhibitors", "gastric bypass")
DRUG_CLASS_HEADS: frozenset[str] = _WORDS["drug_class_heads"]


PROCEDURE_HEADS: frozenset[str] = _WORDS["procedure_heads"]


NAMED_HEADS = DRUG_CLASS_HEADS | PROCEDURE_HEADS


PATTERN_HEADS = GENERIC_HEADS | NAMED_HEADS


# verbs and participles that end a therapy name on its left
NAME_STOPS: frozenset[str] = _WORDS["name_stops"]


MIN_MORPHOLOGY_CHARS = 6


@dataclass(frozen=True)
class Span:
    """A candidate entity over tokens[start:end], before it becomes a Mention."""

    start: int
    end: int
    kind: EntityKind
    entry: Entry | None = None


def in_name(tokens: Sequence[Token], i: int) -> bool:
    """Return whether token i is part of a proper name of capitalised words ("Fracture Intervention
    Trial", "Crohn's Disease Activity Index"), which names no entity of its own."""

    def cap(k: int) -> bool:
        return 0 < k < len(tokens) and tokens[k].text[:1].isupper() and tokens[k].text[1:2].islower()

    return cap(i) and (cap(i - 1) or cap(i + 1))


def is_open_word(t: Token) -> bool:
    """Return whether a token is a content word (not punctuation, not a function word)."""
    return t.is_word and t.lower not in FUNCTION_WORDS and t.lower not in PEOPLE


def _drug_like(t: Token) -> bool:
    """Return whether an unknown word looks like a drug name by its stem."""
    w = t.lower
    return (
        len(w) >= MIN_MORPHOLOGY_CHARS
        and w.isalpha()
        and w.endswith(cues.DRUG_SUFFIXES)
        and not (w.endswith("ase") and len(w) < 9)
    )


def _procedure_like(t: Token) -> bool:
    """Return whether an unknown word names a surgical procedure or a therapy by its ending
    ("gastrectomy", "pharmacotherapy"; not "therapy" itself)."""
    w = t.lower.split("-")[-1]
    if not (len(w) >= MIN_MORPHOLOGY_CHARS and w.isalpha()):
        return False
    suffixes, generic = _therapy_suffixes()
    return w.endswith(cues.PROCEDURE_SUFFIXES) or (w not in generic and w.endswith(suffixes))


@cache
def _class_words() -> tuple[frozenset[str], frozenset[str]]:
    """Return the heads of unnamed therapies and classes, and the adjectives that name a class."""
    classes = table("therapy_classes")
    return frozenset(PATTERN_HEADS | classes["class_heads"]), classes["modality_adjectives"]


@cache
def _therapy_suffixes() -> tuple[tuple[str, ...], frozenset[str]]:
    """Return the endings of therapy names ("pharmacotherapy") and the words with them that name
    no therapy ("therapy", "monotherapy")."""
    classes = table("therapy_classes")
    suffixes = classes["therapy_suffixes"]
    return tuple(suffixes), suffixes | classes["generic_therapy_words"]


def _drug_compound(t: Token, lexicon: Lexicon) -> bool:
    """Return whether a hyphenated word joins drug names ("sofosbuvir-velpatasvir")."""
    parts = t.text.split("-")
    return len(parts) >= 2 and all(
        _drug_like(Token(0, p, 0, len(p)))
        or any(e.kind == "therapy" for e in lexicon.lookup([Token(0, p, 0, len(p))]))
        for p in parts
    )


def exposure_prefix(t: Token, lexicon: Lexicon) -> tuple[str, tuple[Entry, ...]] | None:
    """Return the drug named before an exposure suffix ("finerenone-treated", "linezolid-related")
    with the vocabulary entries of that name."""
    head, _, suffix = t.text.rpartition("-")
    if suffix.lower() not in cues.EXPOSURE_SUFFIXES or not head or "-" in head:
        return None
    word = Token(0, head, 0, len(head))
    entries = lexicon.lookup([word])
    if _drug_like(word) or any(e.kind == "therapy" and e.source in {"drug", "user"} for e in entries):
        return head, entries  # a drug, not any therapy word: "exercise-induced asthma" names no exposure
    return None


def _disease_like(t: Token) -> bool:
    """Return whether an unknown word looks like a disease name by its ending or head noun."""
    w = t.lower.split("-")[-1]
    if w in cues.NON_DISEASE_WORDS:
        return False
    if w in cues.DISEASE_HEADS:
        return True
    return len(w) >= MIN_MORPHOLOGY_CHARS and w.isalpha() and w.endswith(cues.DISEASE_SUFFIXES)


def morphology_spans(tokens: Sequence[Token], taken: set[int], lexicon: Lexicon) -> list[Span]:
    """Return spans of unknown drug-like, procedure-like and disease-like words."""
    out = []
    for t in tokens:
        if t.i in taken or not is_open_word(t) or t.is_acronym or is_function_tag(t):
            continue  # "except" is a preposition, whatever its ending
        if (
            _drug_like(t)
            or ("-" in t.text and _drug_compound(t, lexicon))
            or ("-" in t.text and t.lower.rpartition("-")[2] in DRUG_CLASS_HEADS)
        ):
            out.append(Span(t.i, t.i + 1, "therapy"))
        elif _disease_like(t):
            out.append(Span(t.i, t.i + 1, "condition"))
    return out


def _name_word(t: Token) -> bool:
    """Return whether a word before a therapy head may be part of the therapy's name (not a verb
    form such as "receiving" nor a disease word: "low-risk disease receiving endocrine therapy")."""
    w = t.lower
    if w[:1].isdigit() and "-" in w and any(c.isalpha() for c in w):
        return True  # "5-alpha-reductase inhibitors"
    return (
        is_open_word(t)
        and w not in cues.VERB_TRIGGERS
        and w not in NAME_STOPS
        and not (w.endswith("ing") and "-" not in w)
        and not _disease_like(t)
    )


def therapy_head_spans(tokens: Sequence[Token], taken: set[int]) -> list[Span]:
    """Return "X therapy" spans for therapies no vocabulary names ("mirror therapy"), and therapy
    classes ("psychological interventions")."""
    out = []
    heads, modalities = _class_words()
    for t in tokens:
        procedure = _procedure_like(t) and t.i not in taken and not in_name(tokens, t.i)
        if not procedure and (t.i in taken or t.lower not in heads or in_name(tokens, t.i)):
            continue
        if t.lower == "administration" and t.i + 1 < len(tokens) and tokens[t.i + 1].lower == "of":
            continue  # "long-term administration of baclofen": the therapy follows
        start = t.i
        while start > 0 and start - 1 not in taken and _name_word(tokens[start - 1]):
            start -= 1
        words = [w.lower for w in tokens[start : t.i]]
        named = t.lower in NAMED_HEADS and any(w not in cues.GENERIC_ADJECTIVES for w in words)
        modality = any(w in modalities for w in words)  # "psychological interventions"
        if (
            procedure
            or named
            or modality
            or (
                t.lower in PATTERN_HEADS
                and any(
                    w not in cues.GENERIC_ADJECTIVES and not w.endswith(("ive", "al", "ic", "ous", "ary"))
                    for w in words
                )
            )
        ):
            out.append(Span(start, t.i + 1, "therapy"))
    return out
