"""The Connection test's diagnosis panel: what one attempt (or the test message) found, in plain
words in the UI language — the title, the explanation, notes, an alternative, the next step, and
the facts (server reply, TLS version and verdict, LaunchID, Message-ID)."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from ...core.smtp.config import combo_label
from ...core.smtp.diagnosis import Diagnosis
from ...core.smtp.probe import ProbeResult
from ...core.smtp.send import SendResult
from ..i18n import current_lang


def as_html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class DiagnosisPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.view = QTextBrowser(self)
        self.view.setOpenLinks(False)
        self.title.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("&Diagnosis"))
        self.view.setAccessibleName(self.tr("Diagnosis"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- what it shows ---------------------------------------------------------------------------
    def show_text(self, text: str) -> None:
        self.view.setHtml(f"<p>{as_html(text)}</p>")

    def show_unfinished(self, *, cancelled: bool) -> None:
        """A row whose attempt has no result (yet)."""
        self.show_text(self.tr("Cancelled before this attempt finished.") if cancelled else
                       self.tr("Testing…"))

    def show_waiting(self, *, busy: bool) -> None:
        """Nothing to show yet: a test runs, or none ran."""
        self.show_text(self.tr("Testing… each result appears in the table as soon as its "
                               "attempt finishes.") if busy else
                       self.tr("The diagnosis appears here after a test: what happened, in "
                               "plain words, and what to do next."))

    def show_probe(self, result: ProbeResult, *, recommended: bool = False) -> None:
        lang = current_lang()
        heading = f"{combo_label(result.port, result.security, lang)} — {result.host} · " \
                  f"{result.elapsed_ms:,.0f} ms"
        body = self._diagnosis(result.diagnosis, heading,
                               self.tr("recommended") if recommended else "")
        facts = []
        if result.diagnosis.reply:
            facts.append(self.tr("Server reply: {reply}").format(reply=result.diagnosis.reply))
        if result.tls is not None and result.tls.verdict:
            facts.append(("TLS：" if lang == "zh_TW" else "TLS: ") +
                         f"{result.tls.version or '—'} — {result.tls.verdict_in(lang)}")
        if facts:
            body += "<p><tt>" + "<br>".join(as_html(f) for f in facts) + "</tt></p>"
        self.view.setHtml(body)

    def show_verdict(self, diagnosis: Diagnosis, *, attempts: int) -> None:
        """What the whole test says (core.smtp.verdict), when no one attempt does."""
        heading = self.tr("All {count} attempts together").format(count=attempts)
        self.view.setHtml(self._diagnosis(diagnosis, heading))

    def show_send(self, result: SendResult) -> None:
        lang = current_lang()
        heading = self.tr("Test message — {combination} on {host}").format(
            combination=combo_label(result.port, result.security, lang), host=result.host)
        body = self._diagnosis(result.diagnosis, heading)
        facts = [f"LaunchID: {result.launch_id or '—'}", f"Message-ID: {result.message_id}"]
        if result.final_reply:
            facts.append(self.tr("Final reply: {reply}").format(reply=result.final_reply))
        body += "<p><tt>" + "<br>".join(as_html(f) for f in facts) + "</tt></p>"
        if result.ok:
            body += "<p><i>" + as_html(self.tr(
                "A 250 reply means the relay accepted the message; it is not proof that it "
                "reached the inbox. Check the inbox and the spam folder.")) + "</i></p>"
        self.view.setHtml(body)

    def _diagnosis(self, diagnosis: Diagnosis, heading: str, badge: str = "") -> str:
        lang = current_lang()
        parts = [f"<p style='margin-bottom:2px'>{as_html(heading)}</p>"]
        title = as_html(diagnosis.title.get(lang))
        if badge:
            title += f" — {as_html(badge)}"
        parts.append(f"<h3 style='margin-top:2px'>{title}</h3>")
        parts.append(f"<p>{as_html(diagnosis.explain.get(lang))}</p>")
        parts += [f"<p>{as_html(note.get(lang))}</p>" for note in diagnosis.notes]
        alternative = diagnosis.alternative_text().get(lang)
        if alternative:
            parts.append(f"<p><b>{as_html(alternative)}</b></p>")
        next_step = self.tr("Next step:")
        step = as_html(diagnosis.next_step.get(lang))
        if diagnosis.code == "password_missing":  # the app's words, not the command line's
            step = as_html(self.tr("Type the password on the Account tab (it is used at once, "
                                   "for this session; Save keeps it), then press Test "
                                   "again."))
        parts.append(f"<p><b>{as_html(next_step)}</b> {step}</p>")
        return "".join(parts)
