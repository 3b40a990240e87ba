"""Saving the Connection test's report: where (a dialog, one at a time, Markdown or JSON by the
filter chosen), and the file written privately off the UI thread (it names the account and the
server, never the password). What happened is said, never raised."""

from __future__ import annotations

import asyncio
from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from ...core.errors import OmiError
from ..i18n import pick
from ..file_dialogs import start_in


class ReportFile(QObject):
    chosen = Signal(object)  # Path: the user picked where to save
    saved = Signal(str)  # said in the status bar
    failed = Signal(str)  # said in a message box

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.dialog: QFileDialog | None = None

    def choose(self) -> QFileDialog:
        """Ask where to save (non-blocking: the dialog is open()ed; its choice is `chosen`)."""
        if self.dialog is not None:  # already open (and window-modal)
            return self.dialog
        markdown = self.tr("Markdown report (*.md)")
        json_filter = self.tr("JSON report (*.json)")
        name = f"omidesk-report-{datetime.now():%Y%m%d-%H%M}.md"
        dialog = start_in(QFileDialog(self._parent, self.tr("Save connection report")),
                          "report", name)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([markdown, json_filter])
        dialog.setDefaultSuffix("md")
        dialog.filterSelected.connect(
            lambda chosen: dialog.setDefaultSuffix("json" if chosen == json_filter else "md"))
        dialog.fileSelected.connect(lambda path: self.chosen.emit(Path(path)))
        dialog.finished.connect(self._finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _finished(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()

    async def write(self, target: Path, text: str) -> bool:
        from ...core.files import write_private  # private: it names the account and server
        from ...core.text import Text

        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(None, partial(
                write_private, target, text.encode("utf-8"), what=Text("the report", "報告")))
        except OSError as exc:  # a StorageError says why (a full disk: where to free space)
            reason = pick(exc.text) if isinstance(exc, OmiError) else \
                exc.strerror or type(exc).__name__
            self.failed.emit(self.tr("Could not save the report to {path}: {reason}").format(
                path=str(target), reason=reason))
            return False
        self.saved.emit(self.tr("Report saved to {path}.").format(path=str(target)))
        return True
