"""Launch settings for headless Debian Chromium, shared by the browser tests and benchmark."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
# the flags keep Chromium from reaching out to Google's services on a closed network
CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
VIEWPORT: dict[str, int] = {"width": 1400, "height": 900}
