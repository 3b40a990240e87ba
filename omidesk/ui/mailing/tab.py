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

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame, QMessageBox, QScrollArea, QSplitter, QVBoxLayout, QWidget,
)

from typing import TYPE_CHECKING

from ...core.journal import Entry
from ...core.smtp.send import SendResult
from ..asyncqt import signal_future
from ..lean import no_tab_stop
from ..session import Session
from . import texts as confirm_text
from .controller import MailingController
from .fitting import FittingBox
from .message_panel import MessagePanel
from .preview_panel import PreviewPanel
from .recipients_panel import RecipientsPanel
from .sending_panel import SendingPanel
from .state import Confirmation, MessageState
from .status_panel import StatusPanel

if TYPE_CHECKING:
    from ...core.domain.check import DomainReport


class _Fitting(QWidget):
    """The scroll area's content: it asks for the height its parts need at the least, not
    the height they would like (which a scroll area gives a wrapping layout), so the content
    fills the window and scrolls only when even that does not fit."""

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        layout = self.layout()
        return layout.totalMinimumHeightForWidth(width) if layout is not None else -1


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
        self._said = ""  # what this tab said last in the status bar
        self.message_panel = MessagePanel(self)
        self.recipients_panel = RecipientsPanel(self)
        self.preview_panel = PreviewPanel(self)
        self.sending_panel = SendingPanel(self)
        self.status_panel = StatusPanel(self)
        self._layout()
        self._wire()
        self.controller.refresh_message()
        session.draft_changed.connect(self._draft_changed)
        session.account_changed.connect(self._account_changed)
        self._account_changed()  # the strip follows the profile's sender from here on
        session.closing.connect(self.preview_panel.domain_status.cancel)
        self.controller.domain_report = self._domain_report

    def _layout(self) -> None:
        """The message, then the list and its preview over the sending and its results, split
        half and half: both tables get rows to read. All of it in a scroll area that is only
        needed on a very small window: a message appearing never makes the window grow, and
        nothing is squeezed until it is clipped (QA 11)."""
        content = _Fitting(self)
        sending_box = FittingBox(self.tr("Sending"), content)  # its notice never cut
        sending = QVBoxLayout(sending_box)
        sending.addWidget(self.sending_panel)
        sending.addWidget(self.status_panel, 1)
        upper = QSplitter(Qt.Orientation.Horizontal, content)
        upper.addWidget(self.recipients_panel)
        upper.addWidget(self.preview_panel)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        upper.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical, content)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(sending_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        inner = QVBoxLayout(content)
        inner.addWidget(self.message_panel)
        inner.addWidget(self.splitter, 1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        no_tab_stop(self.scroll_area)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

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
        preview.test_requested.connect(lambda number: self.send_test_to_self(number))
        preview.test_to_requested.connect(
            lambda number, to: self.send_test_to_self(number, to=to))
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
        controller.waiting_changed.connect(sending.show_waiting)
        controller.progress_reset.connect(sending.progress.reset)
        controller.notice.connect(self._notice)
        controller.test_result.connect(self._test_result)
        controller.message_changed.connect(self._message_changed)
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

    def send_test_to_self(self, number: int | None = None, *,
                          to: str = "") -> asyncio.Task[SendResult | None]:
        """The test as row `number` (None: the one in the preview) to `to`, or to the sender's
        own address once the sender's domain is shown ready or the user asks again (the
        gate Compose and the Connection test tab use, manual §2)."""
        return self.controller.send_test(self.preview_panel.row() if number is None else number,
                                         to, gate=self._domain_gate)

    async def _domain_gate(self) -> bool:
        account, strip = self.session.account, self.preview_panel.domain_status
        if account is None:
            return True
        return await strip.clear_to_send(account.hosts, account.dkim_selectors)

    def _domain_report(self) -> DomainReport | None:
        """The sender domain's last check, for the confirmation: the one this tab's test
        showed, else a fresh one another tab made (nothing is looked up for it)."""
        account, strip = self.session.account, self.preview_panel.domain_status
        if account is None:
            return None
        if strip.report is not None:
            return strip.report
        target = strip.checkable(account.sender)
        if target is None:
            return None
        return strip.checker.cached(target, account.hosts, account.dkim_selectors)

    def _account_changed(self) -> None:
        account = self.session.account
        self.preview_panel.domain_status.set_sender(account.sender if account else "")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """A live language switch: the notice made of several sentences worded again (QA
        round 3, 16: half of it stayed 繁中)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.controller.reword_notice()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self._take_back_status()  # the tab shows it now: not twice
        self.controller.refresh_message()

    # -- said once (QA 14) ---------------------------------------------------------------------
    def _notice(self, text: str, error: bool) -> None:
        self.sending_panel.show_notice(text, error)
        self._say_from_elsewhere(text)

    def _test_result(self, text: str) -> None:
        self.preview_panel.test_result.setText(text)
        self._say_from_elsewhere(text)

    def _message_changed(self, message: MessageState) -> None:
        if not message.problem:  # the cause of a stopped start is gone
            self._take_back_status()

    def _say_from_elsewhere(self, text: str) -> None:
        """What the tab shows goes to the status bar only while another tab is in view (a
        mailing finishing while the user reads the Sent log); the last one said there is
        taken back when the next one comes, the tab is shown or its cause is gone."""
        self._take_back_status()
        if text and not self.isVisible():
            self.session.show_status(text)
            self._said = text

    def _take_back_status(self) -> None:
        said, self._said = self._said, ""
        self.session.take_back_status(said)

    def _draft_changed(self) -> None:
        if self.isVisible():  # else read when shown
            self.controller.refresh_message()

    # -- questions -----------------------------------------------------------------------------
    async def _confirm(self, plan: Confirmation) -> bool:
        text = confirm_text.question(plan)
        details = confirm_text.details(plan)
        # sending everyone the same message again: Enter does not do it unread either
        careful = plan.earlier or plan.again is not None or (
            plan.plan is not None and plan.plan.careful)
        icon = QMessageBox.Icon.Warning if careful else QMessageBox.Icon.Question
        box = QMessageBox(icon, self.tr("Start the mailing") if plan.again is None else
                          self.tr("Send again"), text,
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText("\n".join(details))
        skipped = confirm_text.skipped_text(plan)
        if skipped:
            box.setDetailedText(skipped)
        send = box.addButton(self.tr("&Send") if plan.again is None else
                             self.tr("Send &again as a new mailing"),
                             QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        # files outside the list's folder, or hidden: Enter does not send them unread
        box.setDefaultButton(cancel if careful else send)
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
