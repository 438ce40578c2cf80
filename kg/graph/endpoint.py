"""Talk to a SPARQL 1.1 server over the standard protocol: queries, updates, retries, credentials.

A request that meets a refused connection, a time-out or a 5xx answer is sent again after an
exponential back-off, a bounded number of times; then it fails with one line naming the server
(its URL without any user part) and what went wrong, never the credentials. Credentials come from
the environment (`KG_SPARQL_USER`, `KG_SPARQL_PASSWORD`) and go out as HTTP basic auth.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import requests

from kg.errors import KgError

USER_ENV = "KG_SPARQL_USER"
PASSWORD_ENV = "KG_SPARQL_PASSWORD"
# attempts per request, and the first pause between them (doubled after each failure)
ATTEMPTS = 5
BACKOFF_S = 0.5
# seconds to connect, and to wait for an answer (a large batch takes a while to commit)
TIMEOUT_S = (10.0, 300.0)
RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
QUERY_ACCEPT = f"{RESULTS_JSON}, {N_TRIPLES};q=0.9"
# longest piece of a server's error text shown
MAX_REASON = 200


def redact(url: str) -> str:
    """Return a URL without any user name or password in it, for messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def update_url_for(query_url: str) -> str:
    """Return the update URL of a server from its query URL: a last 'query' segment becomes 'update'
    (Oxigraph's /query and /update, Fuseki's /ds/query and /ds/update); otherwise the same URL."""
    parts = urlsplit(query_url)
    head, sep, last = parts.path.rpartition("/")
    if last == "query":
        return urlunsplit(parts._replace(path=f"{head}{sep}update"))
    return query_url


def _auth() -> tuple[str, str] | None:
    """Return the HTTP basic credentials given in the environment, if any."""
    user = os.environ.get(USER_ENV)
    return (user, os.environ.get(PASSWORD_ENV, "")) if user else None


def _reason(exc: requests.RequestException) -> str:
    """Return a short cause for a failed request, with no URL or credentials in it."""
    if isinstance(exc, requests.Timeout):
        return "timed out"
    text = str(exc).lower()
    if "refused" in text:
        return "connection refused"
    if "reset" in text or "aborted" in text or "remotedisconnected" in text:
        return "connection lost"
    return "cannot connect"


def _server_text(resp: requests.Response) -> str:
    """Return the first line of a server's error answer, cut short."""
    lines = [line.strip() for line in resp.text.splitlines() if line.strip()]
    return lines[0][:MAX_REASON] if lines else resp.reason or ""


@dataclass
class Endpoint:
    """A SPARQL server: its query and update URLs, with one HTTP session and a count of retries."""

    query_url: str
    update_url: str = ""
    attempts: int = 0  # 0: ATTEMPTS
    backoff_s: float = 0.0  # 0: BACKOFF_S
    retries: int = 0
    session: requests.Session = field(default_factory=requests.Session, repr=False)

    def __post_init__(self) -> None:
        if urlsplit(self.query_url).scheme not in ("http", "https"):
            raise KgError(f"the endpoint must be an http(s) URL, not {redact(self.query_url)!r}")
        self.update_url = self.update_url or update_url_for(self.query_url)
        self.attempts = self.attempts or ATTEMPTS
        self.backoff_s = self.backoff_s or BACKOFF_S
        self.session.auth = _auth()

    def check(self) -> None:
        """Fail early, after the same retries, when the server does not answer a trivial query."""
        self.query("ASK {}")

    def query(self, sparql: str) -> requests.Response:
        """Send a query (SELECT/ASK answer as JSON results, CONSTRUCT/DESCRIBE as N-Triples)."""
        headers = {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": QUERY_ACCEPT}
        return self._post(self.query_url, sparql, headers)

    def update(self, sparql: str) -> None:
        """Send an update request (a server runs one request as one transaction)."""
        headers = {"Content-Type": "application/sparql-update; charset=utf-8"}
        self._post(self.update_url, sparql, headers)

    def _post(self, url: str, body: str, headers: dict[str, str]) -> requests.Response:
        """POST a body, retrying connection failures, time-outs and 5xx answers with back-off."""
        data = body.encode("utf-8")
        pause = self.backoff_s
        for attempt in range(1, self.attempts + 1):
            try:
                resp = self.session.post(url, data=data, headers=headers, timeout=TIMEOUT_S)
            except requests.RequestException as exc:
                reason = _reason(exc)
            else:
                if resp.status_code < 400:
                    return resp
                if resp.status_code in (401, 403):
                    raise KgError(
                        f"SPARQL server {redact(url)} refused the credentials (HTTP {resp.status_code}; "
                        f"set {USER_ENV} and {PASSWORD_ENV})"
                    )
                if resp.status_code < 500:
                    raise KgError(
                        f"SPARQL server {redact(url)} rejected the request "
                        f"(HTTP {resp.status_code}): {_server_text(resp)}"
                    )
                reason = f"HTTP {resp.status_code}"
            if attempt < self.attempts:
                self.retries += 1
                time.sleep(pause)
                pause *= 2
        raise KgError(f"SPARQL server {redact(url)} failed after {self.attempts} attempts: {reason}")
