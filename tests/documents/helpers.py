"""Reading rendered documents back in tests."""

from __future__ import annotations

import re
import zlib


def pdf_page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", data))


def pdf_outline_titles(data: bytes) -> list[str]:
    """Bookmark titles (reportlab writes them as literal or UTF-16 hex strings)."""
    titles = []
    entries = b"".join(
        o for o in re.findall(rb"\d+ 0 obj(.*?)endobj", data, re.S) if b"/Parent" in o
    )
    for m in re.finditer(rb"/Title (\((?:\\.|[^\\)])*\)|<[0-9a-fA-F]+>)", entries):
        raw = m.group(1)
        if raw.startswith(b"<"):
            b = bytes.fromhex(raw[1:-1].decode())
            titles.append(b[2:].decode("utf-16-be") if b.startswith(b"\xfe\xff") else b.decode())
        else:
            text = raw[1:-1]
            text = re.sub(rb"\\([()\\])", rb"\1", text)
            if text.startswith(b"\xfe\xff"):
                titles.append(text[2:].decode("utf-16-be"))
            else:
                titles.append(text.decode("latin-1"))
    return titles


def pdf_streams(data: bytes) -> list[bytes]:
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            out.append(m.group(1))
    return out
