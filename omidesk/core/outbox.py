"""The one send path: a message is built, sent and recorded in the sent log by Outbox.send.
Compose, the connection test's test message, the Mailing tab's test to oneself and
`omidesk send` all call it; the mailing engine records each of its transactions through
Outbox.record. No UI or CLI module writes the sent log itself.

A sent log that cannot be written (a full disk, a damaged file) never turns a message the
server accepted into a failure: the error goes to on_log_error and the send result stands.

Light to import (the app's window may hold an Outbox before its first paint): the message
builder, the SMTP engine and SQLite load on the first send."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from .errors import OmiError
from .text import Text

if TYPE_CHECKING:
    from os import PathLike

    from .message import Draft, OutgoingMessage
    from .sentlog import SentLog, SentRecord, Source
    from .smtp.config import ServerConfig
    from .smtp.diagnosis import Diagnosis
    from .smtp.send import SendResult
    from .smtp.transcript import TranscriptEvent

log = logging.getLogger(__name__)

LogErrorHandler = Callable[[BaseException], None]


def log_errors() -> tuple[type[BaseException], ...]:
    """What opening or writing the sent log can raise; none of it may stop a send or a
    mailing (sqlite3 is imported here: it is loaded by then)."""
    import sqlite3

    return (OSError, sqlite3.Error, OmiError)


def account_label(sender: str, config: ServerConfig | None = None, *, profile: str = "") -> str:
    """How the sent log names the account a message went out with: the app's profile and its
    sender ("Office (me@example.com)"), or, on the command line where there is no profile,
    the sender and the server's login ("me@example.com via login@smtp.itpison.com")."""
    if profile:
        return f"{profile} ({sender})" if sender else profile
    if config is None:
        return sender
    return f"{sender} via {config.user}@{config.host}" if config.user else \
        f"{sender} via {config.host}"


def open_sent_log(path: str | PathLike[str],
                  on_error: LogErrorHandler | None = None) -> SentLog | None:
    """The sent log at `path`, or None when it cannot be opened (a damaged file, a folder
    that cannot be written): the error goes to on_error, and sending works without it."""
    from .sentlog import SentLog

    try:
        return SentLog(path)
    except log_errors() as exc:
        exc = _said(exc, path)  # e.g. the folder could not be made
        # said once: by on_error when there is one (the log file still has it), else here
        log.log(logging.INFO if on_error is not None else logging.WARNING,
                "cannot open the sent log %s: %s", path, exc)
        if on_error is not None:
            on_error(exc)
        return None


def _said(exc: BaseException, path: str | PathLike[str]) -> BaseException:
    """A sent-log error as the user is told it: an OmiError says itself, any other is a
    StorageError naming the file (files.storage_error)."""
    if isinstance(exc, OmiError):
        return exc
    from .files import storage_error
    from .sentlog import SENT_LOG

    return storage_error(exc, path, what=SENT_LOG.the, field=SENT_LOG.field)


NOT_RECORDED = Text(
    "This message is not in the sent log (it could not be written there): keep its "
    "Message-ID, shown above — with it the server’s operator can trace the message.",
    "這封郵件不在寄件記錄中（無法寫入寄件記錄）：請自行保留上方的 Message-ID，"
    "伺服器的管理者可以據此追查。")
NOT_RECORDED_RELAY = Text(
    "This message is not in the sent log (it could not be written there): keep its "
    "Message-ID and LaunchID, shown above — with them 沛盛資訊 support can trace the message.",
    "這封郵件不在寄件記錄中（無法寫入寄件記錄）：請自行保留上方的 Message-ID 與 LaunchID，"
    "沛盛資訊客服可以據此追查。")
_KEEPS = (re.compile(r"The sent log keeps its .*$", re.DOTALL),
          re.compile(r"寄件記錄保存了.*$", re.DOTALL))


def not_recorded(diagnosis: Diagnosis) -> Text:
    """What to say of a message that went out without its record: not in the sent log, keep
    its Message-ID (and LaunchID, on the relay)."""
    return NOT_RECORDED_RELAY if "LaunchID" in diagnosis.next_step.en else NOT_RECORDED


