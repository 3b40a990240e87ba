"""`omidesk`'s commands for IT and scripts, on the same core as the app.

- main: the parser and the dispatch (`omidesk.cli:main`);
- usage: usage errors, error lines, the language of messages;
- arguments: the shared connection, message, password and --lang arguments;
- one module per command: options, probe, send, mailing, domain_check, sandbox.

Commands import nothing from one another, and nothing here imports main but this file (no
import circle). The rest of core loads where a command uses it."""

from __future__ import annotations

from .arguments import MAX_SIZE_MB
from .main import build_parser, commands, main

__all__ = ["main", "build_parser", "commands", "MAX_SIZE_MB"]
