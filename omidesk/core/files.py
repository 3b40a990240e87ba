"""Files that hold people's names, addresses and messages: journals, the sent log, the log
file, settings, drafts, reports, exports, written messages and extracted attachments.

- Private: created readable by their owner only (POSIX 0600, folders 0700; on Windows the
  user's profile folder already is). `private_file` prepares a file that another library then
  writes (SQLite keeps the database's mode for its -wal/-shm; logging, QSettings keep the
  mode of the file they find); `private_writer` writes one itself.
- Whole or not at all: `private_writer` writes into a temporary file beside the target,
  syncs it, then renames it over the target, so a full disk or a crash leaves the old file
  (or none), never a half or a 0-byte one.
- Errors say what happened at the place it happened (`storage_error`): a full disk says
  where to free space and how much is left.
- `file_problem` / `read_regular_file`: what is not a plain file (a folder, a device, a FIFO,
  a symbolic link where none is accepted) is refused with its reason, and never read (a FIFO
  would block forever).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterator
from os import PathLike
from pathlib import Path
from typing import IO, Any

from .errors import StorageError
from .text import Text, size_text

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
_POSIX = os.name == "posix"
_DISK_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})

StrPath = str | PathLike[str]


# -- private folders and files ---------------------------------------------------------------


def private_folder(path: StrPath, *, tighten: bool = True) -> Path:
    """`path` as a folder, every level created here made 0700. tighten: an existing folder
    is made 0700 too (OMIDesk's own folders); False for a folder the user chose."""
    folder = Path(path)
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for level in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(level, PRIVATE_DIR_MODE)  # the umask can only take bits away
    if tighten and not missing and _POSIX:
        _chmod(folder, PRIVATE_DIR_MODE)
    return folder


def private_file(path: StrPath) -> Path:
    """Make sure `path` exists and only its owner can read it: created empty (0600) when
    missing, else narrowed to 0600. Its folder must exist."""
    target = Path(path)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0),
                 PRIVATE_FILE_MODE)
    try:
        if _POSIX and stat.S_IMODE(os.fstat(fd).st_mode) & 0o077:
            with contextlib.suppress(OSError):  # not ours to change (another owner)
                os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)
    return target


def owner_only(path: StrPath) -> None:
    """Narrow an existing file to its owner (0600) by its name, never opening it: a database
    SQLite has open in this process must not have a second descriptor closed (database.py).
    Not ours to change (another owner), or gone: left as it is."""
    if not _POSIX:
        return
    with contextlib.suppress(OSError):
        if stat.S_IMODE(os.stat(path).st_mode) & 0o077:
            os.chmod(path, PRIVATE_FILE_MODE)


def _chmod(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):
        if stat.S_IMODE(path.stat().st_mode) != mode:
            os.chmod(path, mode)


@contextlib.contextmanager
def private_writer(path: StrPath, mode: str = "wb", *, what: Text, field: str | None = None,
                   encoding: str | None = None, newline: str | None = None,
                   ) -> Iterator[IO[Any]]:
    """Write `path` (mode "wb" or "w") privately and whole: a temporary file beside it (0600),
    synced, then renamed over it. On any error the temporary file is removed, the old file
    stays, and an OSError becomes a StorageError naming `what` (a Text: "the export") and
    `field`. A target that is a device or a FIFO (/dev/stdout) is written directly."""
    target = Path(path)
    if target.exists() and not target.is_file() and not target.is_dir():
        try:
            with open(target, mode, encoding=encoding, newline=newline) as handle:
                yield handle
        except OSError as exc:
            raise storage_error(exc, target, what=what, field=field) from None
        return
    import tempfile  # here: the app's first paint does not need it

    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                   dir=target.parent)  # 0600 by design
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise storage_error(exc, target, what=what, field=field) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    _sync_folder(target.parent)


def check_writable(path: StrPath, *, what: Text, field: str | None = None) -> None:
    """Whether private_writer can write `path`, asked before a long run whose result goes
    there (a probe's report): tried as it writes (a temporary file beside it, removed at
    once), with the StorageError a failed write would raise; nothing is left behind."""
    target = Path(path)
    if target.exists() and not target.is_file() and not target.is_dir():
        return  # a device or a FIFO (/dev/stdout): written directly
    if target.is_dir():
        raise storage_error(IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)),
                            target, what=what, field=field)
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                   dir=target.parent)
    except OSError as exc:
        raise storage_error(exc, target, what=what, field=field) from None
    os.close(fd)
    os.unlink(tmp)


def write_private(path: StrPath, data: bytes, *, what: Text, field: str | None = None) -> None:
    """`data` to `path`, privately and whole (see private_writer)."""
    with private_writer(path, "wb", what=what, field=field) as handle:
        handle.write(data)


def _sync_folder(folder: Path) -> None:
    """Make a rename itself durable (POSIX)."""
    if hasattr(os, "O_DIRECTORY"):
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


