"""The Account tab's group boxes that know their own fields: the server (preset, host, backup,
encryption with what it means and the per-profile confirmation of no encryption, port), the
login (with the keychain's state), the sender (the address with the check of its domain: SPF,
DMARC and DKIM for mail from the relay, manual §2; the display name, Reply-To, the DKIM
selectors, the server certificate the profile trusts) and the profile's default EmailOptions.
The tab reads and fills them, and gives the sender box the hosts a check is for (its server
box's); each field's error label is in `errors`, by the core's field name. One module: the
first tab's paint waits for each module imported (~1 M instructions each, issue 18)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLayout,
    QLineEdit, QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget,
)

from ...core.account import PRESET_CUSTOM, PRESET_RELAY, PRESET_SANDBOX, Account
from ...core.errors import ValidationError
from ...core.options import OptionSet
from ...core.secrets import SecretStore
from ..i18n import pick
from ..lean import action, make_selectable
from ...core.smtp.presets import DEFAULT_PORTS, RELAY_BACKUP_HOST, RELAY_HOST, Security

if TYPE_CHECKING:
    import asyncio

    from ...core.domain.check import DomainReport
    from .domain_panel import DomainPanel



class FieldErrors:
    """Each field's error label, by the core's field name, in a row of its own under its field
    (error_row), made the first time the field has an error to show: a first start shows
    none, and eight labels with their style sheet cost the first tab's paint ~4.5 M
    instructions (issue 18). `errors[field]` makes it (its row hidden) when it is not there
    yet. One set for the Account tab's boxes (each row knows its form); not a Mapping, whose
    items() and values() would make every label."""

    def __init__(self) -> None:
        self._places: dict[str, tuple[QFormLayout, QWidget | QLayout]] = {}
        self._made: dict[str, QLabel] = {}

    def add(self, field: str, form: QFormLayout, anchor: QWidget | QLayout) -> None:
        """`field`'s error goes in a row under the row of `anchor` (the row's field)."""
        self._places[field] = (form, anchor)

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __getitem__(self, field: str) -> QLabel:
        made = self._made.get(field)
        if made is not None:
            return made
        form, anchor = self._places[field]
        error = QLabel()
        error.setWordWrap(True)
        error.setObjectName(f"error_{field}")
        error.setStyleSheet("color: palette(link-visited);")
        form.insertRow(form_row(form, anchor) + 1, QWidget(), error)  # an indented row
        form.setRowVisible(error, False)
        self._made[field] = error
        return error

    def show(self, field: str, text: str) -> None:
        """The field's error ("" none), its label made only for one."""
        if not text and field not in self._made:
            return
        label = self[field]
        label.setText(text)
        self._places[field][0].setRowVisible(label, bool(text))


def form_row(form: QFormLayout, item: QWidget | QLayout) -> int:
    """The row of `form` that holds `item` (a field, a label or a layout)."""
    found = form.getWidgetPosition(item) if isinstance(item, QWidget) else \
        form.getLayoutPosition(item)
    return cast("tuple[int, object]", found)[0]


def error_row(form: QFormLayout, text: str, field: QWidget | QLayout, key: str,
              errors: FieldErrors, *, buddy: QWidget | None = None) -> None:
    """A row of the form, with room for its error in a row below it (FieldErrors). The
    label's buddy is the input itself (`buddy`, or `field`), a sibling in the group box: Qt
    then names the input from its label for a screen reader, in the label's language after a
    switch too, and the access key puts the cursor in it. (A box of field and error label as
    the buddy named nothing and took the access key's focus itself: QA5 #6.)"""
    target = buddy or field
    assert isinstance(target, QWidget), "a row of a layout names its input as `buddy`"
    label = QLabel(text)
    label.setBuddy(target)
    form.addRow(label, field)
    errors.add(key, form, field)


def indented_row(form: QFormLayout, field: QWidget) -> None:
    """A row under the form's fields with no words in the label column: an empty label
    there, not addRow("", …). Qt lays out a row without a label as tall as its wrapped text
    is at the narrow width of its size hint: a one-line note was centred in four lines'
    room, with the button under it pushed down. Shown and hidden with its label by
    form.setRowVisible(field, …), so that a hidden field's row takes no room (not an event
    filter following the field's own visibility: Python for every event of six fields,
    ~1.4 M instructions of the first tab's paint, issue 18)."""
    form.addRow(QWidget(), field)


