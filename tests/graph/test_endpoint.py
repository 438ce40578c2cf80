"""The SPARQL protocol client: update URLs, credentials from the environment and never shown,
retries with back-off on 5xx answers and refused connections, one line for a rejected request."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from servers import free_port

from kg.errors import KgError
from kg.graph.endpoint import PASSWORD_ENV, USER_ENV, Endpoint, redact, update_url_for

SECRET = "s3cret-Pa55"


class Stub(BaseHTTPRequestHandler):
    """Answer each POST with the next status of the server's script, recording what came."""

    def do_POST(self) -> None:
        """Record the request and answer with the next scripted status."""
        server = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        server.seen.append((self.path, self.headers.get("Authorization"), body))  # type: ignore[attr-defined]
        status = server.script.pop(0) if server.script else 204  # type: ignore[attr-defined]
        payload = b"Parse error: unexpected token\nat line 1" if status == 400 else b""
        self.send_response(status)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def stub() -> Iterator[ThreadingHTTPServer]:
    """A scripted HTTP server on 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    server.seen = []  # type: ignore[attr-defined]
    server.script = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def url_of(server: ThreadingHTTPServer) -> str:
    """Return the stub's query URL."""
    return f"http://127.0.0.1:{server.server_address[1]}/ds/query"


def test_update_url_replaces_a_last_query_segment() -> None:
    assert update_url_for("http://h:7878/query") == "http://h:7878/update"
    assert update_url_for("http://h/fuseki/ds/query?x=1") == "http://h/fuseki/ds/update?x=1"
    assert update_url_for("http://h/sparql") == "http://h/sparql"


def test_redact_drops_user_and_password() -> None:
    assert redact(f"http://bob:{SECRET}@h:8080/q") == "http://h:8080/q"


def test_not_an_http_url() -> None:
    with pytest.raises(KgError, match="http"):
        Endpoint("ftp://h/query")


def test_credentials_go_as_basic_auth(stub: ThreadingHTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(USER_ENV, "bob")
    monkeypatch.setenv(PASSWORD_ENV, SECRET)
    Endpoint(url_of(stub)).update("CLEAR DEFAULT")
    path, auth, body = stub.seen[0]  # type: ignore[attr-defined]
    assert path == "/ds/update"
    assert auth == "Basic " + base64.b64encode(f"bob:{SECRET}".encode()).decode()
    assert body == b"CLEAR DEFAULT"


@pytest.mark.parametrize("status", [401, 403])
def test_refused_credentials_are_not_shown(
    stub: ThreadingHTTPServer, monkeypatch: pytest.MonkeyPatch, status: int
) -> None:
    monkeypatch.setenv(USER_ENV, "bob")
    monkeypatch.setenv(PASSWORD_ENV, SECRET)
    stub.script.append(status)  # type: ignore[attr-defined]
    with pytest.raises(KgError) as info:
        Endpoint(url_of(stub).replace("http://", f"http://bob:{SECRET}@")).update("CLEAR DEFAULT")
    assert str(status) in str(info.value) and USER_ENV in str(info.value)
    assert SECRET not in str(info.value)
    assert len(stub.seen) == 1  # type: ignore[attr-defined]  # no retry of a refusal


def test_server_errors_are_retried(stub: ThreadingHTTPServer) -> None:
    stub.script.extend([503, 500])  # type: ignore[attr-defined]
    ep = Endpoint(url_of(stub), backoff_s=0.01)
    ep.update("CLEAR DEFAULT")
    assert ep.retries == 2
    assert len(stub.seen) == 3  # type: ignore[attr-defined]


def test_retries_are_bounded(stub: ThreadingHTTPServer) -> None:
    stub.script.extend([502] * 10)  # type: ignore[attr-defined]
    ep = Endpoint(url_of(stub), attempts=3, backoff_s=0.01)
    with pytest.raises(KgError, match=r"failed after 3 attempts: HTTP 502"):
        ep.update("CLEAR DEFAULT")
    assert len(stub.seen) == 3  # type: ignore[attr-defined]


def test_rejected_request_gives_the_servers_first_line(stub: ThreadingHTTPServer) -> None:
    stub.script.append(400)  # type: ignore[attr-defined]
    with pytest.raises(KgError) as info:
        Endpoint(url_of(stub)).query("SELECT")
    assert str(info.value).endswith("(HTTP 400): Parse error: unexpected token")


def test_refused_connection_is_retried_then_one_line() -> None:
    ep = Endpoint(f"http://127.0.0.1:{free_port()}/query", attempts=3, backoff_s=0.01)
    with pytest.raises(KgError) as info:
        ep.query("ASK {}")
    assert ep.retries == 2
    assert "failed after 3 attempts: connection refused" in str(info.value)
    assert "\n" not in str(info.value)
