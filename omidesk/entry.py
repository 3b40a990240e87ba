"""The `omidesk` command (and the packaged app): without arguments the app starts at once;
the command-line parser, its commands and the rest of core load only for a command.
`omidesk FILE.eml` opens the app on that message, or hands it to the OMIDesk already running:
an argument that is not a command or an option but an existing file is a file to open
(command names win over a file of the same name in the current folder)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

# The parser's commands (omidesk/cli/main.py; a test keeps the two equal), known here without it.
COMMANDS = ("options", "probe", "send", "mailing", "domain-check", "sandbox")


def files_to_open(args: Sequence[str]) -> list[str] | None:
    """The files when every argument is an existing file (and the first is no command)."""
    if not args or args[0] in COMMANDS or args[0].startswith("-"):
        return None
    if all(Path(arg).is_file() for arg in args):
        return list(args)
    return None


def command_of(args: Sequence[str]) -> str | None:
    """The command named by `args` (options such as --lang may come first), or None."""
    return next((arg for arg in args if arg in COMMANDS), None)


class Terminated(KeyboardInterrupt):
    """SIGTERM as Ctrl+C: every `except KeyboardInterrupt` handles it. Not KeyboardInterrupt
    itself, because CPython's `python -m` runner remembers a KeyboardInterrupt (that exact
    type) that once left an exec() of source text — a dataclass being made while a module is
    imported — even when the program caught it, and then ends the process by SIGINT instead
    of with the exit code the command returned (rc -2 after the summary line and exit 1)."""


def sigterm_as_interrupt() -> None:
    """SIGTERM (a service manager, `kill`) is Ctrl+C from the first moment of a mailing: it
    ends with its summary line and exit 1, never as a silent death (rc 143) before the
    engine has set its own handler."""
    import signal

    def interrupt(_number: int, _frame: object) -> None:
        raise Terminated

    try:
        signal.signal(signal.SIGTERM, interrupt)
    except (ValueError, OSError):  # not the main thread (an embedding caller)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    files = files_to_open(args)
    if not args or files is not None:
        from .ui.lean import pause_collection

        pause_collection()  # from the first import of the app on (run_app resumes it)
        from .app import run_app

        return run_app(files=files or ())
    if command_of(args) == "mailing":
        sigterm_as_interrupt()  # before the parser and the core are even imported
    from .cli import main as cli_main

    return cli_main(args)
