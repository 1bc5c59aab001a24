from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.checking.check import phone_columns
from bot.conversation.places import (
    distance_km,
    place_at,
    region_at,
    regions_for_language,
    services_near,
)
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import AskLocation, OpenPage
from bot.conversation.telegram_html import visible_text
from bot.model.countries import SHARED_ZONES, country_at, iso_countries, zone_countries
from bot.model.problems import ContentError
from tests.conftest import STRUCTURE, TreeBuilder

SERVICES = """\
regions:
  hk:
    name: {en: Hong Kong, zh-Hant: 香港}
    emergency: "999"
    page: bladder
    countries: [HK]
  cn:
    name: {en: Mainland China}
    emergency: "120"
    countries: [CN]
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
    latitude: 22.55
    longitude: 114.10
    verified: 2026-11-01
"""

ANYWHERE = """\
  - id: web_chat
    region: cn
    name: {en: Web chat}
    offers: {en: Chat online from any country}
    anywhere: true
    verified: 2026-11-01
"""


def _tree(make_tree: TreeBuilder, services: str) -> ScreenBuilder:
    structure = STRUCTURE.replace("children: [emergency, bladder, long_page, language]",
                                  "children: [emergency, bladder, long_page, language, near_me]")
    root = make_tree(structure=structure, extra_files={"content/services.yaml": services})
    return ScreenBuilder.load(root / "content", root / "locales")


@pytest.fixture
def places(make_tree: TreeBuilder) -> ScreenBuilder:
    return _tree(make_tree, SERVICES)


def test_distance_is_roughly_right() -> None:
    assert distance_km(22.28, 114.16, 22.38, 114.20) == pytest.approx(11.9, abs=0.3)
    assert distance_km(51.5, -0.12, 48.86, 2.35) == pytest.approx(343, abs=5)


def test_the_country_decides_the_region(places: ScreenBuilder) -> None:
    assert region_at(places.content, 22.3, 114.17) == "hk"
    assert region_at(places.content, 31.2, 121.5) == "cn"
    assert place_at(places.content, 22.193, 113.541).country == "MO"
    assert region_at(places.content, 22.193, 113.541) is None  # Macau: not listed
    assert region_at(places.content, 51.5, -0.12) is None


def test_services_with_coordinates_come_first_by_distance(places: ScreenBuilder) -> None:
    region, found = services_near(places.content, 22.37, 114.19)
    assert region == "hk"
    assert [n.service.id for n in found] == ["near_clinic", "far_clinic", "hotline"]
    assert found[0].km is not None and found[0].km < found[1].km  # type: ignore[operator]
    assert found[2].km is None


def test_a_service_across_a_border_is_not_shown_as_local(places: ScreenBuilder) -> None:
    """Sheung Shui is 7 km from the mainland service, but that is not a Hong Kong service."""
    _, found = services_near(places.content, 22.501, 114.128)
    assert "mainland_line" not in [n.service.id for n in found]
    _, found = services_near(places.content, 22.548, 114.120)  # Shenzhen
    assert [n.service.id for n in found] == ["mainland_line"]


def test_near_screen_shows_region_emergency_distance_and_privacy(places: ScreenBuilder) -> None:
    screen = places.near("zh-Hant", 22.37, 114.19)
    assert "你似乎在：香港。緊急電話：🚑 999" in screen.text
    assert "沒有被儲存" in screen.text
    assert "<b>附近診所</b> · 1.5 km" in screen.text
    assert screen.buttons()[0].action == OpenPage("bladder")
    assert "22.37" not in screen.text


def test_an_uncovered_place_gets_the_honest_screen_and_no_number(places: ScreenBuilder) -> None:
    screen = places.near("en", 51.5, -0.12)
    assert "This bot has no local list of services for where you are" in screen.text
    assert "call your local emergency number" in screen.text
    assert "999" not in screen.text and "120" not in screen.text
    assert "Near clinic" not in screen.text and "Mainland line" not in screen.text
    assert "from anywhere" not in screen.text  # none is marked as working from anywhere


