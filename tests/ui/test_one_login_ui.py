"""The app with a real password: the Connection test tab runs core's matrix (one AUTH per test,
counted by the servers), the Account tab keeps the no-encryption confirmation with the profile,
"Other SMTP server" drops the relay's backup, a custom server tests its own port, a sandbox
profile is not reopened after a --sandbox session and says so when its relay is gone, and a
keyring file backend is not taken for the system keychain."""

from __future__ import annotations

import asyncio
import keyring
import pytest

from omidesk.core.account import PRESET_CUSTOM, PRESET_RELAY, PRESET_SANDBOX, Account
from omidesk.core.sandbox import SandboxRelay
from omidesk.core.secrets import SecretStore
from omidesk.core.smtp.config import RELAY_BACKUP_HOST, RELAY_COMBOS, Security
from omidesk.ui.i18n import set_language
from omidesk.ui.main_window import MainWindow
from omidesk.ui.settings import AccountStore
from omidesk.ui.session import Session
from omidesk.ui.tabs.account_tab import AccountTab
from tests.helpers.smtp_client import config_for, secret_forms
from tests.ui.connection_test.test_tab import tab  # noqa: F401 (the Connection test tab fixture)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def relay_target(relay, **changes):
    return config_for(relay.servers[0], Security.SSL, backup_host="localhost").with_(**changes)


def test_the_tab_logs_in_once_inside_tls(tab, qloop, test_relay):  # noqa: F811
    relay = test_relay()
    tab.run.STAGGER = 0.01
    tab.set_target(relay_target(relay), sender="me@example.com", combos=relay.combos)
    matrix = qloop.run_until_complete(tab.start_test())
    assert [(a.tls, a.ok) for a in relay.auth_log] == [(True, True)]
    assert tab.table.rowCount() == 8 and matrix.login is matrix.results[0]
    statuses = [tab.table.row_texts(i)[3] for i in range(8)]
    assert statuses == ["Works — recommended", "Works", "Works", "Reachable",
                        "Works", "Works", "Works", "Reachable"]
    assert "login not tried: verified on SSL" in tab.table.row_texts(1)[5]
    assert "Logged in once, on SSL" in tab.summary_label.text()
    assert "This test logged in only here" in tab.diagnosis.view.toPlainText()
    tab.table.select_attempt(3)
    assert "--allow-plaintext-login" in tab.diagnosis.view.toPlainText()


@pytest.mark.parametrize("all_combinations", [True, False])
def test_a_wrong_password_costs_the_app_one_failed_login(tab, qloop, test_relay,  # noqa: F811
                                                         all_combinations):
    relay = test_relay(reject_auth=True)
    tab.run.STAGGER = 0.01
    config = relay_target(relay, password="Wr0ng-密碼-" + relay.password[-4:])
    tab.set_target(config, sender="me@example.com", combos=relay.combos)
    matrix = qloop.run_until_complete(tab.start_test(all_combinations))
    assert [(a.tls, a.ok) for a in relay.auth_log] == [(True, False)]  # primary + backup
    assert len(matrix.results) == (8 if all_combinations else 2)
    assert matrix.login_attempts == 1 and not tab.use_button.isEnabled()
    assert "No other login was tried" in tab.summary_label.text()
    panel = tab.diagnosis.view.toPlainText()
    assert "Login refused" in panel and "did not retry" in panel
    if all_combinations:
        assert tab.table.row_texts(1)[3] == "Reachable"
    texts = [tab.report_text("en"), tab.report_text("zh_TW"), tab.report_json(), panel,
             tab.transcript.view.copy_text()]
    for form in secret_forms(config.user, config.password):
        assert all(form not in text for text in texts)


def test_the_tab_in_chinese(tab, qloop, test_relay):  # noqa: F811
    set_language("zh_TW")
    tab.retranslate()
    relay = test_relay()
    tab.run.STAGGER = 0.01
    tab.set_target(relay_target(relay, backup_host=""), sender="me@example.com",
                   combos=relay.combos)
    qloop.run_until_complete(tab.start_test())
    assert "已確認：可以連線、TLS 已驗證、登入成功" in tab.diagnosis.view.toPlainText()
    assert "未在此登入：已在 SSL 加密" in tab.table.row_texts(1)[5]


