"""Everything ``python -m bot check`` verifies beyond what loading already guarantees."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.checking.crisis_check import check_crisis, editor_problems
from bot.checking.internal_names import internal_names
from bot.conversation.crisis_rules import CrisisRules, load_crisis_rules
from bot.conversation.deeplinks import make_payload
from bot.conversation.render import Renderer
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import Action, OpenUrl, Screen
from bot.conversation.search.vocabulary_check import check_vocabulary
from bot.conversation.telegram_html import (
    MESSAGE_LIMIT,
    MarkupError,
    canonical_visible_length,
    located_problems,
    visible_text,
)
from bot.model.drafts import draft_ids, draft_problems, public_content
from bot.model.loader import (
    LeftOut,
    load_content_partly,
    page_parents,
    reachable,
    without_missing_links,
)
from bot.model.locales import UiStrings, load_ui_strings
from bot.model.model import EMERGENCY, FALLBACK_LOCALE, HOME, LOCALES, Content
from bot.model.phones import check_numbers
from bot.model.problems import ContentError, Problem
from bot.model.reviews import backlog_line, is_reviewed, review_backlog, review_problems

CALLBACK_LIMIT = 64  # bytes of callback_data Telegram accepts
BUTTON_TEXT_SOFT_LIMIT = 40  # longer labels get cut off on phones
MAX_PARTS = 3  # "a phone screen or two": more parts than this is a page to split in content
VERIFY_AFTER_DAYS = 365
# "A screen fits on a phone without much scrolling": a screen as people see it (title and the
# numbers banner included, with every region's number, the longest it gets), in phone columns
# (a Chinese character is as wide as two Latin letters).
SCREEN_COLUMNS_LIMIT = 1000
# Words that tell someone to call for emergency help, or to get help straight away, per
# language: either way the page must show a number to call.
CALL_FOR_HELP = {
    "en": re.compile(r"\b(?:call|ring|phone|dial)\s+(?:for\s+(?:an?\s+)?(?:help|ambulance)"
                     r"|(?:an?|your\s+local|the)\s+(?:ambulance|emergency)|again|anyway|now)\b"
                     r"|\bget\s+(?:(?:medical|urgent|emergency)\s+)?help\s+(?:straight\s+away"
                     r"|right\s+away|fast|now|immediately|quickly|at\s+once)\b",
                     re.IGNORECASE),
    "zh-Hans": re.compile(r"叫救护车|打电话求救"
                          r"|(?:拨打|致电|打)(?:当地|本地)?的?(?:急救|紧急)电话"
                          r"|(?:马上|立即|立刻|即刻)(?:求助|求救|求医|就医)"),
    "zh-Hant": re.compile(r"叫救護車|叫白車|打電話求救"
                          r"|(?:撥打|致電|打)(?:當地|本地)?的?(?:急救|緊急)電話"
                          r"|(?:馬上|立即|立刻|即刻)(?:求助|求救|求醫|就醫)"),
}


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    coverage: dict[str, float] = field(default_factory=dict)
    page_count: int = 0
    awaiting_review: list[str] = field(default_factory=list)
    # role -> how many live pages wait for that role's review of their current text
    review_backlog: dict[str, int] = field(default_factory=dict)
    backlog_line: str | None = None  # the one line check prints about it
    drafts: list[str] = field(default_factory=list)  # never shown to people

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


def check_content(builder: ScreenBuilder, *, today: dt.date | None = None,
                  encode_action: Callable[[Action], str] | None = None,
                  left_out: LeftOut | None = None,
                  crisis_dir: Path | None = None, vocabulary: bool = True) -> CheckReport:
    """Every rule's problems; ``left_out`` names what a partial load could not load, about
    which nothing is said (its load error is the one problem). ``crisis_dir`` (the content's
    ``crisis/``) adds the crisis rules' checks. ``vocabulary=False`` leaves out the
    vocabulary's warnings and notices (never errors), which need the search index built: the
    running bot, which serves on errors alone, builds it after it starts polling."""
    content = builder.content
    ui = builder.ui
    today = today or dt.date.today()
    report = CheckReport(page_count=len(content.pages))
    add = report.problems.append
    left_out = left_out or LeftOut()

    public = public_content(content)  # what people see: drafts need no way in
    # With a page (or a link to it) left out, what it led to may look unreachable.
    cut = left_out.pages or left_out.structure or left_out.trimmed
    for page_id in sorted(set(public.pages) - reachable(public)) if not cut else []:
        origin = content.origins.pages[page_id]
        add(Problem(origin.file, origin.line,
                    f"page '{page_id}' cannot be reached from '{HOME}'; list it in some page's "
                    "children or buttons"))

    _check_translations(content, ui, report, left_out)
    _check_pages(builder, report, encode_action, left_out)
    _check_services(content, today, report)
    _check_drafts_and_reviews(builder, public, today, report)
    report.problems.extend(check_numbers(content))
    _check_safety_and_reading(content, builder, report, left_out)
    report.problems.extend(internal_names(content, ui))
    if vocabulary:
        report.problems.extend(check_vocabulary(content, builder.search_index))
    if crisis_dir is not None:
        report.problems.extend(check_crisis(builder, crisis_dir))
    return report


def _check_translations(content: Content, ui: UiStrings, report: CheckReport,
                        left_out: LeftOut) -> None:
    english = content.texts.get(FALLBACK_LOCALE, {})
    for locale in LOCALES:
        present = content.texts.get(locale, {})
        missing = sorted(set(content.pages) - set(present))
        total = len(content.pages) or 1
        unlabelled = set()
        for page_id in sorted(set(present) & set(content.pages)):
            if locale == FALLBACK_LOCALE or page_id not in english:
                continue
            origin = content.origins.texts.get((locale, page_id), content.origins.pages[page_id])
            for key, words in sorted(english[page_id].labels.items()):
                if key not in present[page_id].labels:  # readers see labels: per language
                    unlabelled.add(page_id)
                    report.problems.append(Problem(
                        origin.file, origin.line,
                        f"the {locale} text of '{page_id}' has no label '{key}' (English: "
                        f"\"{words}\"); readers see labels, so add it under labels: in "
                        f"{locale}"))
        report.coverage[locale] = 100.0 * (total - len(missing) - len(unlabelled)) / total
        for page_id in missing:
            if locale in left_out.locales or (locale, page_id) in left_out.texts:
                continue  # its text is there but could not be loaded: said already
            origin = content.origins.pages[page_id]
            report.problems.append(Problem(
                origin.file, origin.line,
                f"page '{page_id}' has no {locale} text (English is shown instead); "
                f"add it to {translation_file(content, page_id, locale)}"))
    for locale, keys in ui.missing().items():
        for key in keys:
            line, after = _missing_ui_place(ui, locale, key)
            where = f"; add it after '{after}'" if after else ""
            report.problems.append(Problem(f"locales/{locale}.yaml", line,
                                           f"UI string '{key}' is missing (English is shown)"
                                           f"{where}"))


def _check_pages(builder: ScreenBuilder, report: CheckReport,
                 encode_action: Callable[[Action], str] | None, left_out: LeftOut) -> None:
    content = builder.content
    ui = builder.ui
    for page_id, spec in sorted(content.pages.items()):
        origin = content.origins.pages[page_id]
        if spec.status != "draft" and not is_reviewed(content, page_id):
            report.awaiting_review.append(page_id)
        if spec.factual and not spec.sources and page_id not in left_out.trimmed:
            report.problems.append(Problem(origin.file, origin.line,
                                           f"factual page '{page_id}' lists no sources; add "
                                           "sources: or set factual: false for a menu"))
        try:
            make_payload(page_id)
        except ValueError as exc:
            report.problems.append(Problem(origin.file, origin.line, str(exc)))
        english = content.texts[FALLBACK_LOCALE].get(page_id)
        for index, button in enumerate(spec.buttons):
            if button.label and english and button.label not in english.labels \
                    and not ui.has(button.label):
                where = content.spec_origin(page_id, f"buttons.{index}.label")
                report.problems.append(Problem(
                    where.file, where.line,
                    f"button label '{button.label}' on '{page_id}' is neither in the page's "
                    "labels (English) nor a UI string"))
        for index, url in enumerate(spec.urls):
            if english and url.id not in english.labels:
                where = content.spec_origin(page_id, f"urls.{index}")
                report.problems.append(Problem(
                    where.file, where.line,
                    f"URL button '{url.id}' on '{page_id}' needs a label in its English labels"))
        for locale in LOCALES:
            if page_id not in content.texts.get(locale, {}) and locale != FALLBACK_LOCALE:
                continue
            body_origin = content.origins.bodies.get((locale, page_id), origin)
            try:
                builder.renderer.page_html(page_id, locale, strict=True)
            except MarkupError as exc:
                for line, problem in _markup_lines(builder, page_id, locale, exc.problems):
                    report.problems.append(Problem(body_origin.file, line,
                                                   f"'{page_id}': {problem}"))
                continue
            parts = builder.parts(page_id, locale)
            if len(parts) > MAX_PARTS:
                report.problems.append(Problem(
                    body_origin.file, body_origin.line,
                    f"'{page_id}' ({locale}) needs {len(parts)} messages; keep a page to a phone "
                    "screen or two and split long topics into child pages", "warning"))
            for screen_part in range(len(parts)):
                screen = builder.page(page_id, locale, screen_part)
                if screen is not None:
                    _check_screen(screen, body_origin.file, body_origin.line, report,
                                  encode_action)
                    _check_screen_length(screen, screen_part == 0 and spec.show_emergency_number,
                                         body_origin.file, body_origin.line, report)
    for locale in LOCALES:
        for key, screen in (("welcome", builder.welcome(locale)),
                            ("language_prompt", builder.language_menu(locale)),
                            ("other_message", builder.other_message(locale)),
                            ("page_gone", builder.gone(locale))):
            _check_screen(screen, f"locales/{locale}.yaml", ui.lines.get((locale, key), 1),
                          report, encode_action)


def _markup_lines(builder: ScreenBuilder, page_id: str, locale: str,
                  problems: list[str]) -> list[tuple[int, str]]:
    """Each markup problem of a body with the line to fix: inside a '|' block the line of the
    tag (found in the rendered text, or for a template by the tag as written), else the body's
    line."""
    content = builder.content
    origin = content.origins.bodies[(locale, page_id)]
    unplaced = [(origin.line, problem) for problem in problems]
    text = content.texts.get(locale, {}).get(page_id)
    if text is None or (locale, page_id) not in content.literal_bodies:
        return unplaced
    source = text.body.lower().splitlines()
    rendered = builder.renderer.raw_body(page_id, locale)
    found = located_problems(rendered)
    if sorted(problem for _, _, problem in found) != sorted(problems):
        return unplaced  # tidying the text changed what is wrong: keep to the body's line
    placed: list[tuple[int, str]] = []
    for line, raw, problem in found:
        if rendered != text.body:  # a template: look for the tag as the editor wrote it
            raw = raw.lower()
            line = next((number for number, written in enumerate(source, 1)
                         if raw and raw in written), 1)
        placed.append((origin.line + line - 1, problem))
    return placed


def check_partly(content_dir: Path, locales_dir: Path, *, today: dt.date | None = None,
                 encode_action: Callable[[Action], str] | None = None,
                 ) -> tuple[list[Problem], CheckReport | None]:
    """The load errors, and every other rule run on what could be loaded, so an editor fixes
    everything after one ``check`` (None when too little loaded to check, e.g. no main menu).
    Nothing is said about what depends on a part that could not be loaded."""
    problems: list[Problem] = []
    ui: UiStrings | None = None
    try:
        ui = load_ui_strings(locales_dir)
    except ContentError as exc:
        problems.extend(exc.problems)
    try:
        content, load_problems, left_out = load_content_partly(content_dir)
    except ContentError as exc:  # no content folder at all
        return [*problems, *exc.problems], None
    problems.extend(load_problems)
    if ui is None:
        return sorted(problems), None
    renderer: Renderer | None = None
    for _ in range(5):  # leave out the bodies that cannot be rendered, then what named them
        try:
            renderer = Renderer(content)
            break
        except ContentError as exc:
            if left_out.renders_everything():  # then each is a mistake of its own
                problems.extend(exc.problems)
            content, left_out = _without_bodies(content, left_out, exc.problems)
    if renderer is None or not content.has_page(HOME):
        return sorted(problems), None
    crisis_dir = _crisis_dir(content_dir)
    builder = ScreenBuilder(content, ui, renderer, crisis_rules=_lenient_rules(crisis_dir))
    report = check_content(builder, today=today, encode_action=encode_action,
                           left_out=left_out, crisis_dir=crisis_dir)
    if crisis_dir is not None:
        report.problems.extend(editor_problems(builder.crisis_rules, crisis_dir))
    return sorted(problems), report


def _crisis_dir(content_dir: Path) -> Path | None:
    """The content's crisis rules; a content tree without them (a test's) is checked without."""
    crisis_dir = content_dir / "crisis"
    return crisis_dir if crisis_dir.is_dir() else None


def _lenient_rules(crisis_dir: Path | None) -> CrisisRules | None:
    """The content's own crisis rules, as far as they load: a broken phrase list is a problem
    ``check_crisis`` reports with its file and line, never a traceback (the bot itself loads
    them strictly and refuses them). None: a tree without them, checked with the shipped."""
    if crisis_dir is None:
        return None
    rules = load_crisis_rules(crisis_dir, strict=False)
    rules.index.english.build()
    rules.index.chinese.build()
    return rules


def _without_bodies(content: Content, left_out: LeftOut,
                    problems: list[Problem]) -> tuple[Content, LeftOut]:
    """The content without the texts the problems are in (a page without its English)."""
    failed: set[tuple[str, str]] = set()
    for problem in problems:
        bodies = [(origin.line, key) for key, origin in content.origins.bodies.items()
                  if origin.file == problem.file and origin.line <= problem.line
                  and key[1] in content.texts.get(key[0], {})]
        if bodies:
            failed.add(max(bodies)[1])
    gone = {page_id for locale, page_id in failed if locale == FALLBACK_LOCALE}
    pages, trimmed = without_missing_links(
        {k: v for k, v in content.pages.items() if k not in gone}, set(content.sources))
    texts = {locale: {page_id: text for page_id, text in content.texts[locale].items()
                      if page_id in pages and (locale, page_id) not in failed}
             for locale in content.texts}
    content = replace(content, pages=pages, texts=texts, parents=page_parents(pages),
                      aliases={old: new for old, new in content.aliases.items()
                               if new in pages})
    return content, replace(left_out, pages=left_out.pages | gone,
                            texts=left_out.texts | failed,
                            trimmed=left_out.trimmed | trimmed)


def _check_screen(screen: Screen, file: str, line: int, report: CheckReport,
                  encode_action: Callable[[Action], str] | None) -> None:
    where = screen.page or "a system screen"
    if canonical_visible_length(screen.text) > MESSAGE_LIMIT:
        report.problems.append(Problem(file, line, f"'{where}' ({screen.locale}) is longer than "
                                                   f"{MESSAGE_LIMIT} characters"))
    for button in screen.buttons():
        if not button.label.strip():
            report.problems.append(Problem(file, line, f"'{where}' has a button with no label"))
        elif len(button.label) > BUTTON_TEXT_SOFT_LIMIT:
            report.problems.append(Problem(
                file, line, f"button '{button.label}' on '{where}' ({screen.locale}) is longer "
                            f"than {BUTTON_TEXT_SOFT_LIMIT} characters and may be cut off",
                "warning"))
        if encode_action is not None and not isinstance(button.action, OpenUrl):
            size = len(encode_action(button.action).encode())
            if size > CALLBACK_LIMIT:
                report.problems.append(Problem(
                    file, line, f"button '{button.label}' on '{where}' needs {size} bytes of "
                                f"callback data (Telegram allows {CALLBACK_LIMIT})"))


def _check_screen_length(screen: Screen, banner: bool, file: str, line: int,
                         report: CheckReport) -> None:
    columns = phone_columns(visible_text(screen.text))
    if columns > SCREEN_COLUMNS_LIMIT:
        shown = "as shown, numbers banner included" if banner else "as shown"
        report.problems.append(Problem(
            file, line, f"'{screen.page}' ({screen.locale}) is {columns} phone columns long "
                        f"{shown} (limit {SCREEN_COLUMNS_LIMIT}); trim it or move a part to a "
                        "child page", "warning"))


def _check_services(content: Content, today: dt.date, report: CheckReport) -> None:
    for service in content.services:
        if service.verified > today:
            origin = content.service_origin(service.id, "verified")
            report.problems.append(Problem(
                origin.file, origin.line,
                f"service '{service.id}' says it was verified on "
                f"{service.verified.isoformat()}, which is in the future; write the day its "
                "details were checked"))
            continue
        age = (today - service.verified).days
        if age > VERIFY_AFTER_DAYS:
            origin = content.origins.services[service.id]
            report.problems.append(Problem(
                origin.file, origin.line,
                f"service '{service.id}' was last verified {service.verified.isoformat()} "
                f"({age} days ago); check its details and update verified:", "warning"))


def phone_columns(text: str) -> int:
    """How wide text is on a phone: wide (Chinese) characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _check_safety_and_reading(content: Content, builder: ScreenBuilder,
                              report: CheckReport, left_out: LeftOut) -> None:
    """Problems a rule can catch in what a page says: a call for help with no number to call, a
    hidden 🆘, a page that leads nowhere."""
    add = report.problems.append
    numbers = {n for region in content.regions.values()
               for n in re.findall(r"\d{2,}", region.emergency)}
    has_number = re.compile(r"(?<![\d,.])(?:" + "|".join(sorted(numbers)) + r")(?![\d,.])") \
        if numbers else None
    for page_id, spec in sorted(content.pages.items()):
        origin = content.origins.pages[page_id]
        if not spec.emergency_button and page_id not in (HOME, EMERGENCY) \
                and EMERGENCY not in spec.targets() and content.has_page(EMERGENCY) \
                and page_id not in left_out.trimmed:
            add(Problem(origin.file, origin.line,
                        f"'{page_id}' hides the 🆘 Emergency button and has no button to "
                        f"'{EMERGENCY}'; remove emergency_button: false so help stays one tap "
                        "away"))
        if page_id != HOME and not spec.targets() and not spec.urls \
                and page_id not in left_out.trimmed:
            add(Problem(origin.file, origin.line,
                        f"'{page_id}' ends with nowhere to go; add buttons: or children: with a "
                        "next step (for example get_help)", "warning"))
        for locale in LOCALES:
            if page_id not in content.texts.get(locale, {}) and locale != FALLBACK_LOCALE:
                continue
            body = content.origins.bodies.get((locale, page_id), origin)
            try:
                text = visible_text(builder.renderer.page_html(page_id, locale))
            except MarkupError:
                continue  # reported with the page's other markup problems
            calls = CALL_FOR_HELP[locale].search(text)
            if calls and not spec.show_emergency_number \
                    and not (has_number and has_number.search(text)):
                add(Problem(body.file, body.line,
                            f"'{page_id}' ({locale}) says \"{calls[0]}\" but shows no number to "
                            "call; add show_emergency_number: true to the page in content/pages/"))