def test_services_that_work_from_anywhere_are_shown_everywhere(make_tree: TreeBuilder) -> None:
    builder = _tree(make_tree, SERVICES + ANYWHERE)
    at_sea = builder.near("en", 40.0, -40.0)
    assert "Services you can use from anywhere:" in at_sea.text
    assert "Web chat" in at_sea.text and "Mainland line" not in at_sea.text
    in_hong_kong = builder.near("en", 22.37, 114.19)
    assert "Web chat" in in_hong_kong.text and "Mainland line" not in in_hong_kong.text


def test_near_me_button_asks_for_a_location(places: ScreenBuilder) -> None:
    welcome = places.welcome("en")
    assert welcome.buttons()[-1].action == AskLocation()
    prompt = places.location_prompt("en")
    assert prompt.location_request is not None
    assert prompt.location_request.share == "📍 Send my location"


# -- countries in services.yaml ------------------------------------------------------------

def test_a_country_code_must_be_iso(make_tree: TreeBuilder) -> None:
    with pytest.raises(ContentError) as error:
        _tree(make_tree, SERVICES.replace("countries: [HK]", "countries: [HK, UK]"))
    message = str(error.value)
    assert message.startswith("content/services.yaml:6: ")
    assert "'UK' is not an ISO 3166 country code" in message and "use GB" in message


def test_a_region_must_list_its_countries(make_tree: TreeBuilder) -> None:
    with pytest.raises(ContentError) as error:
        _tree(make_tree, SERVICES.replace("    countries: [CN]\n", ""))
    message = str(error.value)
    assert message.startswith("content/services.yaml:7: ") and "countries" in message
    assert "required" in message


def test_a_country_in_two_regions_is_an_error_with_its_line(make_tree: TreeBuilder) -> None:
    with pytest.raises(ContentError) as error:
        _tree(make_tree, SERVICES.replace("countries: [CN]", "countries: [CN, HK]"))
    assert "content/services.yaml:10: region 'cn': country HK is already in region 'hk'" \
           in str(error.value)


def test_no_country_is_in_two_shipped_regions(shipped: ScreenBuilder) -> None:
    seen = [c for region in shipped.content.regions.values() for c in region.countries]
    assert len(seen) == len(set(seen))
    assert sorted(shipped.content.regions["eu"].countries) == sorted(EU)


# -- the lookup itself ---------------------------------------------------------------------

def test_every_zone_names_a_real_country() -> None:
    assert set(zone_countries().values()) <= set(iso_countries())
    assert not SHARED_ZONES & set(zone_countries())


@pytest.mark.parametrize("lat, lon", [(91.0, 0.0), (0.0, 181.0), (math.nan, 0.0),
                                      (0.0, math.inf), (-90.1, -180.1)])
def test_a_point_not_on_earth_is_in_no_country(lat: float, lon: float) -> None:
    assert country_at(lat, lon) is None


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True,
                                                                 allow_infinity=True))
def test_any_point_gives_a_real_country_or_none(lat: float, lon: float) -> None:
    country = country_at(lat, lon)
    assert country is None or country in iso_countries()


@settings(max_examples=150, deadline=None)
@given(st.floats(-90, 90), st.floats(-180, 180))
def test_a_number_is_shown_only_inside_a_listed_country(shipped: ScreenBuilder, lat: float,
                                                        lon: float) -> None:
    screen = shipped.near("en", lat, lon)
    country = country_at(lat, lon)
    if REGION_OF.get(country or "") is None:
        assert "Emergency: 🚑" not in screen.text
        assert "no local list" in screen.text
    else:
        assert f"Emergency: 🚑 {NUMBERS[REGION_OF[country or '']]}" in screen.text


# The number the near screen shows for each region of the shipped content.
NUMBERS = {"uk": "999 / 112", "eu": "112", "hk": "999", "tw": "119", "cn": "120", "au": "000",
           "us": "911"}
EU = ("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
      "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE")
REGION_OF = {"GB": "uk", "HK": "hk", "TW": "tw", "CN": "cn", "AU": "au", "US": "us",
             **dict.fromkeys(EU, "eu")}

