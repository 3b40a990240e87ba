"""Compose shows an attachment's name escaped, never reordered (QA4 #9): "\\u202efdp.exe"
is not listed as "(B 5)  exe.pdf"; the warning says it in place, in both languages; an .eml
with damaged parts opens with a note naming them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from omidesk.core.drafts import DraftStore
from omidesk.ui.i18n import set_language
from omidesk.ui.session import Session
from omidesk.ui.tabs.compose_tab import ComposeTab
from tests.core.test_attachment_names import BADMIME, SPOOF, no_raw_controls

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def compose(qtbot, tmp_path: Path) -> Iterator[ComposeTab]:
    tab = ComposeTab(Session(tmp_path, sent_log=None), DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(tab)
    tab.resize(1100, 760)
    tab.show()
    qtbot.waitExposed(tab)
    yield tab
    set_language(None)


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_a_backwards_name_is_listed_escaped_with_a_warning(compose: ComposeTab, qtbot,
                                                            tmp_path: Path, lang: str) -> None:
    set_language(lang)
    spoof = tmp_path / SPOOF
    spoof.write_bytes(b"Hello")
    (tmp_path / "plain.txt").write_text("x")
    compose.add_attachments([spoof, tmp_path / "plain.txt"])
    widget = compose.attachment_list
    first, second = widget.attach_list.item(0), widget.attach_list.item(1)
    assert no_raw_controls(first.text()) and no_raw_controls(first.toolTip())
    # the name the recipient gets, then the file it really is, escaped
    assert first.text().startswith("⚠ fdp.exe") and first.text().endswith("\\u202efdp.exe)  (5 B)")
    assert first.toolTip() == str(tmp_path) + "/\\u202efdp.exe"
    assert second.text().startswith("plain.txt")
    assert widget.name_warning.isVisible()
    said = widget.name_warning.text()
    assert no_raw_controls(said) and "U+202E" in said and "fdp.exe" in said
    assert ("方向" in said) if lang == "zh_TW" else ("another order" in said)
    widget.remove(0)
    assert not widget.name_warning.isVisible()


def test_an_eml_with_damaged_parts_opens_with_a_note(compose: ComposeTab, tmp_path: Path) -> None:
    set_language("en")
    (tmp_path / "badmime.eml").write_bytes(BADMIME)
    assert compose.open_eml_from(tmp_path / "badmime.eml")
    said = compose.result_label.text()
    assert no_raw_controls(said)
    assert "part 2 (“../../../.bashrc”) cannot be decoded" in said
    assert "“--XX--” is missing" in said and "\\u202efdp.exe" in said
    items = [compose.attachment_list.attach_list.item(i).text()
             for i in range(compose.attachment_list.attach_list.count())]
    assert items == ["fdp.exe  (5 B)"]


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_a_big5_eml_and_a_reversed_subject_open_readable_and_said(compose: ComposeTab,
                                                                 tmp_path: Path,
                                                                 lang: str) -> None:
    """QA4 #10 in the tab: 8bit.eml's raw Big5 subject is 「報價單 第二版」 in the field, not
    「������」; ew.eml's subject opens in its real order and the note names U+202E."""
    import base64

    set_language(lang)
    big5 = tmp_path / "8bit.eml"
    big5.write_bytes(b"From: " + "王小明".encode("cp950") + b" <wang@example.tw>\r\n"
                     b"To: a@example.tw\r\nSubject: " + "報價單 第二版".encode("cp950") +
                     b"\r\nContent-Type: text/plain\r\n\r\n" +
                     "您好，附上本月的報價單。".encode("cp950") + b"\r\n")
    assert compose.open_eml_from(big5)
    assert compose.subject_edit.text() == "報價單 第二版"
    assert "您好，附上本月的報價單。" in compose.editor.toPlainText()
    word = base64.b64encode("\u202eTXT.exe 發票".encode()).decode()
    ew = tmp_path / "ew.eml"
    ew.write_bytes(f"From: a@example.tw\r\nTo: c@example.tw\r\nSubject: =?utf-8?b?{word}?="
                   "\r\n\r\nhi\r\n".encode())
    assert compose.open_eml_from(ew)
    assert compose.subject_edit.text() == "TXT.exe 發票"
    said = compose.result_label.text()
    assert no_raw_controls(said) and "U+202E" in said and "\\u202eTXT.exe" in said
    assert ("真正的順序" in said) if lang == "zh_TW" else ("real order" in said)
