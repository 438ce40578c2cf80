"""Recognise therapies, conditions and outcome-like end points in a sentence.

Vocabulary hits (drugs, MeSH diseases, HPO phenotypes, the bundled and user SKOS vocabularies)
are combined with general patterns: drug-name stems, disease-name endings and heads, route and
dose modifiers, "X plus Y" combinations, and abbreviations defined in the document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from kg.extractors.entities.abbreviations import Abbreviations
from kg.extractors.entities.adjectives import adjective_conditions
from kg.extractors.entities.patterns import (
    Span,
    exposure_prefix,
    in_name,
    is_open_word,
    morphology_spans,
    therapy_head_spans,
)
from kg.extractors.syntax.grammar import CONJUNCTIONS, DETERMINERS, PREPOSITIONS
from kg.extractors.words import cues
from kg.model import EntityKind, Mention
from kg.text.tokens import Token, sentence_case
from kg.vocab.lexicon import Lexicon
from kg.vocab.sources import Entry

# hyphenated words with these endings describe a study or a treatment, not a condition
NON_MODIFIER_ENDINGS = ("-controlled", "-blind", "-label", "-based", "-led", "-dose", "-related", "-free")


KIND_ORDER: tuple[EntityKind, ...] = ("therapy", "condition", "outcome")


def _primary(entries: Sequence[Entry]) -> Entry:
    """Return the entry whose kind wins for a phrase: therapy, then condition, then outcome."""
    return min(entries, key=lambda e: (KIND_ORDER.index(e.kind), 0 if e.source == "user" else 1))


def vocabulary_spans(tokens: Sequence[Token], lexicon: Lexicon) -> list[Span]:
    """Return non-overlapping vocabulary spans, longest first."""
    cands = [
        Span(m.start, m.end, _primary(m.entries).kind, _primary(m.entries)) for m in lexicon.matches(tokens)
    ]
    cands.sort(key=lambda s: (-(s.end - s.start), s.start))
    taken: set[int] = set()
    out: list[Span] = []
    for s in cands:
        if not taken.intersection(range(s.start, s.end)):
            out.append(s)
            taken.update(range(s.start, s.end))
            continue
        # "chronic hepatitis" and "hepatitis C" overlap: one entity, named by its head on the right
        left = [k for k, o in enumerate(out) if o.start < s.start < o.end < s.end and o.kind == s.kind]
        if left and not taken.intersection(range(out[left[0]].end, s.end)):
            out[left[0]] = Span(out[left[0]].start, s.end, s.kind, s.entry)
            taken.update(range(s.start, s.end))
    return sorted(out, key=lambda s: s.start)


def _modifier(t: Token, kind: EntityKind) -> bool:
    """Return whether a word before an entity belongs to its name."""
    w = t.lower
    if kind == "therapy":
        return w in cues.THERAPY_MODIFIERS or w.endswith(("-dose", "-daily", "-weekly", "-monthly"))
    if kind == "condition":
        if w in cues.CONDITION_MODIFIERS or any(p in cues.CONDITION_MODIFIERS for p in w.split("-")):
            return True
        if "-" in w and is_open_word(t) and all(p.isalnum() for p in w.split("-")):
            return not w.endswith(NON_MODIFIER_ENDINGS)  # "non-small-cell", "treatment-resistant"
        return (
            is_open_word(t)
            and w.isalpha()
            and len(w) > 4
            and w.endswith(cues.ADJECTIVE_SUFFIXES)
            and w not in cues.VERB_TRIGGERS
        )
    return False


def extend(span: Span, tokens: Sequence[Token], taken: set[int]) -> Span:
    """Extend a span over the modifiers before it and the therapy heads after it."""
    start, end = span.start, span.end
    while start > 0 and start - 1 not in taken and _modifier(tokens[start - 1], span.kind):
        start -= 1
    if (
        span.kind == "condition"
        and start > 1
        and tokens[start - 1].text.isdigit()
        and tokens[start - 2].lower in {"type", "stage", "grade", "class"}
    ):
        start -= 2
    if span.kind == "condition" and end - start == 1 and start > 0 and start - 1 not in taken:
        start -= tokens[start - 1].is_acronym  # "CMV infections", "RSV bronchiolitis"
    if span.kind == "therapy":
        while end < len(tokens) and end not in taken and tokens[end].lower in cues.THERAPY_HEADS:
            end += 1
    if (
        span.kind == "condition"
        and end + 2 < len(tokens)
        and tokens[end].lower == "of"
        and tokens[end + 2].lower in {"origin", "onset"}
        and _modifier(tokens[end + 1], "condition")
    ):
        end += 3
    return replace(span, start=start, end=end)


def _slash(tokens: Sequence[Token], i: int) -> bool:
    """Return whether token i is a slash written tight between two words ("sacubitril/valsartan")."""
    return (
        tokens[i].text == "/"
        and 0 < i < len(tokens) - 1
        and tokens[i - 1].end == tokens[i].start
        and tokens[i].end == tokens[i + 1].start
    )


def combine(spans: list[Span], tokens: Sequence[Token]) -> list[Span]:
    """Merge "X plus Y" and "X/Y" therapies into one combined therapy span."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: s.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == s.kind == "therapy"
            and s.start == prev.end + 1
            and (tokens[prev.end].lower in cues.COMBINERS or _slash(tokens, prev.end))
        ):
            out[-1] = Span(prev.start, s.end, "therapy", None)
        else:
            out.append(s)
    return out


