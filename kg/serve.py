"""Serve a graph read-only as a SPARQL 1.1 endpoint on 127.0.0.1, with Oxigraph's server.

A store folder is served as it is; a graph file is first loaded into a temporary store. The
server answers from the union of the graphs (`--union-default-graph`), so every document's
triples are visible without a GRAPH clause, and its query page is at the server's root. The
rendered page of the graph is written beside the store (a store's folder, or the temporary folder
of a graph file). Ctrl-C (or SIGTERM) stops the server and removes the temporary folder.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import FrameType

import pyoxigraph as ox
import requests
import typer

from kg.errors import KgError, first_line
from kg.graph.io import load_graph
from kg.graph.store import is_store, open_store, store_graph

HOST = "127.0.0.1"
# seconds to wait for the server to answer once started, and to stop once asked
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0
PAGE_NAME = "graph.html"
LOG_NAME = "oxigraph.log"


def oxigraph_binary() -> str:
    """Return the `oxigraph` server command (beside this Python, or on PATH), or fail with one line."""
    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if found is None:
        raise KgError("the Oxigraph server is not installed: pip install 'therapy-kg[server]'")
    return found


def wait_until_up(url: str, proc: subprocess.Popen[bytes], timeout_s: float = START_TIMEOUT_S) -> bool:
    """Wait until a server answers a query at its URL; False if it exits or takes too long."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            requests.get(url, params={"query": "ASK {}"}, timeout=2)
            return proc.poll() is None
        except requests.RequestException:
            time.sleep(0.1)
    return False


def _stop(signum: int, frame: FrameType | None) -> None:
    """Turn SIGTERM into the same clean stop as Ctrl-C."""
    raise KeyboardInterrupt


def _prepare(graph: Path | None, store: Path | None, tmp: Path, page: bool) -> tuple[Path, Path | None]:
    """Return the store folder to serve (loading a graph file into one) and the page written."""
    from kg.render.page import write_page

    if (graph is None) == (store is None):
        raise KgError("give a GRAPH file or --store DIR")
    folder = store if store is not None else graph
    if folder is not None and is_store(folder):
        opened = open_store(folder)  # undoes an interrupted batch before serving
        g = store_graph(opened) if page else None
        del opened  # released before the server opens the folder
        out = folder / PAGE_NAME
    else:
        g = load_graph(graph or Path())
        folder, out = tmp / "store", tmp / PAGE_NAME
        target = ox.Store(str(folder))
        target.bulk_load(input=g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        target.flush()
        del target
    if g is None:
        return folder, None
    return folder, write_page(g, out, title=f"therapy-kg: {(graph or store or out).stem}")


def _check_port(port: int) -> None:
    """Fail with one line when something already listens on the port."""
    with socket.socket() as s:
        try:
            s.bind((HOST, port))
        except OSError as exc:
            raise KgError(f"cannot serve on {HOST}:{port}: {exc.strerror or exc}") from None


def _log_line(log: Path) -> str:
    """Return the first line the server wrote, for an error message."""
    return first_line(Exception(log.read_text(encoding="utf-8", errors="replace")))


def _start(folder: Path, port: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start the read-only server over a store folder; return it and its query URL."""
    _check_port(port)
    cmd = [oxigraph_binary(), "serve-read-only", "--location", str(folder)]
    cmd += ["--bind", f"{HOST}:{port}", "--union-default-graph"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://{HOST}:{port}/query"
    if not wait_until_up(url, proc):
        _terminate(proc)
        raise KgError(f"the Oxigraph server did not start on {HOST}:{port}: {_log_line(log)}")
    return proc, url


def _terminate(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server: terminate, then kill if it lingers."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def serve_graph(graph: Path | None, store: Path | None, port: int, page: bool = True) -> None:
    """Serve a graph file or store read-only on 127.0.0.1 until Ctrl-C, printing its URLs."""
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        with tempfile.TemporaryDirectory(prefix="kg-serve-") as tmp:
            folder, html = _prepare(graph, store, Path(tmp), page)
            proc, url = _start(folder, port, Path(tmp) / LOG_NAME)
            try:
                typer.echo(f"SPARQL endpoint: {url}")
                typer.echo(f"query page:      http://{HOST}:{port}/")
                if html is not None:
                    typer.echo(f"graph page:      {html.resolve().as_uri()}")
                if html is not None and html.is_relative_to(tmp):
                    typer.echo("                 (a temporary copy, removed when the server stops;")
                    typer.echo(f"                 kg render {graph} -o PAGE.html writes one to keep)")
                typer.echo("Ctrl-C stops the server.")
                sys.stdout.flush()
                code = proc.wait()
                log = Path(tmp) / LOG_NAME
                raise KgError(f"the Oxigraph server stopped by itself (exit code {code}): {_log_line(log)}")
            except KeyboardInterrupt:
                typer.echo("stopped", err=True)
            finally:
                _terminate(proc)
    finally:
        signal.signal(signal.SIGTERM, previous)
