"""What a mailing's transactions leave behind: each recipient's state in the journal (one
commit per transaction), the transaction in the sent log, and the progress told to the
caller. engine.py drives the SMTP side and calls these as the server answers."""

from __future__ import annotations

import contextlib
import time
from contextlib import AbstractContextManager

from .. import reasons
from ..journal import Journal
from ..journal_rows import key_of
from ..listeners import guarded
from ..message import OutgoingMessage
from ..outbox import Outbox
from ..sentlog import Outcome, SentRecipient, SentRecord, Source, message_subject
from ..errors import SMTPFailure, SMTPReplyError
from ..smtp.config import ServerConfig
from ..smtp.send import is_delivery_unknown, launch_id
from ..smtp.session import Envelope, Session
from ..smtp.transcript import redactor_for
from ..text import Text
from .due_rows import DueRows
from .settings import MailingHooks, MailingSettings, Progress, backoff_delay


class Outcomes:
    """The journal, the sent log and the progress of one run (the engine's _Run is one)."""

    def __init__(self, config: ServerConfig, journal: Journal, rows: DueRows, *,
                 settings: MailingSettings, outbox: Outbox, hooks: MailingHooks) -> None:
        self.config, self.journal, self.rows, self.outbox = config, journal, rows, outbox
        self.backoff = tuple(settings.backoff)
        self.redact = redactor_for(config)
        # a hook's own errors are not the mailing's (core/listeners.py)
        self.on_progress = guarded(hooks.on_progress, "progress")
        self.on_warning = guarded(hooks.on_warning, "warning")
        self.log_failed = False
        self.started = time.monotonic()
        self.handled = 0

    def _commit(self, rows: int) -> AbstractContextManager[None]:
        """One commit for the changes to several rows (a launch's); one row's change is one
        statement, committed on its own (no BEGIN and COMMIT around it)."""
        return self.journal.batch() if rows > 1 else contextlib.nullcontext()

    def _settle_envelope(self, envelope: Envelope, pending: dict[str, str],
                         outcomes: dict[str, SentRecipient]) -> None:
        """One commit after RCPT: the refused ones decided, the accepted ones "sending" with
        their data started (from here on a lost connection may mean the server has it)."""
        refused = {key_of(a): reply for a, reply in envelope.refused.items()}
        accepted = {key_of(a) for a in envelope.accepted}
        with self._commit(len(pending)):
            for key, address in list(pending.items()):
                if key not in accepted:
                    reply = refused.get(key) or next(iter(refused.values()), "refused")
                    outcomes[key] = self._refused(address, reply, new_attempt=True)
                    del pending[key]
            for address in pending.values():
                self.journal.mark_sending(address, data_started=True)

    def _settle_sent(self, outgoing: OutgoingMessage, pending: dict[str, str],
                     outcomes: dict[str, SentRecipient], final: str) -> None:
        """250 after the data: one commit marks every pending recipient sent."""
        lid = launch_id(final)
        with self._commit(len(pending)):
            for key, address in pending.items():
                # the server has it: the sent log says so even when the journal cannot
                outcomes[key] = SentRecipient(address, Outcome.SENT, final)
                self.journal.mark_sent(address, message_id=outgoing.message_id,
                                       final_reply=final, launch_id=lid)
        pending.clear()

    def _settle_failure(self, exc: SMTPFailure | OSError, session: Session | None,
                        outgoing: OutgoingMessage, pending: dict[str, str],
                        outcomes: dict[str, SentRecipient], *, data_phase: bool,
                        marked: bool) -> None:
        """A refusal (a reply) or a lost, timed-out or garbled connection during the
        transaction: unknown where the data went out without an answer, else refused or
        deferred."""
        with self._commit(len(pending)):
            for key, address in pending.items():
                if data_phase and session is not None and is_delivery_unknown(session, exc):
                    outcomes[key] = self._unknown(address, outgoing, exc)
                elif isinstance(exc, SMTPReplyError):
                    outcomes[key] = self._refused(address, exc.reply or exc.message("en"),
                                                  new_attempt=not marked)
                else:
                    outcomes[key] = self._defer(address, reasons.coded(reasons.CONNECTION, exc),
                                                new_attempt=not marked)

    def _settle_cancelled(self, outgoing: OutgoingMessage, pending: dict[str, str],
                          outcomes: dict[str, SentRecipient], *, data_sent: bool,
                          marked: bool) -> None:
        """Cancelled: unknown where the data went out, queued again where nothing of the
        body did."""
        with self._commit(len(pending)):
            for key, address in pending.items():
                if data_sent:
                    self.journal.mark_unknown(address, message_id=outgoing.message_id,
                                              reason=reasons.CANCELLED_AFTER_DATA)
                    outcomes[key] = SentRecipient(address, Outcome.UNKNOWN, "cancelled")
                elif marked:
                    self.journal.requeue(address)  # nothing of the body went out

    def _refused(self, address: str, reply: str, *, new_attempt: bool) -> SentRecipient:
        reply = self.redact(reply)
        if reply.startswith("4"):
            return self._defer(address, reply, new_attempt=new_attempt)
        self.journal.mark_failed(address, reason=reply, new_attempt=new_attempt)
        return SentRecipient(address, Outcome.REFUSED, reply)

    def _defer(self, address: str, reason: str, *, new_attempt: bool) -> SentRecipient:
        reason = self.redact(reason)
        self.rows.forget()  # it may come due before the rows read ahead
        attempts = self.journal.entry(address).attempts + int(new_attempt)
        self.journal.mark_deferred(
            address, reason=reason, new_attempt=new_attempt,
            next_attempt_at=time.time() + backoff_delay(attempts, self.backoff))
        return SentRecipient(address, Outcome.DEFERRED, reason)

    def _unknown(self, address: str, outgoing: OutgoingMessage,
                 exc: BaseException) -> SentRecipient:
        reason = reasons.coded(reasons.LOST_AFTER_DATA, exc)
        self.journal.mark_unknown(address, message_id=outgoing.message_id, reason=reason)
        return SentRecipient(address, Outcome.UNKNOWN, reason)

    def _log(self, outgoing: OutgoingMessage, outcomes: dict[str, SentRecipient], *,
             final_reply: str = "", launch: str = "") -> None:
        if not outcomes:
            return
        self.outbox.record(SentRecord(
            account=self.outbox.account, subject=message_subject(outgoing),
            source=Source.MAILING, recipients=tuple(outcomes.values()),
            message_id=outgoing.message_id, launch_id=launch, final_reply=final_reply,
            server=f"{self.config.host}:{self.config.port}",
            mailing=self.journal.path.name), on_error=self._log_failed)

    def _log_failed(self, exc: BaseException) -> None:
        """The journal decides who gets the message; the log only records: say it once."""
        if not self.log_failed and self.on_warning is not None:
            self.on_warning(Text(
                f"The sent log could not be written ({exc}); the mailing goes on, and its "
                "journal keeps every recipient's result.",
                f"無法寫入寄件記錄（{exc}）；群發會繼續，每位收件者的結果仍記在日誌檔中。"))
        self.log_failed = True

    def _progress(self, addresses: list[str]) -> None:
        self.handled += len(addresses)
        if self.on_progress is None:
            return
        summary = self.journal.summary()
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.handled / elapsed * 60
        left = summary["queued"] + summary["deferred"]
        for address in addresses:
            self.on_progress(Progress(
                entry=self.journal.entry(address), summary=summary,
                done=summary["sent"] + summary["failed"] + summary["unknown"],
                total=summary["total"], rate_per_minute=rate,
                seconds_left=left / rate * 60 if rate > 0 else None))


__all__ = ["Outcomes"]
