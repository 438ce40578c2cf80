"""Time the first page (100 rows) of every named query case on one store, with the code of the
checkout it runs from, for before/after pairs on the same store.

    cd OTHER_CHECKOUT && PYTHONPATH=. python /path/to/benchmarks/first_pages.py STORE --label before
    python benchmarks/first_pages.py STORE --label after            # alternate the two, several rounds
    python benchmarks/first_pages.py --report runs.jsonl             # medians of the rounds' medians

Each case (benchmarks/queries.py: every named query unbound, and bound to its busiest label) runs
once, not counted, then `--runs` times; one JSON line per case with the median, the range, the load
average and where `kg` was imported from (the checkout timed).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def time_pages(store_dir: str, label: str, runs: int) -> None:
    """Print one JSON line per case: the first page's median, min and max milliseconds."""
    import queries as bench

    import kg
    from kg.graph.paging import Page, run_page
    from kg.graph.store import open_store, query_store

    store = open_store(store_dir)

    def run(text: str, values: dict[str, str], choices: object) -> object:
        return query_store(store, text, values, True, choices)  # type: ignore[arg-type]

    for q, binds in bench.cases(bench.busiest(store)):
        run_page(run, q, binds, Page(bench.PAGE))  # type: ignore[arg-type]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            run_page(run, q, binds, Page(bench.PAGE))  # type: ignore[arg-type]
            times.append((time.perf_counter() - start) * 1000)
        row = {"code": label, "query": q.name, "bound": binds, "median": statistics.median(times)}
        row.update({"min": min(times), "max": max(times), "load": os.getloadavg()[0], "kg": kg.__file__})
        print(json.dumps(row), flush=True)


def report(path: Path) -> None:
    """Print, per case and label, each round's median and the median of them."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    rounds: dict[tuple[str, str, str], list[float]] = collections.defaultdict(list)
    for r in rows:
        rounds[(r["query"], json.dumps(r["bound"]), r["code"])].append(r["median"])
    loads = [r["load"] for r in rows]
    print(f"load average {min(loads):.1f}-{max(loads):.1f}, {len(rows)} lines")
    for (query, bound, code), medians in sorted(rounds.items()):
        each = " ".join(f"{m:.1f}" for m in medians)
        print(f"{query} {bound} {code}: median {statistics.median(medians):.1f} ms ({each})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store", nargs="?")
    ap.add_argument("--label", default="this")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--report", type=Path)
    a = ap.parse_args()
    if a.report:
        report(a.report)
    elif a.store:
        time_pages(a.store, a.label, a.runs)
    else:
        ap.error("give a store, or --report FILE")


if __name__ == "__main__":
    main()
