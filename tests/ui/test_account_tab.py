"""Account tab: inline validation, presets, security/port, keychain, profiles, persistence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QWidget

from omidesk.core.account import PRESET_CUSTOM, Account
from omidesk.core.secrets import SecretStore
from omidesk.core.smtp.config import Security
from omidesk.ui import i18n
from omidesk.ui.session import Session
from omidesk.ui.settings import AccountStore
from omidesk.ui.tabs.account_tab import AccountTab

PASSWORD = "pässwörd-密碼!42"


def count_reads(memory_keyring) -> list[str]:
    """The account ids the keychain is asked for, in order."""
    calls: list[str] = []
    original = memory_keyring.get_password

    def counting(service: str, username: str):
        calls.append(username)
        return original(service, username)

    memory_keyring.get_password = counting
    return calls


@pytest.fixture
def tab(qtbot, memory_keyring, settings_dir):
    accounts = [Account(sender="me@example.com", user="omiuser")]
    widget = AccountTab(Session(), accounts, accounts[0].id, SecretStore())
    qtbot.addWidget(widget)
    return widget


def test_inline_validation_disables_save_and_names_the_field(tab):
    assert tab.save_button.isEnabled()
    tab.sender_edit.setText("not-an-address")
    assert not tab.save_button.isEnabled()
    error = tab.errors["from"]
    assert not error.isHidden() and "not-an-address" in error.text()
    tab.host_edit.setText("smtp .example.com")
    assert not tab.errors["host"].isHidden()
    tab.sender_edit.setText("me@example.com")
    tab.host_edit.setText("smtp.example.com")
    assert tab.save_button.isEnabled() and tab.errors["from"].isHidden()


def test_error_text_follows_the_ui_language(tab):
    i18n.set_language("zh_TW")
    try:
        tab.sender_edit.setText("bad")
        assert "寄件者地址" in tab.errors["from"].text()
    finally:
        i18n.set_language(None)


def test_security_choice_sets_the_default_port_and_explains(tab):
    tab.security_buttons[Security.STARTTLS].setChecked(True)
    assert tab.port_spin.value() == 587
    assert "STARTTLS" in tab.security_help.text()
    tab.port_spin.setValue(2525)  # a custom port is kept when the mode changes
    tab.security_buttons[Security.SSL].setChecked(True)
    assert tab.port_spin.value() == 2525


def test_relay_preset_fills_the_manuals_settings(tab):
    tab.preset_combo.setCurrentIndex(tab.preset_combo.findData(PRESET_CUSTOM))
    tab.host_edit.setText("mail.example.com")
    tab.security_buttons[Security.NONE].setChecked(True)
    tab.preset_combo.setCurrentIndex(0)
    assert tab.host_edit.text() == "smtp.itpison.com"
    assert tab.backup_edit.text() == "smtp2.itpison.com"
    assert tab.port_spin.value() == 465 and tab.security_buttons[Security.SSL].isChecked()


def test_password_goes_to_the_keychain_only(tab, memory_keyring, settings_dir):
    saved = []
    tab.account_saved.connect(saved.append)
    tab.password_edit.setText(PASSWORD)
    assert tab.save()
    account_id = tab.current().id
    assert memory_keyring.store[("OMIDesk", account_id)] == PASSWORD
    AccountStore().save(tab.accounts, account_id)
    for path in settings_dir.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes()
    assert saved and saved[-1].id == account_id
    tab.remember_check.setChecked(False)
    assert tab.save()
    assert ("OMIDesk", account_id) not in memory_keyring.store
    assert tab.password() == PASSWORD  # still known for this session


def test_without_a_keychain_the_password_is_for_this_session(qtbot, settings_dir):
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        accounts = [Account(sender="me@example.com")]
        widget = AccountTab(Session(), accounts, accounts[0].id, SecretStore())
        qtbot.addWidget(widget)
        assert not widget.keychain_note.isHidden()
        assert not widget.remember_check.isEnabled()
        assert not widget.remember_check.isChecked()  # nothing is remembered here (QA 16)
        widget.password_edit.setText(PASSWORD)
        assert widget.save()
        assert widget.password() == PASSWORD
        assert widget.current().remember_password  # the profile's choice, kept for later
    finally:
        keyring.set_keyring(previous)


def test_show_hide_password(tab):
    from PySide6.QtWidgets import QLineEdit

    tab.show_password.setChecked(True)
    assert tab.password_edit.echoMode() == QLineEdit.EchoMode.Normal
    tab.show_password.setChecked(False)
    assert tab.password_edit.echoMode() == QLineEdit.EchoMode.Password


def test_profiles_add_duplicate_rename_delete_and_persist(tab, memory_keyring, settings_dir):
    tab._duplicate()
    assert len(tab.accounts) == 2 and tab.current().name.endswith("(copy)")
    assert tab.current().id != tab.accounts[0].id
    tab.rename_current("公司帳號")
    assert tab.profile_combo.currentText() == "公司帳號"
    tab.password_edit.setText(PASSWORD)
    assert tab.save()
    gone = tab.current().id
    tab.delete_current()
    assert len(tab.accounts) == 1 and ("OMIDesk", gone) not in memory_keyring.store
    tab._add()
    tab.sender_edit.setText("new@example.com")
    assert tab.save()
    store = AccountStore()
    store.save(tab.accounts, tab.current().id)
    accounts, current = AccountStore().load()
    assert [a.to_dict() for a in accounts] == [a.to_dict() for a in tab.accounts]
    assert current == tab.current().id


def test_damaged_settings_start_afresh(settings_dir):
    store = AccountStore()
    store.settings.setValue("accounts/json", "{not json")
    accounts, current = store.load()
    assert len(accounts) == 1 and current == accounts[0].id


def test_a_profile_with_damaged_options_keeps_everything_else():
    data = Account(name="公司", sender="me@example.com").to_dict()
    data["options"] = {"numbers": {"LinkOption": -5}, "values": {}}
    account = Account.from_dict(data)
    assert account.name == "公司" and account.sender == "me@example.com"
    assert account.options.headers() == []


def test_the_keychain_is_read_once_per_account(memory_keyring):
    calls = count_reads(memory_keyring)
    memory_keyring.set_password("OMIDesk", "acc1", PASSWORD)
    secrets = SecretStore()
    assert [secrets.get("acc1") for _ in range(5)] == [PASSWORD] * 5
    assert calls == ["acc1"]
    secrets.delete("acc1")
    assert secrets.get("acc1") == "" and calls == ["acc1", "acc1"]


def test_keychain_read_later_keeps_the_field_waiting_and_save_never_erases(
        qtbot, memory_keyring, settings_dir):
    """The app reads the keychain on a worker thread after its window shows (SecretStore.load):
    until then the tab asks nothing of the keychain, and a Save must not store the empty field
    over the remembered password."""
    account = Account(sender="me@example.com", user="omiuser", remember_password=True)
    memory_keyring.set_password("OMIDesk", account.id, PASSWORD)
    calls = count_reads(memory_keyring)
    secrets = SecretStore()
    tab = AccountTab(Session(), [account], account.id, secrets, keychain_pending=True)
    qtbot.addWidget(tab)
    assert calls == [] and not secrets.opened
    assert tab.password_edit.text() == "" and not tab.password_edit.isEnabled()
    assert tab.password_edit.placeholderText() == "Reading the system keychain…"
    assert tab.password() == ""
    tab.name_edit.setText("Renamed while the keychain is read")
    assert tab.save()
    assert memory_keyring.store[("OMIDesk", account.id)] == PASSWORD

    secrets.load([account.id])
    tab.keychain_loaded()
    assert calls == [account.id]
    assert tab.password_edit.isEnabled() and tab.password_edit.text() == PASSWORD
    assert tab.password() == PASSWORD and tab.password_edit.placeholderText() == ""


def test_a_session_password_is_kept_without_the_keychain(memory_keyring):
    secrets = SecretStore()
    secrets.keep("sandbox", "throw-away")
    assert secrets.cached("sandbox") == "throw-away" and secrets.get("sandbox") == "throw-away"
    assert memory_keyring.store == {} and secrets.cached("other") is None


def test_a_failing_keychain_backend_leaves_the_app_session_only(memory_keyring):
    """A backend may fail with anything its D-Bus or OS layer raises, not only keyring's
    errors: the store turns session-only instead of raising into the UI."""
    def broken(*_args: object) -> None:
        raise OSError("the secret service went away")

    memory_keyring.get_password = broken  # type: ignore[method-assign]
    memory_keyring.set_password = broken  # type: ignore[method-assign]
    secrets = SecretStore()
    secrets.load(["acc1"])
    assert secrets.get("acc1") == "" and secrets.problem == "OSError"
    assert not secrets.keychain_available
    assert secrets.set("acc1", PASSWORD, remember=True) is False  # kept for the session
    assert secrets.get("acc1") == PASSWORD


def test_a_missing_password_is_asked_for_once(memory_keyring):
    calls = count_reads(memory_keyring)
    secrets = SecretStore()
    secrets.load(["none"])
    assert [secrets.get("none") for _ in range(3)] == ["", "", ""] and calls == ["none"]
    assert secrets.cached("none") == ""
    secrets.set("none", PASSWORD, remember=True)
    assert secrets.get("none") == PASSWORD and calls == ["none"]


def test_an_empty_field_says_what_it_needs_only_once_visited(qtbot, memory_keyring,
                                                             settings_dir):
    """QA 16: no red "Enter the sender address." on a first start, before any input; Save
    (or typing there and clearing it) shows it."""
    account = Account()  # a first start: no sender yet
    widget = AccountTab(Session(), [account], account.id, SecretStore())
    qtbot.addWidget(widget)
    error = widget.errors["from"]
    assert error.isHidden() and widget.save_button.isEnabled()
    assert not widget.save()  # refused, and now it says why
    assert not error.isHidden() and "sender address" in error.text()
    assert not widget.save_button.isEnabled()
    other = Account()
    fresh = AccountTab(Session(), [other], other.id, SecretStore())
    qtbot.addWidget(fresh)
    qtbot.keyClicks(fresh.sender_edit, "x")
    fresh.sender_edit.selectAll()
    qtbot.keyClick(fresh.sender_edit, Qt.Key.Key_Backspace)
    assert fresh.sender_edit.text() == "" and not fresh.errors["from"].isHidden()


def test_form_labels_are_wide_enough_for_their_underlined_letter(tab):
    """Qt measures a label with its kerning, then draws the underlined access key apart from
    its neighbours: "Reply-&To:" lost its colon (QA 16). Each label of the tab is as wide as
    its text drawn in the three pieces."""
    tab.resize(1000, 900)
    tab.show()
    narrow = []
    for label in tab.findChildren(QLabel):
        text = label.text()
        if label.buddy() is None or "&" not in text:
            continue
        at = text.index("&")
        metrics = label.fontMetrics()
        drawn = sum(metrics.horizontalAdvance(piece)
                    for piece in (text[:at], text[at + 1], text[at + 2:]))
        if label.contentsRect().width() + 1 < drawn:
            narrow.append((text, label.contentsRect().width(), drawn))
    assert not narrow, narrow
    assert any(label.text() == "Repl&y-To:" for label in tab.findChildren(QLabel))


def test_without_a_keychain_the_note_in_chinese_names_no_backend_class(
        qtbot, settings_dir, tmp_path, chinese_ui):
    """QA round 2, finding 9: the sentence in plain words; the backends in its tooltip."""
    import keyring
    from keyring.backends.chainer import ChainerBackend
    from keyrings.alt.file import EncryptedKeyring, PlaintextKeyring

    from tests.helpers.zh_text import english_words

    plaintext = PlaintextKeyring()
    plaintext.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[misc]

    class Fixed(ChainerBackend):  # keyring's own chainer over keyrings.alt's file backends
        backends = [plaintext, EncryptedKeyring()]  # type: ignore[assignment]

    previous = keyring.get_keyring()
    keyring.set_keyring(Fixed())
    i18n.set_language("zh_TW")
    try:
        accounts = [Account(sender="me@example.com", user="omiuser")]
        widget = AccountTab(Session(), accounts, accounts[0].id, SecretStore())
        qtbot.addWidget(widget)
        note = widget.keychain_note.text()
        assert "只有把密碼存在檔案中或根本不保存的替代方案" in note
        assert not english_words(note), note
        assert "PlaintextKeyring, EncryptedKeyring" in widget.keychain_note.toolTip()
    finally:
        keyring.set_keyring(previous)
        i18n.set_language(None)


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_a_refusing_keychain_is_said_truthfully_and_can_be_tried_again(
        qtbot, qloop, settings_dir, refusing_keyring, lang, request):
    """QA4 #12: a locked keychain or a "Deny" (RefusingKeyring raises keyring's real errors:
    no such keychain exists here) is not "no keychain"; its English stays in the tooltip, and
    "Try the keychain again" reads the password once it gives access."""
    from tests.helpers.zh_text import english_words

    refusing_keyring.store[("OMIDesk", "acct-1")] = PASSWORD
    if lang == "zh_TW":
        request.getfixturevalue("chinese_ui")
    i18n.set_language(lang)
    try:
        accounts = [Account(id="acct-1", sender="me@example.com", user="omiuser")]
        widget = AccountTab(Session(), accounts, accounts[0].id, SecretStore())
        qtbot.addWidget(widget)
        widget.show()
        note = widget.keychain_note.text()
        assert widget.password_edit.text() == "" and not widget.keychain_note.isHidden()
        assert "No system keychain" not in note and "沒有可用" not in note
        assert "user pressed" not in note and "Deny" in widget.keychain_note.toolTip()
        if lang == "zh_TW":
            assert "拒絕" in note and not english_words(note), note
        else:
            assert "locked" in note and "Deny" in note
        retry = widget.login.retry_button
        assert retry.isVisible() and not widget.remember_check.isEnabled()
        calls = refusing_keyring.calls
        refusing_keyring.refusing = False  # unlocked now, or "Allow" this time
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
        task = widget._retrying
        assert task is not None
        qloop.run_until_complete(task)
        assert refusing_keyring.calls == calls + 1  # asked once more
        assert widget.password_edit.text() == PASSWORD and widget.password() == PASSWORD
        assert widget.keychain_note.isHidden() and not retry.isVisible()
        assert widget.remember_check.isEnabled()
    finally:
        i18n.set_language(None)


def _top(widget: QWidget, box: QWidget) -> int:
    return widget.mapTo(box, QPoint(0, 0)).y()


def test_an_indented_note_is_as_tall_as_its_text_and_a_hidden_one_takes_no_room(
        qtbot, settings_dir, refusing_keyring) -> None:
    """The notes under a form's fields (the keychain's, the encryption's) in rows with no
    label text: Qt laid such a row out as tall as the wrapped text is at a narrow width, the
    one-line note centred in four lines' room and "Try the keychain again" pushed down. A
    hidden one (the keychain works) leaves no gap under "Remember"."""
    accounts = [Account(id="acct-1", sender="me@example.com", user="omiuser")]
    widget = AccountTab(Session(), accounts, accounts[0].id, SecretStore())
    qtbot.addWidget(widget)
    widget.resize(1100, 900)
    widget.show()
    QApplication.processEvents()
    login, note, retry = widget.login, widget.keychain_note, widget.login.retry_button
    form = login.layout()
    assert isinstance(form, QFormLayout)
    assert note.isVisible() and retry.isVisible()
    for label in (note, widget.server.security_help):
        assert label.height() == label.heightForWidth(label.width())
    note_bottom = _top(note, login) + note.height()
    assert _top(retry, login) - note_bottom <= form.verticalSpacing()  # right under it
    refusing_keyring.refusing = False  # a keychain that works: no note, no button
    widget = AccountTab(Session(), accounts, accounts[0].id, SecretStore())
    qtbot.addWidget(widget)
    widget.resize(1100, 900)
    widget.show()
    QApplication.processEvents()
    login, remember = widget.login, widget.remember_check
    form = login.layout()
    assert isinstance(form, QFormLayout)
    assert widget.keychain_note.isHidden() and not login.retry_button.isVisible()
    last_bottom = _top(remember, login) + remember.height()
    assert form.geometry().bottom() + 1 - form.contentsMargins().bottom() - last_bottom <= 1
