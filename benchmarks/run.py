"""Benchmark therapy-kg at growing corpus sizes and write BENCHMARKS.md.

    python benchmarks/run.py [--sizes 1000 10000 100000] [--jobs 2] [--out BENCHMARKS.md]

In one run it measures: extraction sentences/s (1 and N processes); build time and peak memory (PSS)
(summed over the process tree) with the in-memory graph (`kg build -o graph.nt`) and with the
on-disk store (`kg build --store`); the median latency of each named query on both backends; and
the floor: reading and regex-tokenising the same text plus Oxigraph's own bulk load of the
resulting triples.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import SEED, write_corpus
from sections import marked_sections

from kg.graph.io import load_graph
from kg.graph.query import list_queries, run_query
from kg.graph.store import open_store, query_store
from kg.namespaces import TKG
from kg.pipeline import Extractor, iter_results
from kg.readers.dispatch import read_inputs
from kg.text.tokens import TOKEN_RE

KG = [sys.executable, "-m", "kg.cli"]
# bound values for the named queries: terms the synthetic corpus uses
BINDINGS = {"condition": None, "design": "randomized controlled trial", "therapy": None}
QUERY_RUNS = 5
# as many rows as a query returns, from one triple pattern: the cost of the rows before any join
SCAN = f"SELECT ?s ?o WHERE {{ ?s <{TKG.direction}> ?o }} LIMIT %d"
RATE_RUNS = 3
# sentences read before the extraction rate is measured (vocabulary caches warm up on them)
WARM_UP = 2_000
START_TIMES = psutil.cpu_times()
SLOW_MS = 2_000
# rdflib's in-memory engine takes minutes per query past this many sentences: it is timed up to here
RDFLIB_QUERY_LIMIT = 10_000


def tree_memory(parent: psutil.Process) -> int:
    """Return the memory of a process and its children in bytes: the sum of their proportional set
    sizes (PSS), so that pages forked workers share with the parent are counted once."""
    total = 0
    for p in [parent, *parent.children(recursive=True)]:
        try:
            total += p.memory_full_info().pss
        except (psutil.Error, AttributeError):
            continue
    return total


def run_measured(cmd: list[str]) -> tuple[float, float]:
    """Run a command; return wall seconds and the peak memory (MiB, PSS) of its process tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    parent = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, tree_memory(parent))
        time.sleep(0.2)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, peak / 2**20


def extraction_rate(tmp: Path, n: int, jobs: int) -> float:
    """Return sentences per second of extraction alone, the best of RATE_RUNS runs, each over n
    sentences never read before (a corpus of its own seed), after a warm-up on other ones: read
    twice, a text would find every cache warm. On a shared host the other runs measure the
    neighbours' load as well."""
    extractor = Extractor()
    warm_up = tmp / "warm-up"
    if not warm_up.exists():  # the same warm-up text for each number of processes, written once
        write_corpus(WARM_UP, warm_up, seed=SEED + 100)
    for _ in iter_results(read_inputs([str(warm_up)]), extractor, 1):
        pass
    rates = []
    for run in range(RATE_RUNS):
        folder = tmp / f"rate-{jobs}-{run}"
        write_corpus(n, folder, seed=SEED + 1 + run + 10 * jobs)
        docs = list(read_inputs([str(folder)]))
        start = time.perf_counter()
        count = sum(len(results) for _, results, _ in iter_results(docs, extractor, jobs))
        rates.append(count / (time.perf_counter() - start))
        shutil.rmtree(folder, ignore_errors=True)
    return max(rates)


def floor_time(folder: Path, ntriples: Path, tmp: Path) -> tuple[float, float]:
    """Return the seconds to read and regex-tokenise the text, and Oxigraph's bulk load of the graph."""
    start = time.perf_counter()
    tokens = 0
    for path in sorted(folder.glob("*.txt")):
        tokens += sum(1 for _ in TOKEN_RE.finditer(path.read_text(encoding="utf-8")))
    read = time.perf_counter() - start
    import pyoxigraph as ox

    target = tmp / "floor-store"
    shutil.rmtree(target, ignore_errors=True)
    store = ox.Store(str(target))
    start = time.perf_counter()
    store.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    load = time.perf_counter() - start
    del store
    return read, load


