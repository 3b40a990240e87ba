"""The Options tab (發送選項): generated from the catalog, live preview, presets, value fields,
date-time pickers in Taiwan time, defaults and overrides, the decoder, both languages.

The numbers asserted here are the manual's own (§7.2, Appendix A), written out on purpose: the
tab must produce them from the catalog, never restate them."""

from __future__ import annotations

from typing import TypeVar

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QObject, QTime, QTimeZone
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QWidget,
)

from omidesk.core.errors import ValidationError
from omidesk.core.options import (
    Kind,
    OptionSet,
    Style,
    find_const,
    find_group,
    groups,
    header_groups,
    presets,
    value_fields,
)
from omidesk.ui import i18n
from omidesk.ui.session import Session
from omidesk.ui.tabs.options_tab import OptionsTab
from omidesk.ui.widgets.option_fields import DateTimeFieldEditor, TextFieldEditor

W = TypeVar("W", bound=QObject)

TAIWAN = QTimeZone(8 * 3600)


@pytest.fixture
def tab(options_tab: OptionsTab) -> OptionsTab:  # tests/ui/conftest.py
    return options_tab


def child(widget: QWidget, kind: type[W], name: str) -> W:
    found = widget.findChild(kind, name)
    assert found is not None, name
    return found


def line_edit(tab: OptionsTab, name: str) -> QLineEdit:
    return child(tab, QLineEdit, name)


def text_editor(tab: OptionsTab, key: str) -> TextFieldEditor:
    editor = tab.field_editors[key]
    assert isinstance(editor, TextFieldEditor)
    return editor


def date_editor(tab: OptionsTab, key: str) -> DateTimeFieldEditor:
    editor = tab.field_editors[key]
    assert isinstance(editor, DateTimeFieldEditor)
    return editor


def changes(tab: OptionsTab) -> list[None]:
    seen: list[None] = []
    tab.changed.connect(lambda: seen.append(None))
    return seen


def checkbox(tab: OptionsTab, group: str, name: str) -> QCheckBox:
    return tab.group_editors[find_group(group).key].checkboxes[name]


def preview_lines(tab: OptionsTab) -> list[str]:
    return [line for line in tab.preview_text().splitlines() if line]


def assert_preview_is_effective(tab: OptionsTab) -> None:
    assert preview_lines(tab) == [f"{n}: {v}" for n, v in tab.effective().headers()]


def send_combo(tab: OptionsTab) -> QComboBox:
    editor = tab.group_editors["SendOption"]
    assert len(editor.choices) == 1  # one choice, not a set of boxes
    return editor.choices[0][2]


def choose(combo: QComboBox, group: str, name: str) -> None:
    labels = [c.name for c in find_group(group).consts if c.kind is Kind.VALUE]
    combo.setCurrentIndex(labels.index(name))


# -- generated from the catalog ------------------------------------------------------------------
def test_one_checkbox_per_flag_of_every_header_group(tab: OptionsTab) -> None:
    flags = [c for g in header_groups() for c in g.consts if c.kind is Kind.FLAG]
    boxes = [b for e in tab.group_editors.values() for b in e.checkboxes.values()]
    assert len(boxes) == len(flags)
    assert len(flags) == 11 + 23 + 15 + 20  # Appendix A §1–§4
    for const in flags:
        box = tab.findChild(QCheckBox, const.name)
        assert box is not None, const.name
        assert const.name in box.toolTip()
        assert str(const.value) in box.toolTip()
        assert box.text() == const.en.replace("&", "&&")
    # no other flag checkbox anywhere on the tab (the other boxes enable the date pickers)
    names = {c.name for c in flags}
    others = [b for b in tab.findChildren(QCheckBox) if b.objectName() not in names]
    assert all(b.objectName().startswith("enable_") for b in others)


