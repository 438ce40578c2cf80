"""Start and stop a real Oxigraph SPARQL server on 127.0.0.1 at a free port, for tests."""

from __future__ import annotations

import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from kg.serve import oxigraph_binary, wait_until_up


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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
        if not wait_until_up(self.url, self.proc):
            raise RuntimeError(f"the Oxigraph server did not start at {self.url}")
        return self

    def kill(self) -> None:
        """Kill the server at once (as a crash would) and wait for it to be gone."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
        self.proc = None
