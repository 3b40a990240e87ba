"""Attachment names as the recipient gets them: one line, without the characters Windows
refuses in a file name or the bidi controls that make a name read in another order than it is
(QA4 #9), each distinct without case (QA3 #11); and what to tell the user, where the file is
shown, about a name that reads in another order. The message builder (message.py), the drafts
(drafts.py), the .eml reader (eml.py), the mailing plan and the attachment list all name files
this way."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .errors import ValidationError
from .headers import clean_header_text
from .untrusted import direction_marks, shown_filename, without_direction
from .text import Text

if TYPE_CHECKING:
    from .message import Attachment


_UNSAFE_IN_FILENAMES = re.compile(r'[\\/:*?"<>|]')


def clean_filename(name: str) -> str:
    """The attachment name as sent: one line, and the characters Windows refuses in a file
    name (\\ / : * ? " < > |) as "_", since the recipient will save it there. A bidi control
    (U+202E …) is left out: "\u202efdp.exe" goes as "fdp.exe", its real order, never as
    what the recipient's mail program would show as "exe.pdf" from the user's own address
    (name_warning says so before the send)."""
    text = clean_header_text(name, field="attachments",
                             label=Text("Attachment file name", "附件檔名"))
    return _UNSAFE_IN_FILENAMES.sub("_", without_direction(text)).strip()


def name_warning(name: str) -> Text | None:
    """What to say, where the file is shown, about a name holding bidi controls: it reads
    in another order than it is (an .exe shown as a .pdf), and goes under its real name."""
    marks = direction_marks(name)
    if not marks:
        return None
    try:
        sent = clean_filename(name)
    except ValidationError:
        sent = without_direction(name)
    codes = [f"U+{ord(m):04X}" for m in marks]
    shown, real = shown_filename(name), shown_filename(sent)
    return Text(
        f"“{shown}” holds a hidden character that changes the direction of the text "
        f"({', '.join(codes)}): shown as it is, its name reads in another order — an .exe "
        f"can look like a .pdf. Its real name is “{real}”, and it is sent under that name: "
        "check that it is the file you mean to send.",
        f"「{shown}」的檔名含有改變文字方向的隱藏字元（{'、'.join(codes)}）：直接顯示時，"
        f"檔名會以另一種順序呈現，例如把 .exe 顯示成 .pdf。它真正的名稱是「{real}」，"
        "發送時也使用這個名稱：請確認這就是您要發送的檔案。")


def name_warnings(attachments: Iterable[Attachment]) -> list[Text]:
    """name_warning for each attachment whose name needs one."""
    return [w for w in (name_warning(a.name) for a in attachments) if w is not None]


def sent_names(attachments: Iterable[Attachment]) -> list[str]:
    """The names the recipient sees, in order: each cleaned (clean_filename), and a name
    already taken — compared without case, as Windows and macOS compare file names — gets
    " (2)", " (3)" … before its extension, so two files called 同名.txt arrive as 同名.txt
    and 同名 (2).txt, never as two the recipient cannot tell apart or saves one over the other
    (QA3 #11). A name that cannot be cleaned stays as it is (the check says why)."""
    taken: set[str] = set()
    names: list[str] = []
    for att in attachments:
        try:
            name = clean_filename(att.name)
        except ValidationError:
            name = att.name
        stem, ext = os.path.splitext(name)
        unique, number = name, 2
        while unique.casefold() in taken:
            unique, number = f"{stem} ({number}){ext}", number + 1
        taken.add(unique.casefold())
        names.append(unique)
    return names


__all__ = ["clean_filename", "name_warning", "name_warnings", "sent_names"]
