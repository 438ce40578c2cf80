"""Find citation markers, study designs and sample sizes in a sentence."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from functools import lru_cache

from kg.model import Study

YEAR = r"(?:19|20)\d\d[a-z]?"
# a bracketed group of reference numbers: (17), [17], (12, 13), (12-14), [51-53]
NUMERIC_RE = re.compile(r"[(\[]\s*(\d{1,4}(?:\s*[-–,]\s*\d{1,4})*)\s*[)\]]")
# a bracketed group of author-year references separated by ";"
AUTHOR_YEAR_RE = re.compile(r"\(([^()]*?[A-Z][^()]*?,?\s" + YEAR + r"(?:\s*;\s*[^()]*?" + YEAR + r")*)\)")
# narrative citation: "White et al. (2018)", "Smith and Jones (2019)"
NARRATIVE_RE = re.compile(
    r"\b([A-Z][\w'’-]+(?:\s+(?:and|&)\s+[A-Z][\w'’-]+|\s+et\s+al\.?|\s+and\s+colleagues)?)\s*\(("
    + YEAR
    + r")\)"
)
AUTHOR_PART_RE = re.compile(r"^[^;]*?[A-Z][^;]*?" + YEAR + r"$")
# what may follow a round-bracketed number for it to be a reference: the sentence's end, punctuation,
# a closing bracket or another marker ("(12) (Eek et al 2018)"); "(1) age, (2) sex" is an enumeration
ROUND_AFTER_RE = re.compile(r"\s*(?:$|[.,;:)\]]|[(\[])")
YEAR_ONLY_RE = re.compile(r"(?:19|20)\d\d")

# study designs, most specific first; the first that matches names the design
DESIGN_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(p, re.IGNORECASE))
    for name, p in (
        ("meta-analysis", r"\bmeta-?\s?analys[ie]s\b|\bpooled analysis\b"),
        ("systematic review", r"\bsystematic (?:literature )?review|\bcochrane review"),
        (
            "randomized controlled trial",
            r"\brandomi[sz](?:ed|ation)\b|\brandomly (?:assigned|allocated)\b|\bRCTs?\b"
            r"|\bcross-?over (?:trial|study)\b|\bplacebo-controlled\b",
        ),
        ("prospective cohort study", r"\bprospective\b[\w\s,-]{0,40}?\b(?:cohort|study|registry|trial)\b"),
        ("retrospective study", r"\bretrospective\b|\breview of (?:\w+ ){0,2}records\b|\bchart review\b"),
        ("case series", r"\bcase series\b"),
        ("case report", r"\bcase reports?\b|\b(?:we|here we) (?:report|describe|present) (?:a|the) case\b"),
        ("cross-sectional study", r"\bcross-sectional\b"),
        ("open-label study", r"\bopen-label\b"),
        (
            "observational study",
            r"\bobservational\b|\bcohort study\b|\bregistry (?:study|data)\b|\bcase-control\b",
        ),
        ("review", r"\breviews?\b(?! of (?:\w+ ){0,2}records)"),
    )
)
# any of the designs' patterns (it matches where one of them does)
ANY_DESIGN_RE = re.compile("|".join(f"(?:{p.pattern})" for _, p in DESIGN_PATTERNS), re.IGNORECASE)
PEOPLE_RE = (
    r"(?:patients|participants|women|men|adults|children|people|subjects|infants|individuals|persons|"
    r"inpatients|outpatients|eyes|volunteers|neonates|adolescents|pregnancies)"
)
SAMPLE_RE = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+)\s+(?:[a-z-]+\s+){0,3}?" + PEOPLE_RE + r"\b")
N_EQUALS_RE = re.compile(r"\bn\s*=\s*(\d{1,3}(?:,\d{3})+|\d+)", re.IGNORECASE)


def _expand_numeric(group: str) -> list[str]:
    """Return the reference numbers of a numeric group: "12-14, 17" gives 12, 13, 14, 17."""
    keys: list[str] = []
    for item in group.split(","):
        m = re.fullmatch(r"\s*(\d+)\s*[-–]\s*(\d+)\s*", item)
        if m and 0 <= int(m.group(2)) - int(m.group(1)) < 50:
            keys += [str(i) for i in range(int(m.group(1)), int(m.group(2)) + 1)]
        elif item.strip():
            keys.append(item.strip())
    return keys


def _is_reference_marker(text: str, m: re.Match[str]) -> bool:
    """Return whether a bracketed group of numbers has the shape and place of a reference marker:
    not glued to a word ("(13)C", "Me(2)SO"), not years ("(1993-1997)"), and one number in round
    brackets followed by the sentence's end or punctuation (not an enumeration's "(1) age, (2) sex")."""
    before = text[m.start() - 1] if m.start() > 0 else " "
    after = text[m.end()] if m.end() < len(text) else " "
    if after.isalnum() or (text[m.start()] == "(" and before.isalnum()):
        return False
    numbers = re.findall(r"\d+", m.group(1))
    if all(YEAR_ONLY_RE.fullmatch(n) for n in numbers):
        return False
    listed = len(numbers) > 1  # "(12, 13)", "(12-14)": a list of references, wherever it stands
    return text[m.start()] == "[" or listed or ROUND_AFTER_RE.match(text, m.end()) is not None


def listed_citations(text: str, listed: Collection[str]) -> Iterator[tuple[str, int, int]]:
    """Yield (number, start, end) of each reference number in round brackets that the sentence's
    place alone does not make a citation ("Smith (12) showed"), when the document's reference list
    has that number: the list is what makes it one. Two or more such numbers in one sentence are an
    enumeration ("(1) pain and (2) tone"), as is one that opens the sentence."""
    found = []
    for m in NUMERIC_RE.finditer(text):
        keys = _expand_numeric(m.group(1))
        if text[m.start()] != "(" or len(keys) != 1 or _is_reference_marker(text, m):
            continue
        before = text[m.start() - 1] if m.start() > 0 else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if not (before.isalnum() or after.isalnum()):
            found.append((keys[0], m.start(), m.end()))
    if len(found) == 1 and found[0][0] in listed and text[: found[0][1]].strip(" \t:"):
        yield found[0]


def citations(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield (citation as written without brackets, start, end) for every reference in a sentence."""
    narrative = [(m.start(), m.end()) for m in NARRATIVE_RE.finditer(text)]
    for m in NUMERIC_RE.finditer(text):
        if any(s <= m.start() < e for s, e in narrative) or not _is_reference_marker(text, m):
            continue  # the "(2018)" of "White et al. (2018)" is a year, not reference 2018
        for key in _expand_numeric(m.group(1)):
            yield key, m.start(), m.end()
    for m in AUTHOR_YEAR_RE.finditer(text):
        for part in m.group(1).split(";"):
            part = part.strip()
            if AUTHOR_PART_RE.match(part) and not re.search(r"\d+(?:\.\d+)?\s*%", part):
                yield part, m.start(), m.end()
    for m in NARRATIVE_RE.finditer(text):
        yield f"{m.group(1)} {m.group(2)}", m.start(), m.end()


