"""Quitting while something is being sent asks first, for every sender alike: a mailing ("Stop
after this message and quit" lets the transaction in progress settle: its recipient is sent or
refused, not left "unknown") and a one-off send — Compose's Send, any test to oneself — ("Quit
when it is done" waits for the server's reply, so the message is in the Sent log and Compose's
draft is settled as after any send); the other button goes on with the window open. The
question is a non-modal box (no nested event loop under qasync); the window closes itself again
once everything has settled. The one-off sends are the session's (Session.sends_in_flight:
every send through its outbox)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from ..mailing.controller import MailingController
    from ..session import Session


class QuitGuard(QObject):
    def __init__(self, window: QWidget, close: Callable[[], object], *,
                 session: Session | None = None) -> None:
        """session: whose one-off sends hold the close; by default the window's."""
        super().__init__(window)
        self._window, self._close = window, close
        self._session: Session | None = (session if session is not None
                                          else getattr(window, "session", None))
        self.confirmed = False
        self.waiting = False  # "quit" was chosen: the close comes once all has settled
        self.box: QMessageBox | None = None
        self._task: asyncio.Task[None] | None = None

    def _sends(self) -> list[asyncio.Task[object]]:
        return self._session.sends_in_flight() if self._session is not None else []

    def holds(self, controller: MailingController | None) -> bool:
        """Whether the close must wait: a mailing runs or a message is being sent, and the
        user has not answered yet (or chose to quit once it is done). Asks (once at a time)
        when it must."""
        if self.confirmed:
            return False
        mailing = controller if controller is not None and controller.running else None
        if mailing is None and not self._sends():
            return False
        if not self.waiting and (self.box is None or not self.box.isVisible()):
            self._ask(mailing)
        return True

    def _ask(self, mailing: MailingController | None) -> None:
        if mailing is not None:
            box = self._box(self.tr("A mailing is being sent"),
                            self.tr("Quit OMIDesk while the mailing is being sent?"))
            summary = mailing.journal.summary() if mailing.journal is not None else {}
            if summary:
                box.setInformativeText(self.tr(
                    "{sent} of {total} sent so far. OMIDesk stops after the message in "
                    "progress (its recipient is not left unknown); Start on the Mailing tab "
                    "goes on from there next time.").format(sent=summary.get("sent", 0),
                                                           total=summary.get("total", 0)))
            quit_text, keep_text = (self.tr("&Stop after this message and quit"),
                                    self.tr("&Keep sending"))
        else:
            box = self._box(self.tr("A message is being sent"),
                            self.tr("A message is being sent. Quit OMIDesk when it is done?"))
            box.setInformativeText(self.tr(
                "OMIDesk waits for the server's reply (the message is already on its way), "
                "records it in the Sent log, then quits."))
            quit_text, keep_text = (self.tr("&Quit when it is done"),
                                    self.tr("&Keep the window open"))
        stop = box.addButton(quit_text, QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(keep_text, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        stop.clicked.connect(lambda: self._settle_then_close(mailing))
        self.box = box
        box.open()

    def _box(self, title: str, text: str) -> QMessageBox:
        return QMessageBox(QMessageBox.Icon.Warning, title, text,
                           QMessageBox.StandardButton.NoButton, self._window)

    def _settle_then_close(self, mailing: MailingController | None) -> None:
        async def run() -> None:
            try:
                if mailing is not None:
                    await mailing.stop_after_current()
                while pending := self._sends():  # each settles: its reply, its record
                    await asyncio.wait(pending)
            finally:
                self.waiting = False
            self.confirmed = True
            self._close()

        if self._session is not None and mailing is None:
            self._session.show_status(self.tr("OMIDesk quits once the message has been "
                                              "sent…"))
        self.waiting = True  # a close meanwhile neither asks again nor goes through
        self._task = asyncio.ensure_future(run())  # kept: the loop holds tasks weakly
