"""The report to paste to IT or to the relay's support: Markdown (plain-text friendly) and JSON.
Built only from redacted transcripts and a settings card that never holds the password."""

from __future__ import annotations

import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ... import __version__
from ..text import Text, counted
from .config import Security, ServerConfig, combo_label
from .diagnosis import Diagnosis
from .probe import (
    FAILED, REACHABLE, STATE_WORDS, WORKS, ProbeResult, login_attempt, login_summary,
)
from .send import SendResult

if TYPE_CHECKING:
    from ..domain.check import DomainReport


Combos = Sequence[tuple[int, Security]]


@dataclass(frozen=True)
class Stopped:
    """A test ended by Ctrl+C or SIGTERM before every attempt finished (QA3 #18): when, and
    the attempts (host, port, security) that had not finished; the finished ones are the
    report's results."""

    at: datetime
    unfinished: tuple[tuple[str, int, Security], ...] = ()

    def to_dict(self, finished: int) -> dict[str, object]:
        return {"at": self.at.isoformat(timespec="seconds"), "finished": finished,
                "unfinished": [{"host": h, "port": p, "security": s.value}
                               for h, p, s in self.unfinished]}

    def lines(self, finished: int, lang: str) -> list[str]:
        at = self.at.isoformat(sep=" ", timespec="seconds")
        total = finished + len(self.unfinished)
        left = [f"{combo_label(p, s, lang)} — {h}" for h, p, s in self.unfinished]
        head = Text(f"**The test was stopped** (Ctrl+C or SIGTERM) at {at}, before it "
                    f"finished: {finished} of {counted(total, 'attempt', 'attempts')} finished"
                    f"{' (below)' if finished else ''}; the results are incomplete.",
                    f"**測試已被停止**（Ctrl+C 或 SIGTERM），時間 {at}，尚未完成：{total} 個"
                    f"嘗試中有 {finished} 個已完成{'（見下方）' if finished else ''}；結果並不"
                    "完整。").get(lang)
        if not left:
            return [head]
        return [head, "", Text("Not finished:", "尚未完成：").get(lang),
                *[f"- {line}" for line in left]]


def _tested_combos(config: ServerConfig, combos: Combos | None) -> list[tuple[int, Security]]:
    """The combinations the test tried: `combos` when it tried several, else the config's."""
    tried = list(dict.fromkeys(combos or ()))
    return tried if len(tried) > 1 else [(config.port, config.security)]


def settings_card(config: ServerConfig, combos: Combos | None = None) -> dict[str, object]:
    """`combos`: the combinations a test of every combination tried (then port and security
    name them all, not the one the config happens to hold: QA3 #18)."""
    tried = _tested_combos(config, combos)
    several = len(tried) > 1
    return {
        "host": config.host, "backup_host": config.backup_host,
        "port": sorted({p for p, _ in tried}) if several else config.port,
        "security": "every combination" if several else config.security.value,
        **({"combinations": [{"port": p, "security": s.value} for p, s in tried]}
           if several else {}),
        "user": config.user,
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
                pattern: Diagnosis | None = None, now: datetime | None = None,
                domain: DomainReport | None = None, combos: Combos | None = None,
                stopped: Stopped | None = None) -> dict[str, object]:
    """`pattern`: what the attempts say together (MatrixResult.pattern), when nothing
    worked; `domain`: the sender-domain check run beside the test (as `domain-check
    --json` gives it), when there was one; `combos`: the combinations a test of every one
    tried; `stopped`: the test was stopped before it finished."""
    best = recommended
    return {
        **_about(now or datetime.now().astimezone()),
        "settings": settings_card(config, combos),
        "stopped": None if stopped is None else stopped.to_dict(len(results)),
        "recommended": None if best is None else
        {"host": best.host, "port": best.port, "security": best.security.value},
        "diagnosis": None if pattern is None else pattern.to_dict(),
        **login_summary(results),
        "attempts": [r.to_dict() for r in results],
        "test_message": test_message.to_dict() if test_message else None,
        **({"domain_check": domain.to_dict()} if domain is not None else {}),
    }


L = {
    "title": Text("OMIDesk connection report", "OMIDesk 連線測試報告"),
    "settings": Text("Settings", "設定"),
    "summary": Text("Summary", "摘要"),
    "recommended": Text("Recommended", "建議使用"),
    "none_worked": Text("No combination worked.", "沒有任何組合成功。"),
    "none_finished_worked": Text("None of the attempts that finished worked.",
                                 "已完成的嘗試都沒有成功。"),
    "attempt": Text("Attempt", "嘗試"),
    "transcript": Text("Transcript", "通訊記錄"),
    "certificate": Text("Certificate", "憑證"),
    "test_message": Text("Test message", "測試郵件"),
    "login": Text("Login tried once, on", "登入只嘗試一次，於"),
    "no_login": Text("Login not tried.", "沒有嘗試登入。"),
    "final_reply": Text("Final reply", "最終回覆"),
    "domain": Text("Sender domain check", "寄件網域檢查"),
    "col_host": Text("Server", "伺服器"), "col_port": Text("Port", "連接埠"),
    "col_security": Text("Encryption", "加密方式"), "col_ok": Text("OK", "結果"),
    "col_ms": Text("ms", "毫秒"), "col_diagnosis": Text("Diagnosis", "診斷"),
}


MARKS = {WORKS: "✔", REACHABLE: "⚠", FAILED: "✘"}  # the tab's icons, as characters


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"