# (place, latitude, longitude, country or None at sea / where a zone spans several countries).
# Points are well inside each town; border pairs first.
PLACES: list[tuple[str, float, float, str | None]] = [
    ("Shenzhen, Luohu", 22.548, 114.120, "CN"), ("Shenzhen, Futian", 22.540, 114.055, "CN"),
    ("Hong Kong, Sheung Shui", 22.501, 114.128, "HK"),
    ("Hong Kong, Central", 22.281, 114.158, "HK"),
    ("Hong Kong, Mong Kok", 22.319, 114.169, "HK"),
    ("Zhuhai, Xiangzhou", 22.271, 113.577, "CN"), ("Macau, Senado Square", 22.193, 113.541, "MO"),
    ("Macau, Taipa", 22.157, 113.558, "MO"),
    ("Kinmen, Jincheng", 24.433, 118.318, "TW"), ("Xiamen, Siming", 24.452, 118.083, "CN"),
    ("Penghu, Magong", 23.566, 119.578, "TW"), ("Taipei", 25.033, 121.565, "TW"),
    ("Kaohsiung", 22.627, 120.301, "TW"),
    ("Dublin", 53.349, -6.260, "IE"), ("Belfast", 54.597, -5.930, "GB"),
    ("Newry", 54.176, -6.338, "GB"), ("Dundalk", 54.004, -6.405, "IE"),
    ("Strasbourg", 48.582, 7.750, "FR"), ("Kehl", 48.573, 7.816, "DE"),
    ("Tijuana", 32.515, -117.030, "MX"), ("San Ysidro, San Diego", 32.556, -117.050, "US"),
    ("San Diego, downtown", 32.716, -117.161, "US"),
    ("Johor Bahru", 1.463, 103.761, "MY"), ("Singapore, Marina", 1.290, 103.852, "SG"),
    ("Singapore, Woodlands", 1.436, 103.786, "SG"),
    ("Gibraltar", 36.140, -5.353, "GI"), ("La Línea", 36.168, -5.347, "ES"),
    ("Basel", 47.558, 7.588, "CH"), ("Saint-Louis", 47.590, 7.560, "FR"),
    ("Weil am Rhein", 47.595, 7.621, "DE"),
    ("Detroit", 42.331, -83.046, "US"), ("Windsor, Ontario", 42.315, -83.036, "CA"),
    ("El Paso", 31.759, -106.487, "US"), ("Ciudad Juárez", 31.690, -106.424, "MX"),
    # covered regions
    ("London", 51.507, -0.128, "GB"), ("Edinburgh", 55.953, -3.189, "GB"),
    ("Cardiff", 51.481, -3.179, "GB"),
    ("Paris", 48.857, 2.352, "FR"), ("Berlin", 52.520, 13.405, "DE"),
    ("Madrid", 40.417, -3.704, "ES"), ("Rome", 41.893, 12.483, "IT"),
    ("Lisbon", 38.722, -9.139, "PT"), ("Warsaw", 52.230, 21.012, "PL"),
    ("Athens", 37.984, 23.728, "GR"), ("Helsinki", 60.170, 24.938, "FI"),
    ("Valletta", 35.899, 14.514, "MT"), ("Larnaca", 34.917, 33.630, "CY"),
    ("Las Palmas, Canary Islands", 28.124, -15.436, "ES"), ("Ceuta", 35.889, -5.316, "ES"),
    ("Beijing", 39.904, 116.407, "CN"), ("Shanghai", 31.230, 121.474, "CN"),
    ("Urumqi", 43.825, 87.617, "CN"), ("Lhasa", 29.652, 91.172, "CN"),
    ("Sydney", -33.869, 151.209, "AU"), ("Perth", -31.952, 115.861, "AU"),
    ("Darwin", -12.463, 130.842, "AU"), ("Hobart", -42.882, 147.327, "AU"),
    ("New York", 40.713, -74.006, "US"), ("Chicago", 41.878, -87.630, "US"),
    ("Anchorage", 61.218, -149.900, "US"), ("Honolulu", 21.307, -157.858, "US"),
    # places with codes of their own, not covered
    ("St Helier, Jersey", 49.186, -2.107, "JE"), ("Douglas, Isle of Man", 54.150, -4.482, "IM"),
    ("Mariehamn, Åland", 60.097, 19.935, "AX"), ("San Juan, Puerto Rico", 18.466, -66.106, "PR"),
    ("Vaduz", 47.141, 9.521, "LI"), ("Monaco", 43.737, 7.421, "MC"),
    # Europe outside the EU
    ("Oslo", 59.913, 10.752, "NO"), ("Bern", 46.948, 7.447, "CH"),
    ("Reykjavík", 64.146, -21.942, "IS"), ("Kyiv", 50.450, 30.523, "UA"),
    ("Istanbul", 41.008, 28.978, "TR"), ("Moscow", 55.756, 37.617, "RU"),
    # Asia
    ("Seoul", 37.566, 126.978, "KR"), ("Tokyo", 35.690, 139.692, "JP"),
    ("Fukuoka", 33.590, 130.402, "JP"), ("Ulaanbaatar", 47.919, 106.918, "MN"),
    ("Ho Chi Minh City", 10.776, 106.700, "VN"), ("New Delhi", 28.614, 77.209, "IN"),
    ("Manila", 14.599, 120.984, "PH"), ("Kuala Lumpur", 3.139, 101.687, "MY"),
    # Hanoi's time zone (Asia/Bangkok) also covers Thailand: placed in no country, never guessed
    ("Hanoi", 21.028, 105.854, None),
    # Africa
    ("Tunis", 36.806, 10.181, "TN"), ("Algiers", 36.754, 3.059, "DZ"),
    ("Nairobi", -1.292, 36.822, "KE"), ("Lagos", 6.455, 3.394, "NG"),
    ("Cairo", 30.044, 31.236, "EG"), ("Cape Town", -33.925, 18.424, "ZA"),
    ("Rabat", 34.020, -6.841, "MA"),
    # the Americas
    ("Mexico City", 19.433, -99.133, "MX"), ("Ottawa", 45.421, -75.697, "CA"),
    ("Vancouver", 49.283, -123.121, "CA"), ("Havana", 23.136, -82.359, "CU"),
    ("Buenos Aires", -34.604, -58.382, "AR"), ("Brasília", -15.794, -47.882, "BR"),
    ("Lima", -12.046, -77.043, "PE"), ("Bogotá", 4.711, -74.072, "CO"),
    # Oceania and Antarctica
    ("Wellington", -41.286, 174.776, "NZ"), ("Suva", -18.141, 178.442, "FJ"),
    ("Port Moresby", -9.443, 147.180, "PG"), ("Nouméa", -22.276, 166.458, "NC"),
    ("McMurdo Station", -77.846, 166.676, "AQ"),
    # at sea
    ("North Atlantic", 40.0, -40.0, None), ("Central Pacific", 0.0, -150.0, None),
    ("Indian Ocean", -20.0, 80.0, None), ("South China Sea", 15.0, 115.0, None),
    ("Central Mediterranean", 35.0, 18.0, None), ("North Sea", 56.0, 3.0, None),
    ("Arctic Ocean", 85.0, 0.0, None), ("Gulf of Guinea", 0.0, 0.0, None),
]


