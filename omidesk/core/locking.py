"""One sender per journal: an exclusive OS lock on a small file beside it, held for as long as
the sender has the journal open.

POSIX (Linux, macOS): flock(2) on `<journal>-lock`. flock locks belong to the open file, not
the process, so a second lock in the same process (a second window, a second Journal object)
is refused as well, and closing some other descriptor of the file does not drop it (fcntl's
byte-range locks have both faults). Windows: msvcrt.locking on the first byte of the same
file, which Windows ties to the handle too. Either way the operating system drops the lock
when the process ends, however it ends: a killed sender never leaves a journal locked.

The lock file is removed when the lock is released; a sender that finds the file replaced
after it locked it (released and removed meanwhile) tries again on the new one.

A journal has two locks, and a sender holds both (journal_locks): one named after its real
path (a journal reached through a symbolic link or a relative path has the same lock; on a
shared network folder two computers meet there) and one named after the file itself, its
device and inode (file index on Windows), in the user's own lock folder: two hard-linked
names, or a name spelled in another case on a case-insensitive disk, are one file and meet
there. A journal is private to its owner (0600), so only its owner can send it: a lock folder
per user is enough.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from os import PathLike
from pathlib import Path

from .errors import BusyError
from .files import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE
from .text import Text

_ATTEMPTS = 5


def lock_path(path: str | PathLike[str]) -> Path:
    """The lock file of `path`: beside the file it stands for, named after its real path (a
    journal reached through a link or a relative path has the same lock)."""
    real = Path(os.path.realpath(path))
    return real.with_name(real.name + "-lock")


def user_lock_folder() -> Path:
    """The folder of this user's identity locks, created 0700: `omidesk-<uid>` in the temporary
    folder (per user on Windows and macOS already). A folder of that name that is not this
    user's alone (someone else made it, or it is a link) is not used: then one in the data
    folder."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    folder = Path(tempfile.gettempdir()) / ("omidesk-locks" if uid is None
                                            else f"omidesk-locks-{uid}")
    try:
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, PRIVATE_DIR_MODE)
        info = os.lstat(folder)
        usable = stat.S_ISDIR(info.st_mode) and (uid is None or (
            info.st_uid == uid and not stat.S_IMODE(info.st_mode) & 0o077))
    except OSError:  # no temporary folder to write in
        usable = False
    if usable:
        return folder
    from .files import private_folder
    from .paths import default_data_folder

    return private_folder(default_data_folder() / "locks")


def identity_lock_path(path: str | PathLike[str]) -> Path | None:
    """The lock named after the file `path` is (device and inode), whatever name reaches it;
    None on a file system that numbers no files (an inode 0: some network drives), where
    the path's lock is all there is. `path` must exist (FileNotFoundError otherwise)."""
    info = os.stat(path)
    if not info.st_ino:
        return None
    return user_lock_folder() / f"journal-{info.st_dev:x}-{info.st_ino:x}-lock"


class JournalLocks:
    """A sender's locks of one journal (its path's, then its file's), released together."""

    def __init__(self) -> None:
        self._held: list[FileLock] = []

    def take(self, journal: Path, *, identity: bool = False) -> None:
        """The lock of the journal's path, or of its file (which must exist). BusyError when
        another sender holds it; OSError when the lock cannot be made."""
        path = identity_lock_path(journal) if identity else lock_path(journal)
        if path is None:
            return  # no file identity on this file system: the path's lock is all there is
        lock = FileLock(path)
        if not lock.acquire():
            raise BusyError(Text(
                f"This mailing is being sent by another OMIDesk window or command (it has "
                f"the journal {journal.name} open). Nothing was done here: wait for it to "
                "finish, or close it, then try again.",
                f"這封群發郵件正由另一個 OMIDesk 視窗或指令寄送中（日誌檔 {journal.name} 正在"
                "使用中）。此處未做任何動作：請等它完成或將它關閉後再試。"), field="journal")
        self._held.append(lock)

    def release(self) -> None:
        held, self._held = self._held, []
        for lock in reversed(held):
            lock.release()


class FileLock:
    """An exclusive, non-blocking lock: acquire() is True when this object now holds it,
    False when someone else (another process or another FileLock here) does. OSError when
    the lock file cannot be created, or the file system cannot lock."""

    def __init__(self, path: str | PathLike[str]) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        if self._fd is not None:
            return True
        for _ in range(_ATTEMPTS):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
                         | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
            try:
                if not _lock(fd):
                    os.close(fd)
                    return False
                if _same_file(fd, self.path):
                    self._fd = fd
                    return True
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)  # released and removed after we opened it: lock the new one
        return False

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform == "win32":
            with contextlib.suppress(OSError):
                _unlock(fd)
            os.close(fd)
            with contextlib.suppress(OSError):  # fails while another sender has it open
                os.unlink(self.path)
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)  # while still held: nobody can lock the old file after this
        os.close(fd)  # the kernel drops the lock with the last descriptor

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EDEADLK):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _same_file(fd: int, path: Path) -> bool:
        return True  # an open file cannot be removed on Windows
else:
    import fcntl

    def _lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _same_file(fd: int, path: Path) -> bool:
        try:
            now = os.stat(path)
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


__all__ = ["FileLock", "JournalLocks", "lock_path", "identity_lock_path", "user_lock_folder"]
