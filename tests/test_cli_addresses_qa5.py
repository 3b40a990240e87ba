"""Two entries typed or pasted without a comma between them (QA round 5, finding 11):
`王小明 <a@qa5.tw> 李大華 <b@qa5.tw>` went to b@qa5.tw only, with a@qa5.tw folded into its display
name. `omidesk send` as a subprocess against a real SMTP server that counts messages per
recipient: now refused before anything is sent, naming both addresses, in English and 繁中; with
the comma, both get it. A pasted list splits such entries into their rows. And (finding 12)
one person in two cases is one RCPT, full-width letters are read, as a mailing's list does."""

from __future__ import annotations

from collections import Counter

import pytest

from omidesk.core.recipients import parse_pasted
from tests.conftest import run_cli
from tests.test_cli_smtp import conn

TWO = "王小明 <a@qa5.tw> 李大華 <b@qa5.tw>"


def send(server, to: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    return run_cli("--lang", lang, "send", *conn(server, "ssl"), "--backup-host", "",
                   "--from", "me@qa5.tw", "--to", to, "--subject", "two",
                   env={"OMI_PW": server.password})


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
@pytest.mark.parametrize("to", [TWO, "Wang Ming <a@qa5.tw> Lee <b@qa5.tw>",
                                "<a@qa5.tw> <b@qa5.tw>", "a@qa5.tw <b@qa5.tw>"])
def test_two_entries_without_a_comma_are_refused_before_sending(smtp_server, to, lang):
    server = smtp_server(tls="implicit")
    result = send(server, to, lang)
    err = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in err, err
    assert not server.messages and not server.auth_attempts  # nothing sent, no login even
    if lang == "en":
        assert f"To: “{to}” holds two addresses without a comma between them (a@qa5.tw and " \
               "b@qa5.tw): separate them with a comma." in err, err
    else:
        assert f"收件者：「{to}」含有兩個地址，中間沒有逗號（a@qa5.tw 與 b@qa5.tw）：" \
            "請用逗號分開。" in err, err


def test_with_the_comma_both_get_it_and_a_name_that_is_the_address_still_goes(smtp_server):
    server = smtp_server(tls="implicit")
    result = send(server, "王小明 <a@qa5.tw>, 李大華 <b@qa5.tw>")
    assert result.returncode == 0, result.stderr.decode()
    assert Counter(r for m in server.messages for r in m.rcpt_tos) == {"a@qa5.tw": 1,
                                                                      "b@qa5.tw": 1}
    result = send(server, "a@qa5.tw <a@qa5.tw>")  # some programs write the address as name
    assert result.returncode == 0, result.stderr.decode()
    assert server.messages[-1].rcpt_tos == ["a@qa5.tw"]


def test_a_pasted_line_without_commas_is_one_row_each():
    listed = parse_pasted(f"{TWO}\n\"Chen, Da\" <c@qa5.tw> <d@qa5.tw>")
    assert [(row.values["name"], row.address, row.status) for row in listed.rows] == [
        ("王小明", "a@qa5.tw", "ok"), ("李大華", "b@qa5.tw", "ok"),
        ("Chen, Da", "c@qa5.tw", "ok"), ("", "d@qa5.tw", "ok")]


def test_one_person_in_two_cases_is_one_rcpt_and_full_width_is_read(smtp_server):
    """QA5 #12: A@qa5.tw and a@qa5.tw were two RCPT TO (a mailing's list calls them one
    person); ｌｉ＠ｑａ５．ｔｗ (a 繁中 input method's) was refused though a list reads it."""
    server = smtp_server(tls="implicit")
    result = run_cli("send", *conn(server, "ssl"), "--backup-host", "", "--from", "me@qa5.tw",
                     "--to", "a@qa5.tw, ｌｉ＠ｑａ５．ｔｗ", "--cc", "A@QA5.TW",
                     "--bcc", "A@qa5.tw",
                     "--subject", "dup", env={"OMI_PW": server.password})
    assert result.returncode == 0, result.stderr.decode()
    assert [m.rcpt_tos for m in server.messages] == [["a@qa5.tw", "li@qa5.tw"]]
    listed = parse_pasted("a@qa5.tw\nA@QA5.TW\nｌｉ＠ｑａ５．ｔｗ")
    assert [(r.address, r.status) for r in listed.rows] == [
        ("a@qa5.tw", "ok"), ("A@qa5.tw", "duplicate"), ("li@qa5.tw", "ok")]
