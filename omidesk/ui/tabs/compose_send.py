"""Compose's Send and Send test to myself: the checks before anything connects (the account,
the password, merge fields, every field), the sender's domain before a test to oneself
(manual §2), then the message through the session's outbox on the qasync loop. It owns what a
send's state is (busy, the last result, the merge-field warnings given); the tab shows what it
says."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from ...core.errors import OmiError, ValidationError
from ...core.message import Draft
from ...core.sentlog import Source
from ...core.smtp.send import SendResult
from ..asyncqt import TaskKeeper, weak_callback
from ..i18n import current_lang, pick
from ..session import Session
from ..widgets.domain_strip import DomainStatusStrip


class ComposeSend(QObject):
    """send() / test_to_self() return an asyncio.Task (None when nothing was sent)."""

    said = Signal(str)  # a line for the result label
    refused = Signal(str)  # under the text: an attachment the send refused (the password)
    busy_changed = Signal(bool)
    checking = Signal(bool)  # the test's domain check runs (its button is off meanwhile)
    answered = Signal(object)  # SendResult: what the server said
    delivered = Signal()  # a Send (not a test) accepted for every recipient: the draft is done

    def __init__(self, session: Session, domain_status: DomainStatusStrip, *,
                 draft: Callable[[], Draft], problems_shown: Callable[[Draft], bool],
                 parent: QObject | None = None) -> None:
        """draft: the message as it will be sent (raises ValidationError while the Options
        tab shows an error); problems_shown: every field checked, each problem at its field,
        True when there is none."""
        super().__init__(parent)
        self.session = session
        self.domain_status = domain_status
        self._draft = draft
        self._problems_shown = problems_shown
        self._tasks = TaskKeeper(on_error=weak_callback(self._task_failed))
        self.busy = False
        self.last_result: SendResult | None = None
        self.unrecorded = False  # the last result's record could not be written
        self._merge_warned: set[tuple[str, str, str | None, str | None]] = set()  # said for

    def send(self) -> asyncio.Task[SendResult | None]:
        draft = self._draft_or_explain()
        return self._tasks.spawn(self._run_send(draft, Source.COMPOSE) if draft
                                 else self._nothing())

    def test_to_self(self) -> asyncio.Task[SendResult | None]:
        draft = self._test_draft()
        if draft is None:
            return self._tasks.spawn(self._nothing())
        draft.to = [draft.from_addr] if draft.from_addr else []
        return self._tasks.spawn(self._test_to_self(draft))

    def test_to(self, address: str) -> asyncio.Task[SendResult | None]:
        """The test to another address (the domain strip's field: a Gmail address while the
        sender's domain is not ready), to it alone — never to the message's Cc or Bcc —
        with no domain check (it is not the company's own mail server)."""
        from ...core.message import validate_draft

        draft = self._test_draft()
        if draft is None:
            return self._tasks.spawn(self._nothing())
        draft.to = [address.strip()]
        wrong = [e for e in validate_draft(draft) if e.field == "to"]
        if wrong:  # said for the strip's field, not marked on the message's To
            self.said.emit(self.tr("The test was not sent to {address}: {reason}").format(
                address=address.strip(), reason=pick(wrong[0].text)))
            return self._tasks.spawn(self._nothing())
        return self._tasks.spawn(self._run_send(draft, Source.TEST))

    def _test_draft(self) -> Draft | None:
        """The message as its test goes: "[Test]" in the subject, nobody in Cc or Bcc."""
        draft = self._draft_or_explain()
        if draft is not None:
            draft.cc, draft.bcc = [], []
            draft.subject = self.tr("[Test] {subject}").format(subject=draft.subject)
        return draft

    def cancel(self) -> None:
        self._tasks.cancel_all()

    async def _test_to_self(self, draft: Draft) -> SendResult | None:
        """The sender's domain checked and shown first (manual §2: a company's own mail
        server may block the test while its DNS is not ready): then the user chooses."""
        account = self.session.account
        no_password = self.session.password_problem(self.tr("Send test to myself"))
        if no_password:  # before the domain check and any connection
            self.said.emit(no_password)
            return None
        if account is not None and not self.busy:
            self.checking.emit(True)
            self.said.emit(self.tr("Checking the sender's domain before the test…"))
            try:
                clear = await self.domain_status.clear_to_send(account.hosts,
                                                               account.dkim_selectors)
            finally:
                self.checking.emit(False)
            if not clear:
                self.said.emit(self.tr(
                    "Not sent yet: the sender's domain is not ready (see above), so your "
                    "company's mail server may block this test. Send the test to a Gmail "
                    "address with the field above (to it alone: not to Cc or Bcc), or press "
                    "Send test to myself again to send it to {address} anyway.").format(
                    address=draft.from_addr))
                return None
        return await self._run_send(draft, Source.TEST)

    def _draft_or_explain(self) -> Draft | None:
        """The draft, or None with the reason shown (e.g. an invalid field on the Options tab,
        whose options the session refuses while it shows an error)."""
        try:
            return self._draft()
        except ValidationError as exc:
            self.said.emit(exc.message(current_lang()))
            return None

    @staticmethod
    async def _nothing() -> None:
        return None

    async def _run_send(self, draft: Draft, source: Source) -> SendResult | None:
        if self.busy:
            return None
        account = self.session.account
        config = account.server_config(self.session.send_password) if account else None
        if config is None or not draft.from_addr:
            self.said.emit(self.tr("Set up the account (sender address and server) on the "
                                   "Account tab first."))
            return None
        button = self.tr("Send test to myself") if source is Source.TEST else self.tr("Send")
        no_password = self.session.password_problem(button)
        if no_password:
            self.said.emit(no_password)
            return None
        if not self._merge_fields_confirmed(draft, button):
            return None
        if not self._problems_shown(draft):
            return None
        outbox = self.session.outbox(source)
        try:
            outgoing = outbox.build(draft)
        except OmiError as exc:
            self.said.emit(exc.message(current_lang()))
            return None
        self._set_busy(True)
        self.said.emit(self.tr("Sending…"))
        try:
            result = await outbox.send(config, outgoing, test=source is Source.TEST)
        except ValidationError as exc:  # an attachment holding the password: not sent
            self.refused.emit(pick(exc.text))
            self.said.emit(self.tr("Nothing was sent: correct the marked fields."))
            return None
        finally:
            self._set_busy(False)
        self.last_result = result
        self.unrecorded = outbox.log_error is not None  # not in the sent log (said below)
        self.answered.emit(result)
        if source is Source.COMPOSE and result.ok and all(r.accepted for r in result.recipients):
            self.delivered.emit()
        return result

    def unsaved_note(self) -> str:
        """What the Account tab changed and did not save, said with a result (QA3 #19): a
        send goes with the saved profile, yet with the password typed there."""
        from ..widgets.unsaved_account import COMPOSE, unsaved_account_note

        return unsaved_account_note(self.session, COMPOSE)

    def _merge_fields_confirmed(self, draft: Draft, button: str) -> bool:
        """{{fields}} are filled in only by a mailing: the first Send of such a message says
        so instead of sending them as typed (QA round 2, finding 17); again sends it."""
        from ...core.mailing import merge_fields

        fields, key = merge_fields(draft), (button, draft.subject, draft.html, draft.text)
        if not fields or key in self._merge_warned:
            return True
        self._merge_warned.add(key)
        self.said.emit(self.tr(
            "This message has merge fields ({fields}): only a mailing fills them in (Mailing "
            "tab). Press {button} again to send it as it is, with the fields as typed.").format(
            fields="、".join(f"{{{{{n}}}}}" for n in fields), button=button))
        return False

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busy_changed.emit(busy)

    def _task_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.said.emit(self.tr("Sending failed: {error}").format(error=str(exc)))
