"""A journal's state changes, each one committed before the next SMTP step: queued -> sending
-> sent | deferred (4xx, retried later) | failed (5xx) | unknown, and back to queued only by a
person's decision (resolve_unknown, retry_failed) or when nothing reached the server (requeue).

A base of Journal (journal.py): it uses the journal's connection, its write guard, its entries
and the list it was opened with."""

from __future__ import annotations

import sqlite3
import time
from contextlib import AbstractContextManager

from . import reasons
from .errors import ValidationError
from .journal_rows import Entry, State, key_of
from .text import Text


class JournalStates:
    """Needs: _db, _writing, entry and list_keys (Journal provides them)."""

    _db: sqlite3.Connection
    list_keys: frozenset[str] | None

    def _writing(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def entry(self, address: str) -> Entry:
        raise NotImplementedError

    def _update(self, address: str, sql: str, params: tuple[object, ...] = ()) -> None:
        with self._writing():
            cursor = self._db.execute(
                f"UPDATE recipients SET {sql}, updated_at = ? WHERE key = ?",
                (*params, time.time(), key_of(address)))
        if cursor.rowcount != 1:
            raise KeyError(address)

    def mark_sending(self, address: str, *, data_started: bool = False) -> None:
        """A new attempt. The mailing engine writes it right before the message body goes out
        (data_started=True: one commit instead of two on that path)."""
        self._update(address, "state = 'sending', attempts = attempts + 1, data_started = ?, "
                              "next_attempt_at = NULL", (int(data_started),))

    def mark_data_started(self, address: str) -> None:
        """Written right before the message body goes out: from here a lost reply is
        ambiguous."""
        self._update(address, "data_started = 1")

    def mark_sent(self, address: str, *, message_id: str, final_reply: str,
                  launch_id: str = "") -> None:
        self._update(address, "state = 'sent', message_id = ?, final_reply = ?, launch_id = ?, "
                              "reason = '', sent_at = ?, next_attempt_at = NULL",
                     (message_id, final_reply, launch_id, time.time()))

    def mark_deferred(self, address: str, *, reason: str, next_attempt_at: float,
                      new_attempt: bool = False) -> None:
        """new_attempt: the try that got this answer was not marked "sending" (refused before
        the data), so it is counted here."""
        self._update(address, "state = 'deferred', reason = ?, next_attempt_at = ?, "
                              "data_started = 0, attempts = attempts + ?",
                     (reason, next_attempt_at, int(new_attempt)))

    def mark_failed(self, address: str, *, reason: str, new_attempt: bool = False) -> None:
        self._update(address, "state = 'failed', reason = ?, next_attempt_at = NULL, "
                              "attempts = attempts + ?", (reason, int(new_attempt)))

    def mark_unknown(self, address: str, *, reason: str, message_id: str = "") -> None:
        self._update(address, "state = 'unknown', reason = ?, message_id = ?, "
                              "next_attempt_at = NULL", (reason, message_id))

    def requeue(self, address: str) -> None:
        """Back to queued: nothing of this message reached the server."""
        self._update(address, "state = 'queued', data_started = 0, next_attempt_at = NULL")

    def resolve_unknown(self, address: str, *, resend: bool) -> None:
        """A person's decision about an 'unknown' recipient: resend (queued again) or count
        it as sent (the recipient confirmed, or the relay's log shows it)."""
        if self.entry(address).state is not State.UNKNOWN:
            raise ValidationError(Text(f"{address} is not in the 'unknown' state",
                                       f"{address} 不是「不確定」狀態"),
                                  code="not_unknown", field="journal")
        if resend and self.list_keys is not None and \
                key_of(address) not in self.list_keys:
            raise ValidationError(Text(
                f"{address} is not in the list you gave (any more): it is not sent again. "
                "Add it back to the list to send it.",
                f"{address} 不在（或已不在）您提供的名單中：不會再發送給此地址。要發送給它，請把它"
                "加回名單。"), code="journal_not_in_list", field="journal")
        if resend:
            self._update(address, "state = 'queued', data_started = 0, reason = ''")
        else:
            self._update(address, "state = 'sent', reason = ?, sent_at = COALESCE(sent_at, ?)",
                         (reasons.MARKED_SENT, time.time()))

    def retry_failed(self) -> int:
        """Queue every failed recipient again (the user's "retry the failed ones")."""
        with self._writing():
            cursor = self._db.execute(
                "UPDATE recipients SET state = 'queued', updated_at = ?, next_attempt_at = NULL "
                "WHERE state = 'failed'", (time.time(),))
        return cursor.rowcount