class ServerBox(QGroupBox):
    edited = Signal()  # a field the user changed (the tab validates again)

    def __init__(self, parent: QWidget | None = None, *,
                 errors: FieldErrors | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Server"))
        self.errors = errors if errors is not None else FieldErrors()  # the tab's own
        self._loading = False
        form = self._form = QFormLayout(self)
        self.preset_combo = QComboBox()
        self.preset_combo.addItem(self.tr("OMICard / NewerMail (沛盛資訊)"), PRESET_RELAY)
        self.preset_combo.addItem(self.tr("Other SMTP server"), PRESET_CUSTOM)
        self.preset_combo.addItem(self.tr("Sandbox (local test relay)"), PRESET_SANDBOX)
        self.preset_combo.setAccessibleName(self.tr("Preset"))
        self.preset_combo.currentIndexChanged.connect(self._preset_picked)
        form.addRow(self.tr("P&reset:"), self.preset_combo)
        self.name_edit = QLineEdit()
        self.host_edit = QLineEdit()
        self.backup_edit = QLineEdit()
        self.backup_edit.setPlaceholderText(self.tr("optional"))
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setMaximumWidth(110)
        error_row(form, self.tr("Profile name:"), self.name_edit, "name", self.errors)
        error_row(form, self.tr("S&MTP server:"), self.host_edit, "host", self.errors)
        error_row(form, self.tr("&Backup server:"), self.backup_edit, "backup_host",
                  self.errors)

        self._add_security(form)
        error_row(form, self.tr("&Port:"), self.port_spin, "port", self.errors)
        for edit in (self.name_edit, self.host_edit, self.backup_edit):
            edit.textChanged.connect(self._changed)
        self.port_spin.valueChanged.connect(self._changed)
        self.plaintext_check.toggled.connect(self._plaintext_toggled)

    def _add_security(self, form: QFormLayout) -> None:
        """SSL, STARTTLS or none, what it means, and the confirmation none needs."""
        security_box = QWidget()
        security_row = QHBoxLayout(security_box)
        security_row.setContentsMargins(0, 0, 0, 0)
        self.security_group = QButtonGroup(self)
        self.security_buttons: dict[Security, QRadioButton] = {}
        for security, text in ((Security.SSL, self.tr("SSL (implicit TLS)")),
                               (Security.STARTTLS, self.tr("STARTTLS")),
                               (Security.NONE, self.tr("No encryption"))):
            button = QRadioButton(text)
            self.security_group.addButton(button)
            self.security_buttons[security] = button
            security_row.addWidget(button)
            button.toggled.connect(self._security_toggled)
        security_row.addStretch(1)
        form.addRow(self.tr("Encryption:"), security_box)
        self.security_help = QLabel()
        self.security_help.setWordWrap(True)
        indented_row(form, self.security_help)
        # No encryption: the password is sent only when the user confirms it, per profile.
        self.plaintext_check = QCheckBox(self.tr("Allow my password without encryption"))
        self.plaintext_check.setAccessibleName(self.tr("Allow my password without encryption"))
        self.plaintext_check.setToolTip(self.tr(
            "Only for a server that offers no encrypted connection at all"))
        self.plaintext_note = QLabel()
        self.plaintext_note.setWordWrap(True)
        self.plaintext_note.setObjectName("plaintext_note")
        indented_row(form, self.plaintext_check)
        indented_row(form, self.plaintext_note)

    def show_account(self, account: Account) -> None:
        self._loading = True
        try:
            self.preset_combo.setCurrentIndex(max(self.preset_combo.findData(account.preset),
                                                  0))
            self.name_edit.setText(account.name)
            self.host_edit.setText(account.host)
            self.backup_edit.setText(account.backup_host)
            self.security_buttons[account.security].setChecked(True)
            self.port_spin.setValue(account.port)
            self.plaintext_check.setChecked(account.allows_plaintext_login)
        finally:
            self._loading = False
        self._update_help()

    def security(self) -> Security:
        return next((s for s, b in self.security_buttons.items() if b.isChecked()),
                    Security.SSL)

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit()

    def _preset_picked(self, _index: int) -> None:
        if self._loading:
            return
        if self.preset_combo.currentData() == PRESET_RELAY:
            self.host_edit.setText(RELAY_HOST)
            self.backup_edit.setText(RELAY_BACKUP_HOST)
            self.security_buttons[Security.SSL].setChecked(True)
            self.port_spin.setValue(DEFAULT_PORTS[Security.SSL])
        elif self.preset_combo.currentData() == PRESET_CUSTOM and \
                self.backup_edit.text().strip().lower() == RELAY_BACKUP_HOST:
            # the relay's backup is no backup of another server: it would get this login
            self.backup_edit.clear()

    def _security_toggled(self, checked: bool) -> None:
        if not checked:
            return
        self._update_help()
        if self._loading:
            return
        if self.port_spin.value() in DEFAULT_PORTS.values():
            self.port_spin.setValue(DEFAULT_PORTS[self.security()])
        self._changed()

    def _plaintext_toggled(self, _checked: bool) -> None:
        self._update_help()
        self._changed()

    def _update_help(self) -> None:
        security = self.security()
        plain = security is Security.NONE
        self._form.setRowVisible(self.plaintext_check, plain)
        self._form.setRowVisible(self.plaintext_note, plain)
        if self.plaintext_check.isChecked():
            self.plaintext_note.setText(self.tr(
                "Allowed: on this profile OMIDesk sends your login and password unencrypted, "
                "readable by anyone on the network path, and every result says so."))
        else:
            self.plaintext_note.setText(self.tr(
                "Not allowed: OMIDesk connects, but does not send your password on this "
                "unencrypted connection (tests and sends stop before the login). Tick the box "
                "above only if the server offers no encryption and you accept the risk."))
        self.security_help.setText({
            Security.SSL: self.tr("SSL encrypts from the first byte (usually port 465); the "
                                  "manual recommends it."),
            Security.STARTTLS: self.tr("STARTTLS connects in plain text, then switches on "
                                       "encryption before logging in (usually port 587 or 25)."),
            Security.NONE: self.tr("No encryption: your login travels readable (port 25). Use "
                                   "only if SSL and STARTTLS are blocked."),
        }[security])


class LoginBox(QGroupBox):
    keychain_retry = Signal()  # "Try the keychain again" (it refused: locked, or Deny)

    def __init__(self, parent: QWidget | None = None, *,
                 errors: FieldErrors | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Login (your OMICard account)"))
        self.errors = errors if errors is not None else FieldErrors()  # the tab's own
        form = QFormLayout(self)
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_password = action(self.tr("Show password"), self)
        self.show_password.setCheckable(True)
        # In the field with its icon once the tab is on screen: the style's fallback icon
        # creates PySide's QStyle type (~7 ms of the first tab's paint), and QLineEdit's
        # addAction(action, position) its QIcon type (~11 M instructions; ui/lean.py).
        QTimer.singleShot(0, self, self._add_show_password)
        self.show_password.toggled.connect(self._toggle_password)
        self.remember_check = QCheckBox(self.tr("Remember in the system keychain"))
        self.keychain_note = QLabel()
        self.keychain_note.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("&Try the keychain again"))
        self.retry_button.clicked.connect(self.keychain_retry)
        self._form = form
        error_row(form, self.tr("Lo&gin:"), self.user_edit, "user", self.errors)
        form.addRow(self.tr("Pass&word:"), self.password_edit)
        indented_row(form, self.remember_check)
        indented_row(form, self.keychain_note)
        # a row of its own: beside the wrapped note, the note's last line was cut
        self._retry_row = QHBoxLayout()
        self._retry_row.addWidget(self.retry_button)
        self._retry_row.addStretch(1)
        form.addRow("", self._retry_row)  # no text to wrap: hidden by setRowVisible
        form.setRowVisible(self._retry_row, False)

    def _add_show_password(self) -> None:
        from PySide6.QtGui import QIcon

        style = self.style()
        self.show_password.setIcon(QIcon.fromTheme("view-reveal-symbolic", style.standardIcon(
            style.StandardPixmap.SP_FileDialogContentsView)))
        self.password_edit.addAction(self.show_password, QLineEdit.ActionPosition.TrailingPosition)

    def _toggle_password(self, shown: bool) -> None:
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Normal if shown
                                       else QLineEdit.EchoMode.Password)
        self.show_password.setText(self.tr("Hide password") if shown else self.tr("Show password"))

    def show_keychain(self, secrets: SecretStore, *, pending: bool) -> None:
        """Reading the keychain (the field waits), a keychain, or none (session only)."""
        self.password_edit.setEnabled(not pending)
        self.password_edit.setPlaceholderText(
            self.tr("Reading the system keychain…") if pending else "")
        self._form.setRowVisible(self._retry_row, not pending and secrets.can_retry)
        if pending:  # "remember" waits too: a Save now keeps the keychain as is
            self._form.setRowVisible(self.keychain_note, False)
            self.remember_check.setEnabled(False)
            return
        if secrets.keychain_available:
            self.keychain_note.setText("")
            self.keychain_note.setToolTip("")
            self._form.setRowVisible(self.keychain_note, False)
            self.remember_check.setEnabled(True)
        else:
            names = secrets.problem_names  # the backends' names: for IT, not in the sentence
            if secrets.can_retry:  # there is one: it refused, or failed (QA4 #12)
                self.keychain_note.setText(self.tr(
                    "The system keychain did not give OMIDesk the password ({reason}): the "
                    "password is kept for this session only and is never written anywhere "
                    "else.").format(reason=pick(secrets.problem_text)))
                self.keychain_note.setToolTip(self.tr("The keychain said: {error}").format(
                    error=names) if names else "")
            else:
                self.keychain_note.setText(self.tr(
                    "No system keychain is available here ({reason}): the password is kept "
                    "for this session only and is never written anywhere else.").format(
                        reason=pick(secrets.problem_text)))
                self.keychain_note.setToolTip(self.tr("Found instead: {names}").format(
                    names=names) if names else "")
            self._form.setRowVisible(self.keychain_note, True)
            self.remember_check.setEnabled(False)
            # Not shown ticked: nothing is remembered here. The profile's own choice is kept
            # (AccountTab.edited_account) for a computer that has a keychain.
            self.remember_check.setChecked(False)


