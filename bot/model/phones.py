"""Numbers in ``content/services.yaml`` checked against libphonenumber's metadata (the
``phonenumbers`` package), so a wrong number is caught by ``python -m bot check``, not by someone
calling it in an emergency.

- Every number in a region's ``emergency`` must be an emergency number, by libphonenumber's
  short-number metadata, in every country the region lists. Anything else is an error.
- Every service ``phone`` must be a valid number, or a known short number, in every country of
  its region (or, written as +country code..., a valid number of one of them). Anything else is an
  error at the phone's own line: a digit dropped from a crisis line ("2896 000") looks like a
  short number to libphonenumber, so "might be a short number" is no excuse. The metadata lags
  behind new helplines (Taiwan's 1925), so a service may take a short number libphonenumber
  does not list by naming the source that gives it (``short_number: S59``).
- Numbers found in a service's English ``contact`` text are checked the same way, as warnings
  (free text may hold numbers that are not meant to be dialled).
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency, NumberParseException, PhoneNumberMatcher, shortnumberinfo

from bot.model.model import FALLBACK_LOCALE, Content, Origin, Region, Service
from bot.model.problems import Problem, Severity

SERVICES_FILE = "content/services.yaml"
# A number as an editor writes it: digits, maybe grouped by spaces or hyphens, maybe with +.
_NUMBER = re.compile(r"\+?\d(?:[\d -]*\d)?")


def numbers_in(text: str) -> list[str]:
    """'999 / 112' -> ['999', '112']; grouping spaces and hyphens stay inside a number."""
    return [match.strip() for match in _NUMBER.findall(text)]


def _digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())


def check_numbers(content: Content) -> list[Problem]:
    problems: list[Problem] = []
    for region_id, region in content.regions.items():
        origin = content.origins.regions.get(region_id, Origin(SERVICES_FILE, 0))
        problems.extend(_check_emergency(region_id, region, origin))
    for service in content.services:
        home = content.regions.get(service.region)
        if home is None:  # the loader already reports an unknown region
            continue
        origin = content.origins.services.get(service.id, Origin(SERVICES_FILE, 0))
        if service.phone:
            problems.extend(_check_phone(service, service.phone, home,
                                         content.service_origin(service.id, "phone"), "error"))
        contact = service.local("contact", FALLBACK_LOCALE) or ""
        contact_origin = content.origins.service_fields.get((service.id, "contact"), origin)
        for match in PhoneNumberMatcher(contact, home.countries[0], leniency=Leniency.POSSIBLE):
            problems.extend(_check_phone(service, match.raw_string, home, contact_origin,
                                         "warning", field="contact"))
    return problems


def _check_emergency(region_id: str, region: Region, origin: Origin) -> list[Problem]:
    numbers = numbers_in(region.emergency)
    if not numbers:
        return [Problem(origin.file, origin.line,
                        f"region '{region_id}': emergency has no number in it")]
    problems: list[Problem] = []
    for number in numbers:
        digits = _digits(number)
        wrong = [c for c in region.countries if not shortnumberinfo.is_emergency_number(digits, c)]
        if wrong:
            problems.append(Problem(
                origin.file, origin.line,
                f"region '{region_id}': {number} is not an emergency number in "
                f"{', '.join(wrong)} according to libphonenumber; check the number against the "
                "source, and that the region's countries all use it"))
    return problems


def _check_phone(service: Service, number: str, region: Region, origin: Origin,
                 severity: Severity, field: str = "phone") -> list[Problem]:
    where = f"service '{service.id}': {field} {number}"
    letters = sorted({ch for ch in number if ch.isalpha()})
    if letters:  # phonenumbers reads letters as keypad digits: an O typed for 0 reads as 6
        return [Problem(origin.file, origin.line,
                        f"{where} has a letter ({', '.join(letters)}) in it; write the number "
                        "in digits only (a letter O for a zero is a common slip)", severity)]
    if number.strip().startswith("+"):
        try:
            parsed = phonenumbers.parse(number, None)
        except NumberParseException as exc:
            return [Problem(origin.file, origin.line, f"{where} cannot be read: {exc}", severity)]
        country = phonenumbers.region_code_for_number(parsed)
        if not phonenumbers.is_valid_number(parsed) or country not in region.countries:
            return [Problem(origin.file, origin.line,
                            f"{where} is not a valid number of {', '.join(region.countries)} "
                            f"(libphonenumber reads it as {country or 'no country'})", severity)]
        return []
    unknown: list[str] = []
    invalid: list[str] = []
    for country in region.countries:
        verdict = _national_verdict(number, country)
        if verdict == "unknown":
            unknown.append(country)
        elif verdict == "invalid":
            invalid.append(country)
    problems: list[Problem] = []
    if invalid:
        problems.append(Problem(
            origin.file, origin.line,
            f"{where} is not a valid phone number in {', '.join(invalid)} according to "
            "libphonenumber; check it against the source (write numbers of another country "
            "as +country code ...)", severity))
    if unknown and (field != "phone" or service.short_number is None):
        fix = (" If the source gives it as a short number, add short_number: SOURCE_ID (the "
               "source that gives it) to the service") if field == "phone" else ""
        problems.append(Problem(
            origin.file, origin.line,
            f"{where} is not a number libphonenumber knows in {', '.join(unknown)} (not a valid "
            f"number, nor a short number it lists); check it against the source.{fix}",
            severity))
    return problems


def _national_verdict(number: str, country: str) -> str:
    """'valid', 'unknown' (a possible short number the metadata does not list) or 'invalid'."""
    try:
        parsed = phonenumbers.parse(number, country)
    except NumberParseException:
        return "invalid"
    if phonenumbers.is_valid_number_for_region(parsed, country):
        return "valid"
    short = phonenumbers.parse(_digits(number), country)
    if shortnumberinfo.is_valid_short_number_for_region(short, country):
        return "valid"
    if shortnumberinfo.is_possible_short_number_for_region(short, country):
        return "unknown"
    return "invalid"
