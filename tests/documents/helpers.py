"""Reading rendered documents back in tests, as a reader sees them (pypdf)."""

from __future__ import annotations

import io

from pypdf import PdfReader


def _reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF"), data[:20]
    return PdfReader(io.BytesIO(data))


def pdf_page_count(data: bytes) -> int:
    return len(_reader(data).pages)


def pdf_outline_titles(data: bytes) -> list[str]:
    """Bookmark titles in reading order, nested entries flattened."""

    def walk(entries) -> list[str]:
        titles: list[str] = []
        for entry in entries:
            titles.extend(walk(entry) if isinstance(entry, list) else [entry.title])
        return titles

    return walk(_reader(data).outline)


def pdf_pages_text(data: bytes) -> list[str]:
    """The text of each page with runs of white space made one space: a sentence that wraps
    over two lines reads as one, and a table row reads as its cells in order
    (``"Kota Soe 30,0% 12/40"``)."""
    return [" ".join(page.extract_text().split()) for page in _reader(data).pages]


def pdf_text(data: bytes) -> str:
    """The text of the whole document (see ``pdf_pages_text``)."""
    return " ".join(pdf_pages_text(data))
