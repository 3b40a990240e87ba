"""`omidesk send --html-file` with images on the sender's disk (QA round 3, finding 12): each
local <img src> (relative to the HTML file, absolute, file:) goes with the message as an inline
cid: part — the file's own bytes, read by the same core code as Compose's inserted images —
and a remote http(s) src is left alone; an image that cannot be read is refused, named, before
any connection. Checked in what the server received."""

from __future__ import annotations

import base64
import email
import email.policy
from pathlib import Path

import pytest

from omidesk.core.errors import ValidationError
from omidesk.core.html_images import embed_local_images, image_file
from tests.conftest import run_cli

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")


def conn(server) -> list[str]:
    return ["--host", "127.0.0.1", "--port", str(server.port), "--security", "ssl",
            "--cafile", str(server.cafile), "--user", server.user, "--password-env", "OMI_PW",
            "--timeout", "2", "--backup-host", ""]


def folder(tmp_path: Path) -> Path:
    (tmp_path / "圖片.png").write_bytes(PNG)
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a b.jpg").write_bytes(PNG[::-1])
    return tmp_path


def test_local_images_go_with_the_message_remote_ones_stay(smtp_server, tmp_path):
    server = smtp_server(tls="implicit")
    files = folder(tmp_path)
    body = files / "body.html"
    body.write_text('<p>圖：<img src="圖片.png"> <IMG SRC=\'圖片.png\'> '
                    '<img alt="b" src="img/a%20b.jpg"> '
                    '<img src="https://example.com/logo.png"></p>', encoding="utf-8")
    result = run_cli("send", *conn(server), "--from", "me@example.com", "--to",
                     "you@example.com", "--subject", "t", "--quiet", "--html-file", str(body),
                     cwd=Path("/"), env={"OMI_PW": server.password})
    assert result.returncode == 0, result.stderr
    (received,) = server.messages
    message = email.message_from_bytes(received.data, policy=email.policy.default)
    assert message.get_content_type() == "multipart/related"
    images = [p for p in message.walk() if p.get_content_maintype() == "image"]
    assert [(p.get_filename(), p.get_content_type()) for p in images] == [
        ("圖片.png", "image/png"), ("a b.jpg", "image/jpeg")]
    assert images[0].get_content() == PNG and images[1].get_content() == PNG[::-1]
    html = message.get_body(("html",)).get_content()
    cids = [p["Content-ID"].strip("<>") for p in images]
    assert html.count(f"cid:{cids[0]}") == 2 and html.count(f"cid:{cids[1]}") == 1
    assert 'src="https://example.com/logo.png"' in html
    assert "圖片.png\"" not in html and "a%20b" not in html


@pytest.mark.parametrize(("src", "why"), [("沒有.png", "找不到"), ("img", "資料夾"),
                                          ("body.html", "圖片")])
def test_an_image_that_cannot_go_is_refused_naming_it(smtp_server, tmp_path, src, why):
    server = smtp_server(tls="implicit")
    files = folder(tmp_path)
    body = files / "body.html"
    body.write_text(f'<p><img src="{src}"></p>', encoding="utf-8")
    result = run_cli("--lang", "zh_TW", "send", *conn(server), "--from", "me@example.com",
                     "--to", "you@example.com", "--subject", "t", "--html-file", str(body),
                     env={"OMI_PW": server.password})
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert "--html-file" in err and f'<img src="{src}">' in err and why in err
    assert server.connections == 0 and server.messages == []


def test_merge_fields_and_cid_sources_are_left_alone(tmp_path):
    page = tmp_path / "p.html"
    body = '<img src="{{photo}}"><img src="cid:a@b"> <img src="//cdn.example.com/x.png">'
    assert embed_local_images(body, html_file=page, sender="me@example.com") == (body, [])


def test_data_images_go_as_cid_parts_with_their_bytes(smtp_server, tmp_path):
    """A data: image (saved from a web page) is sent as a part: Gmail and Outlook for Windows
    do not show data: images (QA5 #1); before, the CLI left them as they were."""
    server = smtp_server(tls="implicit")
    body = tmp_path / "body.html"
    data = base64.b64encode(PNG).decode()
    body.write_text(f'<p>網頁圖 <img alt="綠色" src="data:image/png;base64,{data}"></p>',
                    encoding="utf-8")
    result = run_cli("send", *conn(server), "--from", "me@example.com", "--to",
                     "you@example.com", "--subject", "t", "--quiet", "--html-file", str(body),
                     env={"OMI_PW": server.password})
    assert result.returncode == 0, result.stderr
    message = server.messages[0].parsed()
    (image,) = [p for p in message.walk() if p.get_content_maintype() == "image"]
    assert (image.get_content(), image.get_content_type(), image.get_filename()) == (
        PNG, "image/png", "image.png")
    html = message.get_body(("html",)).get_content()
    assert f'src="cid:{image["Content-ID"].strip("<>")}"' in html and "data:" not in html


def test_a_damaged_data_image_is_refused_before_any_connection(smtp_server, tmp_path):
    server = smtp_server(tls="implicit")
    body = tmp_path / "body.html"
    body.write_text('<img src="data:image/png;base64,AA==">', encoding="utf-8")
    result = run_cli("--lang", "en", "send", *conn(server), "--from", "me@example.com",
                     "--to", "you@example.com", "--subject", "t", "--html-file", str(body),
                     env={"OMI_PW": server.password})
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert '<img src="data:image/png;base64,AA==">' in err and "not an image" in err
    assert server.connections == 0 and server.messages == []


def test_the_compose_editor_reads_images_the_same_way(tmp_path):
    (tmp_path / "x.gif").write_bytes(b"GIF89a")
    image = image_file(tmp_path / "x.gif", sender="me@example.com")
    assert (image.mime_type, image.filename, image.data) == ("image/gif", "x.gif", b"GIF89a")
    assert image.cid.endswith("@example.com")
    with pytest.raises(ValidationError):
        embed_local_images('<img src="x.txt">', html_file=tmp_path / "p.html",
                           sender="me@example.com")
