"""Turn the UD English Web Treebank into spaCy training data in therapy-kg's own tokenisation.

The tagger runs on the tokens of `kg.text.tokens.tokenize`, which keeps hyphenated words whole
("upper-extremity", "double-blind") where UD splits them ("upper", "-", "extremity"). Each sentence
of the treebank is therefore tokenised again with the project's tokenizer, and every project token
takes the Penn tag of the last UD word it covers that is not a hyphen or slash (the head of a
hyphenated compound is its last part: "upper-extremity" NN, "double-blind" JJ).

Clinical text is full of words a web treebank never saw (drug, disease and procedure names), which
an untrained eye tags as verbs or adverbs. So the training part is augmented: for half of its
sentences a copy is added in which some nouns are replaced by names of the project's vocabularies
(drugs from DrugBank's open vocabulary, MeSH diseases), with the noun's tag.

Data: Universal Dependencies English Web Treebank (UD_English-EWT), CC BY-SA 4.0, read from
../shared/external/ud_english_ewt/ (never copied into the repository); names from the
vocabularies therapy-kg depends on (kg.vocab.sources).

    python tools/syntax/prepare_ewt.py ../shared/external/ud_english_ewt build/ewt
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from kg.text.tokens import tokenize
from kg.vocab.sources import drugs, mesh_diseases

AUGMENTED_SHARE = 0.5
REPLACED_SHARE = 0.5

JOINERS = {"HYPH", ",", ":", "NFP"}
# web addresses, e-mails and emoticons: the project's tokenizer cuts them into pieces no tag fits,
# and clinical text has none of them, so sentences holding them are left out
LEFT_OUT_TAGS = {"ADD", "NFP", "GW", "XX"}


def sentences(path: Path) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Yield (text, [(surface, xpos), ...]) for each sentence of a CoNLL-U file; a multiword token
    ("don't") gives its surface once, with the tag of its last word."""
    text = ""
    words: list[tuple[str, str]] = []
    mwt_end = 0
    mwt_surface = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line[len("# text = ") :]
        elif not line.strip():
            if words:
                yield text, words
            text, words, mwt_end = "", [], 0
        elif not line.startswith("#"):
            cols = line.split("\t")
            ident = cols[0]
            if "." in ident:
                continue
            if "-" in ident:
                mwt_end = int(ident.split("-")[1])
                mwt_surface = cols[1]
                continue
            if int(ident) <= mwt_end:
                if int(ident) == mwt_end:
                    words.append((mwt_surface, cols[4]))
                continue
            words.append((cols[1], cols[4]))
    if words:
        yield text, words


def retag(text: str, words: list[tuple[str, str]]) -> tuple[list[str], list[bool], list[str]] | None:
    """Return the project's tokens of a sentence with their spaces and tags, or None when the
    treebank's words cannot be found in the text in order, or the sentence is left out."""
    spans: list[tuple[int, int, str]] = []
    at = 0
    for surface, tag in words:
        found = text.find(surface, at)
        if found < 0:
            return None
        spans.append((found, found + len(surface), tag))
        at = found + len(surface)
    out_words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    if any(tag in LEFT_OUT_TAGS for _, _, tag in spans):
        return None
    tokens = tokenize(text)
    for s, e, _ in spans:
        if sum(1 for t in tokens if t.start < e and t.end > s) > 1 and e - s > 1:
            pieces = [t.text for t in tokens if t.start < e and t.end > s]
            if any(p.isalnum() for p in pieces[1:]):
                return None  # one treebank word cut in two words ("3:00", "a.m.")
    for k, tok in enumerate(tokens):
        covered = [tag for s, e, tag in spans if s < tok.end and e > tok.start]
        if not covered:
            return None
        heads = [t for t in covered if t not in JOINERS] or covered
        out_words.append(tok.text)
        tags.append(heads[-1])
        nxt = tokens[k + 1].start if k + 1 < len(tokens) else tok.end
        spaces.append(nxt > tok.end)
    return out_words, spaces, tags


def clinical_names() -> list[str]:
    """Return one-word drug and disease names of the vocabularies ("metformin", "hydrotherapy")."""
    names = {
        name.lower()
        for source in (drugs(), mesh_diseases())
        for name, _ in source
        if name.isalpha() and len(name) >= 5
    }
    return sorted(names)


def augmented(
    words: list[str], tags: list[str], names: list[str], rng: random.Random
) -> tuple[list[str], list[str]] | None:
    """Return a copy of a sentence with some of its common nouns replaced by clinical names."""
    nouns = [k for k, t in enumerate(tags) if t in {"NN", "NNS"} and words[k].isalpha()]
    if not nouns:
        return None
    out = list(words)
    for k in nouns:
        if rng.random() < REPLACED_SHARE or k == nouns[-1]:
            name = rng.choice(names)
            out[k] = name + "s" if tags[k] == "NNS" and not name.endswith("s") else name
    return out, tags


def convert(conllu: Path, out: Path, names: list[str] | None = None) -> tuple[int, int]:
    """Write one DocBin of a CoNLL-U file, with augmented copies when names are given; return
    (sentences kept, sentences dropped)."""
    vocab = spacy.blank("en").vocab
    bin_ = DocBin(attrs=["TAG"])
    rng = random.Random(13)
    kept = dropped = 0
    for text, words in sentences(conllu):
        aligned = retag(text, words)
        if aligned is None:
            dropped += 1
            continue
        w, s, t = aligned
        bin_.add(Doc(vocab, words=w, spaces=s, tags=t))
        kept += 1
        if names and rng.random() < AUGMENTED_SHARE and (copy := augmented(w, t, names, rng)) is not None:
            bin_.add(Doc(vocab, words=copy[0], spaces=s, tags=copy[1]))
    bin_.to_disk(out)
    return kept, dropped


def known_verbs(conllu: Path) -> list[str]:
    """Return the words the treebank uses as base-form verbs ("continue", "receive"): after "to",
    any other word the tagger reads as a verb is an unknown name ("randomised to hydrotherapy")."""
    return sorted(
        {w.lower() for _, words in sentences(conllu) for w, tag in words if tag == "VB" and w.isalpha()}
    )


def main(src: str, dest: str) -> None:
    """Convert the train and dev files of the treebank, and list its base-form verbs."""
    Path(dest).mkdir(parents=True, exist_ok=True)
    verbs = known_verbs(Path(src) / "en_ewt-ud-train.conllu")
    (Path(dest) / "verbs.json").write_text(json.dumps(verbs, indent=0), encoding="utf-8")
    names = clinical_names()
    for part in ("train", "dev", "test"):
        path = Path(src) / f"en_ewt-ud-{part}.conllu"
        kept, dropped = convert(path, Path(dest) / f"{part}.spacy", names if part == "train" else None)
        print(f"{part}: {kept} sentences ({dropped} left out)")


if __name__ == "__main__":
    main(*sys.argv[1:3])
