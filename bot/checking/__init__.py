"""``python -m bot check``: every rule over the loaded content and its rendered screens."""
