"""The hand-written ranking beside well-kept engines, on the same terms and the tuning half.

    python benchmarks/compare_search.py            # SQLite FTS5 (in Python's standard library)
    PYTHONPATH=/path/to/bm25s python benchmarks/compare_search.py   # and bm25s, if importable

Every engine gets the same text: each page's keywords, title, summary and body cut into our
terms (bot/conversation/search/text.py: English words stemmed, Chinese characters and pairs,
Traditional folded to Simplified), and each question's terms, with and without the
vocabulary's equivalents (content/vocabulary.yaml). What differs is only the ranking:

* ours: bot/conversation/search/index.py (field weights, rarity, keyword coverage, topic words);
* FTS5: SQLite's BM25 with column weights keyword 4, title 3.6, summary 2, body 0.8;
* bm25s: BM25 over a page's terms, keywords repeated 4 times, title 3, summary 2 (BM25F by
  repetition).

Scores are top-1 and top-3 on the tuning half of tests/data/real_questions.yaml and top-3 on
the written questions of tests/core/search_cases.py; the held-out half is not used to choose.
docs/search.md reports the result.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.conversation.screen_builder import ScreenBuilder  # noqa: E402
from bot.conversation.search.text import normalise, split_terms, term_keys  # noqa: E402
from bot.conversation.search.vocab import CompiledVocabulary  # noqa: E402
from bot.conversation.telegram_html import visible_text  # noqa: E402
from bot.model.model import FALLBACK_LOCALE, LOCALES  # noqa: E402
from tests.core.real_questions import evaluate, load  # noqa: E402
from tests.core.search_cases import CASES  # noqa: E402

FIELDS = ("keyword", "title", "summary", "body")
Docs = dict[str, dict[str, dict[str, list[str]]]]  # locale -> page -> field -> terms


def page_terms(builder: ScreenBuilder) -> Docs:
    docs: Docs = {}
    for locale, texts in builder.content.texts.items():
        for page_id, text in texts.items():
            body = visible_text(builder.renderer.body(page_id, locale))
            docs.setdefault(locale, {})[page_id] = {
                "keyword": [k for kw in text.keywords for k, _w, _s in split_terms(kw)],
                "title": [k for k, _w, _s in split_terms(f"{text.title} {text.button or ''}")],
                "summary": [k for k, _w, _s in split_terms(text.summary or "")],
                "body": sorted(term_keys(body, {})),
            }
    return docs


def query_terms(vocabulary: CompiledVocabulary | None, query: str) -> list[str]:
    text = normalise(query)[:500]
    if vocabulary is None:
        return list(dict.fromkeys(k for k, _w, _s in split_terms(text)))
    text = vocabulary.without_ruled_out(text)
    terms, _groups = vocabulary.expand(text, split_terms(text))
    return list(dict.fromkeys(k for k, _w, _s in terms))


Engine = Callable[[list[str], str], list[str]]


def fts5(docs: Docs) -> Engine:
    db = sqlite3.connect(":memory:")
    for number, locale in enumerate(LOCALES):
        db.execute(f"CREATE VIRTUAL TABLE t{number} USING fts5(page UNINDEXED, "
                   "keyword, title, summary, body, tokenize='unicode61 remove_diacritics 0')")
        for page_id, fields in docs[locale].items():
            db.execute(f"INSERT INTO t{number} VALUES (?, ?, ?, ?, ?)",
                       (page_id, *(" ".join(fields[f]) for f in FIELDS)))

    def search(terms: list[str], locale: str) -> list[str]:
        if not terms:
            return []
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        order = [locale] + [other for other in LOCALES if other != locale]
        found: list[str] = []
        for other in order:
            rows = db.execute(f"SELECT page FROM t{LOCALES.index(other)} WHERE "
                              f"t{LOCALES.index(other)} MATCH ? ORDER BY "
                              f"bm25(t{LOCALES.index(other)}, 0, 4.0, 3.6, 2.0, 0.8) LIMIT 3",
                              (match,)).fetchall()
            found += [page for (page,) in rows if page not in found]
            if found:
                break
        return found[:3]

    return search


def bm25s_engine(docs: Docs) -> Engine | None:
    try:
        import bm25s  # type: ignore[import-not-found]
    except ImportError:
        return None
    models = {}
    for locale in LOCALES:
        ids = list(docs[locale])
        corpus = [f["keyword"] * 4 + f["title"] * 3 + f["summary"] * 2 + f["body"]
                  for f in (docs[locale][page] for page in ids)]
        vocab = {term: n for n, term in enumerate(sorted({t for doc in corpus for t in doc}))}
        model = bm25s.BM25()
        model.index(bm25s.tokenization.Tokenized(
            ids=[[vocab[t] for t in doc] for doc in corpus], vocab=vocab), show_progress=False)
        models[locale] = (model, ids, vocab)

    def search(terms: list[str], locale: str) -> list[str]:
        model, ids, vocab = models[locale if locale in models else FALLBACK_LOCALE]
        known = [vocab[t] for t in terms if t in vocab]
        if not known:
            return []
        scores = model.get_scores(known)
        ranked = sorted(range(len(ids)), key=lambda i: -scores[i])
        return [ids[i] for i in ranked[:3] if scores[i] > 0]

    return search


def main() -> int:
    builder = ScreenBuilder.load(ROOT / "content", ROOT / "locales")
    index = builder.search_index
    vocabulary = CompiledVocabulary.build(builder.content.vocabulary)
    docs = page_terms(builder)
    tune = [q for q in load() if q.half == "tune"]
    engines: list[tuple[str, Callable[[str, str], list[str]]]] = [
        ("ours (hand-written ranking)", lambda q, loc: [h.page for h in index.search(q, loc)])]
    fts = fts5(docs)
    engines.append(("SQLite FTS5 bm25, our terms", lambda q, loc: fts(query_terms(None, q), loc)))
    engines.append(("SQLite FTS5 bm25, + vocabulary",
                    lambda q, loc: fts(query_terms(vocabulary, q), loc)))
    bm = bm25s_engine(docs)
    if bm is not None:
        engines.append(("bm25s, our terms", lambda q, loc: bm(query_terms(None, q), loc)))
        engines.append(("bm25s, + vocabulary",
                        lambda q, loc: bm(query_terms(vocabulary, q), loc)))
    print("| engine | tune en top-1 / top-3 | tune zh-Hans | tune zh-Hant | written top-3 | "
          "median ms |")
    print("|---|---|---|---|---|---|")
    for name, engine in engines:
        scores = evaluate(tune, lambda q, loc, e=engine: (e(q, loc), False))  # type: ignore[misc]
        cells = []
        for locale in LOCALES:
            s = scores[(locale, "tune")]
            cells.append(f"{s.top1}/{s.total} / {s.top3}/{s.total}")
        written = sum(case.page in engine(case.query, case.locale) for case in CASES)
        times = []
        for q in tune:
            start = time.perf_counter()
            engine(q.query, q.locale)
            times.append(time.perf_counter() - start)
        print(f"| {name} | {' | '.join(cells)} | {written}/{len(CASES)} | "
              f"{statistics.median(times) * 1000:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
