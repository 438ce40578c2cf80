"""Measure builds into a real Oxigraph server from a Dask cluster of 1 and 2 workers.

Generates a corpus (benchmarks/corpus.py), starts `oxigraph serve` on 127.0.0.1 at a free port
and a Dask LocalCluster, times `kg build CORPUS --endpoint URL --cluster ADDRESS` (documents per
second into the server, retries seen), rebuilds and counts duplicates, then appends a section to
BENCHMARKS.md (its own marked section; the rest of the file is left as it is). Run `python benchmarks/cluster.py [N]` with
N sentences (default 2,000).
"""

from __future__ import annotations

import contextlib
import io
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from corpus import write_corpus
from distributed import LocalCluster
from sections import replace_section

from kg.cli import main as kg_main
from kg.graph.endpoint import Endpoint
from kg.graph.remote import duplicates
from kg.serve import oxigraph_binary, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "BENCHMARKS.md"
SENTENCES = 2_000
WORKERS = (1, 2)


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build(corpus: Path, url: str, address: str) -> tuple[float, int, int]:
    """Run one build into the server; return its seconds, documents and retries (from its summary)."""
    err = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stderr(err):
        code = kg_main(["build", str(corpus), "--endpoint", url, "--cluster", address])
    elapsed = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"build failed: {err.getvalue().strip()}")
    summary = err.getvalue().strip().splitlines()[-1]  # "N document(s), ..., Q quads, R retries -> URL"
    docs = int(summary.split()[0])
    retries = int(summary.split(" retries")[0].rsplit(" ", 1)[-1])
    return elapsed, docs, retries


def measure(corpus: Path, workers: int, tmp: Path) -> dict[str, float]:
    """Build into a fresh server with a cluster of `workers` processes, then rebuild."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/query"
    cmd = [oxigraph_binary(), "serve", "--location", str(tmp / f"server{workers}")]
    server = subprocess.Popen([*cmd, "--bind", f"127.0.0.1:{port}", "--union-default-graph"])
    try:
        if not wait_until_up(url, server):
            raise SystemExit("the Oxigraph server did not start")
        with LocalCluster(
            n_workers=workers, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        ) as cluster:
            build(corpus, url, cluster.scheduler_address)  # warm-up: each worker loads the extractor
            seconds, docs, retries = build(corpus, url, cluster.scheduler_address)
            quads, dupes = duplicates(Endpoint(url))
    finally:
        server.terminate()
        server.wait()
    return {
        "seconds": seconds,
        "docs": docs,
        "rate": docs / seconds,
        "retries": retries,
        "quads": quads,
        "duplicates": dupes,
    }


def report(results: dict[int, dict[str, float]], sentences: int) -> str:
    """Return the Markdown section of the results."""
    lines = [
        "",
        f"## Builds into an Oxigraph server from a Dask cluster ({date.today().isoformat()})",
        "",
        f"`python benchmarks/cluster.py {sentences}`: {sentences:,} sentences in "
        f"{int(results[WORKERS[0]]['docs']):,} documents, `kg build --endpoint --cluster` into `oxigraph serve` "
        "on 127.0.0.1 from a Dask LocalCluster of single-threaded worker processes on this host. "
        "Each figure is a rebuild over the data of a first build (every document replaced), after "
        "the workers loaded the extractor.",
        "",
        "| Dask workers | seconds | documents/s into the server | retries | quads after the rebuild | duplicates |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for w, r in results.items():
        lines.append(
            f"| {w} | {r['seconds']:.1f} | {r['rate']:.1f} | {int(r['retries'])} | {int(r['quads']):,} | {int(r['duplicates'])} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    """Run the measurements and write the cluster section of BENCHMARKS.md."""
    sentences = int(sys.argv[1]) if len(sys.argv) > 1 else SENTENCES
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(sentences, corpus)
        results = {w: measure(corpus, w, Path(tmp)) for w in WORKERS}
    section = report(results, sentences)
    replace_section(REPORT, "cluster", section.strip("\n").split("\n"))
    print(section)


if __name__ == "__main__":
    main()
