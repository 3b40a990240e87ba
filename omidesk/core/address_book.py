"""The addresses Compose completes as you type: everyone the sent log has sent to and everyone
on a list used for a mailing (with the name the list gives), ranked by how often they were
used; and how many people a message's To and Cc show to each other."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .addresses import split_address_list
from .recipients import RecipientList

PUBLIC_LIMIT = 10  # more public recipients than this: everyone sees everyone, say so


@dataclass
class Contact:
    address: str
    name: str = ""
    uses: int = 0

    def entry(self) -> str:
        """As it goes into a field: "王小明 <ming@example.com>" (quoted when needed)."""
        if not self.name:
            return self.address
        if any(ch in self.name for ch in ',;"<>@()[]\\:'):
            escaped = self.name.replace("\\", "\\\\").replace('"', '\\"')
            return f'"{escaped}" <{self.address}>'
        return f"{self.name} <{self.address}>"


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


class AddressBook:
    """Contacts by address (case-insensitive); a later name replaces an empty one."""

    def __init__(self) -> None:
        self._contacts: dict[str, Contact] = {}

    def __len__(self) -> int:
        return len(self._contacts)

    def add(self, address: str, name: str = "", *, uses: int = 1) -> None:
        address = address.strip()
        if "@" not in address:
            return
        contact = self._contacts.setdefault(_key(address), Contact(address))
        contact.uses += uses
        if name.strip() and not contact.name:
            contact.name = " ".join(name.split())

    def add_list(self, recipients: RecipientList) -> None:
        """The rows that can be sent to, with the list's name column."""
        name_column = recipients.name_column
        for row in recipients.ok_rows():
            self.add(row.address, row.values.get(name_column, "") if name_column else "")

    def add_sent(self, addresses: Iterable[str]) -> None:
        for address in addresses:
            self.add(address)

    def matches(self, typed: str, *, limit: int = 12) -> list[Contact]:
        """Contacts whose address or name starts with `typed`, or whose name, address or
        domain contains it (王 finds 王小明, "ming" finds ming@…, "example" finds @example),
        most used first."""
        key = _key(typed)
        if not key:
            return []
        scored: list[tuple[int, int, str, Contact]] = []
        for contact in self._contacts.values():
            address, name = _key(contact.address), _key(contact.name)
            if address.startswith(key) or (name and name.startswith(key)):
                rank = 0
            elif key in address or (name and key in name):
                rank = 1
            else:
                continue
            scored.append((rank, -contact.uses, address, contact))
        scored.sort(key=lambda item: item[:3])
        return [item[3] for item in scored[:limit]]


def public_recipients(to: str, cc: str) -> int:
    """How many entries the To and Cc fields hold (everyone sees those)."""
    return len(split_address_list(to)) + len(split_address_list(cc))


__all__ = ["AddressBook", "Contact", "PUBLIC_LIMIT", "public_recipients"]