def test_a_titled_box_per_header_group_and_nothing_for_the_others(tab: OptionsTab) -> None:
    assert list(tab.group_editors) == [g.key for g in header_groups()]
    for group in header_groups():
        editor = tab.group_editors[group.key]
        assert group.header is not None and group.header in editor.title()
        assert group.en in editor.title()
    for group in groups(with_header=False):
        assert group.key not in tab.group_editors
    # the other tables are reference only: listed in the collapsed reference section
    tree = tab.reference_tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert [item.text(0) for item in items if item is not None] == [
        g.key for g in groups(with_header=False)]
    assert not tab.reference.is_expanded()


def test_presets_and_value_fields_come_from_the_catalog(tab: OptionsTab) -> None:
    assert list(tab.preset_buttons) == [p.key for p in presets()]
    for preset in presets():
        button = tab.preset_buttons[preset.key]
        assert button.text() == preset.en
        assert preset.help_en in button.toolTip()
        for group, value in preset.values.items():
            assert f"{find_group(group).header}: {value}" in button.toolTip()
    assert list(tab.field_editors) == [f.key for f in value_fields()]


def test_empty_tab_sends_nothing(tab: OptionsTab) -> None:
    assert tab.options() == OptionSet()
    assert tab.effective().headers() == []
    assert tab.preview_text() == ""
    assert tab.preview.isReadOnly()
    assert not tab.reset_button.isEnabled()


# -- flags and the live preview ------------------------------------------------------------------
def test_two_link_flags_make_192(tab: OptionsTab) -> None:
    seen = changes(tab)
    checkbox(tab, "LinkOption", "cLKNotTrackOpenMask").setChecked(True)
    assert "X-LinkOption: 64" in preview_lines(tab)
    checkbox(tab, "LinkOption", "cLKNotTrackAllLinkMask").setChecked(True)
    assert "X-LinkOption: 192" in preview_lines(tab)
    assert ("X-LinkOption", "192") in tab.options().headers()
    assert tab.options().numbers == {"LinkOption": 192}
    assert tab.group_editors["LinkOption"].header_line.text() == "X-LinkOption: 192"
    assert len(seen) == 2
    assert_preview_is_effective(tab)
    checkbox(tab, "LinkOption", "cLKNotTrackOpenMask").setChecked(False)
    assert "X-LinkOption: 128" in preview_lines(tab)


def test_largest_flag_is_unsigned(tab: OptionsTab) -> None:
    top = max((c for c in find_group("JobOptions").consts), key=lambda c: c.value)
    assert top.value == 2147483648
    checkbox(tab, "JobOptions", top.name).setChecked(True)
    assert tab.options().number("JobOptions") == 2147483648
    assert "X-JobOption: 2147483648" in preview_lines(tab)


@pytest.mark.parametrize(("key", "header", "number"), [
    ("no_open_tracking", "X-LinkOption", 64),
    ("no_link_tracking", "X-LinkOption", 128),
    ("no_tracking", "X-LinkOption", 192),
    ("keep_to_headers", "X-ListOption", 1),
    ("keep_cc_headers", "X-ListOption", 2),
    ("no_list_filter", "X-ListOption", 65536),
])
def test_presets_give_the_manuals_numbers(tab: OptionsTab, key: str, header: str,
                                          number: int) -> None:
    seen = changes(tab)
    tab.preset_buttons[key].click()
    assert preview_lines(tab) == [f"{header}: {number}"]
    assert tab.options().headers() == [(header, str(number))]
    assert seen == [None]
    # the boxes follow
    group = next(g for g in header_groups() if g.header == header)
    ticked = [n for n, b in tab.group_editors[group.key].checkboxes.items() if b.isChecked()]
    assert ticked == [c.name for c in group.consts if c.kind is Kind.FLAG and number & c.value]
    assert ticked


def test_presets_add_to_what_is_ticked(tab: OptionsTab) -> None:
    tab.preset_buttons["no_open_tracking"].click()
    tab.preset_buttons["no_link_tracking"].click()
    assert "X-LinkOption: 192" in preview_lines(tab)
    tab.set_defaults(OptionSet({"ListOption": 2}))
    tab.preset_buttons["keep_to_headers"].click()
    assert tab.options().number("ListOption") == 3  # ORed into the default, not replacing it


