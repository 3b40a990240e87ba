"""What a mailing is told before it runs (MailingSettings), what it tells its caller while
it runs (MailingHooks, Progress), and the backoff table: plain data, shared by the Mailing tab,
`omidesk mailing` and the engine."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .messages import SendMode

if TYPE_CHECKING:
    from ..journal import Entry
    from ..smtp.transcript import TranscriptEvent
    from ..text import Text

DEFAULT_BACKOFF: tuple[float, ...] = (60.0, 300.0, 900.0, 3600.0)
DEFAULT_BATCH = 100  # recipients per launch transaction (RFC 5321 §4.5.3.1.8: 100 at least)
READ_AHEAD = 64  # due rows read from the journal at once (one query, not one per message)
MAX_CONNECTIONS = 4  # SMTP sessions one mailing may use at once
# Seconds a connection may sit unused before it is asked NOOP before its next message:
# servers close idle sessions (aiosmtpd and Postfix's smtpd_timeout after 300 s, Postfix under
# stress after 10 s), and a connection they closed must not cost a recipient an attempt.
IDLE_CHECK = 30.0


@dataclass(frozen=True)
class MailingSettings:
    """How a mailing is sent: plain data that the Mailing tab and `omidesk mailing` fill from
    their inputs (each checks its own; the engine only clamps batch_size and max_attempts to
    at least 1).

    - mode INDIVIDUAL: make_message(row) per recipient; ONE_LAUNCH: make_message(rows) once
      per batch of `batch_size` recipients, all in one envelope (message_maker gives both).
    - rate_per_minute: at most this many transactions started per minute (None: no limit).
    - max_attempts: tries per recipient within this run; a 4xx row is retried (after its
      backoff, waiting for it) until then, and stays deferred for a later run afterwards.
    - backoff: seconds to wait after the 1st, 2nd, … try (the last value repeats).
    - connections: SMTP sessions at once, 1 to MAX_CONNECTIONS (clamped); each takes the
      next recipient. More than one only helps where the round trips, not the relay, are
      the limit (README: performance); a relay may refuse extra ones (421: they back off).
    - idle_check: a connection unused this long is asked NOOP before its next message (one
      the server closed meanwhile is replaced, nobody charged for it)."""

    mode: SendMode = SendMode.INDIVIDUAL
    batch_size: int = DEFAULT_BATCH
    rate_per_minute: float | None = None
    max_attempts: int = 3
    backoff: tuple[float, ...] = DEFAULT_BACKOFF
    connections: int = 1
    idle_check: float = IDLE_CHECK


@dataclass(frozen=True)
class MailingHooks:
    """What a running mailing tells its caller, and how the caller steers it (all optional).

    - on_progress(Progress): after each recipient's transaction.
    - on_event(TranscriptEvent): the SMTP transcript, redacted.
    - on_unencrypted_login(): a session logged in without TLS (only ever when the
      configuration allows it), so the caller can say the password went unencrypted.
    - on_warning(Text): told once when the sent log cannot be written (the mailing goes on).
    - on_waiting(Waiting | None): nothing is due before a deferred recipient's backoff ends,
      so the run waits (said once per wait, and again when what it waits for changes); None
      when it sends again.
    - resume_event: the run goes on only while it is set; clear it to pause between
      messages, set it to resume."""

    on_progress: Callable[[Progress], None] | None = None
    on_event: Callable[[TranscriptEvent], None] | None = None
    on_unencrypted_login: Callable[[], None] | None = None
    on_warning: Callable[[Text], None] | None = None
    on_waiting: Callable[[Waiting | None], None] | None = None
    resume_event: asyncio.Event | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Progress:
    """Handed to on_progress after each recipient's transaction."""

    entry: Entry  # the recipient just handled, as the journal now has it
    summary: dict[str, int]
    done: int  # sent + failed + unknown (final for this mailing)
    total: int
    rate_per_minute: float  # messages handled per minute in this run
    seconds_left: float | None  # estimate for the queued ones at that rate


@dataclass(frozen=True)
class Waiting:
    """A run waiting out a backoff: nothing is due until `until`. The CLI and the Mailing tab
    say it (a wait of minutes is not a hang; stopping now is safe, and starting again
    resumes)."""

    deferred: int  # deferred recipients this run will still retry
    address: str  # the one that comes due first (first in list order among equals)
    reason: str  # its reason as the journal keeps it (core.reasons.reason_text words it)
    until: float  # when it comes due (time.time())


def backoff_delay(attempts: int, backoff: Sequence[float]) -> float:
    """Delay before the next try after `attempts` tries (1-based), from the backoff table."""
    if not backoff:
        return 0.0
    return float(backoff[min(max(attempts, 1), len(backoff)) - 1])


__all__ = ["MailingSettings", "MailingHooks", "Progress", "Waiting", "backoff_delay",
           "DEFAULT_BACKOFF", "DEFAULT_BATCH", "READ_AHEAD", "MAX_CONNECTIONS", "IDLE_CHECK"]