# -- what is a file ----------------------------------------------------------------------------


def file_problem(path: StrPath, *, follow_symlinks: bool = True) -> Text | None:
    """Why `path` cannot be read as a plain file, or None. follow_symlinks=False refuses a
    symbolic link itself (an attachment: the link could be pointed elsewhere later)."""
    return file_status(path, follow_symlinks=follow_symlinks)[1]


def file_status(path: StrPath, *, follow_symlinks: bool = True
                ) -> tuple[os.stat_result | None, Text | None]:
    """What file_problem says, with the plain file's stat when there is no problem: one look
    at the file gives both (its size without a second stat)."""
    target = Path(path)
    from .untrusted import shown_filename

    shown = shown_filename(target)  # a name is untrusted text: "\u202efdp.exe" (QA4 #9)
    try:
        info = os.lstat(target)
        if stat.S_ISLNK(info.st_mode):
            if not follow_symlinks:
                where = shown_filename(os.path.realpath(target))
                return None, Text(
                    f"“{shown}” is a symbolic link (to {where}); choose the file itself",
                    f"「{shown}」是符號連結（指向 {where}），請改選檔案本身")
            info = os.stat(target)
    except FileNotFoundError:
        return None, Text(f"“{shown}” does not exist (moved or deleted?)",
                          f"找不到「{shown}」（是否已被移動或刪除？）")
    except OSError as exc:
        return None, Text(f"“{shown}” cannot be read ({exc.strerror})",
                          f"無法讀取「{shown}」（{exc.strerror}）")
    kind = _kind(info.st_mode)
    if kind is None:
        return info, None
    return None, Text(f"“{shown}” is {kind.en}, not a file",
                      f"「{shown}」是{kind.zh}，不是檔案")


def _kind(mode: int) -> Text | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return Text("a folder", "資料夾")
    if stat.S_ISFIFO(mode):
        return Text("a pipe (FIFO)", "管線（FIFO）")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Text("a device", "裝置")
    if stat.S_ISSOCK(mode):
        return Text("a socket", "通訊端（socket）")
    return Text("not a regular file", "特殊檔案")


file_kind = _kind  # what a stat mode is, for messages ("a folder"); None for a plain file


class NotAFileError(OSError):
    """read_regular_file met something else than a plain file; `problem` says what."""

    def __init__(self, problem: Text) -> None:
        super().__init__(errno.EINVAL, problem.en)
        self.problem = problem


def open_regular_file(path: StrPath, *, follow_symlinks: bool = True) -> IO[bytes]:
    """A plain file opened for reading. Opened without blocking and without following a final
    symbolic link when follow_symlinks=False, then checked on the open file itself: a file
    swapped for a FIFO or a link after an earlier check is still refused (NotAFileError).
    The caller closes it (a `with` block); read in blocks, a large file never sits in memory
    whole."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) \
        | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError:
        # ELOOP: a link (O_NOFOLLOW); ENXIO: a socket; EACCES on Windows: a folder.
        problem = file_problem(path, follow_symlinks=follow_symlinks)
        if problem is not None and os.path.lexists(path):
            raise NotAFileError(problem) from None
        raise
    try:
        kind = _kind(os.fstat(fd).st_mode)  # before fdopen, which refuses a folder itself
    except BaseException:
        os.close(fd)
        raise
    if kind is not None:
        os.close(fd)
        raise NotAFileError(Text(f"“{path}” is {kind.en}, not a file",
                                 f"「{path}」是{kind.zh}，不是檔案"))
    handle = os.fdopen(fd, "rb")
    if not follow_symlinks and not hasattr(os, "O_NOFOLLOW") and os.path.islink(path):
        handle.close()
        raise NotAFileError(file_problem(path, follow_symlinks=False)
                            or Text("a symbolic link", "符號連結"))
    return handle


def read_regular_file(path: StrPath, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of a plain file (see open_regular_file)."""
    with open_regular_file(path, follow_symlinks=follow_symlinks) as handle:
        return handle.read()


# -- errors ------------------------------------------------------------------------------------


def free_space_text(path: StrPath) -> str:
    """"12.0 KB" free on the disk that holds `path` (or its nearest existing folder)."""
    import shutil

    probe = Path(path)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return size_text(shutil.disk_usage(probe).free)
    except OSError:
        return "?"


