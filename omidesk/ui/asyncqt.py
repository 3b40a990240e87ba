"""Glue between Qt signals and asyncio on the qasync loop. Never block the Qt thread: await."""

from __future__ import annotations

import asyncio
import functools
import logging
import weakref
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, SignalInstance

from ..core.threads import in_daemon_thread as in_daemon_thread  # the keychain read, etc.

T = TypeVar("T")

log = logging.getLogger(__name__)


def signal_future(signal: SignalInstance) -> asyncio.Future[tuple[Any, ...]]:
    """A future resolved with the arguments of the next emission (a dialog's `finished`, a
    button's `clicked`). Await it instead of exec() or qtbot.waitSignal inside a task."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def fire(*args: Any) -> None:
        signal.disconnect(fire)
        if not future.done():
            future.set_result(args)

    signal.connect(fire)
    return future


def weak_callback(method: Callable[[T], None]) -> Callable[[T], None]:
    """Calls `method` while its object lives, without keeping it alive (no reference cycle
    between a tab and its TaskKeeper, or a long-lived SentLog holding a tab's listener: the
    tab is freed, on the GUI thread, when dropped)."""
    ref = weakref.WeakMethod(method)

    def call(arg: T) -> None:
        target = ref()
        owner = getattr(target, "__self__", None)
        if target is not None and (not isinstance(owner, QObject) or alive(owner)):
            target(arg)

    return call


def while_alive(method: Callable[..., None]) -> Callable[..., None]:
    """A QObject's method that does nothing once the object is deleted (see alive): for the
    callbacks core calls as a cancelled test unwinds (transcript lines, results)."""
    @functools.wraps(method)
    def call(self: QObject, *args: Any) -> None:
        if alive(self):
            method(self, *args)

    return call


def alive(obj: QObject) -> bool:
    """Whether a Qt object still exists on the C++ side. A task outlives the dialog that
    started it when the dialog deletes itself on close (WA_DeleteOnClose): its callbacks and
    the cancelled coroutine's last words must then do nothing (QA round 2, finding 31: "Signal
    source has been deleted" in the unexpected-error box)."""
    import shiboken6

    return bool(shiboken6.isValid(obj))


class TaskKeeper:
    """Keeps references to running tasks (asyncio only holds weak ones), reports their
    failures to `on_error`, and cancels them all at once."""

    def __init__(self, on_error: Callable[[BaseException], None] | None = None) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._on_error = on_error

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.error("background task failed", exc_info=exc)
            if self._on_error is not None:
                self._on_error(exc)

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
