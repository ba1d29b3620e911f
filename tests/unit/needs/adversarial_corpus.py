"""A seeded generator of need queries carrying personal data in many real-world forms, and the
reformatting-insensitive search that must find none of it in what the portal stores.

Each generated `Case` is a realistic need sentence (French or English) with one to three pieces of
personal data: civic addresses (with and without commas, "app.", "#", "bureau", unit-dash-civic,
ordinal streets, rural routes, PO boxes), phone numbers (spaces, dots, dashes, parentheses, +1,
extensions, ten digits run together, written in words), emails (@, " at ", " arobas ", "(at)"),
SIN/NAS and RAMQ numbers with and without spaces, dates of birth in digits and in words, full names
from French-Québec, English, Arabic, Haitian, Vietnamese and Indigenous naming lists, other health
cards, driver's licences and licence plates. `secrets` are what must never be found again:

* ("text", s): s folded (lowercase, accents removed) with everything but letters and digits removed,
  searched in the same form of every stored text value ("Marie-Ève Tremblay" -> "marieevetremblay");
* ("digits", s): the digits alone, searched in the digits of every stored text value, so
  "514 555 1234", "514.555.1234" and "5145551234" are one secret.

Shared by the unit test (thousands of queries through `needs.record.stored_query`) and the functional
test (the portal's search page, widget and API, then everything the log stores and publishes).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

GIVEN = {
    "qc": ["Marie-Ève", "Jean-François", "Geneviève", "Mathieu", "Josée", "Étienne", "Mélanie", "Ghislain",
           "Huguette", "Réjean", "Chantal", "Sylvain", "Noémie", "Gaétan"],
    "en": ["Jennifer", "Michael", "Ashley", "Bradley", "Kimberly", "Nathaniel", "Heather", "Douglas"],
    "ar": ["Mohammed", "Fatima", "Youssef", "Khadija", "Abdelkader", "Samira", "Karim", "Nour", "Rachid"],
    "ht": ["Wilner", "Marjorie", "Jean-Robert", "Guerline", "Frantz", "Ketly", "Rosemène", "Widlyne"],
    "vn": ["Thi Mai", "Van Long", "Quoc Bao", "Thanh Huong", "Minh Tuan", "Ngoc Anh", "Duc Thang"],
    "in": ["Kawennahente", "Tshiuetin", "Mishtapeu", "Akinisie", "Wapistan", "Niiwin", "Tapeesa", "Shaputuan"],
}
FAMILY = {
    "qc": ["Tremblay", "Gagnon", "Bouchard", "Côté", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Desrosiers",
           "Thibodeau", "Ouellette", "Charbonneau"],
    "en": ["Thompson", "MacDonald", "Fitzgerald", "Richardson", "Henderson", "Whitfield", "Sutherland"],
    "ar": ["Benali", "El Amrani", "Haddad", "Bouzid", "Khalil", "Mansouri", "Belkacem", "Abdelnour"],
    "ht": ["Jean-Baptiste", "Pierre-Louis", "Dorvilier", "Exantus", "Milfort", "Delvalle", "Bellegarde"],
    "vn": ["Nguyen", "Tran", "Pham", "Hoang", "Huynh", "Truong", "Dang"],
    "in": ["Mestokosho", "Kanatewat", "Iserhoff", "Awashish", "Petiquay", "Nappaaluk", "Saganash", "Kawapit"],
}
STREETS = ["Papineau", "De Lorimier", "Fullum", "Beaubien", "Jarry", "Wellington", "Fleury", "Masson",
           "Bélanger", "Saint-Hubert", "Des Érables", "Dorchester", "Chabanel", "Lajeunesse", "Ste-Catherine",
           "Du Couvent", "Des Pins", "Cartier", "Maisonneuve", "Christophe-Colomb"]
STREET_TYPES_FR = ["rue", "avenue", "boul.", "boulevard", "chemin", "rang", "montée", "av."]
STREET_TYPES_EN = ["Street", "St.", "Avenue", "Road", "Drive", "Boulevard"]
EMAIL_DOMAINS = ["gmail.com", "hotmail.com", "videotron.ca", "yahoo.fr", "outlook.com", "sympatico.ca"]
AREA_CODES = ["514", "438", "450", "579", "819", "873", "418", "581", "367"]
UNITS = ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "zéro"]
UNITS_EN = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "zero"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
DAY_WORDS_FR = ["premier", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze"]
NEEDS_FR = ["banque alimentaire", "logement abordable", "aide juridique gratuite", "dentiste gratuit",
            "hébergement d'urgence", "aide aux devoirs", "francisation", "transport médical", "soutien psychologique",
            "dépannage alimentaire", "aide pour les impôts", "garderie", "popote roulante", "aide à domicile"]
NEEDS_EN = ["food bank", "affordable housing", "free legal aid", "free dentist", "emergency shelter",
            "homework help", "french classes", "medical transport", "counselling", "tax clinic", "daycare",
            "meals on wheels", "home care"]


@dataclass
class Case:
    query: str
    locale: str
    secrets: list[tuple[str, str]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    place: str = ""  # a full postal code typed in the place box (coarsened to the FSA)


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def alnum(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


class Generator:
    def __init__(self, seed: int = 16) -> None:
        self.rng = random.Random(seed)

    def pick(self, items):  # noqa: ANN001, ANN201 - a list of anything
        return items[self.rng.randrange(len(items))]

    # -- pieces of personal data: (text as typed, secrets, kind) --------------------------------

    def name(self) -> tuple[str, list[tuple[str, str]], str]:
        origin = self.pick(list(GIVEN))
        given, family = self.pick(GIVEN[origin]), self.pick(FAMILY[origin])
        style = self.rng.randrange(4)
        typed = {0: f"{given} {family}", 1: f"{family.upper()}, {given}", 2: f"{given.lower()} {family.lower()}",
                 3: f"{family} {given}"}[style]
        return typed, [("text", given + family), ("text", family + given)], f"name-{origin}"

    def three_digits(self) -> str:
        """100-999 but not a stated number: 211, 811 and 911 are kept wherever they appear (alone,
        without a street or letters, they identify nobody), so as secrets they would only find
        themselves in "urgence 911"."""
        while (number := str(self.rng.randrange(100, 1000))) in ("211", "811", "911"):
            pass
        return number

    def civic(self) -> str:
        return self.three_digits() if self.rng.random() < 0.5 else str(self.rng.randrange(1000, 13000))

    def address(self) -> tuple[str, list[tuple[str, str]], str]:
        civic, street = self.civic(), self.pick(STREETS)
        unit = str(self.rng.randrange(2, 40))
        style = self.rng.randrange(10)
        if style == 0:
            typed = f"{civic} {self.pick(STREET_TYPES_FR)} {street}"
        elif style == 1:
            typed = f"{civic}, {self.pick(STREET_TYPES_FR)} {street}"
        elif style == 2:
            typed = f"{civic}, {self.rng.randrange(1, 30)}e avenue"
            street = ""
        elif style == 3:
            typed = f"{civic} {self.pick(STREET_TYPES_FR)} {street} app. {unit}"
        elif style == 4:
            typed = f"{civic} {street} {self.pick(STREET_TYPES_EN)} #{unit}"
        elif style == 5:
            typed = f"{unit}-{civic} rue {street}"
        elif style == 6:
            typed = f"{civic} boul. {street}, bureau {unit}"
        elif style == 7:
            number = self.rng.randrange(100, 9999)
            typed = self.pick([f"C.P. {number}", f"case postale {number}", f"PO Box {number}", f"P.O. Box {number}"])
            return typed, [("digits", str(number))], "po-box"
        elif style == 8:
            route = self.rng.randrange(1, 9)
            typed = f"{civic} RR {route}" if self.rng.random() < 0.5 else f"{civic} route rurale {route}"
            return typed, [("digits", civic), ("text", typed)], "rural-route"
        else:
            typed = f"{civic} {street} {self.pick(STREET_TYPES_EN)}"
        secrets = [("digits", civic), ("text", typed)]
        if street:
            secrets.append(("text", civic + street))
        return typed, secrets, "address"

    def phone(self) -> tuple[str, list[tuple[str, str]], str]:
        area, mid, end = self.pick(AREA_CODES), str(self.rng.randrange(200, 999)), f"{self.rng.randrange(10000):04d}"
        style = self.rng.randrange(11)
        ext = str(self.rng.randrange(10, 9999))
        forms = [f"{area}-{mid}-{end}", f"({area}) {mid}-{end}", f"{area}.{mid}.{end}", f"{area} {mid} {end}",
                 f"+1 {area} {mid} {end}", f"1-{area}-{mid}-{end}", f"{area}{mid}{end}",
                 f"{area}-{mid}-{end} poste {ext}", f"({area}) {mid}-{end} ext. {ext}", f"{area} {mid} {end} x{ext}"]
        if style < len(forms):
            typed = forms[style]
            secrets = [("digits", area + mid + end), ("digits", mid + end)]
            return typed, secrets, "phone"
        words = UNITS if self.rng.random() < 0.5 else UNITS_EN
        typed = " ".join(words[int(d) - 1] if d != "0" else words[9] for d in area + mid + end)
        return typed, [("text", typed)], "phone-words"

    def email(self) -> tuple[str, list[tuple[str, str]], str]:
        given = fold(self.pick(self.pick(list(GIVEN.values())))).replace(" ", "").replace("-", "")
        family = fold(self.pick(self.pick(list(FAMILY.values())))).replace(" ", "").replace("-", "")
        local = self.pick([f"{given}.{family}", f"{given}_{family}{self.rng.randrange(10, 99)}",
                           f"{given[:3]}{family}"])
        user, domain = local, self.pick(EMAIL_DOMAINS)
        name, tld = domain.rsplit(".", 1)
        typed = self.pick([f"{user}@{domain}", f"{user} at {name} dot {tld}", f"{user} arobas {name} point {tld}",
                           f"{user}(at){domain}", f"{user} @ {domain}"])
        return typed, [("text", user)], "email"

    def sin(self) -> tuple[str, list[tuple[str, str]], str]:
        number = f"{self.rng.randrange(100, 999)}{self.rng.randrange(100, 999)}{self.rng.randrange(100, 999)}"
        typed = self.pick([f"{number[:3]} {number[3:6]} {number[6:]}", f"{number[:3]}-{number[3:6]}-{number[6:]}",
                           number, f"{number[:3]}  {number[3:6]}  {number[6:]}"])
        label = self.pick(["NAS", "SIN", "assurance sociale", "social insurance"])
        return f"{label} {typed}", [("digits", number)], "sin"

    def ramq(self) -> tuple[str, list[tuple[str, str]], str]:
        family, given = fold(self.pick(FAMILY["qc"])), fold(self.pick(GIVEN["qc"]))
        letters = (re.sub(r"[^a-z]", "", family)[:3] + given[0]).upper()
        year, month, day, seq = self.rng.randrange(40, 99), self.rng.randrange(1, 13), self.rng.randrange(1, 29), \
            self.rng.randrange(10, 99)
        number = f"{year:02d}{month + self.pick([0, 50]):02d}{day:02d}{seq:02d}"
        typed = self.pick([f"{letters} {number[:4]} {number[4:]}", f"{letters}{number}",
                           f"{letters} {number[:2]} {number[2:4]} {number[4:6]} {number[6:]}"])
        return f"{self.pick(['carte RAMQ', 'carte soleil', 'health card', 'assurance maladie'])} {typed}", \
            [("text", letters + number), ("digits", number)], "ramq"

    def date_of_birth(self) -> tuple[str, list[tuple[str, str]], str]:
        year, month, day = self.rng.randrange(1935, 2022), self.rng.randrange(1, 13), self.rng.randrange(1, 29)
        style = self.rng.randrange(6)
        if style == 0:
            typed = f"né le {day:02d}/{month:02d}/{year}"
        elif style == 1:
            typed = f"date de naissance {year}-{month:02d}-{day:02d}"
        elif style == 2:
            typed = f"née le {day} {MONTHS_FR[month - 1]} {year}"
        elif style == 3:
            typed = f"born {MONTHS_EN[month - 1]} {day}, {year}"
        elif style == 4:
            typed = f"DOB {month:02d}-{day:02d}-{year}"
        else:
            word = DAY_WORDS_FR[(day - 1) % 12]
            typed = f"né le {word} {MONTHS_FR[month - 1]} mil neuf cent {year % 100}"
            return typed, [("text", f"{word}{MONTHS_FR[month - 1]}milneufcent"), ("digits", f"{year}")], "dob-words"
        return typed, [("digits", str(year)), ("digits", f"{day:02d}{month:02d}{year}"),
                       ("digits", f"{year}{month:02d}{day:02d}")], "dob"

    def card_or_plate(self) -> tuple[str, list[tuple[str, str]], str]:
        letters = "".join(self.pick("ABCDEGHJKLMNPRSTVWXYZ") for _ in range(3))
        number = self.three_digits()
        style = self.rng.randrange(5)
        if style == 0:
            typed, secret = f"plaque {letters} {number}", letters + number
        elif style == 1:
            typed, secret = f"licence plate {number} {letters}", number + letters
        elif style == 2:
            digits_ = f"{self.rng.randrange(1000, 9999)}{self.rng.randrange(100, 999)}{self.rng.randrange(100, 999)}"
            typed = f"carte santé Ontario {digits_[:4]}-{digits_[4:7]}-{digits_[7:]}-{letters[:2]}"
            return typed, [("digits", digits_)], "health-card"
        elif style == 3:
            licence = f"{letters[0]}{self.rng.randrange(1000, 9999)}-{self.rng.randrange(100000, 999999)}-" \
                      f"{self.rng.randrange(10, 99)}"
            typed, secret = f"permis de conduire {licence}", licence
            return typed, [("text", secret), ("digits", digits(licence))], "licence"
        else:
            typed, secret = f"mon char {letters[:1]}{number[:2]} {letters[1:]}", letters[:1] + number[:2] + letters[1:]
        return typed, [("text", secret)], "plate"

    def postal(self) -> tuple[str, list[tuple[str, str]], str]:
        fsa = self.pick(["H2X", "H1W", "J4K", "G1R", "J8Y", "H3Z", "G7H", "J1H"])
        ldu = f"{self.rng.randrange(1, 10)}{self.pick('ABCEGHJKLMNPRSTVWXYZ')}{self.rng.randrange(10)}"
        typed = self.pick([f"{fsa} {ldu}", f"{fsa}{ldu}", f"{fsa.lower()}-{ldu.lower()}"])
        return typed, [("text", fsa + ldu)], "postal-code"

    # -- sentences ------------------------------------------------------------------------------

    def case(self) -> Case:
        french = self.rng.random() < 0.6
        need = self.pick(NEEDS_FR if french else NEEDS_EN)
        makers = [self.name, self.address, self.phone, self.email, self.sin, self.ramq, self.date_of_birth,
                  self.card_or_plate, self.postal]
        pieces = [self.pick(makers)() for _ in range(self.rng.randrange(1, 4))]
        texts = [p[0] for p in pieces]
        if french:
            frames = ["{need} pour {0}", "je m'appelle {0}, je cherche {need}", "{0} besoin {need} svp",
                      "bonjour, {need} près du {0}", "{need} {0} {1}", "mon fils {0} a besoin de {need}",
                      "{0}: {need} urgent, rappelez au {1}", "j'habite au {0} et je cherche {need} {2}"]
        else:
            frames = ["{need} for {0}", "my name is {0}, looking for {need}", "{0} need {need} please",
                      "hi, {need} near {0}", "{need} {0} {1}", "my son {0} needs {need}",
                      "{0}: urgent {need}, call back {1}", "I live at {0} and need {need} {2}"]
        frame = self.pick(frames)
        while len(texts) < 3:
            extra = self.pick(makers)()
            pieces.append(extra)
            texts.append(extra[0])
        used = [i for i in range(3) if "{" + str(i) + "}" in frame]
        query = frame.format(*texts, need=need)
        case = Case(query, "fr" if french else "en")
        for i in used:
            case.secrets.extend(pieces[i][1])
            case.kinds.append(pieces[i][2])
        if self.rng.random() < 0.1:
            place = self.postal()
            case.place = place[0]
            case.secrets.extend(place[1])
            case.kinds.append("place-postal-code")
        return case


def generate(count: int, seed: int = 16) -> list[Case]:
    generator = Generator(seed)
    return [generator.case() for _ in range(count)]


class StoredText:
    """Everything stored, in the two forms the secrets are searched in."""

    def __init__(self, values: Iterable[str]) -> None:
        values = list(values)
        self.values = len(values)
        self.alnum = "\n".join(alnum(v) for v in values)
        self.digits = "\n".join(digits(v) for v in values)

    def leaks(self, cases: Iterable[Case]) -> list[tuple[str, str, str]]:
        """(query, kind of secret, secret) of every secret found again."""
        found = []
        for case in cases:
            for kind, secret in case.secrets:
                form = alnum(secret) if kind == "text" else digits(secret)
                haystack = self.alnum if kind == "text" else self.digits
                if form and form in haystack:
                    found.append((case.query, kind, form))
        return found
