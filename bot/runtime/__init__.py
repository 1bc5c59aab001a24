"""What keeps a running bot alive: the counts store and its flusher, reloading, the last good
copy of the content. The only package that touches disk or runs background tasks;
``bot.model`` and ``bot.conversation`` can be tested without it."""
