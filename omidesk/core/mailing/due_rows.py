"""Which recipients a mailing's connections take next: the journal's due rows, read ahead
and handed out once — a row is claimed from the moment a connection takes it until its
transaction settles, so two connections never send to the same recipient (engine.py)."""

from __future__ import annotations

import time
from collections import deque

from ..journal import Entry, Journal, State
from .settings import READ_AHEAD


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
            key = entry.address.lower()
            if key not in self.claimed:
                self.claimed.add(key)
                batch.append(entry)
        return batch

    def _read_ahead(self) -> None:
        exhausted, claimed = self.exhausted, self.claimed
        self.ahead.clear()
        for entry in self.journal.due(limit=max(READ_AHEAD, self.batch_size) + len(exhausted)
                                      + len(claimed)):
            key = entry.address.lower()
            if key not in claimed and (entry.state is State.QUEUED or key not in exhausted):
                self.ahead.append(entry)

    def release(self, entries: list[Entry]) -> None:
        """Their transaction settled (or was never sent): no longer claimed."""
        for entry in entries:
            self.claimed.discard(entry.address.lower())

    def put_back(self, entries: list[Entry]) -> None:
        """Taken but never started (paused before their transaction): first in line again."""
        self.release(entries)
        self.ahead.extendleft(reversed(entries))

    def forget(self) -> None:
        """A row was deferred: the rows read ahead are read again when next needed."""
        self.ahead.clear()

    def retry_in(self) -> float | None:
        """Seconds until a deferred row this run may still retry comes due, or None."""
        now, soonest = time.time(), None
        for entry in self.journal.entries(State.DEFERRED):
            if entry.address.lower() in self.exhausted:
                continue
            at = entry.next_attempt_at or now
            soonest = at if soonest is None else min(soonest, at)
        return None if soonest is None else max(soonest - now, 0.0)


__all__ = ["DueRows"]
