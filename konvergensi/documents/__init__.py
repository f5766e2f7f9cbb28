"""Shared rendering of documents: one small block model (headings, paragraphs, tables, images)
written as an editable DOCX (python-docx) or a PDF (reportlab), charts as PNG (matplotlib Agg)
and coloured tables as XLSX (openpyxl). Apps build the blocks; this package only renders."""
