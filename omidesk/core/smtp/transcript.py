"""The live transcript: every line each way, with time, redacted before anyone sees it."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

SERVER = "<<"
CLIENT = ">>"
LOCAL = "**"
REDACTED = "<redacted>"


@dataclass(frozen=True, slots=True)
class TranscriptEvent:
    ms: float  # milliseconds since the attempt started
    direction: str  # "<<" server, ">>" client, "**" local fact
    text: str
    tls: bool = False  # the line travelled inside TLS

    def render(self, lang: str = "en") -> str:
        """One line; a `**` note in `lang` (notes.py), a protocol line as it is."""
        lock = "TLS" if self.tls else "   "
        text = self.text
        if self.direction == "**" and lang != "en":
            from .notes import note_in

            text = note_in(text, lang)
        return f"{self.ms:>7.0f} ms {lock} {self.direction} {text}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class Redactor:
    """Knows every form a secret can take on the wire and replaces each with <redacted>."""

    def __init__(self, user: str = "", secrets: Iterable[str] = ()) -> None:
        forms: set[str] = set()
        for secret in secrets:
            if not secret:
                continue
            raw = secret.encode("utf-8")
            forms.add(secret)
            forms.add(_b64(raw))
            forms.add(_b64(b"\0" + user.encode("utf-8") + b"\0" + raw))
            forms.add(_b64(user.encode("utf-8") + b"\0" + user.encode("utf-8") + b"\0" + raw))
            if len(secret) >= 4:
                forms.add(_b64(raw).rstrip("="))
        self._forms = sorted(forms, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for form in self._forms:
            if form and form in text:
                text = text.replace(form, REDACTED)
        return text

    def forms(self) -> list[str]:
        """Every form searched for; tests use it to prove none leaks."""
        return list(self._forms)


class Transcript:
    """Collects events for the report and hands each to a callback as it happens."""

    def __init__(self, *, redactor: Redactor | None = None,
                 on_event: Callable[[TranscriptEvent], None] | None = None) -> None:
        self.events: list[TranscriptEvent] = []
        self._redact = redactor or Redactor()
        self._on_event = on_event
        self._start = time.perf_counter()

    def redact(self, text: str) -> str:
        """For text that leaves the transcript (a diagnosis' reply, a send result)."""
        return self._redact(text)

    def elapsed_ms(self) -> float:
        return (time.perf_counter() - self._start) * 1000

    def add(self, direction: str, text: str, *, tls: bool = False) -> TranscriptEvent:
        event = TranscriptEvent(round(self.elapsed_ms(), 1), direction, self._redact(text), tls)
        self.events.append(event)
        if self._on_event is not None:
            self._on_event(event)
        return event

    def local(self, text: str, *, tls: bool = False) -> None:
        self.add(LOCAL, text, tls=tls)

    def render(self) -> str:
        return "\n".join(e.render() for e in self.events)
