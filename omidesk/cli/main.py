"""The parser and the dispatch: `omidesk` with a command runs that command's module; without
one, the app (omidesk/entry.py starts the app itself when there are no arguments at all, so
this parser is only built for a command, --help, --self-test or --sandbox)."""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from types import ModuleType
from typing import Any, NoReturn

from .. import __version__
from ..core.errors import BusyError, OmiError
from ..core.text import Text
from .arguments import LANG, add_common_args
from .interrupt import INTERRUPTED, STOPPED_EXIT
from .output import guarded_output
from .parse_errors import error_prefix, lang_in, translate
from .usage import EXIT_BUSY, UsageError, env_lang, error_line, help_text, set_help_lang

Run = Callable[[argparse.Namespace, str], int]

# Each command's module adds its parser and runs it, in the order `omidesk --help` lists
# them (omidesk/entry.py's COMMANDS: a test keeps the two equal). A command imports only its
# own module: `omidesk mailing` does not load the others (nor build their parsers).
COMMAND_MODULES = {"options": "options", "probe": "probe", "send": "send",
                   "mailing": "mailing", "domain-check": "domain_check", "sandbox": "sandbox"}


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f".{COMMAND_MODULES[name]}", __package__)


_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_PIECES = re.compile(_WIDE.pattern + r"|[^\s\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
                     r"\uff00-\uffef]+|\s+")
_NO_LINE_START = set("，。、；：？！）」』》〉")


class _Formatter(argparse.HelpFormatter):
    """argparse's own words in --help ("usage: ", the sections' colon) in the language of
    the help, and 繁中 wrapped by its width on the screen (a Chinese character takes two
    columns, and a line may break between any two of them)."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup],
                  prefix: str | None = None) -> None:
        if prefix is None:
            prefix = help_text(Text("usage: ", "用法："))
        super().add_usage(usage, actions, groups, prefix)

    def format_help(self) -> str:
        text = super().format_help()
        return re.sub(r"(?m)^(\S[^\n]*" + _WIDE.pattern + r"):$", r"\1：", text)

    def _split_lines(self, text: str, width: int) -> list[str]:
        if not _WIDE.search(text):
            return super()._split_lines(text, width)
        return _wrap_wide(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not _WIDE.search(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line
                         for line in _wrap_wide(" ".join(text.split()), width - len(indent)))


def _wrap_wide(text: str, width: int) -> list[str]:
    """Greedy lines of at most `width` columns; a line never starts with ，。 and the like."""
    lines: list[str] = []
    line, used = "", 0
    for piece in _PIECES.findall(text):
        if piece.isspace():
            if line and used < width:
                line, used = line + " ", used + 1
            continue
        size = sum(2 if _WIDE.match(ch) else 1 for ch in piece)
        if used + size > width and line.strip() and piece not in _NO_LINE_START:
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + piece, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


class _Parser(argparse.ArgumentParser):
    """argparse's own errors and help in the language of the output (--lang, else the
    locale)."""

    lang = "en"  # set by main() from the command line before it is parsed

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = help_text(Text("positional arguments", "位置參數"))
        self._optionals.title = help_text(Text("options", "選項"))
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = help_text(Text("show this help message and exit",
                                             "顯示這份說明後結束"))

    def error(self, message: str) -> NoReturn:
        lang = _Parser.lang
        self.exit(2, f"{self.prog}: {error_prefix(lang)}{translate(message, lang)}\n")


def build_parser(only: str | None = None, lang: str = "en") -> argparse.ArgumentParser:
    """The whole parser, or (`only`) the top level with that one command; its help in
    `lang` (main() passes the language of the messages)."""
    set_help_lang(lang)
    parser = _Parser(prog="omidesk", description=help_text(Text(
        "OMIDesk — desktop client for the OMICard / NewerMail SMTP relay (沛盛資訊). "
        "Without a command, opens the app.",
        "OMIDesk — OMICard／NewerMail SMTP 轉發伺服器（沛盛資訊）的桌面用戶端。"
        "不指定指令時開啟應用程式。")))
    parser.add_argument("--version", action="version", version=f"OMIDesk {__version__}",
                        help=help_text(Text("show the version and exit", "顯示版本後結束")))
    parser.add_argument("--lang", choices=("zh_TW", "en"), default=None, help=help_text(LANG))
    parser.add_argument("--self-test", action="store_true", help=help_text(Text(
        "check the installed app end to end, offscreen, and exit 0 or 1",
        "在背景完整檢查已安裝的應用程式，結束代碼為 0 或 1")))
    parser.add_argument("--sandbox", action="store_true", help=help_text(Text(
        "open the app on the built-in sandbox relay (a local test server: try everything "
        "without a real account)",
        "以內建的沙盒轉發伺服器開啟應用程式（本機的測試伺服器：不需要真正的帳號就能試用所有功能）")))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES if only is None else (only,):
        module = command_module(name)
        command = module.add_parser(sub)
        add_common_args(command)
        run: Run = module.run
        command.set_defaults(run=run)
    return parser


def commands(parser: argparse.ArgumentParser) -> list[str]:
    """The parser's command names, in order."""
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


def main(argv: Sequence[str] | None = None) -> int:
    """The command's exit code; Ctrl+C outside a command's own stoppable run (while the
    parser loads, a list is read, cli/interrupt.py's runs settle) is no traceback either;
    nor is a closed standard output (cli/output.py: the command goes on, unread)."""
    with guarded_output():
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
    parser = build_parser(only=first[0] if first and first[0] in COMMAND_MODULES else None,
                          lang=_Parser.lang)
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

            return run_app(sandbox=args.sandbox, lang=lang)
        command: Run = args.run
        return command(args, lang)
    except UsageError as exc:
        print(f"{prog}: {error_prefix(lang)}{exc.message(lang)}", file=sys.stderr)
        return 2
    except OmiError as exc:
        print(error_line(prog, exc, lang), file=sys.stderr)
        return EXIT_BUSY if isinstance(exc, BusyError) else 1
