"""Open pages in Debian's Chromium with Playwright and record what they log and request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CHROMIUM = "/usr/bin/chromium"
# the flags keep Chromium from reaching out to Google's services on this closed network
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}
READY_MS = 120_000


@dataclass
class OpenPage:
    """A page opened in the browser, with what it logged and every request it tried to make."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: object = None) -> Any:
        """Return the value of a JavaScript expression (or function, called with arg) in the page."""
        return self.page.evaluate(expression, arg)
