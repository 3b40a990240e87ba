"""aiosmtplib's SMTPProtocol with a recorder on both directions.

aiosmtplib has no logging hook. We drive its protocol class directly (framing, dot-stuffing,
the STARTTLS injection defence stay aiosmtplib's) and record what passes through `write` and
`data_received`. That relies on aiosmtplib 5.1's protocol calling `self.write` for every command
and the DATA body; pyproject pins the range and tests/core/test_transcript_capture.py fails if
an upgrade stops the capture."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable

from aiosmtplib.errors import SMTPDataError, SMTPReadTimeoutError, SMTPServerDisconnected
from aiosmtplib.protocol import PERIOD_REGEX, SMTPProtocol, normalize_message_line_endings
from aiosmtplib.response import SMTPResponse
from aiosmtplib.status import SMTPStatus

from ..parts import Serialized
from ..text import counted, size_text
from .transcript import CLIENT, SERVER, Transcript

MESSAGE_PLACEHOLDER = "<message: {n} bytes>"
# A reply is a few lines, each at most 512 octets (RFC 5321 §4.5.3.1.5): past these the
# transcript keeps the first lines and the last, and says how many it left out (QA4 #2: a
# 2 MB banner made a 600 KB report of "220-xxx…").
HEAD_LINES, TAIL_LINES, LINE_CHARS = 50, 3, 1000  # a real EHLO: under 30 lines
LEFT_OUT = "… {n} left out ({size})"  # n: "1 line", "2,000 lines"


def _cut(line: str) -> str:
    return line if len(line) <= LINE_CHARS else \
        f"{line[:LINE_CHARS]}… ({len(line) - LINE_CHARS:,} characters more)"


class RecordingProtocol(SMTPProtocol):
    def __init__(self, transcript: Transcript, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.transcript = transcript
        self._incoming = bytearray()
        self._replacements: list[str] = []  # shown instead of the next client lines (AUTH)
        self._next_is_message = False
        self.message_written = False  # the DATA body went out on the wire
        # Called (soon, on the loop) once the body is written: work to do while the server
        # reads the message, e.g. building the next one of a mailing.
        self.on_message_written: Callable[[], None] | None = None
        self.last_response: SMTPResponse | None = None  # the server's latest complete reply
        # Lines the server sent: aiosmtplib answers a QUIT whose connection is lost with a
        # made-up "221", and only this tells it from the server's own (Session.goodbye).
        self.lines_received = 0
        self.last_line = ""  # the last line the server sent, as shown
        self.reply_lines = 0  # lines of the reply under way (continuation lines, "250-")
        self.reply_bytes = 0  # and their bytes, the line not yet ended too
        # its last lines (text, bytes), not yet shown; the lines and bytes past the head
        self._tail: deque[tuple[str, int]] = deque(maxlen=TAIL_LINES)
        self._left_out = (0, 0)

    @property
    def over_tls(self) -> bool:
        return self._over_ssl

    def end_data(self) -> None:
        """DATA is over (or was refused before 354): the next write is a command again."""
        self._next_is_message = False

    def hide_next_line(self, shown: str) -> None:
        """The next line written is a credential: record `shown` instead of it."""
        self._replacements.append(shown)

    def write(self, data: bytes) -> None:
        super().write(data)
        if self._next_is_message:
            self._next_is_message = False
            body = data[:-5] if data.endswith(b"\r\n.\r\n") else data
            self._message_done(len(body))
            return
        for line in data.decode("utf-8", "replace").split("\r\n"):
            if not line:
                continue
            shown = self._replacements.pop(0) if self._replacements else line
            self.transcript.add(CLIENT, shown, tls=self.over_tls)
        if data == b"DATA\r\n":
            self._next_is_message = True

    def _message_done(self, size: int) -> None:
        self.message_written = True
        self.transcript.add(CLIENT, MESSAGE_PLACEHOLDER.format(n=size), tls=self.over_tls)
        self.transcript.add(CLIENT, ".", tls=self.over_tls)
        if self.on_message_written is not None:
            asyncio.get_running_loop().call_soon(self.on_message_written)

    async def execute_data_command(self, message: bytes | Serialized,
                                   timeout: float | None = None) -> SMTPResponse:
        """aiosmtplib's DATA, the body written piece by piece: an encoded part (base64 lines
        with CRLF, none starting with a dot) as it is, the message's own pieces normalised and
        dot-stuffed as aiosmtplib does; after each piece the writer waits while the transport's
        buffer is full, so a large message is never copied whole. The upload and then the
        reply each get `timeout`. `message_written` is set when the final dot is handed over:
        before it the server cannot have the message."""
        body = message if isinstance(message, Serialized) else Serialized((message,), (False,))
        if self._command_lock is None:
            raise SMTPServerDisconnected("Server not connected")
        async with self._command_lock:
            self._response_pending = True
            self.write(b"DATA\r\n")
            self._next_is_message = False  # the body is written below, not through write()
            start_response = await self.read_response(timeout=timeout)
            if start_response.code != SMTPStatus.start_input:
                raise SMTPDataError(start_response.code, start_response.message)
            self._response_pending = True
            try:
                async with asyncio.timeout(timeout):
                    size = await self._write_body(body)
            except TimeoutError:
                raise SMTPReadTimeoutError("Timed out writing the message") from None
            except ConnectionError as exc:
                raise SMTPServerDisconnected("Connection lost") from exc
            self._message_done(size)
            response = await self.read_response(timeout=timeout)
            if response.code != SMTPStatus.completed:
                raise SMTPDataError(response.code, response.message)
            return response

    async def _write_body(self, body: Serialized) -> int:
        """Every piece ends with CRLF (normalisation adds it; encoded parts have it)."""
        size = 0
        pending = b""
        for chunk, shared in zip(body.chunks, body.shared, strict=True):
            if pending:
                SMTPProtocol.write(self, pending)
                await self._drain_helper()  # at once unless the transport asked to pause
            pending = chunk if shared else \
                PERIOD_REGEX.sub(b"..", normalize_message_line_endings(chunk))
            size += len(pending)
        if len(pending) < 65536:  # the end of the data with the last piece: one write
            SMTPProtocol.write(self, pending + b".\r\n")
        else:
            SMTPProtocol.write(self, pending)
            SMTPProtocol.write(self, b".\r\n")
        return max(size - 2, 0)  # as the transcript counts it: no line end before the dot

    async def read_response(self, timeout: float | None = None) -> SMTPResponse:
        response = await super().read_response(timeout=timeout)
        self.last_response = response
        return response

    def data_received(self, data: bytes) -> None:
        self._incoming.extend(data)
        self.reply_bytes += len(data)
        while (end := self._incoming.find(b"\n")) >= 0:
            line = bytes(self._incoming[:end]).rstrip(b"\r")
            del self._incoming[: end + 1]
            self.lines_received += 1
            self._record(line)
        if len(self._incoming) > 2 * LINE_CHARS:  # a line that does not end: its start kept
            self._unended += len(self._incoming) - LINE_CHARS
            del self._incoming[LINE_CHARS:]
        super().data_received(data)

    _unended = 0  # bytes of the line under way dropped from _incoming (its start is kept)

    def _record(self, line: bytes) -> None:
        """A whole line: shown, or, past HEAD_LINES of one reply, counted and kept as the
        reply's tail until its last line."""
        self.reply_lines += 1
        last = len(line) < 4 or line[3:4] != b"-"
        text = _cut(line.decode("utf-8", "replace"))
        if self._unended:
            text = f"{text}… ({self._unended:,} bytes more)"
            self._unended = 0
        self.last_line = text
        if self._given_up:  # what still comes after a reply given up on: only counted
            lines, size = self._left_out
            self._left_out = (lines + 1, size + len(line) + 2)
        elif self.reply_lines <= HEAD_LINES:
            self.transcript.add(SERVER, text, tls=self.over_tls)
        else:
            lines, size = self._left_out
            self._left_out = (lines + 1, size + len(line) + 2)
            self._tail.append((text, len(line) + 2))
        if last:
            self.show_left_out()
            self.reply_lines = self.reply_bytes = 0

    def show_left_out(self) -> None:
        """What a long reply left out, said, then its last lines: at its end, or where it
        is given up on (too long, the connection gone)."""
        lines, size = self._left_out
        if not lines:
            return
        tail = list(self._tail)
        hidden = lines - len(tail)
        if hidden:
            size -= sum(n for _, n in tail)
            self.transcript.local(LEFT_OUT.format(n=counted(hidden, "line", "lines"),
                                                  size=size_text(size)),
                                  tls=self.over_tls)
        for text, _ in tail:
            self.transcript.add(SERVER, text, tls=self.over_tls)
        self._tail.clear()
        self._left_out = (0, 0)

    _given_up = False

    def give_up(self) -> None:
        """The reply is given up on (too long): its head and tail shown, and what comes
        after only counted (a server may stream until the connection is closed)."""
        self.show_left_out()
        self._given_up = True

    def unended_line(self) -> str:
        """What arrived after the last line end: a line the server began and never ended
        (shown as text, for a diagnosis; "" when none)."""
        text = bytes(self._incoming).decode("utf-8", "replace")
        return f"{_cut(text)}… ({self._unended:,} bytes more)" if self._unended else _cut(text)

    def connection_lost(self, exc: Exception | None) -> None:
        self.show_left_out()
        super().connection_lost(exc)
