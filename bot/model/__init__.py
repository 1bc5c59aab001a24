"""A checked content model from the YAML files: it reads files, never writes them."""