def design(text: str) -> str | None:
    """Return the normalised study design a sentence describes, if any."""
    if not ANY_DESIGN_RE.search(text):
        return None  # most sentences name no design: one search says so
    for name, pattern in DESIGN_PATTERNS:
        if pattern.search(text):
            return name
    return None


def sample_size(text: str) -> int | None:
    """Return the number of patients a sentence reports ("a trial of 1,208 patients")."""
    m = N_EQUALS_RE.search(text) or SAMPLE_RE.search(text)
    return int(m.group(1).replace(",", "")) if m else None


def studies(text: str) -> tuple[Study, ...]:
    """Return the studies a sentence cites or describes, each with the sentence's design."""
    kind, n = design(text), sample_size(text)
    found: dict[str, Study] = {}
    for cit, start, end in _citations(text):
        found.setdefault(cit, Study(cit, kind, n, start, end))
    if not found and kind is not None:
        return (Study(None, kind, n),)
    return tuple(found.values())


def citation_spans(text: str) -> list[tuple[int, int]]:
    """Return the character spans of citation markers, so that extractors can skip them."""
    return sorted({(s, e) for _, s, e in _citations(text)})


@lru_cache(maxsize=1024)
def _citations(text: str) -> tuple[tuple[str, int, int], ...]:
    """Return the citations of a sentence, kept for the next call on it: a sentence's citations
    are read when it is cut into tokens, and again when its studies are (a piece of a long
    document, some hundreds of sentences, is cut before any is read)."""
    return tuple(citations(text))
