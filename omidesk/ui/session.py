"""What the tabs share: one Session, made by the main window and handed to every tab.

It holds the current profile and its password, the message's EmailOptions (the Options tab's
changes over the profile's defaults), the draft being written on the Compose tab, the data
folder and the sent log, and it carries the busy state and the status messages. Every send goes
through its outbox() (core.outbox: build, send, record in the sent log). It emits when each
changes; the tabs read it, subscribe to it and write to it, and none of them knows another, nor
the window.

Qt only for the signals: nothing of the core is imported before it is used (the window's frame
is painted before the profiles, the options catalog or SQLite load)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    import asyncio

    from ..core.account import Account
    from ..core.address_book import AddressBook
    from ..core.errors import ValidationError
    from ..core.message import Draft
    from ..core.options import OptionSet
    from ..core.outbox import Outbox
    from ..core.paths import DataFolder
    from ..core.recipients import RecipientList
    from ..core.sentlog import SentLog, Source


class Session(QObject):
    """The current profile, options, draft and sent log of the window, and its busy state."""

    account_changed = Signal()  # the profile or its password (account, password)
    unsaved_changed = Signal()  # the Account tab's unsaved changes (unsaved_account_fields)
    options_changed = Signal()  # the message's options or their problem (the profile's
    #                             defaults change with account_changed)
    draft_changed = Signal()  # the Compose tab's message
    busy_changed = Signal(bool)  # some tab runs a task the Cancel button stops
    status_message = Signal(str)  # for the status bar
    cancel_requested = Signal()  # the status bar's Cancel
    closing = Signal()  # the window closes: stop, save, let go of files

    def __init__(self, data_folder: Path | None = None, *, parent: QObject | None = None,
                 sent_log: SentLog | None | bool = True) -> None:
        """data_folder: the user's data folder (drafts, journals, the sent log); by default
        Qt's (ui.settings.data_folder). sent_log: an open log, None for none, or True to open
        the data folder's on first use."""
        super().__init__(parent)
        self._data_folder = data_folder
        self._account: Account | None = None
        self._password = ""
        self._typed_password: str | None = None
        self._unsaved_fields: tuple[str, ...] = ()
        self._message_options: OptionSet | None = None
        self._options_problem: ValidationError | None = None
        self._draft: Draft | None = None
        self._busy: set[int] = set()
        self._sends: set[asyncio.Task[object]] = set()  # one-off sends in flight
        self._sent_log: SentLog | None = None if sent_log is True else sent_log or None
        self._sent_log_opened = sent_log is not True
        self._sent_log_error: BaseException | None = None  # why it could not be opened
        self._book: AddressBook | None = None
        self._status = ""  # what the status bar was last asked to say

    # -- the data folder, the sent log, the outbox ----------------------------------------------
    @property
    def folder(self) -> DataFolder:
        """Where the drafts, the journals and the sent log are (the folder made private)."""
        from ..core.paths import DataFolder  # not before the first paint (app.setup_logging)

        if self._data_folder is None:
            from .settings import data_folder

            return DataFolder(data_folder())  # created (private) when first asked
        from ..core.files import private_folder

        return DataFolder(private_folder(self._data_folder))

    @property
    def sent_log(self) -> SentLog | None:
        """The sent log of the data folder, opened on first use; None (and the Sent log tab
        says so) if it cannot be opened, e.g. a damaged file: sending must still work."""
        if not self._sent_log_opened:
            from ..core.outbox import open_sent_log  # the outbox: not before the first paint

            self._sent_log_opened = True
            self._sent_log = open_sent_log(self.folder.sent_log, self._log_not_opened)
        return self._sent_log

    @property
    def address_book(self) -> AddressBook:
        """Who Compose completes: the sent log's recipients (read on first use, then each new
        record) and the lists the Mailing tab read (remember_list)."""
        if self._book is None:
            from ..core.address_book import AddressBook

            self._book = book = AddressBook()
            log = self.sent_log
            if log is not None:
                for record in log.search(limit=5000):
                    book.add_sent(r.address for r in record.recipients if r.outcome == "sent")
                log.subscribe(lambda record: book.add_sent(
                    r.address for r in record.recipients if r.outcome == "sent"))
        return self._book

    def remember_list(self, recipients: RecipientList) -> None:
        """A list read for a mailing: its addresses and names complete in Compose."""
        self.address_book.add_list(recipients)

    def outbox(self, source: Source) -> Outbox:
        """The one send path (build, send, record), for the current profile: a sent log that
        cannot be written is said in the status bar and never fails the send. The task that
        asks for it (Compose's Send, every test to oneself) is a send in flight until it ends:
        quitting waits for it to settle (sends_in_flight, QuitGuard). A mailing has its own
        stop and is not counted."""
        import asyncio  # loaded by then: a send runs on the loop (not before the first paint)

        from ..core.outbox import Outbox
        from ..core.sentlog import Source as Sources

        try:
            task = asyncio.current_task() if source is not Sources.MAILING else None
        except RuntimeError:  # called outside the loop: nothing is sent yet
            task = None
        if task is not None and task not in self._sends:
            self._sends.add(task)
            task.add_done_callback(self._sends.discard)
        outbox = Outbox(self.sent_log, account=self.account_label(), source=source,
                        on_log_error=self._log_not_written)
        # a log that could not be opened records nothing: each send says it is not there
        outbox.log_error = self._sent_log_error
        return outbox

    def sends_in_flight(self) -> list[asyncio.Task[object]]:
        """The one-off sends that have not settled yet (see outbox)."""
        return [task for task in self._sends if not task.done()]

    @property
    def sent_log_error(self) -> BaseException | None:
        """Why the sent log could not be opened (None: it was, or there is none by design)."""
        return self._sent_log_error

    def _log_not_opened(self, exc: BaseException) -> None:
        self._sent_log_error = exc
        self._log_not_written(exc)

    def _log_not_written(self, exc: BaseException) -> None:
        """Said as the command line says it (the core's words: which file, why, that the
        send goes on), in the UI's language."""
        from ..core.outbox import log_error_note
        from .i18n import pick

        self.show_status(pick(log_error_note(exc)))

    # -- the profile -----------------------------------------------------------------------------
    @property
    def account(self) -> Account | None:
        return self._account

    @property
    def password(self) -> str:
        return self._password

    def set_account(self, account: Account | None, password: str = "") -> None:
        """The Account tab's current profile and its password (in memory only). A copy is kept:
        the tab edits its own profiles in place."""
        account = account.copy() if account is not None else None
        if account == self._account and password == self._password:
            return
        self._account, self._password = account, password
        self.account_changed.emit()

    @property
    def typed_password(self) -> str | None:
        """A password typed on the Account tab and not saved (None: the field holds the
        saved one). The connection test tries it and says so; every send uses it too
        (send_password); nothing saves it but the Account tab's Save."""
        return self._typed_password

    @property
    def send_password(self) -> str:
        """The password a send, a mailing or a test uses: what the Account tab's field holds
        in this session (typed and not saved, QA 10), else the saved one."""
        typed = self._typed_password
        return self._password if typed is None else typed

    def password_problem(self, button: str) -> str:
        """Why nothing can be sent yet for want of a password (the profile has a login and
        the Account tab's field is empty), said before any connection, or "". `button`: the
        one to press again once it is typed ("Start", "Send")."""
        account = self._account
        if account is None or not account.user or self.send_password:
            return ""
        return self.tr("There is no password for the login {user}: type it on the Account "
                       "tab (it is used at once, for this session; Save keeps it), then press "
                       "{button} again.").format(user=account.user, button=button)

    def set_typed_password(self, password: str | None) -> None:
        if password == self._typed_password:
            return
        self._typed_password = password
        self.account_changed.emit()

    @property
    def unsaved_account_fields(self) -> tuple[str, ...]:
        """The Account tab's changes that Save has not kept (Account attribute names): the
        sends use the saved profile — and the password typed there — meanwhile."""
        return self._unsaved_fields

    def set_unsaved_account_fields(self, fields: tuple[str, ...]) -> None:
        if tuple(fields) != self._unsaved_fields:
            self._unsaved_fields = tuple(fields)
            self.unsaved_changed.emit()

    def account_label(self) -> str:
        """How the sent log names the account a message went out with."""
        from ..core.outbox import account_label

        account = self._account
        return account_label(account.sender, profile=account.name) if account else ""

    # -- the message's options -------------------------------------------------------------------
    @property
    def message_options(self) -> OptionSet:
        """What the Options tab changed for this message (a copy)."""
        from ..core.options import OptionSet

        if self._message_options is None:
            return OptionSet()
        return OptionSet(dict(self._message_options.numbers), dict(self._message_options.values))

    @property
    def options_problem(self) -> ValidationError | None:
        """A field of the Options tab whose text cannot be sent, or None."""
        return self._options_problem

    def set_message_options(self, options: OptionSet,
                            problem: ValidationError | None = None) -> None:
        from ..core.options import OptionSet

        options = OptionSet(dict(options.numbers), dict(options.values))
        if options == self.message_options and problem is self._options_problem:
            return
        self._message_options, self._options_problem = options, problem
        self.options_changed.emit()

    @property
    def options(self) -> OptionSet:
        """The effective options: the message's changes over the profile's defaults."""
        from ..core.options import OptionSet

        defaults = self._account.options if self._account is not None else OptionSet()
        return self.message_options.over(defaults)

    def checked_options(self) -> OptionSet:
        """The effective options; raises the Options tab's problem while it shows one (the
        send paths refuse to send then)."""
        if self._options_problem is not None:
            raise self._options_problem
        return self.options

    # -- the draft -------------------------------------------------------------------------------
    @property
    def draft(self) -> Draft | None:
        """The Compose tab's message as it would be sent (None before that tab exists)."""
        return self._draft

    def set_draft(self, draft: Draft | None) -> None:
        self._draft = draft
        self.draft_changed.emit()

    def checked_draft(self) -> Draft | None:
        """The draft; raises the Options tab's problem while it shows one."""
        if self._draft is not None:
            self.checked_options()
        return self._draft

    # -- busy, status, cancel, closing -----------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._busy)

    def set_busy(self, owner: QObject, busy: bool) -> None:
        """`owner` (a tab) runs, or no longer runs, a task that Cancel stops."""
        was = self.busy
        if busy:
            self._busy.add(id(owner))
        else:
            self._busy.discard(id(owner))
        if self.busy != was:
            self.busy_changed.emit(self.busy)

    @property
    def status_text(self) -> str:
        """What the status bar was last asked to say."""
        return self._status

    def show_status(self, text: str) -> None:
        self._status = text
        self.status_message.emit(text)

    def take_back_status(self, text: str) -> None:
        """Clear the status bar if it still says `text` (its cause is gone, or the tab that
        said it now shows it itself)."""
        if text and self._status == text:
            self.show_status("")

    def cancel(self) -> None:
        """Stop what runs (the status bar's Cancel): the tabs that run something listen."""
        self.cancel_requested.emit()

    def close(self) -> None:
        self.closing.emit()

