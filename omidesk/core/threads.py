"""A blocking call on a daemon thread of its own, awaited: unlike asyncio.to_thread (the
default executor), nothing waits for the thread when the caller gives up or the program ends —
asyncio.run() would join it. For calls that can hang: a DNS lookup whose name server never
answers, a keychain prompt left open."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def in_daemon_thread(function: Callable[[], T], *,
                     name: str = "omidesk-worker") -> asyncio.Future[T]:
    """Run `function` on a new daemon thread; the future gets its result or its exception.
    Cancelling the future (asyncio.wait_for at its deadline) abandons the thread."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: Any, exc: BaseException | None) -> None:
        if future.done():  # abandoned: cancelled, or the caller's deadline passed
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
            pass  # the loop is closed: nobody waits any more

    threading.Thread(target=work, name=name, daemon=True).start()
    return future
