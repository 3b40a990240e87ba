"""Per-recipient attachments: a column of the list names each row's files ("報價.pdf",
"合約/王小明.pdf; 附錄.pdf", or an absolute path), resolved relative to the list's folder by
the command line's own path rule (windows_paths): a list made on Windows (`合約\\王小明.pdf`)
reads the same on macOS and Linux, and a Windows drive path (`C:\\Users\\…`) that cannot exist
here says so.

Every file is checked when the list is read, before anything is sent: a row whose file is
missing, a folder, a symbolic link, unreadable, or named with characters a mail client cannot
save is marked invalid with the reason (the rest go). A system pseudo-file (/proc, /sys, /dev:
/proc/self/environ holds the process's environment, a password given by --password-env with
it), or one whose size is not what it reads (a pseudo-file elsewhere), is never attached.
Each distinct file is read once: its size and SHA-256 are what the journal records and what a
resumed mailing checks again, so a recipient gets the bytes the mailing started with."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ValidationError
from .files import file_problem
from .text import Text
from .windows_paths import ON_A_WINDOWS_PC, local_path

_SEPARATORS = re.compile(r"[;；\r\n]+")
_CHUNK = 1024 * 1024
_SYSTEM = ("/proc", "/sys", "/dev")  # the system's pseudo-file systems (Linux, macOS /dev)


@dataclass(frozen=True)
class RowFile:
    """One file a row sends: where it is (absolute), the name the recipient sees, its size and
    SHA-256 when the list was read."""

    path: Path
    name: str
    size: int
    sha256: str

    def record(self) -> dict[str, object]:
        """What the journal keeps about it."""
        return {"path": str(self.path), "name": self.name, "size": self.size,
                "sha256": self.sha256}


def split_cell(cell: str) -> list[str]:
    """The file names in a cell: separated by ; (or ；, or a line break in the cell)."""
    return [part.strip().strip('"').strip() for part in _SEPARATORS.split(cell or "")
            if part.strip().strip('"').strip()]


def digest(path: Path, *, follow_symlinks: bool = False) -> tuple[int, str]:
    """(size, SHA-256) of the file, read in chunks without following a link (unless asked:
    a shared attachment is sent as its link's target)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | \
        (0 if follow_symlinks else getattr(os, "O_NOFOLLOW", 0))
    fd = os.open(path, flags)
    sha, size = hashlib.sha256(), 0
    with os.fdopen(fd, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return size, sha.hexdigest()


def _system_file(path: Path) -> bool:
    """Whether the file is in one of the system's pseudo-file systems (by its real path)."""
    if os.name == "nt":
        return False
    real = os.path.realpath(path)
    return any(real == top or real.startswith(top + "/") for top in _SYSTEM)


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return -1


class FileChecker:
    """Checks the files rows name, each distinct file once (a list of 500 rows sharing one
    brochure hashes it once). `folder`: the list's folder; `column`: for the messages."""

    def __init__(self, folder: Path, column: str) -> None:
        self.folder = Path(folder)
        self.column = column
        self._seen: dict[Path, RowFile | Text] = {}

    def check(self, cell: str) -> tuple[tuple[RowFile, ...], Text | None]:
        """The row's files (each once, though named twice), or the reason it cannot be sent
        (the first bad file)."""
        files: list[RowFile] = []
        for name in split_cell(cell):
            found = self._check_one(name)
            if isinstance(found, Text):
                return (), found
            if found not in files:
                files.append(found)
        return tuple(files), None

    def _check_one(self, name: str) -> RowFile | Text:
        path = local_path(name, self.folder)  # relative to the list, never to the cwd
        if path is None:
            return self._windows_path(name)
        key = Path(os.path.abspath(path))
        if key not in self._seen:
            self._seen[key] = self._examine(name, key)
        return self._seen[key]

    def _windows_path(self, name: str) -> Text:
        col = self.column
        return Text(f"Attachment “{name}” (column “{col}”) {ON_A_WINDOWS_PC.en}: put the file "
                    "in the list's folder (or a folder beside it) and name it relative to the "
                    "list, e.g. “報價單\\a.pdf”.",
                    f"附件「{name}」（「{col}」欄）{ON_A_WINDOWS_PC.zh}："
                    "請把檔案放在名單所在的資料夾（或其子資料夾），並以相對於名單的路徑填寫，"
                    "例如「報價單\\a.pdf」。")

    def _system(self, name: str, path: Path) -> Text:
        col = self.column
        return Text(f"Attachment “{name}” (column “{col}”) is a system file, not a document "
                    f"({path}): it is never attached (such files can hold passwords and keys).",
                    f"附件「{name}」（「{col}」欄）是系統檔案，不是文件（{path}）："
                    "絕不會附加（這類檔案可能含有密碼或金鑰）。")

    def _examine(self, name: str, path: Path) -> RowFile | Text:
        col = self.column
        problem = file_problem(path, follow_symlinks=False)
        if problem is not None:
            return Text(f"Attachment “{name}” (column “{col}”): {problem.en}.",
                        f"附件「{name}」（「{col}」欄）：{problem.zh}。")
        if _system_file(path):
            return self._system(name, path)
        try:
            size, sha = digest(path)
        except OSError as exc:
            why = exc.strerror or type(exc).__name__
            return Text(f"Attachment “{name}” (column “{col}”) cannot be read ({why}): {path}.",
                        f"無法讀取附件「{name}」（「{col}」欄）（{why}）：{path}。")
        if size != _size(path):  # a pseudo-file: its size says 0 (or another) and it reads more
            return self._system(name, path)
        from .attachment_names import clean_filename

        try:
            shown = clean_filename(path.name)
        except ValidationError as exc:
            return Text(f"Attachment “{name}” (column “{col}”): {exc.text.en}",
                        f"附件「{name}」（「{col}」欄）：{exc.text.zh}")
        return RowFile(path=path, name=shown, size=size, sha256=sha)


__all__ = ["RowFile", "FileChecker", "split_cell", "digest"]
