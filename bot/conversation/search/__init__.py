"""Search for "ask in your own words": find the pages that best answer what someone typed.

- ``text``: folding (case, width, Traditional to Simplified) and cutting text into terms;
- ``stemming``: a light English stemmer;
- ``typos``: tolerance of one or two wrong letters;
- ``vocab``: the editors' words (content/vocabulary.yaml) applied to a question;
- ``vocabulary_check``: ``check``'s warnings about that file;
- ``index``: the per-language index and the ranking (see its docstring for how).

Nothing typed is stored, logged or cached.
"""

from bot.conversation.search.index import SearchAnswer, SearchHit, SearchIndex
from bot.conversation.search.text import fold

__all__ = ["SearchAnswer", "SearchHit", "SearchIndex", "fold"]