# -- SendOption: one choice ----------------------------------------------------------------------
def test_send_option_is_a_single_choice(tab: OptionsTab) -> None:
    group = find_group("SendOption")
    combo = send_combo(tab)
    assert combo.count() == len([c for c in group.consts if c.kind is Kind.VALUE])
    assert not tab.group_editors["SendOption"].checkboxes
    choose(combo, "SendOption", "cSDSendBothList")
    assert "X-SendOption: 4" in preview_lines(tab)
    assert ("X-SendOption", "4") in tab.options().headers()
    choose(combo, "SendOption", "cSDSendMainListOnly")
    # "e-mail only" is a choice the manual names as 0: chosen, it is sent (QA3 #10)
    assert "X-SendOption: 0" in preview_lines(tab)
    assert tab.options().numbers == {"SendOption": 0}
    assert_preview_is_effective(tab)


def test_send_option_default_shows_and_can_be_overridden_to_zero(tab: OptionsTab) -> None:
    tab.set_defaults(OptionSet({"SendOption": 2}))
    combo = send_combo(tab)
    assert combo.currentText().startswith(find_const("SendOption", "cSDSendSubListFirst").en)
    choose(combo, "SendOption", "cSDSendMainListOnly")
    assert tab.options().numbers == {"SendOption": 0}
    assert tab.effective().headers() == [("X-SendOption", "0")]
    assert tab.group_editors["SendOption"].marker.isVisibleTo(tab.group_editors["SendOption"])


def test_send_option_value_outside_the_choices_is_shown_not_hidden(tab: OptionsTab) -> None:
    tab.set_defaults(OptionSet({"SendOption": 7}))
    combo = send_combo(tab)
    assert combo.currentIndex() == -1
    assert "7" in combo.placeholderText()
    assert "X-SendOption: 7" in preview_lines(tab)


# -- value fields --------------------------------------------------------------------------------
def test_non_ascii_job_name_is_accepted(tab: OptionsTab) -> None:
    edit = line_edit(tab, "field_JobName")
    edit.setText("四月電子報 April")
    assert tab.options().values == {"JobName": "四月電子報 April"}
    assert "X-JobName: 四月電子報 April" in preview_lines(tab)
    assert tab.errors() == {}
    assert text_editor(tab, "JobName").error.isHidden()


def test_job_name_with_a_line_break_is_refused_at_the_field(tab: OptionsTab) -> None:
    edit = line_edit(tab, "field_JobName")
    edit.setText("ok")
    edit.setText("first\nX-LinkOption: 192")
    editor = text_editor(tab, "JobName")
    assert not editor.error.isHidden()
    assert "line break" in editor.error.text.text()
    assert edit.text() == "first\nX-LinkOption: 192"  # what was typed is kept, not dropped
    assert "JobName" not in tab.options().values
    assert not any(line.startswith("X-JobName") or "192" in line for line in preview_lines(tab))
    assert "JobName" in tab.errors()
    assert not tab.pending.isHidden()
    with pytest.raises(ValidationError):
        tab.validate()
    edit.setText("first")
    assert editor.error.isHidden()
    assert tab.options().values == {"JobName": "first"}
    tab.validate()


def test_job_name_error_in_chinese(tab: OptionsTab) -> None:
    i18n.set_language("zh_TW")
    line_edit(tab, "field_JobName").setText("a\rb")
    assert "換行" in text_editor(tab, "JobName").error.text.text()


def test_token_fields_refuse_spaces(tab: OptionsTab) -> None:
    for key in ("RefNumber", "LaunchType", "LaunchClass"):
        edit = line_edit(tab, f"field_{key}")
        edit.setText("A 1")
        assert key in tab.errors()
        assert not text_editor(tab, key).error.isHidden()
        edit.setText("A-1")
        assert key not in tab.errors()
        assert tab.options().value(key) == "A-1"
    assert preview_lines(tab) == ["X-RefNumber: A-1", "X-LaunchType: A-1", "X-LaunchClass: A-1"]


