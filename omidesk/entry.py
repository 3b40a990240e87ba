"""The `omidesk` command (and the packaged app): without arguments the app starts at once;
the command-line parser, its commands and the rest of core load only for a command."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        from .app import run_app

        return run_app()
    from .cli import main as cli_main

    return cli_main(args)
