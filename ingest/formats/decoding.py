"""A wire file's bytes to text: UTF-8 only, verbatim; binary, UTF-16 and mojibake refused."""

from __future__ import annotations

import contextlib
import re

from ingest.formats.errors import WireCopyError, line_and_column, quote

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CONTROL_BYTE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Tab, LF and CR are text; every other C0/C1 control, and lone surrogates, are not.
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _mojibake_tables() -> tuple[re.Pattern[str], dict[str, int]]:
    """A pattern for UTF-8 byte sequences misread as Windows-1252 or Latin-1, and the bytes."""
    to_byte = {chr(byte): byte for byte in range(0x80, 0x100)}  # the Latin-1 reading
    for byte in range(0x80, 0xA0):
        # Windows-1252 leaves five of these bytes undefined.
        with contextlib.suppress(UnicodeDecodeError):
            to_byte[bytes([byte]).decode("cp1252")] = byte
    continuation = "".join(re.escape(char) for char, byte in to_byte.items() if byte < 0xC0)
    pattern = re.compile(
        rf"[\xc2-\xdf][{continuation}]|[\xe0-\xef][{continuation}]{{2}}"
        rf"|[\xf0-\xf4][{continuation}]{{3}}"
    )
    return pattern, to_byte


_MOJIBAKE, _MOJIBAKE_BYTES = _mojibake_tables()
# What UTF-8 misread as Windows-1252 turns back into in French or English copy: Latin
# letters, typographic punctuation, currency, the BOM, emoji. A legitimate capital E acute
# before a curly apostrophe would turn into Cyrillic, so it is not taken for mojibake.
_MOJIBAKE_REPAIRS = (
    (0x00A0, 0x024F),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2100, 0x214F),
    (0xFEFF, 0xFEFF),
    (0x1F000, 0x1FAFF),
)


def decode_wire_copy(data: bytes) -> str:
    """The text of a wire file's bytes, verbatim (a BOM included); never binary or mojibake."""
    if data.startswith(_UTF16_BOMS) or _looks_like_utf16(data):
        raise WireCopyError("UTF-16 text, not UTF-8; save the file as UTF-8")
    if _looks_binary(data):
        raise WireCopyError("binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        position = error.start
        line = data.count(b"\n", 0, position) + 1
        raise WireCopyError(
            f"not valid UTF-8 (byte 0x{data[position]:02x} at offset {position}, line {line});"
            " save the file as UTF-8"
        ) from None
    if not text.strip():
        raise WireCopyError("empty file")
    _refuse_mojibake(text)
    refuse_control_characters(text)
    if "\ufffd" in text:
        line, column = line_and_column(text, text.index("\ufffd"))
        raise WireCopyError(
            f"replacement character U+FFFD at line {line}, column {column}: an earlier"
            " conversion already lost some text; start again from the original file"
        )
    return text


def refuse_control_characters(text: str) -> None:
    """Raise WireCopyError at the first control character other than tab, LF or CR."""
    match = _CONTROL_CHARACTER.search(text)
    if match is not None:
        line, column = line_and_column(text, match.start())
        raise WireCopyError(
            f"control character U+{ord(match.group()):04X} at line {line}, column {column};"
            " remove it"
        )


def _looks_like_utf16(data: bytes) -> bool:
    # UTF-16 without a BOM: ASCII text with a NUL in every other byte.
    half = len(data) // 2
    if half < 2 or b"\x00" not in data:
        return False
    return max(data[0::2].count(0), data[1::2].count(0)) >= 0.9 * half


def _looks_binary(data: bytes) -> bool:
    # Text never holds NUL; a few stray controls get a precise message later instead.
    if b"\x00" in data:
        return True
    return len(_CONTROL_BYTE.findall(data)) * 20 > len(data)


def _refuse_mojibake(text: str) -> None:
    for match in _MOJIBAKE.finditer(text):
        garbled = match.group()
        try:
            repaired = bytes(_MOJIBAKE_BYTES[char] for char in garbled).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if any(low <= ord(repaired) <= high for low, high in _MOJIBAKE_REPAIRS):
            line, _ = line_and_column(text, match.start())
            raise WireCopyError(
                f'text is double-encoded ("{quote(garbled)}" stands for "{quote(repaired)}"'
                f" at line {line}); save the original text as UTF-8 once"
            )