def _sqlite_reason(exc: BaseException) -> tuple[str, Text] | None:
    name = str(getattr(exc, "sqlite_errorname", ""))
    if name == "SQLITE_FULL":
        return "disk_full", Text("the disk is full", "磁碟已滿")
    if name.startswith("SQLITE_IOERR"):
        return "disk_full", Text("a write to the disk failed (is it full?)",
                                 "寫入磁碟失敗（磁碟是否已滿？）")
    if name.startswith("SQLITE_READONLY"):
        return "file_unwritable", Text("it can only be read (a read-only disk, or no "
                                       "permission to change it)",
                                       "只能讀取（唯讀的磁碟，或沒有修改的權限）")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):  # past database.BUSY_TIMEOUT
        return "file_busy", Text("another OMIDesk window or command kept it busy for too long "
                                 "(OMIDesk waited, then gave up)",
                                 "另一個 OMIDesk 視窗或指令占用它太久（OMIDesk 等候後仍無法寫入）")
    if name.startswith("SQLITE_CANTOPEN") or name == "SQLITE_PERM":
        return "file_unwritable", Text("it cannot be created or opened there (no permission, "
                                       "or the folder is missing)",
                                       "無法在該處建立或開啟（沒有權限，或資料夾不存在）")
    return None


def _os_reason(exc: OSError, target: Path | None = None) -> tuple[str, Text]:
    number = exc.errno
    if number in _DISK_FULL:
        return "disk_full", Text("the disk is full", "磁碟已滿")
    if number == errno.EFBIG:
        return "disk_full", Text("the file grew past the size the disk or the system allows",
                                 "檔案超過磁碟或系統允許的大小")
    if number == errno.EROFS:
        return "file_unwritable", Text("the disk is read-only", "磁碟是唯讀的")
    if number in (errno.EACCES, errno.EPERM):
        if sys.platform == "win32":  # Excel keeps the files it has open locked
            return "file_unwritable", Text(
                "no permission to write there, or the file is open in another program "
                "(Excel?)", "沒有寫入該處的權限，或檔案正由其他程式（例如 Excel）開啟中")
        return "file_unwritable", Text("no permission to write there", "沒有寫入該處的權限")
    if number == errno.EISDIR:
        return "file_unwritable", Text("it is a folder", "那是資料夾")
    if number in (errno.ENOENT, errno.ENOTDIR):
        return "file_unwritable", _missing_folder_reason(target)
    reason = exc.strerror or type(exc).__name__
    return "file_unwritable", Text(reason, reason)


def _missing_folder_reason(target: Path | None) -> Text:
    """Why the folder of `target` could not take a file: the nearest part of the path that
    exists is a file, not a folder (`--out a.txt/…`); or the folder exists, but no file can
    be made in it (/proc, a special file system); or it really does not exist."""
    folder = target.parent if target is not None else None
    probe = folder
    while probe is not None and not os.path.lexists(probe) and probe != probe.parent:
        probe = probe.parent
    if probe is not None and os.path.lexists(probe) and not probe.is_dir():
        return Text(f"“{probe}” is a file, not a folder", f"「{probe}」是檔案，不是資料夾")
    if folder is not None and probe == folder:
        return Text("files cannot be created in that folder", "無法在該資料夾中建立檔案")
    return Text("its folder does not exist", "所在的資料夾不存在")


def is_storage_failure(exc: BaseException) -> bool:
    """An sqlite3 error that is about the disk or the file (full, read-only, cannot open),
    not about the data."""
    return _sqlite_reason(exc) is not None


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def storage_error(exc: BaseException, path: StrPath, *, what: Text,
                  field: str | None = None) -> StorageError:
    """An OSError or an sqlite3 error writing `path` (`what`: Text("the export", "匯出檔")),
    as a StorageError: for a full disk, where to free space and how much is left."""
    target = Path(path)
    found = _sqlite_reason(exc)
    if found is None:
        found = _os_reason(exc, target) if isinstance(exc, OSError) else \
            ("file_unwritable", Text(str(exc), str(exc)))
    code, reason = found
    if code == "disk_full":
        folder = target.parent if str(target.parent) else Path(".")
        free = free_space_text(folder)
        text = Text(
            f"{_upper_first(what.en)} “{target}” could not be written: {reason.en} "
            f"({free} free on the disk that holds {folder}). Free space there — delete files "
            "you no longer need, or empty the trash — then try again.",
            f"無法寫入{what.zh}「{target}」：{reason.zh}（{folder} 所在的磁碟只剩 {free}）。"
            "請在該磁碟刪除不再需要的檔案或清空垃圾桶以釋出空間，然後再試一次。")
    else:
        text = Text(f"{_upper_first(what.en)} “{target}” cannot be written: {reason.en}.",
                    f"無法寫入{what.zh}「{target}」：{reason.zh}。")
    error = StorageError(text, code=code, field=field, path=str(target))
    error.errno = exc.errno if isinstance(exc, OSError) else None
    return error


__all__ = ["PRIVATE_FILE_MODE", "PRIVATE_DIR_MODE", "private_folder", "private_file",
           "owner_only", "private_writer", "write_private", "file_problem", "file_status",
           "read_regular_file", "open_regular_file",
           "NotAFileError", "storage_error", "is_storage_failure", "free_space_text"]