def test_typing_keeps_what_is_typed(tab: OptionsTab, qtbot) -> None:
    edit = line_edit(tab, "field_JobName")
    qtbot.keyClicks(edit, "May news ")
    assert edit.text() == "May news "  # the trailing space is not trimmed under the cursor
    assert tab.options().value("JobName") == "May news"


def test_datetime_picker_sends_taiwan_time(tab: OptionsTab) -> None:
    editor = date_editor(tab, "NextLaunchTime")
    picker = child(tab, QDateTimeEdit, "field_NextLaunchTime")
    assert picker.displayFormat() == "yyyy-MM-dd HH:mm:ss"
    assert picker.calendarPopup()
    assert not picker.isEnabled()
    assert "Taiwan time (UTC+08:00)" in editor.zone.text()
    editor.enable.setChecked(True)
    assert picker.isEnabled()
    picker.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(9, 30), TAIWAN))
    assert "X-NextLaunchTime: 2026-12-01 09:30:00" in preview_lines(tab)
    assert tab.options().values["NextLaunchTime"] == "2026-12-01 09:30:00"
    # the same moment given in UTC is still 09:30 in Taiwan
    picker.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(1, 30), QTimeZone.utc()))
    assert "X-NextLaunchTime: 2026-12-01 09:30:00" in preview_lines(tab)
    editor.enable.setChecked(False)
    assert not any(line.startswith("X-NextLaunchTime") for line in preview_lines(tab))
    assert tab.options().values["NextLaunchTime"] == ""  # switched off: an override to nothing


def test_datetime_from_options_is_displayed(tab: OptionsTab) -> None:
    options = OptionSet()
    options.set_value("LaunchExpireTime", "2026-12-31 23:59:00")
    tab.set_options(options)
    editor = date_editor(tab, "LaunchExpireTime")
    assert editor.enable.isChecked()
    shown = editor.edit.dateTime().toTimeZone(TAIWAN)
    assert (shown.date(), shown.time()) == (QDate(2026, 12, 31), QTime(23, 59))
    assert "X-LaunchExpireTime: 2026-12-31 23:59:00" in preview_lines(tab)


# -- defaults, overrides, reset ------------------------------------------------------------------
def test_defaults_show_ticked_and_reset_returns_to_them(tab: OptionsTab) -> None:
    defaults = OptionSet({"LinkOption": 64, "ListOption": 65536})
    defaults.set_value("JobName", "月報")
    tab.set_defaults(defaults)
    open_box = checkbox(tab, "LinkOption", "cLKNotTrackOpenMask")
    assert open_box.isChecked()
    assert checkbox(tab, "ListOption", "cLTBypassAllListProcessFilter").isChecked()
    assert line_edit(tab, "field_JobName").text() == "月報"
    assert tab.options() == OptionSet()
    assert preview_lines(tab) == ["X-JobName: 月報", "X-LinkOption: 64", "X-ListOption: 65536"]
    link = tab.group_editors["LinkOption"]
    assert link.marker.isHidden()

    seen = changes(tab)
    open_box.setChecked(False)  # an override to 0 is kept as an override
    assert tab.options().numbers == {"LinkOption": 0}
    assert preview_lines(tab) == ["X-JobName: 月報", "X-ListOption: 65536"]
    assert tab.effective().number("LinkOption") == 0
    assert not link.marker.isHidden()
    assert not link.reset_button.isHidden()
    assert tab.reset_button.isEnabled()

    tab.set_defaults(defaults)  # a new look at the account keeps the message's overrides
    assert tab.options().numbers == {"LinkOption": 0}
    assert not open_box.isChecked()

    tab.reset_button.click()
    assert tab.options() == OptionSet()
    assert open_box.isChecked()
    assert link.marker.isHidden()
    assert preview_lines(tab) == ["X-JobName: 月報", "X-LinkOption: 64", "X-ListOption: 65536"]
    assert not tab.reset_button.isEnabled()
    assert len(seen) == 2


