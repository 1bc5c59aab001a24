from __future__ import annotations

import pytest

from bot.core.navigation import Navigator
from bot.core.places import distance_km, region_at, services_near
from bot.core.screens import AskLocation, OpenPage
from tests.conftest import STRUCTURE, TreeBuilder

SERVICES = """\
regions:
  hk:
    name: {en: Hong Kong, zh-Hant: 香港}
    emergency: "999"
    page: bladder
    areas: [[22.13, 113.82, 22.57, 114.44]]
  cn:
    name: {en: Mainland China}
    emergency: "120"
    areas: [[18.0, 73.5, 53.6, 135.1]]
services:
  - id: near_clinic
    region: hk
    name: {en: Near clinic, zh-Hant: 附近診所}
    offers: {en: Bladder checks}
    phone: "1234 5678"
    latitude: 22.38
    longitude: 114.20
    verified: 2026-11-01
  - id: far_clinic
    region: hk
    name: {en: Far clinic}
    offers: {en: Counselling}
    latitude: 22.28
    longitude: 114.16
    verified: 2026-11-01
  - id: hotline
    region: hk
    name: {en: Hotline}
    offers: {en: Talk to someone}
    verified: 2026-11-01
  - id: mainland_line
    region: cn
    name: {en: Mainland line}
    offers: {en: Support}
    verified: 2026-11-01
"""


@pytest.fixture
def places(make_tree: TreeBuilder) -> Navigator:
    structure = STRUCTURE.replace("children: [emergency, bladder, long_page, language]",
                                  "children: [emergency, bladder, long_page, language, near_me]")
    root = make_tree(structure=structure, extra_files={"content/services.yaml": SERVICES})
    return Navigator.load(root / "content", root / "locales")


def test_distance_is_roughly_right() -> None:
    assert distance_km(22.28, 114.16, 22.38, 114.20) == pytest.approx(11.9, abs=0.3)
    assert distance_km(51.5, -0.12, 48.86, 2.35) == pytest.approx(343, abs=5)


def test_smallest_matching_area_wins(places: Navigator) -> None:
    assert region_at(places.content, 22.3, 114.17) == "hk"  # also inside the mainland box
    assert region_at(places.content, 31.2, 121.5) == "cn"
    assert region_at(places.content, 51.5, -0.12) is None


def test_services_with_coordinates_come_first_by_distance(places: Navigator) -> None:
    region, found = services_near(places.content, 22.37, 114.19)
    assert region == "hk"
    assert [n.service.id for n in found] == ["near_clinic", "far_clinic", "hotline"]
    assert found[0].km is not None and found[0].km < found[1].km  # type: ignore[operator]
    assert found[2].km is None


def test_near_screen_shows_region_emergency_distance_and_privacy(places: Navigator) -> None:
    screen = places.near("zh-Hant", 22.37, 114.19)
    assert "你似乎在：香港。緊急電話：🚑 999" in screen.text
    assert "沒有被儲存" in screen.text
    assert "<b>附近診所</b> · 1.5 km" in screen.text
    assert screen.buttons()[0].action == OpenPage("bladder")
    assert "22.37" not in screen.text


def test_unknown_place_says_so_kindly(places: Navigator) -> None:
    screen = places.near("en", 51.5, -0.12)
    assert "don't have services listed for where you are" in screen.text


def test_near_me_button_asks_for_a_location(places: Navigator) -> None:
    welcome = places.welcome("en")
    assert welcome.buttons()[-1].action == AskLocation()
    prompt = places.location_prompt("en")
    assert prompt.location_request is not None
    assert prompt.location_request.share == "📍 Send my location"
