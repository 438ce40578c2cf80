"""Benchmark extraction and single-file builds on real text, beside the templates, in one run.

    python benchmarks/realtext.py [--sentences 20000] [--large 100000] [--jobs 2] [--out BENCHMARKS.md]

Real text: the Evidence Inference 2.0 abstracts (verbatim RCT abstracts) and articles in
../shared/external/evidence_inference, their layout lines removed. It measures:
- extraction alone, in this process, in sentences/s with 1 and N processes, on the abstracts (a
  document each; the first ones warm the caches up and are not counted) and on as many sentences
  of the templates of benchmarks/corpus.py;
- `kg build ONE_FILE --store` of `--sentences` sentences of real text in one file (the abstracts,
  then the articles, a blank line between texts), with 1 and N processes: wall time, sentences/s,
  peak memory of the process tree (PSS), and the floor: reading and regex-tokenising the text plus
  Oxigraph's own bulk load of the same quads;
- the peak memory of the same build on `--large` sentences (the texts in turn and again).
Writes the `real-text` section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pyoxigraph as ox
from corpus import SEED, write_corpus
from queries import SOURCE, source_texts
from run import KG, machine, run_measured
from sections import replace_section

from kg.model import Document
from kg.pieces import split
from kg.pipeline import Extractor, iter_results
from kg.readers.dispatch import read_inputs
from kg.text.tokens import TOKEN_RE

WARM_UP_SENTENCES = 2_000
RATE_RUNS = 3


def real_documents() -> Iterator[tuple[Document, int]]:
    """Yield each real text as a document, with its number of sentences as the builder splits it."""
    for name, text in source_texts(SOURCE):
        doc = Document(name, text)
        yield doc, len(split(doc)[2])


def abstracts() -> list[tuple[Document, int]]:
    """Return the abstracts alone (the articles are full texts)."""
    return [(d, n) for d, n in real_documents() if d.id.startswith("abstracts-")]


def best_rate(docs: list[Document], extractor: Extractor, jobs: int) -> float:
    """Return the best sentences/s over RATE_RUNS extractions of the documents."""
    rates = []
    for _ in range(RATE_RUNS):
        start = time.perf_counter()
        count = sum(len(r.results) for r in iter_results(docs, extractor, jobs))
        rates.append(count / (time.perf_counter() - start))
    return max(rates)


def extraction_rates(tmp: Path, jobs: int) -> dict[str, dict[int, float]]:
    """Return sentences/s of extraction on the real abstracts and on as many template sentences."""
    docs = abstracts()
    warm, seen = [], 0
    while docs and seen < WARM_UP_SENTENCES:
        doc, n = docs.pop(0)
        warm.append(doc)
        seen += n
    real = [d for d, _ in docs]
    n_real = sum(n for _, n in docs)
    extractor = Extractor()
    for _ in iter_results(warm, extractor, 1):
        pass
    templates = tmp / "templates"
    write_corpus(n_real, templates, seed=SEED + 7)
    synthetic = list(read_inputs([str(templates)]))
    out: dict[str, dict[int, float]] = {"real": {}, "templates": {}}
    for j in sorted({1, jobs}):
        out["real"][j] = best_rate(real, extractor, j)
        out["templates"][j] = best_rate(synthetic, extractor, j)
        print(
            f"extraction, {j} process(es): real {out['real'][j]:,.0f}/s, templates {out['templates'][j]:,.0f}/s"
        )
    out["sentences"] = {0: float(n_real)}
    return out


def write_one_file(path: Path, sentences: int) -> int:
    """Write real texts into one file until it holds `sentences` sentences (the texts in turn and
    again); return how many it holds."""
    texts = list(real_documents())
    total = 0
    with path.open("w", encoding="utf-8") as f:
        while total < sentences:
            for doc, n in texts:
                if total >= sentences:
                    break
                f.write(doc.text.strip() + "\n\n")
                total += n
    # the sentences of the file as one document (texts joined may split a little differently)
    return len(split(Document(path.name, path.read_text(encoding="utf-8")))[2])


def floor_seconds(text_file: Path, store: Path, tmp: Path) -> tuple[float, float]:
    """Return the seconds to read and regex-tokenise the text, and Oxigraph's bulk load of the
    store's quads into an empty store."""
    start = time.perf_counter()
    sum(1 for _ in TOKEN_RE.finditer(text_file.read_text(encoding="utf-8")))
    read = time.perf_counter() - start
    dump = tmp / "quads.nq"
    ox.Store(str(store)).dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
    target = tmp / "floor-store"
    shutil.rmtree(target, ignore_errors=True)
    fresh = ox.Store(str(target))
    start = time.perf_counter()
    fresh.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    fresh.flush()
    load = time.perf_counter() - start
    del fresh
    shutil.rmtree(target, ignore_errors=True)
    dump.unlink()
    return read, load


