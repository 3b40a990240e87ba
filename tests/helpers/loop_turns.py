"""Counted, not timed: how many turns of the running event loop something takes. The suite has
no wall-clock thresholds (the milliseconds are bench/'s); a count of loop turns is the same on
a quiet machine and on a loaded one, so a test built on it fails when the behaviour breaks and
never because the machine is slow."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

# Far more than a cancel needs (the CancelledError through gather and the tasks, the
# transports' close callbacks: a handful of turns); a wait for a reply that never comes or
# for a timeout never ends within them.
SETTLE_TURNS = 50


async def turns_until(condition: Callable[[], object], limit: int = SETTLE_TURNS) -> int:
    """The turns of the loop (each one `asyncio.sleep(0)`) before `condition()` holds; `limit`
    when it still does not after that many."""
    for turn in range(limit):
        if condition():
            return turn
        await asyncio.sleep(0)
    return limit


async def eventually(condition: Callable[[], object], within: float = 10.0) -> bool:
    """Whether `condition()` comes to hold, polled while the loop runs: for what another thread
    does (a test server closing its sessions), which no count of this loop's turns bounds.
    `within` bounds the wait (a hang), it measures nothing."""
    deadline = asyncio.get_running_loop().time() + within
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True
