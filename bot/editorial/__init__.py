"""Tools that write content files for editors and translators: reviews, PO files, schemas."""
