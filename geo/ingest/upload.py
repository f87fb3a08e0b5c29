"""What an uploaded or pasted article must be before anything reads it: small UTF-8 text."""

from __future__ import annotations

MAX_ARTICLE_BYTES = 1024 * 1024  # 1 MB: a long article is ~50 kB
# Control characters other than tab, newline and carriage return mark a binary file.
_BINARY = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r") | {"\x7f"}


def decode_article(raw: bytes) -> tuple[str | None, str]:
    """The article's text, or None and a message a person can act on."""
    if len(raw) > MAX_ARTICLE_BYTES:
        return None, "the file is larger than 1 MB; an article is far smaller. Nothing was read."
    if b"\x00" in raw:
        return None, "the file is binary (it contains NUL bytes), not a text article."
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return (
            None,
            f"the file is not UTF-8 text (bad byte at position {exc.start}); save it as UTF-8.",
        )
    text = text.removeprefix("\ufeff")
    if any(ch in _BINARY for ch in text):
        return None, "the file holds control characters: it looks binary, not a text article."
    if not text.strip():
        return None, "the file is empty."
    return text, ""
