"""core/html_images.py: the one path that turns an HTML body's images on this disk (file:, an
absolute path, relative to an HTML file) and its data: images into inline cid: parts — for
`omidesk send --html-file` and for HTML pasted into Compose (QA5 #1) — and the Send check that
no path of this computer or data: address ever goes out in a message."""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import quote

import pytest

from omidesk.core.html_images import data_image, embed_images, local_image_problems
from omidesk.core.message import Draft, build_message, validate_draft
from tests.core.test_drafts import PNG

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(40))
SENDER = "me@example.com"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_data_images_become_parts_with_their_bytes_type_and_a_name() -> None:
    # a JPEG declared as PNG is a JPEG (its bytes say so); base64 broken over lines, as a
    # web page's source has it, and without its padding
    wrapped = "\n".join(b64(JPEG)[i:i + 16] for i in range(0, len(b64(JPEG)), 16)).rstrip("=")
    body = (f'<p><img alt="網頁圖" src="data:image/png;base64,{b64(PNG)}">'
            f"<IMG SRC='data:image/png;base64,{wrapped}'>"
            f'<img src="data:image/png;base64,{b64(PNG)}" width=5>'  # the same picture again
            '<img src="data:image/svg+xml,%3Csvg%20xmlns%3D%22http://www.w3.org/2000/svg%22/%3E">'
            '<img src="https://example.com/x.png"></p>')
    out = embed_images(body, sender=SENDER)
    assert [(i.mime_type, i.filename, i.data) for i in out.images] == [
        ("image/png", "image.png", PNG), ("image/jpeg", "image-2.jpg", JPEG),
        ("image/svg+xml", "image-3.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>')]
    assert all(i.cid.endswith("@example.com") for i in out.images)
    assert out.html.count(f'"cid:{out.images[0].cid}"') == 2
    assert "data:" not in out.html and out.problems == []
    assert out.remote == ["https://example.com/x.png"]
    assert 'alt="網頁圖"' in out.html and "width=5" in out.html


@pytest.mark.parametrize(("src", "said"), [
    ("data:image/png;base64,AA==", "not an image of its type (image/png)"),
    ("data:image/png;base64,***", "cannot be decoded"),
    ("data:text/html,<b>x</b>", "not an image (text/html)"),
    ("data:image/png;base64", "not a complete data: address"),
])
def test_a_data_address_that_is_no_image_is_named_and_left(src: str, said: str) -> None:
    body = f'<img src="{src}">'
    out = embed_images(body, sender=SENDER)
    assert out.html == body and out.images == []
    (problem,) = out.problems
    assert problem.path is None and said in problem.problem.en
    assert problem.problem.zh and said in data_image(src).en  # type: ignore[union-attr]


def test_file_urls_and_absolute_paths_are_read_relative_ones_need_a_folder(
        tmp_path: Path) -> None:
    folder = tmp_path / "msohtmlclip1" / "01"
    folder.mkdir(parents=True)
    (folder / "clip_image002.png").write_bytes(PNG)
    (folder / "紅色 圖.jpg").write_bytes(JPEG)
    url = "file://" + quote(str(folder / "紅色 圖.jpg"))
    body = (f'<img width=20 src=file://{folder}/clip_image002.png>'
            f'<img src="{url}"><img src="file://localhost{folder}/clip_image002.png">'
            f'<img src="{folder}/clip_image002.png"><img src="clip_image002.png">')
    out = embed_images(body, sender=SENDER)  # pasted: no folder for the relative one
    assert [(i.filename, i.mime_type, i.data) for i in out.images] == [
        ("clip_image002.png", "image/png", PNG), ("紅色 圖.jpg", "image/jpeg", JPEG)]
    assert out.html.count("cid:") == 4 and '<img src="clip_image002.png">' in out.html
    assert str(folder) not in out.html and out.problems == []
    in_folder = embed_images('<img src="clip_image002.png">', sender=SENDER, base=folder)
    assert [i.data for i in in_folder.images] == [PNG]


@pytest.mark.parametrize("src", ["{{photo}}", "｛｛photo｝｝", "{｛photo｝}",
                                 "pics/{{photo}}.png"])
def test_a_merge_field_in_a_src_is_left_for_the_mailing(tmp_path: Path, src: str) -> None:
    """A picture named by a merge field is the mailing's to fill in, with the braces merge
    accepts (full-width too, QA5 #18): not looked for on this disk, not named as missing."""
    out = embed_images(f'<img src="{src}">', sender=SENDER, base=tmp_path)
    assert out.images == [] and out.problems == [] and f'src="{src}"' in out.html


def test_a_local_image_that_cannot_be_read_keeps_its_src_and_is_named(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    gone = tmp_path / "clip_image001.png"
    body = (f'<img src="file://{gone}"><img src="file://{tmp_path}">'
            f'<img src="{tmp_path}/notes.txt">'
            r'<img src="C:\Users\王小明\AppData\Local\Temp\msohtmlclip1\01\clip_image003.png">')
    out = embed_images(body, sender=SENDER)
    assert out.html == body and out.images == []
    assert [p.path for p in out.problems] == [
        gone, tmp_path, tmp_path / "notes.txt",
        Path(r"C:\Users\王小明\AppData\Local\Temp\msohtmlclip1\01\clip_image003.png").absolute()]
    assert "does not exist" in out.problems[0].problem.en
    assert "找不到" in out.problems[0].problem.zh
    assert "folder" in out.problems[1].problem.en
    assert "does not say it is an image" in out.problems[2].problem.en
    said = out.problems[0].text()
    assert str(gone) in said.en and str(gone) in said.zh and "圖片…" in said.zh


def draft(html: str) -> Draft:
    return Draft(from_addr=SENDER, to=["you@example.com"], subject="s", html=html)


def test_send_refuses_a_path_of_this_computer_or_a_data_address(tmp_path: Path) -> None:
    image = tmp_path / "clip_image002.png"
    image.write_bytes(PNG)
    for html, where, why in (
            (f'<p>x<img src="file://{image}"></p>', str(image), "not put into the message"),
            (f'<img src="file://{tmp_path}/gone.png">', f"{tmp_path}/gone.png", "does not exist"),
            (r'<img src="C:\Users\li\a.png">', r"C:\Users\li\a.png", "does not exist"),
            ('<img src="data:image/png;base64,AA==">', "data:image/png;base64,AA==", "its type")):
        problems = [p for p in validate_draft(draft(html)) if p.code == "inline_image_local"]
        assert len(problems) == 1 and problems[0].field == "body", html
        assert where in problems[0].text.en and why in problems[0].text.en
        assert where in problems[0].text.zh
        with pytest.raises(ValueError):
            build_message(draft(html))
    fine = draft('<img src="cid:a@example.com"><img src="https://example.com/x.png">'
                 '<img src="{{photo}}"><img src="images/logo.png">')
    assert validate_draft(fine) == [] and local_image_problems(fine.html or "") == []


def test_a_long_data_address_is_shown_by_its_start() -> None:
    src = f"data:image/png;base64,{b64(b'not a png' * 500)}"
    (problem,) = local_image_problems(f'<img src="{src}">')
    assert len(problem.shown_src) < 50 and problem.shown_src.endswith("…")
    assert problem.shown_src[:-1] in problem.text().en and src not in problem.text().en
