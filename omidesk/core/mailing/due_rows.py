"""Which recipients a mailing's connections take next: the journal's due rows, read ahead
and handed out once — a row is claimed from the moment a connection takes it until its
transaction settles, so two connections never send to the same recipient (engine.py)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable

from ..journal import Entry, Journal, State
from ..journal_rows import key_of
from .settings import READ_AHEAD, Waiting


def first_due(deferred: Iterable[Entry]) -> Entry | None:
    """Of deferred rows, the one the engine retries first: the soonest due, the first in
    list order among equals (a row without a time is due at once)."""
    return min(deferred, key=lambda e: e.next_attempt_at or 0.0, default=None)


class DueRows:
    """The due rows read ahead, in list order; the keys handed out and not settled yet; the
    keys tried as often as this run allows (not handed out again, unless queued anew)."""

    def __init__(self, journal: Journal, batch_size: int) -> None:
        self.journal, self.batch_size = journal, batch_size
        self.ahead: deque[Entry] = deque()
        self.claimed: set[str] = set()
        self.exhausted: set[str] = set()

    def take(self) -> list[Entry]:
        """The next transaction's recipients (claimed), in list order, from the due rows read
        ahead: one journal query per READ_AHEAD rows. Only this run writes the journal (its
        lock), so a row read ahead stays due until it is handed out; the rows are read again
        when used up, and after a row was deferred (it may come due before them: forget)."""
        batch: list[Entry] = []
        read = False
        while len(batch) < self.batch_size:
            if not self.ahead:
                if read:
                    break
                self._read_ahead()  # the rows just taken are claimed: not read again
                read = True
                continue
            entry = self.ahead.popleft()
            key = key_of(entry.address)
            if key not in self.claimed:
                self.claimed.add(key)
                batch.append(entry)
        return batch

    def _read_ahead(self) -> None:
        exhausted, claimed = self.exhausted, self.claimed
        self.ahead.clear()
        for entry in self.journal.due(limit=max(READ_AHEAD, self.batch_size) + len(exhausted)
                                      + len(claimed)):
            key = key_of(entry.address)
            if key not in claimed and (entry.state is State.QUEUED or key not in exhausted):
                self.ahead.append(entry)

    def release(self, entries: list[Entry]) -> None:
        """Their transaction settled (or was never sent): no longer claimed."""
        for entry in entries:
            self.claimed.discard(key_of(entry.address))

    def put_back(self, entries: list[Entry]) -> None:
        """Taken but never started (paused before their MAIL FROM, or their connection
        stopped before it): first in line again."""
        self.release(entries)
        self.ahead.extendleft(reversed(entries))

    def forget(self) -> None:
        """A row was deferred: the rows read ahead are read again when next needed."""
        self.ahead.clear()

    def waiting(self) -> Waiting | None:
        """What the run waits for when nothing is due now: the deferred rows it may still
        retry, and the first of them to come due; None when there are none."""
        retry = [e for e in self.journal.entries(State.DEFERRED)
                 if key_of(e.address) not in self.exhausted]
        first = first_due(retry)
        if first is None:
            return None
        return Waiting(deferred=len(retry), address=first.address, reason=first.reason,
                       until=first.next_attempt_at or time.time())


__all__ = ["DueRows"]
