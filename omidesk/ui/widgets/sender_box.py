"""The Account tab's sender group: the sender address with the check of its domain (SPF, DMARC
and DKIM for mail from the relay: manual §2), the display name, Reply-To, the DKIM selectors, and
the server certificate the profile trusts. The tab fills it (show_account), reads its fields,
and gives the hosts a check is for (its server box's); each field's error label is in
`errors`, by the core's field name, as in the other account boxes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget,
)

from ...core.account import Account
from ...core.errors import ValidationError
from ..lean import make_selectable
from .account_boxes import error_row, indented_row

if TYPE_CHECKING:
    import asyncio

    from ...core.domain.check import DomainReport
    from .domain_panel import DomainPanel


class SenderBox(QGroupBox):
    check_requested = Signal()  # "Check the sender's domain" (the tab knows the hosts)
    forget_requested = Signal()  # "Forget trusted certificate"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Sender"))
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout(self)
        self.sender_edit = QLineEdit()
        self.sender_edit.setPlaceholderText("name@example.com")
        self.sender_name_edit = QLineEdit()
        self.reply_to_edit = QLineEdit()
        self.reply_to_edit.setPlaceholderText(self.tr("optional"))
        self.check_domain_button = QPushButton(self.tr("Check the sender's domain"))
        self.check_domain_button.setToolTip(self.tr("Read the domain's SPF, DMARC and DKIM "
                                                    "records: is it ready for mail from the "
                                                    "relay? (manual §2)"))
        self.check_domain_button.clicked.connect(self.check_requested)
        sender_row = QHBoxLayout()
        sender_row.addWidget(self.sender_edit, 1)
        sender_row.addWidget(self.check_domain_button)
        error_row(form, self.tr("S&ender address:"), sender_row, "from", self.errors,
                  buddy=self.sender_edit)
        error_row(form, self.tr("D&isplay name:"), self.sender_name_edit, "from_name",
                  self.errors)
        # Not "Reply-&To:": the underlined T is drawn apart from the o, without their kerning,
        # and the colon is cut off (Qt measures the kerned text).
        error_row(form, self.tr("Repl&y-To:"), self.reply_to_edit, "reply_to", self.errors)
        self.dkim_edit = QLineEdit()
        self.dkim_edit.setPlaceholderText(self.tr("optional; ask 沛盛資訊 (e.g. s1)"))
        self.dkim_edit.setToolTip(self.tr("The DKIM selectors the relay signs your mail "
                                          "with: one, or several separated by commas"))
        error_row(form, self.tr("D&KIM selectors:"), self.dkim_edit, "dkim_selector",
                  self.errors)
        # The domain check's panel is hidden until a check: made when first used (its module
        # and widgets cost the first paint ~25 ms), in this slot.
        self._domain_panel: DomainPanel | None = None
        self._domain_place = (form, form.rowCount())
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setWordWrap(True)
        make_selectable(self.fingerprint_label)
        self.forget_fingerprint = QPushButton(self.tr("Forget trusted certificate"))
        self.forget_fingerprint.clicked.connect(self.forget_requested)
        self.fingerprint_title = QLabel(self.tr("Trusted certificate:"))
        form.addRow(self.fingerprint_title, self.fingerprint_label)
        indented_row(form, self.forget_fingerprint)

    def show_account(self, account: Account) -> None:
        self.sender_edit.setText(account.sender)
        self.sender_name_edit.setText(account.sender_name)
        self.reply_to_edit.setText(account.reply_to)
        self.dkim_edit.setText(", ".join(account.dkim_selectors))
        self.fingerprint_label.setText(account.trusted_fingerprint)
        for widget in (self.fingerprint_title, self.fingerprint_label, self.forget_fingerprint):
            widget.setVisible(bool(account.trusted_fingerprint))

    def typed_selectors(self) -> list[str]:
        text = self.dkim_edit.text()
        if not text.strip():  # the first paint does not load the domain check for nothing
            return []
        from ...core.domain.names import split_selectors

        return split_selectors(text)

    def _selectors(self) -> tuple[list[str], ValidationError | None]:
        from ...core.domain.names import parse_selectors

        try:
            return parse_selectors(self.dkim_edit.text()), None
        except ValidationError as exc:
            return [], exc  # shown at the field, and by the panel on a check

    # -- the domain check ----------------------------------------------------------------------
    @property
    def domain_panel(self) -> DomainPanel:
        if self._domain_panel is None:
            from .domain_panel import DomainPanel

            self._domain_panel = DomainPanel()
            form, row = self._domain_place
            form.insertRow(row, self._domain_panel)
            checker = self._domain_panel.checker
            checker.started.connect(self._show_check_busy)
            checker.finished.connect(self._show_check_busy)
        return self._domain_panel

    def _show_check_busy(self, *_args: object) -> None:
        """The button says "Checking…" while the lookups run (QA3 #20), at its width."""
        button = self.check_domain_button
        busy = self._domain_panel is not None and self._domain_panel.busy
        if busy and button.isEnabled():
            button.setMinimumWidth(button.sizeHint().width())
        elif not busy:
            button.setMinimumWidth(0)
        button.setText(self.tr("Checking…") if busy else self.tr("Check the sender's domain"))
        button.setEnabled(not busy)

    def keep_domain_result(self, sender: str, hosts: list[str]) -> None:
        """A shown result that no longer matches the form is put away (none shown: nothing
        to do, and the panel is not made for it)."""
        if self._domain_panel is not None:
            selectors, _error = self._selectors()
            self._domain_panel.keep_if_current(sender, hosts=hosts, selectors=selectors)
            self._show_check_busy()

    def check_domain(self, hosts: list[str]) -> asyncio.Task[DomainReport] | None:
        """Check the sender's domain for mail from `hosts`. Not with a selector that is no
        selector: the panel says so, not "DKIM not checked"."""
        selectors, error = self._selectors()
        return self.domain_panel.check(self.sender_edit.text(), hosts=hosts, selectors=selectors,
                                       selector_error=error)

    def cancel_check(self) -> None:
        if self._domain_panel is not None:
            self._domain_panel.cancel()
