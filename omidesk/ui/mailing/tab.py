"""群發 / Mailing: the Compose tab's message sent to a recipient list, personalised with merge
fields ({{姓名}}, {{column|fallback}}), individually or as one launch, with a journal that resumes
after a crash and never sends anyone the message twice.

The tab wires a controller (the list, the journal, the run: controller.py) to panels that
render and say what the user asks for (message, recipients, preview, sending, status); it asks
the questions a start or an unknown recipient needs. Dialogs are opened with open(), never
exec()."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGroupBox, QMessageBox, QSplitter, QVBoxLayout, QWidget

from ...core.journal import Entry
from ...core.smtp.send import SendResult
from ..asyncqt import signal_future
from ..session import Session
from . import texts as confirm_text
from .controller import MailingController
from .message_panel import MessagePanel
from .preview_panel import PreviewPanel
from .recipients_panel import RecipientsPanel
from .sending_panel import SendingPanel
from .state import Confirmation
from .status_panel import StatusPanel


class MailingTab(QWidget):
    """The session's draft to a list. start(), send_test_to_self() and retry_failed() return
    asyncio Tasks; import_list() loads a list as the file dialog does."""

    compose_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.controller = MailingController(session, self)
        self.ask_confirmation = True
        self.confirm_box: QMessageBox | None = None
        self.dialog: QWidget | None = None  # the dialog opened last (tests look at it)
        self.message_panel = MessagePanel(self)
        self.recipients_panel = RecipientsPanel(self)
        self.preview_panel = PreviewPanel(self)
        self.sending_panel = SendingPanel(self)
        self.status_panel = StatusPanel(self)
        self._layout()
        self._wire()
        self.controller.refresh_message()
        session.draft_changed.connect(self._draft_changed)

    def _layout(self) -> None:
        sending_box = QGroupBox(self.tr("Sending"), self)
        sending = QVBoxLayout(sending_box)
        sending.addWidget(self.sending_panel)
        sending.addWidget(self.status_panel, 1)
        upper = QSplitter(Qt.Orientation.Horizontal, self)
        upper.addWidget(self.recipients_panel)
        upper.addWidget(self.preview_panel)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        upper.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(sending_box)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_panel)
        layout.addWidget(self.splitter, 1)

    def _wire(self) -> None:
        controller, recipients = self.controller, self.recipients_panel
        preview, sending, status = self.preview_panel, self.sending_panel, self.status_panel
        # what the user asks for
        self.message_panel.compose_requested.connect(self.compose_requested)
        # what the user picks is read on a worker thread (a large workbook never freezes)
        recipients.list_chosen.connect(self._read_list)
        recipients.reread_requested.connect(lambda: self._read_list(None))
        recipients.pasted.connect(controller.load_pasted)
        recipients.column_chosen.connect(controller.set_email_column)
        recipients.attach_column_chosen.connect(controller.set_attach_column_later)
        recipients.row_clicked.connect(preview.show_row)
        preview.test_requested.connect(controller.send_test)
        sending.mode_chosen.connect(controller.set_mode)
        sending.start_requested.connect(self.start)
        sending.pause_requested.connect(controller.toggle_pause)
        sending.cancel_requested.connect(self.cancel)
        status.retry_requested.connect(self.retry_failed)
        status.resolve_requested.connect(self._resolve)
        status.export_chosen.connect(controller.export_to)
        # what happened
        controller.list_changed.connect(recipients.show_list)
        controller.list_changed.connect(lambda recipients_list, _name:
                                        preview.show_list(recipients_list))
        controller.list_problem.connect(recipients.show_problem)
        controller.not_sent.connect(recipients.show_not_sent)
        controller.list_reading.connect(recipients.show_reading)
        for shows_message in (self.message_panel, preview, sending):
            controller.message_changed.connect(shows_message.show_message)
        for shows_state in (recipients, preview, sending, status):
            controller.state_changed.connect(shows_state.show_state)
        controller.entries_loaded.connect(status.show_entries)
        controller.entries_updated.connect(status.update_entries)
        controller.summary_changed.connect(sending.progress.show_summary)
        controller.progress_changed.connect(sending.show_progress)
        controller.progress_reset.connect(sending.progress.reset)
        controller.notice.connect(sending.show_notice)
        controller.test_result.connect(preview.test_result.setText)
        recipients.show_list(None, "")

    # -- the user's intents that need the tab --------------------------------------------------
    def import_list(self, path: Path, *, reset: bool = False) -> asyncio.Task[bool]:
        """Read the list file with the chosen sheet, encoding and delimiter (reset: the first
        sheet with data, detected encoding and delimiter), as the file dialog and a drop do:
        on a worker thread. The task ends when the list is shown (True: it can be used)."""
        if reset:
            self.recipients_panel.reset_reading()
        return self._read_list(path)

    def _read_list(self, path: Path | None) -> asyncio.Task[bool]:
        """The file `path` (None: the same file again), as the panel's choices say."""
        panel = self.recipients_panel
        return self.controller.read_list_later(path, sheet=panel.sheet(),
                                               encoding=panel.encoding(),
                                               delimiter=panel.delimiter())

    def start(self) -> asyncio.Task[dict[str, int] | None]:
        """Start (or resume) the mailing, after the confirmation unless ask_confirmation is
        off."""
        return self.controller.start(rate=self.sending_panel.rate(),
                                     confirm=self._confirm if self.ask_confirmation else None)

    def cancel(self) -> None:
        if self.confirm_box is not None:  # still asking: the answer is no
            self.confirm_box.reject()
            return
        self.controller.cancel()

    def retry_failed(self) -> asyncio.Task[dict[str, int] | None] | None:
        """Queue the failed recipients again and start (with the usual confirmation)."""
        if self.controller.retry_failed() is None:
            return None
        return self.start()

    def send_test_to_self(self) -> asyncio.Task[SendResult | None]:
        return self.controller.send_test(self.preview_panel.row())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.controller.refresh_message()

    def _draft_changed(self) -> None:
        if self.isVisible():  # else read when shown
            self.controller.refresh_message()

    # -- questions -----------------------------------------------------------------------------
    async def _confirm(self, plan: Confirmation) -> bool:
        text = confirm_text.question(plan)
        details = confirm_text.details(plan)
        icon = QMessageBox.Icon.Warning if plan.earlier else QMessageBox.Icon.Question
        box = QMessageBox(icon, self.tr("Start the mailing"), text,
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText("\n".join(details))
        skipped = confirm_text.skipped_text(plan)
        if skipped:
            box.setDetailedText(skipped)
        send = box.addButton(self.tr("&Send"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(send)
        self.confirm_box = self.dialog = box
        finished = signal_future(box.finished)
        box.open()
        await finished
        self.confirm_box = None
        return box.clickedButton() is send

    def resolve_unknown(self) -> QMessageBox | None:
        """Ask what to do with the unknown recipients selected (all unknown ones if none is
        selected): mark them as sent, or send again."""
        return self._resolve(self.status_panel.selected_entries())

    def _resolve(self, selected: list[Entry]) -> QMessageBox | None:
        chosen = self.controller.unknown_to_resolve(selected)
        if not chosen:
            return None
        addresses = [e.address for e in chosen]
        shown = ", ".join(addresses[:5]) + ("…" if len(addresses) > 5 else "")
        text = self.tr("{addresses}: the connection was lost after the message went out and "
                       "before the server answered, so the server may have it.") \
            if len(addresses) == 1 else \
            self.tr("{n} recipients ({addresses}): the connection was lost after the message "
                    "went out and before the server answered, so the server may have it.")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Resolve unknown"),
                          text.format(n=len(addresses), addresses=shown),
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText(self.tr(
            "Mark as sent if the relay's log (or the recipient) confirms it; Send again if it "
            "did not arrive — they may then get it twice."))
        mark = box.addButton(self.tr("&Mark as sent"), QMessageBox.ButtonRole.AcceptRole)
        again = box.addButton(self.tr("Send &again"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(mark)

        def decided(_result: int) -> None:
            clicked = box.clickedButton()
            if clicked is mark:
                self.controller.apply_resolution(addresses, resend=False)
            elif clicked is again:
                self.controller.apply_resolution(addresses, resend=True)

        box.finished.connect(decided)
        self.dialog = box
        box.open()
        return box
