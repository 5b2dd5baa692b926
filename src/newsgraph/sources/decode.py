"""Bytes to text: byte-order marks, declared charsets, UTF-16, Windows-1252, never a crash."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from newsgraph.errors import BinaryInput, EmptyInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"%PDF", "a PDF document"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an XZ archive"),
    (b"\x7fELF", "an executable"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"\x00asm", "a WebAssembly module"),
    (b"SQLite format 3", "an SQLite database"),
)

_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)

# Browsers read these labels as Windows-1252 (WHATWG Encoding Standard), and so do we.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819"}

# Latin-script code pages a detector confuses with Windows-1252 on short Western text.
_LATIN_GUESSES = {
    "cp1250",
    "cp1252",
    "cp1254",
    "cp1257",
    "cp1258",
    "latin_1",
    "iso8859_2",
    "iso8859_3",
    "iso8859_4",
    "iso8859_9",
    "iso8859_10",
    "iso8859_13",
    "iso8859_14",
    "iso8859_15",
    "iso8859_16",
    "mac_roman",
    "mac_latin2",
    "mac_iceland",
    "mac_turkish",
    "cp437",
    "cp850",
}


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the encoding used, and whether any byte had to be replaced."""

    text: str
    encoding: str
    lossy: bool = False

    @property
    def note(self) -> str:
        """A one-line warning when bytes were replaced, else an empty string."""
        if not self.lossy:
            return ""
        return f"bytes that are not valid {self.encoding} were replaced with U+FFFD"


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode a page's bytes, refusing binary data and replacing bytes no encoding explains.

    `declared` is a charset from outside the page (an HTTP header): it outranks the page's own
    declaration and a guess, but not a byte-order mark, UTF-16's NUL bytes or valid UTF-8, since
    servers often announce ISO-8859-1 by default.
    """
    bom = _bom(data)
    if bom:
        data, encoding = data[len(bom[0]) :], bom[1]
    else:
        _refuse_binary(data)
        encoding = _encoding_of(data, charset_codec(declared))
    try:
        decoded = Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        decoded = Decoded(data.decode(encoding, errors="replace"), encoding, lossy=True)
    if not decoded.text.strip():
        raise EmptyInput("the input holds no text")
    return decoded


def _bom(data: bytes) -> tuple[bytes, str] | None:
    return next(((m, e) for m, e in _BOMS if data.startswith(m)), None)


def _refuse_binary(data: bytes) -> None:
    if not data.strip():
        raise EmptyInput("the input is empty")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput(f"the input is {what}, not a page")
    head = data[:8192]
    if b"\x00" in head and _utf16_order(head) is None:
        raise BinaryInput("the input holds NUL bytes: binary data, not a page")


def _utf16_order(head: bytes) -> str | None:
    """Recognise BOM-less UTF-16 by where the NUL bytes of ASCII characters fall."""
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2 or 1
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _encoding_of(data: bytes, header: str | None = None) -> str:
    utf16 = _utf16_order(data[:8192]) if b"\x00" in data[:8192] else None
    if utf16:
        return utf16
    # A header's charset beats UTF-8 only where the bytes are not wholly valid UTF-8 (a page cut
    # off mid-character is read as UTF-8 below, but not against a header saying otherwise).
    if header and not _decodes(data, "utf-8") and _decodes(data, header):
        return header
    # Valid UTF-8 with non-ASCII characters is almost never anything else, whatever the page
    # declares (CMS templates often keep a stale charset), so it comes before the declaration.
    if _is_utf8(data):
        return "utf-8"
    declared = _declared(data)
    if declared and _decodes(data, declared):
        return declared
    return _guess(data)


def _declared(data: bytes) -> str | None:
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii", "replace").lower()
    if label.startswith(("utf-16", "utf16", "utf-32", "utf32")):
        return None  # bytes that reach here are not UTF-16; browsers ignore this claim too
    return "cp1252" if label in _AS_CP1252 else label


def charset_codec(label: str | None) -> str | None:
    """Python's codec for a charset label, None if unknown; Latin-1 and ASCII read as cp1252."""
    try:
        name = codecs.lookup((label or "").strip(" \"'").lower()).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None  # bytes that reach the declarations are not UTF-16, whatever they claim
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _guess(data: bytes) -> str:
    guess = from_bytes(data[:65536]).best()
    encoding = str(guess.encoding) if guess is not None else "cp1252"
    if encoding in _LATIN_GUESSES and _decodes(data, "cp1252"):
        # Short Western pages fool the detector into a sibling code page; 1252 is the usual one.
        return "cp1252"
    return encoding


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _is_utf8(data: bytes) -> bool:
    """True for UTF-8, also when only the last character was cut off (a truncated file)."""
    for cut in range(4):
        try:
            data[: len(data) - cut].decode("utf-8")
            return True
        except UnicodeDecodeError as exc:
            if exc.start < len(data) - 4:
                return False
    return False
