"""The sender domain's status on one line, near a "send a test to myself" button (Connection
test, Compose, the set-up assistant): when the domain is not ready, the manual's §2 advice with
a field to send the test to a Gmail address instead.

The check itself (core.domain, asyncio, dnspython) is imported on the first check."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from ..i18n import current_lang, pick
from .domain_frame import CheckFrame, status_icon, text_label

if TYPE_CHECKING:
    import asyncio

    from ...core.domain.check import DomainReport
    from ...core.domain.names import Target


class DomainStatusStrip(CheckFrame):
    """The line about the sender's domain near a "send a test to myself" button (Connection
    test, Compose). Hidden for a domain that is not checked (none, or reserved for examples
    such as example.com). With `offer_send`, a domain not ready comes with a field to send
    the test to another address (send_to)."""

    send_to = Signal(str)  # send the test message to this address instead

    def __init__(self, parent: QWidget | None = None, *, offer_send: bool = True) -> None:
        super().__init__(parent)
        self._offer_send = offer_send
        self._target: Target | None = None
        self._shown_before: DomainReport | None = None  # a not-ready status the user saw
        self.icon = QLabel(self)
        self.icon.setFixedSize(16, 16)
        self.text = text_label(self, selectable=True)
        self.advice = text_label(self)
        font = self.advice.font()
        font.setBold(True)
        self.advice.setFont(font)
        self.recipient = QLineEdit(self)
        self.recipient.setPlaceholderText("name@gmail.com")
        self.recipient.setClearButtonEnabled(True)
        self.recipient_label = QLabel(self)
        self.recipient_label.setBuddy(self.recipient)
        self.send_button = QPushButton(self)
        self.send_button.clicked.connect(self._send_clicked)
        self.recipient.returnPressed.connect(self._send_clicked)
        self.recipient.textChanged.connect(lambda _text: self._update_send())
        top = QHBoxLayout()
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text, 1)
        # The field keeps room for an address: where the strip is narrow (the Mailing tab's
        # preview at 1100 px) the label goes above the field and its button (QA3, left 5).
        self.recipient.setMinimumWidth(
            self.recipient.fontMetrics().horizontalAdvance("name.surname@gmail.com") + 24)
        self.send_row = QWidget(self)
        row = QFormLayout(self.send_row)
        row.setContentsMargins(22, 0, 0, 0)
        row.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        row.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        field = QWidget(self.send_row)
        field_row = QHBoxLayout(field)
        field_row.setContentsMargins(0, 0, 0, 0)
        field_row.addWidget(self.recipient, 1)
        field_row.addWidget(self.send_button)
        row.addRow(self.recipient_label, field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(top)
        self.advice.setContentsMargins(22, 0, 0, 0)
        layout.addWidget(self.advice)
        layout.addWidget(self.send_row)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.recipient_label.setText(self.tr("Send the test to another address:"))
        self.send_button.setText(self.tr("Send test there"))
        self.send_button.setToolTip(self.tr("Send the test message to this address (a Gmail "
                                            "address, say) instead of the sender's own"))
        self._render()

    def _started(self, _domain: str) -> None:
        self._render()

    def _finished(self, _result: object) -> None:
        self._render()

    @staticmethod
    def checkable(sender: str) -> Target | None:
        """The sender's domain, when it is one to check (not empty, not an example domain)."""
        from ...core.domain.names import is_reserved, parse_target
        from ...core.errors import ValidationError

        try:
            target = parse_target(sender) if sender.strip() else None
        except ValidationError:
            return None
        return target if target is not None and not is_reserved(target.domain) else None

    def set_sender(self, sender: str) -> None:
        """A new sender: forget the old verdict (a report still fresh is reused)."""
        target = self.checkable(sender)
        if target != self._target:
            if self._checker is not None:
                self._checker.cancel()
                self._checker.report = None
            self._target = target
        self._render()

    def check(self, hosts: Sequence[str], selectors: Sequence[str] = ()
              ) -> asyncio.Task[DomainReport] | None:
        """Check the sender's domain for these relay hosts (a fresh report is reused)."""
        if self._target is None:
            self.hide()
            return None
        if self.busy:
            return None
        return self.checker.check(self._target, hosts, selectors)

    def decided(self) -> bool | None:
        """Whether a test to the sender's own company address may go now (manual §2): True
        (ready, nothing to check, a free-mail address, or this not-ready status was shown
        and the user asks again), False (not ready: the status is on show, the test waits
        for the user's choice), None (the domain must be checked first: clear_to_send)."""
        from ...core.domain.names import is_free_mail

        target, report = self._target, self.report
        if target is None or is_free_mail(target.domain):
            return True
        if report is None:
            return None
        if report.ready or report is self._shown_before:
            return True
        self._shown_before = report
        return False

    async def clear_to_send(self, hosts: Sequence[str], selectors: Sequence[str] = ()) -> bool:
        """decided(), the domain checked first when it must be (a check that fails with a
        bug stops no test: the strip says what happened)."""
        import asyncio

        decision = self.decided()
        if decision is not None:
            return decision
        running = self.checker.task or self.check(hosts, selectors)
        if running is not None:
            try:
                await asyncio.shield(running)
            except Exception:  # noqa: BLE001
                return True
        return self.decided() is not False

    @property
    def report(self) -> DomainReport | None:
        report = self._checker.report if self._checker is not None else None
        return report if report is not None and self._target is not None and \
            report.target == self._target else None

    def _send_clicked(self) -> None:
        address = self.recipient.text().strip()
        if address:
            self.send_to.emit(address)

    def _update_send(self) -> None:
        self.send_button.setEnabled(bool(self.recipient.text().strip()))

    def _render(self) -> None:
        target, report = self._target, self.report
        if target is None or (report is None and not self.busy):
            self.hide()
            return
        self.show()
        lang = current_lang()
        if report is None:
            self.icon.setPixmap(status_icon(self, "busy").pixmap(16, 16))
            self.text.setText(self.tr("Checking the sender's domain {domain} (SPF, DMARC, "
                                      "DKIM)…").format(domain=target.shown))
            self.advice.hide()
            self.send_row.hide()
            return
        from ...core.domain.names import is_free_mail
        from ...core.domain.report import row_label
        from ...core.domain.texts import GMAIL_FIRST, finding_texts, verdict_texts
        from .domain_check import verdict_level

        title = verdict_texts(report)[0].get(lang)
        rows = " · ".join(
            f"{row_label(report, f.row, f.facts.get('selector', ''), lang)} "
            f"{finding_texts(f, report)[3].get(lang)}" for f in report.findings)
        self.icon.setPixmap(status_icon(self, verdict_level(report)).pixmap(16, 16))
        self.text.setText(self.tr("Sender domain: {title} — {rows}").format(title=title,
                                                                              rows=rows))
        company = not is_free_mail(target.domain)
        self.advice.setText(GMAIL_FIRST.get(lang) if company else pick(
            finding_texts(report.findings[0], report)[2]))
        self.advice.setVisible(not report.ready)
        self.send_row.setVisible(not report.ready and company and self._offer_send)
        self._update_send()
