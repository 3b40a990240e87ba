"""The mailing preflight (core.mailing.preflight), shared by the Mailing tab and `omidesk
mailing`: every refusal before anything is sent, with its code and field; the maker it
returns builds the real messages. Real CSV bytes, real files for the attachments."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.mailing import SendMode, check_message, preflight
from omidesk.core.message import Attachment, Draft
from omidesk.core.recipients import load_csv
from tests.conftest import run_cli

LIST = load_csv("姓名,Email\n王小明,wang@example.com\n李小華,li@example.com\n".encode())
DRAFT = Draft(from_addr="me@example.com", subject="{{姓名}} 您好", text="親愛的 {{姓名}}：")
PLAIN = replace(DRAFT, subject="十一月報價", text="您好")


def refusal(draft: Draft, recipients=LIST, mode=SendMode.INDIVIDUAL, **kw) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        preflight(draft, recipients, mode, **kw)
    return raised.value


def test_an_individual_mailing_passes_and_its_maker_personalises():
    make = preflight(DRAFT, LIST, SendMode.INDIVIDUAL)
    first = make(LIST.ok_rows()[0])  # type: ignore[arg-type]
    assert first.rcpt_to == ("wang@example.com",)
    assert "王小明" in first.message["Subject"]


def test_a_launch_passes_without_fields_and_its_maker_takes_the_batch():
    make = preflight(PLAIN, LIST, SendMode.ONE_LAUNCH)
    launch = make(LIST.ok_rows())  # type: ignore[arg-type]
    assert launch.rcpt_to == ("wang@example.com", "li@example.com")


def test_each_problem_has_its_code_and_field(tmp_path):
    unknown = refusal(replace(DRAFT, subject="{{公司}} 您好"))
    assert (unknown.code, unknown.field) == ("unknown_field", "body")
    assert "{{公司}}" in unknown.message("en") and "{{公司}}" in unknown.message("zh_TW")

    launch = refusal(DRAFT, mode=SendMode.ONE_LAUNCH)
    assert (launch.code, launch.field) == ("merge_in_launch", "mode")

    nobody = refusal(DRAFT, load_csv("姓名,Email\n王小明,not-an-address\n".encode()))
    assert (nobody.code, nobody.field) == ("no_recipients", "recipients")
    assert "Email" in nobody.message("en") and "名單" in nobody.message("zh_TW")

    missing = refusal(replace(DRAFT, attachments=[Attachment(tmp_path / "報價.pdf")]))
    assert missing.field == "attachments" and "報價.pdf" in missing.message("en")

    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(300_000))
    large = refusal(replace(DRAFT, attachments=[Attachment(big)]), max_bytes=200_000)
    assert large.code == "too_large"
    # the same draft under the default limit passes: the limit is the caller's
    preflight(replace(DRAFT, attachments=[Attachment(big)]), LIST, SendMode.INDIVIDUAL)


def test_the_order_a_person_fixes_things_in():
    """A draft with an unknown field, sent as a launch to a list nobody can be sent to: the
    field is named first (it is what the tab shows under the message as you type)."""
    bad_list = load_csv("姓名,Email\n王小明,nope\n".encode())
    first = refusal(replace(DRAFT, subject="{{公司}}"), bad_list, SendMode.ONE_LAUNCH)
    assert first.code == "unknown_field"
    assert refusal(DRAFT, bad_list, SendMode.ONE_LAUNCH).code == "merge_in_launch"
    assert refusal(PLAIN, bad_list, SendMode.ONE_LAUNCH).code == "no_recipients"


def test_check_message_without_a_list_checks_only_the_mode():
    check_message(replace(DRAFT, subject="{{公司}}"), None, SendMode.INDIVIDUAL)  # no list yet
    with pytest.raises(ValidationError):
        check_message(DRAFT, None, SendMode.ONE_LAUNCH)
    with pytest.raises(ValidationError):
        check_message(replace(DRAFT, subject="{{公司}}"), LIST.columns, SendMode.INDIVIDUAL)


def test_omidesk_mailing_refuses_a_missing_attachment_before_any_journal(tmp_path):
    """The CLI runs the same preflight: nothing is written, the flag is named, exit 1."""
    csv = tmp_path / "list.csv"
    csv.write_text("姓名,Email\n王小明,wang@example.com\n", encoding="utf-8")
    body = tmp_path / "body.txt"
    body.write_text("{{姓名}} 您好", encoding="utf-8")
    journal = tmp_path / "j.sqlite"
    result = run_cli("mailing", "--csv", str(csv), "--journal", str(journal), "--subject", "s",
                     "--text-file", str(body), "--from", "me@example.com", "--host",
                     "127.0.0.1", "--port", "9", "--security", "none",
                     "--attach", str(tmp_path / "報價.pdf"),
                     "--sent-log", str(tmp_path / "log.sqlite"))
    err = result.stderr.decode()
    assert result.returncode == 1 and "--attach:" in err and "報價.pdf" in err, err
    assert not journal.exists() and not (tmp_path / "log.sqlite").exists()


def test_merge_fields_in_emailoptions_or_headers_are_refused():
    """QA3 #28: `{{姓名}}` in X-JobName and `{{Email}}` in X-RefNumber went to the relay as
    written, unwarned. EmailOptions are not merged: refused, naming the header and field."""
    from omidesk.core.options import OptionSet

    options = OptionSet()
    options.set_header("X-JobName", "{{姓名}} 月報")
    error = refusal(replace(DRAFT, options=options))
    assert (error.code, error.field) == ("merge_in_options", "options")
    assert "X-JobName contains the merge field {{姓名}}" in error.message("en")
    assert "not merged" in error.message("en")
    assert "X-JobName 含有合併欄位 {{姓名}}" in error.message("zh_TW")
    assert "轉發伺服器" in error.message("zh_TW")
    ref = OptionSet()
    ref.set_header("X-RefNumber", "R-{{Email}}")
    assert "X-RefNumber contains the merge field {{Email}}" in \
        refusal(replace(PLAIN, options=ref), mode=SendMode.ONE_LAUNCH).message("en")
    header = refusal(replace(DRAFT, extra_headers=[("X-Campaign", "{{公司}}")]))
    assert header.code == "merge_in_options" and "X-Campaign" in header.message("en")
    with pytest.raises(ValidationError):  # the Mailing tab's check as the user edits, too
        check_message(replace(DRAFT, options=options), None, SendMode.INDIVIDUAL)
    fine = OptionSet()
    fine.set_header("X-JobName", "十二月月報")
    preflight(replace(DRAFT, options=fine), LIST, SendMode.INDIVIDUAL)  # no field: passes


def test_omidesk_mailing_refuses_merge_fields_in_options_before_connecting(smtp_server,
                                                                           tmp_path):
    server = smtp_server(tls="none")
    csv = tmp_path / "list.csv"
    csv.write_text("姓名,Email\n王小明,wang@example.com\n", encoding="utf-8")
    body = tmp_path / "body.txt"
    body.write_text("{{姓名}} 您好", encoding="utf-8")
    journal = tmp_path / "j.sqlite"
    for lang, said in (("en", "X-JobName contains the merge field {{姓名}}"),
                       ("zh_TW", "X-JobName 含有合併欄位 {{姓名}}")):
        result = run_cli("--lang", lang, "mailing", "--csv", str(csv), "--journal",
                         str(journal), "--subject", "{{姓名}}", "--text-file", str(body),
                         "--from", "me@example.com", "--host", "127.0.0.1", "--backup-host", "",
                         "--port", str(server.port), "--security", "none",
                         "--option", "X-JobName={{姓名}} 月報", "--option",
                         "X-RefNumber=R-{{Email}}", "--sent-log", str(tmp_path / "log.sqlite"))
        err = result.stderr.decode()
        assert result.returncode != 0 and "--option:" in err and said in err, err
    assert server.connections == 0 and not server.messages
    assert not journal.exists() and not (tmp_path / "log.sqlite").exists()
