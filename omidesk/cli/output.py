"""A closed standard output or error, one way for every command: `omidesk send … | head -1`,
`omidesk mailing … | grep -m1 LaunchID`, a terminal closed under a running command. The
reader went away; the work did not fail. So the command carries on as if it were read (a
send completes and is recorded in the sent log, a mailing goes on to its end, each
transaction in the journal), what it writes after the close is dropped quietly, and it ends
with its own exit code (0 sent, 1 not every recipient, …): never a traceback, never a closed
pipe taken for a lost connection. cli/main.py runs every command inside `guarded_output()`;
each print, transcript line and summary line (anything written to sys.stdout or sys.stderr,
their .buffer too) goes through it."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, AnyStr, Generic


def is_closed_pipe(exc: BaseException) -> bool:
    """The reader of this stream is gone: EPIPE (POSIX), EINVAL on a closed Windows pipe."""
    if isinstance(exc, BrokenPipeError):
        return True
    return (isinstance(exc, OSError) and sys.platform == "win32"
            and exc.errno == errno.EINVAL)


class _Guarded(Generic[AnyStr]):
    """`stream`, with a closed reader turned into silence: the first write or flush that
    finds the pipe closed points the descriptor at the null device (so the interpreter's own
    last flush, and anything else holding the descriptor, writes nowhere rather than
    failing) and every later write is dropped. Everything else is the stream's own."""

    def __init__(self, stream: IO[AnyStr], closed: list[bool]) -> None:
        self._stream: IO[AnyStr] = stream
        self._closed = closed  # shared with the text stream's .buffer: one reader, one fate

    def write(self, data: AnyStr) -> int:
        if not self._closed:
            try:
                return self._stream.write(data)
            except OSError as exc:
                self._gone(exc)
        return len(data)

    def writelines(self, lines: list[AnyStr]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if not self._closed:
            try:
                self._stream.flush()
            except OSError as exc:
                self._gone(exc)

    @property
    def buffer(self) -> _Guarded[bytes]:
        return _Guarded(self._stream.buffer, self._closed)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def _gone(self, exc: OSError) -> None:
        if not is_closed_pipe(exc):
            raise exc
        self._closed.append(True)
        try:
            null = os.open(os.devnull, os.O_WRONLY)
        except OSError:
            return
        try:
            os.dup2(null, self._stream.fileno())
        except (OSError, ValueError, AttributeError):
            pass  # no descriptor (a test's capture): the dropped writes are enough
        finally:
            os.close(null)


@contextmanager
def guarded_output() -> Iterator[None]:
    """sys.stdout and sys.stderr guarded for the time of a command (then put back)."""
    before = sys.stdout, sys.stderr
    if sys.stdout is not None:
        sys.stdout = _Guarded(sys.stdout, [])  # type: ignore[assignment]
    if sys.stderr is not None:
        sys.stderr = _Guarded(sys.stderr, [])  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = before
