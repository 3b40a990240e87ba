"""The sender-domain check as plain text: every record read, one line per finding, then each
finding's explanation and next step, the verdict and the approximation note. What
`omidesk domain-check` prints and what the app copies for IT."""

from __future__ import annotations

import unicodedata

from ..text import Text
from .check import DomainReport
from .lookup import Answer, Status, error_text, status_text
from .names import shown_name
from .texts import ROWS, approximation, finding_texts, verdict_texts

MARKS = {"ok": "OK", "error": "--", "warning": "!!", "info": " i"}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def _answer_lines(answer: Answer, lang: str) -> list[str]:
    if answer.ok:
        shown = answer.shown_records()
        if answer.cname:
            shown = [Text(f"(CNAME → {answer.cname})", f"（CNAME → {answer.cname}）").get(lang),
                     *shown]
        return shown
    if answer.cname and answer.status.void:  # a CNAME that leads nowhere
        return [Text(f"(CNAME → {answer.cname}) nothing there ({answer.status.value})",
                     f"（CNAME → {answer.cname}）該處沒有任何記錄（{answer.status.value}）"
                     ).get(lang)]
    return [{
        Status.NXDOMAIN: Text("no such name (NXDOMAIN)", "名稱不存在（NXDOMAIN）"),
        Status.NODATA: Text(f"no {answer.rdtype} record", f"沒有 {answer.rdtype} 記錄"),
        Status.TIMEOUT: error_text(answer.error or Status.TIMEOUT.value),
        Status.SERVFAIL: Text(f"failed: {error_text(answer.error).en}",
                              f"查詢失敗：{error_text(answer.error).zh}"),
        Status.INVALID: Text("not a valid name", "不是有效的名稱"),
    }[answer.status].get(lang)]


def records_read(report: DomainReport, lang: str) -> list[str]:
    width = max((_width(shown_name(a.name)) for a in report.trail), default=0) + 2
    lines = []
    for answer in report.trail:
        for i, text in enumerate(_answer_lines(answer, lang)):
            head = f"{answer.rdtype:<5} {_pad(shown_name(answer.name), width)}" if i == 0 else \
                " " * (6 + width)
            lines.append(f"  {head}{text}")
    return lines


def row_label(report: DomainReport, finding_row: str, selector: str, lang: str) -> str:
    label = ROWS[finding_row].get(lang)
    return f"{label} {selector}" if selector else label


def render_text(report: DomainReport, lang: str = "en") -> str:
    def t(en: str, zh: str) -> str:
        return Text(en, zh).get(lang)

    target = report.target
    address = Text(f" ({target.shown_address})", f"（{target.shown_address}）").get(lang) \
        if target.address else ""
    domain = target.domain if target.shown == target.domain else \
        Text(f"{target.shown} ({target.domain})", f"{target.shown}（{target.domain}）").get(lang)
    lines = [t("Sender domain: ", "寄件網域：") + domain + address,
             t("DNS server: ", "DNS 伺服器：") + report.nameserver]
    relay = "; ".join(f"{r.host} → {', '.join(r.addresses) or status_text(r.status).get(lang)}"
                      for r in report.relay)
    lines.append(t("Relay: ", "轉發伺服器：") + (relay or "-"))
    lines += ["", t("Records read:", "讀取的記錄：")]
    lines += records_read(report, lang) or ["  -"]
    lines.append("")
    code_width = max((len(f.code) for f in report.findings), default=0) + 2
    details: list[str] = []
    for finding in report.findings:
        title, explain, step, status = finding_texts(finding, report)
        label = row_label(report, finding.row, finding.facts.get("selector", ""), lang)
        lines.append(f"  {MARKS[finding.level]}  {finding.code:<{code_width}} "
                     f"{label}{t(': ', '：')}{status.get(lang)}")
        details += ["", f"{finding.code} — {title.get(lang)}"]
        details += [f"  {line}" for line in explain.get(lang).splitlines()]
        details += [f"  {t('Next step: ', '下一步：')}{line}" if i == 0 else f"  {line}"
                    for i, line in enumerate(step.get(lang).splitlines())]
    lines += details
    title, explain, step, _status = verdict_texts(report)
    lines += ["", f"{report.verdict} — {title.get(lang)}", f"  {explain.get(lang)}"]
    if not report.ready:
        lines.append(f"  {step.get(lang)}")
    lines += ["", t("Note: ", "注意：") + approximation(report).get(lang)]
    return "\n".join(lines) + "\n"
