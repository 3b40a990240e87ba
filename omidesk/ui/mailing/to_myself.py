"""The Mailing tab's test to oneself: the message rendered as one row of the list, "[Test]" in
its subject, sent to the sender's own address (or another one the user types) through the
session's outbox (recorded in the sent log as a test). It is not part of the mailing: no journal
is touched. Before a test to the sender's own address, the sender-domain gate the Compose and
Connection test tabs use (DomainStatusStrip.clear_to_send, given by the tab as `gate`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

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

Gate = Callable[[], Awaitable[bool]]  # may a test go to the sender's own address now?


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

    async def send(self, draft: Draft, row: Row | None, config: ServerConfig | None, *,
                   to: str = "", gate: Gate | None = None) -> SendResult | None:
        """The test as `row`, to `to` (""): the sender's own address, once `gate` (the
        sender-domain check, manual §2) lets it go)."""
        if self.busy or row is None:
            return None
        account = self.session.account
        sender = account.sender if account is not None else ""
        if config is None or not sender:
            self.result.emit(self.no_account_text())
            return None
        no_password = self.session.password_problem(self.tr("Send a test to myself as this "
                                                            "row"))
        if no_password:
            self.result.emit(no_password)
            return None
        address = to.strip() or sender
        if not to.strip() and gate is not None:  # before any connection (issue 15)
            self._set_busy(True)
            self.result.emit(self.tr("Checking the sender's domain before the test…"))
            try:
                clear = await gate()
            finally:
                self._set_busy(False)
            if not clear:
                self.result.emit(self.tr(
                    "Not sent yet, the domain is not ready (see above): send the test to a "
                    "Gmail address with the field above, or press the button again to send "
                    "it to {address} anyway.").format(address=sender))
                return None
        outbox = self.session.outbox(Source.TEST)
        trial = test_draft_for_row(draft, row, address,
                                   subject_format=self.tr("[Test] {subject}"))
        try:
            outgoing = outbox.build(trial.draft)
        except OmiError as exc:
            self.result.emit(exc.message(current_lang()))
            return None
        self._set_busy(True)
        self.result.emit(self.tr("Sending a test to {address}…").format(address=address))
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
                address=address, row=row.index, launch_id=result.launch_id or "—")
        else:
            text = self.tr("The test was not sent: {title}").format(
                title=pick(result.diagnosis.title))
        if result.password_unencrypted:
            text += " " + pick(PASSWORD_UNENCRYPTED)
        if result.ok and trial.left_out is not None:
            text += " " + pick(trial.left_out)
        self.result.emit(text)  # the tab shows it (the status bar only from elsewhere)
        return result

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)
