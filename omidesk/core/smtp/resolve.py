"""Host name lookups for the SMTP engine, through the system's resolver (getaddrinfo: the hosts
file, a VPN's DNS, whatever the computer is set to use), each on a daemon thread of its own.

A name server that never answers makes getaddrinfo hang (glibc: 5 s × attempts). The lookup is
abandoned at the caller's deadline; on asyncio's default executor the thread would still be
joined by asyncio.run(), and the CLI would end seconds after it had its answer."""

from __future__ import annotations

import asyncio
import socket
from typing import Any, cast

from ..threads import in_daemon_thread

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
    def lookup() -> list[AddrInfo]:
        return cast("list[AddrInfo]", socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))

    return await asyncio.wait_for(in_daemon_thread(lookup, name=f"omidesk-resolve:{host}"),
                                  timeout)