def test_the_table_is_big_enough() -> None:
    assert len(PLACES) >= 60
    assert sum(country is None for *_, country in PLACES) >= 8


@pytest.mark.parametrize("name, lat, lon, country", PLACES, ids=[p[0] for p in PLACES])
def test_place_country_and_number_shown(shipped: ScreenBuilder, name: str, lat: float, lon: float,
                                        country: str | None) -> None:
    assert country_at(lat, lon) == country
    screen = shipped.near("en", lat, lon)
    region = REGION_OF.get(country or "")
    if region is None:
        assert "This bot has no local list of services for where you are" in screen.text
        assert "Emergency: 🚑" not in screen.text
    else:
        region_name = shipped.content.regions[region].local_name("en")
        assert f"You seem to be in: {region_name}. Emergency: 🚑 {NUMBERS[region]}" \
            in screen.text
        assert "no local list" not in screen.text


# -- no location: a guess from Telegram's language -----------------------------------------

@pytest.mark.parametrize("code, first", [
    ("zh-hant", ["hk", "tw"]), ("zh-Hant", ["hk", "tw"]), ("zh_hant", ["hk", "tw"]),
    ("zh-hans", ["cn"]), ("en", []), (None, []), ("ru", []),
])
def test_a_bare_language_never_narrows_to_one_number(shipped: ScreenBuilder, code: str | None,
                                                     first: list[str]) -> None:
    regions = regions_for_language(shipped.content, code)
    assert regions[:len(first)] == first
    assert sorted(regions) == sorted(shipped.content.regions)


