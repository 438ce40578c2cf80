"""Turn what a command did into an exit code and, for an error or Ctrl-C, one line on stderr."""

from __future__ import annotations

from typing import Any

import click
import typer

from kg.errors import KgError
from kg.streaming import err

# typer carries its own copy of click from 0.2x on: catch its exceptions and those of click
CLICK_ERRORS: tuple[type[Exception], ...] = (
    click.ClickException,
    *([typer.TyperException] if hasattr(typer, "TyperException") else []),
)


def run(command: Any, args: list[str]) -> int:
    """Run a click command (click's or typer's own copy of click) and return the exit code: bad
    input gives one line on stderr and a non-zero exit, Ctrl-C one line and 130, no traceback."""
    try:
        # the context is made and invoked here: typer's main would turn Ctrl-C into a silent exit
        with command.make_context("kg", args) as ctx:
            rv = command.invoke(ctx)
    except KgError as exc:
        err.print(f"kg: error: {exc}", markup=False, highlight=False)
        return exc.exit_code
    except (click.exceptions.Exit, typer.Exit) as exc:
        return int(exc.exit_code)
    except (click.exceptions.Abort, typer.Abort):
        err.print("kg: interrupted", markup=False)
        return 130
    except CLICK_ERRORS as exc:  # a usage error: click's usage line and message
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            err.print(f"kg: error: {exc}", markup=False, highlight=False)
        return int(getattr(exc, "exit_code", 2))
    except KeyboardInterrupt as exc:  # Ctrl-C: one line, saying what a build wrote in full
        detail = f": {exc}" if str(exc) else ""
        err.print(f"kg: interrupted{detail}", markup=False, highlight=False)
        return 130
    except Exception as exc:  # the last guard: one line, never a traceback
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        err.print(f"kg: internal error: {type(exc).__name__}: {msg}", markup=False, highlight=False)
        return 2
    return rv if isinstance(rv, int) else 0
