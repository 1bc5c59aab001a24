"""``python -m bot``."""

import gc
import sys

# Start-up makes about a million objects that live as long as the process (aiogram's models,
# our content), and the cyclic collector would walk them again and again while they are being
# made: half a second of a five-second start here. It is off until ``bot.cli`` says start-up is
# done (at once for commands that are not the bot) and then freezes what start-up made.
gc.disable()

from bot.cli import main  # noqa: E402

sys.exit(main())
