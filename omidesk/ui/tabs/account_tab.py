"""帳號設定 / Account: profiles, server, security, login and keychain, sender, Reply-To.
Its group boxes: widgets/account_boxes.py (server, login, sender with Reply-To, the DKIM
selectors, the domain check and the trusted certificate, default EmailOptions).

The tab owns the profiles: it saves them (AccountStore) and puts the current one and its
password into the session, which every other tab reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QPushButton,
    QScrollArea, QVBoxLayout, QWidget,
)

from ...core.account import Account
from ...core.errors import ValidationError
from ...core.options import OptionSet
from ...core.secrets import SecretStore
from ...core.smtp.presets import Security
from ..i18n import mark_as_data, pick
from ..lean import no_tab_stop
from ..session import Session
from ..settings import AccountStore
from ..widgets.account_boxes import DefaultsBox, FieldErrors, LoginBox, SenderBox, ServerBox

if TYPE_CHECKING:
    import asyncio

    from ...core.domain.check import DomainReport
    from ..widgets.domain_panel import DomainPanel

# Which widget shows the error of each core field.
FIELDS = ("name", "host", "backup_host", "port", "user", "from", "reply_to", "dkim_selector")


# The profile's settings a send uses, in the order Compose names them when unsaved.
UNSAVED_FIELDS = ("host", "backup_host", "port", "security", "plaintext_login_confirmed",
                  "user", "sender", "sender_name", "reply_to")


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
        no_tab_stop(scroll)
        content = QWidget(scroll)
        scroll.setWidget(content)
        outer.addWidget(scroll)
        root = QVBoxLayout(content)
        root.addLayout(self._build_profiles())
        self.errors = FieldErrors()  # every box's fields' error labels, by field
        self.server = ServerBox(errors=self.errors)
        self.server.edited.connect(self._edited)
        server = self.server
        self.preset_combo, self.name_edit, self.port_spin = (server.preset_combo,
                                                             server.name_edit, server.port_spin)
        self.host_edit, self.backup_edit = server.host_edit, server.backup_edit
        self.security_buttons, self.security_help = server.security_buttons, server.security_help
        self.plaintext_check, self.plaintext_note = server.plaintext_check, server.plaintext_note
        root.addWidget(server)
        self.login = LoginBox(errors=self.errors)
        login = self.login
        self.user_edit, self.password_edit = login.user_edit, login.password_edit
        self.show_password, self.remember_check = login.show_password, login.remember_check
        self.keychain_note = login.keychain_note
        login.keychain_retry.connect(self.retry_keychain)
        self._retrying: asyncio.Task[None] | None = None
        root.addWidget(login)
        self.sender_box = SenderBox(errors=self.errors)
        sender = self.sender_box
        self.sender_edit, self.sender_name_edit = sender.sender_edit, sender.sender_name_edit
        self.reply_to_edit, self.dkim_edit = sender.reply_to_edit, sender.dkim_edit
        self.check_domain_button = sender.check_domain_button
        sender.check_requested.connect(self.check_domain)
        sender.forget_requested.connect(self._forget_fingerprint)
        root.addWidget(sender)
        self.defaults_box = DefaultsBox()
        self.defaults_box.take_requested.connect(self.take_default_options)
        self.defaults_box.clear_requested.connect(lambda: self.set_default_options(OptionSet()))
        root.addWidget(self.defaults_box)
        outer.addLayout(self._build_buttons())
        root.addStretch(1)

        for edit in (self.user_edit, self.sender_edit, self.sender_name_edit,
                     self.reply_to_edit, self.password_edit, self.dkim_edit):
            edit.textChanged.connect(self._edited)
        self.remember_check.toggled.connect(self._edited)
        # An empty field says what it needs only once the user has been there (typed in it,
        # or pressed Save): no red "Enter the sender address." on a first start.
        self._field_edits = {
            "name": self.name_edit, "host": self.host_edit, "backup_host": self.backup_edit,
            "user": self.user_edit, "from": self.sender_edit,
            "from_name": self.sender_name_edit, "reply_to": self.reply_to_edit,
            "dkim_selector": self.dkim_edit}
        self._touched: set[str] = set()
        self._save_tried = False
        for field, edit in self._field_edits.items():
            edit.textEdited.connect(lambda _text, f=field: self._touch(f))
        self.password_edit.textChanged.connect(self._password_typed)

    def _build_profiles(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.profile_combo = QComboBox()
        mark_as_data(self.profile_combo)  # the profiles' own names: not relabelled
        self.profile_combo.setAccessibleName(self.tr("Profile"))
        self.profile_combo.currentIndexChanged.connect(self._profile_picked)
        profile_label = QLabel(self.tr("Pr&ofile:"))
        profile_label.setBuddy(self.profile_combo)
        bar.addWidget(profile_label)
        bar.addWidget(self.profile_combo, 1)
        self.add_button = QPushButton(self.tr("&Add"))
        self.duplicate_button = QPushButton(self.tr("D&uplicate"))
        self.rename_button = QPushButton(self.tr("Re&name…"))
        self.delete_button = QPushButton(self.tr("&Delete…"))
        for button, slot in ((self.add_button, self._add),
                             (self.duplicate_button, self._duplicate),
                             (self.rename_button, self._rename),
                             (self.delete_button, self._delete)):
            button.clicked.connect(slot)
            bar.addWidget(button)
        return bar

    def _build_buttons(self) -> QHBoxLayout:
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
        return buttons

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
        from PySide6.QtWidgets import QInputDialog  # the dialogs' types: not before the paint

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
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete profile"),
                          self.tr("Delete the profile “{name}” and its saved password?")
                          .format(name=self.current().name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.finished.connect(self._delete_answered)
        box.open()

    def _delete_answered(self, result: int) -> None:
        from PySide6.QtWidgets import QMessageBox

        if result == QMessageBox.StandardButton.Yes:
            self.delete_current()

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
        self._touched, self._save_tried = set(), False
        self.session.set_typed_password(None)  # another profile, a revert, a save
        self.server.show_account(account)
        self.user_edit.setText(account.user)
        self.password_edit.setText(self._stored_password(account.id))
        self.remember_check.setChecked(account.remember_password)
        self.sender_box.show_account(account)
        self.defaults_box.show_options(account.options)
        self._loading = False
        self._update_keychain_note()
        self._validate()
        self._keep_domain_result(account.sender)

    def edited_account(self) -> Account:
        """The form as an Account (the password is not part of it)."""
        security = self.server.security()
        return self.current().copy(
            name=self.name_edit.text().strip(), preset=self.preset_combo.currentData(),
            host=self.host_edit.text().strip(), backup_host=self.backup_edit.text().strip(),
            port=self.port_spin.value(), security=security, user=self.user_edit.text().strip(),
            sender=self.sender_edit.text().strip(), sender_name=self.sender_name_edit.text(),
            reply_to=self.reply_to_edit.text().strip(),
            # disabled (no keychain, or not read yet): the profile's choice as it was
            remember_password=self.remember_check.isChecked()
            if self.remember_check.isEnabled() else self.current().remember_password,
            # kept only with "no encryption": choosing it again asks again
            plaintext_login_confirmed=security is Security.NONE and
            self.plaintext_check.isChecked(),
            dkim_selectors=self.sender_box.typed_selectors(),
        )

    @property
    def domain_panel(self) -> DomainPanel:
        return self.sender_box.domain_panel

    def _keep_domain_result(self, sender: str) -> None:
        self.sender_box.keep_domain_result(sender, self._hosts())

    def check_domain(self) -> asyncio.Task[DomainReport] | None:
        """Check the sender's domain for mail from the server and backup in the form."""
        return self.sender_box.check_domain(self._hosts())

    def _hosts(self) -> list[str]:
        return [h for h in (self.host_edit.text().strip(), self.backup_edit.text().strip()) if h]

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

    def retry_keychain(self) -> asyncio.Task[None] | None:
        """Ask a keychain that refused again, on a worker thread (a prompt may show): store
        the password typed for a profile that wants it remembered, else read it (QA4 #12)."""
        import asyncio

        if self._retrying is not None and not self._retrying.done():
            return None
        self._retrying = asyncio.ensure_future(self._retry_keychain(self.current().id))
        return self._retrying

    async def _retry_keychain(self, account_id: str) -> None:
        from ...core.threads import in_daemon_thread

        typed = self.password_edit.text()
        store = typed if typed and self.edited_account().remember_password else None
        self.keychain_pending = True
        self._update_keychain_note()
        try:
            await in_daemon_thread(lambda: self.secrets.retry(account_id, store=store))
        finally:
            self.keychain_pending = False
            if self.current().id == account_id:
                if not typed:  # nothing typed meanwhile: what the keychain holds
                    self.password_edit.setText(self._stored_password(account_id))
                self._update_keychain_note()
                self.publish()

    def _update_keychain_note(self) -> None:
        self.login.show_keychain(self.secrets, pending=self.keychain_pending)

    def _forget_fingerprint(self) -> None:
        self.current().trusted_fingerprint = ""
        self._show(self.current())
        self.account_saved.emit(self.current())

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self._validate()
            self._keep_domain_result(self.sender_edit.text())

    def _password_typed(self, text: str) -> None:
        """A password typed and not saved: the connection test tries it (Session)."""
        if self._loading or self.keychain_pending:
            return
        stored = self._stored_password(self.current().id)
        self.session.set_typed_password(None if text == stored else text)

    def _touch(self, field: str) -> None:
        self._touched.add(field)
        self._validate()

    def _quiet(self, field: str) -> bool:
        """An empty field the user has not been to yet (nor pressed Save): no error shown."""
        edit = self._field_edits.get(field)
        return (edit is not None and not edit.text().strip() and field not in self._touched
                and not self._save_tried)

    def _validate(self) -> list[ValidationError]:
        edited = self.edited_account()
        errors = edited.validate()
        by_field = {e.field: e for e in reversed(errors) if not self._quiet(e.field or "")}
        for field in self.errors:
            error = by_field.get(field)
            self.errors.show(field, pick(error.text) if error else "")
        self.save_button.setEnabled(not by_field)  # Save says what a quiet field needs
        self._publish_unsaved(edited)
        return errors

    def _publish_unsaved(self, edited: Account) -> None:
        """What the form (`edited`) changed and Save has not kept, for the tabs that send with
        the saved profile (Compose says so: QA3 #19)."""
        if self._loading:
            return
        saved = self.current()
        self.session.set_unsaved_account_fields(tuple(
            name for name in UNSAVED_FIELDS if getattr(edited, name) != getattr(saved, name)))

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> bool:
        self._save_tried = True
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

    def set_default_options(self, options: OptionSet) -> None:
        """The profile's default X-headers; every message starts from them."""
        account = self.current()
        account.options = OptionSet.from_dict(options.to_dict())
        self.defaults_box.show_options(account.options)
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
        lasting, once = options.split_one_time()
        self.set_default_options(lasting)
        self.session.set_message_options(once)  # a schedule stays with this message only
        if once.values:
            self.session.show_status(self.tr(
                "{headers} stay with this message only: a schedule or a reference number "
                "belongs to one job, not to every message of the profile.").format(
                    headers=self.tr(", ", "between header names").join(
                        f"X-{key}" for key in once.values)))

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
        self.sender_box.cancel_check()
        if self.store is not None:
            self.store.save(self.accounts, self.current().id)

    def adopt(self, account: Account, password: str) -> None:
        """The set-up assistant's answers (login, sender, the combination its test chose) into
        the profile of the same id — whatever else was changed there meanwhile stays — (else
        the profile is added); it becomes the current one, its password goes to the keychain."""
        index = next((i for i, a in enumerate(self.accounts) if a.id == account.id), None)
        if index is None:
            account = account.copy()
            self.accounts.append(account)
        else:
            account = self.accounts[index].copy(
                user=account.user, sender=account.sender, sender_name=account.sender_name,
                port=account.port, security=account.security)
            self.accounts[index] = account
        self.secrets.set(account.id, password, remember=account.remember_password)
        self._fill_profiles(account.id)
        self.account_saved.emit(account)
        self.password_changed.emit(account.id)

    def apply_configuration(self, host: str, port: int, security: str) -> None:
        """From the connection test: use this host/port/security for the current profile."""
        account = self.current()
        account.host, account.port, account.security = host, port, Security(security)
        self._show(account)
        self.account_saved.emit(account)
