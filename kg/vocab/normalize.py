"""Normalise words so that spelling variants, plurals and possessives match one vocabulary key."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# British to American spellings, applied inside words ("haemorrhage", "tumour", "oedema",
# "randomised", "sulphate", "paediatric", "diarrhoea", "anaesthesia").
SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^oe(?=[sd])"), "e"),
    (re.compile(r"(?<=[hlnpm])ae(?=m|di|st)"), "e"),
    (re.compile(r"rrhoea"), "rrhea"),
    (re.compile(r"(?:(?<=[mvdi])|(?<=col|lab|hon|arm|vig))our(?=$|s$|able|ite|ed$|ing$)"), "or"),
    (re.compile(r"(?<=[bcdfghjklmnprstvz])is(?=ation|e$|ed$|es$|ing$)"), "iz"),
    (re.compile(r"sulph"), "sulf"),
    (re.compile(r"oestr"), "estr"),
    (re.compile(r"^paed"), "ped"),
    (re.compile(r"aemia$"), "emia"),
)
# tokens ignored when a phrase is turned into a key
IGNORED = {"-", "'", "’", "‐", "–"}


def spelling(word: str) -> str:
    """Return the American spelling of a lower-cased word."""
    for pattern, repl in SPELLING_RULES:
        word = pattern.sub(repl, word)
    return word


def singular(word: str) -> str:
    """Return a crude singular of a lower-cased word (the same rule as the referee's)."""
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 18)
def norm_word(word: str) -> str:
    """Return the matching form of one word: lower case, no possessive, American, singular."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return "".join(singular(spelling(part)) for part in w.replace("‐", "-").split("-"))


def phrase_key(words: Iterable[str]) -> str:
    """Return the matching key of a phrase given as words."""
    return " ".join(norm_word(w) for w in words if w not in IGNORED)
