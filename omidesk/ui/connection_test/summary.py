"""The Connection test's lines of words: what is tested (server, backup, configured
combination, login), what the test found (the recommended combination, the one login, or why
nothing worked), and what happened last (under the buttons). The password is never in them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ...core.smtp.config import ServerConfig, combo_label
from ...core.smtp.probe import MatrixResult, ProbeResult
from ..i18n import current_lang, sentences


class TargetLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_target(self, config: ServerConfig | None, *,
                    unsaved_password: bool = False, unsaved: str = "") -> None:
        """`unsaved`: what the Account tab changed and did not save (unsaved_account_note),
        on a line of its own."""
        if config is None:
            self.setText(self.tr("No account to test yet: fill in the Account tab first."))
            return
        server = config.host
        if config.backup_host:
            server = self.tr("{host} (backup {backup})").format(host=config.host,
                                                                backup=config.backup_host)
        login = config.user or self.tr("no login")
        text = self.tr("Server: {server} · configured: {combination} · login: {login}").format(
            server=server, combination=combo_label(config.port, config.security,
                                                   current_lang()), login=login)
        if config.user and config.allow_plaintext_login:
            text += " · " + self.tr("login without encryption allowed for this profile")
        if config.user and unsaved_password:
            text += " · " + self.tr("testing the password typed on the Account tab (not "
                                    "saved)")
        self.setText(f"{text}\n{unsaved}" if unsaved else text)


@dataclass(frozen=True)
class RunState:
    """Where a test stands, for the summary line."""

    attempts: int = 0  # started
    finished: int = 0
    busy: bool = False
    matrix: MatrixResult | None = None  # the result, once there is one
    unavailable: str = ""  # why this profile cannot be tested now
    cancelled: bool = False
    recommended: ProbeResult | None = None  # final before the slower attempts are over
    login_failed: ProbeResult | None = None  # the one login failed: final too


class SummaryLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.setWordWrap(True)

    def show_state(self, test: RunState) -> None:
        matrix = test.matrix
        best = test.recommended
        if test.busy and matrix is None and best is not None:
            text = self.tr("Recommended: {combination} on {host}. Still testing the other "
                           "combinations ({done} of {total} finished); Cancel stops the wait."
                           ).format(combination=_combination(best, current_lang()),
                                    host=best.host, done=test.finished, total=test.attempts)
        elif test.busy and matrix is None and test.login_failed is not None:
            failed = test.login_failed
            text = self.tr("The login on {combination} on {host} failed: {title}. Still "
                           "testing the other combinations ({done} of {total} finished); "
                           "Cancel stops the wait.").format(
                combination=_combination(failed, current_lang()), host=failed.host,
                title=failed.diagnosis.title.get(current_lang()), done=test.finished,
                total=test.attempts)
        elif test.busy and matrix is None and test.attempts:
            text = self.tr("Testing… {done} of {total} attempts finished.").format(
                done=test.finished, total=test.attempts)
        elif matrix is None:
            text = self.tr("Press Test to try the connection. Nothing is sent; the password is "
                           "never shown.")
        elif not matrix.results and test.unavailable:
            text = test.unavailable
        else:
            text = self._found(matrix, several=test.attempts > 1, total=test.attempts)
            if test.cancelled and len(matrix.results) < test.attempts:
                text = sentences(self.tr("Test cancelled."), text)
        self.setText(text)

    def _found(self, matrix: MatrixResult, *, several: bool, total: int = 0) -> str:
        lang = current_lang()
        best, login, results = matrix.recommended, matrix.login, matrix.results
        done = len(results)
        if best is not None and total > done:  # cancelled: not "1 of 1" (QA round 2, 26)
            return self.tr("Recommended: {combination} on {host} ({working} of the {done} "
                           "finished worked; {left} cancelled).").format(
                combination=combo_label(best.port, best.security, lang), host=best.host,
                working=sum(r.ok for r in results), done=done, left=total - done)
        if best is not None:
            text = self.tr("Recommended: {combination} on {host} ({working} of {done} "
                           "worked).").format(
                combination=combo_label(best.port, best.security, lang), host=best.host,
                working=sum(r.ok for r in results), done=done)
            if login is not None and several:
                text = sentences(text, self.tr("Logged in once, on {combination} on {host}."
                                               ).format(combination=_combination(login, lang),
                                                        host=login.host))
            return text
        if login is not None and several:  # reachable, and the one login failed
            return self.tr("The login on {combination} on {host} failed: {title}. No other "
                           "login was tried; {reached} of {done} combinations answered."
                           ).format(combination=_combination(login, lang), host=login.host,
                                    title=login.diagnosis.title.get(lang),
                                    reached=sum(bool(r.greeting) for r in results), done=done)
        if done == 1 and not several:
            return self.tr("The connection failed: {title}").format(
                title=results[0].diagnosis.title.get(lang))
        if done and matrix.pattern is not None:  # what the rows say together
            return self.tr("None of the {done} combinations tried worked: {title}.").format(
                done=done, title=matrix.pattern.title.get(lang))
        if done:
            return self.tr("None of the %n combinations tried worked.", "", done)
        return self.tr("No attempt finished.")


def _combination(result: ProbeResult, lang: str) -> str:
    return combo_label(result.port, result.security, lang)


class NoticeLabel(QLabel):
    """What happened last (the test message sent, a cancel, why a test cannot run)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def say(self, text: str) -> None:
        """Show `text`; an empty one hides the line."""
        self.setText(text)
        self.setVisible(bool(text))
