from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.conversation.deeplinks import PAYLOAD, DeepLink, make_payload, parse_payload, start_link


def test_page_and_campaign_round_trip() -> None:
    assert parse_payload("bladder_signs") == DeepLink("bladder_signs")
    assert parse_payload("bladder-festival26") == DeepLink("bladder", "festival26")
    assert make_payload("bladder", "festival26") == "bladder-festival26"
    assert start_link("@ksafer_bot", "home", "card") == "https://t.me/ksafer_bot?start=home-card"


@pytest.mark.parametrize("payload", ["", "a" * 65, "Bladder", "bladder-", "-x", "a-b-c",
                                     "bladder signs", "膀胱", "../etc", None])
def test_malformed_payloads_are_refused(payload: str | None) -> None:
    assert parse_payload(payload) is None


def test_bad_campaign_is_refused_when_making_links() -> None:
    with pytest.raises(ValueError, match="campaign"):
        make_payload("home", "bad tag")


@given(st.text(max_size=80))
def test_any_text_parses_to_none_or_a_valid_link(payload: str) -> None:
    link = parse_payload(payload)
    if link is not None:
        assert PAYLOAD.fullmatch(payload)
        assert make_payload(link.page, link.campaign) == payload


@given(st.from_regex(r"[a-z][a-z0-9_]{0,31}", fullmatch=True),
       st.one_of(st.none(), st.from_regex(r"[A-Za-z0-9_]{1,31}", fullmatch=True)))
def test_every_valid_page_and_campaign_fits_telegrams_payload_rules(
        page: str, campaign: str | None) -> None:
    payload = make_payload(page, campaign)
    assert PAYLOAD.fullmatch(payload)
    assert parse_payload(payload) == DeepLink(page, campaign)


def test_a_link_in_a_language_opens_in_it_and_older_links_still_open() -> None:
    assert parse_payload("bladder--hant") == DeepLink("bladder", None, "zh-Hant")
    assert parse_payload("bladder-festival26--hans") == DeepLink("bladder", "festival26",
                                                                 "zh-Hans")
    assert start_link("ksafer_bot", "home", "card", "en") == \
        "https://t.me/ksafer_bot?start=home-card--en"
    assert parse_payload("bladder-festival26") == DeepLink("bladder", "festival26", None)
    assert parse_payload("bladder--fr") is None  # not a language we make links in
    assert parse_payload("bladder---hant") is None


def test_a_link_too_long_with_its_language_says_what_to_shorten() -> None:
    with pytest.raises(ValueError, match="shorter campaign tag"):
        make_payload("p" * 32, "c" * 31, "zh-Hant")


@given(st.from_regex(r"[a-z][a-z0-9_]{0,31}", fullmatch=True),
       st.one_of(st.none(), st.from_regex(r"[A-Za-z0-9_]{1,31}", fullmatch=True)),
       st.sampled_from(["en", "zh-Hans", "zh-Hant"]))
def test_every_link_in_a_language_fits_or_is_refused(page: str, campaign: str | None,
                                                      locale: str) -> None:
    try:
        payload = make_payload(page, campaign, locale)
    except ValueError:
        assert len(page) + len(campaign or "") + 7 > 64
        return
    assert PAYLOAD.fullmatch(payload)
    assert parse_payload(payload) == DeepLink(page, campaign, locale)


@pytest.mark.parametrize("payload", ["a\n", "emergency\n", "help_hk-flyer\n", "what--hans\n"])
def test_a_trailing_newline_is_not_a_payload(payload: str) -> None:
    """`$` also matches before a final newline: Telegram's rule is [A-Za-z0-9_-]{1,64}, all
    of it (found by the property test above)."""
    assert parse_payload(payload) is None
    assert not PAYLOAD.fullmatch(payload)