def translation_file(content: Content, page_id: str, locale: str) -> str:
    """The text file a page's words in ``locale`` belong in: the same section as its English."""
    english = content.origins.texts.get((FALLBACK_LOCALE, page_id))
    if english is not None:
        return english.file.replace(f"/text/{FALLBACK_LOCALE}/", f"/text/{locale}/", 1)
    origin = content.origins.pages[page_id]
    section = origin.file.rsplit("/", 1)[-1]
    return f"content/text/{locale}/{section}"


def _check_drafts_and_reviews(builder: ScreenBuilder, public: Content, today: dt.date,
                              report: CheckReport) -> None:
    """Drafts are listed apart; what a draft would break for people is an error; so is a review
    date that has not happened yet."""
    content = builder.content
    report.drafts.extend(draft_ids(content))
    report.problems.extend(draft_problems(content))
    if public is not content:
        try:  # a live page's text may name a draft (title_of): it would fail for people
            Renderer(public)
        except ContentError as exc:
            report.problems.extend(
                Problem(p.file, p.line, f"{p.message} (a draft page is not shown to people)")
                for p in exc.problems)
    report.problems.extend(review_problems(content, today))  # reviews by role, translations
    backlog = review_backlog(content)
    report.review_backlog = {role: len(pages) for role, pages in backlog.items()}
    report.backlog_line = backlog_line(content, backlog)
    for page_id, spec in sorted(content.pages.items()):
        if spec.reviewed is not None and spec.reviewed > today:
            origin = content.origins.pages[page_id]
            report.problems.append(Problem(
                origin.file, origin.line,
                f"page '{page_id}' says it was reviewed on {spec.reviewed.isoformat()}, which is "
                "in the future; write the day the review happened"))


def _missing_ui_place(ui: UiStrings, locale: str, key: str) -> tuple[int, str | None]:
    """Where a UI string missing from ``locale`` belongs: the line after the string that comes
    before it in English (and that string's key), or line 1."""
    english = list(ui.strings.get(FALLBACK_LOCALE, {}))
    earlier = english[:english.index(key)] if key in english else []
    for previous in reversed(earlier):
        line = ui.lines.get((locale, previous))
        if line:
            return line + 1, previous
    return 1, None
