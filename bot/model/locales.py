"""UI strings per language (``locales/*.yaml``) and choosing a language for a person."""

from __future__ import annotations

import html
from collections import OrderedDict
from pathlib import Path

from pydantic import RootModel, ValidationError

from bot.model.model import FALLBACK_LOCALE, LOCALES
from bot.model.problems import ContentError, Problem, display_path
from bot.model.yamlfile import YamlSyntaxError, parse_yaml

_SIMPLIFIED = {"zh-hans", "zh-cn", "zh-sg"}
_TRADITIONAL = {"zh-hant", "zh-tw", "zh-hk", "zh-mo"}


def locale_from_language_code(code: str | None, default: str = FALLBACK_LOCALE) -> str:
    """Map Telegram's ``language_code`` to one of our locales."""
    if not code:
        return default
    normal = code.strip().lower().replace("_", "-")
    if normal in _SIMPLIFIED or normal.startswith("zh-hans-"):
        return "zh-Hans"
    if normal in _TRADITIONAL or normal.startswith("zh-hant-"):
        return "zh-Hant"
    if normal == "en" or normal.startswith("en-"):
        return "en"
    return default


def parse_locale(value: str) -> str | None:
    """Accept 'zh-hant', 'zh_Hant', 'ZH-HANT'... and return the canonical locale, if known."""
    normal = value.strip().lower().replace("_", "-")
    for locale in LOCALES:
        if locale.lower() == normal:
            return locale
    return None


class _Strings(RootModel[dict[str, str]]):
    pass


class UiStrings:
    """Button labels and messages; a key missing in one language falls back to English."""

    def __init__(self, strings: dict[str, dict[str, str]],
                 lines: dict[tuple[str, str], int] | None = None) -> None:
        self.strings = strings
        self.lines = lines or {}  # (locale, key) -> line in locales/<locale>.yaml, for check

    def get(self, locale: str, key: str, **values: str) -> str:
        """The string with ``{name}`` placeholders filled by HTML-escaped values."""
        template = self.strings.get(locale, {}).get(key)
        if template is None:
            template = self.strings.get(FALLBACK_LOCALE, {}).get(key, key)
        escaped = {name: html.escape(value, quote=False) for name, value in values.items()}
        return template.format(**escaped) if escaped else template

    def has(self, key: str) -> bool:
        return key in self.strings.get(FALLBACK_LOCALE, {})

    def missing(self) -> dict[str, list[str]]:
        english = set(self.strings.get(FALLBACK_LOCALE, {}))
        return {
            locale: sorted(english - set(self.strings.get(locale, {})))
            for locale in LOCALES
            if locale != FALLBACK_LOCALE
        }


def load_ui_strings(locales_dir: Path) -> UiStrings:
    root = locales_dir.resolve()
    problems: list[Problem] = []
    strings: dict[str, dict[str, str]] = {}
    lines: dict[tuple[str, str], int] = {}
    for locale in LOCALES:
        path = root / f"{locale}.yaml"
        name = display_path(path, root)
        if not path.exists():
            problems.append(Problem(name, 0, f"UI strings for {locale} are missing"))
            continue
        try:
            doc = parse_yaml(path.read_text(encoding="utf-8"))
        except YamlSyntaxError as exc:
            problems.append(Problem(name, exc.line, exc.message))
            continue
        except UnicodeDecodeError:
            problems.append(Problem(name, 1, "this file is not saved as UTF-8 text, so it cannot "
                                             "be read; save it again as UTF-8"))
            continue
        except OSError as exc:
            problems.append(Problem(name, 0, f"cannot read the file: {exc}"))
            continue
        try:
            strings[locale] = _Strings.model_validate(doc.data or {}).root
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                hint = (" (write yes and no in quotes: YAML reads them as true and false)"
                        if isinstance(err.get("input"), bool) else "")
                problems.append(Problem(name, doc.line_of(loc[:1]),
                                        f"'{loc[0]}': each UI string must be text{hint}"))
            continue
        for key, value in strings[locale].items():
            lines[(locale, key)] = doc.value_lines.get((key,), 1)
            try:
                value.format_map(_AnyKey())
            except (ValueError, IndexError):
                problems.append(Problem(name, doc.line_of((key,)),
                                        f"'{key}': braces must be {{name}} placeholders; "
                                        "write {{ or }} for a literal brace"))
    if problems:
        raise ContentError(problems)
    return UiStrings(strings, lines)


class _AnyKey(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


class LocalePreferences:
    """Languages chosen with /language, held in memory only and bounded (least recent goes first):
    a best-effort fallback for input with nothing to read (a bare /start). Buttons, links and
    typed words carry their language themselves (see :class:`bot.conversation.guide.Guide`).

    Keys are opaque numbers supplied by an adapter; nothing here is ever written anywhere.
    """

    def __init__(self, capacity: int = 50_000) -> None:
        self.capacity = capacity
        self._choices: OrderedDict[int, str] = OrderedDict()

    def get(self, key: int) -> str | None:
        choice = self._choices.get(key)
        if choice is not None:
            self._choices.move_to_end(key)
        return choice

    def set(self, key: int, locale: str) -> None:
        self._choices[key] = locale
        self._choices.move_to_end(key)
        while len(self._choices) > self.capacity:
            self._choices.popitem(last=False)

    def __len__(self) -> int:
        return len(self._choices)
