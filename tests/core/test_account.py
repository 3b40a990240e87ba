"""Profiles read back from a damaged settings file, and the connection values checked at the
boundary (host, EHLO name, CA file) before any of them reaches a socket or an SMTP command."""

from __future__ import annotations

import json

import pytest

from omidesk.core.account import Account, check_cafile, check_ehlo_name, check_host
from omidesk.core.errors import ValidationError
from omidesk.core.smtp import Security


def test_a_damaged_field_is_reset_and_named_the_rest_kept():
    saved = Account(name="公司帳號", host="smtp.example.com", port=587,
                    security=Security.STARTTLS, user="omi", sender="me@example.com").to_dict()
    damaged = json.loads(json.dumps(saved).replace('"port": 587', '"port": 1e999'))
    assert damaged["port"] == float("inf")
    reset: list[str] = []
    account = Account.from_dict(damaged, reset=reset)
    assert reset == ["port"]
    assert account.port == 587  # STARTTLS's own default, not a crash on every start
    assert (account.name, account.host, account.user, account.id) == (
        "公司帳號", "smtp.example.com", "omi", saved["id"])


@pytest.mark.parametrize("field,value", [
    ("port", "abc"), ("port", 70000), ("port", 25.5), ("port", True), ("security", "tls?"),
    ("name", 5), ("remember_password", "yes"), ("options", ["x"]),
    ("options", {"numbers": {"LinkOption": "abc"}}), ("id", ""),
    ("plaintext_login_confirmed", 1), ("plaintext_login_confirmed", "true"),
])
def test_each_kind_of_damage_is_reset(field, value):
    reset: list[str] = []
    account = Account.from_dict({**Account(name="x").to_dict(), field: value}, reset=reset)
    assert reset == [field]
    assert getattr(account, field) == getattr(Account(), field) or field == "id"
    again: list[str] = []
    assert Account.from_dict(account.to_dict(), reset=again) == account and again == []


def test_a_numeric_string_port_is_still_read():
    assert Account.from_dict({"port": "2525"}).port == 2525


def test_hosts_ehlo_names_and_their_messages():
    assert check_host(" smtp.itpison.com ") == "smtp.itpison.com"
    assert check_host("127.0.0.1") == "127.0.0.1" and check_host("::1") == "::1"
    with pytest.raises(ValidationError) as err:
        check_host("smtp.itpison.com\r\nRSET", "backup_host")
    assert err.value.code == "header_line_break" and err.value.field == "backup_host"
    assert check_ehlo_name("mail.example.com") == "mail.example.com"
    assert check_ehlo_name("[192.0.2.10]") == "[192.0.2.10]"
    assert check_ehlo_name("[IPv6:2001:db8::1]") == "[IPv6:2001:db8::1]"
    for bad in ("a.example\r\nMAIL FROM:<x@y>", "a\x00b", "tab\there"):
        with pytest.raises(ValidationError) as err:
            check_ehlo_name(bad)
        assert err.value.field == "ehlo" and err.value.code in ("header_line_break",
                                                                 "invalid_characters",
                                                                 "invalid_ehlo")
    for bad in ("192.0.2.10", "[not an ip]", "under_score.example", "", "-bad.example"):
        with pytest.raises(ValidationError) as err:
            check_ehlo_name(bad)
        assert err.value.code == "invalid_ehlo"
        assert "[192.0.2.10]" in err.value.text.en and "方括號" in err.value.text.zh


def test_a_ca_file_that_is_not_pem_says_so(tmp_path, certs):
    assert check_cafile(certs.cafile) == certs.cafile
    der = tmp_path / "ca.der"
    der.write_bytes(b"0\x82\x01\x0a" + b"\x00" * 200)
    for bad in (der, tmp_path / "empty.pem"):
        bad.touch()
        with pytest.raises(ValidationError) as err:
            check_cafile(bad)
        assert err.value.code == "cafile_not_pem" and "PEM" in err.value.text.en
        assert "TLS" not in err.value.text.en.split("(")[0]  # not a TLS mode mix-up
    with pytest.raises(ValidationError) as err:
        check_cafile(tmp_path)
    assert err.value.code == "cafile_unreadable" and "folder" in err.value.text.en


def test_a_saved_one_time_schedule_is_not_read_back_as_a_default():
    """QA5 #17: X-NextLaunchTime, X-LaunchExpireTime and X-RefNumber name one job; a profile
    saved with them as defaults loads with the rest of its EmailOptions only."""
    saved = Account(name="x").to_dict()
    saved["options"] = {"numbers": {"ListOption": 1}, "values": {
        "JobName": "月報", "RefNumber": "CAMPAIGN-41", "NextLaunchTime": "2020-01-01 09:00:00",
        "LaunchExpireTime": "2020-01-02 09:00:00"}}
    reset: list[str] = []
    account = Account.from_dict(json.loads(json.dumps(saved)), reset=reset)
    assert account.options.values == {"JobName": "月報"} and reset == []
    assert account.options.numbers == {"ListOption": 1}
    lasting, once = account.options.split_one_time()
    assert lasting == account.options and not once.values
