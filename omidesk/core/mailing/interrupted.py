"""The recipients a killed run left "unknown" (its message data had started when the app or
the CLI was killed: the journal's recovery says so, reasons.INTERRUPTED_AFTER_DATA) written to
the sent log as unknown, once: nothing else ever recorded them there, since the kill came
before the reply the engine logs (QA round 3, finding 22). The sent log itself says whether it
already has them, so a later resume — in the app or `omidesk mailing` — never writes them
twice."""

from __future__ import annotations

import time

from ..journal import Entry, Journal, State
from ..journal_rows import key_of
from ..outbox import Outbox
from ..reasons import INTERRUPTED_AFTER_DATA
from ..sentlog import Outcome, SentRecipient, SentRecord, Source, message_subject
from .messages import MakeLaunch, MakeMessage, SendMode

_LOGGED = frozenset({Outcome.UNKNOWN, Outcome.SENT})  # a later attempt's record says enough


def record_interrupted(journal: Journal, outbox: Outbox, *, make_message: MakeMessage |
                       MakeLaunch, mode: SendMode, server: str = "") -> int:
    """Record each interrupted unknown recipient the sent log does not have for this
    mailing; returns how many were written (0 without a log, or when it cannot be read or
    written: the journal, not the log, decides who gets the message)."""
    log = outbox.sent_log
    if log is None:
        return 0
    interrupted = [e for e in journal.entries(State.UNKNOWN)
                   if e.reason == INTERRUPTED_AFTER_DATA]
    if not interrupted:
        return 0
    try:
        known = log.outcomes_of(journal.path.name)
    except Exception:  # noqa: BLE001 — the log only records; the mailing goes on
        return 0
    written = 0
    for entry in interrupted:
        if known.get(key_of(entry.address), set()) & _LOGGED:
            continue
        stored = outbox.record(SentRecord(
            account=outbox.account, subject=_subject(entry, make_message, mode),
            source=Source.MAILING,
            recipients=(SentRecipient(entry.address, Outcome.UNKNOWN, entry.reason),),
            message_id=entry.message_id, server=server,
            time=entry.updated_at or time.time(),
            mailing=journal.path.name))
        written += stored is not None
    return written


def _subject(entry: Entry, make_message: MakeMessage | MakeLaunch, mode: SendMode) -> str:
    """The subject as this recipient got it (the message built again for its row)."""
    try:
        if SendMode(mode) is SendMode.ONE_LAUNCH:
            outgoing = make_message([entry.row()])  # type: ignore[arg-type]
        else:
            outgoing = make_message(entry.row())  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 — a file gone since: the record without its subject
        return ""
    return message_subject(outgoing)


__all__ = ["record_interrupted"]