# --------------------------------------------------------------------------- the Account tab


@pytest.fixture
def account_tab(qtbot, memory_keyring, settings_dir):
    accounts = [Account(sender="me@example.com", user="omiuser")]
    widget = AccountTab(Session(), accounts, accounts[0].id, SecretStore())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_no_encryption_needs_a_confirmation_kept_with_the_profile(account_tab, settings_dir):
    form = account_tab
    assert form.plaintext_check.isHidden()  # SSL: nothing to confirm
    form.security_buttons[Security.NONE].setChecked(True)
    assert not form.plaintext_check.isHidden() and not form.plaintext_check.isChecked()
    assert "Not allowed" in form.plaintext_note.text()
    assert form.save()
    assert not form.current().allows_plaintext_login
    assert not form.current().server_config("pw").allow_plaintext_login
    form.plaintext_check.setChecked(True)
    assert "unencrypted" in form.plaintext_note.text()
    assert form.save()
    saved = form.current()
    assert saved.plaintext_login_confirmed and saved.server_config("pw").allow_plaintext_login
    AccountStore().save(form.accounts, saved.id)
    (loaded,), _ = AccountStore().load()
    assert loaded.plaintext_login_confirmed and loaded.allows_plaintext_login
    reopened = AccountTab(Session(), [loaded], loaded.id, SecretStore())
    assert reopened.plaintext_check.isChecked()
    reopened.deleteLater()
    # choosing encryption again drops the confirmation: "no encryption" later asks again
    form.security_buttons[Security.SSL].setChecked(True)
    assert form.plaintext_check.isHidden()
    assert form.save() and not form.current().plaintext_login_confirmed


def test_other_smtp_server_drops_the_relays_backup(account_tab):
    form = account_tab
    assert form.backup_edit.text() == RELAY_BACKUP_HOST
    form.preset_combo.setCurrentIndex(form.preset_combo.findData(PRESET_CUSTOM))
    assert form.backup_edit.text() == ""
    form.backup_edit.setText("mail2.example.com")
    form.preset_combo.setCurrentIndex(form.preset_combo.findData(PRESET_RELAY))
    assert form.backup_edit.text() == RELAY_BACKUP_HOST
    form.preset_combo.setCurrentIndex(form.preset_combo.findData(PRESET_CUSTOM))
    form.backup_edit.setText("mail2.example.com")
    form.preset_combo.setCurrentIndex(form.preset_combo.findData(PRESET_SANDBOX))
    form.preset_combo.setCurrentIndex(form.preset_combo.findData(PRESET_CUSTOM))
    assert form.backup_edit.text() == "mail2.example.com"  # not the relay's: kept


def test_a_keyring_file_backend_is_not_the_system_keychain(qtbot, settings_dir, tmp_path):
    from keyrings.alt.file import PlaintextKeyring

    previous = keyring.get_keyring()
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[misc]
    keyring.set_keyring(backend)
    try:
        accounts = [Account(sender="me@example.com", user="omiuser")]
        widget = AccountTab(Session(), accounts, accounts[0].id, SecretStore())
        qtbot.addWidget(widget)
        note = widget.keychain_note
        assert "only stand-ins that keep passwords in a file" in note.text()
        assert "Keyring" not in note.text() and "PlaintextKeyring" in note.toolTip()
        assert not widget.keychain_note.isHidden() and not widget.remember_check.isEnabled()
        widget.password_edit.setText("Keychain-密碼-4242")
        assert widget.save() and widget.password() == "Keychain-密碼-4242"
        assert not (tmp_path / "keyring_pass.cfg").exists()
    finally:
        keyring.set_keyring(previous)


# --------------------------------------------------------------------------- the window


