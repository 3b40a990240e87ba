"""Qt Linguist translations. The .ts files are the source (resources/translations); a .qm is
compiled from them with PySide6's lrelease into the cache folder, named by the .ts content,
when missing (the packaged app ships compiled .qm files instead). Qt's own qtbase_zh_TW comes
from Qt (PySide6's translations folder; the bundle keeps it: packaging/spec_common.py), and
qt_extra_zh_TW.ts adds the few of Qt's texts it lacks (the file dialog's "&Look in:")."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, QTranslator

log = logging.getLogger(__name__)
TS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
_installed: list[QTranslator] = []  # Qt does not own translators: keep them alive


def lrelease_command() -> list[str] | None:
    import shutil

    exe = Path(sys.executable).with_name("pyside6-lrelease")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return [found] if found else None


def compiled(lang: str, name: str = "omidesk") -> Path | None:
    """The .qm for `lang`: shipped next to the .ts (frozen app) or compiled into the cache.
    name: "omidesk" (ours) or "qt_extra" (Qt's own texts its catalogue lacks)."""
    shipped = TS_DIR / f"{name}_{lang}.qm"
    source = TS_DIR / f"{name}_{lang}.ts"
    if shipped.exists() and (getattr(sys, "frozen", False) or not source.exists() or
                             shipped.stat().st_mtime >= source.stat().st_mtime):
        return shipped
    if not source.exists():
        return None
    # Named by the source's content: two checkouts (or versions) sharing the cache folder must
    # not load each other's compiled file, whatever the files' times say. A checksum, not
    # hashlib: its OpenSSL costs the first paint ~2 ms, and nobody forges a cache name here.
    digest = content_key(source.read_bytes())
    cache = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.CacheLocation)) / "translations"
    target = cache / f"{name}_{lang}-{digest}.qm"
    if target.exists():
        return target
    import subprocess  # only from source: the packaged app ships its .qm files

    command = lrelease_command()
    if command is None:
        log.warning("no lrelease found: the UI stays in English")
        return None
    hidden = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flash on Windows
    try:
        cache.mkdir(parents=True, exist_ok=True)
        result = subprocess.run([*command, "-silent", str(source), "-qm", str(target)],
                                capture_output=True, text=True, timeout=60,
                                creationflags=hidden)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not compile the translation: %s", exc)
        return None
    if result.returncode != 0:
        log.warning("lrelease failed: %s", result.stderr.strip())
        return None
    return target


def content_key(data: bytes) -> str:
    """8 hex digits that change with the content: its CRC-32 (not with an Adler-32 after it:
    two checksums of the .ts files were ~1.5 M instructions of the first paint; issue 18)."""
    import zlib

    return f"{zlib.crc32(data):08x}"


def install(lang: str) -> bool:
    """Load OMIDesk's and Qt's own translation for `lang` ("zh_TW"); True when OMIDesk's did.
    English is the source language, but its counts need their plural forms ("1 file",
    "2 files" for tr("%n file(s)", "", n)): omidesk_en.ts holds only those (lupdate
    -pluralonly), and the texts stay the source's without it."""
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    ours = QTranslator()
    path = compiled(lang)
    ok = path is not None and ours.load(str(path))
    if ok:
        QCoreApplication.installTranslator(ours)
        _installed.append(ours)
    if lang == "en":
        return True
    from PySide6.QtCore import QLibraryInfo  # its type: not for an English start (~0.4 ms)

    qt = QTranslator()
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        QCoreApplication.installTranslator(qt)
        _installed.append(qt)
    extra, extra_path = QTranslator(), compiled(lang, "qt_extra")
    if extra_path is not None and extra.load(str(extra_path)):  # after qtbase: asked first
        QCoreApplication.installTranslator(extra)
        _installed.append(extra)
    return ok
