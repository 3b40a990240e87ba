"""`omidesk mailing` on a journal edited by hand, and on a list edited after a partial run:
nobody gets the message twice, nobody outside the list gets it, and the user is told why."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

import pytest

from tests.test_cli_mailing import SUMMARY, mailing, out_lines, people, received, write_list

__all__ = ["mailing"]  # the fixture, shared with test_cli_mailing


def deferred_journal(smtp_server, tmp_path, mailing, count: int = 4):  # type: ignore[no-untyped-def]
    """A mailing that sent user1..2 and left the rest deferred: its list and journal."""
    csv = write_list(tmp_path / "list.csv", people(count))
    busy = smtp_server(tls="none", tempfail_rcpt={f"user{i}@example.com"
                                                  for i in range(3, count + 1)})
    first = mailing(busy, csv, "--max-attempts", "1", "--backoff", "0")
    assert out_lines(first)[-1] == SUMMARY.format(2, 0, count - 2, 0)
    return csv, tmp_path / "j.sqlite"


def edit(journal, sql: str, *params: object) -> None:  # type: ignore[no-untyped-def]
    db = sqlite3.connect(journal)
    with db:
        db.execute(sql, params)
    db.close()


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_an_address_with_a_line_break_is_a_damaged_journal(smtp_server, tmp_path, mailing,
                                                           lang):
    csv, journal = deferred_journal(smtp_server, tmp_path, mailing)
    edit(journal, "UPDATE recipients SET address = ? WHERE row_index = 3",
         "user3@example.com>\r\nRCPT TO:<evil@elsewhere.com")
    good = smtp_server(tls="none")
    result = mailing(good, csv, "--backoff", "0", "--lang", lang)
    said = result.stderr.decode() + result.stdout.decode()
    assert result.returncode == 1 and "Traceback" not in said, said
    assert "\r\n" not in said and "RCPT TO:<evil" in said  # shown, escaped: \r\n
    assert "\\x0d\\n" in said  # as the redactor shows control characters
    assert ("line break or another control character" in said if lang == "en"
            else "含有換行或其他控制字元" in said), said
    assert not good.messages and not good.commands  # nobody, not even a connection


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_a_journal_address_not_in_the_list_is_never_sent(smtp_server, tmp_path, mailing,
                                                         lang):
    csv, journal = deferred_journal(smtp_server, tmp_path, mailing)
    edit(journal, "UPDATE recipients SET address = 'evil@elsewhere.com', "
         "key = 'evil@elsewhere.com' WHERE row_index = 4")  # the QA's ed4: both columns
    good = smtp_server(tls="none")
    result = mailing(good, csv, "--backoff", "0", "--lang", lang)
    said = result.stderr.decode() + result.stdout.decode()
    assert result.returncode == 1 and "Traceback" not in said, said
    assert "evil@elsewhere.com" in said
    assert ("not in the list you gave" in said if lang == "en"
            else "不在您提供的名單中" in said), said
    assert not good.messages  # not evil, and not user3 either: the journal is not trusted


def test_a_changed_key_alone_is_a_damaged_journal(smtp_server, tmp_path, mailing):
    csv, journal = deferred_journal(smtp_server, tmp_path, mailing)
    edit(journal, "UPDATE recipients SET key = 'other@example.com' WHERE row_index = 3")
    good = smtp_server(tls="none")
    result = mailing(good, csv, "--backoff", "0")
    said = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in said and "does not match" in said
    assert not good.messages
    assert received(good) == Counter()


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_a_list_corrected_after_a_partial_run_sends_nobody_twice(smtp_server, tmp_path,
                                                                 mailing, lang):
    typo = "user3@exmaple.com"
    csv = write_list(tmp_path / "list.csv", [("客戶1", "user1@example.com"),
                                             ("客戶2", "user2@example.com"), ("客戶3", typo),
                                             ("客戶4", "user4@example.com")])
    first_server = smtp_server(tls="none", reject_rcpt={typo},
                               tempfail_rcpt={"user4@example.com"})
    first = mailing(first_server, csv, "--max-attempts", "1", "--backoff", "0")
    assert out_lines(first)[-1] == SUMMARY.format(2, 1, 1, 0)
    # the user fixes the typo, adds a row and sorts the list differently
    write_list(tmp_path / "list.csv", [("客戶2", "user2@example.com"),
                                       ("客戶5", "user5@example.com"),
                                       ("客戶1", "user1@example.com"),
                                       ("客戶3", "user3@example.com"),
                                       ("客戶4", "user4@example.com")])
    good = smtp_server(tls="none")
    refused = mailing(good, csv, "--backoff", "0", "--lang", lang)
    said = refused.stderr.decode()
    assert refused.returncode == 1 and "Traceback" not in said, said
    assert "--continue-with-changed-list" in said
    assert ("recipient list changed" in said and "2 already sent" in said if lang == "en"
            else "收件者名單已變更" in said), said
    assert not good.messages
    going_on = mailing(good, csv, "--backoff", "0", "--lang", lang,
                       "--continue-with-changed-list")
    told = going_on.stdout.decode()
    assert going_on.returncode == 0, going_on.stderr.decode() + told
    assert ("2 already sent (or maybe sent) are skipped, 2 new or corrected rows to send" in told
            and ", 1 row no longer in the list removed" in told if lang == "en"
            else "已發送（或可能已發送）的 2 位略過" in told), told
    assert out_lines(going_on)[-1] == SUMMARY.format(5, 0, 0, 0)
    # at the servers: everyone once, the typo never after its 550, the first two never again
    everyone = received(first_server) + received(good)
    assert everyone == Counter({f"user{i}@example.com": 1 for i in (1, 2, 3, 4, 5)})
    assert received(good) == Counter(["user3@example.com", "user4@example.com",
                                      "user5@example.com"])
    again = mailing(good, csv, "--backoff", "0")  # the same command later: all done
    assert again.returncode == 0 and out_lines(again)[-1] == SUMMARY.format(5, 0, 0, 0)
    assert len(good.messages) == 3
    exported = tmp_path / "out.csv"
    mailing(good, csv, "--export", str(exported))
    assert typo not in exported.read_text(encoding="utf-8-sig")


def test_a_changed_message_is_told_apart_and_can_go_on_too(smtp_server, tmp_path, mailing):
    """Another subject: not "the list changed"; the advice never sends silently to all."""
    csv, _ = deferred_journal(smtp_server, tmp_path, mailing)
    good = smtp_server(tls="none")
    refused = mailing(good, csv, "--backoff", "0", subject="{{姓名}}，十二月報價")
    said = refused.stderr.decode()
    assert refused.returncode == 1 and "belongs to a different mailing" in said, said
    assert "to everyone on the list, those 2 included" in said
    going_on = mailing(good, csv, "--backoff", "0", "--continue-with-changed-list", "--json",
                       subject="{{姓名}}，十二月報價")
    assert going_on.returncode == 0, going_on.stderr.decode()
    data = json.loads(going_on.stdout)
    assert data["list_change"] == {"skipped": 2, "added": 0, "dropped": 0, "history": 0}
    assert data["summary"]["sent"] == 4
    assert received(good) == Counter(["user3@example.com", "user4@example.com"])


def test_an_unknown_recipient_no_longer_in_the_list_is_never_resent(smtp_server, tmp_path,
                                                                    mailing):
    csv = write_list(tmp_path / "list.csv", people(2))
    dropping = smtp_server(tls="none", drop_during_data=True)
    first = mailing(dropping, csv)
    assert out_lines(first)[-1] == SUMMARY.format(0, 0, 0, 2)  # both "unknown"
    write_list(tmp_path / "list.csv", [("客戶1", "user1@example.com"),
                                       ("客戶3", "user3@example.com")])  # user2 taken out
    good = smtp_server(tls="none")
    going_on = mailing(good, csv, "--continue-with-changed-list")
    assert out_lines(going_on)[-1] == SUMMARY.format(1, 0, 0, 2)  # user2 kept as history
    refused = mailing(good, csv, "--resolve-unknown", "user2@example.com=resend")
    said = refused.stderr.decode()
    assert refused.returncode == 2 and "not in the list you gave" in said, said
    everyone = mailing(good, csv, "--resolve-unknown", "all=resend")  # of the list: user1
    assert everyone.returncode == 1, everyone.stderr.decode()
    assert received(good) == Counter(["user3@example.com", "user1@example.com"])
