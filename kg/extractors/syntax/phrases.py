"""Find the noun phrases that triggers take as objects or subjects, with their coordination."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extractors.syntax.grammar import (
    ADVERBS,
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    FUNCTION_WORDS,
    PEOPLE,
    PRONOUNS,
)
from kg.extractors.words import cues
from kg.extractors.words import table as _table
from kg.text.tokens import Token

_WORDS = _table("syntax")
UNITS: frozenset[str] = _WORDS["units"]

Phrase = tuple[int, int]  # token range [start, end)

MAX_PHRASE = 9
# words that end a noun phrase besides function words: reporting verbs and the like
VERBS: frozenset[str] = _WORDS["verbs"]
OF_CONTINUE = {"of", "to"}
# nouns whose "to X" belongs to them: "time to recovery", "progression to blast crisis"
CONTINUE_TO: frozenset[str] = _WORDS["continue_to"]
# nouns of a ratio, whose "of X to Y" is one phrase; how far before "to" they may be
RATIO_NOUNS: frozenset[str] = _WORDS["ratio_nouns"]
RATIO_REACH = 6
# verbs of change that, as adjectives before a noun, name no change ("the double product")
ATTRIBUTIVE: frozenset[str] = _WORDS["attributive"]
# nouns that measure something and share its "of X": "frequency and severity of flares"
# trigger nouns that can sit inside a noun phrase: "the therapeutic effect of baclofen"
NOUNY: frozenset[str] = _WORDS["nouny"]
MEASURE_NOUNS = cues.RISK_NOUNS | {"frequency", "severity", "duration", "intensity", "extent", "degree"}


def _inner(t: Token) -> bool:
    """Return whether a token may continue a noun phrase it does not start ("therapeutic effect")."""
    return _content(t) or t.lower in NOUNY


def _content(t: Token) -> bool:
    """Return whether a token may be part of a noun phrase."""
    w = t.lower
    if t.text in {"'", "’", "/", "%"}:
        return False
    if not (t.is_word or t.text[:1].isdigit()):
        return False
    if t.text[:1].isdigit() and "-" not in t.text:
        return False
    if w in ATTRIBUTIVE and t.tag == "JJ":
        return True  # "the double product"
    return w not in FUNCTION_WORDS and w not in VERBS and w not in cues.VERB_TRIGGERS and w not in FRACTIONS


def _timed(tokens: Sequence[Token], j: int, end: int) -> bool:
    """Return whether token j is a number whose unit follows it inside a phrase ("fasting 4 wk
    insulin", "24 h urine volume")."""
    return (
        tokens[j].text.isdigit() and j + 2 < end and tokens[j + 1].lower in UNITS and _content(tokens[j + 2])
    )


def _slashed(tokens: Sequence[Token], j: int, stop: int) -> bool:
    """Return whether token j is a slash between two words of one phrase ("LDL/HDL ratio")."""
    return (
        tokens[j].text == "/"
        and j + 1 < stop
        and tokens[j + 1].start == tokens[j].end
        and j > 0
        and tokens[j - 1].end == tokens[j].start
        and _content(tokens[j + 1])
    )


def _gerund(tokens: Sequence[Token], j: int, stop: int) -> bool:
    """Return whether token j is an -ing form after "of" that heads the rest of the phrase ("the
    risk of worsening heart failure", "the probability of receiving a transfusion")."""
    k = j + 1
    while k < stop and k <= j + 2 and tokens[k].lower in DETERMINERS:
        k += 1
    return len(tokens[j].lower) > 5 and tokens[j].lower.endswith("ing") and k < stop and _content(tokens[k])


def object_phrase(tokens: Sequence[Token], i: int, stop: int) -> Phrase | None:
    """Return the noun phrase starting at or after token i (skipping determiners and adverbs)."""
    while i < stop and (tokens[i].lower in DETERMINERS or tokens[i].lower in ADVERBS):
        i += 1
    if i >= stop or not _content(tokens[i]) or tokens[i].lower in PEOPLE:
        return None
    end = i
    while end < stop and end - i < MAX_PHRASE:
        t = tokens[end]
        if (_content(t) or (end > i and _inner(t))) and not (t.lower in PEOPLE and end > i):
            end += 1
        elif t.text.isdigit() and end > i and tokens[end - 1].is_acronym:
            end += 1  # "PASI 75 response rates", "CD4 count"
        elif _slashed(tokens, end, stop) and end > i:
            end += 2  # "the LDL/HDL ratio"
        elif (
            t.lower in OF_CONTINUE
            and end + 1 < stop
            and end > i
            and (
                _content(tokens[end + 1])
                or tokens[end + 1].lower in DETERMINERS
                or (t.lower == "of" and _gerund(tokens, end + 1, stop))
            )
            and (t.lower == "of" or tokens[end - 1].lower in CONTINUE_TO)
        ):
            j = end + 1
            while j < stop and tokens[j].lower in DETERMINERS:
                j += 1
            if (
                j < stop
                and (_content(tokens[j]) or (t.lower == "of" and _gerund(tokens, j, stop)))
                and tokens[j].lower not in PEOPLE
            ):
                end = j + 1
                while not _content(tokens[j]) and end < stop and tokens[end].lower in DETERMINERS:
                    end += 1  # "of receiving a blood transfusion": the gerund's object follows
            else:
                break
        elif (
            t.lower in {"or", "and", "to"}
            and end > i
            and tokens[end - 1].lower in cues.CONDITION_MODIFIERS
            and end + 1 < stop
            and tokens[end + 1].lower in cues.CONDITION_MODIFIERS
        ):
            end += 2  # "moderate or severe exacerbations": coordinated adjectives share the noun
        else:
            break
    while end > i + 1 and tokens[end - 1].lower in TRAILING_ADVERBS:
        end -= 1  # "reduced clinical fractures overall"
    if end > i and tokens[end - 1].lower in SHARE_NOUNS:
        end = _share_tail(tokens, end, stop)
    return (i, end) if end > i else None


def _share_tail(tokens: Sequence[Token], end: int, stop: int) -> int:
    """Return where a share's phrase ends when who it counts and what they reached follow it: "the
    proportion (of patients) achieving remission", "the percentage of patients reaching the target"
    (else end)."""
    k = end
    if k + 1 < stop and tokens[k].lower == "of" and tokens[k + 1].lower in PEOPLE:
        k += 2
    if k < stop and _gerund(tokens, k, stop):
        rest = object_phrase(tokens, k + 1, stop)
        if rest is not None:
            return rest[1]
    return end


TRAILING_ADVERBS: frozenset[str] = _WORDS["trailing_adverbs"]
# nouns that count a share of patients ("the proportion of patients achieving X")
SHARE_NOUNS: frozenset[str] = _WORDS["share_nouns"]
# prepositions that open a clause with its setting ("At the end of the study, X was lower")
OPENING_PREPOSITIONS: frozenset[str] = _WORDS["opening_prepositions"]
TIME_UNITS: frozenset[str] = _WORDS["time_units"]
TIME_PREPOSITIONS: frozenset[str] = _WORDS["time_prepositions"]


FRACTIONS: frozenset[str] = _WORDS["fractions"]


def _amount_end(tokens: Sequence[Token], j: int, stop: int) -> int:
    """Return the index after an amount at j ("32%", "about half", "a third", "0.5 mmol/l"), or j."""
    k = j
    while k < stop and k < j + 3 and (tokens[k].lower in ADVERBS or tokens[k].lower in {"a", "an", "one"}):
        k += 1
    if k < stop and tokens[k].lower in FRACTIONS:
        return k + 1
    if k < stop and tokens[k].text[:1].isdigit():
        k += 1
        while k < stop and (tokens[k].text in {"%", "-", "–", "to"} or tokens[k].text[:1].isdigit()):
            k += 1
        return k
    return j


def skip_aside(tokens: Sequence[Token], j: int, stop: int) -> int:
    """Return the index after any parenthesis or time phrase at j ("(odds ratio 2.0)", "at week 6")."""
    while j < stop:
        if tokens[j].text == "(":
            depth, k = 0, j
            while k < stop:
                depth += tokens[k].text == "("
                depth -= tokens[k].text == ")"
                k += 1
                if depth == 0:
                    break
            j = k
        elif tokens[j].lower == "on" and j + 1 < stop and tokens[j + 1].is_acronym:
            j += 2  # "pain intensity on VAS (...), pain days (...)": the scale it was measured on
        elif tokens[j].lower == "by" and (k := _amount_end(tokens, j + 1, stop)) > j + 1:
            j = k  # "reduced X by 32% and Y by 28%"
        elif tokens[j].lower in TIME_PREPOSITIONS and any(
            t.lower in TIME_UNITS for t in tokens[j + 1 : min(stop, j + 5)]
        ):
            k = j + 1
            while k < stop and k < j + 5 and tokens[k].lower not in TIME_UNITS:
                k += 1
            j = k + 1
        else:
            return j
    return j


def _title(t: Token) -> bool:
    """Return whether a word is capitalised inside a sentence (part of a proper name)."""
    return t.i > 0 and t.text[:1].isupper() and t.text[1:].islower()


def coordinated_objects(tokens: Sequence[Token], first: Phrase, stop: int) -> list[Phrase]:
    """Return the first phrase and the phrases coordinated with it ("X, Y, and Z")."""
    out = [first]
    j = first[1]
    while j < stop:
        k = skip_aside(tokens, j, stop)
        saw = False
        while k < stop and tokens[k].lower in {",", "and", "or"}:
            saw = True
            k += 1
        if (
            not saw
            or k >= stop
            or tokens[k].lower in AUXILIARIES
            or tokens[k].lower in cues.VERB_TRIGGERS
            or tokens[k].lower in cues.NEGATIONS  # ", and neither route increased X": a new clause
        ):
            break
        if tokens[k].lower in ADVERBS and k + 1 < stop and tokens[k + 1].lower in cues.VERB_TRIGGERS:
            break
        if tokens[k].lower in DETERMINERS and k + 1 < stop and tokens[k + 1].lower in {"low", "high"}:
            break  # "and a low rate of X" is a claim of its own
        nxt = object_phrase(tokens, k, stop)
        if nxt is None or nxt[0] > k + 1:
            break
        if _title(tokens[out[-1][1] - 1]) and _title(tokens[nxt[0]]) and k == j + 1:
            out[-1] = (out[-1][0], nxt[1])  # "Psoriasis Area and Severity Index" is one name
            j = nxt[1]
            continue
        out.append(nxt)
        j = nxt[1]
    return out


def _continues_to(tokens: Sequence[Token], j: int, start: int) -> bool:
    """Return whether "to" at j belongs to the noun phrase before it: "time to recovery", "the
    ratio of the tidal flow to PTEF"."""
    if tokens[j - 1].lower in CONTINUE_TO:
        return True
    return any(t.lower in RATIO_NOUNS for t in tokens[max(start, j - RATIO_REACH) : j])


def _opening_phrase(tokens: Sequence[Token], j: int, start: int) -> bool:
    """Return whether the phrase after token j is the object of a preposition that opens the
    clause ("At the time of discharge, X was higher"): a setting, not a conjunct of the subject."""
    while j >= start and (tokens[j].lower in DETERMINERS or tokens[j].text[:1].isdigit()):
        j -= 1  # "At the time of discharge", "After 6 months of treatment", "At 12 weeks"
    return j >= start and j <= start + 1 and tokens[j].lower in OPENING_PREPOSITIONS


def _before_time_phrase(tokens: Sequence[Token], j: int, start: int) -> int:
    """Return the index before a time phrase ending at j ("at day 42", "at 12 months"), or j."""
    k = j
    while (
        k >= start
        and k > j - 6
        and (
            tokens[k].text[:1].isdigit()
            or tokens[k].lower in TIME_UNITS
            or (tokens[k].lower in {"and", "or", ","} and k < j and tokens[k + 1].text[:1].isdigit())
        )
    ):
        k -= 1  # "at day 42", "at 28 and 90 days"
    if k < j and k >= start and tokens[k].lower in TIME_PREPOSITIONS:
        return k - 1
    return j


def _before_aside(tokens: Sequence[Token], j: int, start: int) -> int:
    """Return the index before a bracketed aside that ends at token j (its values or its
    abbreviation), or j when none ends there."""
    if j < start or tokens[j].text != ")":
        return j
    k = j
    while k >= start and tokens[k].text != "(":
        k -= 1
    return k - 1 if k > start else j


def _share_subject(tokens: Sequence[Token], aux: int, start: int) -> Phrase | None:
    """Return a subject that counts patients by what they had or reached, up to token aux: "the
    proportion of patients with HbA1c below 7%", "the number of women achieving remission"."""
    for k in range(max(start, aux - MAX_PHRASE - 4), aux - 3):
        if tokens[k].lower not in SHARE_NOUNS or tokens[k + 1].lower != "of":
            continue
        p = k + 2 + (tokens[k + 2].lower in DETERMINERS)
        if (
            p + 1 < aux
            and tokens[p].lower in PEOPLE
            and (tokens[p + 1].lower in {"with", "who"} or _gerund(tokens, p + 1, aux))
        ):
            return (k, aux)
    return None


def subject_phrases(tokens: Sequence[Token], aux: int, start: int) -> list[Phrase]:
    """Return the coordinated noun phrases that end just before token aux (the subject of a clause)."""
    share = _share_subject(tokens, aux, start)
    if share is not None:
        return [share]
    j = aux - 1
    while j >= start and tokens[j].lower in ADVERBS:
        j -= 1
    j = _before_time_phrase(tokens, j, start)  # "efficacy at day 42 was lower"
    for close, opening in ((")", "("), ("]", "[")):
        if j >= start and tokens[j].text == close:  # "Overall survival (OS) was", "X [NRS < 3] was"
            k = j
            while k >= start and tokens[k].text != opening:
                k -= 1
            j = k - 1 if k > start else j
    if j >= start and tokens[j].text == ",":  # "X, mostly Y, were": skip the parenthesis
        k = j - 1
        while k >= start and tokens[k].text != ",":
            k -= 1
        if k >= start:
            j = k - 1
    out: list[Phrase] = []
    while j >= start:
        end = j + 1
        while j >= start and (
            _content(tokens[j])
            or _timed(tokens, j, end)
            or (j > start and j + 1 < end and _slashed(tokens, j, end) and _content(tokens[j - 1]))
            or (
                (
                    tokens[j].lower in {"of", "per"}  # "the rate of X", "the cost per patient"
                    or (tokens[j].lower == "to" and j > start and _continues_to(tokens, j, start))
                )
                and j > start
                and _content(tokens[j - 1])
                and j + 1 < end
            )
            or (tokens[j].lower in DETERMINERS and j > start and tokens[j - 1].lower == "of" and j + 1 < end)
        ):
            j -= 1
        if end - (j + 1) > 0 and not (out and _opening_phrase(tokens, j, start)):
            out.append((j + 1, end))
        else:
            break
        k = j
        while k > start and tokens[k].lower in DETERMINERS and tokens[k - 1].lower in {"and", "or"}:
            k -= 1  # "the heart rate and the double product"
        saw = False
        while k >= start and tokens[k].lower in {",", "and", "or"}:
            saw = True
            k -= 1
        if not saw:
            break
        j = _before_aside(tokens, k, start)  # "X (95 months with A) and Y (66 months) were"
    if out and out[-1][0] > start and tokens[out[-1][0] - 1].lower in PRONOUNS | CONJUNCTIONS - {"and", "or"}:
        return []
    k = min(p[0] for p in out) - 1 if out else start
    while k > start and tokens[k].lower in DETERMINERS:
        k -= 1
    if k > start + 1 and tokens[k].lower == "by" and tokens[k - 1].tag == "VBN":
        # "the amount of fat in the foods purchased by the A group was lower": the noun phrase
        # the participle modifies is the subject
        head = subject_phrases(tokens, k - 1, start)
        if head:
            return head
    if k > start and tokens[k].lower in MODIFIER_PREPOSITIONS:
        # "the chronotropic response during dobutamine stress echocardiography was reduced", "pain
        # scores in the A group were lower": the subject is the noun phrase the phrase modifies
        head = subject_phrases(tokens, k, start)
        if head:
            return head
    return list(reversed(out))


# prepositions whose phrase modifies the subject before it ("the response during X", "the rate of
# infection in the A group", "the risk of X with Y")
MODIFIER_PREPOSITIONS: frozenset[str] = _WORDS["modifier_prepositions"]


def distribute(phrases: list[Phrase], tokens: Sequence[Token]) -> list[tuple[int, int, str]]:
    """Return (start, end, extra) where a shared head or "of X" is added to bare conjuncts.

    "new vertebral, hip and nonvertebral fractures" gives "new vertebral fractures", "hip fractures";
    "frequency and severity of flares" gives "frequency of flares".
    """
    out = [(s, e, "") for s, e in phrases]
    if len(phrases) < 2 or any(t.text == "(" for t in tokens[phrases[0][1] : phrases[-1][0]]):
        return out  # "X (-7.0 mm), Y (-1%) and Z hours": each conjunct with its own statistics is whole
    last_s, last_e = phrases[-1]
    words = [t.lower for t in tokens[last_s:last_e]]
    if "of" in words:
        k = words.index("of")
        tail = " " + " ".join(t.text for t in tokens[last_s + k : last_e])
        return [
            (s, e, tail if e - s == 1 and tokens[s].lower in MEASURE_NOUNS else "") for s, e in phrases[:-1]
        ] + [out[-1]]
    head = tokens[last_e - 1]
    plural = head.lower.endswith("s") and not head.lower.endswith(("ss", "is", "us", "sis"))
    if last_e - last_s >= 2 and plural:  # "hip and nonvertebral fractures"; not "pulmonary fibrosis"
        result = []
        for s, e in phrases[:-1]:
            bare = e - s == 1 or tokens[e - 1].lower.endswith(("al", "ic", "ar"))
            result.append((s, e, " " + head.text if bare else ""))
        return [*result, out[-1]]
    return out
