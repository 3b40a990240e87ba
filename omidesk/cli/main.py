"""The parser and the dispatch: `omidesk` with a command runs that command's module; without
one, the app (omidesk/entry.py starts the app itself when there are no arguments at all, so
this parser is only built for a command, --help, --self-test or --sandbox)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import NoReturn

from .. import __version__
from ..core.errors import BusyError, OmiError
from ..core.text import Text
from .interrupt import INTERRUPTED, STOPPED_EXIT
from .parse_errors import error_prefix, lang_in, translate
from .usage import EXIT_BUSY, UsageError, env_lang, error_line

Run = Callable[[argparse.Namespace, str], int]

# Each command's module adds its parser and runs it, in the order `omidesk --help` lists
# them (omidesk/entry.py's COMMANDS: a test keeps the two equal). A command imports only its
# own module: `omidesk mailing` does not load the others (nor build their parsers).
COMMAND_MODULES = {"options": "options", "probe": "probe", "send": "send",
                   "mailing": "mailing", "domain-check": "domain_check", "sandbox": "sandbox"}


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f".{COMMAND_MODULES[name]}", __package__)


class _Parser(argparse.ArgumentParser):
    """argparse's own errors in the language of the output (--lang, else the locale)."""

    lang = "en"  # set by main() from the command line before it is parsed

    def error(self, message: str) -> NoReturn:
        lang = _Parser.lang
        self.exit(2, f"{self.prog}: {error_prefix(lang)}{translate(message, lang)}\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (`only`) the top level with that one command."""
    parser = _Parser(prog="omidesk", description=(
        "OMIDesk — desktop client for the OMICard / NewerMail SMTP relay (沛盛資訊). "
        "Without a command, opens the app."))
    parser.add_argument("--version", action="version", version=f"OMIDesk {__version__}")
    parser.add_argument("--lang", choices=("zh_TW", "en"), default=None,
                        help="language of messages (default: from the system locale)")
    parser.add_argument("--self-test", action="store_true",
                        help="check the installed app end to end, offscreen, and exit 0 or 1")
    parser.add_argument("--sandbox", action="store_true",
                        help="open the app on the built-in sandbox relay (a local test server: "
                        "try everything without a real account)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES if only is None else (only,):
        module = command_module(name)
        command = module.add_parser(sub)
        run: Run = module.run
        command.set_defaults(run=run)
    return parser


def commands(parser: argparse.ArgumentParser) -> list[str]:
    """The parser's command names, in order."""
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


def main(argv: Sequence[str] | None = None) -> int:
    """The command's exit code; Ctrl+C outside a command's own stoppable run (while the
    parser loads, a list is read, cli/interrupt.py's runs settle) is no traceback either."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print(f"omidesk: {INTERRUPTED.get(_Parser.lang)}", file=sys.stderr)
        return STOPPED_EXIT


def _main(argv: Sequence[str] | None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a Big5 console must not kill a transcript
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    given = list(sys.argv[1:] if argv is None else argv)
    _Parser.lang = lang_in(given) or env_lang()
    first = given[2:3] if given[:1] == ["--lang"] else given[1:2] \
        if given[:1] and given[0].startswith("--lang=") else given[:1]
    parser = build_parser(only=first[0] if first and first[0] in COMMAND_MODULES else None)
    if first and not first[0].startswith("-") and first[0] not in commands(parser):
        # omidesk/entry.py opens an existing file; anything else here is a typo or a file
        # that is not there (not argparse's "invalid choice" list)
        names = commands(parser)
        print(f"omidesk: {error_prefix(_Parser.lang)}" + Text(
            f"“{first[0]}” is neither a command ({', '.join(names)}) nor an existing file to "
            "open", f"「{first[0]}」既不是指令（{'、'.join(names)}），也不是可開啟的現有檔案"
        ).get(_Parser.lang), file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    lang = args.lang or env_lang()
    prog = f"omidesk {args.command}" if args.command else "omidesk"
    try:
        if args.command is None and args.self_test:
            from ..selftest import run_self_test

            return run_self_test()
        if args.command is None:
            from ..app import run_app

            return run_app(sandbox=args.sandbox)
        command: Run = args.run
        return command(args, lang)
    except UsageError as exc:
        print(f"{prog}: {error_prefix(lang)}{exc.message(lang)}", file=sys.stderr)
        return 2
    except OmiError as exc:
        print(error_line(prog, exc, lang), file=sys.stderr)
        return EXIT_BUSY if isinstance(exc, BusyError) else 1
