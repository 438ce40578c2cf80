"""Time every named query's first page of 100 rows on a store of 10^5 sentences of real text.

    python benchmarks/queries.py [--sentences 100000] [--jobs 2] [--rebuild] [--out BENCHMARKS.md]

The text is the Evidence Inference 2.0 abstracts and articles in ../shared/external (their layout
lines removed), in turn and again until the sentences reach the count; the store is built once
(`kg build --store`, which writes the evidence summaries) and kept in a cache folder for the next
run. Each query runs in this process on the store opened once: in full, as `kg query` ran it
before pages existed, and as its first page (`--limit 100`); median of several runs. Writes the
`queries` section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pyoxigraph as ox
from quality.extraction import HEADER_RE
from run import KG, machine, run_measured
from sections import replace_section

from kg import __version__
from kg.graph.paging import Page, run_page
from kg.graph.query import NamedQuery, QueryResult, list_queries
from kg.graph.sparql_text import Choices
from kg.graph.store import open_store, query_store
from kg.model import Document
from kg.pieces import split
from kg.resources import ontology_file

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "external" / "evidence_inference"
# the folders of real text and the endings of their files
PARTS = (("abstracts", "*.abst"), ("txt", "*.txt"))
CACHE = Path(tempfile.gettempdir()) / "kg-bench-queries"
PAGE = 100
RUNS = 5
SLOW_MS = 2_000
# how a finding names the value of each parameter of the named queries
PARAMS = {"therapy": "tkg:therapy", "condition": "tkg:condition", "design": "tkg:study/tkg:design"}


def source_texts(source: Path) -> Iterator[tuple[str, str]]:
    """Yield (name, text) for each abstract and article of the source, layout lines removed."""
    for folder, pattern in PARTS:
        for path in sorted((source / folder).glob(pattern)):
            yield f"{folder}-{path.stem}", HEADER_RE.sub("", path.read_text(encoding="utf-8"))


def write_corpus(source: Path, sentences: int, out: Path) -> int:
    """Write the source's texts under out, in turn and again (round r as rNN-NAME.txt), until
    they hold at least `sentences` sentences as the builder splits them; return how many."""
    texts = [(name, text, len(split(Document(name, text))[2])) for name, text in source_texts(source)]
    if not texts or not sum(n for _, _, n in texts):
        raise SystemExit(f"no text under {source}")
    out.mkdir(parents=True, exist_ok=True)
    total, r = 0, 0
    while total < sentences:
        for name, text, n in texts:
            if total >= sentences:
                break
            (out / f"r{r:02d}-{name}.txt").write_text(text, encoding="utf-8")
            total += n
        r += 1
    return total


def graph_version() -> str:
    """Return what a cached store must match: the package version and the ontology it follows."""
    ontology = ontology_file("therapy-kg.ttl").read_bytes()
    return f"{__version__}-{hashlib.sha256(ontology).hexdigest()[:12]}"


def cached_store(sentences: int, jobs: int, rebuild: bool, cache: Path = CACHE) -> tuple[Path, dict]:
    """Return a store of the corpus (built unless the cache holds one for this size, version and
    ontology) and what its build recorded."""
    folder = cache / f"store-{sentences}"
    stamp = cache / f"store-{sentences}.json"
    if not rebuild and stamp.exists() and folder.is_dir():
        info = json.loads(stamp.read_text(encoding="utf-8"))
        if info.get("version") == graph_version():
            return folder, info
    shutil.rmtree(folder, ignore_errors=True)
    corpus = cache / f"corpus-{sentences}"
    shutil.rmtree(corpus, ignore_errors=True)
    written = write_corpus(SOURCE, sentences, corpus)
    wall, peak = run_measured([*KG, "build", str(corpus), "--store", str(folder), "-q", "--jobs", str(jobs)])
    shutil.rmtree(corpus, ignore_errors=True)
    info = {"version": graph_version(), "sentences": written, "build_s": wall, "peak_mib": peak, "jobs": jobs}
    stamp.write_text(json.dumps(info), encoding="utf-8")
    return folder, info


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, int]:
    """Return the median milliseconds of fn over runs calls after one not counted (a call over
    SLOW_MS is counted alone) and how many calls were counted."""
    start = time.perf_counter()
    fn()
    first = (time.perf_counter() - start) * 1000
    if first > SLOW_MS:
        return first, 1
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), runs


def busiest(store: ox.Store) -> dict[str, str]:
    """Return, for each parameter of the named queries, the label with the most findings."""
    out = {}
    for param, path in PARAMS.items():
        q = f"""SELECT ?l (COUNT(?f) AS ?n) WHERE {{ ?f {path} ?x . ?x rdfs:label ?l }}
GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1"""
        for row in query_store(store, q).rows:
            out[param] = str(row[0])
    return out


def cases(values: dict[str, str]) -> Iterator[tuple[NamedQuery, dict[str, str]]]:
    """Yield each named query unbound (the whole graph), and bound to the busiest value of its
    first parameter."""
    for q in list_queries():
        yield q, {}
        if q.params and q.params[0] in values:
            yield q, {q.params[0]: values[q.params[0]]}


def measure(folder: Path) -> list[dict[str, object]]:
    """Time every case in full (as before pages) and as its first page; check the page."""
    store = open_store(folder)

    def run(text: str, values: dict[str, str], choices: Choices | None) -> QueryResult:
        return query_store(store, text, values, True, choices)

    out: list[dict[str, object]] = []
    for q, binds in cases(busiest(store)):
        whole = run(q.text, binds, None).rows
        first = run_page(run, q, binds, Page(PAGE)).rows
        before, n_before = median_ms(lambda q=q, b=binds: run(q.text, b, None))
        after, n_after = median_ms(lambda q=q, b=binds: run_page(run, q, b, Page(PAGE)))
        row = {"query": q.name, "bound": binds, "rows": len(whole), "before": before, "after": after}
        row.update({"runs": (n_before, n_after), "same": list(first) == list(whole[:PAGE])})
        print(row, flush=True)
        out.append(row)
    return out


def report(rows: list[dict[str, object]], info: dict, load: tuple[float, float], sentences: int) -> list[str]:
    """Return the lines of the BENCHMARKS.md section."""
    lines = [
        f"## Named queries: the first page of {PAGE} rows on {info['sentences']:,} sentences of real text",
        "",
        f"Machine: {machine()}; load average {load[0]:.1f} at the start and {load[1]:.1f} at the end "
        "(other developers' jobs share the 2 cores). "
        f"Command: `python benchmarks/queries.py --sentences {sentences}` (the store is built once with "
        f"`kg build --store --jobs {info['jobs']}` and cached; that build took {info['build_s']:.0f} s).",
        "Text: the Evidence Inference 2.0 abstracts and articles of `../shared/external/evidence_inference`,",
        "layout lines removed, in turn and again until the sentences reach the count. In this process, the",
        "store opened once: *before* is the whole query as `kg query` ran it before pages (no limit);",
        f"*after* is `--limit {PAGE}`, the first page, read through the query's window where it has one;",
        f"median of {RUNS} runs after one not counted (a run over {SLOW_MS / 1000:.0f} s is counted alone).",
        "A parameter is either left unbound (the whole graph) or bound to the label with the most findings.",
        "",
        f"| query | bound | rows in all | before: all rows | after: first {PAGE} | page = first {PAGE} rows | < 100 ms |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        bound = ", ".join(f"{k} = {v!r}" for k, v in r["bound"].items()) or "(whole graph)"  # type: ignore[attr-defined]
        lines.append(
            f"| {r['query']} | {bound} | {r['rows']:,} | {r['before']:,.1f} ms | {r['after']:,.1f} ms "
            f"| {'yes' if r['same'] else 'NO'} | {'met' if r['after'] < 100 else 'missed'} |"  # type: ignore[operator]
        )
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--rebuild", action="store_true", help="build the store even if the cache holds one")
    ap.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    a = ap.parse_args()
    folder, info = cached_store(a.sentences, a.jobs, a.rebuild)
    print(folder, info, flush=True)
    if a.build_only:
        return
    start = os.getloadavg()[0]
    rows = measure(folder)
    lines = report(rows, info, (start, os.getloadavg()[0]), a.sentences)
    replace_section(a.out, "queries", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
