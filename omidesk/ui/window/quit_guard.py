"""Quitting while a mailing is being sent asks first: "Stop after this message and quit" lets
the transaction in progress settle (its recipient is sent or refused, not left "unknown"), then
the window closes; "Keep sending" goes on. The question is a non-modal box (no nested event
loop under qasync); the window closes itself again once the mailing has stopped."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from ..mailing.controller import MailingController


class QuitGuard(QObject):
    def __init__(self, window: QWidget, close: Callable[[], object]) -> None:
        super().__init__(window)
        self._window, self._close = window, close
        self.confirmed = False
        self.box: QMessageBox | None = None
        self._task: asyncio.Task[None] | None = None

    def holds(self, controller: MailingController | None) -> bool:
        """Whether the close must wait: a mailing runs and the user has not answered yet.
        Asks (once at a time) when it must."""
        if self.confirmed or controller is None or not controller.running:
            return False
        if self.box is None or not self.box.isVisible():
            self._ask(controller)
        return True

    def _ask(self, controller: MailingController) -> None:
        summary = controller.journal.summary() if controller.journal is not None else {}
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("A mailing is being sent"),
                          self.tr("Quit OMIDesk while the mailing is being sent?"),
                          QMessageBox.StandardButton.NoButton, self._window)
        if summary:
            box.setInformativeText(self.tr(
                "{sent} of {total} sent so far. OMIDesk stops after the message in progress "
                "(its recipient is not left unknown); Start on the Mailing tab goes on from "
                "there next time.").format(sent=summary.get("sent", 0),
                                           total=summary.get("total", 0)))
        stop = box.addButton(self.tr("&Stop after this message and quit"),
                             QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("&Keep sending"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        stop.clicked.connect(lambda: self._stop_then_close(controller))
        self.box = box
        box.open()

    def _stop_then_close(self, controller: MailingController) -> None:
        async def run() -> None:
            await controller.stop_after_current()
            self.confirmed = True
            self._close()

        self._task = asyncio.ensure_future(run())  # kept: the loop holds tasks weakly
