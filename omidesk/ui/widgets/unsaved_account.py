"""The Account tab's changes that Save has not kept, said where a tab sends or tests with the
saved profile — and the password typed there (QA3 #19): Compose with its result, the
Connection test tab in its target line. One list of the settings' words, one path."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ...core.text import Text
from ..i18n import pick

if TYPE_CHECKING:
    from ..session import Session

COMPOSE, TEST = "compose", "test"


def _words() -> dict[str, str]:
    """The settings' words (literal translate() calls: lupdate reads those)."""
    return {"host": QCoreApplication.translate("UnsavedAccount", "server"),
            "backup_host": QCoreApplication.translate("UnsavedAccount", "backup server"),
            "port": QCoreApplication.translate("UnsavedAccount", "port"),
            "security": QCoreApplication.translate("UnsavedAccount", "encryption"),
            "plaintext_login_confirmed": QCoreApplication.translate(
                "UnsavedAccount", "“Allow my password without encryption”"),
            "user": QCoreApplication.translate("UnsavedAccount", "login"),
            "sender": QCoreApplication.translate("UnsavedAccount", "sender"),
            "sender_name": QCoreApplication.translate("UnsavedAccount", "sender's name"),
            "reply_to": QCoreApplication.translate("UnsavedAccount", "Reply-To")}


def unsaved_account_note(session: Session, where: str) -> str:
    """What the Account tab changed and did not save (session.unsaved_account_fields), for
    `where` (COMPOSE: said with a result; TEST: the Connection test tab's target, whose line
    says the typed password itself); "" when nothing is unsaved."""
    fields = session.unsaved_account_fields
    if not fields:
        return ""
    words = _words()
    listed = pick(Text(", ", "、")).join(words.get(f, f) for f in fields)
    if where == COMPOSE:
        return QCoreApplication.translate(
            "UnsavedAccount",
            "Compose sends with the saved settings (and the password typed on the Account "
            "tab): the Account tab has changes that are not saved ({fields}). Press Save "
            "there to send with them.").format(fields=listed)
    return QCoreApplication.translate(
        "UnsavedAccount",
        "The test uses the saved settings: the Account tab has changes that are not saved "
        "({fields}). Press Save there to test with them.").format(fields=listed)
