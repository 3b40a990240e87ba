"""email-validator's reasons (English only) in 繁中: what the address checker says inside a
繁中 message. Matched by the start of each of its messages (email-validator 2.x); what follows
a colon (the characters it found) is kept; a message not listed is said generally, never in
English inside Chinese."""

from __future__ import annotations

from .text import Text

# (start of email-validator's message, 繁中) — longest starts first where two share a start.
_REASONS: tuple[tuple[str, str], ...] = (
    ("An email address must have an @-sign", "缺少 @ 符號"),
    ("There must be something before the @-sign", "@ 前面沒有內容"),
    ("There must be something after the @-sign", "@ 後面沒有內容"),
    ("The part after the @-sign is not valid. It should have a period",
     "@ 後面的網域不完整，應該含有句點，例如 example.com"),
    ("The part after the @-sign is not valid. It is not within a valid top-level domain",
     "@ 後面的網域不在有效的頂級網域之下"),
    ("The part after the @-sign is a special-use or reserved name",
     "@ 後面是保留或特殊用途的名稱，無法收信"),
    ("The part after the @-sign contains invalid characters", "@ 後面含有無效的字元"),
    ("The part after the @-sign", "@ 後面的網域無效"),
    ("An email address cannot have two periods in a row", "不能有連續兩個句點"),
    ("An email address cannot have a period and a hyphen next to each other",
     "句點與連字號不能相鄰"),
    ("An email address cannot have two letters followed by two dashes",
     "網域的一段不能以兩個字母加兩個連字號開頭"),
    ("The email address contains invalid characters before the @-sign",
     "@ 前面含有無效的字元"),
    ("The email address contains invalid characters in quotes", "引號內含有無效的字元"),
    ("The email address contains invalid characters after the @-sign",
     "@ 後面含有無效的字元"),
    ("The email address contains an invalid character", "含有無效的字元"),
    ("The email address contains unsafe characters", "含有不安全的字元"),
    ("The email address is not valid ASCII", "含有非 ASCII 字元"),
    ("The email address has the \"small commercial at\"", "使用了小型的 ＠ 符號，請改用一般的 @"),
    ("The email address is too long before the @-sign", "@ 前面太長"),
    ("The email address is too long after the @-sign", "@ 後面太長"),
    ("The email address is too long", "地址太長"),
    ("After the @-sign, periods cannot be separated by so many characters",
     "@ 後面某一段太長（兩個句點之間最多 63 個字元）"),
    ("Internationalized characters before the @-sign are not supported",
     "@ 前面不支援中文等非英數字元"),
    ("Quoting the part before the @-sign is not allowed", "@ 前面不能使用引號"),
    ("A bracketed IP address after the @-sign is not allowed", "@ 後面不能是 IP 位址"),
    ("A display name and angle brackets", "這裡不能包含顯示名稱與角括號"),
    ("An open angle bracket at the start", "開頭的「<」缺少結尾的「>」"),
    ("There can't be anything after the email address", "地址後面不能再有其他內容"),
    ("Extra character(s) found after close quote", "引號後面有多餘的字元"),
    ("The display name contains invalid characters", "顯示名稱含有無效的字元，請加上引號"),
    ("The IPv6 address in brackets", "方括號中的 IPv6 位址無效"),
    ("The address in brackets after the @-sign", "方括號中的位址無效"),
    ("The domain name", "網域無法收信"),
)


def address_reason(message: str) -> Text:
    """email-validator's `message` with its 繁中 words."""
    for start, zh in _REASONS:
        if message.startswith(start):
            rest = message[len(start):]
            found = rest.partition(": ")[2].rstrip(".") if ": " in rest else ""
            return Text(message, f"{zh}：{found}" if found else zh)
    return Text(message, "格式不正確")
