"""What core tells its caller while it works (a transcript line, a mailing's progress, a
warning) goes to the caller's listener; a listener's own failure is the caller's, never the
connection's: a BrokenPipeError from a printer whose reader went away, raised inside an SMTP
session, would otherwise be caught with the OSErrors of the network, diagnosed as a lost
connection and cost the transaction its record. So a listener that raises is told nothing
more (its error logged once, with its traceback, for the bug report) and the work goes on:
the transaction completes and is recorded as if the listener were still there."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import ParamSpec

P = ParamSpec("P")

_log = logging.getLogger(__name__)


def guarded(listener: Callable[P, object] | None, what: str) -> Callable[P, None] | None:
    """`listener`, whose exceptions end its part rather than the caller's work; None stays
    None (a caller may skip work nobody listens to)."""
    if listener is None:
        return None
    failed: list[bool] = []

    def call(*args: P.args, **kwargs: P.kwargs) -> None:
        if failed:
            return
        try:
            listener(*args, **kwargs)
        except Exception:  # noqa: BLE001 — the caller's bug, not this work's failure
            failed.append(True)
            _log.error("the %s listener failed; it is told nothing more", what,
                       exc_info=True)
    return call
