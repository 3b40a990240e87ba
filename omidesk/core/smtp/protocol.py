"""aiosmtplib's SMTPProtocol with a recorder on both directions.

aiosmtplib has no logging hook. We drive its protocol class directly (framing, dot-stuffing,
the STARTTLS injection defence stay aiosmtplib's) and record what passes through `write` and
`data_received`. That relies on aiosmtplib 5.1's protocol calling `self.write` for every command
and the DATA body; pyproject pins the range and tests/core/test_transcript_capture.py fails if
an upgrade stops the capture."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from aiosmtplib.protocol import SMTPProtocol
from aiosmtplib.response import SMTPResponse

from .transcript import CLIENT, SERVER, Transcript

MESSAGE_PLACEHOLDER = "<message: {n} bytes>"


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
            self.message_written = True
            body = data[:-5] if data.endswith(b"\r\n.\r\n") else data
            self.transcript.add(CLIENT, MESSAGE_PLACEHOLDER.format(n=len(body)), tls=self.over_tls)
            self.transcript.add(CLIENT, ".", tls=self.over_tls)
            if self.on_message_written is not None:
                asyncio.get_running_loop().call_soon(self.on_message_written)
            return
        for line in data.decode("utf-8", "replace").split("\r\n"):
            if not line:
                continue
            shown = self._replacements.pop(0) if self._replacements else line
            self.transcript.add(CLIENT, shown, tls=self.over_tls)
        if data == b"DATA\r\n":
            self._next_is_message = True

    async def read_response(self, timeout: float | None = None) -> SMTPResponse:
        response = await super().read_response(timeout=timeout)
        self.last_response = response
        return response

    def data_received(self, data: bytes) -> None:
        self._incoming.extend(data)
        while (end := self._incoming.find(b"\n")) >= 0:
            line = bytes(self._incoming[:end]).rstrip(b"\r")
            del self._incoming[: end + 1]
            self.transcript.add(SERVER, line.decode("utf-8", "replace"), tls=self.over_tls)
        super().data_received(data)
