"""Reaching the server for a Session: DNS, TCP (each address in turn, sharing the timeout),
TLS for an SSL port, the greeting, each wait with its own timeout and failure code and each
ending at a cancel; and closing the connection.

A base of Session (session.py): it uses the session's configuration, host and transcript, and
the certificate check of CertificateChecks."""

from __future__ import annotations

import asyncio
import errno
import socket
import time
from collections.abc import Sequence
from typing import cast

from aiosmtplib.errors import SMTPReadTimeoutError, SMTPResponseException, SMTPServerDisconnected

from ..errors import SMTPConnectFailure, SMTPFailure, SMTPTimeout
from .certcheck import CertificateChecks
from .config import Security
from .failures import reply_text
from .protocol import RecordingProtocol
from .resolve import AddrInfo, getaddrinfo, is_temporary
from .tls import make_context


def honour_cancel() -> None:
    """Raise the cancel that Python 3.11's asyncio.wait_for swallows when what it waits for
    completes just as the task is cancelled (a lookup's thread, a connect): a cancelled
    connection test then waited out a silent port's whole greeting timeout (seen in the
    Connection test tab; the mailing engine checks Task.cancelling() for the same reason)."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


class Connecting(CertificateChecks):
    """Needs: config, host, transcript, protocol and tls (CertificateChecks declares them); sets
    local_ip and greeting."""

    local_ip: str
    greeting: str

    @property
    def encrypted(self) -> bool:
        """The connection is TLS now (implicit, or after STARTTLS)."""
        return self.protocol is not None and self.protocol.over_tls

    async def connect(self) -> None:
        """DNS, TCP, TLS for SSL, the greeting: each wait ends at its timeout or at a cancel."""
        cfg, t = self.config, self.transcript
        t.local(f"resolving {self.host} …")
        try:
            infos = await getaddrinfo(self.host, cfg.port, timeout=cfg.timeouts.connect)
        except TimeoutError as exc:
            t.local(f"no answer from the name server within {cfg.timeouts.connect:g} s")
            raise self._dns_timeout(str(cfg.timeouts.connect)) from exc
        except (socket.gaierror, UnicodeError) as exc:
            t.local(f"DNS lookup failed: {exc}")
            if isinstance(exc, socket.gaierror) and is_temporary(exc):
                raise self._dns_timeout(str(exc)) from exc
            raise self._fail(SMTPConnectFailure, "dns_failed",
                             f"Cannot resolve {self.host}: {exc}",
                             f"無法解析主機名稱 {self.host}：{exc}", detail=str(exc)) from exc
        honour_cancel()
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        t.local(f"{self.host} resolved to {', '.join(addresses)}")
        sock = await self._tcp_connect(infos)
        try:
            honour_cancel()
        except asyncio.CancelledError:
            sock.close()
            raise
        self.local_ip = sock.getsockname()[0]
        await self._open_stream(sock)
        try:
            honour_cancel()
        except asyncio.CancelledError:
            self.close()
            raise
        await self._greeting()

    def _dns_timeout(self, detail: str) -> SMTPFailure:
        """The name server did not answer (in time, or only with a temporary failure): not a
        typo in the name, and said so."""
        return self._fail(SMTPTimeout, "dns_timeout",
                          f"The name server did not answer the lookup of {self.host}",
                          f"DNS 伺服器沒有回應 {self.host} 的查詢", detail=detail)

    async def _tcp_connect(self, infos: Sequence[AddrInfo]) -> socket.socket:
        cfg, loop, t = self.config, asyncio.get_running_loop(), self.transcript
        deadline = loop.time() + cfg.timeouts.connect
        last: OSError | None = None
        timed_out = False
        for index, (family, type_, proto, _name, addr) in enumerate(infos):
            sock = socket.socket(family, type_, proto)
            sock.setblocking(False)
            started = time.perf_counter()
            share = max((deadline - loop.time()) / (len(infos) - index), 0.01)
            try:
                await asyncio.wait_for(loop.sock_connect(sock, addr), share)
            except TimeoutError:
                sock.close()
                timed_out = True
                t.local(f"no answer from {addr[0]} port {cfg.port} within {share:.1f} s")
                continue
            except OSError as exc:
                sock.close()
                last = exc
                t.local(f"connecting to {addr[0]} port {cfg.port} failed: {exc.strerror or exc}")
                continue
            except BaseException:
                sock.close()
                raise
            t.local(f"TCP connected to {addr[0]} port {cfg.port} in "
                    f"{(time.perf_counter() - started) * 1000:.0f} ms")
            return sock
        if timed_out or last is None:
            raise self._fail(SMTPTimeout, "connect_timeout",
                             f"No answer from {self.host} on port {cfg.port}",
                             f"{self.host} 的連接埠 {cfg.port} 沒有回應")
        if last.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            raise self._fail(SMTPConnectFailure, "network_unreachable",
                             f"No route to {self.host}: {last.strerror}",
                             f"無法連到 {self.host}：{last.strerror}", detail=str(last)) from last
        raise self._fail(SMTPConnectFailure, "connect_refused",
                         f"{self.host} refused the connection on port {cfg.port}",
                         f"{self.host} 拒絕連接埠 {cfg.port} 的連線", detail=str(last)) from last

    async def _open_stream(self, sock: socket.socket) -> None:
        cfg, loop = self.config, asyncio.get_running_loop()
        protocol = RecordingProtocol(self.transcript, loop=loop)
        use_ssl = cfg.security is Security.SSL
        try:
            await asyncio.wait_for(loop.create_connection(
                lambda: protocol, sock=sock,
                ssl=make_context(cfg) if use_ssl else None,
                server_hostname=self.host if use_ssl else None,
                ssl_handshake_timeout=cfg.timeouts.greeting if use_ssl else None,
            ), cfg.timeouts.greeting)
        except asyncio.CancelledError:
            sock.close()
            raise
        except Exception as exc:
            sock.close()
            if use_ssl:
                raise await self._tls_failure(exc) from exc
            raise
        self.protocol = protocol
        if use_ssl:
            self._check_certificate()

    async def _greeting(self) -> None:
        assert self.protocol is not None
        try:
            response = await self.protocol.read_response(timeout=self.config.timeouts.greeting)
        except SMTPReadTimeoutError as exc:
            seconds = f"{self.config.timeouts.greeting:g}"
            if self.protocol.unended_line():  # bytes came, the line never ended (QA4 #3)
                raise self._unended(seconds) from exc
            self.transcript.local(f"no greeting within {seconds} s")
            # after a TLS handshake that worked, SSL and STARTTLS cannot be mixed up: "after_tls"
            raise self._fail(SMTPTimeout, "greeting_timeout",
                             f"{self.host} accepted the connection but sent no greeting",
                             f"{self.host} 接受連線但沒有發送歡迎訊息",
                             variant="after_tls" if self.encrypted else "", seconds=seconds,
                             **({"tls": "yes"} if self.encrypted else {})) from exc
        except SMTPServerDisconnected as exc:
            raise self._lost(exc) from exc
        except SMTPResponseException as exc:  # not SMTP at all: a proxy, HTTP, the wrong port
            raise self._garbled(exc) from exc
        self.greeting = reply_text(response)
        if response.code != 220:
            raise self._refused(response, "protocol_error", "Greeting")

    def close(self) -> None:
        if self.protocol is not None and self.protocol.transport is not None:
            # a stream's transport (plain or TLS) is an asyncio.Transport, which can abort
            cast(asyncio.Transport, self.protocol.transport).abort()
        self.protocol = None
