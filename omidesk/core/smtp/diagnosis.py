"""From a failure (or success) to a plain-language diagnosis with the next step.

`diagnose` is where a server's reply or an exception becomes text for people (CLI, app,
JSON, report, sent log, journal): it runs the configuration's Redactor over all of it, so no
caller can show the password even when a server echoes it."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from aiosmtplib.errors import SMTPServerDisconnected, SMTPTimeoutError

from ..errors import SMTPFailure
from ..text import Text, sentences
from .config import ServerConfig, combo_label, is_relay_host
from .diagnosis_text import DIAGNOSES
from .transcript import redactor_for as redactor_for  # its home before (send.py needs it alone)
from .trust import EXPIRED_CODES

CODES = tuple(dict.fromkeys(key.split("/", 1)[0] for key in DIAGNOSES))
# Said with every result whose login went without TLS: the user allowed it, in the app for
# the profile or on the command line with --allow-plaintext-login (words true of both).
PASSWORD_UNENCRYPTED = Text(
    "The password was sent unencrypted, as you allowed: anyone on the network path could "
    "read it.",
    "密碼依您的允許以未加密的方式傳輸：網路途中的任何人都可能看到它。")
UNREACHABLE = frozenset({"dns_failed", "dns_timeout", "connect_refused", "connect_timeout",
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
    # What else is true of this attempt, shown after the explanation: what was verified,
    # where the login was tried, that the password went unencrypted.
    notes: tuple[Text, ...] = ()

    @property
    def ok(self) -> bool:
        return self.code in ("ok", "connection_ok")

    def alternative_text(self) -> Text:
        if self.alternative is None or self.ok:
            return Text("", "")
        return Text(f"This combination worked instead: {self.alternative.en}.",
                    f"改用這個組合可以成功：{self.alternative.zh}。")

    def explanation(self, lang: str) -> str:
        """The explanation and the notes, as one paragraph."""
        return sentences(lang, self.explain.get(lang), *(n.get(lang) for n in self.notes))

    def render(self, lang: str) -> str:
        parts = [self.title.get(lang), self.explanation(lang),
                 self.alternative_text().get(lang), self.next_step.get(lang)]
        return "\n".join(p for p in parts if p)

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "title": {"en": self.title.en, "zh_TW": self.title.zh},
            "explain": {"en": self.explain.en, "zh_TW": self.explain.zh},
            "notes": [{"en": n.en, "zh_TW": n.zh} for n in self.notes],
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
             reply: str = "", extra_facts: dict[str, str] | None = None, variant: str = "",
             notes: Sequence[Text] = (),
             redact: Callable[[str], str] = lambda text: text) -> Diagnosis:
    """The diagnosis of `source` (an exception, or a code such as "ok") on `host`. Texts about
    OMICard, NewerMail and the relay's manual are used only when the host is the relay's (or,
    for a name mismatch, when the certificate is the relay's); `variant` (or the failure's
    own) picks a more precise text of the same code. `redact` adds to the configuration's
    own redactor (a transcript's, say)."""
    code = source if isinstance(source, str) else classify(source)
    facts: dict[str, str] = {}
    if isinstance(source, SMTPFailure):
        reply = reply or source.reply
        facts.update(source.facts)
        variant = variant or source.variant
    elif isinstance(source, BaseException):
        facts.setdefault("detail", str(source) or type(source).__name__)
    facts.update(extra_facts or {})
    own = redactor_for(config)

    def scrub(text: str) -> str:
        return redact(own(text))

    reply = scrub(reply)
    facts = {key: scrub(value) for key, value in facts.items()}
    key = f"{code}/{variant}" if f"{code}/{variant}" in DIAGNOSES else code
    where = host or config.host
    wording = DIAGNOSES[key].wording(relay=is_relay_host(where))
    values = _Blank({"host": where, "port": str(config.port), "user": config.user or "—",
                     **facts, "reply": reply or "—"})
    en = dict(values, security=combo_label(config.port, config.security, "en"))
    zh = dict(values, security=combo_label(config.port, config.security, "zh_TW"))

    def fill(t: Text) -> Text:
        return Text(scrub(t.en.format_map(_Blank(en))), scrub(t.zh.format_map(_Blank(zh))))

    return Diagnosis(code, fill(wording.title), fill(wording.explain), fill(wording.next_step),
                     reply=reply, facts=facts,
                     notes=tuple(Text(scrub(n.en), scrub(n.zh)) for n in notes if n.en or n.zh))


def with_alternative(diagnosis: Diagnosis, alternative: Text) -> Diagnosis:
    return replace(diagnosis, alternative=alternative)
