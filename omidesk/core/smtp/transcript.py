"""The live transcript: every line each way, with time, redacted before anyone sees it."""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from ..listeners import guarded
from ..untrusted import neutralise

if TYPE_CHECKING:
    from .config import ServerConfig

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
    """Knows every form a secret can take on the wire and replaces each with <redacted>; and,
    being where a server's words become text for people, neutralises control characters.

    The forms: the secret itself (in any letter case: a server may echo it upper-cased), its
    base64 (padded or not), the AUTH PLAIN blobs, and the base64 of the secret at each of the
    three alignments inside a longer base64 text (a PLAIN blob with another authorisation name,
    an AUTH LOGIN line, any encoding a server echoes)."""

    def __init__(self, user: str = "", secrets: Iterable[str] = ()) -> None:
        forms: set[str] = set()
        login = user.encode("utf-8")
        for secret in secrets:
            if not secret:
                continue
            raw = secret.encode("utf-8")
            forms.add(secret)
            forms.add(_b64(raw))
            forms.add(_b64(b"\0" + login + b"\0" + raw))
            forms.add(_b64(login + b"\0" + login + b"\0" + raw))
            if len(secret) >= 4:
                forms.add(_b64(raw).rstrip("="))
            forms.update(_inner_base64(raw))
        self._forms = sorted(forms, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(f) for f in self._forms),
                                   re.IGNORECASE) if self._forms else None

    def __call__(self, text: str) -> str:
        if self._pattern is not None:
            text = self._pattern.sub(REDACTED, text)
        return neutralise(text)

    def forms(self) -> list[str]:
        """Every form searched for; tests use it to prove none leaks."""
        return list(self._forms)


def redactor_for(config: ServerConfig) -> Redactor:
    """Every form of this configuration's password (and PLAIN blob) on the wire."""
    return Redactor(config.user, config.secrets())


def _inner_base64(raw: bytes, shortest: int = 8) -> list[str]:
    """The base64 characters that depend on `raw` alone, wherever it starts in a longer
    encoded text (offset 0, 1 or 2 within a 3-byte group); none shorter than `shortest`."""
    found = []
    for offset in range(3):
        encoded = _b64(b"\0" * offset + raw)
        first = -(-offset * 8 // 6)  # the first character made of raw's bits only
        last = (offset + len(raw)) * 8 // 6  # past the last one
        inner = encoded[first:last]
        if len(inner) >= shortest:
            found.append(inner)
    return found


class Transcript:
    """Collects events for the report and hands each to a callback as it happens."""

    def __init__(self, *, redactor: Redactor | None = None,
                 on_event: Callable[[TranscriptEvent], None] | None = None,
                 keep: bool = True) -> None:
        """keep=False: the events are handed to on_event only, not collected (a mailing's
        session lives for thousands of messages and nobody reads them back); with no
        on_event either, a line goes nowhere and costs nothing."""
        self.events: list[TranscriptEvent] = []
        self._redact = redactor or Redactor()
        self._on_event = guarded(on_event, "transcript")  # its errors are not the session's
        self._keep = keep
        self._start = time.perf_counter()

    def redact(self, text: str) -> str:
        """For text that leaves the transcript (a diagnosis' reply, a send result)."""
        return self._redact(text)

    def elapsed_ms(self) -> float:
        return (time.perf_counter() - self._start) * 1000

    def add(self, direction: str, text: str, *, tls: bool = False) -> None:
        if not self._keep and self._on_event is None:
            return
        event = TranscriptEvent(round(self.elapsed_ms(), 1), direction, self._redact(text), tls)
        if self._keep:
            self.events.append(event)
        if self._on_event is not None:
            self._on_event(event)

    def local(self, text: str, *, tls: bool = False) -> None:
        self.add(LOCAL, text, tls=tls)

    def render(self) -> str:
        return "\n".join(e.render() for e in self.events)
