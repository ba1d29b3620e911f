"""Widget presets: what a partner chooses once (region, categories, language, colours), validated.

Colours are `#rrggbb` only (nothing else reaches the generated CSS), and the pair must keep text
readable: the accent (links, button) against the background at least 4.5:1 (WCAG 1.4.3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from directory import geo, taxonomy
from portal.i18n import localized

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_ACCENT = "#0b4f9c"
DEFAULT_BACKGROUND = "#ffffff"
MIN_CONTRAST = 4.5
MAX_CATEGORIES = 10
HEIGHTS = (400, 600, 800)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of #rrggbb."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour(background: str) -> str:
    """Near-black or white, whichever reads better on `background`."""
    return "#1b1b1f" if contrast("#1b1b1f", background) >= contrast("#ffffff", background) else "#ffffff"


@dataclass
class Presets:
    region: str = ""
    categories: list[str] = field(default_factory=list)
    accent: str = DEFAULT_ACCENT
    background: str = DEFAULT_BACKGROUND
    height: int = 600
    errors: dict[str, object] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def text(self) -> str:
        return text_colour(self.background)

    def query(self) -> list[tuple[str, str]]:
        """Query-string pairs for the widget's URL (defaults left out, so snippets stay short)."""
        pairs = []
        if self.region:
            pairs.append(("region", self.region))
        pairs += [("category", c) for c in self.categories]
        if self.accent.lower() != DEFAULT_ACCENT:
            pairs.append(("accent", self.accent.lower()))
        if self.background.lower() != DEFAULT_BACKGROUND:
            pairs.append(("bg", self.background.lower()))
        return pairs


def parse(args) -> Presets:
    """Presets from a query string; invalid values are reported in `errors` and replaced by
    defaults, so the widget still renders with safe values."""
    presets = Presets()
    region = (args.get("region") or "").strip()
    if region:
        if region in geo.regions():
            presets.region = region
        else:
            presets.errors["region"] = _l("Choose a region from the list.")
    by_code = taxonomy.by_code()
    codes = [c.strip() for raw in args.getlist("category") for c in raw.split(",") if c.strip()]
    unknown = [c for c in codes if c not in by_code]
    if unknown:
        presets.errors["category"] = _l("Choose categories from the list.")
    presets.categories = list(dict.fromkeys(c for c in codes if c in by_code))[:MAX_CATEGORIES]
    for name, attr in (("accent", "accent"), ("bg", "background")):
        value = (args.get(name) or "").strip()
        if value:
            if COLOUR.match(value):
                setattr(presets, attr, value.lower())
            else:
                presets.errors[name] = _l("Enter a colour as # and 6 hexadecimal digits, like #0b4f9c.")
    if "accent" not in presets.errors and "bg" not in presets.errors \
            and contrast(presets.accent, presets.background) < MIN_CONTRAST:
        presets.errors["accent"] = _l("The link colour and the background colour are too close: "
                                      "choose colours with a contrast of at least 4.5 to 1.")
        presets.accent, presets.background = DEFAULT_ACCENT, DEFAULT_BACKGROUND
    height = (args.get("height") or "").strip()
    if height:
        if height.isdigit() and int(height) in HEIGHTS:
            presets.height = int(height)
        else:
            presets.errors["height"] = _l("Choose a height from the list.")
    return presets


def region_choices(lang: str) -> list[tuple[str, str]]:
    return sorted(((code, localized(r, "name", lang) or code) for code, r in geo.regions().items()),
                  key=lambda pair: pair[0])


def category_choices(lang: str) -> list[tuple[str, str]]:
    return [(c.code, localized(c, "name", lang) or c.code)
            for c in taxonomy.categories() if c.depth == 0]