class SenderBox(QGroupBox):
    check_requested = Signal()  # "Check the sender's domain" (the tab knows the hosts)
    forget_requested = Signal()  # "Forget trusted certificate"

    def __init__(self, parent: QWidget | None = None, *,
                 errors: FieldErrors | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Sender"))
        self.errors = errors if errors is not None else FieldErrors()  # the tab's own
        form = self._form = QFormLayout(self)
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
        # and widgets cost the first paint ~25 ms), in the row above the trusted certificate's
        # (found then: an error row made since has moved the rows below it).
        self._domain_panel: DomainPanel | None = None
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setWordWrap(True)
        make_selectable(self.fingerprint_label, after_paint=True)
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
        for row in (self.fingerprint_label, self.forget_fingerprint):
            self._form.setRowVisible(row, bool(account.trusted_fingerprint))

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
            form = self._form
            form.insertRow(form_row(form, self.fingerprint_title), self._domain_panel)
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


class DefaultsBox(QGroupBox):
    take_requested = Signal()  # the Options tab's settings become the defaults
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Default EmailOptions (manual §7.1)"))
        layout = QVBoxLayout(self)
        self.defaults_label = QLabel()
        self.defaults_label.setWordWrap(True)
        make_selectable(self.defaults_label, after_paint=True)
        layout.addWidget(self.defaults_label)
        row = QHBoxLayout()
        self.take_button = QPushButton(self.tr("Use the Options tab's settings as this "
                                               "profile's defaults"))
        self.take_button.clicked.connect(self.take_requested)
        self.clear_button = QPushButton(self.tr("Clear defaults"))
        self.clear_button.clicked.connect(self.clear_requested)
        row.addWidget(self.take_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        layout.addLayout(row)

    def show_options(self, options: OptionSet) -> None:
        # shown as stored, even what the core would now refuse (each send path says so)
        lines = [f"{name}: {value}" for name, value in options.headers(checked=False)]
        self.defaults_label.setText("\n".join(lines) if lines else self.tr(
            "None: the relay applies your OMICard account's own settings. Every message can "
            "change them on the Options tab."))
        self.clear_button.setEnabled(bool(lines))
