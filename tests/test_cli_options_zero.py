"""What a 0 does (QA round 3, finding 10): the manual names 0 as a choice only in SendOption
(cSDSendMainListOnly, "e-mail only"), so `--option SendOption=0` reaches the relay as
`X-SendOption: 0`, while a 0 elsewhere adds no header and the relay applies the account's own
setting (EmailUserLaunchSettingInfo, manual §7.1) — as `options list/decode` say, in 繁中 and
English; and an unknown option name gets the command line's own hint (the core error has none)."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli
from tests.test_cli_options_qa3 import send


def test_an_explicit_e_mail_only_reaches_the_relay_and_a_zero_flag_group_does_not(
        smtp_server):
    server = smtp_server(tls="implicit")
    result = send(server, "--option", "SendOption=0", "--option", "LinkOption=0")
    assert result.returncode == 0, result.stderr
    (message,) = server.messages
    head = message.data.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nX-SendOption: 0\r\n" in head + b"\r\n"
    assert b"X-LinkOption" not in head
    note = result.stderr.decode()  # said, not dropped silently
    assert "Note: 0 (nothing set) adds no X-LinkOption header: the relay applies" in note
    assert "X-SendOption" not in note
    result = send(server, "--option", "SendOption=cSDSendMainListOnly")
    assert result.returncode == 0 and b"X-SendOption: 0" in server.messages[1].data
    result = send(server)  # nothing chosen: no header, the account's setting applies
    assert result.returncode == 0 and b"X-SendOption" not in server.messages[2].data


@pytest.mark.parametrize(("lang", "flags", "choice"), [
    ("en", "0 (nothing set) adds no X-LinkOption header: the relay applies your OMICard "
           "account's own setting (EmailUserLaunchSettingInfo, manual §7.1), which may not be 0.",
     "0 (cSDSendMainListOnly, E-mail only) is sent as “X-SendOption: 0” when it is chosen"),
    ("zh_TW", "0（未設定任何選項）不會加入 X-LinkOption 檔頭："
              "轉發伺服器會套用您 OMICard 帳號本身的設定",
     "0（cSDSendMainListOnly，只發送郵件）在選取時會以「X-SendOption: 0」發送"),
])
def test_list_and_decode_say_what_a_zero_does(lang, flags, choice):
    decoded = run_cli("--lang", lang, "options", "decode", "LinkOption", "0").stdout.decode()
    assert flags in decoded
    decoded = run_cli("--lang", lang, "options", "decode", "SendOption", "0").stdout.decode()
    assert "cSDSendMainListOnly" in decoded and choice in decoded
    listed = run_cli("--lang", lang, "options", "list").stdout.decode()
    assert flags in listed and choice in listed
    assert listed.count("EmailUserLaunchSettingInfo") == 5  # once per header group
    assert "EmailUserLaunchSettingInfo" not in run_cli(
        "--lang", lang, "options", "decode", "LinkOption", "64").stdout.decode()


@pytest.mark.parametrize(("lang", "hint"), [
    ("en", "“cLKNotTrackOpenMask” is not an option of LaunchOption. See: omidesk options list "
           "--group LaunchOption"),
    ("zh_TW", "「cLKNotTrackOpenMask」不是 LaunchOption 的選項。請執行 omidesk options list "
              "--group LaunchOption 查看。"),
])
def test_an_unknown_name_gets_the_command_lines_hint(lang, hint):
    for args in (("options", "encode", "LaunchOption", "cLKNotTrackOpenMask"),
                 ("send", "--dry-run", "--from", "a@b.tw", "--to", "c@d.tw", "--subject", "t",
                  "--option", "LaunchOption=cLKNotTrackOpenMask")):
        result = run_cli("--lang", lang, *args)
        assert result.returncode == 2 and hint in result.stderr.decode(), result.stderr
