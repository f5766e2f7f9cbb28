"""Render a ``blocks.Document`` as a PDF (reportlab platypus) with an embedded DejaVu Sans
(Indonesian text, "≥", "–"), falling back to Helvetica when the font is not installed.
Headings are also PDF bookmarks (the outline a reader shows beside the pages)."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from . import blocks as b

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _fonts() -> tuple[str, str]:
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return "Helvetica", "Helvetica-Bold"
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
    return "DejaVuSans", "DejaVuSans-Bold"


class _Doc(SimpleDocTemplate):
    def afterFlowable(self, flowable):
        level = getattr(flowable, "_bookmark_level", None)
        if level is None:
            return
        key = f"h{id(flowable)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable._bookmark_text, key, level=level, closed=False)


def _styles(font: str, bold: str) -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    s = {
        "title": ParagraphStyle("t", parent=base["Title"], fontName=bold, fontSize=18),
        "body": ParagraphStyle("b", parent=base["BodyText"], fontName=font, fontSize=9, leading=12),
        "cell": ParagraphStyle(
            "c", parent=base["BodyText"], fontName=font, fontSize=7, leading=8.5
        ),
        "caption": ParagraphStyle(
            "cap", parent=base["BodyText"], fontName=font, fontSize=8, textColor=colors.grey
        ),
    }
    for level, size in ((1, 14), (2, 12), (3, 10), (4, 9)):
        s[f"h{level}"] = ParagraphStyle(
            f"h{level}", parent=base["Heading2"], fontName=bold, fontSize=size, leading=size + 4
        )
    return s


def _cell(text: str, style, colour: str | None = None) -> Paragraph:
    body = escape(text)
    if colour:
        body = f'<font color="{colour}">{body}</font>'
    return Paragraph(body, style)


CELL_PADDING, DENSE_PADDING, MIN_CELL_SIZE = 6.0, 2.0, 5.0


def _fit(t: b.Table, s, widths: list[float]) -> tuple[ParagraphStyle, float]:
    """The cell style and side padding with which the longest word of every column fits its
    width: many narrow columns (the traffic-light matrix has one per indicator) would otherwise
    break a figure such as "50,0" into "50," and "0". Shrinks the text down to MIN_CELL_SIZE,
    below which reportlab splits what still does not fit."""
    style = s["cell"]
    widest = []  # per column, its longest word's width at a font size of 1 pt
    for column in zip(t.headers, *t.rows, strict=True):
        words = " ".join(str(text) for text in column).split()
        widest.append(
            max((pdfmetrics.stringWidth(w, style.fontName, 1.0) for w in words), default=0)
        )
    pairs = [(w, cw) for w, cw in zip(widest, widths, strict=True) if w]
    if all(w * style.fontSize <= cw - 2 * CELL_PADDING for w, cw in pairs):
        return style, CELL_PADDING
    # a little room: a word exactly as wide as its cell is still split (rounding)
    size = 0.98 * min((cw - 2 * DENSE_PADDING) / w for w, cw in pairs)
    size = max(MIN_CELL_SIZE, min(style.fontSize, size))
    return ParagraphStyle("cd", parent=style, fontSize=size, leading=size * 1.2), DENSE_PADDING


def _table(t: b.Table, s, bold: str, width: float) -> list:
    weights = t.widths or tuple(1.0 for _ in t.headers)
    total = sum(weights)
    col_widths = [width * w / total for w in weights]
    cell, padding = _fit(t, s, col_widths)
    data = [[_cell(h, cell) for h in t.headers]]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e0e0e0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, 0), bold),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
    ]
    for i, row in enumerate(t.rows, start=1):
        cells = []
        for j, text in enumerate(row):
            fill = t.fills[i - 1][j] if t.fills else None
            if fill:
                style.append(("BACKGROUND", (j, i), (j, i), colors.HexColor(fill)))
            cells.append(_cell(text, cell, b.text_colour(fill) if fill else None))
        data.append(cells)
    table = Table(data, colWidths=col_widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    out = [Paragraph(escape(t.caption), s["caption"])] if t.caption else []
    return [*out, table, Spacer(1, 0.3 * cm)]


def render(document: b.Document, *, wide: bool = False) -> bytes:
    font, bold = _fonts()
    s = _styles(font, bold)
    page = landscape(A4) if wide else A4
    out = io.BytesIO()
    doc = _Doc(
        out,
        pagesize=page,
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
        title=document.title,
    )
    width = page[0] - 3 * cm
    story: list = [Paragraph(escape(document.title), s["title"])]
    if document.subtitle:
        story.append(Paragraph(escape(document.subtitle), s["body"]))
    for block in document.blocks:
        if isinstance(block, b.Heading):
            p = Paragraph(escape(block.text), s[f"h{min(block.level, 4)}"])
            p._bookmark_level = min(block.level, 4) - 1
            p._bookmark_text = block.text
            story.append(p)
        elif isinstance(block, b.Paragraph):
            text = escape(block.text)
            story.append(Paragraph(f"<i>{text}</i>" if block.italic else text, s["body"]))
        elif isinstance(block, b.Bullets):
            items = [ListItem(Paragraph(escape(i), s["body"])) for i in block.items]
            story.append(ListFlowable(items, bulletType="bullet", bulletFontName=font))
        elif isinstance(block, b.Table):
            story.extend(_table(block, s, bold, width))
        elif isinstance(block, b.Image):
            img = Image(io.BytesIO(block.png))
            ratio = img.imageHeight / img.imageWidth
            w = min(block.width_cm * cm, width)
            img.drawWidth, img.drawHeight = w, w * ratio
            story.append(img)
            if block.caption:
                story.append(Paragraph(escape(block.caption), s["caption"]))
        elif isinstance(block, b.PageBreak):
            story.append(PageBreak())
    doc.build(story)
    return out.getvalue()
