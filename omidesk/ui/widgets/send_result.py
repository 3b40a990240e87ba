"""Compose's result line: what the server answered to a message, in words — accepted with its
LaunchID and Message-ID (and who was refused), gone out without a reply, or not sent and why.
Empty, it takes no room (the text above it gets the height: QA4 #16)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ...core.smtp.diagnosis import PASSWORD_UNENCRYPTED
from ...core.smtp.send import SendResult
from ..i18n import pick


class SendResultLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Send result"))
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.hide()

    def show_result(self, result: SendResult) -> str:
        """Show what the server answered; returns the words."""
        if result.ok:
            text = self.tr("Accepted by {host} — LaunchID {launch_id}. Message-ID {message_id}"
                           ).format(host=result.host, launch_id=result.launch_id or "—",
                                    message_id=result.message_id)
            refused = [r.address for r in result.recipients if not r.accepted]
            if refused:
                text += "\n" + self.tr("Refused: {addresses}").format(
                    addresses=", ".join(refused))
        elif result.delivery_unknown:
            text = self.tr("The message went out but no reply came back: it may still arrive. "
                           "{title}").format(title=pick(result.diagnosis.title))
        else:  # with the next step, e.g. the Account tab's setting or SSL (QA3 #19)
            text = self.tr("Not sent: {title}").format(title=pick(result.diagnosis.title))
            if pick(result.diagnosis.next_step):
                text += "\n" + pick(result.diagnosis.next_step)
        if result.password_unencrypted:
            text += "\n" + pick(PASSWORD_UNENCRYPTED)
        self.setText(text)
        return text
