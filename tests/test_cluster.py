"""kg build --cluster: extraction on a Dask LocalCluster of two worker processes gives the same
graph as a one-process build, into a store, a file or a SPARQL server; each worker loads the
extractor once; an unreachable scheduler is one error line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib.compare import isomorphic
from servers import OxigraphServer, free_port

import kg.cluster
from kg.cli import main
from kg.graph.endpoint import Endpoint
from kg.graph.io import load_graph
from kg.graph.remote import duplicates, endpoint_graph
from kg.graph.store import open_store, store_graph

distributed = pytest.importorskip("distributed")

DOCS = [
    "Metformin reduced HbA1c in patients with type 2 diabetes (Smith et al. 2019).",
    "Aspirin did not reduce mortality in patients with heart failure [4].",
    "Intrathecal baclofen (ITB) reduced spasticity in children with cerebral palsy. ITB improved gait.",
    "Botulinum toxin may reduce spasticity after stroke (Lee et al. 2020).",
    "Exercise improved fatigue and quality of life in adults with multiple sclerosis.",
    "Statins lowered LDL cholesterol but did not change mortality in a randomised trial.",
]


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A Dask LocalCluster of two single-threaded worker processes on 127.0.0.1."""
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as local:
        yield local.scheduler_address


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of six documents."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, text in enumerate(DOCS):
        (folder / f"d{i}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_cluster_build_equals_one_process_build(cluster: str, corpus: Path, tmp_path: Path) -> None:
    assert main(["build", str(corpus), "--store", str(tmp_path / "local"), "-j", "1", "-q"]) == 0
    assert main(["build", str(corpus), "--store", str(tmp_path / "dask"), "--cluster", cluster, "-q"]) == 0
    local = store_graph(open_store(tmp_path / "local"))
    assert len(local) > 100
    assert isomorphic(store_graph(open_store(tmp_path / "dask")), local)
    assert main(["build", str(corpus), "-o", str(tmp_path / "dask.ttl"), "--cluster", cluster, "-q"]) == 0
    assert isomorphic(load_graph(tmp_path / "dask.ttl"), local)


@pytest.mark.slow
def test_each_worker_loads_the_extractor_once(cluster: str, corpus: Path, tmp_path: Path) -> None:
    before = calls(cluster)
    for run in range(2):
        out = tmp_path / f"{run}.nt"
        assert main(["build", str(corpus), "-o", str(out), "--cluster", cluster, "-q"]) == 0
    after = calls(cluster)
    assert sum(n for n, _ in after.values()) - sum(n for n, _ in before.values()) == 2 * len(DOCS)
    assert all(loads == 1 for n, loads in after.values() if n)  # loaded once, then reused


def calls(address: str) -> dict[str, tuple[int, int]]:
    """Return, for each worker, how many jobs asked for its extractor and how many times it loaded."""
    with distributed.Client(address) as client:
        infos = client.run(lambda: kg.cluster.worker_extractor.cache_info())
    return {w: (i.hits + i.misses, i.misses) for w, i in infos.items()}


@pytest.mark.slow
def test_cluster_build_into_a_server(
    cluster: str, corpus: Path, tmp_path: Path, oxigraph_server: OxigraphServer
) -> None:
    url = oxigraph_server.url
    assert main(["build", str(corpus), "--store", str(tmp_path / "local"), "-j", "1", "-q"]) == 0
    for _ in range(2):  # the rebuild replaces every document
        assert main(["build", str(corpus), "--endpoint", url, "--cluster", cluster, "-q"]) == 0
    ep = Endpoint(url)
    assert isomorphic(endpoint_graph(ep), store_graph(open_store(tmp_path / "local")))
    assert duplicates(ep)[1] == 0


def test_unreachable_scheduler_is_one_error_line(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(kg.cluster, "CONNECT_TIMEOUT_S", 1)
    address = f"tcp://127.0.0.1:{free_port()}"
    assert main(["build", str(corpus), "-o", str(tmp_path / "g.ttl"), "--cluster", address, "-q"]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"kg: error: cannot reach the Dask scheduler at {address}")
    assert not (tmp_path / "g.ttl").exists()
