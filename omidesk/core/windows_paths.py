"""Paths people type or paste, read as this computer's paths: one rule for a list's attachment
column (row_files) and every path flag of the command line (--attach, --list, --html-file,
--out, --journal …), since both are written from the same Windows colleague's notes (QA4 #13).

On Windows a path is what pathlib makes of it: `sub\\b.html`, `C:\\Users\\…`,
`\\\\server\\share\\…` and `sub/b.html` are all native there, so nothing is changed. On
macOS and Linux a backslash is a letter of a file name, not a separator: a relative name with
backslashes that does not exist as written is looked for with / instead (`合約\\王小明.pdf` →
`合約/王小明.pdf`), and a drive or network path (`C:\\…`, `C:/…`, `\\\\server\\share\\…`)
that does not exist here is a path on a Windows PC, which this computer cannot open: the
caller says so, never "moved or deleted?"."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

from .text import Text

ON_WINDOWS = os.name == "nt"
_WINDOWS_ONLY = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\)")  # C:\… C:/… or \\server\share

# What the callers say about such a path, after its name.
ON_A_WINDOWS_PC = Text("is a path on a Windows PC, which this computer cannot open",
                       "是 Windows 電腦上的路徑，這台電腦無法開啟")


def windows_only(name: str) -> bool:
    """Whether `name` is a drive path (C:\\…, C:/…) or a network share (\\\\server\\share\\…):
    absolute on Windows, a file name no other system has."""
    return bool(_WINDOWS_ONLY.match(name))


def pure_local_path(name: str, folder: PurePath | None = None, *, windows: bool,
                    exists: Callable[[PurePath], bool], new: bool = False) -> PurePath | None:
    """`name` as a path of a Windows (`windows`) or a POSIX computer: relative to `folder`
    (None: as given, i.e. to the current directory) unless absolute there. None: a Windows
    PC's path on a computer that is not one. `new`: the path names a file to be made, so the
    / form is taken when its folder exists (`out\\a.eml` → out/a.eml). Pure (the file system
    is `exists`), so that both kinds of computer can be tested on one."""
    flavour: type[PurePath] = PureWindowsPath if windows else PurePosixPath
    given = flavour(name)
    path = given if folder is None or given.is_absolute() else flavour(folder) / given
    if windows or exists(path):
        return path
    if windows_only(name):
        return None
    if "\\" in name:  # made on Windows: its separators
        mine = flavour(name.replace("\\", "/"))
        other = mine if folder is None or mine.is_absolute() else flavour(folder) / mine
        if exists(other) or (new and other.parent != path.parent and exists(other.parent)):
            return other
    return path


def local_path(name: str, folder: Path | None = None, *, new: bool = False) -> Path | None:
    """pure_local_path on this computer; a leading ~ is the user's home (as typed in Excel
    or quoted in a shell). None: a path on a Windows PC that this computer cannot open (say
    ON_A_WINDOWS_PC)."""
    if name.startswith("~"):
        name = os.path.expanduser(name)
    found = pure_local_path(name, folder, windows=ON_WINDOWS, new=new,
                            exists=lambda path: os.path.lexists(path))
    return None if found is None else Path(found)


__all__ = ["ON_A_WINDOWS_PC", "ON_WINDOWS", "local_path", "pure_local_path", "windows_only"]
