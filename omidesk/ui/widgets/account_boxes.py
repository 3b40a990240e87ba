"""The Account tab's group boxes that know their own fields: the server (preset, host, backup,
encryption with what it means and the per-profile confirmation of no encryption, port), the
login (with the keychain's state) and the profile's default EmailOptions. The tab reads and
fills them; each field's error label is in `errors`, by the core's field name."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLayout,
    QLineEdit, QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget,
)

from ...core.account import PRESET_CUSTOM, PRESET_RELAY, PRESET_SANDBOX, Account
from ...core.options import OptionSet
from ...core.secrets import SecretStore
from ..i18n import pick
from ..lean import make_selectable
from ...core.smtp.presets import DEFAULT_PORTS, RELAY_BACKUP_HOST, RELAY_HOST, Security



def error_row(form: QFormLayout, text: str, field: QWidget | QLayout, key: str,
              errors: dict[str, QLabel], *, buddy: QWidget | None = None) -> None:
    """A row of the form with its error label in a row below it (hidden until there is one).
    The label's buddy is the input itself (`buddy`, or `field`), a sibling in the group box:
    Qt then names the input from its label for a screen reader, in the label's language after
    a switch too, and the access key puts the cursor in it. (A box of field and error label as
    the buddy named nothing and took the access key's focus itself: QA5 #6.)"""
    target = buddy or field
    assert isinstance(target, QWidget), "a row of a layout names its input as `buddy`"
    label = QLabel(text)
    label.setBuddy(target)
    form.addRow(label, field)
    error = QLabel()
    error.setWordWrap(True)
    error.setObjectName(f"error_{key}")
    error.setStyleSheet("color: palette(link-visited);")
    error.setVisible(False)
    indented_row(form, error)
    errors[key] = error


class _Indent(QWidget):
    """The empty label of an indented row (indented_row): hidden and shown with its field,
    so that a hidden field's row takes no room, as a row without a label takes none."""

    def __init__(self, field: QWidget) -> None:
        super().__init__()
        if field.isHidden():
            self.hide()
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.ShowToParent:  # its own setVisible, shown or not yet
            self.show()
        elif event.type() == QEvent.Type.HideToParent:
            self.hide()
        return False


def indented_row(form: QFormLayout, field: QWidget) -> None:
    """A row under the form's fields with no words in the label column: an empty label
    there, not addRow("", …). Qt lays out a row without a label as tall as its wrapped text
    is at the narrow width of its size hint: a one-line note was centred in four lines'
    room, with the button under it pushed down."""
    form.addRow(_Indent(field), field)


class ServerBox(QGroupBox):
    edited = Signal()  # a field the user changed (the tab validates again)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Server"))
        self.errors: dict[str, QLabel] = {}
        self._loading = False
        form = QFormLayout(self)
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
        self.plaintext_check.setVisible(plain)
        self.plaintext_note.setVisible(plain)
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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Login (your OMICard account)"))
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout(self)
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_password = QAction(self.tr("Show password"), self)
        self.show_password.setCheckable(True)
        # Its icon once the tab is on screen: the style's fallback creates PySide's QStyle
        # type (~7 ms of the first tab's paint, ui/lean.py).
        QTimer.singleShot(0, self, self._show_password_icon)
        self.show_password.toggled.connect(self._toggle_password)
        self.password_edit.addAction(self.show_password, QLineEdit.ActionPosition.TrailingPosition)
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

    def _show_password_icon(self) -> None:
        style = self.style()
        self.show_password.setIcon(QIcon.fromTheme("view-reveal-symbolic", style.standardIcon(
            style.StandardPixmap.SP_FileDialogContentsView)))

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
            self.keychain_note.setVisible(False)
            self.remember_check.setEnabled(False)
            return
        if secrets.keychain_available:
            self.keychain_note.setText("")
            self.keychain_note.setToolTip("")
            self.keychain_note.setVisible(False)
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
            self.keychain_note.setVisible(True)
            self.remember_check.setEnabled(False)
            # Not shown ticked: nothing is remembered here. The profile's own choice is kept
            # (AccountTab.edited_account) for a computer that has a keychain.
            self.remember_check.setChecked(False)


class DefaultsBox(QGroupBox):
    take_requested = Signal()  # the Options tab's settings become the defaults
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Default EmailOptions (manual §7.1)"))
        layout = QVBoxLayout(self)
        self.defaults_label = QLabel()
        self.defaults_label.setWordWrap(True)
        make_selectable(self.defaults_label)
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
