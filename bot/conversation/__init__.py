"""An input in, a screen out: the Guide, screens, rendering, search and crisis reading. No
aiogram, no disk, no clock: every front end is a thin adapter over this."""
