"""The sent log: every SMTP transaction OMIDesk made for a message, from Compose, a test, a
mailing in the app or `omidesk mailing`: when, from which account, the subject, each
recipient's outcome, the Message-ID and the relay's LaunchID. Never a password: records are
made from redacted replies and addresses only.

SQLite in the user data folder (WAL, synchronous=NORMAL: a record survives the app being
killed; only a power cut can lose the last ones, and the mailing journal — not this log — is
what guarantees nobody gets a message twice). Private to the user (0600), and refused when
the file is something else (database.py). A record damaged outside OMIDesk is left out of
searches and exports (Records.damaged counts them): the rest stays readable.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from email.header import decode_header, make_header
from enum import StrEnum
from os import PathLike
from pathlib import Path
from typing import Any

from .database import DatabaseKind, open_database, register
from .export import write_csv
from .files import is_storage_failure, private_folder, storage_error
from .message import OutgoingMessage
from .paths import DataFolder, default_data_folder
from .smtp.send import SendResult
from .reasons import shown_reason
from .text import Text

log = logging.getLogger(__name__)


class Source(StrEnum):
    COMPOSE = "compose"
    TEST = "test"  # a test message (connection test, test-to-self)
    MAILING = "mailing"  # a mailing in the app
    CLI = "cli"  # omidesk send / omidesk mailing


class Outcome(StrEnum):
    SENT = "sent"  # accepted (250 after DATA)
    REFUSED = "refused"  # 5xx for this recipient, or the whole message
    DEFERRED = "deferred"  # 4xx: try again later
    UNKNOWN = "unknown"  # connection lost after the data went out: the server may have it
    NOT_SENT = "not_sent"  # nothing reached the server (connection/login failed)


@dataclass(frozen=True)
class SentRecipient:
    address: str
    outcome: Outcome
    reply: str = ""


@dataclass(frozen=True)
class SentRecord:
    account: str
    subject: str
    source: Source
    recipients: tuple[SentRecipient, ...]
    message_id: str = ""
    launch_id: str = ""
    final_reply: str = ""
    server: str = ""  # host:port
    time: float = field(default_factory=time.time)
    mailing: str = ""  # the journal's name, for a mailing
    id: int | None = None

    @property
    def ok(self) -> bool:
        return bool(self.recipients) and all(
            r.outcome is Outcome.SENT for r in self.recipients)

    def counts(self) -> dict[str, int]:
        out = {str(o): 0 for o in Outcome}
        for r in self.recipients:
            out[str(r.outcome)] += 1
        return out

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "time": _iso(self.time), "account": self.account,
            "subject": self.subject, "source": str(self.source), "server": self.server,
            "message_id": self.message_id, "launch_id": self.launch_id,
            "final_reply": self.final_reply, "mailing": self.mailing,
            "recipients": [{"address": r.address, "outcome": str(r.outcome), "reply": r.reply}
                           for r in self.recipients],
        }


def _iso(stamp: float) -> str:
    return datetime.fromtimestamp(stamp).astimezone().isoformat(timespec="seconds")


def message_subject(outgoing: OutgoingMessage) -> str:
    """The subject as the recipient reads it (encoded words decoded)."""
    raw = outgoing.message.get("Subject", "")
    try:
        return str(make_header(decode_header(str(raw))))
    except (ValueError, LookupError):
        return str(raw)


_MESSAGE_REFUSALS = frozenset({"sender_rejected", "message_rejected", "message_too_large",
                               "temporary_failure", "relay_denied"})


def record_from_send_result(result: SendResult, outgoing: OutgoingMessage, *, account: str,
                            source: Source) -> SentRecord:
    """A Compose/test/CLI send as a log record: every envelope recipient with its outcome and
    reply (a connection or login failure leaves them all "not sent"; a connection lost after
    the message went out, before the reply, leaves the accepted ones "unknown", never "not
    sent": the server may have it, and resending could deliver it twice)."""
    replies = {r.address.lower(): r for r in result.recipients}
    recipients = []
    for address in outgoing.rcpt_to:
        known = replies.get(address.lower())
        if known is None:  # never reached RCPT: refused with the message, or never tried
            reply = result.final_reply or result.diagnosis.reply
            refused = result.diagnosis.code in _MESSAGE_REFUSALS and bool(reply)
            recipients.append(SentRecipient(
                address, _refusal(reply) if refused else Outcome.NOT_SENT,
                reply if refused else ""))
        elif not known.accepted:
            recipients.append(SentRecipient(address, _refusal(known.reply), known.reply))
        elif result.ok:
            recipients.append(SentRecipient(address, Outcome.SENT, result.final_reply))
        elif result.delivery_unknown:
            recipients.append(SentRecipient(address, Outcome.UNKNOWN, ""))
        else:  # accepted at RCPT, then the message itself was refused (or nothing was sent)
            reply = result.final_reply or result.diagnosis.reply
            recipients.append(SentRecipient(address, _refusal(reply), reply) if reply else
                              SentRecipient(address, Outcome.NOT_SENT, ""))
    return SentRecord(account=account, subject=message_subject(outgoing), source=source,
                      recipients=tuple(recipients), message_id=outgoing.message_id,
                      launch_id=result.launch_id, final_reply=result.final_reply,
                      server=f"{result.host}:{result.port}")


def _refusal(reply: str) -> Outcome:
    return Outcome.DEFERRED if reply.startswith("4") else Outcome.REFUSED


def default_sent_log_path() -> Path:
    """The app's own sent log, as the command line finds it (paths.DataFolder)."""
    return DataFolder.default().sent_log


_SCHEMA = """
CREATE TABLE IF NOT EXISTS sent (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time REAL NOT NULL,
    account TEXT NOT NULL,
    subject TEXT NOT NULL,
    source TEXT NOT NULL,
    server TEXT NOT NULL DEFAULT '',
    message_id TEXT NOT NULL DEFAULT '',
    launch_id TEXT NOT NULL DEFAULT '',
    final_reply TEXT NOT NULL DEFAULT '',
    mailing TEXT NOT NULL DEFAULT '',
    recipients_json TEXT NOT NULL,
    search TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sent_time ON sent (time);
"""

_COLUMNS = ("id, time, account, subject, source, server, message_id, launch_id, final_reply, "
            "mailing, recipients_json")

SENT_LOG = register(DatabaseKind(
    name=Text("OMIDesk's sent log", "OMIDesk 的寄件記錄"),
    the=Text("the sent log", "寄件記錄"), application_id=0x4F4D494C,  # "OMIL"
    tables=frozenset({"sent"}), schema=_SCHEMA, field="sent_log", code="not_a_sent_log"))

CSV_COLUMNS = ["time", "account", "source", "subject", "recipient", "outcome", "reply",
               "message_id", "launch_id", "server", "mailing"]


class Records(list["SentRecord"]):
    """Search results; `damaged`: records that could not be read (changed outside OMIDesk)
    and were left out."""

    damaged: int = 0


class SentLog:
    """The log file. Cheap to write (one INSERT per transaction), searched newest first."""

    def __init__(self, path: str | PathLike[str]) -> None:
        """ValidationError when the file is not a sent log, StorageError when it cannot be
        created or written (both are OmiErrors; a mailing goes on without its log)."""
        self.path = Path(path)
        # OMIDesk's own data folder is narrowed to its owner; a folder the user chose is not.
        private_folder(self.path.parent,
                       tighten=DataFolder(self.path.parent).is_default())
        self._db = open_database(self.path, SENT_LOG, check_same_thread=False)
        self._listeners: list[Callable[[SentRecord], None]] = []
        self._closed = False

    def close(self) -> None:
        self._closed = True
        self._db.close()

    def __enter__(self) -> SentLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def subscribe(self, callback: Callable[[SentRecord], None]) -> None:
        """callback(record) after each record() (the UI's sent-log view refreshes)."""
        self._listeners.append(callback)

    def unsubscribe(self, callback: Callable[[SentRecord], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def record(self, rec: SentRecord) -> SentRecord:
        """Store it (and tell the listeners). After close() nothing is stored: a mailing that
        ends while the app quits must not fail on its log."""
        if self._closed:
            return rec
        recipients = [[r.address, str(r.outcome), r.reply] for r in rec.recipients]
        search = " ".join([rec.account, rec.subject, rec.message_id, rec.launch_id,
                           rec.server, rec.mailing, rec.final_reply,
                           *(r.address for r in rec.recipients)]).casefold()
        try:  # another writer's turn is waited for (database.BUSY_TIMEOUT), then said
            cursor = self._db.execute(
                "INSERT INTO sent (time, account, subject, source, server, message_id, "
                "launch_id, final_reply, mailing, recipients_json, search) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (rec.time, rec.account, rec.subject, str(rec.source), rec.server,
                 rec.message_id, rec.launch_id, rec.final_reply, rec.mailing,
                 json.dumps(recipients, ensure_ascii=False), search))
        except sqlite3.Error as exc:
            if is_storage_failure(exc):
                raise storage_error(exc, self.path, what=SENT_LOG.the,
                                    field=SENT_LOG.field) from None
            raise
        stored = SentRecord(**{**rec.__dict__, "id": cursor.lastrowid})
        for callback in list(self._listeners):
            callback(stored)
        return stored

    def search(self, text: str = "", *, limit: int = 1000,
               source: Source | str | None = None) -> Records:
        """Newest first. Every word of `text` must appear in the account, subject, an
        address, the Message-ID, the LaunchID, the server or the final reply."""
        where, params = [], []
        for word in text.casefold().split():
            where.append("instr(search, ?) > 0")
            params.append(word)
        if source:
            where.append("source = ?")
            params.append(str(Source(source)))
        sql = f"SELECT {_COLUMNS} FROM sent"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY time DESC, id DESC LIMIT ?"
        found = Records()
        for row in self._db.execute(sql, (*params, limit)).fetchall():
            try:
                found.append(_record(row))
            except (ValueError, TypeError, KeyError, OverflowError, OSError):
                found.damaged += 1
        if found.damaged:
            log.warning("%d damaged record(s) in the sent log %s left out", found.damaged,
                        self.path)
        return found

    def outcomes_of(self, mailing: str) -> dict[str, set[Outcome]]:
        """Every outcome recorded for each recipient (lower-case address) of this mailing
        (a journal's name): whether a recipient is in the log already."""
        out: dict[str, set[Outcome]] = {}
        for (recipients_json,) in self._db.execute(
                "SELECT recipients_json FROM sent WHERE mailing = ?", (mailing,)):
            try:
                for address, outcome, _reply in json.loads(recipients_json):
                    out.setdefault(str(address).strip().lower(), set()).add(Outcome(outcome))
            except (ValueError, TypeError):
                continue  # a damaged record (searches leave it out too)
        return out

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM sent").fetchone()[0])

    def export_csv(self, path: str | PathLike[str],
                   records: Iterable[SentRecord] | None = None, *,
                   field: str | None = "export", lang: str = "en") -> int:
        """One line per recipient, UTF-8 with BOM (Excel shows Chinese), formula-like cells
        made safe (export.py), OMIDesk's own reasons in `lang`. Returns the lines written;
        StorageError when it cannot be written (the file is then left as it was)."""
        chosen = self.search(limit=1_000_000) if records is None else records
        return write_csv(path, CSV_COLUMNS, (
            [_iso(rec.time), rec.account, str(rec.source), rec.subject, r.address,
             str(r.outcome), shown_reason(r.reply, lang), rec.message_id, rec.launch_id,
             rec.server, rec.mailing]
            for rec in chosen for r in rec.recipients), field=field)


def _record(row: tuple[Any, ...]) -> SentRecord:
    """A stored row; ValueError/TypeError when it was changed into something OMIDesk does
    not write."""
    (id_, stamp, account, subject, source, server, message_id, launch_id, final_reply,
     mailing, recipients_json) = row
    recipients = tuple(SentRecipient(str(a), Outcome(o), str(reply))
                       for a, o, reply in json.loads(recipients_json))
    if not isinstance(stamp, (int, float)) or not all(
            isinstance(v, str) for v in (account, subject, server, message_id, launch_id,
                                         final_reply, mailing)):
        raise TypeError("a column of the wrong type")
    _iso(stamp)  # a time that cannot be shown (out of range) is damage too
    return SentRecord(account=account, subject=subject, source=Source(source),
                      recipients=recipients, message_id=message_id, launch_id=launch_id,
                      final_reply=final_reply, server=server, time=stamp, mailing=mailing,
                      id=id_)


__all__ = ["SentLog", "SentRecord", "Records", "SENT_LOG", "CSV_COLUMNS", "SentRecipient",
           "Source", "Outcome", "record_from_send_result", "message_subject",
           "default_sent_log_path", "default_data_folder"]
