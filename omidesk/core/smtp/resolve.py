"""Host name lookups for the SMTP engine, through the system's resolver (getaddrinfo: the hosts
file, a VPN's DNS, whatever the computer is set to use), each on a daemon thread of its own.

A name server that never answers makes getaddrinfo hang (glibc: 5 s × attempts). The lookup is
abandoned at the caller's deadline; on asyncio's default executor the thread would still be
joined by asyncio.run(), and the CLI would end seconds after it had its answer."""

from __future__ import annotations

import asyncio
import socket
import threading
from typing import Any, cast

# What getaddrinfo gives: family, type, proto, canonical name, socket address.
AddrInfo = tuple[socket.AddressFamily, socket.SocketKind, int, str, tuple[Any, ...]]

# "Temporary failure in name resolution": the name server did not answer (or failed), which
# says nothing about the name itself.
_TEMPORARY = {code for code in (getattr(socket, "EAI_AGAIN", None),) if code is not None}


def is_temporary(exc: socket.gaierror) -> bool:
    """The resolver gave up for want of an answer (EAI_AGAIN), not "no such name"."""
    return exc.errno in _TEMPORARY


async def getaddrinfo(host: str, port: int, *, timeout: float) -> list[AddrInfo]:
    """TCP addresses of `host`; TimeoutError after `timeout` seconds (the thread is left to
    finish on its own), socket.gaierror or UnicodeError as getaddrinfo raises them."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[list[AddrInfo]] = loop.create_future()

    def settle(result: list[AddrInfo] | None, exc: BaseException | None) -> None:
        if future.done():  # abandoned: the caller's deadline passed, or it was cancelled
            return
        if exc is not None:
            future.set_exception(exc)
        else:
            assert result is not None
            future.set_result(result)

    def work() -> None:
        result: list[AddrInfo] | None = None
        exc: BaseException | None = None
        try:
            result = cast("list[AddrInfo]",
                          socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except BaseException as error:  # noqa: BLE001 (handed to the awaiting task)
            exc = error
        try:
            loop.call_soon_threadsafe(settle, result, exc)
        except RuntimeError:
            pass  # the loop is closed: nobody waits any more

    threading.Thread(target=work, name=f"omidesk-resolve:{host}", daemon=True).start()
    return await asyncio.wait_for(future, timeout)
