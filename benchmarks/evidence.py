"""Time the evidence summaries of a store: a store build of N sentences (which ends by summarising
every therapy it touched), then every summary of that store rebuilt from its findings, streamed out
of Oxigraph's SPARQL engine (no rdflib graph); writes the `evidence` section of BENCHMARKS.md.

    python benchmarks/evidence.py --sizes 100000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus
from run import KG, machine, run_measured
from sections import replace_section

from kg.evidence.refresh import refresh_store
from kg.evidence.weights import read_weights
from kg.graph.store import open_store

COUNTS = """PREFIX tkg: <https://w3id.org/therapy-kg/ontology#>
SELECT (COUNT(?f) AS ?n) WHERE { ?f a tkg:Finding ; tkg:outcome ?o }"""


def summarise_once(folder: Path) -> None:
    """Rebuild every summary of a store and print the seconds, findings and summaries as JSON."""
    store = open_store(folder)
    start = time.perf_counter()
    summaries = refresh_store(store, read_weights(), None)
    seconds = time.perf_counter() - start
    findings = int(next(iter(store.query(COUNTS)))["n"].value)  # type: ignore[union-attr,index]
    print(json.dumps({"seconds": seconds, "findings": findings, "summaries": summaries}))


def measure(
    n: int, tmp: Path, jobs: int
) -> tuple[tuple[float, float], tuple[float, float], dict[str, float]]:
    """Build a store of n sentences and rebuild its summaries; return both timings and the counts."""
    folder = tmp / f"corpus-{n}"
    write_corpus(n, folder)
    store = tmp / f"store-{n}"
    build = run_measured([*KG, "build", str(folder), "--store", str(store), "-q", "--jobs", str(jobs)])
    cmd = [sys.executable, __file__, "--summarise", str(store)]
    summarise = run_measured(cmd)
    counts = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    return build, summarise, counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    ap.add_argument("--summarise", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.summarise is not None:
        summarise_once(a.summarise)
        return
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-evidence-"))
    lines = [
        "## Evidence summaries",
        "",
        f"Machine: {machine()}. Command: `python benchmarks/evidence.py --sizes "
        + " ".join(str(n) for n in a.sizes)
        + f"` (builds use `--jobs {a.jobs}`).",
        "The store build ends by summarising every therapy it touched; *summarise* is a separate command",
        "that rebuilds every summary of the built store (deletes them, streams the findings' rows out of",
        "Oxigraph's SPARQL engine, summarises, bulk-loads the summaries): wall time of the whole process",
        "(including opening the store) and its peak memory, and, in brackets, the summarising alone as timed",
        "inside a second run of the same command.",
        "",
        "| sentences | findings with an outcome | summaries | store build | peak memory | summarise | peak memory |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    try:
        for n in a.sizes:
            build, summarise, counts = measure(n, tmp, a.jobs)
            lines.append(
                f"| {n:,} | {int(counts['findings']):,} | {int(counts['summaries']):,} | {build[0]:.1f} s "
                f"| {build[1]:,.0f} MiB | {summarise[0]:.1f} s ({counts['seconds']:.1f} s) | {summarise[1]:,.0f} MiB |"
            )
            print(lines[-1], flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    replace_section(a.out, "evidence", lines)


if __name__ == "__main__":
    main()
