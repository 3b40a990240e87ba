"""Untrusted text made safe to show: what a server, a DNS record, a file's name or a list's cell
says is shown with its control and bidi characters as visible escapes, so nothing it carries acts
on a terminal, a report, a log or the UI. The standard library only: the SMTP transcript, the
domain check, file names and the UI all use it without loading the SMTP package."""

from __future__ import annotations

import os
import re

# What a server's words must never carry raw into a terminal, a report, a log or the UI: C0
# controls but tab and newline (ESC starts colour codes, screen clears and OSC title or link
# sequences), DEL, C1 (0x9b is an 8-bit CSI), the line and paragraph separators, and the bidi
# controls (U+202E shows "gpj.exe" as "exe.jpg").
DIRECTION = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # the bidi controls (a class body)
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{DIRECTION}]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in "\t\n":
        return "\\t" if char == "\t" else "\\n"
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_UNSAFE_IN_LINE = re.compile(f"[\t\n]|{_UNSAFE.pattern}")


def neutralise(text: str, *, one_line: bool = False) -> str:
    """`text` with every control and bidi character shown as a visible escape (\\x1b,
    \\u202e): what the server sent stays readable, and nothing it sent acts. one_line: tab
    and newline too (\\t, \\n), for text that must stay on its line (a value read from a
    file, a DNS record)."""
    return (_UNSAFE_IN_LINE if one_line else _UNSAFE).sub(_escape, text)


def shown_filename(name: str | os.PathLike[str]) -> str:
    """A file's name or path as people see it (Compose's list and its tooltips, the mailing
    preview and confirmation, a note, the CLI): neutralise, on one line. A name is untrusted
    text as a server's reply is: an .eml's attachment, a draft, a file on disk may be named
    "\\u202efdp.exe", which a screen shows as "exe.pdf" (QA4 #9)."""
    return neutralise(os.fspath(name), one_line=True)


_DIRECTION = re.compile(f"[{DIRECTION}]")


def direction_marks(text: str) -> list[str]:
    """The bidi controls in `text`, each once, in order (none: [])."""
    return list(dict.fromkeys(_DIRECTION.findall(text)))


def without_direction(text: str) -> str:
    """`text` without its bidi controls: a file name as sent (attachment_names.clean_filename),
    so the recipient's mail program shows it in its real order."""
    return _DIRECTION.sub("", text)
