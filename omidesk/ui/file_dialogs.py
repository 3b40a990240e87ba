"""Where a file dialog opens: the folder the user last chose for that kind of file, and the
user's Documents folder the first time (QStandardPaths), never the process's working folder
(which is the install folder, or / on macOS, for a packaged app)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from .settings import app_settings

KEY = "dialogs/folder/{kind}"


def documents_folder() -> str:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found or str(Path.home())


def start_folder(kind: str) -> str:
    """The folder a `kind` dialog ("list", "attachment", "export" …) opens in."""
    saved = str(app_settings().value(KEY.format(kind=kind), "") or "")
    return saved if saved and Path(saved).is_dir() else documents_folder()


def start_in(dialog: QFileDialog, kind: str, name: str = "") -> QFileDialog:
    """Open `dialog` in the folder for `kind` (with `name` proposed, for a save dialog) and
    remember the folder of what the user picks."""
    dialog.setDirectory(start_folder(kind))
    if name:
        dialog.selectFile(name)

    def remember(paths: list[str]) -> None:
        if paths:
            folder = Path(paths[0]).parent
            app_settings().setValue(KEY.format(kind=kind), str(folder))

    dialog.filesSelected.connect(remember)
    return dialog
