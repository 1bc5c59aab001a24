"""How long loading and checking a large content tree takes.

    python benchmarks/bench_content.py [--pages 1000] [--repeat 3] [--json] [--strict]
    python benchmarks/bench_content.py --profile          # cProfile of one load + check

Writes a synthetic content tree of ``--pages`` pages, each with text in all three languages, in
the format of docs/content.md (structure in content/pages/<section>.yaml, text in
content/text/<lang>/<section>.yaml; bodies of ~800 characters with bullets, bold, a snippet
include, title_of(); keywords, labels, URL buttons, sources), plus copies of the shipped
locales/, sources.yaml and campaigns.yaml, into a temporary folder. Then times

* ``ScreenBuilder.load``: YAML parsing, pydantic validation, cross-checks, template compilation;
* ``check_content``: what ``python -m bot check`` runs, rendering every page in every language.

Each repetition starts from a fresh ScreenBuilder; medians are reported. Target: 1,000 pages in
three languages load and check in under 2 s (smaller trees get the same 2 s; bigger ones a
proportionally longer limit). Exit code: 0, or 1 with ``--strict`` when the
target is missed, or 2 when the generated content does not pass the check (a benchmark bug).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.checking.check import CheckReport, check_content  # noqa: E402
from bot.conversation.screen_builder import ScreenBuilder  # noqa: E402
from bot.model.model import LOCALES  # noqa: E402
from bot.model.problems import ContentError  # noqa: E402
from bot.telegram.callbacks import encode_action  # noqa: E402

TARGET_PAGES = 1000
TARGET_SECONDS = 2.0  # for up to TARGET_PAGES pages; scaled linearly for bigger trees
SECTIONS = 10
FANOUT = (4, 9)  # children per menu page

Json = dict[str, Any]

TOPICS = ("bladder", "mixing", "safer", "effects", "body", "mental", "cutdown", "help", "law",
          "nose", "heart", "memory", "sleep", "water", "friends", "festival", "money", "mood")
EN_WORDS = {
    "bladder": "bladder", "mixing": "mixing", "safer": "staying safer", "effects": "effects",
    "body": "your body", "mental": "mental health", "cutdown": "cutting down",
    "help": "getting help", "law": "the law", "nose": "your nose", "heart": "your heart",
    "memory": "memory", "sleep": "sleep", "water": "water and heat", "friends": "friends",
    "festival": "festivals", "money": "money", "mood": "mood",
}
HANS_WORDS = {
    "bladder": "膀胱", "mixing": "混用", "safer": "更安全", "effects": "效果", "body": "身体",
    "mental": "心理健康", "cutdown": "减少使用", "help": "求助", "law": "法律", "nose": "鼻子",
    "heart": "心脏", "memory": "记忆", "sleep": "睡眠", "water": "水和高温", "friends": "朋友",
    "festival": "音乐节", "money": "金钱", "mood": "情绪",
}
HANT_WORDS = {
    "bladder": "膀胱", "mixing": "混用", "safer": "更安全", "effects": "效果", "body": "身體",
    "mental": "心理健康", "cutdown": "減少使用", "help": "求助", "law": "法律", "nose": "鼻子",
    "heart": "心臟", "memory": "記憶", "sleep": "睡眠", "water": "水和高溫", "friends": "朋友",
    "festival": "音樂節", "money": "金錢", "mood": "情緒",
}
EN_SENTENCES = (
    "Ketamine can make it hard to move, see clearly or feel pain, so accidents are more likely.",
    "Most harm from ketamine on its own comes from falls, drowning and other accidents.",
    "Using less, and less often, lowers the risk of bladder problems.",
    "Mixing with alcohol or other downers makes it much more likely that someone stops "
    "breathing properly.",
    "Stay with people you trust, somewhere warm and safe, away from stairs, water and roads.",
    "If you notice changes in your body, tell a doctor that you use ketamine.",
    "Many people feel embarrassed, but services see this often and will not judge you.",
    "Start low and wait: it can take longer than you expect to feel the effects.",
    "Sip water slowly, and don't drink too much at once.",
    "If someone can't be woken, put them on their side and stay with them.",
)
HANS_SENTENCES = (
    "氯胺酮可能让你难以行动、看不清楚或感觉不到疼痛，所以更容易发生意外。",
    "单用氯胺酮造成的伤害，大多来自摔倒、溺水等意外。",
    "用得更少、间隔更长，可以降低膀胱出问题的风险。",
    "和酒或其他镇静类药物混用，会大大增加呼吸出问题的风险。",
    "和你信任的人在一起，待在温暖安全的地方，远离楼梯、水和马路。",
    "如果你发现身体有变化，请告诉医生你在用氯胺酮。",
    "很多人会觉得不好意思，但服务机构经常遇到这种情况，不会评判你。",
    "先少用一点，再等一等：起效可能比你想的更慢。",
    "慢慢小口喝水，不要一次喝太多。",
    "如果有人叫不醒，让他侧躺，并留在他身边。",
)
HANT_SENTENCES = (
    "K仔可能令你難以行動、看不清楚或感覺不到痛楚，所以更容易發生意外。",
    "單用K仔造成的傷害，大多來自跌倒、遇溺等意外。",
    "用得更少、相隔更長，可以減低膀胱出問題的風險。",
    "和酒或其他鎮靜類藥物混用，會大大增加呼吸出問題的風險。",
    "和你信任的人一起，留在溫暖安全的地方，遠離樓梯、水和馬路。",
    "如果你發現身體有變化，請告訴醫生你有用K仔。",
    "很多人會覺得尷尬，但服務機構經常遇到這種情況，不會批評你。",
    "先少用一點，再等一等：生效可能比你想像的慢。",
    "慢慢小口喝水，不要一次喝太多。",
    "如果有人叫不醒，讓他側臥，並留在他身邊。",
)
LANGUAGE_TEXT = {
    "en": (EN_WORDS, EN_SENTENCES),
    "zh-Hans": (HANS_WORDS, HANS_SENTENCES),
    "zh-Hant": (HANT_WORDS, HANT_SENTENCES),
}
# Body length per language. English bodies are ~800 characters; Chinese says the same in fewer
# characters: in the shipped content Chinese bodies have ~0.4x the characters of English ones
# (591 vs 240 on average) and about the same number of UTF-8 bytes.
BODY_CHARS = {"en": 800, "zh-Hans": 330, "zh-Hant": 330}


@dataclass
class Page:
    id: str
    topic: str
    section: str
    number: int
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    spec: Json = field(default_factory=dict)


@dataclass
class Tree:
    pages: dict[str, Page]
    sections: list[str]
    files: int = 0
    yaml_bytes: int = 0
    body_chars: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Generating the content tree


def build_tree(count: int, source_ids: Sequence[str], rng: random.Random) -> Tree:
    """home -> sections -> menus -> ... -> leaves, breadth first, until ``count`` pages."""
    if count < 3:
        raise SystemExit("--pages must be at least 3 (home, emergency, about)")
    pages: dict[str, Page] = {}

    def add(page_id: str, topic: str, section: str) -> Page:
        page = Page(page_id, topic, section, len(pages))
        pages[page_id] = page
        return page

    home = add("home", "safer", "home")
    add("emergency", "help", "home")
    add("about", "help", "home")
    sections = []
    for index in range(min(SECTIONS, count - 3)):
        topic = TOPICS[index % len(TOPICS)]
        section = add(f"s{index:02d}_{topic}", topic, f"s{index:02d}_{topic}")
        sections.append(section.id)
    queue = list(sections)
    head = 0
    while len(pages) < count:
        parent = pages[queue[head % len(queue)]]
        head += 1
        for _ in range(rng.randint(*FANOUT)):
            if len(pages) >= count:
                break
            topic = rng.choice(TOPICS)
            child = add(f"{topic}_{len(pages):05d}", topic, parent.section)
            child.parent = parent.id
            parent.children.append(child.id)
            queue.append(child.id)
    home.children = ["emergency", *sections, "about", "language"]

    all_ids = list(pages)
    outcomes = ("urgent", "soon", "watch")
    for page in pages.values():
        spec: Json = {"id": page.id}
        if page.children:
            spec["children"] = page.children
            spec["columns"] = 2 if len(page.children) > 3 else 1
        if page.id == "home":
            spec |= {"factual": False, "emergency_button": False, "columns": 2}
        elif page.id == "about":
            spec["factual"] = False
        else:
            if page.id == "emergency":
                spec["emergency_button"] = False
            spec["sources"] = rng.sample(list(source_ids), rng.randint(2, 6))
            spec["reviewed"] = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(300))
            # No drafts: a live page may not lead to or name one (check refuses it).
            spec["status"] = rng.choice(("awaiting_review", "reviewed"))
        if not page.children and page.number > 3:
            buttons: list[Json] = []
            for target in rng.sample(all_ids, rng.randint(0, 2)):
                button: Json = {"to": target}
                label = rng.choice((None, None, "yes", "no", "more"))
                if label:
                    button["label"] = label
                buttons.append(button)
            if buttons:
                spec["buttons"] = buttons
            if rng.random() < 0.2:
                spec["urls"] = [{"id": "service_site",
                                 "url": f"https://example.org/{page.topic}/{page.number}"}]
            if rng.random() < 0.03:
                spec["outcome"] = rng.choice(outcomes)
        page.spec = spec
    return Tree(pages, sections)


def title(page: Page, locale: str) -> str:
    words = LANGUAGE_TEXT[locale][0]
    word = words[page.topic]
    if page.id == "home":
        return {"en": "Main menu", "zh-Hans": "主菜单", "zh-Hant": "主選單"}[locale]
    if locale == "en":
        return f"{word.capitalize()} {page.number}"
    return f"{word}（{page.number}）"


def body(page: Page, locale: str, tree: Tree, rng: random.Random,
         template_share: float = 1.0) -> str:
    """BODY_CHARS characters of Telegram HTML or more: bold, bullets, and (for the share of
    bodies that are templates) an include and title_of()."""
    sentences = LANGUAGE_TEXT[locale][1]
    templated = rng.random() < template_share
    parent = tree.pages[page.parent] if page.parent and templated else None
    lines = [f'{{% include "note_{page.section}" %}}', ""] if templated else []
    lines.append(f"<b>{rng.choice(sentences)}</b> {rng.choice(sentences)}")
    lines.append("")
    lines += [f"- {rng.choice(sentences)}" for _ in range(rng.randint(3, 5))]
    lines.append("")
    if parent is not None and rng.random() < 0.5:
        lines.append(f'{{{{ title_of("{parent.id}") }}}}: {rng.choice(sentences)}')
        lines.append("")
    if templated and rng.random() < 0.3:
        lines.append('{% include "see_a_doctor" %}')
        lines.append("")
    text = "\n".join(lines)
    while len(text) < BODY_CHARS[locale]:
        text += f"\n\n<i>{rng.choice(sentences)}</i> {rng.choice(sentences)}"
    return text + "\n"


def page_text(page: Page, locale: str, tree: Tree, rng: random.Random,
              template_share: float = 1.0) -> Json:
    words = LANGUAGE_TEXT[locale][0]
    text: Json = {"title": title(page, locale)}
    if rng.random() < 0.5:
        text["button"] = words[page.topic] if locale != "en" else words[page.topic].capitalize()
    text["summary"] = LANGUAGE_TEXT[locale][1][page.number % 10]
    text["keywords"] = rng.sample(list(words.values()), rng.randint(6, 12))
    labels: Json = {}
    for button in page.spec.get("buttons", []):
        if button.get("label") == "more":
            labels["more"] = {"en": "Tell me more", "zh-Hans": "了解更多",
                              "zh-Hant": "了解更多"}[locale]
    if page.spec.get("urls"):
        labels["service_site"] = {"en": "Service website", "zh-Hans": "服务网站",
                                  "zh-Hant": "服務網站"}[locale]
    if labels:
        text["labels"] = labels
    text["body"] = body(page, locale, tree, rng, template_share)
    return text


def snippets(section: str, locale: str) -> Json:
    note = {"en": f"<b>If someone is in danger now, tap 🆘 Emergency.</b> ({section})",
            "zh-Hans": f"<b>如果有人现在有危险，请点 🆘 紧急求助。</b>（{section}）",
            "zh-Hant": f"<b>如果有人現在有危險，請按 🆘 緊急求助。</b>（{section}）"}[locale]
    return {f"note_{section}": note + "\n"}


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None  # bodies as block scalars, like the real files
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _write(path: Path, data: Json, tree: Tree) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")
    tree.files += 1
    tree.yaml_bytes += len(text.encode())


def write_tree(target: Path, count: int, seed: int, template_share: float = 1.0) -> Tree:
    """Writes content/ and locales/ under ``target``; returns what was written."""
    rng = random.Random(seed)
    content = target / "content"
    content.mkdir(parents=True)
    # services.yaml is left out: its regions point at the shipped help pages; so is the
    # campaigns' list of outreach cards, which names shipped pages.
    shutil.copy(ROOT / "content" / "sources.yaml", content / "sources.yaml")
    campaigns = yaml.safe_load((ROOT / "content" / "campaigns.yaml").read_text(encoding="utf-8"))
    campaigns.pop("outreach_cards", None)
    (content / "campaigns.yaml").write_text(yaml.safe_dump(campaigns, allow_unicode=True),
                                            encoding="utf-8")
    shutil.copytree(ROOT / "locales", target / "locales")
    sources = yaml.safe_load((content / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    tree = build_tree(count, sorted(sources), rng)
    by_section: dict[str, list[Page]] = {}
    for page in tree.pages.values():
        by_section.setdefault(page.section, []).append(page)
    for section, section_pages in by_section.items():
        _write(content / "pages" / f"{section}.yaml",
               {"pages": [page.spec for page in section_pages]}, tree)
        for locale in LOCALES:
            texts = {page.id: page_text(page, locale, tree, rng, template_share)
                     for page in section_pages}
            for page_id, text in texts.items():
                tree.body_chars[f"{locale}:{page_id}"] = len(text["body"])
            extra = snippets(section, locale)
            if section == "home":
                extra["see_a_doctor"] = {
                    "en": "Tell your doctor you use ketamine. It helps them help you.\n",
                    "zh-Hans": "告诉医生你在用氯胺酮，这能帮助他们帮你。\n",
                    "zh-Hant": "告訴醫生你有用K仔，這能幫助他們幫你。\n",
                }[locale]
            _write(content / "text" / locale / f"{section}.yaml",
                   {"pages": texts, "snippets": extra}, tree)
    return tree


# ---------------------------------------------------------------------------------------------
# Timing


def load_and_check(content_dir: Path, locales_dir: Path) -> tuple[float, float, CheckReport]:
    started = time.perf_counter()
    builder = ScreenBuilder.load(content_dir, locales_dir)
    loaded = time.perf_counter()
    report = check_content(builder, encode_action=encode_action)
    checked = time.perf_counter()
    return loaded - started, checked - loaded, report


def time_search_index(content_dir: Path, locales_dir: Path) -> float | None:
    """Seconds to build the search index (not part of the target: the bot builds it on the
    first typed message, or when content is reloaded); None if this version has none."""
    builder = ScreenBuilder.load(content_dir, locales_dir)
    if not hasattr(type(builder), "search_index"):  # a property: do not build it here
        return None
    started = time.perf_counter()
    _ = builder.search_index
    return time.perf_counter() - started


def profile(content_dir: Path, locales_dir: Path, lines: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    load_and_check(content_dir, locales_dir)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    print("--- one load + check, functions in bot/ only, by cumulative time ---")
    stats.sort_stats("cumulative").print_stats(r"/bot/", lines)
    stats.strip_dirs()
    print("--- one load + check, by cumulative time ---")
    stats.sort_stats("cumulative").print_stats(lines)
    print("--- one load + check, by own time ---")
    stats.sort_stats("tottime").print_stats(lines)


def shipped_template_share() -> float:
    """The share of page texts in the repository's content/ whose body is a Jinja template,
    so by default the generated tree is the shipped content, scaled up."""
    from bot.conversation.render import has_jinja
    from bot.model.loader import load_content

    content = load_content(ROOT / "content")
    bodies = [text.body for texts in content.texts.values() for text in texts.values()]
    return sum(map(has_jinja, bodies)) / len(bodies)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=TARGET_PAGES,
                        help=f"pages to generate, each in {len(LOCALES)} languages "
                             f"(default {TARGET_PAGES})")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; medians reported")
    parser.add_argument("--template-share", type=float, default=None, metavar="SHARE",
                        help="share of bodies that are Jinja templates (default: the share in "
                             "the shipped content/, about 0.22; 1.0 is the worst case)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the target is missed")
    parser.add_argument("--profile", action="store_true",
                        help="also print a cProfile of one load + check")
    parser.add_argument("--profile-lines", type=int, default=25)
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the generated tree here (must not exist) and keep it")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.repeat < 1:
        raise SystemExit("--repeat must be at least 1")
    if args.template_share is None:
        args.template_share = shipped_template_share()
    with tempfile.TemporaryDirectory(prefix="ksafer-content-") as tmp:
        target = args.keep or Path(tmp)
        generated = time.perf_counter()
        tree = write_tree(target, args.pages, args.seed, args.template_share)
        generated = time.perf_counter() - generated
        content_dir, locales_dir = target / "content", target / "locales"
        try:
            runs = [load_and_check(content_dir, locales_dir) for _ in range(args.repeat)]
        except ContentError as exc:
            print(f"the generated content does not load ({len(exc.problems)} problem(s)):")
            for problem in exc.problems[:20]:
                print(f"  {problem}")
            return 2
        report = runs[-1][2]
        search_seconds = time_search_index(content_dir, locales_dir)
        load = statistics.median(run[0] for run in runs)
        check = statistics.median(run[1] for run in runs)
        total = statistics.median(run[0] + run[1] for run in runs)
        limit = TARGET_SECONDS * max(1.0, args.pages / TARGET_PAGES)
        bodies = list(tree.body_chars.values())
        data: Json = {
            "pages": len(tree.pages),
            "locales": list(LOCALES),
            "page_texts": len(bodies),
            "files": tree.files,
            "yaml_bytes": tree.yaml_bytes,
            "mean_body_chars": {
                locale: statistics.mean(chars for key, chars in tree.body_chars.items()
                                        if key.startswith(f"{locale}:"))
                for locale in LOCALES},
            "generate_seconds": generated,
            "template_share": args.template_share,
            "repeat": args.repeat,
            "load_seconds": load,
            "check_seconds": check,
            "total_seconds": total,
            "search_index_seconds": search_seconds,
            "runs": [{"load": run[0], "check": run[1]} for run in runs],
            "errors": [str(problem) for problem in report.errors],
            "warnings": len(report.problems) - len(report.errors),
            "target": {"limit_seconds": limit, "value": total, "pass": total <= limit},
        }
        if args.json:
            print(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            print_table(data)
        if args.profile:
            profile(content_dir, locales_dir, args.profile_lines)
    if data["errors"]:
        return 2
    return 1 if args.strict and not data["target"]["pass"] else 0


def print_table(data: Json) -> None:
    print(f"content: {data['pages']} pages x {len(data['locales'])} languages = "
          f"{data['page_texts']} page texts in {data['files']} YAML files "
          f"({data['yaml_bytes'] / 1e6:.1f} MB); generated in {data['generate_seconds']:.1f} s")
    print(f"bodies that are Jinja templates: {data['template_share']:.0%}")
    print("body length on average (characters): " + ", ".join(
        f"{locale} {chars:.0f}" for locale, chars in data["mean_body_chars"].items()))
    print(f"median of {data['repeat']} run(s), each from a fresh ScreenBuilder:")
    print(f"  ScreenBuilder.load  (YAML + validation + templates)   {data['load_seconds']:7.3f} s")
    print(f"  check_content   (renders every page, every lang)  {data['check_seconds']:7.3f} s")
    print(f"  total                                             {data['total_seconds']:7.3f} s")
    if data.get("search_index_seconds") is not None:
        print(f"  (search index, built at start-up off the event loop "
              f"{data['search_index_seconds']:7.3f} s, not in the total)")
    target = data["target"]
    verdict = "PASS" if target["pass"] else "FAIL"
    print(f"target: load + check under {target['limit_seconds']:.2f} s "
          f"({TARGET_SECONDS:g} s for up to {TARGET_PAGES} pages, scaled above)  {verdict}")
    print(f"check found {len(data['errors'])} error(s), {data['warnings']} warning(s)")
    for error in data["errors"][:10]:
        print(f"  ERROR {error}")
    if not target["pass"]:
        print("run with --profile to see where the time goes")


if __name__ == "__main__":
    sys.exit(main())
