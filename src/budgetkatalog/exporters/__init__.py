"""Exporters: the catalogue as a book (PDF, Word), a workbook (Excel) and open data."""
