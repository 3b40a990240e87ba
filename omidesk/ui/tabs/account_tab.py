"""帳號設定 / Account: profiles, server, security, login and keychain, sender, Reply-To.

The tab owns the profiles: it saves them (AccountStore) and puts the current one and its
password into the session, which every other tab reads."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QInputDialog,
    QLabel, QLineEdit, QMessageBox, QPushButton, QRadioButton, QScrollArea, QSpinBox,
    QVBoxLayout, QWidget,
)

from ...core.account import PRESET_CUSTOM, PRESET_RELAY, PRESET_SANDBOX, Account
from ...core.errors import ValidationError
from ...core.options import OptionSet
from ...core.secrets import SecretStore
from ...core.smtp.config import DEFAULT_PORTS, RELAY_BACKUP_HOST, RELAY_HOST, Security
from ..i18n import pick
from ..session import Session
from ..settings import AccountStore
from ..widgets.domain_panel import DomainPanel

# Which widget shows the error of each core field.
FIELDS = ("name", "host", "backup_host", "port", "user", "from", "reply_to", "dkim_selector")


class AccountTab(QWidget):
    """Edits a copy of the current profile; Save applies it. Emits the saved profile."""

    account_saved = Signal(object)  # Account
    current_changed = Signal(object)  # Account
    password_changed = Signal(str)  # account id
    options_wanted = Signal()  # the Options tab shows a problem: show that tab

    def __init__(self, session: Session, accounts: list[Account], current_id: str,
                 secrets: SecretStore, store: AccountStore | None = None,
                 parent: QWidget | None = None, *, keychain_pending: bool = False) -> None:
        """store: where the profiles are saved whenever they change (none: not saved)."""
        super().__init__(parent)
        self.session = session
        self.accounts = accounts
        self.secrets = secrets
        self.store = store
        # The app reads the keychain on a worker thread once its window is up; until then
        # (keychain_loaded()) the password field waits and nothing here asks the keychain.
        self.keychain_pending = keychain_pending
        self._loading = False
        self._build()
        self._fill_profiles(current_id)
        for signal in (self.account_saved, self.current_changed, self.password_changed):
            signal.connect(self.publish)
        session.closing.connect(self._closing)
        self.publish()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)  # the form scrolls (a small screen, the domain panel open)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        content = QWidget(scroll)
        scroll.setWidget(content)
        outer.addWidget(scroll)
        root = QVBoxLayout(content)
        bar = QHBoxLayout()
        self.profile_combo = QComboBox()
        self.profile_combo.setAccessibleName(self.tr("Profile"))
        self.profile_combo.currentIndexChanged.connect(self._profile_picked)
        profile_label = QLabel(self.tr("&Profile:"))
        profile_label.setBuddy(self.profile_combo)
        bar.addWidget(profile_label)
        bar.addWidget(self.profile_combo, 1)
        self.add_button = QPushButton(self.tr("&Add"))
        self.duplicate_button = QPushButton(self.tr("D&uplicate"))
        self.rename_button = QPushButton(self.tr("Re&name…"))
        self.delete_button = QPushButton(self.tr("De&lete…"))
        for button, slot in ((self.add_button, self._add), (self.duplicate_button, self._duplicate),
                             (self.rename_button, self._rename),
                             (self.delete_button, self._delete)):
            button.clicked.connect(slot)
            bar.addWidget(button)
        root.addLayout(bar)

        server = QGroupBox(self.tr("Server"))
        form = QFormLayout(server)
        self.preset_combo = QComboBox()
        self.preset_combo.addItem(self.tr("OMICard / NewerMail (沛盛資訊)"), PRESET_RELAY)
        self.preset_combo.addItem(self.tr("Other SMTP server"), PRESET_CUSTOM)
        self.preset_combo.addItem(self.tr("Sandbox (local test relay)"), PRESET_SANDBOX)
        self.preset_combo.setAccessibleName(self.tr("Preset"))
        self.preset_combo.currentIndexChanged.connect(self._preset_picked)
        form.addRow(self.tr("Pre&set:"), self.preset_combo)
        self.name_edit = QLineEdit()
        self.host_edit = QLineEdit()
        self.backup_edit = QLineEdit()
        self.backup_edit.setPlaceholderText(self.tr("optional"))
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setMaximumWidth(110)
        self.port_spin.setAccessibleName(self.tr("Port"))
        form.addRow(self.tr("Profile &name:"), self._with_error(self.name_edit, "name"))
        form.addRow(self.tr("SMTP &server:"), self._with_error(self.host_edit, "host"))
        form.addRow(self.tr("&Backup server:"), self._with_error(self.backup_edit, "backup_host"))

        security_box = QWidget()
        security_row = QHBoxLayout(security_box)
        security_row.setContentsMargins(0, 0, 0, 0)
        self.security_group = QButtonGroup(self)
        self.security_buttons: dict[Security, QRadioButton] = {}
        for security, text in ((Security.SSL, self.tr("SS&L (implicit TLS)")),
                               (Security.STARTTLS, self.tr("STAR&TTLS")),
                               (Security.NONE, self.tr("N&o encryption"))):
            button = QRadioButton(text)
            self.security_group.addButton(button)
            self.security_buttons[security] = button
            security_row.addWidget(button)
            button.toggled.connect(self._security_toggled)
        security_row.addStretch(1)
        form.addRow(self.tr("Encryption:"), security_box)
        self.security_help = QLabel()
        self.security_help.setWordWrap(True)
        form.addRow("", self.security_help)
        # No encryption: the password is sent only when the user confirms it, per profile.
        self.plaintext_check = QCheckBox(self.tr("Allow my password without en&cryption"))
        self.plaintext_check.setAccessibleName(self.tr("Allow my password without encryption"))
        self.plaintext_check.setToolTip(self.tr(
            "Only for a server that offers no encrypted connection at all"))
        self.plaintext_note = QLabel()
        self.plaintext_note.setWordWrap(True)
        self.plaintext_note.setObjectName("plaintext_note")
        form.addRow("", self.plaintext_check)
        form.addRow("", self.plaintext_note)
        form.addRow(self.tr("&Port:"), self._with_error(self.port_spin, "port"))
        root.addWidget(server)

        login = QGroupBox(self.tr("Login (your OMICard account)"))
        form = QFormLayout(login)
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.show_password = QAction(self.tr("Show password"), self)
        self.show_password.setCheckable(True)
        self.show_password.setIcon(QIcon.fromTheme("view-reveal-symbolic",
                                                   self.style().standardIcon(
                                                       self.style().StandardPixmap.SP_FileDialogContentsView)))
        self.show_password.toggled.connect(self._toggle_password)
        self.password_edit.addAction(self.show_password, QLineEdit.ActionPosition.TrailingPosition)
        self.remember_check = QCheckBox(self.tr("&Remember in the system keychain"))
        self.keychain_note = QLabel()
        self.keychain_note.setWordWrap(True)
        form.addRow(self.tr("Lo&gin:"), self._with_error(self.user_edit, "user"))
        form.addRow(self.tr("Pass&word:"), self.password_edit)
        form.addRow("", self.remember_check)
        form.addRow("", self.keychain_note)
        root.addWidget(login)

        sender = QGroupBox(self.tr("Sender"))
        form = QFormLayout(sender)
        self.sender_edit = QLineEdit()
        self.sender_edit.setPlaceholderText("name@example.com")
        self.sender_name_edit = QLineEdit()
        self.reply_to_edit = QLineEdit()
        self.reply_to_edit.setPlaceholderText(self.tr("optional"))
        self.check_domain_button = QPushButton(self.tr("Ch&eck the sender's domain"))
        self.check_domain_button.setToolTip(self.tr("Read the domain's SPF, DMARC and DKIM "
                                                    "records: is it ready for mail from the "
                                                    "relay? (manual §2)"))
        self.check_domain_button.clicked.connect(self.check_domain)
        sender_row = QWidget()
        sender_layout = QHBoxLayout(sender_row)
        sender_layout.setContentsMargins(0, 0, 0, 0)
        sender_layout.addWidget(self.sender_edit, 1)
        sender_layout.addWidget(self.check_domain_button)
        form.addRow(self.tr("Sender &address:"), self._with_error(sender_row, "from"))
        form.addRow(self.tr("Display na&me:"),
                    self._with_error(self.sender_name_edit, "from_name"))
        form.addRow(self.tr("Reply-&To:"), self._with_error(self.reply_to_edit, "reply_to"))
        self.dkim_edit = QLineEdit()
        self.dkim_edit.setPlaceholderText(self.tr("optional; ask 沛盛資訊 (e.g. s1)"))
        self.dkim_edit.setToolTip(self.tr("The DKIM selector(s) the relay signs your mail "
                                          "with, separated by commas"))
        form.addRow(self.tr("D&KIM selectors:"), self._with_error(self.dkim_edit,
                                                                  "dkim_selector"))
        self.domain_panel = DomainPanel()
        form.addRow(self.domain_panel)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setWordWrap(True)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.forget_fingerprint = QPushButton(self.tr("&Forget trusted certificate"))
        self.forget_fingerprint.clicked.connect(self._forget_fingerprint)
        self.fingerprint_title = QLabel(self.tr("Trusted certificate:"))
        form.addRow(self.fingerprint_title, self.fingerprint_label)
        form.addRow("", self.forget_fingerprint)
        root.addWidget(sender)

        defaults = QGroupBox(self.tr("Default EmailOptions (manual §7.1)"))
        layout = QVBoxLayout(defaults)
        self.defaults_label = QLabel()
        self.defaults_label.setWordWrap(True)
        self.defaults_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.defaults_label)
        row = QHBoxLayout()
        self.take_defaults_button = QPushButton(self.tr("Use the Options tab's settings as "
                                                        "this profile's &defaults"))
        self.take_defaults_button.clicked.connect(self.take_default_options)
        self.clear_defaults_button = QPushButton(self.tr("Clear de&faults"))
        self.clear_defaults_button.clicked.connect(lambda: self.set_default_options(OptionSet()))
        row.addWidget(self.take_defaults_button)
        row.addWidget(self.clear_defaults_button)
        row.addStretch(1)
        layout.addLayout(row)
        root.addWidget(defaults)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.revert_button = QPushButton(self.tr("Re&vert"))
        self.revert_button.clicked.connect(lambda: self._show(self.current()))
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        buttons.setContentsMargins(9, 0, 9, 9)
        outer.addLayout(buttons)
        root.addStretch(1)

        for edit in (self.name_edit, self.host_edit, self.backup_edit, self.user_edit,
                     self.sender_edit, self.sender_name_edit, self.reply_to_edit,
                     self.password_edit, self.dkim_edit):
            edit.textChanged.connect(self._edited)
        self.port_spin.valueChanged.connect(self._edited)
        self.remember_check.toggled.connect(self._edited)
        self.plaintext_check.toggled.connect(self._plaintext_toggled)

    def _with_error(self, widget: QWidget, field: str) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        error = QLabel()
        error.setWordWrap(True)
        error.setObjectName(f"error_{field}")
        error.setStyleSheet("color: palette(link-visited);")
        error.setVisible(False)
        layout.addWidget(error)
        if not hasattr(self, "errors"):
            self.errors: dict[str, QLabel] = {}
        self.errors[field] = error
        return box

    # -- profiles ------------------------------------------------------------------------------
    def current(self) -> Account:
        return self.accounts[max(self.profile_combo.currentIndex(), 0)]

    def _fill_profiles(self, current_id: str) -> None:
        self._loading = True
        self.profile_combo.clear()
        for account in self.accounts:
            self.profile_combo.addItem(account.name, account.id)
        index = next((i for i, a in enumerate(self.accounts) if a.id == current_id), 0)
        self.profile_combo.setCurrentIndex(index)
        self._loading = False
        self.delete_button.setEnabled(len(self.accounts) > 1)
        self._show(self.current())

    def _profile_picked(self, _index: int) -> None:
        if self._loading:
            return
        self._show(self.current())
        self.current_changed.emit(self.current())

    def _add(self) -> None:
        self.accounts.append(Account(name=self.tr("New profile")))
        self._fill_profiles(self.accounts[-1].id)
        self.current_changed.emit(self.current())

    def _duplicate(self) -> None:
        copy = self.current().duplicate(self.tr("{name} (copy)").format(name=self.current().name))
        self.accounts.append(copy)
        self._fill_profiles(copy.id)
        self.current_changed.emit(self.current())

    def _rename(self) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Rename profile"))
        dialog.setLabelText(self.tr("New name:"))
        dialog.setTextValue(self.current().name)
        dialog.textValueSelected.connect(self.rename_current)
        dialog.open()

    def rename_current(self, name: str) -> None:
        if name.strip():
            self.current().name = name.strip()
            self._fill_profiles(self.current().id)
            self.account_saved.emit(self.current())

    def _delete(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete profile"),
                          self.tr("Delete the profile “{name}” and its saved password?")
                          .format(name=self.current().name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.finished.connect(lambda result: result == QMessageBox.StandardButton.Yes
                             and self.delete_current())
        box.open()

    def delete_current(self) -> None:
        if len(self.accounts) < 2:
            return
        gone = self.accounts.pop(self.profile_combo.currentIndex())
        self.secrets.delete(gone.id)
        self._fill_profiles(self.accounts[0].id)
        self.account_saved.emit(self.current())
        self.current_changed.emit(self.current())

    # -- form <-> account ----------------------------------------------------------------------
    def _show(self, account: Account) -> None:
        self._loading = True
        self.preset_combo.setCurrentIndex(max(self.preset_combo.findData(account.preset), 0))
        self.name_edit.setText(account.name)
        self.host_edit.setText(account.host)
        self.backup_edit.setText(account.backup_host)
        self.security_buttons[account.security].setChecked(True)
        self.port_spin.setValue(account.port)
        self.user_edit.setText(account.user)
        self.plaintext_check.setChecked(account.allows_plaintext_login)
        self.password_edit.setText(self._stored_password(account.id))
        self.remember_check.setChecked(account.remember_password)
        self.sender_edit.setText(account.sender)
        self.sender_name_edit.setText(account.sender_name)
        self.reply_to_edit.setText(account.reply_to)
        self.dkim_edit.setText(", ".join(account.dkim_selectors))
        self.fingerprint_label.setText(account.trusted_fingerprint)
        for widget in (self.fingerprint_title, self.fingerprint_label, self.forget_fingerprint):
            widget.setVisible(bool(account.trusted_fingerprint))
        self._show_defaults(account)
        self._loading = False
        self._update_security_help()
        self._update_keychain_note()
        self._validate()
        self.domain_panel.keep_if_current(account.sender, **self._domain_check_args())

    def edited_account(self) -> Account:
        """The form as an Account (the password is not part of it)."""
        security = next(s for s, b in self.security_buttons.items() if b.isChecked())
        return self.current().copy(
            name=self.name_edit.text().strip(), preset=self.preset_combo.currentData(),
            host=self.host_edit.text().strip(), backup_host=self.backup_edit.text().strip(),
            port=self.port_spin.value(), security=security, user=self.user_edit.text().strip(),
            sender=self.sender_edit.text().strip(), sender_name=self.sender_name_edit.text(),
            reply_to=self.reply_to_edit.text().strip(),
            remember_password=self.remember_check.isChecked(),
            # kept only with "no encryption": choosing it again asks again
            plaintext_login_confirmed=security is Security.NONE and
            self.plaintext_check.isChecked(),
            dkim_selectors=self.dkim_edit.text().replace(",", " ").split(),
        )

    def check_domain(self):  # type: ignore[no-untyped-def]
        """Check the sender's domain for mail from the server and backup in the form."""
        return self.domain_panel.check(self.sender_edit.text(), **self._domain_check_args())

    def _domain_check_args(self) -> dict[str, list[str]]:
        from ...core.domain.names import parse_selectors

        try:
            selectors = parse_selectors(self.dkim_edit.text())
        except ValidationError:
            selectors = []  # shown at the field already
        hosts = [h for h in (self.host_edit.text().strip(), self.backup_edit.text().strip()) if h]
        return {"hosts": hosts, "selectors": selectors}

    def _preset_picked(self, _index: int) -> None:
        if self._loading:
            return
        if self.preset_combo.currentData() == PRESET_RELAY:
            self.host_edit.setText(RELAY_HOST)
            self.backup_edit.setText(RELAY_BACKUP_HOST)
            self.security_buttons[Security.SSL].setChecked(True)
            self.port_spin.setValue(DEFAULT_PORTS[Security.SSL])
        elif self.preset_combo.currentData() == PRESET_CUSTOM:
            # the relay's backup is no backup of another server: it would get this login
            if self.backup_edit.text().strip().lower() == RELAY_BACKUP_HOST:
                self.backup_edit.clear()

    def _security_toggled(self, checked: bool) -> None:
        if not checked:
            return
        self._update_security_help()
        if self._loading:
            return
        security = next(s for s, b in self.security_buttons.items() if b.isChecked())
        if self.port_spin.value() in DEFAULT_PORTS.values():
            self.port_spin.setValue(DEFAULT_PORTS[security])
        self._edited()

    def _plaintext_toggled(self, _checked: bool) -> None:
        self._update_security_help()
        self._edited()

    def _update_security_help(self) -> None:
        security = next((s for s, b in self.security_buttons.items() if b.isChecked()),
                        Security.SSL)
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

    def _stored_password(self, account_id: str) -> str:
        if self.keychain_pending:
            return self.secrets.cached(account_id) or ""
        return self.secrets.get(account_id)

    def keychain_loaded(self) -> None:
        """The keychain has been read (SecretStore.load): show the current password."""
        self.keychain_pending = False
        self.password_edit.setText(self._stored_password(self.current().id))
        self._update_keychain_note()
        self.publish()

    def _update_keychain_note(self) -> None:
        self.password_edit.setEnabled(not self.keychain_pending)
        self.password_edit.setPlaceholderText(
            self.tr("Reading the system keychain…") if self.keychain_pending else "")
        if self.keychain_pending:  # "remember" waits too: a Save now keeps the keychain as is
            self.keychain_note.setVisible(False)
            self.remember_check.setEnabled(False)
            return
        if self.secrets.keychain_available:
            self.keychain_note.setText("")
            self.keychain_note.setVisible(False)
            self.remember_check.setEnabled(True)
        else:
            self.keychain_note.setText(self.tr(
                "No system keychain is available here ({reason}): the password is kept for "
                "this session only and is never written anywhere else.").format(
                    reason=self.secrets.problem))
            self.keychain_note.setVisible(True)
            self.remember_check.setEnabled(False)

    def _toggle_password(self, shown: bool) -> None:
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Normal if shown
                                       else QLineEdit.EchoMode.Password)
        self.show_password.setText(self.tr("Hide password") if shown else self.tr("Show password"))

    def _forget_fingerprint(self) -> None:
        self.current().trusted_fingerprint = ""
        self._show(self.current())
        self.account_saved.emit(self.current())

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self._validate()
            self.domain_panel.keep_if_current(self.sender_edit.text(),
                                              **self._domain_check_args())

    def _validate(self) -> list[ValidationError]:
        errors = self.edited_account().validate()
        by_field = {e.field: e for e in reversed(errors)}
        for field, label in self.errors.items():
            error = by_field.get(field)
            label.setText(pick(error.text) if error else "")
            label.setVisible(error is not None)
        self.save_button.setEnabled(not errors)
        return errors

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> bool:
        if self._validate():
            return False
        index = self.profile_combo.currentIndex()
        account = self.edited_account()
        self.accounts[index] = account
        if not self.keychain_pending:  # the field is empty until the keychain is read
            self.secrets.set(account.id, self.password_edit.text(),
                             remember=account.remember_password)
        self._fill_profiles(account.id)
        self.account_saved.emit(account)
        self.password_changed.emit(account.id)
        return True

    def _show_defaults(self, account: Account) -> None:
        lines = [f"{name}: {value}" for name, value in account.options.headers()]
        self.defaults_label.setText("\n".join(lines) if lines else self.tr(
            "None: the relay applies your OMICard account's own settings. Every message can "
            "change them on the Options tab."))
        self.clear_defaults_button.setEnabled(bool(lines))

    def set_default_options(self, options: OptionSet) -> None:
        """The profile's default X-headers; every message starts from them."""
        account = self.current()
        account.options = OptionSet.from_dict(options.to_dict())
        self._show_defaults(account)
        self.account_saved.emit(account)

    def take_default_options(self) -> None:
        """The message's options (the Options tab) become this profile's defaults; refused,
        with the Options tab shown, while one of its fields shows an error."""
        try:
            options = self.session.checked_options()
        except ValidationError as exc:
            self.session.show_status(pick(exc.text))
            self.options_wanted.emit()
            return
        self.set_default_options(options)
        self.session.set_message_options(OptionSet())  # nothing left to override

    def password(self) -> str:
        return self._stored_password(self.current().id)

    def publish(self, *_args: object) -> None:
        """The current profile and its password, as stored now, to the session; the profiles
        to the settings."""
        account = self.current()
        self.session.set_account(account, self.password())
        if self.store is not None:
            self.store.save(self.accounts, account.id)

    def _closing(self) -> None:
        self.domain_panel.cancel()
        if self.store is not None:
            self.store.save(self.accounts, self.current().id)

    def apply_configuration(self, host: str, port: int, security: str) -> None:
        """From the connection test: use this host/port/security for the current profile."""
        account = self.current()
        account.host, account.port, account.security = host, port, Security(security)
        self._show(account)
        self.account_saved.emit(account)
