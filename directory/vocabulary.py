"""Controlled vocabularies the directory, search facets and forms share (labels in both languages).

Service languages are ISO 639-1 codes where one exists, else ISO 639-3 (sign languages: `fsl` for
LSQ, `ase` for ASL). Accessibility features are stored in `Accessibility.feature`. Age groups are
derived from a service's minimum and maximum ages: a service belongs to every group its age range
overlaps, and to all of them when it states no age.
"""

from __future__ import annotations

LANGUAGE_NAMES: dict[str, tuple[str, str]] = {
    "fr": ("Français", "French"),
    "en": ("Anglais", "English"),
    "es": ("Espagnol", "Spanish"),
    "ar": ("Arabe", "Arabic"),
    "ht": ("Créole haïtien", "Haitian Creole"),
    "zh": ("Mandarin", "Mandarin"),
    "yue": ("Cantonais", "Cantonese"),
    "vi": ("Vietnamien", "Vietnamese"),
    "pt": ("Portugais", "Portuguese"),
    "it": ("Italien", "Italian"),
    "fa": ("Persan (farsi)", "Persian (Farsi)"),
    "ru": ("Russe", "Russian"),
    "uk": ("Ukrainien", "Ukrainian"),
    "ro": ("Roumain", "Romanian"),
    "pa": ("Pendjabi", "Punjabi"),
    "ta": ("Tamoul", "Tamil"),
    "bn": ("Bengali", "Bengali"),
    "ur": ("Ourdou", "Urdu"),
    "hi": ("Hindi", "Hindi"),
    "tl": ("Tagalog (filipino)", "Tagalog (Filipino)"),
    "el": ("Grec", "Greek"),
    "pl": ("Polonais", "Polish"),
    "de": ("Allemand", "German"),
    "ko": ("Coréen", "Korean"),
    "ja": ("Japonais", "Japanese"),
    "tr": ("Turc", "Turkish"),
    "ku": ("Kurde", "Kurdish"),
    "he": ("Hébreu", "Hebrew"),
    "yi": ("Yiddish", "Yiddish"),
    "hy": ("Arménien", "Armenian"),
    "so": ("Somali", "Somali"),
    "ti": ("Tigrigna", "Tigrinya"),
    "am": ("Amharique", "Amharic"),
    "sw": ("Swahili", "Swahili"),
    "rn": ("Kirundi", "Kirundi"),
    "rw": ("Kinyarwanda", "Kinyarwanda"),
    "ln": ("Lingala", "Lingala"),
    "wo": ("Wolof", "Wolof"),
    "ne": ("Népalais", "Nepali"),
    "km": ("Khmer", "Khmer"),
    "iu": ("Inuktitut", "Inuktitut"),
    "cr": ("Cri", "Cree"),
    "moe": ("Innu-aimun", "Innu-aimun"),
    "atj": ("Atikamekw", "Atikamekw"),
    "fsl": ("Langue des signes québécoise (LSQ)", "Quebec Sign Language (LSQ)"),
    "ase": ("Langue des signes américaine (ASL)", "American Sign Language (ASL)"),
}

ACCESSIBILITY_FEATURES: dict[str, tuple[str, str]] = {
    "wheelchair": ("Accès pour fauteuil roulant", "Wheelchair accessible"),
    "automatic_door": ("Porte d'entrée automatique", "Automatic entrance door"),
    "ramp": ("Rampe d'accès", "Access ramp"),
    "elevator": ("Ascenseur", "Elevator"),
    "adapted_washroom": ("Toilettes adaptées", "Accessible washroom"),
    "parking": ("Stationnement réservé aux personnes handicapées", "Accessible parking"),
    "transit": ("À proximité du transport en commun", "Near public transit"),
    "braille": ("Signalisation en braille", "Braille signage"),
    "large_print": ("Documents en gros caractères", "Large-print documents"),
    "hearing_loop": ("Boucle magnétique", "Hearing loop"),
    "lsq_interpretation": ("Interprétation en LSQ sur demande", "LSQ interpretation on request"),
    "service_animal": ("Animaux d'assistance acceptés", "Service animals welcome"),
    "quiet_space": ("Espace calme disponible", "Quiet space available"),
    "home_visits": ("Services offerts à domicile", "Home visits available"),
    "phone_video": ("Services par téléphone ou vidéo", "Services by phone or video"),
}

# (label fr, label en, first age, last age) — youth overlaps adults on purpose: 18–24 services
# (employment, housing) are searched for under both.
AGE_GROUPS: dict[str, tuple[str, str, int, int]] = {
    "children": ("Enfants (0-11 ans)", "Children (0-11)", 0, 11),
    "youth": ("Jeunes (12-24 ans)", "Youth (12-24)", 12, 24),
    "adults": ("Adultes (18-64 ans)", "Adults (18-64)", 18, 64),
    "seniors": ("Aînés (65 ans et plus)", "Seniors (65+)", 65, 150),
}


def age_groups(minimum_age: int | None, maximum_age: int | None) -> list[str]:
    """The age groups a service with this age range serves."""
    low = 0 if minimum_age is None else minimum_age
    high = 150 if maximum_age is None else maximum_age
    return [
        key for key, (_fr, _en, first, last) in AGE_GROUPS.items() if low <= last and high >= first
    ]
