"""Shared rendering of documents: one small block model (headings, paragraphs, tables, images)
written as an editable DOCX (python-docx) or a PDF (reportlab), charts as PNG (matplotlib Agg)
and every Excel workbook (``xlsx``: tables, coloured matrices, templates). Apps build the
blocks and sheets; this package only renders."""