def _label(tokens: Sequence[Token], text: str, span: Span) -> str:
    """Return the preferred label of a span: its text, minus generic heads, sentence case."""
    end = span.end
    if span.kind == "therapy" and span.entry is not None and span.entry.source == "drug":
        while end - 1 > span.start and tokens[end - 1].lower in cues.GENERIC_THERAPY_HEADS:
            end -= 1
    words = text[tokens[span.start].start : tokens[end - 1].end]
    first = tokens[span.start].text
    if first[:1].isupper() and first[1:].islower() and "'" not in first and "’" not in first:
        words = words[0].lower() + words[1:]
    return " ".join(words.split())


def recognise(
    text: str,
    tokens: Sequence[Token],
    lexicon: Lexicon,
    abbreviations: Mapping[str, Mention] | None = None,
) -> list[Mention]:
    """Return the therapy, condition and outcome-like mentions of a tokenised sentence."""
    if not isinstance(abbreviations, Abbreviations):
        abbreviations = Abbreviations(abbreviations or {})
    spans = [s for s in vocabulary_spans(tokens, lexicon) if not _verb_led(tokens, s)]
    taken = {i for s in spans for i in range(s.start, s.end)}
    for t in tokens:
        if t.i not in taken and t.text in abbreviations:
            long = abbreviations[t.text]
            spans.append(Span(t.i, t.i + 1, long.kind, Entry(long.kind, long.label, "abbreviation", t.text)))
            taken.add(t.i)
    exposed = []
    for t in tokens:
        exposure = None if t.i in taken else exposure_prefix(t, lexicon)
        if exposure is not None:
            head, entries = exposure
            ident = next((e.identifier for e in entries if e.kind == "therapy"), "")
            label = sentence_case(next((e.label for e in entries if e.kind == "therapy"), head))
            exposed.append(
                Mention(
                    "therapy", label, t.start, t.start + len(head), head, "drug", (ident,) if ident else ()
                )
            )
            taken.add(t.i)
    more = morphology_spans(tokens, taken, lexicon) + therapy_head_spans(tokens, taken)
    spans += more
    taken |= {i for s in more for i in range(s.start, s.end)}
    extended = []
    for s in sorted(spans, key=lambda s: s.start):
        others = taken - set(range(s.start, s.end))
        e = extend(s, tokens, others)
        extended.append(e)
        taken |= set(range(e.start, e.end))
    spans = [_to_long_form(s, tokens, text, abbreviations) for s in combine(extended, tokens)]
    mentions = []
    for s in spans:
        if s.kind == "condition" and not any(is_open_word(t) for t in tokens[s.start : s.end]):
            continue
        if all(in_name(tokens, k) for k in range(s.start, s.end)) or _definition(tokens, s, spans):
            continue
        if s.kind == "therapy" and s.end < len(tokens) and tokens[s.end].lower in cues.DRUG_MODIFIED_NOUNS:
            continue  # "the baclofen pump" is a device, "baclofen dose escalation" a dose
        m = _mention(text, tokens, s, abbreviations)
        mentions.append(m)
        mentions += coordinated_modifiers(text, tokens, s, m)
    mentions += adjective_conditions(tokens, taken, lexicon)  # "hypertensive women"
    return sorted((grounded(m, lexicon) for m in mentions + exposed), key=lambda m: m.start)


