"""Draft pages: written in the repository, never shown to people.

The bot serves :func:`public_content`, a copy of the content with every ``status: draft`` page
taken out, along with its texts, the buttons to it and its old ids. Menus, deep links, search,
inline results and the link and QR lists are all built from that copy, so a draft cannot reach
anyone by any route. Editors see drafts only when they ask (``chat --drafts``,
``export-html --drafts``), and ``check`` reads the full content to tell them what a draft would
break.
"""

from __future__ import annotations

import dataclasses

from bot.model.loader import page_parents
from bot.model.model import BUILTIN_SCREENS, HOME, Content, PageSpec
from bot.model.problems import Problem

DRAFT = "draft"
# Pages the bot cannot work without: they are always served, so they must never be drafts.
ALWAYS_SHOWN = (HOME,)


def is_draft(content: Content, page_id: str) -> bool:
    spec = content.pages.get(page_id)
    return spec is not None and spec.status == DRAFT


def draft_ids(content: Content) -> list[str]:
    return sorted(page_id for page_id, spec in content.pages.items()
                  if spec.status == DRAFT and page_id not in ALWAYS_SHOWN)


def link_order(content: Content) -> list[str]:
    """Pages to print links and QR codes for: never a draft, even in an editor's preview."""
    return [page_id for page_id in content.link_order() if not is_draft(content, page_id)
            or page_id in ALWAYS_SHOWN]


def public_content(content: Content) -> Content:
    """The content people may see: no draft page, no text of one, no button or alias to one."""
    hidden = set(draft_ids(content))
    if not hidden:
        return content
    pages: dict[str, PageSpec] = {}
    for page_id, spec in content.pages.items():
        if page_id in hidden:
            continue
        pages[page_id] = spec.model_copy(update={
            "children": [child for child in spec.children if child not in hidden],
            "buttons": [button for button in spec.buttons if button.to not in hidden],
        })
    return dataclasses.replace(
        content,
        pages=pages,
        texts={locale: {p: t for p, t in texts.items() if p not in hidden}
               for locale, texts in content.texts.items()},
        origins=dataclasses.replace(
            content.origins,
            pages={p: o for p, o in content.origins.pages.items() if p not in hidden},
            texts={k: o for k, o in content.origins.texts.items() if k[1] not in hidden},
            bodies={k: o for k, o in content.origins.bodies.items() if k[1] not in hidden}),
        parents=page_parents(pages),
        aliases={old: new for old, new in content.aliases.items() if new not in hidden},
    )


def draft_problems(content: Content) -> list[Problem]:
    """What a draft would break for people (a region page or an old id that would stop working,
    or a draft of a page the bot always shows), and, as a warning, a live button to it: that
    button is hidden from people until the draft goes live."""
    problems: list[Problem] = []
    drafts = set(draft_ids(content))
    for page_id in ALWAYS_SHOWN:
        spec = content.pages.get(page_id)
        if spec is not None and spec.status == DRAFT:
            origin = content.origins.pages[page_id]
            problems.append(Problem(origin.file, origin.line,
                                    f"page '{page_id}' is always shown, so it cannot be a draft; "
                                    "set status: awaiting_review or reviewed"))
    for page_id, spec in sorted(content.pages.items()):
        if page_id in drafts:
            continue
        links = [(f"children.{i}", target) for i, target in enumerate(spec.children)]
        links += [(f"buttons.{i}", button.to) for i, button in enumerate(spec.buttons)]
        for item, target in links:
            if target in drafts and target not in BUILTIN_SCREENS:
                origin = content.spec_origin(page_id, item)
                problems.append(Problem(  # a warning: the button is hidden anyway
                    origin.file, origin.line,
                    f"page '{page_id}' has a button to '{target}', which is a draft, so people "
                    f"do not see that button (it is hidden until '{target}' is live); when "
                    f"'{target}' is ready, change its status to awaiting_review", "warning"))
    for region_id, region in sorted(content.regions.items()):
        if region.page in drafts:
            problems.append(Problem(
                "content/services.yaml", 0,
                f"region '{region_id}' shows page '{region.page}', which is a draft; people "
                "sharing a location there would get no page of services"))
    for old, new in sorted(content.aliases.items()):
        if new in drafts:
            origin = content.origins.pages[new]
            problems.append(Problem(
                origin.file, origin.line,
                f"old id '{old}' belongs to '{new}', which is a draft, so links and QR codes "
                f"for '{old}' would open the main menu; publish '{new}' first or move the "
                "alias to a live page"))
    return problems