def sample_bindings(graph_file: Path) -> dict[str, str]:
    """Return a condition and a therapy that the built graph holds, for the bound queries."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(graph_file), format=ox.RdfFormat.N_TRIPLES)
    values = dict(BINDINGS)
    q = "SELECT ?l WHERE { ?f <https://w3id.org/therapy-kg/ontology#%s> ?e . ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 1"
    for var in ("condition", "therapy"):
        for row in store.query(q % var):  # type: ignore[union-attr]
            values[var] = row["l"].value
    return {k: v for k, v in values.items() if v}


def query_latencies(
    graph_file: Path | None, store_dir: Path, values: dict[str, str]
) -> dict[str, tuple[float, float, int, float]]:
    """Return, for each named query: the median milliseconds on rdflib (graph file) and on the
    store, the rows it returns, and the median milliseconds the store takes to return as many rows
    of a single triple pattern (what the rows alone cost, before any join)."""
    g = load_graph(graph_file) if graph_file is not None else None
    store = open_store(store_dir)
    out: dict[str, tuple[float, float, int, float]] = {}
    for q in list_queries():
        binds = {p: values[p] for p in q.params if p in values}
        times_store: list[float] = []
        times_mem: list[float] = []
        times_scan: list[float] = []
        rows = 0
        for _ in range(QUERY_RUNS):
            start = time.perf_counter()
            rows = len(query_store(store, q.text, binds, lateral=True).rows)
            times_store.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            for _row in store.query(SCAN % max(rows, 1)):  # type: ignore[union-attr]
                pass
            times_scan.append((time.perf_counter() - start) * 1000)
            if g is not None and (not times_mem or times_mem[0] < SLOW_MS):
                start = time.perf_counter()
                run_query(g, q.text, binds)
                times_mem.append((time.perf_counter() - start) * 1000)  # a slow query is timed once
        out[q.name] = (
            statistics.median(times_mem) if times_mem else float("nan"),
            statistics.median(times_store),
            rows,
            statistics.median(times_scan),
        )
    return out


def machine() -> str:
    """Describe the machine, with the share of CPU time the hypervisor gave to other guests (steal)
    during the run: a virtual machine's figures are only comparable within one run."""
    mem = psutil.virtual_memory().total / 2**30
    now = psutil.cpu_times()
    spent = sum(now) - sum(START_TIMES)
    steal = (getattr(now, "steal", 0.0) - getattr(START_TIMES, "steal", 0.0)) / spent if spent else 0.0
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, "
        f"{platform.platform()}, Python {platform.python_version()}; CPU time stolen by the "
        f"hypervisor during the run: {steal:.0%}"
    )


