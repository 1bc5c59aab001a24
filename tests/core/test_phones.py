from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from bot.checking.check import check_content
from bot.conversation.screen_builder import ScreenBuilder
from bot.model.phones import check_numbers, numbers_in
from bot.model.problems import ContentError
from tests.conftest import ROOT, TreeBuilder

SERVICES = """\
regions:
  cn:
    name: {en: Mainland China}
    emergency: "120"
    countries: [CN]
  uk:
    name: {en: UK}
    emergency: "999 / 112"
    countries: [GB]
  eu:
    name: {en: EU countries}
    emergency: "112"
    countries: [IE, FR, DE]
services:
  - id: samaritans
    region: uk
    name: {en: Samaritans}
    offers: {en: Someone to talk to}
    phone: "116 123"
    contact: {en: Text SHOUT to 85258}
    verified: 2026-11-01
"""


def _messages(make_tree: TreeBuilder, services: str) -> list[str]:
    root = make_tree(extra_files={"content/services.yaml": services})
    builder = ScreenBuilder.load(root / "content", root / "locales")
    return [str(p) for p in check_numbers(builder.content)]


def test_numbers_in_emergency_text() -> None:
    assert numbers_in("999 / 112") == ["999", "112"]
    assert numbers_in("000") == ["000"]
    assert numbers_in("116 123") == ["116 123"]
    assert numbers_in("none") == []


def test_correct_numbers_pass(make_tree: TreeBuilder) -> None:
    assert _messages(make_tree, SERVICES) == []


def test_999_for_mainland_china_is_an_error_with_file_and_line(make_tree: TreeBuilder) -> None:
    messages = _messages(make_tree, SERVICES.replace('emergency: "120"', 'emergency: "999"'))
    assert messages == [
        "content/services.yaml:4: region 'cn': 999 is not an emergency number in CN according "
        "to libphonenumber; check the number against the source, and that the region's countries "
        "all use it"]


def test_a_number_wrong_in_one_country_of_a_region_names_that_country(
        make_tree: TreeBuilder) -> None:
    messages = _messages(make_tree, SERVICES.replace("countries: [IE, FR, DE]",
                                                     "countries: [IE, FR, DE, US]"))
    assert messages == []  # libphonenumber lists 112 as an emergency number in the US too
    messages = _messages(make_tree, SERVICES.replace("countries: [IE, FR, DE]",
                                                     "countries: [IE, FR, DE, JP]"))
    assert len(messages) == 1
    assert "region 'eu': 112 is not an emergency number in JP according" in messages[0]


def test_an_emergency_with_no_number_is_an_error(make_tree: TreeBuilder) -> None:
    messages = _messages(make_tree, SERVICES.replace('emergency: "120"',
                                                     'emergency: "ambulance"'))
    assert messages == ["content/services.yaml:4: region 'cn': emergency has no number in it"]


@pytest.mark.parametrize("phone", ['"0800 000"', '"12345678901234"', '"+1 212 555 0100"',
                                   '"call us"'])
def test_an_invalid_service_phone_is_an_error(make_tree: TreeBuilder, phone: str) -> None:
    messages = _messages(make_tree, SERVICES.replace('phone: "116 123"', f"phone: {phone}"))
    assert len(messages) == 1, messages
    assert messages[0].startswith("content/services.yaml:19: service 'samaritans': phone ")
    assert "warning" not in messages[0]


def test_an_international_number_of_the_region_passes(make_tree: TreeBuilder) -> None:
    assert _messages(make_tree, SERVICES.replace('phone: "116 123"',
                                                 'phone: "+44 20 7946 0018"')) == []


HK_SERVICES = SERVICES.replace("services:\n", """\
  hk:
    name: {en: Hong Kong}
    emergency: "999"
    countries: [HK]
  us:
    name: {en: US}
    emergency: "911"
    countries: [US]
services:
  - id: sbhk
    region: hk
    name: {en: Samaritan Befrienders Hong Kong}
    offers: {en: Someone to talk to}
    phone: "2389 2222"
    verified: 2026-11-01
  - id: samhsa
    region: us
    name: {en: SAMHSA}
    offers: {en: Treatment referral}
    phone: "1-800-662-4357"
    verified: 2026-11-01
""")


def _line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


@pytest.mark.parametrize(("old", "new"), [
    ('phone: "2389 2222"', 'phone: "2389 222"'),  # a digit dropped
    ('phone: "2389 2222"', 'phone: "2389 O222"'),  # a letter O for a zero
    ('phone: "2389 2222"', 'phone: "186 168"'),  # 186 186 mistyped
    ('phone: "1-800-662-4357"', 'phone: "1-800-662-43570"'),  # a US number, a digit too many
])
def test_a_mistyped_crisis_line_is_an_error_at_the_phone_line(
        make_tree: TreeBuilder, old: str, new: str) -> None:
    services = HK_SERVICES.replace(old, new)
    messages = _messages(make_tree, services)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"content/services.yaml:{_line_of(services, '    ' + new)}: "
                                  "service '"), messages
    assert "warning" not in messages[0]
    assert "libphonenumber" in messages[0] or "letter" in messages[0]


def test_a_short_number_libphonenumber_does_not_know_is_an_error_unless_marked_with_its_source(
        make_tree: TreeBuilder) -> None:
    services = SERVICES.replace('phone: "116 123"', 'phone: "1925"')
    messages = _messages(make_tree, services)
    assert messages == [
        "content/services.yaml:19: service 'samaritans': phone 1925 is not a number "
        "libphonenumber knows in GB (not a valid number, nor a short number it lists); check "
        "it against the source. If the source gives it as a short number, add "
        "short_number: SOURCE_ID (the source that gives it) to the service"]
    marked = services.replace('phone: "1925"', 'phone: "1925"\n    short_number: S1\n'
                              '    sources: [S1]')
    assert _messages(make_tree, marked) == []
    unknown = marked.replace("short_number: S1", "short_number: S404")
    root = make_tree(extra_files={"content/services.yaml": unknown})
    with pytest.raises(ContentError) as caught:
        ScreenBuilder.load(root / "content", root / "locales")
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (_line_of(textwrap.dedent(unknown), "    short_number: S404"),
         "service 'samaritans': short_number names source 'S404', which is not in "
         "content/sources.yaml")]


def test_a_short_number_mark_does_not_let_a_wrong_number_through(make_tree: TreeBuilder) -> None:
    services = SERVICES.replace('phone: "116 123"',
                                'phone: "0800 000"\n    short_number: S1')
    messages = _messages(make_tree, services)
    assert len(messages) == 1 and "warning" not in messages[0], messages


def test_numbers_in_contact_text_are_checked_as_warnings(make_tree: TreeBuilder) -> None:
    messages = _messages(make_tree, SERVICES.replace("Text SHOUT to 85258",
                                                     "WhatsApp 0 7700 900 123 456"))
    assert messages
    assert all("warning: service 'samaritans': contact" in m for m in messages), messages


def test_shipped_numbers_have_no_errors() -> None:
    builder = ScreenBuilder.load(ROOT / "content", ROOT / "locales")
    problems = check_numbers(builder.content)
    assert [str(p) for p in problems if p.severity == "error"] == []
    # 1925 (Taiwan's mental-health line) is not in libphonenumber yet: the service marks it as
    # a short number, with the source that gives it, so it is neither an error nor a warning
    assert problems == []
    tw_1925 = next(s for s in builder.content.services if s.id == "tw_1925")
    assert tw_1925.short_number in tw_1925.sources
    report = check_content(builder, today=dt.date(2026, 11, 21))
    assert not any("tw_1925" in p.message for p in report.problems)