def without_record(diagnosis: Diagnosis) -> Diagnosis:
    """The diagnosis of a send whose record could not be written: its next step says that
    the sent log keeps the Message-ID; instead, that it does not, and to keep it."""
    step = diagnosis.next_step
    if not _KEEPS[0].search(step.en):
        return diagnosis
    instead = not_recorded(diagnosis)
    return replace(diagnosis, next_step=Text(_KEEPS[0].sub(instead.en, step.en),
                                             _KEEPS[1].sub(instead.zh, step.zh)))


def log_error_note(exc: BaseException) -> Text:
    """A sent log that cannot be opened or written, as the user is told (the CLI's line on
    stderr, the app's status bar): not fatal, the message goes out all the same."""
    if isinstance(exc, OmiError):  # core says which file and why (_said, storage_error)
        return Text(f"Note: {exc.text.en} Sending goes on, but what is sent is not "
                    "recorded there.",
                    f"注意：{exc.text.zh}發送不受影響，但發送的郵件不會記錄在寄件記錄中。")
    return Text(f"Note: the sent log cannot be written ({exc}).",
                f"注意：無法寫入寄件記錄（{exc}）。")


class Outbox:
    """Builds, sends and records. `account` names the account in the sent log (see
    account_label) and `source` says where a message came from; both can be given per send.
    `sent_log` may be None (no log: nothing is recorded) and may be replaced at any time."""

    def __init__(self, sent_log: SentLog | None, *, account: str = "",
                 source: Source | None = None,
                 on_log_error: LogErrorHandler | None = None) -> None:
        self.sent_log = sent_log
        self.account = account
        self._source = source
        self.on_log_error = on_log_error
        self.log_error: BaseException | None = None  # the last write that failed

    @property
    def source(self) -> Source:
        from .sentlog import Source

        return self._source if self._source is not None else Source.COMPOSE

    @staticmethod
    def build(message: Draft | OutgoingMessage, *, max_bytes: int | None = None
              ) -> OutgoingMessage:
        """The message as it will be sent: a Draft is checked and built (ValidationError for
        the first problem, nothing sent; a schedule already past is one: send_time_problems);
        a built message is taken as it is."""
        from .message import DEFAULT_MAX_BYTES, Draft, build_message, send_time_problems

        if isinstance(message, Draft):
            outgoing = build_message(message, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
            for problem in send_time_problems(message):
                raise problem
            return outgoing
        return message

    async def send(self, config: ServerConfig, message: Draft | OutgoingMessage, *,
                   test: bool = False, source: Source | None = None,
                   account: str | None = None, max_bytes: int | None = None,
                   on_event: Callable[[TranscriptEvent], None] | None = None) -> SendResult:
        """Build (a Draft), send with failover to the backup host, record the outcome of
        every recipient in the sent log, and return the SendResult. A bad draft raises
        ValidationError before anything is sent; a failed send is a result, not an error;
        a cancelled send is recorded as what it left (unknown once the body went out, as a
        connection lost there; not sent before) and raises SendInterrupted with its result.
        An attachment that holds the password is a ValidationError too (secret_scan).
        `test`: a test message (the diagnosis words its result so)."""
        from .sentlog import record_from_send_result
        from .smtp.send import SendInterrupted, send_message

        from .secret_scan import check_attachments

        outgoing = self.build(message, max_bytes=max_bytes)
        check_attachments(outgoing, config.secrets())  # before any connection

        def record(result: SendResult) -> None:
            self.record(record_from_send_result(
                result, outgoing, account=self.account if account is None else account,
                source=source if source is not None else self.source))

        try:
            result = await send_message(config, outgoing, on_event=on_event, test=test)
        except SendInterrupted as stopped:
            record(stopped.result)
            raise
        record(result)
        return result

    def record(self, record: SentRecord, *,
               on_error: LogErrorHandler | None = None) -> SentRecord | None:
        """Store one record (with its id), or None when there is no log or it cannot be
        written: then the error goes to on_error (else the Outbox's on_log_error) and is
        kept in log_error; it is never raised."""
        if self.sent_log is None:
            return None
        try:
            return self.sent_log.record(record)
        except log_errors() as exc:
            exc = _said(exc, self.sent_log.path)
            self.log_error = exc
            handler = on_error if on_error is not None else self.on_log_error
            log.log(logging.INFO if handler is not None else logging.WARNING,
                    "the sent log could not be written: %s", exc)
            if handler is not None:
                handler(exc)
            return None


__all__ = ["Outbox", "account_label", "log_error_note", "log_errors", "not_recorded",
           "open_sent_log", "without_record"]
