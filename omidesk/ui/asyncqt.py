"""Glue between Qt signals and asyncio on the qasync loop. Never block the Qt thread: await."""

from __future__ import annotations

import asyncio
import logging
import threading
import weakref
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import SignalInstance

T = TypeVar("T")

log = logging.getLogger(__name__)


def in_daemon_thread(function: Callable[[], T]) -> asyncio.Future[T]:
    """Run a blocking call on a daemon thread and await its result. Unlike asyncio.to_thread,
    quitting the app does not wait for it (a keychain prompt left open)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: Any, exc: BaseException | None) -> None:
        if future.done():
            return
        if exc is not None:
            future.set_exception(exc)
        else:
            future.set_result(result)

    def work() -> None:
        result: Any = None
        exc: BaseException | None = None
        try:
            result = function()
        except BaseException as error:  # noqa: BLE001 (handed to the awaiting task)
            exc = error
        try:
            loop.call_soon_threadsafe(settle, result, exc)
        except RuntimeError:
            pass  # the loop is closed: the app has quit

    threading.Thread(target=work, name="omidesk-worker", daemon=True).start()
    return future


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
        if target is not None:
            target(arg)

    return call


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
