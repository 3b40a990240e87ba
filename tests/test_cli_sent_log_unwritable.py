"""A data folder that cannot take the sent log (QA round 4, finding 4): a real read-only
tmpfs (root ignores file modes) and a real full one as XDG_DATA_HOME. `omidesk send` says it
once, at the top, in the language of the output — no raw log line, no "[Errno 30]" — sends
all the same (counted at the server), and its last words say truthfully that the message is
not in the sent log and to keep its Message-ID, never that the sent log keeps it."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli
from tests.test_cli_mailing import mailing_command, people, received, write_list

NOTE = {"en": "Note: The sent log “", "zh_TW": "注意：無法寫入寄件記錄「"}
REASON = {"en": "the disk is read-only", "zh_TW": "磁碟是唯讀的"}
NOT_IN_LOG = {"en": "This message is not in the sent log (it could not be written there): "
                    "keep its Message-ID, shown above",
              "zh_TW": "這封郵件不在寄件記錄中（無法寫入寄件記錄）：請自行保留上方的 Message-ID"}


def _send(server, data_home, lang: str, tmp_path):  # type: ignore[no-untyped-def]
    body = tmp_path / "body.txt"
    body.write_text("您好", encoding="utf-8")
    return run_cli("--lang", lang, "send", "--host", "127.0.0.1", "--backup-host", "",
                   "--port", str(server.port), "--security", "none", "--from",
                   "wang@example.com", "--to", "li@example.com", "--subject", "報價",
                   "--text-file", str(body), env={"XDG_DATA_HOME": str(data_home)})


def _said_once(err: str, lang: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, lines  # one line, and no log record beside it
    assert lines[0].startswith(NOTE[lang]), lines
    assert "Errno" not in err and "cannot open the sent log" not in err
    return lines[0]


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_a_read_only_data_folder_is_said_once_and_the_end_is_true(smtp_server,
                                                                  unwritable_dir, tmp_path,
                                                                  lang):
    server = smtp_server(tls="none")
    result = _send(server, unwritable_dir, lang, tmp_path)
    out, err = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 0, err
    note = _said_once(err, lang)
    assert REASON[lang] in note and str(unwritable_dir) in note
    assert [m.rcpt_tos for m in server.messages] == [["li@example.com"]]
    assert "Message-ID: <" in out
    assert NOT_IN_LOG[lang] in out.splitlines()[-1]
    assert "sent log keeps" not in out and "寄件記錄保存了" not in out


def test_a_full_data_folder_is_said_once_with_the_free_space(smtp_server, small_disk,
                                                              tmp_path):
    small_disk.fill()
    server = smtp_server(tls="none")
    result = _send(server, small_disk.path, "en", tmp_path)
    out, err = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 0, err
    assert "free on the disk" in _said_once(err, "en")
    assert len(server.messages) == 1
    assert NOT_IN_LOG["en"] in out and "sent log keeps" not in out


def test_a_mailing_says_it_once_and_sends_everyone(smtp_server, unwritable_dir, tmp_path):
    server = smtp_server(tls="none")
    csv = write_list(tmp_path / "list.csv", people(3))
    args = mailing_command(server, tmp_path, csv, tmp_path / "j.sqlite")[3:]
    log_flag = args.index("--sent-log")
    del args[log_flag:log_flag + 2]  # the default sent log, in the read-only data folder
    result = run_cli(*args, env={"XDG_DATA_HOME": str(unwritable_dir),
                                 "T_PW": server.password})
    err = result.stderr.decode()
    assert result.returncode == 0, err
    told = "\n".join(line for line in err.splitlines()
                     if not line.startswith("The password was sent unencrypted"))
    assert REASON["en"] in _said_once(told, "en")
    assert received(server) == {address: 1 for _, address in people(3)}