def grounded(m: Mention, lexicon: Lexicon) -> Mention:
    """Return a mention with the preferred label of the concept it names exactly: its label is
    itself one of the concept's names ("QoL", "glycated haemoglobin"), not a longer phrase built on
    one ("intrathecal baclofen" carries baclofen's identifier but is not baclofen)."""
    if m.preferred or not m.identifiers:
        return m
    names = {e.identifier for e in lexicon.phrase_entries(m.label) if e.kind == m.kind}
    ident = next((i for i in m.identifiers if i in names), None)
    return replace(m, preferred=lexicon.preferred_label(m.kind, ident)) if ident else m


def _verb_led(tokens: Sequence[Token], span: Span) -> bool:
    """Return whether a vocabulary phrase that starts with a change verb is read as a verb and its
    object: "lisinopril reduced systolic blood pressure" claims a fall, it names no phenotype
    (as "patients with reduced systolic blood pressure" would)."""
    if span.kind == "therapy" or span.start == 0 or tokens[span.start].lower not in cues.VERB_TRIGGERS:
        return False
    before = tokens[span.start - 1].lower
    return before not in PREPOSITIONS | DETERMINERS | CONJUNCTIONS and before not in {
        ",",
        "(",
        ";",
        ":",
        "of",
    }


def _to_long_form(
    span: Span, tokens: Sequence[Token], text: str, abbreviations: Mapping[str, Mention]
) -> Span:
    """Extend a span defined by the abbreviation after it to the whole long form: "Long-acting
    injectable antipsychotics (LAIs)" when only "antipsychotics" was recognised."""
    k = span.end
    if k + 2 >= len(tokens) or tokens[k].text != "(" or tokens[k + 2].text != ")":
        return span
    long = abbreviations.get(tokens[k + 1].text)
    if long is None or long.kind != span.kind:
        return span
    for start in range(span.start, max(-1, span.start - 6), -1):
        if text[tokens[start].start : tokens[span.end - 1].end].lower() == long.label.lower():
            return replace(span, start=start)
    return span


def _definition(tokens: Sequence[Token], s: Span, spans: list[Span]) -> bool:
    """Return whether a span is the "(ITB)" that defines the abbreviation of the span before it."""
    return (
        s.end - s.start == 1
        and s.start > 0
        and s.end < len(tokens)
        and tokens[s.start - 1].text == "("
        and tokens[s.end].text == ")"
        and any(p.end == s.start - 1 and p.kind == s.kind for p in spans)
    )


def coordinated_modifiers(text: str, tokens: Sequence[Token], s: Span, m: Mention) -> list[Mention]:
    """Return the therapies named by coordinated modifiers: "oral and intrathecal baclofen" also
    names "oral baclofen"."""
    if s.kind != "therapy" or s.start < 2 or tokens[s.start - 1].lower not in {"and", "or", ","}:
        return []
    first = tokens[s.start - 2]
    if not _modifier(first, "therapy") or not _modifier(tokens[s.start], "therapy"):
        return []
    head = m.label.split(" ", 1)[1] if " " in m.label else m.label
    label = f"{first.lower} {head}"
    return [Mention("therapy", label, first.start, first.end, first.text, m.source, m.identifiers)]


def _mention(text: str, tokens: Sequence[Token], s: Span, abbreviations: Abbreviations) -> Mention:
    """Build the Mention of a span, resolving abbreviations to the entity they stand for."""
    start, end = tokens[s.start].start, tokens[s.end - 1].end
    surface = text[start:end]
    entry = s.entry
    if entry is not None and entry.source == "abbreviation":
        long = abbreviations[entry.identifier]
        short = next(t for t in tokens[s.start : s.end] if t.text == entry.identifier)
        prefix = text[start : short.start].strip()  # modifiers: "moderate-to-severe UC"
        if not prefix:
            return replace(long, start=start, end=end, text=surface)
        label = f"{prefix.lower()} {long.label}"
        return Mention(long.kind, label, start, end, surface, long.source, long.identifiers, (surface,))
    label = _label(tokens, text, s)
    ident = (entry.identifier,) if entry is not None and entry.identifier else ()
    alts = abbreviations.forms(label)
    source = entry.source if entry is not None else "pattern"
    return Mention(s.kind, label, start, end, surface, source, ident, alts)
