"""A message's EmailOptions come with it (QA3 #31): an opened .eml, Save as .eml → Open .eml and
a restored autosaved draft put their X-headers into the session's options — the ones the Options
tab shows and the sender uses — the valid ones adopted and said, the invalid ones named, one bad
header never costing the others; changing only the options autosaves the draft. Checked at
the server."""

from __future__ import annotations

import json
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from omidesk.core.drafts import DraftStore
from omidesk.core.options import OptionSet
from omidesk.ui.session import Session
from omidesk.ui.tabs.compose_tab import ComposeTab
from omidesk.ui.tabs.options_tab import OptionsTab
from tests.ui.test_compose_tab import account_for, store, tab  # noqa: F401 (fixtures)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

VALID = (b"From: =?utf-8?b?546L?= <me@example.com>\r\nTo: chen@example.com\r\n"
         b"Subject: =?utf-8?b?5pyI5aCx?=\r\nX-LinkOption: 64\r\n"
         b"X-JobName: =?utf-8?b?5Y2B5LqM5pyI?=\r\nX-RefNumber: R-77\r\n"
         b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n")
HOSTILE = (b"From: me@example.com\r\nTo: chen@example.com\r\nSubject: x\r\n"
           b"X-LinkOption: 192abc\r\nX-JobOption: 99999999999\r\n"
           b"X-JobName: =?utf-8?b?5Y2B5LqM5pyI?=\r\nX-ListOption: -1\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n")


def x_headers(server) -> dict[str, str]:
    (message,) = server.messages
    parsed = BytesParser(policy=policy.default).parsebytes(message.data)
    return {k: str(v) for k, v in parsed.items() if k.lower().startswith("x-")
            and k.lower() not in ("x-mailer",)}


def send(tab: ComposeTab, qloop, server) -> None:  # noqa: F811 (fixture name)
    tab.session.set_account(account_for(server), server.password)
    result = qloop.run_until_complete(tab.send())
    assert result is not None and result.ok, tab.result_label.text()


def test_an_opened_eml_sends_with_its_options_and_says_so(tab, qloop, smtp_server,  # noqa: F811
                                                         tmp_path: Path) -> None:
    options_tab = OptionsTab(tab.session)
    (tmp_path / "valid.eml").write_bytes(VALID)
    assert tab.open_eml_from(tmp_path / "valid.eml")
    said = tab.result_label.text()
    assert "X-LinkOption: 64" in said and "X-JobName: 十二月" in said and "R-77" in said
    assert "Options tab" in said
    assert tab.session.message_options.numbers == {"LinkOption": 64}  # the tab's 192 replaced
    assert options_tab.options().values == {"JobName": "十二月", "RefNumber": "R-77"}
    server = smtp_server(tls="implicit")
    send(tab, qloop, server)
    headers = x_headers(server)
    assert headers["X-LinkOption"] == "64" and headers["X-RefNumber"] == "R-77"
    assert headers["X-JobName"] == "十二月"


def test_a_bad_header_is_named_and_the_good_ones_kept(tab, qloop, smtp_server,  # noqa: F811
                                                     tmp_path: Path) -> None:
    (tmp_path / "hostile.eml").write_bytes(HOSTILE)
    assert tab.open_eml_from(tmp_path / "hostile.eml")
    said = tab.result_label.text()
    assert "X-LinkOption: 192abc was left out" in said and "X-ListOption: -1" in said
    assert "X-JobName: 十二月" in said  # what was adopted is said too
    assert tab.session.message_options.values == {"JobName": "十二月"}
    assert tab.session.status_text == "Opened hostile.eml"
    (tmp_path / "valid.eml").write_bytes(VALID)
    assert tab.open_eml_from(tmp_path / "valid.eml")
    assert tab.session.status_text == "Opened valid.eml"  # not the file before


def test_save_as_eml_then_open_keeps_the_options(tab, qloop, smtp_server,  # noqa: F811
                                                 tmp_path: Path) -> None:
    server = smtp_server(tls="implicit")
    tab.session.set_account(account_for(server), server.password)
    tab.to_edit.setText("chen@example.com")
    tab.subject_edit.setText("不追蹤")
    options = OptionSet()
    options.set_number("LinkOption", 64)
    tab.session.set_message_options(options)
    assert tab.save_eml_to(tmp_path / "saved.eml")
    tab.session.set_message_options(OptionSet())  # back to the account's defaults
    assert tab.open_eml_from(tmp_path / "saved.eml")
    assert "X-LinkOption: 64" in tab.result_label.text()
    send(tab, qloop, server)
    assert x_headers(server).get("X-LinkOption") == "64"


def test_a_restored_draft_keeps_its_options_and_options_alone_autosave(
        tab, qtbot, qloop, smtp_server, store: DraftStore) -> None:  # noqa: F811
    tab._autosave.setInterval(50)
    tab.to_edit.setText("chen@example.com")
    tab.subject_edit.setText("KILLTEST")
    qtbot.waitUntil(store.exists, timeout=2000)
    saved_at = store.path().stat().st_mtime_ns
    options = OptionSet()
    options.set_number("LinkOption", 64)
    options.set_value("JobName", "KILLTEST")
    tab.session.set_message_options(options)  # only the options change
    qtbot.waitUntil(lambda: store.path().stat().st_mtime_ns != saved_at and json.loads(
        store.path().read_text("utf-8"))["options"]["values"] == {"JobName": "KILLTEST"},
        timeout=2000)
    session = Session(store.folder.parent, sent_log=None)
    again = ComposeTab(session, store)
    qtbot.addWidget(again)
    assert again.restore()
    assert session.message_options == options
    server = smtp_server(tls="implicit")
    send(again, qloop, server)
    headers = x_headers(server)
    assert headers["X-LinkOption"] == "64" and headers["X-JobName"] == "KILLTEST"


def test_a_restored_draft_with_a_bad_option_keeps_the_rest(
        tab, qtbot, store: DraftStore) -> None:  # noqa: F811 (fixtures)
    tab.subject_edit.setText("草稿")
    tab.save_now()
    data = json.loads(store.path().read_text("utf-8"))
    data["options"] = {"numbers": {"LinkOption": 64, "ListOption": -1},
                       "values": {"JobName": "月報"}}
    store.path().write_text(json.dumps(data), "utf-8")
    session = Session(store.folder.parent, sent_log=None)
    again = ComposeTab(session, store)
    qtbot.addWidget(again)
    assert again.restore()  # not set aside as damaged for one option
    assert again.subject_edit.text() == "草稿"
    assert session.message_options.numbers == {"LinkOption": 64}
    assert session.message_options.values == {"JobName": "月報"}
    said = again.body_error.text() or again.result_label.text()
    assert "X-ListOption: -1 was left out" in said and "X-JobName: 月報" in said
