"""Compose's .eml files: where to save the draft as a message file or which one to open (the
dialogs are open()ed, their choice emitted), and a message file read into a draft with what
could not be read said (its attachments are taken out into the drafts' folder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from ...core.eml import open_eml
from ...core.errors import OmiError
from ...core.files import NotAFileError
from ...core.message import Draft
from ...core.untrusted import shown_filename
from ...core.text import Text
from ..i18n import current_lang, pick
from ..file_dialogs import start_in


class EmlFiles(QObject):
    save_chosen = Signal(object)  # Path
    open_chosen = Signal(object)  # Path

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.dialog: QFileDialog | None = None

    def choose_save(self) -> QFileDialog:
        dialog = start_in(QFileDialog(self._parent, self.tr("Save as .eml")), "message")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("eml")
        dialog.setNameFilter(self.tr("Email messages (*.eml)"))
        dialog.fileSelected.connect(lambda p: self.save_chosen.emit(Path(p)))
        return self._open(dialog)

    def choose_open(self) -> QFileDialog:
        dialog = start_in(QFileDialog(self._parent, self.tr("Open .eml")), "message")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Email messages (*.eml)"))
        dialog.fileSelected.connect(lambda p: self.open_chosen.emit(Path(p)))
        return self._open(dialog)

    def _open(self, dialog: QFileDialog) -> QFileDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def read(self, path: Path, attachments: Path) -> tuple[Draft | None, str]:
        """The message as a draft and, if not all of it could be read, what was left out;
        or None and why it could not be opened."""
        notes: list[Text] = []
        try:
            draft = open_eml(path, attachments / Path(path).stem, notes=notes)
        except (OmiError, OSError, ValueError) as exc:
            if isinstance(exc, OmiError):
                error = exc.message(current_lang())
            elif isinstance(exc, NotAFileError):  # a folder or a FIFO: said, never read
                error = pick(exc.problem)
            else:
                error = getattr(exc, "strerror", None) or str(exc)
            return None, self.tr("The file could not be opened: {error}").format(error=error)
        if notes:  # opened with what could be read
            return draft, self.tr("Opened {name}, but not all of it: {notes}.").format(
                name=shown_filename(Path(path).name), notes="; ".join(pick(n) for n in notes))
        return draft, ""