def test_group_reset_clears_one_group(tab: OptionsTab) -> None:
    tab.set_defaults(OptionSet({"LinkOption": 64}))
    checkbox(tab, "LinkOption", "cLKNotTrackAllLinkMask").setChecked(True)
    checkbox(tab, "ListOption", "cLTKeepToHeader").setChecked(True)
    tab.group_editors["LinkOption"].reset_button.click()
    assert tab.options().numbers == {"ListOption": 1}
    assert "X-LinkOption: 64" in preview_lines(tab)


def test_empty_job_name_overrides_a_default(tab: OptionsTab) -> None:
    defaults = OptionSet()
    defaults.set_value("JobName", "月報")
    tab.set_defaults(defaults)
    line_edit(tab, "field_JobName").setText("")
    assert tab.options().values == {"JobName": ""}
    assert preview_lines(tab) == []
    child(tab, QAbstractButton, "reset_JobName").click()
    assert tab.options() == OptionSet()
    assert line_edit(tab, "field_JobName").text() == "月報"


def test_unknown_bits_of_a_default_survive_a_tick(tab: OptionsTab) -> None:
    tab.set_defaults(OptionSet({"JobOptions": 4096 | 4}))
    editor = tab.group_editors["JobOptions"]
    assert "4096" in editor.problem()
    checkbox(tab, "JobOptions", "cJBCreateReportMask").setChecked(False)
    assert tab.options().numbers == {"JobOptions": 4096}
    assert "X-JobOption: 4096" in preview_lines(tab)  # shown as it is, and refused (QA3 #2)
    error = tab.first_error()
    assert error is not None and error.code == "option_undefined" and error.field == "JobOptions"
    assert "X-JobOption" in tab.pending.text() and not tab.pending.isHidden()


def test_set_options_round_trip(tab: OptionsTab) -> None:
    options = OptionSet({"LinkOption": 192, "SendOption": 4})
    options.set_value("RefNumber", "C-2026-05")
    tab.set_options(options)
    assert tab.options() == options
    assert checkbox(tab, "LinkOption", "cLKNotTrackAllLinkMask").isChecked()
    assert preview_lines(tab) == ["X-RefNumber: C-2026-05", "X-LinkOption: 192",
                                  "X-SendOption: 4"]
    returned = tab.options()
    returned.numbers.clear()  # a copy: the tab is not changed behind its back
    assert tab.options() == options


def test_set_options_refuses_what_the_core_refuses(tab: OptionsTab) -> None:
    bad = OptionSet(values={"JobName": "a\r\nBcc: someone"})
    with pytest.raises(ValidationError):
        tab.set_options(bad)
    with pytest.raises(ValidationError):
        tab.set_defaults(OptionSet({"LinkOption": -1}))
    assert tab.options() == OptionSet()
    assert tab.preview_text() == ""


# -- decoder -------------------------------------------------------------------------------------
def test_decoder_lists_unknown_bits(tab: OptionsTab) -> None:
    tab.decoder.set_input("JobOptions", "4096")
    lines = tab.decoder.lines()
    assert len(lines) == 1 and "4096" in lines[0] and "not named" in lines[0]
    tab.decoder.set_input("JobOptions", "4100")
    lines = tab.decoder.lines()
    assert any(line.startswith("cJBCreateReportMask = 4") for line in lines)
    assert any("4096" in line for line in lines)


def test_decoder_reads_every_table(tab: OptionsTab) -> None:
    assert tab.decoder.group_combo.count() == len(groups())
    tab.decoder.set_input("LinkOption", "192")
    assert [line.split(" ")[0] for line in tab.decoder.lines()] == [
        "cLKNotTrackOpenMask", "cLKNotTrackAllLinkMask"]
    tab.decoder.set_input("SendOption", "4")
    assert any("cSDSendBothList" in line for line in tab.decoder.lines())
    tab.decoder.set_input("SendOption", "7")
    assert any("7" in line and "cSDSendListMask" in line for line in tab.decoder.lines())
    tab.decoder.set_input("LinkType", "0x105")  # a masked field and a flag, not a header group
    lines = tab.decoder.lines()
    assert any(line.startswith("cMergeLinkMask") for line in lines)
    assert any("cLinkMask" in line and "5" in line for line in lines)
    enum = next(g for g in groups() if g.style is Style.ENUM)
    tab.decoder.set_input(enum.key, "77777")
    assert any("77777" in line for line in tab.decoder.lines())
    tab.decoder.set_input("LinkOption", "cLKNotTrackOpenMask, cLKNotTrackAllLinkMask")
    assert "192" in tab.decoder.summary.text()


