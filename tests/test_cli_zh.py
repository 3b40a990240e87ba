"""A 繁中 run of the CLI says everything in 繁中 (QA finding 8): our usage errors, argparse's
own messages, the mailing's per-recipient states and reasons (the journal keeps codes: the
output and the export word them in the language of the run)."""

from __future__ import annotations

import csv
import json

import pytest

from tests.conftest import run_cli
from tests.helpers.zh_text import english_words
from tests.test_cli_mailing import mailing, people, write_list  # noqa: F401 (fixture)

COMMANDS = {"omidesk", "probe", "send", "mailing", "options", "decode", "encode", "list",
            "sandbox", "domain", "check", "nosuchcommand"}
PROBE = ["probe", "--host", "127.0.0.1", "--backup-host", ""]


@pytest.mark.parametrize(("args", "env", "words"), [
    ([*PROBE, "--user", "u"], {}, "參數 --user：需要密碼"),
    ([*PROBE, "--user", "u", "--password-env", "NOPE_PW"], {}, "環境變數 NOPE_PW 未設定"),
    ([*PROBE, "--user", "u", "--password-env", "E_PW"], {"E_PW": ""}, "環境變數 E_PW 是空的"),
    ([*PROBE, "--user", "u", "--password-stdin"], {}, "標準輸入讀到的密碼是空的"),
    ([*PROBE, "--port", "abc"], {}, "參數 --port：不是有效的整數：'abc'"),
    ([*PROBE, "--timeout", "soon"], {}, "參數 --timeout：不是有效的數字"),
    ([*PROBE, "--timeout", "nan"], {}, "參數 --timeout：必須是"),
    ([*PROBE, "--user", "u", "--lang", "zh_TW"], {}, "參數 --user：需要密碼"),  # after it too
    ([*PROBE, "--security", "tls9"], {}, "參數 --security：無效的選項：'tls9'（可用："),
    ([*PROBE, "--bogus"], {}, "無法辨識的參數：--bogus"),
    (["mailing", "--subject", "s"], {}, "缺少必要的參數："),
    (["send", "--from", "a@example.com", "--to", "b@example.com", "--subject", "s",
      "--option", "LinkOption=abc", "--dry-run", "--out", "x.eml"], {}, "參數 --option："),
    (["send", "--from", "a@example.com", "--to", "b@example.com", "--subject", "s",
      "--header", "nothing"], {}, "格式應為 NAME=VALUE"),
    (["options", "decode", "LinkOption", "twelve"], {}, "參數 VALUE：不是整數"),
    (["nosuchcommand"], {}, "既不是指令"),
])
@pytest.mark.parametrize("how", ["--lang", "env"])  # --lang before the command: argparse's
# errors come before it has read --lang
def test_usage_errors_in_chinese(args, env, words, how):
    if how == "--lang":
        result = run_cli("--lang", "zh_TW", *args, env=env)
    else:
        result = run_cli(*args, env={**env, "OMIDESK_LANG": "zh_TW"})
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert words in err and ": 錯誤：" in err, err
    assert english_words(err, allow=COMMANDS) == [], err
    assert "Traceback" not in err


def test_the_same_errors_stay_english_in_english():
    result = run_cli(*PROBE, "--port", "abc")
    assert result.returncode == 2
    assert "argument --port: invalid int value: 'abc'" in result.stderr.decode()
    assert "error:" in result.stderr.decode()


def test_a_mailing_in_chinese_words_states_and_reasons_and_exports_them(smtp_server, tmp_path,
                                                                         mailing):  # noqa: F811
    """The connection drops after the data: "unknown" and its reason in 繁中 on the progress
    lines and in --export; the journal keeps the code; English in an English run."""
    rows = write_list(tmp_path / "list.csv", people(2))
    dropping = smtp_server(tls="none", drop_during_data=True)
    export = tmp_path / "結果.csv"
    result = mailing(dropping, rows, "--lang", "zh_TW", "--export", str(export))
    out = result.stdout.decode()
    assert result.returncode == 1
    progress = [line for line in out.splitlines() if line.startswith("[")]
    assert len(progress) == 2 and all("不確定" in line for line in progress), out
    assert all("伺服器可能已收下" in line for line in progress)
    assert "connection lost" not in out and " unknown " not in out
    with export.open(encoding="utf-8-sig") as handle:
        table = list(csv.DictReader(handle))
    assert {row["reason"] for row in table} == {
        "郵件內容發送後、伺服器回覆前連線中斷；伺服器可能已收下（connection_lost）"}
    english = mailing(dropping, rows, "--json")
    data = json.loads(english.stdout.decode())
    assert {r["reason_code"] for r in data["recipients"]} == {"lost_after_data:connection_lost"}
    assert all(r["reason"].startswith("connection lost after the message data went out")
               for r in data["recipients"])


def test_a_probe_in_chinese_has_no_english_but_the_protocol(smtp_server):
    """`omidesk probe --lang zh_TW`: the transcript's notes, the table, the diagnosis and the
    TLS facts in 繁中; the `<<` / `>>` lines (the server's words) stay as they are."""
    from tests.test_cli_smtp import conn

    server = smtp_server(tls="implicit")
    result = run_cli("--lang", "zh_TW", "probe", *conn(server, "ssl"), "--backup-host", "",
                     env={"OMI_PW": server.password})
    out = result.stdout.decode()
    assert result.returncode == 0, out + result.stderr.decode()
    ours = "\n".join(line for line in out.splitlines()
                     if " << " not in line and " >> " not in line
                     and "憑證主體" not in line and "憑證簽發者" not in line)  # values
    assert "已連線到" in ours and "驗證通過" in ours
    words = english_words(ours, allow={"ms", "ssl", "SSL", "cipher"} | COMMANDS)
    assert words == [], (words, ours)
    assert "。 " not in ours  # no space after a Chinese full stop
