"""Render a ``blocks.Document`` as an editable DOCX (python-docx)."""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import blocks as b


def _shade(cell, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill.lstrip("#").upper())
    props.append(shd)


def _table(doc, t: b.Table) -> None:
    if t.caption:
        doc.add_paragraph(t.caption, style="Caption")
    table = doc.add_table(rows=1, cols=len(t.headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, t.headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(8)
    for i, row in enumerate(t.rows):
        cells = table.add_row().cells
        for j, text in enumerate(row):
            cells[j].text = ""
            run = cells[j].paragraphs[0].add_run(text)
            run.font.size = Pt(8)
            fill = t.fills[i][j] if t.fills else None
            if fill:
                _shade(cells[j], fill)
                run.font.color.rgb = RGBColor.from_string(b.text_colour(fill).lstrip("#").upper())
    doc.add_paragraph()


def render(document: b.Document) -> bytes:
    doc = new_docx()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = document.title
    doc.add_heading(document.title, level=0)
    if document.subtitle:
        doc.add_paragraph(document.subtitle)
    for block in document.blocks:
        if isinstance(block, b.Heading):
            doc.add_heading(block.text, level=min(block.level, 4))
        elif isinstance(block, b.Paragraph):
            p = doc.add_paragraph()
            p.add_run(block.text).italic = block.italic
        elif isinstance(block, b.Bullets):
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        elif isinstance(block, b.Table):
            _table(doc, block)
        elif isinstance(block, b.Image):
            doc.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            if block.caption:
                doc.add_paragraph(block.caption, style="Caption")
        elif isinstance(block, b.PageBreak):
            doc.add_page_break()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
