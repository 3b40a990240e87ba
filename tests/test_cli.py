"""The CLI as a user runs it: a subprocess, its exit code, its output."""

from __future__ import annotations

import os
import shutil
import sys
from email import policy
from email.parser import BytesParser
from pathlib import Path

from tests.conftest import REPO, run_cli


def test_encode_prints_the_header_line():
    result = run_cli("options", "encode", "LinkOption", "cLKNotTrackOpenMask",
                     "cLKNotTrackAllLinkMask")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "X-LinkOption: 192\n"
    assert run_cli("options", "encode", "X-ListOption", "cLTBypassAllListProcessFilter").stdout \
        == b"X-ListOption: 65536\n"


def test_decode_one_flag_a_line_with_unknown_bits():
    result = run_cli("--lang", "zh_TW", "options", "decode", "JobOption", str(2 | 4096))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "X-JobOption: 4098"
    assert "cJBActiveContentMask" in lines[1]
    assert "4096" in lines[2] and "手冊未列出" in lines[2]
    assert len(lines) == 3


def test_list_one_group():
    result = run_cli("options", "list", "--group", "X-SendOption")
    out = result.stdout.decode()
    assert result.returncode == 0 and "cSDSendListMask" in out and "cSDSendBothList" in out
    assert "cLKNotTrackOpenMask" not in out


def test_bad_arguments_exit_2_with_one_line_naming_the_argument():
    cases = [
        (("options", "encode", "LinkOption", "cNoSuchThing"), "NAME"),
        (("options", "decode", "NoGroup", "1"), "GROUP"),
        (("options", "decode", "LinkOption", "abc"), "VALUE"),
        (("send", "--dry-run", "--from", "a@example.com", "--to", "b@example.com",
          "--option", "LinkOption"), "--option"),
        (("send", "--dry-run", "--to", "b@example.com"), "--from"),
        (("send", "--dry-run", "--from", "a@example.com", "--header", "novalue"), "--header"),
    ]
    for args, argument in cases:
        result = run_cli(*args)
        err = result.stderr.decode()
        assert result.returncode == 2, (args, err)
        assert err.count("\n") == 1 and argument in err, (args, err)
        assert "Traceback" not in err


def test_validation_failure_exits_1_without_traceback(tmp_path):
    result = run_cli("--lang", "zh_TW", "send", "--dry-run", "--from", "a@example.com",
                     "--to", "not-an-address", "--subject", "x")
    err = result.stderr.decode()
    assert result.returncode == 1 and "--to" in err and "不是有效的電子郵件地址" in err
    assert "Traceback" not in err
    result = run_cli("send", "--dry-run", "--from", "a@example.com", "--to", "b@example.com",
                     "--attach", str(tmp_path / "missing.pdf"))
    assert result.returncode == 1 and "--attach" in result.stderr.decode()
    result = run_cli("send", "--dry-run", "--from", "a@example.com", "--to", "b@example.com",
                     "--html-file", str(tmp_path / "missing.html"))
    assert result.returncode == 1 and "--html-file" in result.stderr.decode()


def test_max_size_defaults_to_the_relays_limit(tmp_path):
    from omidesk.cli import MAX_SIZE_MB, build_parser
    from omidesk.core.message import DEFAULT_MAX_BYTES

    assert MAX_SIZE_MB * 1048576 == DEFAULT_MAX_BYTES  # what --help says is what applies
    assert build_parser().parse_args(["send", "--from", "a@example.com"]).max_size is None
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(1_200_000))  # ~1.6 MB once in base64
    args = ("send", "--dry-run", "--out", str(tmp_path / "out.eml"), "--from", "a@example.com",
            "--to", "b@example.com", "--attach", str(big))
    assert run_cli(*args).returncode == 0
    refused = run_cli(*args, "--max-size", "1")
    assert refused.returncode == 1
    assert "the limit is 1 MB" in refused.stderr.decode()


def test_dry_run_chinese_message_parses_back_exactly(tmp_path):
    pdf = tmp_path / "報價單.pdf"
    pdf.write_bytes(b"%PDF-1.4 " + os.urandom(2000))
    html = tmp_path / "body.html"
    html.write_text("<p>您好，<b>這是測試</b>。</p>", encoding="utf-8")
    out = tmp_path / "out.eml"
    result = run_cli("send", "--dry-run", "--out", str(out), "--from", "wang@example.com",
                     "--from-name", "王小明", "--to", "李大華 <li@example.com>",
                     "--bcc", "hidden@example.com", "--subject", "十一月報價單",
                     "--html-file", str(html), "--attach", str(pdf),
                     "--option", "LinkOption=cLKNotTrackOpenMask,cLKNotTrackAllLinkMask",
                     "--option", "X-JobName=月報", "--header", "X-Campaign=秋季")
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    assert msg["Subject"] == "十一月報價單"
    assert msg["From"].addresses[0].display_name == "王小明"
    assert msg["To"].addresses[0].display_name == "李大華"
    assert msg["X-LinkOption"] == "192" and msg["X-JobName"] == "月報"
    assert msg["X-Campaign"] == "秋季"
    assert b"hidden@example.com" not in raw
    attachment = next(msg.iter_attachments())
    assert attachment.get_filename() == "報價單.pdf"
    assert attachment.get_content() == pdf.read_bytes()


def test_console_script_and_module_both_work():
    script = Path(sys.executable).with_name("omidesk")
    assert shutil.which(str(script)), "the omidesk console script is not installed"
    import subprocess

    result = subprocess.run([str(script), "--help"], capture_output=True, timeout=60)
    assert result.returncode == 0 and b"options" in result.stdout and b"send" in result.stdout
    assert run_cli("--version").stdout.startswith(b"OMIDesk ")


def test_a_command_builds_and_imports_only_its_own_parser():
    """`omidesk mailing` loads the mailing command alone (its start is a mailing's cost):
    each name builds the parser of that command, and the others' modules stay unloaded."""
    import subprocess
    import sys

    from omidesk.cli import build_parser, commands
    from omidesk.entry import COMMANDS

    for name in COMMANDS:
        assert commands(build_parser(only=name)) == [name]
    script = ("import sys\nfrom omidesk.cli.main import main\n"
              "code = main(['mailing', '--csv', 'missing.csv', '--journal', 'j.sqlite',"
              " '--subject', 's', '--text-file', 'b.txt', '--from', 'a@example.com'])\n"
              "print(code, sorted(m for m in sys.modules if m.startswith('omidesk.cli.')))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=REPO, timeout=60)
    code, modules = done.stdout.split(" ", 1)
    assert code == "2" and "--csv" in done.stderr  # the list is missing: a usage error
    for other in ("probe", "send", "options", "domain_check", "sandbox"):
        assert f"omidesk.cli.{other}'" not in modules, modules
    assert "omidesk.cli.mailing'" in modules
