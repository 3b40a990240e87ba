"""Drafts that are never lost: JSON files written atomically (temp file, fsync, os.replace);
.eml files are eml.py's.

A draft holds no password (a Draft has none). A damaged draft file is set aside as .bad and
load() returns None: a broken file never stops the app from starting. Drafts are private to the
user (files.py). EmailOptions come back from a draft or an .eml in one place (adopt_options). A
restored draft's attachments are checked (attachment_notes): one that is not a plain file, that
the draft names by a relative path, or that it sends under another file's name is pointed out
before anything is sent."""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import ValidationError
from .files import file_problem, private_folder, write_private
from .attachment_names import name_warning
from .message import Attachment, Draft, InlineImage
from .untrusted import shown_filename
from .options import OptionSet
from .text import Text

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
_NAME_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


DRAFT = Text("the draft", "草稿")


# -- a message's EmailOptions, read back --------------------------------------------------------


def adopt_options(headers: Iterable[tuple[str, str]], notes: list[Text], *,
                  others: list[tuple[str, str]] | None = None) -> OptionSet:
    """The one place a message's EmailOptions are read back — an .eml's X-headers, a stored
    draft's options: each header is taken as the Options tab and `send --header` take it, or
    left out and named in `notes`; one bad header never costs the others. `others` receives
    the X-headers that are no option (else they are named in `notes` as left out)."""
    options = OptionSet()
    for name, value in headers:
        try:
            if options.set_header(name, value):
                continue
        except ValidationError as exc:
            notes.append(Text(f"{name}: {value[:80]} was left out ({exc.text.en})",
                              f"{name}：{value[:80]} 未採用（{exc.text.zh}）"))
            continue
        if others is not None:
            others.append((name, value))
        else:
            notes.append(Text(f"{name}: {value[:80]} was left out (not an EmailOption)",
                              f"{name}：{value[:80]} 未採用（不是發送選項）"))
    return options


def _stored_options(data: Any) -> list[tuple[str, str]]:
    """A stored draft's options ({"numbers": {group: n}, "values": {field: text}}) as the
    headers they stand for, for adopt_options."""
    from .options.catalog import find_group, find_value_field

    if not isinstance(data, dict):
        return []
    pairs: list[tuple[str, str]] = []
    numbers, values = data.get("numbers") or {}, data.get("values") or {}
    for key, number in (numbers.items() if isinstance(numbers, dict) else ()):
        try:
            header = find_group(str(key)).header or str(key)
        except ValidationError:
            header = str(key)
        pairs.append((header, str(number)))
    for key, text in (values.items() if isinstance(values, dict) else ()):
        vf = find_value_field(str(key))
        pairs.append((vf.header if vf is not None else str(key), str(text)))
    return pairs


# -- JSON ----------------------------------------------------------------------------------------


def draft_to_dict(draft: Draft) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "from_addr": draft.from_addr,
        "from_name": draft.from_name,
        "to": list(draft.to),
        "cc": list(draft.cc),
        "bcc": list(draft.bcc),
        "reply_to": list(draft.reply_to),
        "subject": draft.subject,
        "html": draft.html,
        "text": draft.text,
        "inline_images": [
            {"cid": img.cid, "mime_type": img.mime_type, "filename": img.filename,
             "data": base64.b64encode(img.data).decode("ascii")}
            for img in draft.inline_images
        ],
        "attachments": [
            {"path": str(att.path), "filename": att.filename, "content_type": att.content_type}
            for att in draft.attachments
        ],
        "options": draft.options.to_dict(),
        "extra_headers": [[name, value] for name, value in draft.extra_headers],
    }


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of strings")
    return list(value)


