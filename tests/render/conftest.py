"""Drive Debian's Chromium with Playwright for the page tests (never a downloaded browser)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from page_driver import READY_MS, OpenPage
from rdflib import Graph

from kg.pipeline import Extractor, build
from kg.readers.text import read_file
from kg.render.chromium import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
from kg.render.page import write_page
from kg.resources import EXAMPLE_TEXT


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Start headless Chromium once for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Return a function that opens an HTML file and waits until the graph is drawn and still."""
    contexts: list[Any] = []

    def _open(path: Path) -> OpenPage:
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        opened = OpenPage(page)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: opened.requests.append(r.url))

        def _route(route: Any) -> None:
            url = route.request.url
            # nothing may leave the machine: any request that is not the file itself is refused
            if url.startswith(("file:", "data:")):
                route.continue_()
            else:
                route.abort()

        context.route("**/*", _route)
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("body[data-state=ready]", timeout=READY_MS)
        return opened

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def example_graph(extractor: Extractor) -> Graph:
    """The bundled example built into a graph (the page users meet first)."""
    return build([read_file(EXAMPLE_TEXT)], extractor)


@pytest.fixture(scope="session")
def example_page(example_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example's page."""
    return write_page(example_graph, tmp_path_factory.mktemp("page") / "example.html", title="example")
