"""The word tables the extractors read (triggers of change, modifiers, markers of roles, the
forms of entity names), loaded once from `cues.json` beside this module and given as module
attributes. They describe English clinical-claim grammar in general, not any one text."""

from __future__ import annotations

from kg.extractors.words import table

_T = table("cues")
_EFFECTS = {"lower": "-", "raise": "+", "improve": "imp", "worsen": "wor", "change": "?"}

# change triggers: word -> effect. "+" raises, "-" lowers, "imp" improves (up for a good thing,
# down for a harm), "wor" worsens, "?" a change of unstated direction
VERB_TRIGGERS: dict[str, str] = {w: e for name, e in _EFFECTS.items() for w in _T[f"verb_triggers_{name}"]}
EFFECTIVE_WORDS: frozenset[str] = _T["effective_words"]
INDICATION_TRIGGERS: frozenset[str] = _T["indication_triggers"]
GENERIC_ADJECTIVES: frozenset[str] = _T["generic_adjectives"]
FREQUENCY_WORDS: frozenset[str] = _T["frequency_words"]
RISK_NOUNS: frozenset[str] = _T["risk_nouns"]
NO_CHANGE_NOUNS: frozenset[str] = _T["no_change_nouns"]
NO_CHANGE_VERBS: frozenset[str] = _T["no_change_verbs"]
NON_INFERIORITY: frozenset[str] = _T["non_inferiority"]
EXPOSURE_SUFFIXES: frozenset[str] = _T["exposure_suffixes"]
HARM_SUFFIXES: frozenset[str] = _T["harm_suffixes"]
MEASURE_HEADS: frozenset[str] = _T["measure_heads"]
NEGATIONS: frozenset[str] = _T["negations"]
HARM_WORDS: frozenset[str] = _T["harm_words"]
GOOD_WORDS: frozenset[str] = _T["good_words"]
THERAPY_MODIFIERS: frozenset[str] = _T["therapy_modifiers"]
THERAPY_HEADS: frozenset[str] = _T["therapy_heads"]
DRUG_MODIFIED_NOUNS: frozenset[str] = _T["drug_modified_nouns"]
GENERIC_THERAPY_HEADS: frozenset[str] = _T["generic_therapy_heads"]
COMBINERS: frozenset[str] = _T["combiners"]
DRUG_SUFFIXES: tuple[str, ...] = tuple(sorted(_T["drug_suffixes"], key=lambda s: (-len(s), s)))
PROCEDURE_SUFFIXES: tuple[str, ...] = tuple(sorted(_T["procedure_suffixes"], key=lambda s: (-len(s), s)))
DISEASE_SUFFIXES: tuple[str, ...] = tuple(sorted(_T["disease_suffixes"], key=lambda s: (-len(s), s)))
DISEASE_HEADS: frozenset[str] = _T["disease_heads"]
NON_DISEASE_WORDS: frozenset[str] = _T["non_disease_words"]
CONDITION_MODIFIERS: frozenset[str] = _T["condition_modifiers"]
ADJECTIVE_SUFFIXES: tuple[str, ...] = tuple(sorted(_T["adjective_suffixes"], key=lambda s: (-len(s), s)))
COMPARATOR_MARKERS: frozenset[str] = _T["comparator_markers"]
COTHERAPY_MARKERS: frozenset[tuple[str, ...]] = frozenset(tuple(p.split()) for p in _T["cotherapy_markers"])
PRIOR_MARKERS: frozenset[str] = _T["prior_markers"]
SWITCH_WORDS: frozenset[str] = _T["switch_words"]
ADDING_WORDS: frozenset[str] = _T["adding_words"]
COMBINING_WORDS: frozenset[str] = _T["combining_words"]
