"""Start and stop a real Oxigraph SPARQL server on 127.0.0.1 at a free port, for tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

# seconds to wait for a server to answer after it is started
START_TIMEOUT_S = 30.0


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def oxigraph_binary() -> str:
    """Return the path of the `oxigraph` command installed with the test dependencies."""
    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if found is None:
        raise RuntimeError("the oxigraph server is not installed (pip install -e '.[test]')")
    return found


def wait_until_up(url: str, proc: subprocess.Popen[bytes]) -> None:
    """Wait until a server answers a query at its URL (fail if it exits or takes too long)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            requests.get(url, params={"query": "ASK {}"}, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.1)
    raise RuntimeError(f"no answer from {url} after {START_TIMEOUT_S} s")


@dataclass
class OxigraphServer:
    """An `oxigraph serve --union-default-graph` process over a folder, which can be killed and
    started again over the same data."""

    location: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The query URL."""
        return f"http://127.0.0.1:{self.port}/query"

    def start(self) -> OxigraphServer:
        """Start the server and wait until it answers."""
        cmd = [oxigraph_binary(), "serve", "--location", str(self.location)]
        cmd += ["--bind", f"127.0.0.1:{self.port}", "--union-default-graph"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(self.url, self.proc)
        return self

    def kill(self) -> None:
        """Kill the server at once (as a crash would) and wait for it to be gone."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
        self.proc = None
