"""Exchange formats: the catalogue JSON (versioned, with a JSON Schema)."""
