"""Keep BENCHMARKS.md sections written by separate benchmark scripts between named markers."""

from __future__ import annotations

import re
from pathlib import Path

MARK = "<!-- section:{name} {edge} -->"


def _block(name: str, lines: list[str]) -> str:
    """Return one marked section."""
    return "\n".join([MARK.format(name=name, edge="start"), *lines, MARK.format(name=name, edge="end")])


def _pattern(name: str) -> re.Pattern[str]:
    """Return the pattern of one marked section."""
    start, end = (re.escape(MARK.format(name=name, edge=e)) for e in ("start", "end"))
    return re.compile(f"{start}.*?{end}", re.S)


def replace_section(path: Path, name: str, lines: list[str]) -> None:
    """Write a named section into the file, replacing its previous version or appending it."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = _block(name, lines)
    pattern = _pattern(name)
    text = (
        pattern.sub(lambda _: block, text)
        if pattern.search(text)
        else text.rstrip("\n") + "\n\n" + block + "\n"
    )
    path.write_text(text, encoding="utf-8")


def marked_sections(path: Path) -> str:
    """Return every marked section of the file (to be kept when the main report is rewritten)."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    blocks = re.finditer(r"<!-- section:(\S+) start -->.*?<!-- section:\1 end -->", text, re.S)
    return "\n\n".join(m.group(0) for m in blocks)