@pytest.mark.parametrize("code, first", [
    ("zh-hk", ["hk", "tw"]), ("zh-TW", ["tw", "hk"]), ("zh-Hant-HK", ["hk", "tw"]),
    ("zh-hant-tw", ["tw", "hk"]), ("zh-hans-cn", ["cn"]), ("zh-cn", ["cn"]),
    ("en-gb", ["uk"]), ("en-ie", ["eu"]), ("de-de", ["eu"]), ("en-au", ["au"]),
    ("en-us", ["us"]),
])
def test_a_language_naming_a_covered_country_puts_its_region_first_then_every_other(
        shipped: ScreenBuilder, code: str, first: list[str]) -> None:
    """A language is not a location: a Hong Kong reader on a Taiwan language pack, or a
    mainland visitor in Hong Kong, must still find the number that works where they are."""
    regions = regions_for_language(shipped.content, code)
    assert regions[:len(first)] == first
    assert sorted(regions) == sorted(shipped.content.regions)


def test_a_language_naming_an_uncovered_country_lists_every_region(shipped: ScreenBuilder) -> None:
    for code in ("en-sg", "zh-mo", "en-in"):
        assert sorted(regions_for_language(shipped.content, code)) \
            == sorted(shipped.content.regions)


def test_the_crisis_screen_shows_both_hong_kong_and_taiwan(shipped: ScreenBuilder) -> None:
    regions = regions_for_language(shipped.content, "zh-hant")
    screen = shipped.crisis("zh-Hant", "emergency", regions)
    assert "香港 999" in screen.text and "台灣 119" in screen.text


def test_the_numbers_banner_is_one_compact_line_each_number_labelled_by_place(
        shipped: ScreenBuilder) -> None:
    """Issue 24: the banner heads every page that says to call, so it stays short (a region's
    short name where it has one), and never puts an English abbreviation in a Chinese line."""
    english = visible_text(shipped.numbers_banner("en"))
    assert "\n" not in english
    assert english.startswith("🚑 Call UK 999 / 112 · HK 999 · Taiwan 119"), english
    assert "EU 112" in english and phone_columns(english) <= 100
    for locale, hong_kong in (("zh-Hans", "香港 999"), ("zh-Hant", "香港 999")):
        chinese = visible_text(shipped.numbers_banner(locale, ["hk", "eu"]))
        assert hong_kong in chinese and "HK" not in chinese and "EU" not in chinese, chinese
    assert shipped.numbers_banner("en", []) == ""


@settings(max_examples=300)
@given(st.one_of(st.none(), st.text(max_size=24),
                 st.builds("-".join, st.lists(st.sampled_from(
                     ["zh", "en", "hant", "hans", "tw", "hk", "cn", "us", "GB", "mo", "001", "x",
                      "", "_"]), max_size=4))))
def test_any_language_code_orders_every_region_and_narrows_to_none(shipped: ScreenBuilder,
                                                                   code: str | None) -> None:
    """Whatever Telegram sends as language_code, every region's number is shown, once each."""
    regions = regions_for_language(shipped.content, code)
    assert sorted(regions) == sorted(shipped.content.regions)
