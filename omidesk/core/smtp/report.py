"""The report to paste to IT or to the relay's support: Markdown (plain-text friendly) and JSON.
Built only from redacted transcripts and a settings card that never holds the password."""

from __future__ import annotations

import platform
import sys
from collections.abc import Sequence
from datetime import datetime

from ... import __version__
from ..text import Text
from .config import ServerConfig, combo_label
from .diagnosis import Diagnosis
from .probe import ProbeResult, login_attempt, login_summary
from .send import SendResult


def settings_card(config: ServerConfig) -> dict[str, object]:
    return {
        "host": config.host, "backup_host": config.backup_host, "port": config.port,
        "security": config.security.value, "user": config.user,
        "password": "given (not shown)" if config.password else "none",
        "ehlo_name": config.ehlo_name or "local address literal",
        "cafile": str(config.cafile) if config.cafile else "",
        "trusted_fingerprint": config.trusted_fingerprint,
        "allow_plaintext_login": config.allow_plaintext_login,
        "timeouts_s": {"connect": config.timeouts.connect, "greeting": config.timeouts.greeting,
                       "command": config.timeouts.command},
    }


def _about(now: datetime) -> dict[str, str]:
    return {"app": f"OMIDesk {__version__}", "date": now.isoformat(timespec="seconds"),
            "python": sys.version.split()[0], "platform": platform.platform(terse=True)}


def report_dict(config: ServerConfig, results: Sequence[ProbeResult], *,
                recommended: ProbeResult | None = None, test_message: SendResult | None = None,
                pattern: Diagnosis | None = None,
                now: datetime | None = None) -> dict[str, object]:
    """`pattern`: what the attempts say together (MatrixResult.pattern), when nothing
    worked."""
    best = recommended
    return {
        **_about(now or datetime.now().astimezone()),
        "settings": settings_card(config),
        "recommended": None if best is None else
        {"host": best.host, "port": best.port, "security": best.security.value},
        "diagnosis": None if pattern is None else pattern.to_dict(),
        **login_summary(results),
        "attempts": [r.to_dict() for r in results],
        "test_message": test_message.to_dict() if test_message else None,
    }


L = {
    "title": Text("OMIDesk connection report", "OMIDesk 連線測試報告"),
    "settings": Text("Settings", "設定"),
    "summary": Text("Summary", "摘要"),
    "recommended": Text("Recommended", "建議使用"),
    "none_worked": Text("No combination worked.", "沒有任何組合成功。"),
    "attempt": Text("Attempt", "嘗試"),
    "ok": Text("OK", "成功"), "failed": Text("FAILED", "失敗"),
    "transcript": Text("Transcript", "通訊記錄"),
    "certificate": Text("Certificate", "憑證"),
    "test_message": Text("Test message", "測試郵件"),
    "login": Text("Login tried once, on", "登入只嘗試一次，於"),
    "no_login": Text("Login not tried.", "沒有嘗試登入。"),
}


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"


def render_report(config: ServerConfig, results: Sequence[ProbeResult], *, lang: str = "en",
                  recommended: ProbeResult | None = None, test_message: SendResult | None = None,
                  pattern: Diagnosis | None = None, now: datetime | None = None) -> str:
    def t(key: str) -> str:
        return L[key].get(lang)

    t_colon = Text(":", "：").get(lang)
    about = _about(now or datetime.now().astimezone())
    out = [f"# {t('title')}", "", f"{about['app']} · {about['date']} · Python {about['python']}"
           f" · {about['platform']}", "", f"## {t('settings')}", ""]
    out += [_row("", ""), _row("---", "---")]
    out += [_row(k, v) for k, v in settings_card(config).items()]
    out += ["", f"## {t('summary')}", ""]
    if recommended is not None:
        out.append(f"**{t('recommended')}:** {recommended.label(lang)}")
    elif len(results) > 1:
        out.append(f"**{t('none_worked')}**")
    if recommended is None and pattern is not None:
        out += ["", pattern.render(lang)]
    login = login_attempt(results)
    if config.user and results:
        out += ["", f"{t('login')} {login.label(lang)}: {login.diagnosis.title.get(lang)}"
                if login is not None else t("no_login")]
    out += ["", _row("#", "host", "port", "security", "", "ms", "diagnosis"),
            _row("---", "---", "---", "---", "---", "---", "---")]
    for i, r in enumerate(results, 1):
        out.append(_row(i, r.host, r.port, r.security.value, "✔" if r.ok else "✘",
                        f"{r.elapsed_ms:.0f}", r.diagnosis.code))
    for i, r in enumerate(results, 1):
        status = t("ok") if r.ok else t("failed")
        out += ["", f"## {t('attempt')} {i}: {combo_label(r.port, r.security, lang)} — "
                f"{r.host} — {status}", "", r.diagnosis.render(lang)]
        if r.tls:
            out += ["", Text("TLS: ", "TLS：").get(lang) +
                    f"{r.tls.version or '—'}, {r.tls.cipher or '—'} — {r.tls.verdict_in(lang)}"]
        if r.tls and r.tls.cert:
            c = r.tls.cert
            out += [Text(f"{t('certificate')}: {c.subject}; names {', '.join(c.names)}; "
                         f"issuer {c.issuer}; valid until {c.not_after}; SHA-256 {c.sha256}",
                         f"{t('certificate')}：{c.subject}；名稱 {'、'.join(c.names)}；"
                         f"簽發者 {c.issuer}；有效期限至 {c.not_after}；SHA-256 {c.sha256}"
                         ).get(lang)]
        out += ["", f"{t('transcript')}{t_colon}", "", "```"]
        out += [e.render(lang) for e in r.events] + ["```"]
    if test_message is not None:
        m = test_message
        out += ["", f"## {t('test_message')}", "", m.diagnosis.render(lang), "",
                f"Message-ID: {m.message_id}", f"LaunchID: {m.launch_id or '—'}",
                f"Final reply: {m.final_reply or '—'}", "", "```"]
        out += [e.render(lang) for e in m.events] + ["```"]
    return "\n".join(out) + "\n"
