"""What every command says the same way: a bad argument (UsageError, exit 2), an OmiError
after the flag it came from (exit 1), the language of messages, the note for a sent log that
cannot be written, checked number flags, the path flags' type; and the type of the signal
handlers that the long-running commands (mailing, sandbox) replace and put back."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import OmiError
from ..core.text import Text, normalize_lang
from ..core.text import env_lang as env_lang  # the CLI's name for it (cli/main, arguments)

if TYPE_CHECKING:
    import signal
    from types import FrameType
    from typing import Any, TypeAlias

    # what signal.signal returns and takes back
    SignalHandler: TypeAlias = (Callable[[int, FrameType | None], Any] | int | signal.Handlers
                                | None)

# Which command-line flag a core field came from, to name it in an error.
FIELD_FLAGS = {
    "from": "--from", "from_name": "--from-name", "to": "--to", "cc": "--cc", "bcc": "--bcc",
    "reply_to": "--reply-to", "subject": "--subject", "attachments": "--attach",
    "headers": "--header", "options": "--option", "body": "--html-file/--text-file",
    "mode": "--mode", "recipients": "--list", "sheet": "--sheet",
    "attach_column": "--attach-column", "journal": "--journal", "host": "--host",
    "backup_host": "--backup-host", "ehlo": "--ehlo", "cafile": "--cafile",
    "mail_from": "--mail-from", "rcpt_to": "--rcpt-to", "out": "--out", "export": "--export",
    "report": "--report", "sent_log": "--sent-log", "encoding": "--encoding",
}

EXIT_BUSY = 3  # another OMIDesk sender holds the journal: nothing was done

MB = Text("MB", "MB")
SECONDS = Text("seconds", "秒")
MESSAGE_FILE = Text("the message file", "郵件檔")


class UsageError(Exception):
    """A bad argument: exit 2 with one line that names it (in the language of --lang when
    the message is a Text)."""

    def __init__(self, argument: str, message: str | Text) -> None:
        self.argument = argument
        self.text = message if isinstance(message, Text) else Text(message, message)
        super().__init__(f"argument {argument}: {self.text.en}")

    def message(self, lang: str) -> str:
        if normalize_lang(lang) == "zh_TW":
            return f"參數 {self.argument}：{self.text.zh}"
        return f"argument {self.argument}: {self.text.en}"


_HELP_LANG = ["en"]  # the language --help is built in: cli/main.py's build_parser sets it


def set_help_lang(lang: str) -> None:
    _HELP_LANG[0] = normalize_lang(lang)


def help_text(text: Text) -> str:
    """An argument's help, a command's description: declared in both languages where the
    argument is, given to argparse in the language of the command's messages (--lang, else
    the locale), in which cli/main.py builds the parser before anything else."""
    return text.get(_HELP_LANG[0])


def windows_path_text(value: str) -> Text:
    """What a path flag says of a Windows PC's path (C:\\…, \\\\server\\share\\…) given on
    macOS or Linux: the truth, not "moved or deleted?" (QA4 #13)."""
    from ..core.untrusted import shown_filename
    from ..core.windows_paths import ON_A_WINDOWS_PC

    shown = shown_filename(value)
    return Text(f"“{shown}” {ON_A_WINDOWS_PC.en}: copy the file to this computer (or open the "
                "shared folder here) and give its path on this computer",
                f"「{shown}」{ON_A_WINDOWS_PC.zh}：請把檔案複製到這台電腦（或在這台電腦上開啟"
                "共用資料夾），再指定它在這台電腦上的路徑")


def path_type(*, new: bool = False) -> Callable[[str], Path]:
    """The type of every path flag: the list column's path rule (core.windows_paths), so
    `sub\\b.html` pasted from a Windows colleague's notes is sub/b.html here and `C:\\…` is
    said to be a Windows PC's path (exit 2). `new`: the flag names a file to be made."""
    from ..core.windows_paths import local_path

    def path(value: str) -> Path:
        found = local_path(value, new=new)
        if found is None:
            raise argparse.ArgumentTypeError(windows_path_text(value).get(_HELP_LANG[0]))
        return found
    path.__name__ = "Path"  # what argparse calls the type in its own errors (parse_errors)
    return path


def number_arg(value: float, flag: str, *, low: float, high: float, unit: Text,
               low_allowed: bool = False) -> float:
    """A number flag checked before use: finite (no nan, no inf) and within its range, else
    a UsageError that says the range. low_allowed: `low` itself is accepted (0 seconds)."""
    if not math.isfinite(value) or value > high or value < low or \
            (value == low and not low_allowed):
        floor = Text(f"at least {_shown(low)}", f"至少 {_shown(low)}") if low_allowed else \
            Text(f"more than {_shown(low)}", f"大於 {_shown(low)}")
        zh_unit = unit.zh + (" " if unit.zh.isascii() else "")
        raise UsageError(flag, Text(
            f"must be a number {floor.en} and at most {_shown(high)} {unit.en}, not "
            f"“{value:g}”",
            f"必須是{floor.zh}、最多 {_shown(high)} {zh_unit}的數字，而不是「{value:g}」"))
    return value


def _shown(number: float) -> str:
    return f"{int(number):,}" if float(number).is_integer() else f"{number:g}"


def error_line(prog: str, exc: OmiError, lang: str) -> str:
    """`omidesk mailing: --journal: …`: the message, after the flag it came from."""
    flag = getattr(exc, "flag", None) or FIELD_FLAGS.get(exc.field or "", "")
    return f"{prog}: {flag + ': ' if flag else ''}{exc.message(lang)}"


def option_text(exc: OmiError) -> Text:
    """A core EmailOption error as the command line says it: with where to look the table up
    (the Options tab words its own place; the core error names only the table)."""
    from ..core.errors import OptionError

    if isinstance(exc, OptionError) and exc.group:
        return Text(f"{exc.text.en} See: omidesk options list --group {exc.group}",
                    f"{exc.text.zh}請執行 omidesk options list --group {exc.group} 查看。")
    return exc.text


def sent_log_note(exc: BaseException, lang: str) -> str:
    """A sent log that cannot be opened or written is said, not fatal: the message went out
    (the core's words, the app's status bar says the same)."""
    from ..core.outbox import log_error_note

    return log_error_note(exc).get(lang)
