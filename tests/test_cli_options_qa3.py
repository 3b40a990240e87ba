"""`omidesk send --option/--header` (QA round 3, findings 2 and 3): what the manual does not
define, what contradicts itself, a schedule that cannot work, one header from two places or
with two values, a blank value — each refused with exit 2 naming the flag and the option, in
繁中 and English, and nothing reaches the server (counted there) or the --dry-run file."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from omidesk.core.options import RELAY_TZ, format_relay_time
from tests.conftest import run_cli

SOON = datetime.now(RELAY_TZ) + timedelta(days=2)


def conn(server) -> list[str]:
    return ["--host", "127.0.0.1", "--port", str(server.port), "--security", "ssl",
            "--cafile", str(server.cafile), "--user", server.user, "--password-env", "OMI_PW",
            "--timeout", "2", "--backup-host", ""]


def send(server, *extra: str, lang: str = "en"):
    return run_cli("--lang", lang, "send", *conn(server), "--from", "me@example.com", "--to",
                   "you@example.com", "--subject", "t", "--quiet", *extra,
                   env={"OMI_PW": server.password})


REFUSED = [
    # finding 2: undefined values and bits, contradictions, the schedule
    (["--option", "X-SendOption=5"], "--option", ["X-SendOption", "cSDSendListMask",
                                                  "4 cSDSendBothList"]),
    (["--option", "LinkOption=4096000000"], "--option", ["X-LinkOption", "4096000000",
                                                         "16384"]),
    (["--option", "X-JobOption=4096"], "--option", ["X-JobOption", "4096"]),
    (["--option", "X-ListOption=cLTSampleListOnly,cLTSampleAndSendAll"], "--option",
     ["cLTSampleListOnly", "cLTSampleAndSendAll"]),
    (["--option", f"X-NextLaunchTime={format_relay_time(SOON)}",
      "--option", f"X-LaunchExpireTime={format_relay_time(SOON - timedelta(days=1))}"],
     "--option", ["X-LaunchExpireTime", "X-NextLaunchTime"]),
    (["--option", "X-NextLaunchTime=2020-01-01 00:00:00"], "--option",
     ["X-NextLaunchTime", "2020-01-01 00:00:00"]),
    (["--header", "X-SendOption=5"], "--header", ["X-SendOption", "cSDSendListMask"]),
    # finding 3: one header, one source, one value; no blank value
    (["--option", "LinkOption=192", "--option", "LinkOption=64"], "--option",
     ["LinkOption", "192", "64"]),
    (["--header", "X-LinkOption=64", "--option", "LinkOption=128"], "--header",
     ["X-LinkOption", "--option", "--header"]),
    (["--option", "X-JobName= "], "--option", ["X-JobName"]),
    (["--option", "JobName="], "--option", ["JobName"]),
]


@pytest.mark.parametrize(("extra", "flag", "named"), REFUSED)
def test_refused_with_exit_2_and_nothing_reaches_the_server(smtp_server, extra, flag, named):
    server = smtp_server(tls="implicit")
    for lang, word in (("en", "argument"), ("zh_TW", "參數")):
        result = send(server, *extra, lang=lang)
        err = result.stderr.decode()
        assert result.returncode == 2, err
        assert f"{word} {flag}" in err and all(n in err for n in named), err
        assert err.count("\n") == 1
    assert "不是手冊定義的值" in err or "矛盾" in err or "台灣時間" in err or "兩次" in err \
        or "同時" in err or "空白" in err
    assert server.connections == 0 and server.messages == []


def test_dry_run_writes_nothing_for_a_refused_option(tmp_path):
    out = tmp_path / "o.eml"
    result = run_cli("send", "--dry-run", "--out", str(out), "--from", "me@example.com", "--to",
                     "you@example.com", "--subject", "t", "--option", "X-SendOption=5")
    assert result.returncode == 2 and not out.exists()


def test_what_the_manual_defines_goes_out_once(smtp_server):
    server = smtp_server(tls="implicit")
    result = send(server, "--option", "LinkOption=192", "--option",
                  "X-LinkOption=cLKNotTrackOpenMask,cLKNotTrackAllLinkMask",  # the same: fine
                  "--option", "SendOption=cSDSendBothList", "--header", "X-JobName=月報",
                  "--option", f"X-NextLaunchTime={format_relay_time(SOON)}",
                  "--option", f"X-LaunchExpireTime={format_relay_time(SOON + timedelta(1))}")
    assert result.returncode == 0, result.stderr
    (message,) = server.messages
    assert message.data.count(b"X-LinkOption: 192") == 1
    assert b"X-SendOption: 4" in message.data and b"X-JobName: =?utf-8?" in message.data
    assert f"X-NextLaunchTime: {format_relay_time(SOON)}".encode() in message.data


def test_decode_says_what_the_tab_says():
    """One decoder: SendOption 5 is a value outside the choices, not two unknown bits."""
    from omidesk.core.options import decode, readings

    (reading,) = readings(decode("SendOption", 5))
    for lang in ("en", "zh_TW"):
        result = run_cli("--lang", lang, "options", "decode", "SendOption", "5")
        out = result.stdout.decode()
        assert result.returncode == 0 and reading.text.get(lang) in out
        assert "unknown bit" not in out and out.count("\n") == 2
