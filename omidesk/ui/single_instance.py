"""One OMIDesk per user: a second start hands its request (come to the front, open these
files) to the running one and exits at once. Two windows would share one autosaved draft and
one data folder, and the last writer would win.

The first start holds a lock file in the data folder (QLockFile: a lock left by a crashed
process is recognised as stale and taken over) and listens on 127.0.0.1 on a port of the
system's choosing; instance.json, readable by this user only (core.files), says where, with a
random token that every request must carry (another user of the machine cannot read it). A
request is one JSON line; the answer is one JSON line. Nothing else is accepted on that port."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLockFile, QObject, QTimer

from ..core.files import PRIVATE_FILE_MODE, write_private
from ..core.text import Text

if TYPE_CHECKING:
    import socket

    from PySide6.QtCore import QSocketNotifier

    from .instance_request import Request

# json, socket, hmac and QSocketNotifier are imported where used: the first start takes the
# lock before its window shows, and listens only after the window's first paint
# (bench/bundle.py).

log = logging.getLogger("omidesk")

LOCK_NAME = "instance.lock"
INFO_NAME = "instance.json"
MAX_REQUEST = 64 * 1024  # bytes: a few thousand file paths
PEER_TIMEOUT_MS = 3000
HANDOVER_TIMEOUT = 3.0  # seconds for the running app to answer
WAIT_FOR_FIRST = 8.0  # seconds a second start waits for a first one that is still starting


class AlreadyRunning(RuntimeError):
    """Another OMIDesk holds the lock but does not answer."""


class Instance(QObject):
    """The running app's side: the lock, the listening socket and its requests. Requests that
    arrive before a handler is attached wait for it (the window is built after the socket)."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.lock = QLockFile(str(folder / LOCK_NAME))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self.token = os.urandom(32).hex()
        self._server: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._peers: dict[int, tuple[socket.socket, QSocketNotifier, QTimer, bytearray]] = {}
        self._handler: Callable[[Request], None] | None = None
        self._pending: list[Request] = []

    def try_lock(self) -> bool:
        """Take the lock. Its file (the process id, the host) is created for its owner only,
        like every file in the data folder: Qt creates it with the umask's mode, so the
        umask is narrowed around it (a file left by an older version is narrowed after)."""
        posix = os.name == "posix"
        previous = os.umask(0o077) if posix else None
        try:
            locked = bool(self.lock.tryLock(0))
        finally:
            if previous is not None:
                os.umask(previous)
        if locked and posix:
            with contextlib.suppress(OSError):
                os.chmod(self.folder / LOCK_NAME, PRIVATE_FILE_MODE)
        return locked

    def serve(self) -> None:
        """Listen and say where (instance.json). A second start may connect from now on; its
        request waits in the backlog until listen() has an event loop to read it with."""
        import json
        import socket

        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.setblocking(False)
        self._server = server
        info = {"port": server.getsockname()[1], "token": self.token, "pid": os.getpid()}
        write_private(self.folder / INFO_NAME, json.dumps(info).encode(),
                      what=Text("the single-instance file", "單一執行個體檔案"))

    def listen(self) -> None:
        """Read requests on Qt's event loop: call once the QApplication exists."""
        if self._server is None or self._notifier is not None:
            return
        from PySide6.QtCore import QSocketNotifier  # its type: after the first paint

        self._notifier = QSocketNotifier(self._server.fileno(), QSocketNotifier.Type.Read,
                                         self)
        self._notifier.activated.connect(self._accept)
        self._accept()  # any already waiting

    @property
    def port(self) -> int:
        return self._server.getsockname()[1] if self._server is not None else 0

    def attach(self, handler: Callable[[Request], None]) -> None:
        self._handler = handler
        pending, self._pending = self._pending, []
        for request in pending:
            handler(request)

    def close(self) -> None:
        """Stop listening, remove instance.json (when it is still ours) and unlock."""
        for key in list(self._peers):
            self._drop(key)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self._server is not None:
            import json

            self._server.close()
            self._server = None
            info = self.folder / INFO_NAME
            try:
                if json.loads(info.read_text(encoding="utf-8")).get("token") == self.token:
                    info.unlink()
            except (OSError, ValueError):
                pass
        if self.lock.isLocked():
            self.lock.unlock()

    # -- the socket --------------------------------------------------------------------------
    def _accept(self, *_args: object) -> None:
        from PySide6.QtCore import QSocketNotifier

        if self._server is None:
            return
        while True:
            try:
                conn, _ = self._server.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                log.exception("single instance: accept failed")
                return
            conn.setblocking(False)
            key = conn.fileno()
            notifier = QSocketNotifier(key, QSocketNotifier.Type.Read, self)
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda k=key: self._drop(k))
            timer.start(PEER_TIMEOUT_MS)
            self._peers[key] = (conn, notifier, timer, bytearray())
            notifier.activated.connect(lambda *_a, k=key: self._read(k))

    def _read(self, key: int) -> None:
        import json

        peer = self._peers.get(key)
        if peer is None:
            return
        conn, _notifier, _timer, buffer = peer
        try:
            chunk = conn.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:
            self._drop(key)
            return
        buffer += chunk
        if b"\n" not in buffer:
            if len(buffer) > MAX_REQUEST:
                self._drop(key)
            return
        line = bytes(buffer.split(b"\n", 1)[0])
        from .instance_request import Request

        request = Request.from_line(line, self.token)
        try:
            conn.sendall(json.dumps({"ok": request is not None}).encode() + b"\n")
        except OSError:
            pass
        self._drop(key)
        if request is None:
            log.warning("single instance: refused a request without the right token")
            return
        if self._handler is None:
            self._pending.append(request)
        else:
            self._handler(request)

    def _drop(self, key: int) -> None:
        peer = self._peers.pop(key, None)
        if peer is None:
            return
        conn, notifier, timer, _ = peer
        notifier.setEnabled(False)
        notifier.deleteLater()
        timer.stop()
        timer.deleteLater()
        conn.close()


