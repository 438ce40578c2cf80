"""Open pages in Debian's Chromium with Playwright and record what they log and request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
