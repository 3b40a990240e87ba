"""`omidesk --self-test`: the whole app, offscreen and unattended, from source or frozen.

It opens the main window, starts the sandbox relay, probes it, sends a message with a Chinese
subject, an attachment and EmailOptions, checks the sandbox received it intact, checks a sender
domain against a DNS responder of its own on 127.0.0.1 (dnspython on the qasync loop), loads
the 繁中 translation and the keyring backend, checks that the OS trust store can be used (it
has roots, and a certificate from an unknown CA is refused through it), and prints one line.
Exit 0, or 1 naming the failed step. The windowed Windows app has no stdout: there the line goes
to %TEMP%\\omidesk-self-test.txt (or to $OMIDESK_SELFTEST_LOG when set, on every platform).
Nothing of the user's is touched: Qt's test mode moves settings and data aside."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SUBJECT = "OMIDesk 自我測試：中文主旨與附件"
ATTACHMENT = "自我測試附件（報價單）.txt"


class StepFailed(Exception):
    def __init__(self, step: str, detail: str) -> None:
        super().__init__(f"{step}: {detail}")
        self.step = step


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    facts: list[str] = []
    from PySide6.QtCore import qInstallMessageHandler

    previous = qInstallMessageHandler(_quiet_offscreen)
    try:
        _run(facts)
    except StepFailed as exc:
        _say(f"OMIDesk self-test: FAILED at step {exc}")
        return 1
    finally:
        qInstallMessageHandler(previous)
    _say(f"OMIDesk self-test: OK in {time.perf_counter() - started:.1f} s ({'; '.join(facts)})")
    return 0


def summary_file() -> Path | None:
    """Where the summary line is also written: $OMIDESK_SELFTEST_LOG, or, when there is no
    stdout (the windowed Windows app), omidesk-self-test.txt in the temporary folder."""
    if os.environ.get("OMIDESK_SELFTEST_LOG"):
        return Path(os.environ["OMIDESK_SELFTEST_LOG"])
    if (sys.stdout or sys.__stdout__) is None:
        return Path(tempfile.gettempdir()) / "omidesk-self-test.txt"
    return None


def _say(line: str) -> None:
    stream = sys.stdout or sys.__stdout__
    if stream is not None:  # a windowed frozen app on Windows has none
        stream.write(line + "\n")
        stream.flush()
    target = summary_file()
    if target is not None:
        try:
            target.write_text(line + "\n", encoding="utf-8")
        except OSError:
            pass


def _quiet_offscreen(mode: Any, context: Any, message: str) -> None:
    """The offscreen platform notes on every window that it cannot propagate size hints."""
    if "propagateSizeHints" not in message and sys.stderr is not None:
        sys.stderr.write(message + "\n")


def _step(name: str, action: Callable[[], Any]) -> Any:
    try:
        return action()
    except StepFailed:
        raise
    except Exception as exc:
        raise StepFailed(name, f"{type(exc).__name__}: {exc}") from exc


def _check(step: str, condition: bool, detail: str) -> None:
    if not condition:
        raise StepFailed(step, detail)


def _run(facts: list[str]) -> None:
    import qasync
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    from . import __version__
    from .app import create_application

    app = _step("qt", lambda: create_application(["omidesk", "--self-test"]))
    _check("qt", not app.windowIcon().isNull(), "no window icon in omidesk/resources/icons")
    QStandardPaths.setTestModeEnabled(True)
    facts.append(f"OMIDesk {__version__}")
    if getattr(sys, "frozen", False):
        _step("frozen start", lambda: _frozen_start(facts))

    import keyring

    from .core.secrets import choose_keychain

    backend = _step("keyring", keyring.get_keyring)
    name = f"{type(backend).__module__.rsplit('.', 1)[-1]}.{type(backend).__name__}"
    usable = choose_keychain(backend)[0] is not None  # the app's own rule (core/secrets.py)
    # Windows and macOS always have a keychain: none means keyring's backends (or the entry
    # points that list them) are missing from the bundle. A headless Linux may have none.
    _check("keyring", usable or sys.platform not in ("win32", "darwin"),
           f"no usable keychain backend ({name}): keyring's backends are missing")
    facts.append(f"keyring {name}" if usable else
                 f"keyring loaded, no keychain on this system ({name}): session-only passwords")

    from .core.smtp.trust import trust_store

    store = _step("trust store", trust_store)
    facts.append(f"trust store: {store.describe()}")

    from .ui import i18n, translations

    def load_chinese() -> None:
        _check("translation", translations.install("zh_TW"), "omidesk_zh_TW not loaded")
        shown = QCoreApplication.translate("AccountTab", "&Save")
        _check("translation", shown != "&Save", "AccountTab '&Save' is not translated")
        i18n.set_language("zh_TW")

    _step("translation", load_chinese)
    facts.append("zh_TW loaded")

    from .core.sandbox import SandboxRelay

    relay = _step("sandbox", lambda: SandboxRelay().start())
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        from .ui.main_window import MainWindow

        def open_window() -> Any:
            # As the app starts: the frame first, the keychain read on a worker thread, the
            # tabs built after (here each one, so a module missing from a bundle shows).
            window = MainWindow(sandbox=relay, keychain_later=True)
            window.show()
            app.processEvents()
            _check("window", window.isVisible() and window.tabs.count() >= 5,
                   "the main window did not open with its tabs")
            loop.run_until_complete(window.load_keychain())
            for index in range(window.tabs.count()):
                window.tabs.setCurrentIndex(index)
            app.processEvents()
            _check("window", len(window.built_tabs()) == window.tabs.count(),
                   "not every tab could be built")
            _check("window", window.account_tab.password_edit.isEnabled(),
                   "the keychain was not read")
            return window

        window = _step("window", open_window)
        facts.append("window opened")
        _step("probe", lambda: _probe(loop, relay, facts))
        _step("send", lambda: _send(loop, relay, facts))
        _step("domain", lambda: _domain(loop, facts))
        window.close()
        app.processEvents()
    finally:
        relay.stop()
        loop.close()
        translations.install("en")
        i18n.set_language(None)
        QStandardPaths.setTestModeEnabled(False)


def _frozen_start(facts: list[str]) -> None:
    """What the bundle defers from PyInstaller's start-up (packaging/frozen/) works when it is
    needed: the collector runs again, ctypes got PyInstaller's hooks at its first import, and
    pkgutil lists the modules in the archive."""
    import ctypes
    import gc
    import pkgutil

    from . import cli

    _check("frozen start", gc.isenabled(), "the garbage collector is still paused")
    _check("frozen start", ctypes.CDLL.__name__ == "PyInstallerCDLL",
           f"ctypes.CDLL is {ctypes.CDLL.__name__}, not PyInstaller's")
    listed = {module.name for module in pkgutil.iter_modules(cli.__path__)}
    _check("frozen start", "main" in listed,
           f"pkgutil lists {sorted(listed)} in omidesk.cli, not its modules")
    facts.append("frozen start-up hooks")


def _probe(loop: asyncio.AbstractEventLoop, relay: Any, facts: list[str]) -> None:
    from .core.smtp import probe

    result = loop.run_until_complete(probe(relay.server_config()))
    _check("probe", result.ok, result.diagnosis.render("en").replace("\n", " "))
    _check("probe", bool(result.tls and result.tls.verified), "TLS was not verified")
    facts.append(f"probe {result.elapsed_ms:.0f} ms")
    # Without the sandbox's CA file its certificate must be refused: verification through the
    # OS trust store is really on (not silently skipped) on this platform's TLS path.
    unknown = loop.run_until_complete(probe(relay.server_config().with_(cafile=None)))
    _check("trust store", unknown.diagnosis.code == "cert_untrusted",
           f"a certificate from an unknown CA was not refused ({unknown.diagnosis.code})")


def _send(loop: asyncio.AbstractEventLoop, relay: Any, facts: list[str]) -> None:
    from .core.message import Attachment, Draft
    from .core.options import OptionSet
    from .core.outbox import Outbox
    from .core.paths import SENT_LOG_NAME
    from .core.sentlog import SentLog, Source
    from .core.text import counted

    folder = Path(tempfile.mkdtemp(prefix="omidesk-selftest-"))
    try:
        path = folder / ATTACHMENT
        payload = "自我測試 self-test ✓\n".encode() * 64
        path.write_bytes(payload)
        options = OptionSet()
        options.set_flags("LinkOption", ["cLKNotTrackOpenMask", "cLKNotTrackAllLinkMask"])
        draft = Draft(from_addr="selftest@example.com", from_name="自我測試",
                      to=["收件者 <inbox@example.com>"], subject=SUBJECT,
                      html="<p>您好，<b>這是自我測試</b>。</p>", attachments=[Attachment(path)],
                      options=options)
        # Built, sent and recorded as the app does it (core.outbox), in a sent log of its own.
        with SentLog(folder / SENT_LOG_NAME) as sent_log:
            outbox = Outbox(sent_log, account="self-test", source=Source.TEST)
            result = loop.run_until_complete(outbox.send(relay.server_config(), draft))
            records = sent_log.search()
        _check("send", result.ok, result.diagnosis.render("en").replace("\n", " "))
        _check("sent log", len(records) == 1 and records[0].ok
               and records[0].launch_id == result.launch_id,
               f"the sent log did not record the message "
               f"({counted(len(records), 'record', 'records')})")
        received = [m for m in relay.messages if m.launch_id == int(result.launch_id or 0)]
        _check("send", len(received) == 1, "the sandbox did not receive the message")
        message = received[0].message()
        _check("send", message["Subject"] == SUBJECT, f"subject arrived as {message['Subject']!r}")
        _check("send", message["X-LinkOption"] == "192", "X-LinkOption did not arrive as 192")
        attachment = next(message.iter_attachments(), None)
        _check("send", attachment is not None and attachment.get_filename() == ATTACHMENT
               and attachment.get_payload(decode=True) == payload,
               "the attachment did not arrive intact")
        facts.append(f"sent and received intact (LaunchID {result.launch_id})")
    finally:
        for item in folder.iterdir():
            item.unlink()
        folder.rmdir()


DOMAIN_RECORDS = {"omidesk-selftest.tw": "v=spf1 ip4:127.0.0.1 -all",
                  "_dmarc.omidesk-selftest.tw": "v=DMARC1; p=none"}


def _domain(loop: asyncio.AbstractEventLoop, facts: list[str]) -> None:
    """The sender-domain check end to end (a module missing from a bundle shows here),
    against a one-socket DNS responder: TXT records above, NXDOMAIN for the rest."""
    import socket
    import threading

    import dns.message
    import dns.rcode
    import dns.rdatatype
    import dns.rrset

    from .core.domain.check import check_domain
    from .core.domain.names import Nameserver, parse_target

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.1)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                data, peer = sock.recvfrom(4096)
            except OSError:
                continue
            query = dns.message.from_wire(data)
            reply = dns.message.make_response(query)
            question = query.question[0]
            name = question.name.to_text(omit_final_dot=True).lower()
            if name in DOMAIN_RECORDS and dns.rdatatype.to_text(question.rdtype) == "TXT":
                reply.answer.append(dns.rrset.from_text(question.name, 0, "IN", "TXT",
                                                        f'"{DOMAIN_RECORDS[name]}"'))
            elif name not in DOMAIN_RECORDS:
                reply.set_rcode(dns.rcode.NXDOMAIN)
            sock.sendto(reply.to_wire(), peer)

    thread = threading.Thread(target=serve, name="selftest-dns", daemon=True)
    thread.start()
    try:
        report = loop.run_until_complete(check_domain(
            parse_target("自我測試 <selftest@omidesk-selftest.tw>"), hosts=("127.0.0.1",),
            nameserver=Nameserver("127.0.0.1", sock.getsockname()[1])))
    finally:
        stop.set()
        thread.join(timeout=2)
        sock.close()
    expected = ["spf_ok", "dmarc_monitoring", "dkim_not_checked", "domain_ready"]
    _check("domain", report.codes == expected, f"the check found {report.codes}")
    facts.append(f"sender domain checked ({len(report.trail)} DNS answers)")
