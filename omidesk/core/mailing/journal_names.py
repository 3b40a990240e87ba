"""Where the app keeps a mailing's journal: one file per mailing in the data folder's mailings
folder, named after the mailing's fingerprint (message + list + mode). The same message sent
again to the same list (a monthly notice) is a new mailing with a journal of its own, next to
the earlier one, which is kept: <prefix>.sqlite, then <prefix>-2.sqlite, <prefix>-3.sqlite…
The latest is the one Start goes on with (a second mailing killed halfway resumes from it)."""

from __future__ import annotations

import os
import re
from os import PathLike
from pathlib import Path

PREFIX = 16  # characters of the fingerprint in the file's name


def _prefix(fingerprint: str) -> str:
    return fingerprint[:PREFIX]


def generations(folder: str | PathLike[str], fingerprint: str) -> list[tuple[int, Path]]:
    """This mailing's journals in `folder`, oldest first, each with its number (1, 2, …)."""
    pattern = re.compile(re.escape(_prefix(fingerprint)) + r"(?:-([0-9]{1,6}))?\.sqlite")
    found: list[tuple[int, Path]] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        match = pattern.fullmatch(name)
        if match is not None:
            number = int(match.group(1)) if match.group(1) else 1
            if number >= 1:
                found.append((number, Path(folder) / name))
    return sorted(found)


def journal_file(folder: str | PathLike[str], fingerprint: str) -> Path:
    """The journal Start goes on with: the latest of this mailing's, or where the first one
    goes (not created here)."""
    found = generations(folder, fingerprint)
    return found[-1][1] if found else _named(folder, fingerprint, 1)


def new_journal_file(folder: str | PathLike[str], fingerprint: str) -> Path:
    """The next journal of this mailing: a new, empty file (created exclusively, so no
    journal that exists is ever overwritten; SQLite takes an empty file as a new database),
    numbered after the latest."""
    found = generations(folder, fingerprint)
    number = found[-1][0] + 1 if found else 1
    while True:
        path = _named(folder, fingerprint, number)
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            number += 1  # another window made this one a moment ago
            continue
        return path


def _named(folder: str | PathLike[str], fingerprint: str, number: int) -> Path:
    suffix = "" if number == 1 else f"-{number}"
    return Path(folder) / f"{_prefix(fingerprint)}{suffix}.sqlite"


__all__ = ["generations", "journal_file", "new_journal_file"]
