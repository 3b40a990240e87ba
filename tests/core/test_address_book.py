"""The address book Compose completes from: names from the lists, addresses from the sent log,
most used first; the count of public recipients."""

from __future__ import annotations

from omidesk.core.address_book import AddressBook, public_recipients
from omidesk.core.recipients import load_list


def test_names_from_a_list_and_matching_by_name_address_or_domain(tmp_path):
    (tmp_path / "l.csv").write_text("姓名,Email\n王小明,ming@example.com\n陳大文,chen@corp.tw\n"
                                    "\"Li, Da\",li@example.com\n", encoding="utf-8")
    book = AddressBook()
    book.add_list(load_list(tmp_path / "l.csv"))
    book.add_sent(["chen@corp.tw", "CHEN@corp.tw", "zhang@example.com"])
    assert [c.entry() for c in book.matches("王")] == ["王小明 <ming@example.com>"]
    assert [c.entry() for c in book.matches("小明")] == ["王小明 <ming@example.com>"]
    assert [c.address for c in book.matches("CH")] == ["chen@corp.tw"]  # one contact
    assert book.matches("ch")[0].uses == 3
    assert [c.entry() for c in book.matches("li")] == ['"Li, Da" <li@example.com>']
    assert [c.address for c in book.matches("example")] == [
        "li@example.com", "ming@example.com", "zhang@example.com"]
    assert book.matches("  ") == [] and book.matches("nobody") == []
    assert len(book) == 4


def test_public_recipients_counts_to_and_cc():
    to = ", ".join(f"u{i}@example.com" for i in range(8))
    assert public_recipients(to, "王小明 <ming@example.com>; a@example.com") == 10
