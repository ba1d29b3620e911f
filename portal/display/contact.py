"""How to reach a service: phones (read and dialled), one-line addresses, directions, geo: URIs."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import phonenumbers

REGION = "CA"


@dataclass(frozen=True)
class PhoneLink:
    display: str  # "514 555-0123, poste 204" is built in the template; this is the number only
    href: str  # tel: URI (RFC 3966), with ;ext= when there is an extension
    extension: str | None = None


# phonenumbers parses a number in ~50 µs; results pages show the same few thousand numbers all day.
@functools.lru_cache(maxsize=32_768)
def phone_link(number: str, extension: str | None = None) -> PhoneLink:
    """Format for reading and dialling. Short codes (211, 911) and unparsable text stay as given.

    Memoized (pure, and PhoneLink is immutable).
    """
    raw = (number or "").strip()
    digits = "".join(ch for ch in raw if ch.isdigit())
    if len(digits) <= 3:
        return PhoneLink(display=raw, href=f"tel:{digits}", extension=extension)
    try:
        parsed = phonenumbers.parse(raw, REGION)
    except phonenumbers.NumberParseException:
        return PhoneLink(display=raw, href=f"tel:{digits}", extension=extension)
    if not phonenumbers.is_possible_number(parsed):
        return PhoneLink(display=raw, href=f"tel:{digits}", extension=extension)
    extension = extension or parsed.extension
    href = "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if extension:
        href += f";ext={extension}"
    display = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return PhoneLink(display=display, href=href, extension=extension)


def one_line_address(address_1: str, city: str, postal_code: str | None, province: str = "QC") -> str:
    parts = [address_1, city]
    tail = " ".join(p for p in (province, postal_code) if p)
    return ", ".join(p for p in [*parts, tail] if p)


def directions_url(lat: float | None, lon: float | None, address: str) -> str:
    """OpenStreetMap directions to the place: a plain link, nothing is fetched at render time."""
    if lat is not None and lon is not None:
        return "https://www.openstreetmap.org/directions?" + urlencode({"route": f";{lat:.5f},{lon:.5f}"})
    return "https://www.openstreetmap.org/search?query=" + quote(address)


def geo_uri(lat: float, lon: float, label: str) -> str:
    """RFC 5870 geo: URI; phones open their map application with it."""
    return f"geo:{lat:.5f},{lon:.5f}?q={lat:.5f},{lon:.5f}({quote(label)})"
