"""``python -m bot``."""

import gc
import sys

# Importing aiogram makes about a million objects that live as long as the process, and the
# cyclic collector would walk them again and again while they are being made: half a second of
# a five-second start here. It is off until ``bot.cli`` has imported what the bot runs on (at
# once for commands that are not the bot), which then freezes those objects and turns it on.
gc.disable()

from bot.cli import main  # noqa: E402

sys.exit(main())
