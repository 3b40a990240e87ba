"""After a native crash: the next start says so and offers to copy the crash record for support
(omidesk/crashlog.py writes it). Opened with open(), once per record: whatever the answer,
the record is then kept in crash-reports/ (or deleted, if asked) and not offered again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import crashlog

if TYPE_CHECKING:
    from ..crash_record import CrashRecord


class CrashOffer(QMessageBox):
    def __init__(self, records: Sequence[CrashRecord],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = list(records)
        self.kept: list[str] = []
        last = self.records[-1]
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("OMIDesk stopped unexpectedly"))
        self.setText(self.tr("OMIDesk stopped unexpectedly the last time (started {when}). "
                             "A crash record was saved.").format(when=last.when or "?"))
        self.setInformativeText(self.tr(
            "Copying it for support helps find the cause: paste it into your message to IT or "
            "to the relay's support. It shows which program code was running ({summary}); it "
            "holds no message, address or password.").format(summary=last.summary or "—"))
        self.setDetailedText(self.report())
        self.copy_button = self.addButton(self.tr("&Copy for support"),
                                          QMessageBox.ButtonRole.AcceptRole)
        self.show_button = self.addButton(self.tr("Show the &file"),
                                          QMessageBox.ButtonRole.ActionRole)
        self.discard_button = self.addButton(self.tr("&Delete it"),
                                             QMessageBox.ButtonRole.DestructiveRole)
        self.addButton(QMessageBox.StandardButton.Close)
        self.setDefaultButton(self.copy_button)
        self.finished.connect(self._answered)

    def report(self) -> str:
        return "\n\n".join(record.text.rstrip() for record in self.records) + "\n"

    def _answered(self, _result: int) -> None:
        clicked = self.clickedButton()
        if clicked is self.copy_button:
            QGuiApplication.clipboard().setText(self.report())
        if clicked is self.discard_button:
            for record in self.records:
                crashlog.discard(record)
            return
        for record in self.records:
            try:
                self.kept.append(str(crashlog.keep(record)))
            except OSError:
                pass
        if clicked is self.show_button and self.kept:
            folder = self.records[0].path.parent / crashlog.ARCHIVE
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def offer(records: Sequence[CrashRecord], parent: QWidget | None) -> CrashOffer | None:
    if not records:
        return None
    box = CrashOffer(records, parent)
    box.open()
    return box
