"""Ctrl+C on a command, one way for all of them: the command's coroutine is cancelled (so a
send settles what it left, a probe keeps the attempts that finished, a mailing settles the
transaction in progress), and what the cancel left is returned to the command, which prints
it and exits STOPPED_EXIT — never a traceback. SIGTERM (and Ctrl+Break on Windows) cancel it
the same way. cli/main.py turns a Ctrl+C outside these runs (while reading a list, say) into
"Interrupted." and STOPPED_EXIT too."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from ..core.text import Text

if TYPE_CHECKING:
    import asyncio

    from .usage import SignalHandler

T = TypeVar("T")
S = TypeVar("S")

STOPPED_EXIT = 130  # what a shell reports for a command ended by Ctrl+C (128 + SIGINT)
INTERRUPTED = Text("Interrupted.", "已中斷。")


def run_stoppable(coroutine: Coroutine[Any, Any, T],
                  stopped: Callable[[BaseException], S], *,
                  first_signal: Callable[[asyncio.Task[Any]], object] | None = None) -> T | S:
    """asyncio.run(coroutine), with Ctrl+C, SIGTERM and Ctrl+Break cancelling it. Its
    result, or, when it was cancelled, stopped(the exception it ended with: a
    core.smtp.send.SendInterrupted carries the send's result). A second Ctrl+C, while the
    first one's cancel still settles, ends the wait (asyncio.run raises KeyboardInterrupt):
    stopped() then gets what the settling left, if it got that far.
    With `first_signal` (a mailing: stop after the transaction in progress), the first
    Ctrl+C, SIGTERM or Ctrl+Break calls it with the running task instead, and the next one
    cancels at once."""
    import asyncio

    left: list[S] = []

    async def guarded() -> T | S:
        task = asyncio.current_task()
        assert task is not None
        with _signals_cancel(task, first_signal):
            try:
                return await coroutine
            except asyncio.CancelledError as exc:
                task.uncancel()  # what was cancelled is handled: the run ends normally
                left.append(stopped(exc))
                return left[-1]

    try:
        return asyncio.run(guarded())
    except KeyboardInterrupt as exc:
        return left[-1] if left else stopped(exc)


@contextmanager
def _signals_cancel(task: asyncio.Task[Any],
                    first_signal: Callable[[asyncio.Task[Any]], object] | None = None,
                    ) -> Iterator[None]:
    """SIGTERM and SIGBREAK cancel `task` while it runs (asyncio.run itself turns the first
    Ctrl+C into a cancel); with `first_signal`, Ctrl+C too, and the first of them calls it
    instead. Then the handlers that were there before are put back."""
    import asyncio
    import signal

    loop = asyncio.get_running_loop()
    fired: list[bool] = []

    def on_signal() -> None:
        if first_signal is None or fired:
            task.cancel()
            return
        fired.append(True)
        first_signal(task)

    on_loop: list[int] = []
    replaced: list[tuple[int, SignalHandler]] = []
    before: dict[int, SignalHandler] = {}
    names = ("SIGTERM", "SIGBREAK") if first_signal is None else ("SIGINT", "SIGTERM", "SIGBREAK")
    for name in names:
        number = getattr(signal, name, None)
        if number is None:
            continue
        before[number] = signal.getsignal(number)
        try:
            loop.add_signal_handler(number, on_signal)
            on_loop.append(number)
        except (NotImplementedError, RuntimeError, ValueError):  # Windows
            try:
                replaced.append((number, signal.signal(
                    number, lambda *_: loop.call_soon_threadsafe(on_signal))))
            except ValueError:  # not the main thread: the caller's handlers stay
                pass
    try:
        yield
    finally:
        for number in on_loop:
            loop.remove_signal_handler(number)  # leaves SIG_DFL: put back what was there
            previous = before.get(number)
            signal.signal(number, previous if previous is not None else signal.SIG_DFL)
        for number, previous in replaced:
            signal.signal(number, previous if previous is not None else signal.SIG_DFL)
