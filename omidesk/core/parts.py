"""A message's shared parts — attachments and inline images — encoded once and reused.

A mailing sends the same files to every recipient, and encoding a 2 MB attachment for each of
them cost more than sending it. build_message takes a PartCache: each leaf part is encoded into
its wire form (base64 lines of 76 characters ending in CRLF: exactly what the stdlib writes)
once per distinct file — known by the open file's identity, size and modification time, so a
file changed during a mailing is encoded again — and a message is its own small personalised
bytes with those bodies spliced in (`serialize`). Files are read in blocks: a 20 MB
attachment costs its encoded size in memory once, not the several copies of an EmailMessage
serialised whole. The cache keeps at most `max_bytes` of encoded bodies, the least recently
used going first: a mailing's shared files are used by every message and stay, per-row files
come and go; Compose and `omidesk send` build with a cache that keeps nothing."""

from __future__ import annotations

import base64
import itertools
import os
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from typing import IO

# 7bit: bodies go as quoted-printable or base64, so no relay needs 8BITMIME.
# refold_source="none": headers this module folds itself (set_raw) are written as they are;
# the stdlib refolder would re-encode them and can add spaces between encoded words.
POLICY = policy.SMTP.clone(cte_type="7bit", refold_source="none")
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024
_BLOCK = 57 * 16384  # ~0.9 MB, whole base64 lines (57 bytes -> 76 characters)
# A part's payload until serialisation: NUL is refused in every text OMIDesk writes and
# quoted-printable would encode it, so only these markers can contain it.
_MARKER = "\x00omidesk-part-{}\x00\n"
_MARKER_RE = re.compile(rb"\x00omidesk-part-(\d+)\x00\r\n")
_numbers = itertools.count(1)
HeaderMaker = Callable[[], EmailMessage]  # a leaf's headers, made when not cached


@dataclass(frozen=True, eq=False)
class EncodedPart:
    """One leaf part: `part` carries its headers (its payload is a marker), `body` the encoded
    bytes in blocks of whole lines, ready for the wire (CRLF, no line starting with a dot)."""

    part: EmailMessage
    body: tuple[bytes, ...]
    size: int
    number: int
    # digests of secrets this part is known not to hold (secret_scan): a part every message
    # of a mailing shares is searched once, not once per message
    clean_of: set[str] = field(default_factory=set, repr=False)


@dataclass(frozen=True)
class Serialized:
    """A message's bytes in pieces: `shared[i]` marks the pieces that are encoded bodies
    (safe to write as they are), the others are the message's own, small bytes."""

    chunks: tuple[bytes, ...]
    shared: tuple[bool, ...]
    parts: tuple[EncodedPart, ...] = ()  # the encoded parts written, in order

    @property
    def size(self) -> int:
        return sum(len(c) for c in self.chunks)


def encode_base64(handle: IO[bytes]) -> tuple[bytes, ...]:
    """The stdlib's base64 body (76-character lines) with CRLF, read in blocks."""
    blocks: list[bytes] = []
    while block := handle.read(_BLOCK):  # a buffered read: whole blocks until the end
        blocks.append(base64.encodebytes(block).replace(b"\n", b"\r\n"))
    return tuple(blocks)


def leaf_part(maintype: str, subtype: str, **params: object) -> EmailMessage:
    """A leaf's headers as set_content writes them for bytes (base64), without the bytes."""
    part = EmailMessage(policy=POLICY)
    part.set_content(b"", maintype, subtype, **params)  # type: ignore[arg-type]
    del part["MIME-Version"]
    return part


class PartCache:
    """Encoded parts by what they were made from (see the module's docstring)."""

    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._parts: OrderedDict[Hashable, EncodedPart] = OrderedDict()
        self._bytes = 0
        self.encoded = 0  # how many parts were encoded (not found here)

    def file_part(self, handle: IO[bytes], headers: tuple[Hashable, ...],
                  make_headers: HeaderMaker) -> EncodedPart:
        """The part of the open plain file `handle`; `headers` names what its headers are
        made from (file name, type); make_headers builds them when it is not cached."""
        info = os.fstat(handle.fileno())
        key = ("file", info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, headers)
        found = self._get(key)
        if found is not None:
            return found
        return self._put(key, make_headers(), encode_base64(handle))

    def bytes_part(self, data: bytes, headers: tuple[Hashable, ...],
                   make_headers: HeaderMaker) -> EncodedPart:
        """The part of bytes in memory (an inline image)."""
        key = ("bytes", data, headers)
        found = self._get(key)
        if found is not None:
            return found
        body = base64.encodebytes(data).replace(b"\n", b"\r\n")
        return self._put(key, make_headers(), (body,) if body else ())

    def _get(self, key: Hashable) -> EncodedPart | None:
        found = self._parts.get(key)
        if found is not None:
            self._parts.move_to_end(key)
        return found

    def _put(self, key: Hashable, part: EmailMessage, body: tuple[bytes, ...]) -> EncodedPart:
        number = next(_numbers)
        part.set_payload(_MARKER.format(number))
        encoded = EncodedPart(part, body, sum(len(b) for b in body), number)
        self.encoded += 1
        if encoded.size <= self.max_bytes:
            self._parts[key] = encoded
            self._bytes += encoded.size
            while self._bytes > self.max_bytes:
                _, dropped = self._parts.popitem(last=False)
                self._bytes -= dropped.size
        return encoded


def serialize(message: EmailMessage, parts: dict[int, EncodedPart]) -> Serialized:
    """The message's bytes (policy POLICY) with each part's marker replaced by its body."""
    raw = message.as_bytes(policy=POLICY)
    chunks: list[bytes] = []
    shared: list[bool] = []
    written: list[EncodedPart] = []
    for index, piece in enumerate(_MARKER_RE.split(raw)):
        if index % 2:
            encoded = parts[int(piece)]
            written.append(encoded)
            chunks.extend(encoded.body)
            shared.extend([True] * len(encoded.body))
        elif piece:
            chunks.append(piece)
            shared.append(False)
    return Serialized(tuple(chunks), tuple(shared), tuple(written))


__all__ = ["POLICY", "DEFAULT_CACHE_BYTES", "EncodedPart", "Serialized", "PartCache",
           "encode_base64", "leaf_part", "serialize"]