def test_a_custom_server_tests_its_own_port_with_every_security(qtbot, qloop, settings_dir,
                                                               memory_keyring):
    custom = Account(name="Own", preset=PRESET_CUSTOM, host="mail.example.com", backup_host="",
                     port=2525, security=Security.STARTTLS, sender="me@example.com")
    relay = Account(name="Relay", sender="me@example.com")
    AccountStore().save([custom, relay], custom.id)
    win = MainWindow(secrets=SecretStore())
    qtbot.addWidget(win)
    combos = win.test_tab.target.combos
    assert combos[:4] == RELAY_COMBOS
    assert set(combos[4:]) == {(2525, Security.SSL), (2525, Security.STARTTLS),
                               (2525, Security.NONE)}
    win.account_tab.profile_combo.setCurrentIndex(1)  # the relay preset: its four only
    assert win.test_tab.target.combos == RELAY_COMBOS


def test_after_a_sandbox_session_the_next_start_opens_elsewhere(qtbot, qloop, settings_dir,
                                                               memory_keyring):
    with SandboxRelay() as sandbox:
        first = MainWindow(secrets=SecretStore(), sandbox=sandbox)
        qtbot.addWidget(first)
        assert first.account_tab.current().preset == PRESET_SANDBOX
        first.save_state()
    second = MainWindow(secrets=SecretStore())  # a normal start, the sandbox gone
    qtbot.addWidget(second)
    current = second.account_tab.current()
    assert current.preset != PRESET_SANDBOX  # a usable profile, made afresh if need be
    presets = [a.preset for a in second.account_tab.accounts]
    assert presets.count(PRESET_SANDBOX) == 1 and PRESET_RELAY in presets

    # choosing the dead sandbox profile and testing it says so, and connects nowhere
    index = presets.index(PRESET_SANDBOX)
    second.account_tab.profile_combo.setCurrentIndex(index)
    matrix = qloop.run_until_complete(second.test_tab.start_test())
    assert matrix.results == []
    assert "sandbox relay is not running" in second.test_tab.summary_label.text()
    assert "--sandbox" in second.test_tab.notice_label.text()
    second.save_state()
    third = MainWindow(secrets=SecretStore())
    qtbot.addWidget(third)
    assert third.account_tab.current().preset != PRESET_SANDBOX


def test_settings_that_name_a_sandbox_profile_current_open_on_another(settings_dir):
    """Settings written before this rule (or a list holding only the sandbox profile)."""
    with SandboxRelay() as sandbox:
        dead = sandbox.account()
    store = AccountStore()
    store.save([dead], dead.id)
    store.settings.setValue("accounts/current", dead.id)  # as an older version saved it
    accounts, current = store.load()
    assert [a.preset for a in accounts] == [PRESET_SANDBOX, PRESET_RELAY]
    assert current == accounts[1].id


@pytest.mark.parametrize("lang, word", [("en", "unencrypted"), ("zh_TW", "未加密")])
def test_compose_on_a_confirmed_plain_profile_says_the_password_went_unencrypted(
        qtbot, qloop, settings_dir, test_relay, lang, word):
    from omidesk.core.drafts import DraftStore
    from omidesk.ui.tabs.compose_tab import ComposeTab

    set_language(lang)
    relay = test_relay()
    plain = relay.plain
    account = Account(name="plain", host="127.0.0.1", backup_host="", port=plain.port,
                      security=Security.NONE, user=relay.user, sender="me@example.com")
    widget = ComposeTab(Session(settings_dir, sent_log=None), DraftStore(settings_dir / "drafts"))
    qtbot.addWidget(widget)
    try:
        widget.to_edit.setText("chen@example.com")
        widget.subject_edit.setText("報價")
        widget.editor.setPlainText("您好")
        widget.session.set_account(account, relay.password)  # not confirmed: no login, not sent
        refused = qloop.run_until_complete(widget.send())
        assert refused is not None and refused.diagnosis.code == "plaintext_login_refused"
        assert plain.auth_attempts == 0 and not plain.messages
        widget.session.set_account(account.copy(plaintext_login_confirmed=True), relay.password)
        sent = qloop.run_until_complete(widget.send())
        assert sent is not None and sent.ok and sent.password_unencrypted
        assert word in widget.result_label.text()
        assert [a.tls for a in plain.auth_log] == [False] and len(plain.messages) == 1
    finally:
        widget.cancel()
        qloop.run_until_complete(asyncio.sleep(0.05))
        set_language(None)