def main() -> None:
    """Run the benchmark and write the report."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    ap.add_argument(
        "--memory-limit",
        type=int,
        default=100_000,
        help="largest size also built with the in-memory rdflib graph",
    )
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    rows: list = []
    queries: dict[int, dict[str, tuple[float, float, int, float]]] = {}
    rates: dict[int, float] = {}
    bound_values: dict[str, str] = {}
    try:
        for n in a.sizes:
            folder = tmp / f"corpus-{n}"
            write_corpus(n, folder)
            if n == min(max(a.sizes), 10_000) and not rates:
                rates = {1: extraction_rate(tmp, n, 1), a.jobs: extraction_rate(tmp, n, a.jobs)}
            nt = tmp / f"graph-{n}.nt"
            store = tmp / f"store-{n}"
            mem = (
                run_measured([*KG, "build", str(folder), "-o", str(nt), "-q", "--jobs", str(a.jobs)])
                if n <= a.memory_limit
                else (float("nan"), float("nan"))
            )
            st = run_measured([*KG, "build", str(folder), "--store", str(store), "-q", "--jobs", str(a.jobs)])
            if not nt.exists():
                run_measured([*KG, "export", str(store), "-o", str(nt)])
            read, load = floor_time(folder, nt, tmp)
            triples = sum(1 for _ in nt.open(encoding="utf-8"))
            rows.append((n, triples, mem, st, read, load))
            print(
                f"{n} sentences: memory {mem[0]:.1f}s {mem[1]:.0f}MiB, store {st[0]:.1f}s {st[1]:.0f}MiB, "
                f"floor {read + load:.1f}s",
                flush=True,
            )
            if n in (max(a.sizes), min(max(a.sizes), RDFLIB_QUERY_LIMIT)):
                on_rdflib = nt if n <= RDFLIB_QUERY_LIMIT else None
                used = sample_bindings(nt)
                bound_values.update(used)
                queries[n] = query_latencies(on_rdflib, store, used)
        write_report(a.out, rows, queries, rates, a.jobs, bound_values)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# named queries that take a parameter; the others list the whole graph
BOUND_QUERIES = {"evidence-for-therapy", "findings-by-design", "therapies-for-condition"}


def write_report(out: Path, rows: list, queries: dict, rates: dict, jobs: int, bound: dict[str, str]) -> None:
    """Write BENCHMARKS.md."""
    lines = [
        "# Benchmarks",
        "",
        f"Machine: {machine()}.",
        f"Command: `python benchmarks/run.py` (this file is its output). Builds use `--jobs {jobs}`.",
        "Corpus: `benchmarks/corpus.py`, abstract-sized documents of 10 sentences from 14 templates, with",
        "therapies, conditions and end points drawn from the installed vocabularies, varied numbers, citations and designs.",
        "",
        "## Extraction",
        "",
        f"Best of {RATE_RUNS} runs, each over 10,000 sentences not read before (a corpus of its own seed), after a",
        f"warm-up on {WARM_UP:,} others; results gathered in the parent process.",
        "",
        "| processes | sentences/s |",
        "| --- | --- |",
        *[f"| {k} | {v:,.0f} |" for k, v in rates.items()],
        "",
        "## Builds",
        "",
        "Wall time of the whole `kg build` command (start-up, reading, extraction, writing) and peak memory",
        "of the process tree (sum of proportional set sizes, so pages shared by forked workers count once). The floor is reading and regex-tokenising the same text plus",
        "Oxigraph's own bulk load of the resulting N-Triples.",
        "",
        "| sentences | triples | in-memory graph: time | peak memory | store: time | peak memory | floor (read+tokenise / bulk load) | store ÷ floor |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for n, triples, mem, st, read, load in rows:
        floor = read + load
        lines.append(
            f"| {n:,} | {triples:,} | {mem[0]:.1f} s | {mem[1]:,.0f} MiB | {st[0]:.1f} s | {st[1]:,.0f} MiB "
            f"| {floor:.1f} s ({read:.1f} / {load:.1f}) | {st[0] / floor:.1f}× |"
        )
    if len(rows) >= 2:
        n1, n2 = rows[-2][0], rows[-1][0]
        t1, t2 = rows[-2][3][0], rows[-1][3][0]
        per = (t2 - t1) / (n2 - n1)
        lines += [
            "",
            f"Extrapolation to 10^6 sentences from the last two store builds: {t2 + per * (1_000_000 - n2):,.0f} s "
            f"({per * 1e6 / 60:.1f} min of marginal work).",
        ]
    lines += [
        "",
        "Named queries run as a user runs them: the ones with a parameter get a value the corpus holds ("
        + ", ".join(f"{k} = {v!r}" for k, v in sorted(bound.items()))
        + "); `no-effect-findings` and `treatments` list the whole graph.",
    ]
    for size, table in sorted(queries.items()):
        lines += [
            "",
            f"## Named queries on {size:,} sentences' findings (median of {QUERY_RUNS} runs; "
            f"an rdflib query over {SLOW_MS / 1000:.0f} s is run once)",
            "",
            "| query | rdflib in memory | Oxigraph store | ratio | rows | as many rows of one pattern |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for name, (m, st, nrows, scan) in table.items():
            mem = "not timed" if m != m else f"{m:,.1f} ms"
            ratio = "" if m != m else f"{m / st:,.1f}×"
            lines.append(f"| {name} | {mem} | {st:,.1f} ms | {ratio} | {nrows:,} | {scan:,.1f} ms |")
    lines += target_lines(rows, queries, rates)
    kept = marked_sections(out)  # the browser and cluster benchmarks write their own sections
    out.write_text("\n".join(lines) + "\n" + (f"\n{kept}\n" if kept else ""), encoding="utf-8")
    print(f"wrote {out}")


def target_lines(rows: list, queries: dict, rates: dict) -> list[str]:
    """Return the section that compares this run with the targets of the scale issue."""

    def mark(ok: bool) -> str:
        return "met" if ok else "missed"

    n, _, _, st, read, load = rows[-1]
    total = max(rates.values()) if rates else float("nan")
    table = queries.get(n) or {}
    bound = {k: v[1] for k, v in table.items() if k in BOUND_QUERIES}
    listing = {k: v[1] for k, v in table.items() if k not in BOUND_QUERIES}
    out = [
        "",
        "## Against the targets (2 cores)",
        "",
        "| target | this run | |",
        "| --- | --- | --- |",
        f"| extraction ≥ 2,000 sentences/s in total | {total:,.0f} sentences/s | {mark(total >= 2000)} |",
        f"| store build of {n:,} sentences < 2 min | {st[0]:.0f} s | {mark(st[0] < 120)} |",
        f"| peak memory of that build < 1 GiB | {st[1]:,.0f} MiB | {mark(st[1] < 1024)} |",
        f"| build within 5× the floor | {st[0] / (read + load):.1f}× | {mark(st[0] <= 5 * (read + load))} |",
    ]
    for name, ms in sorted(bound.items()):
        out.append(f"| `{name}` (bound) < 100 ms median | {ms:,.1f} ms | {mark(ms < 100)} |")
    for name, ms in sorted(listing.items()):
        out.append(f"| `{name}` (whole graph) < 100 ms median | {ms:,.1f} ms | {mark(ms < 100)} |")
    return out


if __name__ == "__main__":
    main()