def hand_over(folder: Path, request: Request, *, timeout: float = HANDOVER_TIMEOUT) -> bool:
    """Give the request to the running app; True when it accepted it."""
    import json
    import socket

    try:
        info = json.loads((folder / INFO_NAME).read_text(encoding="utf-8"))
        port, token, pid = int(info["port"]), str(info["token"]), int(info.get("pid", 0))
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if sys.platform == "win32" and pid:  # let it take the foreground from this process
        try:
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(pid)  # type: ignore[attr-defined]
        except (OSError, AttributeError):
            pass
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
            conn.sendall(request.to_line(token))
            answer = b""
            while b"\n" not in answer and len(answer) < 1024:
                chunk = conn.recv(1024)
                if not chunk:
                    break
                answer += chunk
    except OSError:
        return False
    try:
        return json.loads(answer.split(b"\n", 1)[0] or b"{}").get("ok") is True
    except ValueError:
        return False


def claim_or_hand_over(folder: Path, request: Request | Callable[[], Request], *,
                       wait: float = WAIT_FOR_FIRST) -> Instance | None:
    """This process's Instance, locked, when it is the first (serve() and listen() it then:
    a second start waits for that); None when the running app took the request (or what
    `request` makes: a first start makes none). Raises AlreadyRunning when another holds the
    lock and never answers."""
    folder.mkdir(parents=True, exist_ok=True)
    instance = Instance(folder)
    deadline = time.monotonic() + wait
    while True:
        if instance.try_lock():
            return instance
        if callable(request):
            request = request()
        if hand_over(folder, request):
            return None
        if time.monotonic() > deadline:
            raise AlreadyRunning(str(folder / LOCK_NAME))
        time.sleep(0.1)  # the first start has the lock but is not listening yet


def file_arguments(paths: Sequence[str]) -> list[str]:
    """Absolute paths, so that the running app (in another folder) finds them."""
    return [str(Path(p).expanduser().resolve()) for p in paths]


def __getattr__(name: str) -> Any:
    """Request, from its own module (PEP 562): made only for a second start's request."""
    if name == "Request":
        from .instance_request import Request

        return Request
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
