"""What an uploaded or pasted article must be before anything reads it: small Unicode text.

The limit is 1 MB = 1,000,000 bytes, as the page, the README and Streamlit's uploader (which
counts 1 MB as 1,000,000 bytes outside Windows) all say. UTF-8 is read as is (a byte-order
mark dropped); UTF-16 and UTF-32 with a byte-order mark, and UTF-16 without one (told by
where its zero bytes fall), are decoded, and the caller is told so: accepting saves the
article as UTF-8. The uploader's file name is never read.
"""

from __future__ import annotations

import codecs

from geo.settings import from_env

MAX_ARTICLE_BYTES = 1_000_000  # 1 MB: a long article is ~50 kB
LIMIT_WORDS = "1 MB (1,000,000 bytes)"
# Control characters other than tab, newline and carriage return mark a binary file.
_BINARY = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r") | {"\x7f"}
# Byte-order marks, longest first (UTF-32 LE's begins with UTF-16 LE's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 (little-endian)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 (big-endian)"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 (little-endian)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 (big-endian)"),
)


def _unmarked_utf16(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark: zero bytes, all at odd offsets (little-endian) or
    all at even ones (big-endian), as the spaces, digits and line breaks of any text give."""
    if len(raw) % 2 or b"\x00" not in raw:
        return None
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    if odd and not even:
        return "utf-16-le", "UTF-16 (little-endian, no byte-order mark)"
    if even and not odd:
        return "utf-16-be", "UTF-16 (big-endian, no byte-order mark)"
    return None


def _wide(raw: bytes) -> tuple[str | None, str] | None:
    """The text of a UTF-16 or UTF-32 file and a note saying so; None when it is neither."""
    found = next(((bom, codec, name) for bom, codec, name in _BOMS if raw.startswith(bom)), None)
    if found is not None:
        bom, codec, name = found
        body, what = raw[len(bom) :], f"{name}, with a byte-order mark"
    elif (unmarked := _unmarked_utf16(raw)) is not None:
        body, (codec, what) = raw, unmarked
    else:
        return None
    try:
        text = body.decode(codec)
    except UnicodeDecodeError:
        return None, (
            f"the file looks like {what} but does not decode as it; save it as UTF-8 "
            "(in most editors: Save As → Encoding: UTF-8)."
        )
    return text, f"The file was read as {what}; accepting saves the article as UTF-8."


def decode_article(raw: bytes) -> tuple[str | None, str]:
    """The article's text and "" (or a note when it was not UTF-8), or None and a message
    a person can act on."""
    if len(raw) > MAX_ARTICLE_BYTES:
        return (
            None,
            f"the file is larger than {LIMIT_WORDS}; an article is far smaller. Nothing was read.",
        )
    note = ""
    wide = _wide(raw)
    if wide is not None:
        text, note = wide
        if text is None:
            return None, note
    elif b"\x00" in raw:
        return None, "the file is binary (it contains NUL bytes), not a text article."
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return (
                None,
                f"the file is not UTF-8 text (bad byte at position {exc.start}); save it as UTF-8.",
            )
    return _checked(text.removeprefix("\ufeff"), note)


def _checked(text: str, note: str) -> tuple[str | None, str]:
    if note and len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:  # it is saved as UTF-8
        return None, f"as UTF-8 the article would be larger than {LIMIT_WORDS}."
    limit = from_env().max_article_chars
    if len(text) > limit:
        return None, (
            f"the article has {len(text):,} characters; ingest reads at most {limit:,} "
            "(ATLAS_MAX_ARTICLE_CHARS). Paste the part that reports the incident."
        )
    if any(ch in _BINARY for ch in text):
        return None, "the file holds control characters: it looks binary, not a text article."
    if not text.strip():
        return None, "the file is empty."
    return text, note