def settings_rows(config: ServerConfig, lang: str,
                  combos: Combos | None = None) -> list[tuple[str, str]]:
    """The settings card as the Markdown report shows it: every name and value in the
    report's language (the JSON keeps settings_card's keys, for programs)."""
    def t(en: str, zh: str) -> str:
        return Text(en, zh).get(lang)

    none = t("none", "無")
    timeouts = config.timeouts
    tried = _tested_combos(config, combos)
    if len(tried) > 1:
        ports = ", ".join(str(p) for p in dict.fromkeys(p for p, _ in tried))
        every = t("every combination: ", "所有組合：") + t(", ", "、").join(
            combo_label(p, s, lang) for p, s in tried)
        port_rows = [(t("Port", "連接埠"), ports), (t("Encryption", "加密方式"), every)]
    else:
        port_rows = [(t("Port", "連接埠"), str(config.port)),
                     (t("Encryption", "加密方式"), config.security.label.get(lang))]
    return [
        (t("Server", "伺服器"), config.host),
        (t("Backup server", "備援伺服器"), config.backup_host or none),
        *port_rows,
        (t("Login", "登入帳號"), config.user or none),
        (t("Password", "密碼"), t("given (not shown)", "已提供（不顯示）") if config.password
         else none),
        (t("EHLO name", "EHLO 名稱"), config.ehlo_name or t(
            "this computer's address, e.g. [192.0.2.10]", "本機位址，例如 [192.0.2.10]")),
        (t("Extra CA file", "額外信任的 CA 檔案"), str(config.cafile) if config.cafile else none),
        (t("Trusted certificate (SHA-256)", "信任的憑證（SHA-256）"),
         config.trusted_fingerprint or none),
        (t("Password without encryption", "允許密碼不加密傳輸"),
         t("allowed", "允許") if config.allow_plaintext_login else t("not allowed", "不允許")),
        (t("Timeouts", "逾時"), t(
            f"connect {timeouts.connect:g} s, greeting {timeouts.greeting:g} s, each command "
            f"{timeouts.command:g} s",
            f"連線 {timeouts.connect:g} 秒、伺服器問候 {timeouts.greeting:g} 秒、每個指令 "
            f"{timeouts.command:g} 秒")),
    ]


def render_report(config: ServerConfig, results: Sequence[ProbeResult], *, lang: str = "en",
                  recommended: ProbeResult | None = None, test_message: SendResult | None = None,
                  pattern: Diagnosis | None = None, now: datetime | None = None,
                  domain: DomainReport | None = None, combos: Combos | None = None,
                  stopped: Stopped | None = None) -> str:
    """The Markdown report, every word in `lang`. `domain`: the sender-domain check shown
    beside the test (the set-up assistant's step 3), as its own section; `combos` and
    `stopped` as for report_dict."""
    def t(key: str) -> str:
        return L[key].get(lang)

    t_colon = Text(":", "：").get(lang)  # at the end of a label
    sep = Text(": ", "：").get(lang)  # between a label and what follows it
    about = _about(now or datetime.now().astimezone())
    out = [f"# {t('title')}", "", f"{about['app']} · {about['date']} · Python {about['python']}"
           f" · {about['platform']}", "", f"## {t('settings')}", ""]
    out += [_row("", ""), _row("---", "---")]
    out += [_row(k, v) for k, v in settings_rows(config, lang, combos)]
    out += ["", f"## {t('summary')}", ""]
    if stopped is not None:
        out += [*stopped.lines(len(results), lang), ""]
    if recommended is not None:
        out.append(f"**{t('recommended')}{t_colon}** {recommended.label(lang)}")
    elif len(results) > 1:
        out.append(f"**{t('none_finished_worked' if stopped else 'none_worked')}**")
    if recommended is None and pattern is not None:
        out += ["", pattern.render(lang)]
    login = login_attempt(results)
    if config.user and results:
        out += ["", f"{t('login')} {login.label(lang)}{sep}"
                f"{login.diagnosis.title.get(lang)}" if login is not None else t("no_login")]
    heads = [L[k].get(lang) for k in ("col_host", "col_port", "col_security", "col_ok",
                                      "col_ms", "col_diagnosis")]
    if results or stopped is None:
        out += ["", _row("#", *heads), _row(*["---"] * 7)]
    for i, r in enumerate(results, 1):
        mark = f"{MARKS[r.state]} {STATE_WORDS[r.state].get(lang)}"  # the tab's three states
        out.append(_row(i, r.host, r.port, r.security.label.get(lang), mark,
                        f"{r.elapsed_ms:.0f}", r.diagnosis.code))
    for i, r in enumerate(results, 1):
        status = STATE_WORDS[r.state].get(lang)
        out += ["", f"## {t('attempt')} {i}{sep}{combo_label(r.port, r.security, lang)} — "
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
    if domain is not None:
        from ..domain.report import render_text

        out += ["", f"## {t('domain')}", "", "```", render_text(domain, lang).rstrip("\n"),
                "```"]
    if test_message is not None:
        m = test_message
        out += ["", f"## {t('test_message')}", "", m.diagnosis.render(lang), "",
                f"Message-ID{sep}{m.message_id}", f"LaunchID{sep}{m.launch_id or '—'}",
                f"{t('final_reply')}{sep}{m.final_reply or '—'}", "", "```"]
        out += [e.render(lang) for e in m.events] + ["```"]
    return "\n".join(out) + "\n"
