"""``check``'s rules for ``content/crisis/``: the rules load, every example gets the answer it
expects, and every page a crisis answer opens exists, is live and shows the emergency number of
every region (issue #22: deleting ``mental_crisis`` must not pass ``check``)."""

from __future__ import annotations

from pathlib import Path

from bot.conversation.crisis import CrisisMatch, CrisisOffer, assess, read_views
from bot.conversation.crisis_rules import CrisisRules, load_crisis_rules
from bot.conversation.screen_builder import ScreenBuilder
from bot.editorial.crisis_training import is_current
from bot.model.drafts import public_content
from bot.model.model import LOCALES
from bot.model.problems import Problem, display_path


def check_crisis(builder: ScreenBuilder, crisis_dir: Path) -> list[Problem]:
    if not crisis_dir.is_dir():
        return [Problem(display_path(crisis_dir, crisis_dir.parent), 0,
                        "the crisis rules are missing: restore content/crisis/ (answers.yaml, "
                        "signals/, examples.yaml, sources.yaml)")]
    # the rules the content was built with, when they come from this folder: read once
    rules = builder.crisis_rules
    if rules.folder != crisis_dir.resolve():
        rules = load_crisis_rules(crisis_dir, strict=False)
    problems = list(rules.problems)
    problems.extend(_page_problems(builder, rules, display_path(crisis_dir / "answers.yaml",
                                                                  crisis_dir.parent)))
    problems.extend(example_problems(rules))
    return problems


def editor_problems(rules: CrisisRules, crisis_dir: Path) -> list[Problem]:
    """What ``python -m bot check`` adds to what the bot reads at start-up: the model is
    current, and no phrase is masked away. Too slow for every start (about a second)."""
    return [*model_problems(rules, crisis_dir), *shadowed_problems(rules)]


def model_problems(rules: CrisisRules, crisis_dir: Path) -> list[Problem]:
    """The risk model (crisis/model.txt) is there and learnt from the messages there now: an
    editor who adds measuring messages is told to make it again, never left with a stale one
    without knowing. For ``python -m bot check`` only: reading every measuring set takes a
    second, which the bot's start-up and reloads do not pay for a warning."""
    path = crisis_dir / "model.txt"
    name = display_path(path, crisis_dir.parent)
    if not path.is_file():
        return [Problem(name, 0, "there is no risk model: messages no phrase names get no offer "
                                 "of help; make it with `python -m bot crisis-model`",
                        "warning")]
    if rules.model is not None and not is_current(rules.model, crisis_dir.parent):
        return [Problem(name, 1, "the risk model was learnt from other messages than those in "
                                 "crisis/measure and examples.yaml now: make it again with "
                                 "`python -m bot crisis-model`", "warning")]
    return []


def shadowed_problems(rules: CrisisRules) -> list[Problem]:
    """A signal's phrase that an everyday phrase (``ordinary:``) masks can never match: the
    mask runs first (一睡不醒 under 睡不醒, 饿死自己 under 饿死). Each phrase is read as a
    message on its own, its groups written out and fillers left out."""
    problems: list[Problem] = []
    for signal in rules.signals:
        for phrase, text in zip(rules.written_out(signal), rules.as_messages(signal),
                                strict=True):
            english, chinese = read_views(text, rules, mask=False)
            masked = rules.mask(english, chinese)
            if masked == (english, chinese):
                continue  # no everyday phrase in it: the common case, and cheap
            found = {hit.signal.key for hit in rules.hits(english.replace("'", "").split(),
                                                          chinese)}
            if signal.key not in found:
                continue  # not a whole phrase on its own (a gap or a group needs more)
            after = {hit.signal.key for hit in rules.hits(
                masked[0].replace("'", "").split(), masked[1])}
            if signal.key not in after:
                problems.append(Problem(signal.file, signal.line, (
                    f"'{phrase}' in '{signal.name}' can never match: an everyday phrase in "
                    "'ordinary:' masks part of it; narrow the everyday phrase or drop this one"),
                    "warning"))
    return problems



def _page_problems(builder: ScreenBuilder, rules: CrisisRules, file: str) -> list[Problem]:
    content = builder.content
    public = public_content(content)
    problems: list[Problem] = []
    pages = [(f"route: {kind}", page) for kind, page in rules.route_pages.items()]
    pages += [(f"offer: {kind}", page) for kind, page in rules.offer_pages.items()]
    for where, page in pages:
        if not content.has_page(page):
            problems.append(Problem(file, 1, f"'{where}' opens page '{page}', which does not "
                                             "exist; name an existing page"))
            continue
        if page not in public.pages:
            problems.append(Problem(file, 1, f"'{where}' opens page '{page}', which is a draft "
                                             "and never shown; make it live or name another"))
            continue
        for region_id, region in sorted(content.regions.items()):
            for locale in LOCALES:
                # a route shows the page as the crisis answer; an offer's button opens it
                screen = (builder.crisis(locale, page, [region_id]) if where.startswith("route")
                          else builder.page(page, locale, regions=[region_id]))
                if screen is None or screen.page != page or region.emergency not in screen.text:
                    problems.append(Problem(
                        file, 1, f"'{where}' opens page '{page}', which does not show "
                                 f"{region_id}'s emergency number {region.emergency} in "
                                 f"{locale}; set show_emergency_number: true on it"))
                    break
    return problems


def example_problems(rules: CrisisRules) -> list[Problem]:
    """Each example in ``examples.yaml`` run through the detector with these rules."""
    problems: list[Problem] = []
    for example in rules.examples:
        answer = assess(example.text, rules)
        got = ("route" if isinstance(answer, CrisisMatch)
               else "offer" if isinstance(answer, CrisisOffer) else "none")
        kind = (answer.kind if isinstance(answer, CrisisMatch)
                else answer.kinds[0] if isinstance(answer, CrisisOffer) else None)
        if got != example.expect or (example.kind and kind != example.kind):
            wanted = example.expect + (f" ({example.kind})" if example.kind else "")
            found = got + (f" ({kind})" if kind else "")
            problems.append(Problem(example.file, example.line,
                                    f"example '{example.text}' must get {wanted} but gets "
                                    f"{found}; change the phrase lists (signals/) or the example"))
    return problems
