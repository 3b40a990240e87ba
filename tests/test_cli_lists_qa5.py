"""`omidesk mailing` with the outside tester's mistyped list addresses (QA round 5, finding 5),
as subprocesses against a real SMTP server that counts messages per recipient: an address
with two @ (`bad@@…`, `x@y@…`) is one address with a typo and gets the address checker's own
reason, word for word what `omidesk send --to` says for it; "holds more than one address"
only for a cell that really holds two (a separator between two address-shaped parts,
full-width and `Name <address>` forms too), and such a cell sends to nobody — not silently to
the last of its addresses. Merge fields in full-width braces (finding 18) are filled in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.test_cli_lists import mailing, output, received

TYPOS = ("bad@@qa5.tw", "x@y@qa5.tw")
SEVERAL = ("a@x.tw; b@y.tw", "a@x.tw b@y.tw", "Ａ＠ｘ．ｔｗ／ｂ＠ｙ．ｔｗ", "a@x.tw、b@y.tw",
           "王 <wang@x.tw>, 李 <lee@y.tw>")


def typo_list(folder: Path) -> Path:
    lines = ["姓名,Email", "好,ok@example.com"]
    lines += [f"錯{i},{cell}" for i, cell in enumerate(TYPOS)]
    lines += [f'多{i},"{cell}"' for i, cell in enumerate(SEVERAL)]
    lines += ['名,"a3@x.tw <a3@x.tw>"']  # its own address as its name: one address
    path = folder / "名單.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def send_to_reason(tmp_path: Path, lang: str, address: str) -> str:
    """What `omidesk send --to` says for `address` (Compose says the same: check_address)."""
    (tmp_path / "b.txt").write_text("hi", encoding="utf-8")
    result = run_cli("--lang", lang, "send", "--to", address, "--from", "wang@example.com",
                     "--subject", "s", "--text-file", str(tmp_path / "b.txt"), "--host",
                     "127.0.0.1", "--port", "9", "--security", "none")
    err = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in err, err
    prefix = "omidesk send: --to: "
    assert err.startswith(prefix), err
    return err[len(prefix):].strip()


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_two_at_signs_get_the_checkers_reason_and_two_addresses_are_said(smtp_server, tmp_path,
                                                                         lang):
    server = smtp_server(tls="none")
    result = mailing(server, tmp_path, typo_list(tmp_path), lang=lang, subject="報價",
                     body="您好")
    out = output(result)
    assert result.returncode == 1 and "Traceback" not in out, out
    # only the good row and the one address written as its own name are sent, once each
    assert received(server) == {"ok@example.com": 1, "a3@x.tw": 1}
    lines = out.splitlines()
    several = "holds more than one address" if lang == "en" else "含有不只一個地址"
    for number, typo in enumerate(TYPOS, start=2):
        where = f"row {number} (line {number + 1}): " if lang == "en" else \
            f"第 {number} 列（第 {number + 1} 行）："
        said = [line.strip() for line in lines if line.strip().startswith(where)]
        assert said == [where + send_to_reason(tmp_path, lang, typo)], out
        assert several not in said[0] and ("copy the row" not in said[0]) and "複製" not in said[0]
        assert ("invalid characters: '@'" if lang == "en" else "@ 後面含有無效的字元：'@'") \
            in said[0]
    for number, cell in enumerate(SEVERAL, start=len(TYPOS) + 2):
        where = f"row {number} (line {number + 1}): " if lang == "en" else \
            f"第 {number} 列（第 {number + 1} 行）："
        said = [line.strip() for line in lines if line.strip().startswith(where)]
        assert len(said) == 1 and several in said[0], (cell, out)
    # the Name <address> pair is named whole, not cut to its last address
    assert ("“王 <wang@x.tw>, 李 <lee@y.tw>” holds more than one address" if lang == "en"
            else "「王 <wang@x.tw>, 李 <lee@y.tw>」含有不只一個地址") in out


def test_merge_fields_in_full_width_braces_are_filled_in(smtp_server, tmp_path):
    """QA5 #18: ｛｛姓名｝｝ (a 繁中 input method in full-width mode) went out as typed."""
    from email import message_from_bytes, policy

    server = smtp_server(tls="none")
    path = tmp_path / "名單.csv"
    path.write_text("姓名,Email\n王小明,wang@example.com\n陳大文,chen@example.com\n",
                    encoding="utf-8")
    result = mailing(server, tmp_path, path, subject="｛｛姓名｝｝ 報價",
                     body="親愛的 ｛｛姓名｝｝ 您好，{{ 姓名 }}，｛｛ Email ｝｝")
    assert result.returncode == 0, output(result)
    got = {m.rcpt_tos[0]: message_from_bytes(m.data, policy=policy.default)
           for m in server.messages}
    assert set(got) == {"wang@example.com", "chen@example.com"}
    for address, name in (("wang@example.com", "王小明"), ("chen@example.com", "陳大文")):
        message = got[address]
        assert message["Subject"] == f"{name} 報價"
        text = message.get_body(preferencelist=("plain",)).get_content()
        assert text.strip() == f"親愛的 {name} 您好，{name}，{address}"
        assert "｛" not in text and "｝" not in text

    # and one the list has no column for is named before anything is sent, as {{…}} is
    (tmp_path / "j.sqlite").unlink()
    sent = len(server.messages)
    result = mailing(server, tmp_path, path, subject="s", body="｛｛公司｝｝")
    assert result.returncode != 0 and "Unknown merge field {{公司}}" in output(result)
    assert len(server.messages) == sent
    # Compose's first-Send note ("only a mailing fills them in") counts them too
    from omidesk.core.mailing import merge_fields
    from omidesk.core.message import Draft

    assert merge_fields(Draft(from_addr="me@qa5.tw", subject="｛｛姓名｝｝ 報價",
                              html="<p>｛｛<b>公</b>司｝｝</p>")) == ["姓名", "公司"]
