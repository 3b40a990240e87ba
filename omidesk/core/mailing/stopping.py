"""Ending a mailing without an "unknown": nothing more is started, the transaction in
progress settles in the journal (its reply waited for: the engine's own timeout bounds the
wait), then the run is cancelled. The app's Quit and `omidesk mailing`'s first Ctrl+C or
SIGTERM both end a mailing this way; cancelling the run at once (a second signal) leaves
the recipient whose message was on its way "unknown"."""

from __future__ import annotations

import asyncio
from typing import Any

from ..journal import Journal, State


async def stop_after_current(task: asyncio.Task[Any], journal: Journal,
                             resume_event: asyncio.Event, *, poll: float = 0.05) -> None:
    """Clear `resume_event` (the run's MailingHooks.resume_event: nothing new starts), wait
    until no recipient of `journal` is being sent (sent, refused or deferred, as the server
    answered), then cancel `task` (the run) and wait for it to end."""
    if task.done():
        return
    resume_event.clear()
    while journal.entries(State.SENDING) and not task.done():
        await asyncio.sleep(poll)
    task.cancel()
    await asyncio.wait({task})


__all__ = ["stop_after_current"]