def _opt_str(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError("expected a string")
    return value


def draft_from_dict(data: dict[str, Any], notes: list[Text] | None = None) -> Draft:
    """A stored draft; an option it holds that cannot be sent is left out and named in
    `notes` (adopt_options), the rest of the draft kept."""
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise ValueError("not an OMIDesk draft")
    images = [
        InlineImage(cid=str(img["cid"]), data=base64.b64decode(img["data"], validate=True),
                    mime_type=str(img.get("mime_type") or "image/png"),
                    filename=str(img.get("filename") or ""))
        for img in data.get("inline_images", [])
    ]
    attachments = [
        Attachment(path=Path(att["path"]), filename=_opt_str(att.get("filename")),
                   content_type=_opt_str(att.get("content_type")))
        for att in data.get("attachments", [])
    ]
    return Draft(
        from_addr=str(data.get("from_addr", "")),
        from_name=str(data.get("from_name", "")),
        to=_strings(data.get("to", [])),
        cc=_strings(data.get("cc", [])),
        bcc=_strings(data.get("bcc", [])),
        reply_to=_strings(data.get("reply_to", [])),
        subject=str(data.get("subject", "")),
        html=_opt_str(data.get("html")),
        text=_opt_str(data.get("text")),
        inline_images=images,
        attachments=attachments,
        options=adopt_options(_stored_options(data.get("options")),
                              [] if notes is None else notes),
        extra_headers=[(str(n), str(v)) for n, v in data.get("extra_headers", [])],
    )


class DraftStore:
    """Drafts as <folder>/<name>.json. The default name, "autosave", is the compose window's."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, name: str = "autosave") -> Path:
        if not _NAME_RE.match(name) or name.startswith("."):
            raise ValueError(f"invalid draft name {name!r}")
        return self.folder / f"{name}.json"

    def save(self, draft: Draft, *, name: str = "autosave") -> Path:
        path = self.path(name)
        # Serialise before touching the disk: a draft that cannot be written leaves the old file.
        data = json.dumps(draft_to_dict(draft), ensure_ascii=False, indent=1).encode("utf-8")
        private_folder(self.folder)
        write_private(path, data, what=DRAFT)
        return path

    def load(self, name: str = "autosave", *,
             option_notes: list[Text] | None = None) -> Draft | None:
        """The stored draft, or None (none, unreadable, or damaged: set aside as .bad); an
        option that cannot be sent is left out and named in option_notes."""
        path = self.path(name)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            log.warning("cannot read draft %s", path, exc_info=True)
            return None
        try:
            return draft_from_dict(json.loads(raw.decode("utf-8")), option_notes)
        except Exception:
            log.warning("damaged draft %s set aside", path, exc_info=True)
            with contextlib.suppress(OSError):
                os.replace(path, path.with_name(path.name + ".bad"))
            return None

    def restore(self, name: str = "autosave", *, option_notes: list[Text] | None = None
                ) -> tuple[Draft | None, list[Text]]:
        """The draft to put back on screen, and what to point out about its attachments
        (attachment_notes). One named by a relative path — OMIDesk saves full paths, so the
        file was not chosen in OMIDesk — is left out, and said. Options: see load."""
        draft = self.load(name, option_notes=option_notes)
        if draft is None:
            return None, []
        notes = attachment_notes(draft, own_folder=self.folder / "attachments")
        draft.attachments = [a for a in draft.attachments if Path(a.path).is_absolute()]
        return draft, notes

    def exists(self, name: str = "autosave") -> bool:
        return self.path(name).is_file()

    def discard(self, name: str = "autosave") -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(name).unlink()


# -- .eml ----------------------------------------------------------------------------------------


def attachment_notes(draft: Draft, *, own_folder: Path | None = None) -> list[Text]:
    """The attachments of a draft read back from a file that a person should look at before
    it is sent: one that is not a plain file (missing, a link, a folder…), one named by a
    relative path (OMIDesk saves the full path of what was chosen; DraftStore.restore leaves
    it out), one sent under the name of another file (outside `own_folder`, where an opened
    .eml's attachments are kept and renamed when two share a name)."""
    notes: list[Text] = []
    for att in draft.attachments:
        path = Path(att.path)
        problem = file_problem(path, follow_symlinks=False)
        shown = shown_filename(path)
        if not path.is_absolute():
            notes.append(Text(
                f"“{shown}” is named by a relative path in the draft, not as a file chosen in "
                "OMIDesk: it was left out (attach the file again if you meant it)",
                f"草稿以相對路徑指定「{shown}」，不是在 OMIDesk 中選取的檔案：已略過"
                "（若確實需要，請重新附加該檔案）"))
        elif problem is not None:
            notes.append(problem)
        elif att.filename and att.filename != path.name and not (
                own_folder is not None and path.parent.parent == Path(own_folder)):
            name = shown_filename(att.filename)
            notes.append(Text(
                f"“{name}” is really the file {shown}: check that it is the one you mean to "
                "send",
                f"「{name}」實際上是檔案 {shown}："
                "請確認這就是您要發送的檔案"))
        warning = name_warning(att.name) if path.is_absolute() else None
        if warning is not None:
            notes.append(warning)
    return notes
