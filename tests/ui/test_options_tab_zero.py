"""What a 0 does, in the Options tab (QA round 3, finding 10): "e-mail only" (SendOption's
cSDSendMainListOnly = 0) chosen reaches the relay as X-SendOption: 0 (counted at the server,
sent from Compose); with nothing chosen the choice shows the account's setting and nothing is
sent; a group set to 0 that adds no header says so next to it and under the preview, in the
catalog's words (core zero_line / zero_rule), in 繁中 and English. The decoder answers an
unknown name with where in the tab to look, not with a command line."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from omidesk.core.options import OptionSet, find_group, zero_line, zero_rule
from omidesk.ui import i18n
from omidesk.ui.session import Session
from omidesk.ui.tabs.options_tab import OptionsTab
from tests.ui.test_compose_options import send, x_headers
from tests.ui.test_compose_tab import account_for, store, tab as compose  # noqa: F401
from tests.ui.test_options_tab import choose, preview_lines, send_combo

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def tab(options_tab: OptionsTab) -> OptionsTab:  # tests/ui/conftest.py
    options_tab.show()
    return options_tab


def test_nothing_chosen_shows_the_accounts_setting_and_e_mail_only_is_sent(tab) -> None:
    combo, editor = send_combo(tab), tab.group_editors["SendOption"]
    assert combo.currentIndex() == -1
    assert combo.placeholderText() == "Your account's setting (no header)"
    assert editor.header_line.text() == zero_line("SendOption").en
    assert "EmailUserLaunchSettingInfo" in editor.header_line.toolTip()
    assert not any(line.startswith("X-SendOption") for line in preview_lines(tab))
    choose(combo, "SendOption", "cSDSendMainListOnly")
    assert combo.currentIndex() == 0 and editor.header_line.text() == "X-SendOption: 0"
    assert "X-SendOption: 0" in preview_lines(tab) and tab.zero_note.isHidden()
    editor.reset_button.click()  # "Use default": the account's setting again
    assert combo.currentIndex() == -1 and tab.effective().headers() == []


def test_a_group_set_to_zero_says_under_the_preview_that_it_adds_no_header(tab) -> None:
    tab.set_defaults(OptionSet({"LinkOption": 192}))
    editor = tab.group_editors["LinkOption"]
    assert tab.zero_note.isHidden()
    for name in ("cLKNotTrackOpenMask", "cLKNotTrackAllLinkMask"):  # track this one again
        editor.checkboxes[name].setChecked(False)
    assert tab.options().numbers == {"LinkOption": 0}
    assert tab.effective().headers() == []
    assert not tab.zero_note.isHidden()
    assert tab.zero_note.text() == zero_line("LinkOption").en
    assert tab.zero_note.toolTip() == zero_rule("LinkOption").en
    assert editor.header_line.text() == zero_line("LinkOption").en


def test_the_zero_texts_in_chinese(qtbot, chinese_ui) -> None:
    i18n.set_language("zh_TW")
    try:
        widget = OptionsTab(Session())
        qtbot.addWidget(widget)
        assert send_combo(widget).placeholderText() == "帳號本身的設定（不加入檔頭）"
        line = widget.group_editors["LinkOption"].header_line.text()
        assert line == "X-LinkOption: 0 — 不加入檔頭：轉發伺服器會套用您 OMICard 帳號本身的設定"
        widget.decoder.set_input("LaunchOption", "cLKNotTrackOpenMask")
        said = widget.decoder.error.text.text()
        assert "不是 LaunchOption 的選項" in said and "omidesk" not in said
        assert f"左側「{find_group('LaunchOption').zh}」" in said
    finally:
        i18n.set_language(None)


def test_the_decoder_says_what_a_zero_does_as_the_cli_does(tab) -> None:
    tab.decoder.set_input("LinkOption", "0")
    assert tab.decoder.lines()[-1] == zero_rule("LinkOption").en
    tab.decoder.set_input("SendOption", "0")
    assert "cSDSendMainListOnly" in tab.decoder.lines()[0]
    assert tab.decoder.lines()[-1] == zero_rule("SendOption").en
    tab.decoder.set_input("LinkOption", "64")
    assert "EmailUserLaunchSettingInfo" not in " ".join(tab.decoder.lines())


def test_the_decoder_says_where_in_the_tab_to_look(tab) -> None:
    tab.decoder.set_input("LaunchOption", "cLKNotTrackOpenMask")
    said = tab.decoder.error.text.text()
    assert said.startswith("“cLKNotTrackOpenMask” is not an option of LaunchOption.")
    assert f"“{find_group('LaunchOption').en}” on the left" in said and "omidesk" not in said
    tab.decoder.set_input("LinkType", "cNoSuchThing")  # a table that is not a header
    said = tab.decoder.error.text.text()
    assert "under “Reference: other tables of Appendix A”" in said and "omidesk" not in said


def test_e_mail_only_chosen_in_the_tab_reaches_the_server(compose, qloop,  # noqa: F811
                                                          smtp_server) -> None:
    options = OptionsTab(compose.session)
    choose(send_combo(options), "SendOption", "cSDSendMainListOnly")
    compose.to_edit.setText("chen@example.com")
    compose.subject_edit.setText("只發送郵件")
    server = smtp_server(tls="implicit")
    send(compose, qloop, server)
    assert x_headers(server).get("X-SendOption") == "0"


def test_the_accounts_setting_is_written_as_a_choice_not_greyed_out(tab) -> None:
    """With nothing chosen the box says what applies, in the text's colour: Qt draws a
    placeholder in a hint's grey, and the box looked disabled. After a theme change too; a
    disabled box keeps the grey."""
    combo = send_combo(tab)
    assert combo.currentIndex() == -1 and combo.isEnabled()

    def colour(group: QPalette.ColorGroup, role: QPalette.ColorRole) -> QColor:
        return combo.palette().color(group, role)

    active, disabled = QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled
    placeholder, text = QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.ButtonText
    assert colour(active, placeholder) == colour(active, text)
    dark = QPalette(QColor("#353535"), QColor("#2b2b2b"))  # a dark theme, set on the tab
    tab.setPalette(dark)
    assert colour(active, text) == dark.color(active, text)
    assert colour(active, placeholder) == dark.color(active, text)
    assert colour(disabled, placeholder) == dark.color(disabled, placeholder)