@pytest.mark.parametrize("text", ["-1", "4294967296", "banana"])
def test_decoder_invalid_number_is_shown_inline(tab: OptionsTab, text: str) -> None:
    tab.decoder.set_input("LinkOption", text)
    assert not tab.decoder.error.isHidden()
    assert tab.decoder.error.text.text()
    assert tab.decoder.lines() == []
    tab.decoder.set_input("LinkOption", "")
    assert tab.decoder.error.isHidden()


# -- language, accessibility, palette ------------------------------------------------------------
def test_labels_in_traditional_chinese(qtbot) -> None:
    i18n.set_language("zh_TW")
    try:
        widget = OptionsTab(Session())
        qtbot.addWidget(widget)
        const = find_const("LinkOption", "cLKNotTrackOpenMask")
        assert checkbox(widget, "LinkOption", const.name).text() == const.zh
        assert widget.preset_buttons["no_tracking"].text() == presets()[2].zh
        assert find_group("LinkOption").zh in widget.group_editors["LinkOption"].title()
        assert send_combo(widget).itemText(0).startswith(find_group("SendOption").consts[1].zh)
    finally:
        i18n.set_language(None)


def test_retranslate_switches_catalog_labels(tab: OptionsTab) -> None:
    const = find_const("ListOption", "cLTKeepToHeader")
    box = checkbox(tab, "ListOption", const.name)
    box.setChecked(True)
    assert box.text() == const.en
    i18n.set_language("zh_TW")
    QCoreApplication.sendEvent(tab, QEvent(QEvent.Type.LanguageChange))  # as a new translator does
    assert box.text() == const.zh
    assert box.isChecked()
    assert tab.options().numbers == {"ListOption": 1}


def test_inputs_have_accessible_names_and_no_fixed_colours(tab: OptionsTab) -> None:
    kinds = (QAbstractButton, QLineEdit, QComboBox, QDateTimeEdit)
    inputs = [w for w in tab.findChildren(QWidget) if isinstance(w, kinds)
              and not w.objectName().startswith("qt_")  # Qt's own parts of a widget
              and not isinstance(w.parent(), (QLineEdit, QComboBox, QDateTimeEdit))]
    assert len(inputs) > 80
    unnamed = [w.objectName() or type(w).__name__ for w in inputs
               if not w.accessibleName() and not (isinstance(w, QAbstractButton) and w.text())]
    assert unnamed == []
    assert all(not w.styleSheet() for w in tab.findChildren(QWidget))
    assert tab.reset_button.text().startswith("&")  # a mnemonic on the main action


# The offscreen platform says this on every show(); it is about the platform, not the tab.
@pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")
@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_fits_1000_wide_without_sideways_scrolling(qtbot, lang: str) -> None:
    i18n.set_language(lang)
    try:
        widget = OptionsTab(Session())
        qtbot.addWidget(widget)
        widget.resize(1000, 800)
        widget.show()
        qtbot.waitExposed(widget)
        line_edit(widget, "field_RefNumber").setText("活動 1")  # a visible error
        line_edit(widget, "field_JobName").setText("四月電子報")  # changed, default
        date_editor(widget, "NextLaunchTime").enable.setChecked(True)  # + local-clock line
        widget.preset_buttons["no_tracking"].click()
        qtbot.wait(10)
        assert widget.scroll_area.horizontalScrollBar().maximum() == 0
        # the groups scroll, the tab doesn't
        assert widget.scroll_area.verticalScrollBar().maximum() > 0
    finally:
        i18n.set_language(None)
