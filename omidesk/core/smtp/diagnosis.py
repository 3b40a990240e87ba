"""From a failure (or success) to a plain-language diagnosis with the next step."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from aiosmtplib.errors import SMTPServerDisconnected, SMTPTimeoutError

from ..errors import SMTPFailure
from ..text import Text
from .config import ServerConfig, combo_label
from .diagnosis_text import DIAGNOSES
from .trust import EXPIRED_CODES

CODES = tuple(DIAGNOSES)
UNREACHABLE = frozenset({"dns_failed", "connect_refused", "connect_timeout",
                         "network_unreachable", "greeting_timeout"})


class _Blank(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "—"


@dataclass(frozen=True)
class Diagnosis:
    code: str
    title: Text
    explain: Text
    next_step: Text
    reply: str = ""
    facts: dict[str, str] = field(default_factory=dict)
    alternative: Text | None = None  # a combination that did work: "SSL (465) — smtp…"

    @property
    def ok(self) -> bool:
        return self.code in ("ok", "connection_ok")

    def alternative_text(self) -> Text:
        if self.alternative is None or self.ok:
            return Text("", "")
        return Text(f"This combination worked instead: {self.alternative.en}.",
                    f"改用這個組合可以成功：{self.alternative.zh}。")

    def render(self, lang: str) -> str:
        parts = [self.title.get(lang), self.explain.get(lang),
                 self.alternative_text().get(lang), self.next_step.get(lang)]
        return "\n".join(p for p in parts if p)

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "title": {"en": self.title.en, "zh_TW": self.title.zh},
            "explain": {"en": self.explain.en, "zh_TW": self.explain.zh},
            "next_step": {"en": self.next_step.en, "zh_TW": self.next_step.zh},
            "alternative": None if self.alternative is None else
            {"en": self.alternative.en, "zh_TW": self.alternative.zh},
            "reply": self.reply,
        }


def classify(exc: BaseException) -> str:
    """A diagnosis code for any exception, walking causes (aiosmtplib wraps some TLS errors and
    lets a STARTTLS certificate error through bare)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, SMTPFailure):
            return current.code
        if isinstance(current, ssl.SSLCertVerificationError):
            return "cert_expired" if current.verify_code in EXPIRED_CODES else "cert_untrusted"
        if isinstance(current, ssl.SSLError):
            return "tls_handshake_failed"
        current = current.__cause__ or current.__context__
    if isinstance(exc, (SMTPTimeoutError, TimeoutError)):
        return "command_timeout"
    if isinstance(exc, (SMTPServerDisconnected, ConnectionError)):
        return "connection_lost"
    return "protocol_error"


def diagnose(source: BaseException | str, config: ServerConfig, *, host: str | None = None,
             reply: str = "", extra_facts: dict[str, str] | None = None,
             redact: Callable[[str], str] = lambda text: text) -> Diagnosis:
    """`redact` is the transcript's: a server may echo anything, the password included."""
    code = source if isinstance(source, str) else classify(source)
    facts: dict[str, str] = {}
    if isinstance(source, SMTPFailure):
        reply = reply or source.reply
        facts.update(source.facts)
    elif isinstance(source, BaseException):
        facts.setdefault("detail", str(source) or type(source).__name__)
    facts.update(extra_facts or {})
    reply = redact(reply)
    facts = {key: redact(value) for key, value in facts.items()}
    text = DIAGNOSES[code]
    values = _Blank(host=host or config.host, port=str(config.port), reply=reply or "—",
                    **facts)
    en = dict(values, security=combo_label(config.port, config.security, "en"))
    zh = dict(values, security=combo_label(config.port, config.security, "zh_TW"))

    def fill(t: Text) -> Text:
        return Text(t.en.format_map(_Blank(en)), t.zh.format_map(_Blank(zh)))

    return Diagnosis(code, fill(text.title), fill(text.explain), fill(text.next_step),
                     reply=reply, facts=facts)


def with_alternative(diagnosis: Diagnosis, alternative: Text) -> Diagnosis:
    return replace(diagnosis, alternative=alternative)
