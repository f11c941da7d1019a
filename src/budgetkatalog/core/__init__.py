"""The pure domain: amounts, years, proposals, tables, catalogues and the overview."""
