"""Crash records: a native crash (Qt, a C extension, a segmentation fault, an abort) leaves
the Python stack of every thread in a file in the app's log folder (faulthandler), and the
next start offers to copy it for support (ui/crash_offer.py).

Each run writes a short header to crash-<time>-<pid>.txt and keeps the file open for
faulthandler; a clean exit deletes it. A file left with only its header was a kill or a power
cut, not a crash, and is removed quietly. The record names code (files, lines, functions),
never a value: no message text, address or password is in it; it is private to the user like
the log beside it (core.files). No Qt here: it must work when Qt is what crashed."""

from __future__ import annotations

import faulthandler
import os
import sys
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from .crash_record import CrashRecord

PREFIX = "crash-"
SUFFIX = ".txt"
ARCHIVE = "crash-reports"  # records already offered, kept for support
HEADER_END = "-- the stacks below were written when OMIDesk stopped --\n"
# What faulthandler writes: "Fatal Python error: Segmentation fault", then the stacks.
CRASH_MARKERS = ("Fatal Python error", "Windows fatal exception", "Current thread",
                 "Thread 0x")


def _system() -> str:
    """The system, as "Linux 6.8.0 x86_64": from os.uname() where there is one (importing
    `platform` for it cost the first window ~1.5 ms; platform.platform() reads the executable
    too, ~5 ms)."""
    if hasattr(os, "uname"):
        system = os.uname()
        return f"{system.sysname} {system.release} {system.machine}"
    import platform

    info = platform.uname()
    return f"{info.system} {info.release} {info.machine}"


class CrashLog:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path: Path | None = None
        self._file: IO[str] | None = None

    def start(self, *, about: dict[str, str] | None = None) -> Path:
        """Open this run's record (private to the user) and point faulthandler at it."""
        from .core.files import private_file, private_folder

        private_folder(self.folder)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = private_file(self.folder / f"{PREFIX}{stamp}-{os.getpid()}{SUFFIX}")  # 0600
        handle = open(path, "w", encoding="utf-8", errors="replace")  # noqa: SIM115 — kept open
        facts = {"started": time.strftime("%Y-%m-%d %H:%M:%S"),
                 "python": sys.version.split()[0],  # as platform.python_version() says it
                 "platform": _system(),
                 "frozen": str(getattr(sys, "frozen", False)), **(about or {})}
        handle.write("OMIDesk crash record\n")
        handle.writelines(f"{key}: {value}\n" for key, value in facts.items())
        handle.write(HEADER_END)
        handle.flush()
        faulthandler.enable(file=handle, all_threads=True)
        self.path, self._file = path, handle
        return path

    def stop(self) -> None:
        """A clean exit: nothing crashed, the record goes."""
        if self._file is None:
            return
        faulthandler.disable()
        self._file.close()
        self._file = None
        if self.path is not None:
            try:
                self.path.unlink()
            except OSError:
                pass


def previous_records(folder: Path, *, current: Path | None = None) -> list[CrashRecord]:
    """The crash records earlier runs left, oldest first; header-only leftovers removed.
    CrashRecord's module loads only for a record to return: a start after a clean exit (the
    usual one) makes no dataclass for it before its first paint (issue 18)."""
    records: list[CrashRecord] = []
    try:
        candidates = sorted(folder.glob(f"{PREFIX}*{SUFFIX}"))
    except OSError:
        return records
    for path in candidates:
        if current is not None and path == current:
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        body = text.split(HEADER_END, 1)[1] if HEADER_END in text else ""
        if not any(marker in body for marker in CRASH_MARKERS):
            try:
                path.unlink()  # killed or cut off, not crashed: nothing to tell
            except OSError:
                pass
            continue
        when = next((line.split(": ", 1)[1] for line in text.splitlines()
                     if line.startswith("started: ")), "")
        from .crash_record import CrashRecord

        records.append(CrashRecord(path, when, text))
    return records


def keep(record: CrashRecord) -> Path:
    """Offered: move it aside (crash-reports/), where it is kept but not offered again."""
    target_dir = record.path.parent / ARCHIVE
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / record.path.name
    os.replace(record.path, target)
    return target


def discard(record: CrashRecord) -> None:
    try:
        record.path.unlink()
    except OSError:
        pass
