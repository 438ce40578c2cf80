"""Recognise therapies, conditions and outcome-like end points in a sentence.

Vocabulary hits (drugs, MeSH diseases, HPO phenotypes, the bundled and user SKOS vocabularies)
are combined with general patterns: drug-name stems, disease-name endings and heads, route and
dose modifiers, "X plus Y" combinations, and abbreviations defined in the document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from kg.extractors import cues
from kg.extractors.grammar import FUNCTION_WORDS, PEOPLE
from kg.model import EntityKind, Mention
from kg.text.tokens import Token
from kg.vocab.lexicon import Lexicon
from kg.vocab.sources import Entry

# head nouns that make "<words> <head>" a therapy when no vocabulary names it ("mirror therapy");
# generic heads need a word that is no mere adjective ("adjunctive therapy" is none)
GENERIC_HEADS = {
    "administration",
    "therapy",
    "training",
    "stimulation",
    "intervention",
    "regimen",
    "regimens",
    "injection",
    "injections",
    "infusion",
    "infusions",
    "programme",
    "program",
}
# heads of drug classes and procedures: any modifier makes a therapy ("calcium-channel blocker",
# "IL-17 inhibitors", "gastric bypass")
DRUG_CLASS_HEADS = {
    "agonist",
    "agonists",
    "analogue",
    "analogues",
    "antagonist",
    "antagonists",
    "blocker",
    "blockers",
    "inhibitor",
    "inhibitors",
}
PROCEDURE_HEADS = {
    "ablation",
    "bypass",
    "grafting",
    "implantation",
    "irradiation",
    "lowering",
    "radiotherapy",
    "repair",
    "replacement",
    "resection",
    "stenting",
    "supplementation",
    "supplements",
    "surgery",
    "transfusion",
    "transplantation",
    "ventilation",
}
NAMED_HEADS = DRUG_CLASS_HEADS | PROCEDURE_HEADS
PATTERN_HEADS = GENERIC_HEADS | NAMED_HEADS
# hyphenated words with these endings describe a study or a treatment, not a condition
NON_MODIFIER_ENDINGS = ("-controlled", "-blind", "-label", "-based", "-led", "-dose", "-related", "-free")
# verbs and participles that end a therapy name on its left
NAME_STOPS = {"given", "received", "receiving", "treated", "undergoing", "underwent", "versus", "vs"}
KIND_ORDER: tuple[EntityKind, ...] = ("therapy", "condition", "outcome")
MIN_MORPHOLOGY_CHARS = 6


@dataclass(frozen=True)
class Span:
    """A candidate entity over tokens[start:end], before it becomes a Mention."""

    start: int
    end: int
    kind: EntityKind
    entry: Entry | None = None


def _primary(entries: Sequence[Entry]) -> Entry:
    """Return the entry whose kind wins for a phrase: therapy, then condition, then outcome."""
    return min(entries, key=lambda e: (KIND_ORDER.index(e.kind), 0 if e.source == "user" else 1))


def in_name(tokens: Sequence[Token], i: int) -> bool:
    """Return whether token i is part of a proper name of capitalised words ("Fracture Intervention
    Trial", "Crohn's Disease Activity Index"), which names no entity of its own."""

    def cap(k: int) -> bool:
        return 0 < k < len(tokens) and tokens[k].text[:1].isupper() and tokens[k].text[1:2].islower()

    return cap(i) and (cap(i - 1) or cap(i + 1))


def _is_open_word(t: Token) -> bool:
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
    """Return whether an unknown word names a surgical procedure by its ending ("gastrectomy")."""
    w = t.lower.split("-")[-1]
    return len(w) >= MIN_MORPHOLOGY_CHARS and w.isalpha() and w.endswith(cues.PROCEDURE_SUFFIXES)


def _drug_compound(t: Token, lexicon: Lexicon) -> bool:
    """Return whether a hyphenated word joins drug names ("sofosbuvir-velpatasvir")."""
    parts = t.text.split("-")
    return len(parts) >= 2 and all(
        _drug_like(Token(0, p, 0, len(p)))
        or any(e.kind == "therapy" for e in lexicon.lookup([Token(0, p, 0, len(p))]))
        for p in parts
    )


def exposure_prefix(t: Token, lexicon: Lexicon) -> str | None:
    """Return the drug named before an exposure suffix ("finerenone-treated", "linezolid-related")."""
    head, _, suffix = t.text.rpartition("-")
    if suffix.lower() not in cues.EXPOSURE_SUFFIXES or not head or "-" in head:
        return None
    word = Token(0, head, 0, len(head))
    if _drug_like(word) or any(
        e.kind == "therapy" and e.source in {"drug", "user"} for e in lexicon.lookup([word])
    ):
        return head  # a drug, not any therapy word: "exercise-induced asthma" names no exposure
    return None


def _disease_like(t: Token) -> bool:
    """Return whether an unknown word looks like a disease name by its ending or head noun."""
    w = t.lower.split("-")[-1]
    if w in cues.NON_DISEASE_WORDS:
        return False
    if w in cues.DISEASE_HEADS:
        return True
    return len(w) >= MIN_MORPHOLOGY_CHARS and w.isalpha() and w.endswith(cues.DISEASE_SUFFIXES)


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


def morphology_spans(tokens: Sequence[Token], taken: set[int], lexicon: Lexicon) -> list[Span]:
    """Return spans of unknown drug-like, procedure-like and disease-like words."""
    out = []
    for t in tokens:
        if t.i in taken or not _is_open_word(t) or t.is_acronym:
            continue
        if (
            _drug_like(t)
            or ("-" in t.text and _drug_compound(t, lexicon))
            or ("-" in t.text and t.lower.rpartition("-")[2] in DRUG_CLASS_HEADS)
        ):
            out.append(Span(t.i, t.i + 1, "therapy"))
        elif _disease_like(t):
            out.append(Span(t.i, t.i + 1, "condition"))
    return out


def _modifier(t: Token, kind: EntityKind) -> bool:
    """Return whether a word before an entity belongs to its name."""
    w = t.lower
    if kind == "therapy":
        return w in cues.THERAPY_MODIFIERS or w.endswith(("-dose", "-daily", "-weekly", "-monthly"))
    if kind == "condition":
        if w in cues.CONDITION_MODIFIERS or any(p in cues.CONDITION_MODIFIERS for p in w.split("-")):
            return True
        if "-" in w and _is_open_word(t) and all(p.isalnum() for p in w.split("-")):
            return not w.endswith(NON_MODIFIER_ENDINGS)  # "non-small-cell", "treatment-resistant"
        return (
            _is_open_word(t)
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


def _name_word(t: Token) -> bool:
    """Return whether a word before a therapy head may be part of the therapy's name (not a verb
    form such as "receiving" nor a disease word: "low-risk disease receiving endocrine therapy")."""
    w = t.lower
    if w[:1].isdigit() and "-" in w and any(c.isalpha() for c in w):
        return True  # "5-alpha-reductase inhibitors"
    return (
        _is_open_word(t)
        and w not in cues.VERB_TRIGGERS
        and w not in NAME_STOPS
        and not (w.endswith("ing") and "-" not in w)
        and not _disease_like(t)
    )


def therapy_head_spans(tokens: Sequence[Token], taken: set[int]) -> list[Span]:
    """Return "X therapy" spans for therapies no vocabulary names ("mirror therapy")."""
    out = []
    for t in tokens:
        procedure = _procedure_like(t) and t.i not in taken and not in_name(tokens, t.i)
        if not procedure and (t.i in taken or t.lower not in PATTERN_HEADS or in_name(tokens, t.i)):
            continue
        if t.lower == "administration" and t.i + 1 < len(tokens) and tokens[t.i + 1].lower == "of":
            continue  # "long-term administration of baclofen": the therapy follows
        start = t.i
        while start > 0 and start - 1 not in taken and _name_word(tokens[start - 1]):
            start -= 1
        words = [w.lower for w in tokens[start : t.i]]
        named = t.lower in NAMED_HEADS and any(w not in cues.GENERIC_ADJECTIVES for w in words)
        if (
            procedure
            or named
            or any(
                w not in cues.GENERIC_ADJECTIVES and not w.endswith(("ive", "al", "ic", "ous", "ary"))
                for w in words
            )
        ):
            out.append(Span(start, t.i + 1, "therapy"))
    return out


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
    abbreviations = abbreviations or {}
    spans = vocabulary_spans(tokens, lexicon)
    taken = {i for s in spans for i in range(s.start, s.end)}
    for t in tokens:
        if t.i not in taken and t.text in abbreviations:
            long = abbreviations[t.text]
            spans.append(Span(t.i, t.i + 1, long.kind, Entry(long.kind, long.label, "abbreviation", t.text)))
            taken.add(t.i)
    exposed = []
    for t in tokens:
        head = None if t.i in taken else exposure_prefix(t, lexicon)
        if head is not None:
            entries = lexicon.lookup([Token(0, head, 0, len(head))])
            ident = next((e.identifier for e in entries if e.kind == "therapy"), "")
            label = next((e.label for e in entries if e.kind == "therapy"), head)
            label = label.lower() if label[:1].isupper() and label[1:].islower() else label
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
        if s.kind == "condition" and not any(_is_open_word(t) for t in tokens[s.start : s.end]):
            continue
        if all(in_name(tokens, k) for k in range(s.start, s.end)) or _definition(tokens, s, spans):
            continue
        if s.kind == "therapy" and s.end < len(tokens) and tokens[s.end].lower in cues.DRUG_MODIFIED_NOUNS:
            continue  # "the baclofen pump" is a device, "baclofen dose escalation" a dose
        m = _mention(text, tokens, s, abbreviations)
        mentions.append(m)
        mentions += coordinated_modifiers(text, tokens, s, m)
    return sorted(mentions + exposed, key=lambda m: m.start)


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


def _mention(text: str, tokens: Sequence[Token], s: Span, abbreviations: Mapping[str, Mention]) -> Mention:
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
    alts = tuple(sf for sf, m in abbreviations.items() if m.label.lower() == label.lower())
    source = entry.source if entry is not None else "pattern"
    return Mention(s.kind, label, start, end, surface, source, ident, alts)
