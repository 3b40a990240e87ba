"""The Mailing tab's test to oneself: the message rendered as one row of the list, "[Test]" in
its subject, sent to the sender's own address through the session's outbox (recorded in the
sent log as a test). It is not part of the mailing: no journal is touched."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ...core.errors import OmiError
from ...core.mailing import test_draft_for_row
from ...core.message import Draft
from ...core.recipients import Row
from ...core.sentlog import Source
from ...core.smtp.config import ServerConfig
from ...core.smtp.diagnosis import PASSWORD_UNENCRYPTED
from ...core.smtp.send import SendResult
from ..i18n import current_lang, pick
from ..session import Session


class SendToMyself(QObject):
    result = Signal(str)  # what happened, in words
    busy_changed = Signal(bool)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.busy = False
        self.last: SendResult | None = None

    def no_account_text(self) -> str:
        return self.tr("Set up the account (sender address and server) on the Account tab "
                       "first.")

    async def send(self, draft: Draft, row: Row | None,
                   config: ServerConfig | None) -> SendResult | None:
        if self.busy or row is None:
            return None
        account = self.session.account
        sender = account.sender if account is not None else ""
        if config is None or not sender:
            self.result.emit(self.no_account_text())
            return None
        outbox = self.session.outbox(Source.TEST)
        try:
            outgoing = outbox.build(test_draft_for_row(
                draft, row, sender, subject_format=self.tr("[Test] {subject}")))
        except OmiError as exc:
            self.result.emit(exc.message(current_lang()))
            return None
        self._set_busy(True)
        self.result.emit(self.tr("Sending a test to {address}…").format(address=sender))
        try:
            result = await outbox.send(config, outgoing, test=True)
        except OmiError as exc:  # an attachment holding the password: not sent
            self.result.emit(exc.message(current_lang()))
            return None
        finally:
            self._set_busy(False)
        self.last = result
        if result.ok:
            text = self.tr("Test sent to {address} as row {row} — LaunchID {launch_id}").format(
                address=sender, row=row.index, launch_id=result.launch_id or "—")
        else:
            text = self.tr("The test was not sent: {title}").format(
                title=pick(result.diagnosis.title))
        if result.password_unencrypted:
            text += " " + pick(PASSWORD_UNENCRYPTED)
        self.result.emit(text)
        self.session.show_status(text)
        return result

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)