def store_build(text_file: Path, tmp: Path, jobs: int) -> tuple[float, float]:
    """Return wall seconds and peak MiB of a store build of one file."""
    store = tmp / f"store-{jobs}"
    shutil.rmtree(store, ignore_errors=True)
    return run_measured([*KG, "build", str(text_file), "--store", str(store), "-q", "--jobs", str(jobs)])


def main() -> None:
    """Run the benchmark and write its section."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=20_000)
    ap.add_argument("--large", type=int, default=100_000, help="sentences of the memory run (0: none)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-real-"))
    load_start = os.getloadavg()[0]
    try:
        rates = extraction_rates(tmp, a.jobs)
        text_file = tmp / "real.txt"
        n = write_one_file(text_file, a.sentences)
        builds = {j: store_build(text_file, tmp, j) for j in sorted({1, a.jobs})}
        for j, (wall, peak) in builds.items():
            print(f"one file of {n} sentences into a store, {j} process(es): {wall:.1f} s, {peak:.0f} MiB")
        floor = floor_seconds(text_file, tmp / f"store-{a.jobs}", tmp)
        large = None
        if a.large:
            big = tmp / "large.txt"
            large = (write_one_file(big, a.large), *store_build(big, tmp, a.jobs))
            print(f"one file of {large[0]} sentences into a store: {large[1]:.1f} s, {large[2]:.0f} MiB")
        lines = report(rates, n, builds, floor, large, a.jobs, (load_start, os.getloadavg()[0]))
        replace_section(a.out, "real-text", lines)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(
    rates: dict[str, dict[int, float]],
    n: int,
    builds: dict[int, tuple[float, float]],
    floor: tuple[float, float],
    large: tuple[int, float, float] | None,
    jobs: int,
    load: tuple[float, float],
) -> list[str]:
    """Return the lines of the section."""
    floor_s = sum(floor)
    lines = [
        "## Real text: extraction and single-file builds (`python benchmarks/realtext.py`)",
        "",
        f"Machine: {machine()}; load average {load[0]:.1f} at the start and {load[1]:.1f} at the end.",
        "Text: the Evidence Inference 2.0 abstracts and articles of `../shared/external/evidence_inference`,",
        "layout lines removed (real sentences of about 24 words, with numbers and p values).",
        "",
        f"Extraction alone (no graph written), best of {RATE_RUNS}: the abstracts ({int(rates['sentences'][0]):,}"
        f" sentences, each abstract a document, after {WARM_UP_SENTENCES:,} sentences of others to warm up)"
        " beside as many sentences of the templates of `benchmarks/corpus.py`.",
        "",
        "| processes | real abstracts: sentences/s | templates: sentences/s |",
        "| --- | --- | --- |",
    ]
    for j in sorted(rates["real"]):
        lines.append(f"| {j} | {rates['real'][j]:,.0f} | {rates['templates'][j]:,.0f} |")
    lines += [
        "",
        f"`kg build real.txt --store st --jobs J`: one file of {n:,} sentences of real text (the"
        " texts one after another, a blank line between them), cut into pieces (`kg/pieces.py`) for the"
        f" workers. Floor: reading and regex-tokenising the text {floor[0]:.1f} s plus Oxigraph's bulk"
        f" load of the same quads {floor[1]:.1f} s = {floor_s:.1f} s.",
        "",
        "| processes | wall | sentences/s | peak memory (PSS) | ÷ floor |",
        "| --- | --- | --- | --- | --- |",
    ]
    for j, (wall, peak) in builds.items():
        lines.append(f"| {j} | {wall:.1f} s | {n / wall:,.0f} | {peak:,.0f} MiB | {wall / floor_s:.1f}× |")
    if large is not None:
        lines += [
            "",
            f"The same build of one file of {large[0]:,} sentences (the texts in turn and again), {jobs}"
            f" processes: {large[1]:.1f} s ({large[0] / large[1]:,.0f} sentences/s), peak memory"
            f" {large[2]:,.0f} MiB.",
        ]
    return lines


if __name__ == "__main__":
    main()
