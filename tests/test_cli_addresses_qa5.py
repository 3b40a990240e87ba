"""Two entries typed or pasted without a comma between them (QA round 5, finding 11):
`王小明 <a@qa5.tw> 李大華 <b@qa5.tw>` went to b@qa5.tw only, with a@qa5.tw folded into its display
name. `omidesk send` as a subprocess against a real SMTP server that counts messages per
recipient: now refused before anything is sent, naming both addresses, in English and 繁中; with
the comma, both get it. A pasted list splits such entries into their rows."""

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
