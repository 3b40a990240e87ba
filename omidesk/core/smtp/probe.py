"""The connection test: one configuration end to end, or the whole matrix side by side."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..errors import SMTPFailure, SMTPReplyError
from ..text import Text
from .config import RELAY_COMBOS, Security, ServerConfig, combo_label, combo_rank
from .diagnosis import Diagnosis, diagnose, with_alternative
from .session import Session
from .tls import TLSInfo
from .transcript import Redactor, Transcript, TranscriptEvent


@dataclass
class ProbeResult:
    host: str
    port: int
    security: Security
    user: str
    ok: bool
    diagnosis: Diagnosis
    elapsed_ms: float
    events: list[TranscriptEvent]
    tls: TLSInfo | None = None
    greeting: str = ""
    extensions: dict[str, str] = field(default_factory=dict)
    authenticated: bool | None = None  # None: no user given, AUTH not tried

    def label(self, lang: str = "en") -> str:
        return f"{combo_label(self.port, self.security, lang)} — {self.host}"

    def to_dict(self) -> dict[str, object]:
        return {
            "host": self.host, "port": self.port, "security": self.security.value,
            "user": self.user, "ok": self.ok, "authenticated": self.authenticated,
            "elapsed_ms": round(self.elapsed_ms, 1), "greeting": self.greeting,
            "extensions": self.extensions, "diagnosis": self.diagnosis.to_dict(),
            "tls": self.tls.to_dict() if self.tls else None,
            "transcript": [e.to_dict() for e in self.events],
        }


@dataclass
class MatrixResult:
    results: list[ProbeResult]
    recommended: ProbeResult | None
    elapsed_ms: float

    @property
    def ok(self) -> bool:
        return self.recommended is not None

    def to_dict(self) -> dict[str, object]:
        best = self.recommended
        return {
            "ok": self.ok, "elapsed_ms": round(self.elapsed_ms, 1),
            "recommended": None if best is None else
            {"host": best.host, "port": best.port, "security": best.security.value},
            "attempts": [r.to_dict() for r in self.results],
        }


async def probe(config: ServerConfig, *, host: str | None = None,
                on_event: Callable[[TranscriptEvent], None] | None = None,
                mail_from: str = "", rcpt_to: Sequence[str] = ()) -> ProbeResult:
    """resolve → connect → greeting → EHLO → STARTTLS → EHLO → AUTH → MAIL/RCPT → RSET → QUIT;
    stops at the first failure. Never sends DATA."""
    host = host or config.host
    transcript = Transcript(redactor=Redactor(config.user, config.secrets()), on_event=on_event)
    session = Session(config, transcript, host=host)
    started = time.perf_counter()
    try:
        await session.establish()
        if mail_from:
            await session.mail_from(mail_from)
            envelope = await session.rcpt_to(list(rcpt_to))
            if envelope.refused:
                address, reply = next(iter(envelope.refused.items()))
                raise SMTPReplyError(Text(f"RCPT TO {address}: {reply}",
                                          f"RCPT TO {address}：{reply}"),
                                     code="recipient_rejected", reply=reply)
            await session.rset()
        await session.quit()
        diagnosis = diagnose("connection_ok", config, host=host, reply=session.greeting,
                             redact=transcript.redact)
        ok = True
    except (SMTPFailure, OSError) as exc:
        if isinstance(exc, SMTPReplyError):
            await session.quit()  # the server said no but is still listening: say goodbye
        diagnosis = diagnose(exc, config, host=host, redact=transcript.redact)
        transcript.local(f"diagnosis: {diagnosis.code}")
        ok = False
    finally:
        session.close()
    return ProbeResult(
        host=host, port=config.port, security=config.security, user=config.user, ok=ok,
        diagnosis=diagnosis, elapsed_ms=(time.perf_counter() - started) * 1000,
        events=transcript.events, tls=session.tls if session.tls.present else None,
        greeting=transcript.redact(session.greeting), extensions=session.extensions,
        authenticated=session.authenticated if config.user else None,
    )


def matrix_configs(config: ServerConfig,
                   combos: Sequence[tuple[int, Security]] = RELAY_COMBOS,
                   ) -> list[tuple[str, ServerConfig]]:
    hosts = [config.host] + ([config.backup_host] if config.backup_host else [])
    return [(h, config.with_(port=port, security=security)) for h in hosts
            for port, security in combos]


async def probe_all(config: ServerConfig, *,
                    combos: Sequence[tuple[int, Security]] = RELAY_COMBOS,
                    on_event: Callable[[int, TranscriptEvent], None] | None = None,
                    stagger: float = 0.1, mail_from: str = "",
                    rcpt_to: Sequence[str] = ()) -> MatrixResult:
    """Every combination on the primary and the backup host, concurrently, each started
    `stagger` seconds after the previous (as Thunderbird does): the wall time is about one
    connect timeout, not their sum. Best: the primary host first, then SSL > STARTTLS > plain."""
    attempts = matrix_configs(config, combos)
    started = time.perf_counter()

    async def run(index: int, host: str, cfg: ServerConfig) -> ProbeResult:
        await asyncio.sleep(index * stagger)
        callback = (lambda e: on_event(index, e)) if on_event else None
        return await probe(cfg, host=host, on_event=callback, mail_from=mail_from,
                           rcpt_to=rcpt_to)

    results = list(await asyncio.gather(*(run(i, h, c) for i, (h, c) in enumerate(attempts))))
    return recommend(config, results, (time.perf_counter() - started) * 1000)


def recommend(config: ServerConfig, results: Sequence[ProbeResult],
              elapsed_ms: float = 0.0) -> MatrixResult:
    """The best working attempt: the primary host first, then SSL > STARTTLS > plain. Each
    failed attempt's diagnosis then names it, in both languages."""
    hosts = [config.host, config.backup_host]
    working = sorted((r for r in results if r.ok),
                     key=lambda r: (hosts.index(r.host) if r.host in hosts else len(hosts),
                                    combo_rank(r.port, r.security)))
    best = working[0] if working else None
    if best is not None:
        label = Text(best.label("en"), best.label("zh_TW"))
        for result in results:
            if not result.ok:
                result.diagnosis = with_alternative(result.diagnosis, label)
    return MatrixResult(list(results), best, elapsed_ms)
