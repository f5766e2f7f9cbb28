"""Moved: the fast one-sheet writer is ``konvergensi.documents.xlsx_stream``; this name stays for
the e-PPGBM error file, the sample files and their tests."""

from konvergensi.documents.xlsx_stream import write_xlsx

__all__ = ["write_xlsx"]
