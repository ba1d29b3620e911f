"""Demo content catalogue: the words a believable Québec 211 directory is made of.

Pure data. The demo generator combines these templates with real places (municipalities,
neighbourhoods, Montréal community addresses) to build a directory of about 15,000 services that
reads like 211 Grand Montréal or 211 Québec régions listings. Nothing here is random or generated;
every sentence was written to be shown to a citizen.

Conventions
- French is the reference text; English is a real translation, as an anglophone Quebecer would write
  it. Template text is declared as (french, english) pairs and split into the parallel ``*_fr`` and
  ``*_en`` tuples below, so a translation can never drift out of step with its French text.
- Two placeholders only: ``{org}`` (organization name) and ``{lieu}`` (municipality or neighbourhood).
  Both appear where a bare place or organization name reads naturally ("à {lieu}", "de {lieu}").
  The generator must apply French elision and contraction after substitution: "de Alma" ->
  "d'Alma", "de Le Bic" -> "du Bic", "à Les Escoumins" -> "aux Escoumins".
- ``term_codes`` refer to ``directory/data/taxonomy/categories.csv``.
- Québec institutional names stay in French in English text where anglophones use them as-is
  (CLSC, CPE, HLM, CALACS, CAVAC, IVAC, Tribunal administratif du logement, Services Québec).

Beyond the API the generator relies on, the module offers ``FEE_DETAILS`` (wording of each fee kind)
and ``NEIGHBOURHOOD_PREFIXES`` (ways a neighbourhood-level service names its area).
"""

from dataclasses import dataclass

from directory import vocabulary


@dataclass(frozen=True)
class ServiceTemplate:
    key: str
    term_codes: tuple[str, ...]
    names_fr: tuple[str, ...]
    names_en: tuple[str, ...]
    descriptions_fr: tuple[str, ...]
    descriptions_en: tuple[str, ...]
    eligibility_fr: tuple[str, ...]
    eligibility_en: tuple[str, ...]
    application_fr: tuple[str, ...]
    application_en: tuple[str, ...]
    documents_fr: tuple[str, ...]
    documents_en: tuple[str, ...]
    fee_weights: dict[str, float]
    schedule_kinds: tuple[str, ...]
    age_groups: tuple[str, ...]
    keywords_fr: tuple[str, ...] = ()
    keywords_en: tuple[str, ...] = ()
    weight: float = 1.0


@dataclass(frozen=True)
class OrganizationKind:
    key: str
    names_fr: tuple[str, ...]
    names_en: tuple[str, ...]
    descriptions_fr: tuple[str, ...]
    descriptions_en: tuple[str, ...]
    service_keys: tuple[str, ...]
    legal_status: str
    weight: float = 1.0


Pair = tuple[str, str]

# Services whose locations keep their address confidential (docs/confidential-locations.md): in
# Québec, shelters and second-stage housing for women fleeing violence never publish their address;
# people reach them by phone (SOS violence conjugale, the shelter's intake line).
CONFIDENTIAL_SERVICES = frozenset({"domestic_violence_shelter", "second_stage_housing"})

FEE_KINDS = ("free", "sliding", "fixed")
SCHEDULE_KINDS = (
    "office",
    "office_lunch",
    "evenings",
    "weekend",
    "always",
    "seasonal_winter",
    "seasonal_summer",
    "appointment",
    "weekly_day",
)
# A template's age groups: directory.vocabulary.AGE_GROUPS, or "all" (no age stated).
AGE_GROUPS = (*vocabulary.AGE_GROUPS, "all")


def _fr(pairs: tuple[Pair, ...]) -> tuple[str, ...]:
    return tuple(fr for fr, _ in pairs)


def _en(pairs: tuple[Pair, ...]) -> tuple[str, ...]:
    return tuple(en for _, en in pairs)


def _service(
    key: str,
    terms: tuple[str, ...],
    *,
    names: tuple[Pair, ...],
    descriptions: tuple[Pair, ...],
    eligibility: tuple[Pair, ...],
    application: tuple[Pair, ...],
    documents: tuple[Pair, ...] = (),
    fees: dict[str, float],
    schedules: tuple[str, ...],
    ages: tuple[str, ...],
    keywords_fr: tuple[str, ...] = (),
    keywords_en: tuple[str, ...] = (),
    weight: float = 1.0,
) -> ServiceTemplate:
    return ServiceTemplate(
        key=key,
        term_codes=terms,
        names_fr=_fr(names),
        names_en=_en(names),
        descriptions_fr=_fr(descriptions),
        descriptions_en=_en(descriptions),
        eligibility_fr=_fr(eligibility),
        eligibility_en=_en(eligibility),
        application_fr=_fr(application),
        application_en=_en(application),
        documents_fr=_fr(documents),
        documents_en=_en(documents),
        fee_weights=fees,
        schedule_kinds=schedules,
        age_groups=ages,
        keywords_fr=keywords_fr,
        keywords_en=keywords_en,
        weight=weight,
    )


def _kind(
    key: str,
    *,
    names: tuple[Pair, ...],
    descriptions: tuple[Pair, ...],
    services: tuple[str, ...],
    legal_status: str,
    weight: float = 1.0,
) -> OrganizationKind:
    return OrganizationKind(
        key=key,
        names_fr=_fr(names),
        names_en=_en(names),
        descriptions_fr=_fr(descriptions),
        descriptions_en=_en(descriptions),
        service_keys=services,
        legal_status=legal_status,
        weight=weight,
    )


# Wording shared by many templates ------------------------------------------------------------

# Documents
ID_PHOTO: Pair = ("Pièce d'identité avec photo", "Photo ID")
HEALTH_CARD: Pair = ("Carte d'assurance maladie", "Health insurance card (RAMQ)")
PROOF_ADDRESS: Pair = (
    "Preuve de résidence (bail ou facture récente)",
    "Proof of address (lease or recent bill)",
)
PROOF_INCOME: Pair = (
    "Preuve de revenu (talon de paie, relevé d'aide sociale ou avis de cotisation)",
    "Proof of income (pay stub, social assistance statement or notice of assessment)",
)
LEASE: Pair = ("Copie du bail", "Copy of the lease")
LANDLORD_NOTICES: Pair = (
    "Avis, lettres ou mises en demeure reçus du propriétaire",
    "Notices, letters or formal demands received from the landlord",
)
CHILDREN_PROOF: Pair = (
    "Certificat de naissance ou carte d'assurance maladie des enfants",
    "Children's birth certificates or health cards",
)
IMMIGRATION_DOCS: Pair = (
    "Documents d'immigration (permis, confirmation de résidence permanente ou document du demandeur d'asile)",
    "Immigration documents (permit, confirmation of permanent residence or refugee claimant document)",
)
TAX_SLIPS: Pair = (
    "Feuillets fiscaux (T4, Relevé 1, T5007, Relevé 5 et autres)",
    "Tax slips (T4, Relevé 1, T5007, Relevé 5 and others)",
)
RENT_SLIP: Pair = (
    "Relevé 31 (pour le crédit d'impôt pour solidarité)",
    "Relevé 31 (for the solidarity tax credit)",
)
PREVIOUS_NOA: Pair = ("Avis de cotisation de l'an dernier", "Last year's notice of assessment")
MEDICAL_NOTE: Pair = (
    "Prescription ou recommandation d'un professionnel de la santé",
    "Prescription or recommendation from a health professional",
)
DIPLOMAS: Pair = ("Diplômes et relevés de notes", "Diplomas and transcripts")
RESUME: Pair = ("CV à jour, si vous en avez un", "Up-to-date résumé, if you have one")

# How to apply
CALL_FOR_APPOINTMENT: Pair = (
    "Téléphoner pour prendre rendez-vous.",
    "Call to book an appointment.",
)
WALK_IN: Pair = (
    "Se présenter sans rendez-vous pendant les heures d'accueil.",
    "Drop in during opening hours; no appointment needed.",
)
CALL_FIRST: Pair = (
    "Téléphoner d'abord pour une courte évaluation de vos besoins.",
    "Call first for a short assessment of your needs.",
)
REGISTER_ONLINE: Pair = (
    "S'inscrire en ligne ou par téléphone; une personne vous rappelle pour confirmer.",
    "Register online or by phone; someone will call you back to confirm.",
)
REFERRAL: Pair = (
    "Sur référence d'un CLSC, d'un organisme ou d'un intervenant.",
    "By referral from a CLSC, a community organization or a worker.",
)
REFERRAL_OR_SELF: Pair = (
    "Vous pouvez appeler vous-même ou être référé par un intervenant.",
    "You can call yourself or be referred by a worker.",
)
CALL_ANYTIME: Pair = ("Téléphoner en tout temps, jour et nuit.", "Call any time, day or night.")

# Who can use it
ANYONE: Pair = ("Toute personne dans le besoin", "Anyone in need")
LOW_INCOME_LIEU: Pair = ("Résidents de {lieu} à faible revenu", "Low-income residents of {lieu}")
RESIDENTS_LIEU: Pair = (
    "Résidents de {lieu} et des environs",
    "Residents of {lieu} and the surrounding area",
)
SENIORS_65: Pair = ("Personnes de 65 ans et plus", "People aged 65 and over")
SENIORS_LOSS: Pair = (
    "Personnes aînées ou en perte d'autonomie vivant à domicile",
    "Older adults or people with reduced autonomy living at home",
)
ADULTS_18: Pair = ("Adultes de 18 ans et plus", "Adults aged 18 and over")
FAMILIES_0_5: Pair = (
    "Familles ayant des enfants de 0 à 5 ans",
    "Families with children aged 0 to 5",
)
NEWCOMERS_5Y: Pair = (
    "Personnes immigrantes arrivées au Québec depuis moins de cinq ans",
    "Immigrants who arrived in Québec less than five years ago",
)
WOMEN: Pair = ("Femmes et leurs enfants", "Women and their children")


# Service templates ----------------------------------------------------------------------------

_TEMPLATES: tuple[ServiceTemplate, ...] = (
    # Alimentation / Food
    _service(
        "food_bank",
        ("food.emergency-food.food-bank",),
        names=(
            ("Dépannage alimentaire", "Emergency food assistance"),
            ("Banque alimentaire", "Food bank"),
            ("Comptoir alimentaire", "Food counter"),
            ("Distribution alimentaire hebdomadaire", "Weekly food distribution"),
        ),
        descriptions=(
            (
                "{org} remet des denrées aux ménages de {lieu} qui manquent de nourriture. Les paniers comprennent des fruits et légumes, des produits laitiers et des denrées non périssables, selon les arrivages.",
                "{org} provides groceries to households in {lieu} who are short of food. Baskets include fruit and vegetables, dairy products and non-perishables, depending on donations.",
            ),
            (
                "Dépannage alimentaire offert une fois par semaine aux personnes et familles à faible revenu. Une inscription est faite à la première visite; une contribution symbolique peut être demandée.",
                "Emergency food help offered once a week to low-income individuals and families. You register on your first visit; a small contribution may be asked.",
            ),
            (
                "Comptoir alimentaire où les participants choisissent eux-mêmes leurs denrées. Les bénévoles accueillent chaque personne avec respect et peuvent orienter vers d'autres ressources du quartier.",
                "Food counter where participants choose their own groceries. Volunteers welcome everyone with respect and can refer people to other neighbourhood resources.",
            ),
        ),
        eligibility=(
            LOW_INCOME_LIEU,
            (
                "Personnes et familles qui vivent une insécurité alimentaire",
                "Individuals and families facing food insecurity",
            ),
            ANYONE,
        ),
        application=(
            (
                "Se présenter le jour de la distribution avec les documents demandés.",
                "Come on distribution day with the required documents.",
            ),
            (
                "Téléphoner pour s'inscrire avant le mardi midi.",
                "Call to register before Tuesday noon.",
            ),
            WALK_IN,
        ),
        documents=(ID_PHOTO, PROOF_ADDRESS, PROOF_INCOME, CHILDREN_PROOF),
        fees={"free": 0.8, "fixed": 0.2},
        schedules=("weekly_day", "office", "office_lunch"),
        ages=("all",),
        keywords_fr=("épicerie", "nourriture", "panier", "faim", "denrées", "comptoir alimentaire"),
        keywords_en=("groceries", "food", "hunger", "pantry", "food hamper"),
        weight=4.0,
    ),
    _service(
        "grocery_vouchers",
        ("food.emergency-food.food-vouchers", "income.emergency-aid"),
        names=(
            ("Bons d'achat alimentaires", "Grocery vouchers"),
            ("Dépannage en bons d'épicerie", "Emergency grocery cards"),
        ),
        descriptions=(
            (
                "Bons d'épicerie remis en situation d'urgence lorsque la distribution alimentaire n'est pas accessible. La valeur varie selon la taille du ménage.",
                "Grocery vouchers given in an emergency when the food distribution is not available. The amount depends on household size.",
            ),
            (
                "{org} remet des cartes d'épicerie aux personnes de {lieu} qui font face à une dépense imprévue. Une rencontre avec une intervenante permet aussi de faire le point sur la situation.",
                "{org} gives grocery cards to people in {lieu} facing an unexpected expense. A meeting with a worker also helps take stock of the situation.",
            ),
        ),
        eligibility=(
            LOW_INCOME_LIEU,
            (
                "Ménages en situation d'urgence financière",
                "Households facing a financial emergency",
            ),
        ),
        application=(CALL_FIRST, CALL_FOR_APPOINTMENT),
        documents=(ID_PHOTO, PROOF_ADDRESS, PROOF_INCOME),
        fees={"free": 1.0},
        schedules=("office", "appointment"),
        ages=("adults", "all"),
        keywords_fr=("bons d'épicerie", "carte cadeau épicerie", "urgence"),
        keywords_en=("grocery card", "food voucher"),
        weight=1.0,
    ),
    _service(
        "soup_kitchen",
        ("food.meals.soup-kitchen",),
        names=(
            ("Soupe populaire", "Soup kitchen"),
            ("Repas chauds gratuits", "Free hot meals"),
            ("Dîners gratuits", "Free lunches"),
        ),
        descriptions=(
            (
                "Repas chaud servi gratuitement le midi, sans inscription ni question. Un café et une collation sont offerts à l'accueil.",
                "Free hot lunch served with no registration and no questions asked. Coffee and a snack are offered at the door.",
            ),
            (
                "{org} sert chaque jour de semaine un repas complet aux personnes seules, en situation d'itinérance ou à faible revenu de {lieu}. Des intervenants sont présents pendant le repas.",
                "Every weekday, {org} serves a full meal to people in {lieu} who live alone, are homeless or have low income. Workers are present during the meal.",
            ),
        ),
        eligibility=(
            ANYONE,
            (
                "Personnes en situation d'itinérance ou de pauvreté",
                "People experiencing homelessness or poverty",
            ),
        ),
        application=(WALK_IN,),
        fees={"free": 1.0},
        schedules=("office_lunch", "weekend", "always"),
        ages=("adults",),
        keywords_fr=("repas gratuit", "manger", "dîner", "souper"),
        keywords_en=("free meal", "hot meal", "lunch"),
        weight=1.5,
    ),
    _service(
        "community_meals",
        ("food.meals.community-meals",),
        names=(
            ("Repas communautaires", "Community meals"),
            ("Dîners communautaires", "Community lunches"),
            ("Soupers collectifs", "Shared suppers"),
        ),
        descriptions=(
            (
                "Repas complet servi à prix modique dans une ambiance conviviale. C'est l'occasion de briser l'isolement et de rencontrer des gens du quartier.",
                "Full meal served at a low price in a friendly atmosphere. A chance to break isolation and meet people from the neighbourhood.",
            ),
            (
                "{org} organise des dîners communautaires plusieurs fois par semaine à {lieu}. Le menu est cuisiné sur place par des bénévoles et des participants.",
                "{org} holds community lunches several times a week in {lieu}. Meals are cooked on site by volunteers and participants.",
            ),
        ),
        eligibility=(
            ANYONE,
            ("Personnes seules ou isolées", "People who live alone or are isolated"),
        ),
        application=(
            WALK_IN,
            (
                "Réserver sa place par téléphone la veille.",
                "Reserve a seat by phone the day before.",
            ),
        ),
        fees={"fixed": 0.6, "free": 0.2, "sliding": 0.2},
        schedules=("office_lunch", "weekly_day", "evenings"),
        ages=("all", "seniors", "adults"),
        keywords_fr=("repas à 3 $", "dîner", "isolement"),
        keywords_en=("low-cost meal", "lunch", "isolation"),
        weight=1.5,
    ),
    _service(
        "meals_on_wheels",
        ("food.meals-on-wheels", "seniors.home-support"),
        names=(
            ("Popote roulante", "Meals on wheels"),
            ("Repas livrés à domicile", "Home-delivered meals"),
            ("Popote congelée", "Frozen meal delivery"),
        ),
        descriptions=(
            (
                "Des bénévoles livrent des repas chauds et nutritifs à domicile, quelques midis par semaine. La livraison est aussi l'occasion de prendre des nouvelles de la personne.",
                "Volunteers deliver hot, nutritious meals at noon a few days a week. The delivery is also a chance to check in on the person.",
            ),
            (
                "{org} prépare des repas surgelés à prix modique, livrés aux personnes aînées et en convalescence de {lieu}. Des menus adaptés (sans sel ajouté, diabétique, purée) sont offerts.",
                "{org} prepares low-cost frozen meals delivered to seniors and people recovering from illness in {lieu}. Adapted menus (no added salt, diabetic, puréed) are available.",
            ),
        ),
        eligibility=(
            SENIORS_LOSS,
            (
                "Personnes en convalescence ou vivant avec une incapacité",
                "People recovering from illness or living with a disability",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT, REFERRAL_OR_SELF),
        fees={"fixed": 0.85, "sliding": 0.15},
        schedules=("office_lunch", "office"),
        ages=("seniors", "adults"),
        keywords_fr=(
            "repas à domicile",
            "livraison de repas",
            "perte d'autonomie",
            "convalescence",
        ),
        keywords_en=("meal delivery", "seniors meals"),
        weight=2.0,
    ),
    _service(
        "collective_kitchen",
        ("food.collective-kitchen",),
        names=(
            ("Cuisines collectives", "Collective kitchens"),
            ("Cuisine collective", "Collective kitchen"),
            ("Ateliers de cuisine collective", "Collective cooking workshops"),
        ),
        descriptions=(
            (
                "En petits groupes, les participants planifient un menu, font les achats ensemble et cuisinent plusieurs plats à rapporter à la maison. Chacun paie seulement le coût des portions.",
                "In small groups, participants plan a menu, shop together and cook several dishes to take home. Everyone pays only the cost of their portions.",
            ),
            (
                "{org} anime des cuisines collectives à {lieu} pour économiser, apprendre de nouvelles recettes et partager un bon moment. Des groupes parents-enfants et des groupes pour personnes aînées sont offerts.",
                "{org} runs collective kitchens in {lieu} to save money, learn new recipes and spend time together. Parent-child groups and seniors' groups are available.",
            ),
        ),
        eligibility=(RESIDENTS_LIEU, ANYONE),
        application=(
            CALL_FOR_APPOINTMENT,
            (
                "S'inscrire à un groupe par téléphone; les places sont limitées.",
                "Sign up for a group by phone; spaces are limited.",
            ),
        ),
        fees={"sliding": 0.5, "fixed": 0.5},
        schedules=("weekly_day", "office", "evenings"),
        ages=("adults", "all"),
        keywords_fr=("cuisiner", "recettes", "économiser", "repas maison"),
        keywords_en=("cooking", "recipes", "batch cooking"),
        weight=1.5,
    ),
    _service(
        "solidarity_grocery",
        ("food.low-cost-groceries",),
        names=(
            ("Épicerie solidaire", "Community grocery store"),
            ("Marché solidaire", "Community market"),
            ("Groupe d'achat", "Food buying group"),
        ),
        descriptions=(
            (
                "Épicerie où les aliments de base, les fruits et les légumes sont vendus près du prix coûtant. Les membres à faible revenu bénéficient d'un rabais supplémentaire.",
                "Grocery store where staples, fruit and vegetables are sold close to cost. Low-income members get an additional discount.",
            ),
            (
                "{org} organise un groupe d'achat : on commande en début de mois et on récupère ses produits en vrac à prix réduit. Le marché solidaire d'été offre aussi des légumes frais de producteurs locaux.",
                "{org} runs a buying group: order at the start of the month and pick up bulk products at reduced prices. The summer market also offers fresh vegetables from local farmers.",
            ),
        ),
        eligibility=(RESIDENTS_LIEU, ANYONE),
        application=(
            WALK_IN,
            (
                "Devenir membre sur place; la carte de membre est gratuite.",
                "Become a member on site; membership is free.",
            ),
        ),
        documents=(PROOF_ADDRESS,),
        fees={"fixed": 0.7, "sliding": 0.3},
        schedules=("office", "weekly_day", "seasonal_summer"),
        ages=("all",),
        keywords_fr=("épicerie", "fruits et légumes", "prix réduit", "vrac"),
        keywords_en=("groceries", "fresh produce", "affordable food"),
        weight=1.0,
    ),
    _service(
        "community_garden",
        ("food.community-garden",),
        names=(
            ("Jardins communautaires", "Community gardens"),
            ("Jardin collectif", "Collective garden"),
        ),
        descriptions=(
            (
                "Parcelles de jardin louées pour la saison à prix modique, avec eau et outils sur place. Un animateur horticole conseille les jardiniers débutants.",
                "Garden plots rented for the season at a low price, with water and tools on site. A gardening coordinator advises beginners.",
            ),
            (
                "Au jardin collectif de {org}, on cultive ensemble et on partage les récoltes. Aucune expérience n'est nécessaire.",
                "In {org}'s collective garden, people grow food together and share the harvest. No experience needed.",
            ),
        ),
        eligibility=(RESIDENTS_LIEU,),
        application=(
            (
                "S'inscrire sur la liste d'attente en début d'année.",
                "Add your name to the waiting list early in the year.",
            ),
            REGISTER_ONLINE,
        ),
        documents=(PROOF_ADDRESS,),
        fees={"fixed": 0.6, "free": 0.4},
        schedules=("seasonal_summer",),
        ages=("all",),
        keywords_fr=("jardinage", "potager", "légumes"),
        keywords_en=("gardening", "vegetable garden"),
        weight=0.8,
    ),
    _service(
        "school_breakfast",
        ("food.meals.school-breakfast",),
        names=(
            ("Petits-déjeuners à l'école", "School breakfast program"),
            ("Collations scolaires", "School snack program"),
        ),
        descriptions=(
            (
                "Petit-déjeuner nutritif offert chaque matin aux élèves avant le début des classes, dans un climat chaleureux. Aucun enfant n'est identifié selon le revenu de sa famille.",
                "Nutritious breakfast served every morning to students before class in a warm setting. No child is singled out based on family income.",
            ),
            (
                "{org} fournit des collations et des dîners aux élèves des écoles de {lieu} dont les familles ont du mal à joindre les deux bouts.",
                "{org} provides snacks and lunches to students at {lieu} schools whose families are struggling to make ends meet.",
            ),
        ),
        eligibility=(
            (
                "Élèves du primaire et du secondaire des écoles participantes",
                "Elementary and high school students at participating schools",
            ),
        ),
        application=(
            ("Communiquer avec la direction de l'école.", "Contact the school principal's office."),
        ),
        fees={"free": 0.8, "sliding": 0.2},
        schedules=("office",),
        ages=("children", "youth"),
        keywords_fr=("déjeuner", "école", "enfants"),
        keywords_en=("breakfast", "school", "kids"),
        weight=0.6,
    ),
    # Logement et hébergement / Housing and shelter
    _service(
        "homeless_shelter",
        ("housing.shelter.homeless",),
        names=(
            ("Hébergement d'urgence", "Emergency shelter"),
            ("Refuge de nuit", "Overnight shelter"),
            ("Lits d'urgence", "Emergency beds"),
        ),
        descriptions=(
            (
                "Lits d'urgence pour les personnes en situation d'itinérance, avec souper, douche et petit-déjeuner. Des intervenants aident à trouver une solution de logement plus stable.",
                "Emergency beds for people experiencing homelessness, with supper, shower and breakfast. Workers help find a more stable housing solution.",
            ),
            (
                "{org} accueille les personnes sans abri de {lieu} pour la nuit, sans condition de sobriété. Les animaux de compagnie et les couples sont acceptés selon les places disponibles.",
                "{org} welcomes people without a home in {lieu} for the night, with no sobriety requirement. Pets and couples are accepted depending on space.",
            ),
        ),
        eligibility=(
            ("Adultes en situation d'itinérance", "Adults experiencing homelessness"),
            ("Hommes de 18 ans et plus", "Men aged 18 and over"),
            ("Femmes de 18 ans et plus", "Women aged 18 and over"),
        ),
        application=(
            (
                "Se présenter à l'accueil à partir de 17 h ou téléphoner pour connaître les places disponibles.",
                "Come to the front desk from 5 p.m. or call to check for available beds.",
            ),
            CALL_ANYTIME,
        ),
        fees={"free": 1.0},
        schedules=("always", "evenings"),
        ages=("adults",),
        keywords_fr=("itinérance", "sans-abri", "dormir", "refuge", "lit", "sans domicile fixe"),
        keywords_en=("homeless", "shelter", "place to sleep", "bed"),
        weight=1.5,
    ),
    _service(
        "youth_shelter",
        ("housing.shelter.youth",),
        names=(
            ("Hébergement jeunesse", "Youth shelter"),
            ("Hébergement pour jeunes de 18 à 30 ans", "Shelter for young people aged 18 to 30"),
        ),
        descriptions=(
            (
                "Hébergement temporaire de quelques semaines à quelques mois pour les jeunes qui ont quitté la maison ou se retrouvent à la rue. Chaque jeune est accompagné dans un projet de vie : études, emploi, logement.",
                "Temporary shelter for a few weeks to a few months for young people who have left home or are on the street. Each youth gets support with a life plan: school, work, housing.",
            ),
            (
                "{org} offre un toit, des repas et un accompagnement aux jeunes de {lieu} en rupture familiale ou en difficulté.",
                "{org} offers a roof, meals and support to young people in {lieu} who have broken with their family or are struggling.",
            ),
        ),
        eligibility=(
            ("Jeunes de 18 à 30 ans", "Young people aged 18 to 30"),
            (
                "Jeunes de 12 à 17 ans (avec l'accord d'un parent ou de la DPJ)",
                "Youth aged 12 to 17 (with a parent's or the DPJ's consent)",
            ),
        ),
        application=(CALL_ANYTIME, CALL_FIRST),
        fees={"free": 0.7, "sliding": 0.3},
        schedules=("always",),
        ages=("youth",),
        keywords_fr=("fugue", "jeune à la rue", "auberge", "hébergement jeunesse"),
        keywords_en=("runaway", "youth homelessness", "young adults"),
        weight=0.8,
    ),
    _service(
        "homeless_day_centre",
        ("housing.shelter.day-centre", "goods.hygiene"),
        names=(
            ("Centre de jour", "Day centre"),
            ("Halte-accueil de jour", "Daytime drop-in"),
        ),
        descriptions=(
            (
                "Lieu de jour où se reposer, prendre un café, se doucher, faire sa lessive et recevoir son courrier. Des intervenants offrent écoute et accompagnement dans les démarches.",
                "Daytime place to rest, have a coffee, shower, do laundry and receive mail. Workers offer a listening ear and help with paperwork.",
            ),
            (
                "{org} accueille sans rendez-vous les personnes en situation d'itinérance ou à risque de l'être à {lieu}. On y trouve aussi des produits d'hygiène et des vêtements.",
                "{org} welcomes people who are homeless or at risk of homelessness in {lieu}, no appointment needed. Hygiene products and clothing are also available.",
            ),
        ),
        eligibility=(
            (
                "Personnes en situation d'itinérance ou à risque de l'être",
                "People who are homeless or at risk of homelessness",
            ),
        ),
        application=(WALK_IN,),
        fees={"free": 1.0},
        schedules=("office", "weekend"),
        ages=("adults",),
        keywords_fr=("douche", "laveuse", "courrier", "se reposer"),
        keywords_en=("shower", "laundry", "mailing address"),
        weight=0.8,
    ),
    _service(
        "transitional_housing",
        ("housing.transitional",),
        names=(
            ("Hébergement de transition", "Transitional housing"),
            ("Maison de chambres avec soutien", "Supported rooming house"),
        ),
        descriptions=(
            (
                "Chambres ou studios pour une durée de six mois à deux ans, avec un suivi pour reprendre pied : budget, démarches, recherche de logement. Le loyer tient compte du revenu.",
                "Rooms or studios for six months to two years, with follow-up to get back on one's feet: budgeting, paperwork, housing search. Rent is based on income.",
            ),
            (
                "{org} offre un hébergement de transition aux personnes qui sortent de la rue, d'une thérapie ou de détention à {lieu}.",
                "{org} offers transitional housing to people in {lieu} leaving the street, treatment or detention.",
            ),
        ),
        eligibility=(
            ADULTS_18,
            (
                "Personnes sortant de la rue, d'une thérapie ou de détention",
                "People leaving the street, treatment or detention",
            ),
        ),
        application=(REFERRAL, CALL_FIRST),
        documents=(ID_PHOTO, PROOF_INCOME),
        fees={"sliding": 0.8, "fixed": 0.2},
        schedules=("office", "appointment"),
        ages=("adults", "youth"),
        keywords_fr=("réinsertion", "logement temporaire", "sortie de rue"),
        keywords_en=("temporary housing", "reintegration"),
        weight=0.7,
    ),
    _service(
        "social_housing_hlm",
        ("housing.social.hlm", "housing.rent-help.rent-supplement"),
        names=(
            ("Demande de logement à loyer modique (HLM)", "Low-rental housing (HLM) application"),
            ("Logement social et supplément au loyer", "Social housing and rent supplement"),
        ),
        descriptions=(
            (
                "L'office municipal d'habitation attribue les logements HLM et les suppléments au loyer aux ménages à faible revenu. Le loyer correspond à 25 % du revenu du ménage, plus certains frais.",
                "The municipal housing office allocates HLM units and rent supplements to low-income households. Rent is 25% of household income, plus some charges.",
            ),
            (
                "{org} reçoit les demandes de logement social pour le territoire de {lieu}. Les demandes sont classées selon la situation du ménage; le délai d'attente peut être long.",
                "{org} takes applications for social housing in {lieu}. Applications are ranked by household situation; the waiting period can be long.",
            ),
        ),
        eligibility=(
            (
                "Ménages à faible revenu résidant au Québec depuis au moins un an",
                "Low-income households living in Québec for at least one year",
            ),
            SENIORS_65,
            ("Familles à faible revenu", "Low-income families"),
        ),
        application=(
            (
                "Remplir le formulaire de demande et le remettre avec les pièces justificatives.",
                "Fill out the application form and hand it in with supporting documents.",
            ),
            CALL_FOR_APPOINTMENT,
        ),
        documents=(ID_PHOTO, PROOF_INCOME, PREVIOUS_NOA, LEASE, CHILDREN_PROOF),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("all",),
        keywords_fr=(
            "HLM",
            "OMH",
            "logement subventionné",
            "loyer 25 %",
            "office municipal d'habitation",
        ),
        keywords_en=("public housing", "subsidized housing", "rent geared to income"),
        weight=0.8,
    ),
    _service(
        "housing_coop",
        ("housing.social.coop", "housing.social.obnl"),
        names=(
            ("Coopérative d'habitation", "Housing co-op"),
            ("Logements communautaires", "Community housing"),
        ),
        descriptions=(
            (
                "Logements à loyer inférieur au marché gérés par leurs membres. Les locataires participent à la vie de la coopérative en donnant quelques heures par mois.",
                "Below-market rental units managed by their members. Tenants take part in running the co-op by giving a few hours a month.",
            ),
            (
                "{org} gère des logements abordables à {lieu} pour familles, personnes seules et aînés. Certains logements donnent droit à une subvention au loyer.",
                "{org} manages affordable apartments in {lieu} for families, single people and seniors. Some units qualify for a rent subsidy.",
            ),
        ),
        eligibility=(
            ("Ménages à revenu faible ou modeste", "Low- and modest-income households"),
            (
                "Personnes prêtes à s'impliquer dans la coopérative",
                "People willing to take part in running the co-op",
            ),
        ),
        application=(
            (
                "Déposer sa candidature; une entrevue de sélection est prévue lorsqu'un logement se libère.",
                "Submit an application; a selection interview is held when a unit becomes available.",
            ),
        ),
        documents=(PROOF_INCOME, ID_PHOTO),
        fees={"fixed": 0.7, "sliding": 0.3},
        schedules=("appointment", "evenings"),
        ages=("all",),
        keywords_fr=("coop", "loyer abordable", "OBNL d'habitation"),
        keywords_en=("co-op", "affordable rent", "non-profit housing"),
        weight=0.6,
    ),
    _service(
        "supportive_housing",
        ("housing.social.supportive",),
        names=(
            ("Logement avec soutien communautaire", "Supportive housing"),
            ("Logements permanents avec accompagnement", "Permanent housing with support"),
        ),
        descriptions=(
            (
                "Studios permanents à loyer abordable avec intervenants sur place pour aider les locataires à conserver leur logement. Le loyer est fixé à 25 % ou 30 % du revenu.",
                "Permanent affordable studios with on-site workers who help tenants keep their home. Rent is set at 25% or 30% of income.",
            ),
            (
                "{org} loge des personnes qui ont connu l'itinérance ou vivent avec un trouble de santé mentale, et les accompagne au quotidien.",
                "{org} houses people who have experienced homelessness or live with a mental illness, and supports them day to day.",
            ),
        ),
        eligibility=(
            (
                "Personnes seules ayant connu l'itinérance",
                "Single people who have experienced homelessness",
            ),
            (
                "Adultes vivant avec un trouble de santé mentale",
                "Adults living with a mental illness",
            ),
        ),
        application=(REFERRAL,),
        documents=(ID_PHOTO, PROOF_INCOME),
        fees={"sliding": 1.0},
        schedules=("office",),
        ages=("adults",),
        keywords_fr=("studio", "logement permanent", "soutien communautaire"),
        keywords_en=("permanent housing", "Housing First"),
        weight=0.6,
    ),
    _service(
        "housing_search",
        ("housing.search",),
        names=(
            ("Aide à la recherche de logement", "Help finding housing"),
            ("Service d'aide au 1er juillet", "July 1st moving day help"),
            ("Accompagnement en recherche de logement", "Housing search support"),
        ),
        descriptions=(
            (
                "Une intervenante aide à chercher un logement, à préparer les visites et à comprendre le bail. Accès à un ordinateur et à un téléphone pour les démarches.",
                "A worker helps search for an apartment, prepare for visits and understand the lease. A computer and phone are available for the search.",
            ),
            (
                "Autour du 1er juillet, {org} aide les ménages de {lieu} qui n'ont pas trouvé de logement : référence vers un hébergement temporaire, entreposage des biens et liste de logements disponibles.",
                "Around July 1st, {org} helps households in {lieu} who have not found an apartment: referral to temporary housing, storage for belongings and a list of available units.",
            ),
        ),
        eligibility=(
            LOW_INCOME_LIEU,
            (
                "Ménages sans logement ou menacés de l'être",
                "Households without a home or at risk of losing it",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT, WALK_IN),
        documents=(ID_PHOTO, PROOF_INCOME),
        fees={"free": 1.0},
        schedules=("office", "appointment", "seasonal_summer"),
        ages=("adults", "all"),
        keywords_fr=(
            "trouver un logement",
            "appartement",
            "1er juillet",
            "déménagement",
            "sans logis",
        ),
        keywords_en=("find an apartment", "moving day", "apartment hunting"),
        weight=1.0,
    ),
    _service(
        "tenant_rights",
        ("housing.tenant-rights.committee", "housing.tenant-rights.tal"),
        names=(
            ("Information sur les droits des locataires", "Tenants' rights information"),
            ("Comité logement", "Housing committee"),
            (
                "Accompagnement au Tribunal administratif du logement",
                "Help with the Tribunal administratif du logement",
            ),
        ),
        descriptions=(
            (
                "Information et accompagnement pour les locataires : hausse de loyer, réparations, reprise de logement, insalubrité, punaises de lit. L'équipe aide à rédiger une mise en demeure ou une demande au Tribunal administratif du logement.",
                "Information and support for tenants: rent increases, repairs, repossession, unsanitary conditions, bedbugs. The team helps write a formal notice or an application to the Tribunal administratif du logement.",
            ),
            (
                "{org} défend les droits des locataires de {lieu} et milite pour le logement social. Des ateliers sur le bail et la hausse de loyer sont offerts chaque hiver.",
                "{org} defends the rights of tenants in {lieu} and campaigns for social housing. Workshops on leases and rent increases are held every winter.",
            ),
        ),
        eligibility=(("Locataires de {lieu}", "Tenants in {lieu}"), ANYONE),
        application=(
            (
                "Téléphoner pendant les heures de permanence téléphonique.",
                "Call during the phone line's opening hours.",
            ),
            WALK_IN,
        ),
        documents=(LEASE, LANDLORD_NOTICES),
        fees={"free": 0.9, "fixed": 0.1},
        schedules=("office", "weekly_day"),
        ages=("adults",),
        keywords_fr=(
            "bail",
            "propriétaire",
            "hausse de loyer",
            "TAL",
            "Régie du logement",
            "insalubrité",
            "punaises de lit",
            "moisissures",
        ),
        keywords_en=(
            "lease",
            "landlord",
            "rent increase",
            "TAL",
            "Régie du logement",
            "mould",
            "bedbugs",
        ),
        weight=1.2,
    ),
    _service(
        "eviction_prevention",
        ("housing.tenant-rights.eviction", "housing.tenant-rights.tal"),
        names=(
            ("Prévention des évictions", "Eviction prevention"),
            ("Aide aux locataires menacés d'expulsion", "Help for tenants facing eviction"),
        ),
        descriptions=(
            (
                "Aide rapide aux locataires qui ont reçu un avis d'éviction, de reprise ou de rénovation majeure, ou qui sont en retard de loyer. L'équipe explique les recours et les délais, et accompagne à l'audience.",
                "Quick help for tenants who have received a notice of eviction, repossession or major renovation, or who are behind on rent. The team explains options and deadlines and goes with tenants to the hearing.",
            ),
            (
                "{org} aide les ménages de {lieu} à conserver leur logement : négociation avec le propriétaire, entente de paiement et référence vers une aide financière d'urgence.",
                "{org} helps households in {lieu} keep their home: negotiating with the landlord, payment arrangements and referral to emergency financial help.",
            ),
        ),
        eligibility=(
            ("Locataires menacés de perdre leur logement", "Tenants at risk of losing their home"),
        ),
        application=(
            (
                "Téléphoner dès la réception de l'avis; les délais pour contester sont courts.",
                "Call as soon as you receive the notice; deadlines to contest are short.",
            ),
        ),
        documents=(LEASE, LANDLORD_NOTICES, ID_PHOTO),
        fees={"free": 1.0},
        schedules=("office", "appointment"),
        ages=("adults",),
        keywords_fr=(
            "éviction",
            "expulsion",
            "rénoviction",
            "reprise de logement",
            "retard de loyer",
        ),
        keywords_en=("eviction", "renoviction", "rent arrears"),
        weight=0.8,
    ),
    _service(
        "home_adaptation",
        ("housing.repairs", "disability.physical"),
        names=(
            ("Adaptation de domicile", "Home adaptation"),
            ("Petites réparations à domicile", "Minor home repairs"),
        ),
        descriptions=(
            (
                "Information et aide pour les demandes au Programme d'adaptation de domicile et aux programmes de rénovation. Un conseiller explique les étapes et les documents à fournir.",
                "Information and help with applications to the Home Adaptation Program and renovation programs. An advisor explains the steps and documents required.",
            ),
            (
                "Des bénévoles de {org} effectuent de petites réparations et installent des barres d'appui chez les personnes aînées de {lieu}.",
                "{org} volunteers do minor repairs and install grab bars in the homes of seniors in {lieu}.",
            ),
        ),
        eligibility=(
            SENIORS_LOSS,
            (
                "Personnes handicapées et propriétaires ou locataires à faible revenu",
                "People with disabilities and low-income owners or tenants",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT, REFERRAL_OR_SELF),
        documents=(PROOF_INCOME, MEDICAL_NOTE),
        fees={"free": 0.5, "fixed": 0.3, "sliding": 0.2},
        schedules=("office", "appointment"),
        ages=("seniors", "adults"),
        keywords_fr=("barres d'appui", "rampe d'accès", "PAD", "rénovation"),
        keywords_en=("grab bars", "ramp", "home repairs"),
        weight=0.5,
    ),
    # Santé / Health
    _service(
        "clsc_services",
        ("health.primary-care.clsc",),
        names=(
            ("Services courants du CLSC", "CLSC general services"),
            (
                "Accueil psychosocial et soins infirmiers",
                "Intake, social services and nursing care",
            ),
        ),
        descriptions=(
            (
                "Le CLSC offre des soins infirmiers (prises de sang, pansements, suivi de maladies chroniques) et un accueil psychosocial pour toute difficulté personnelle ou familiale.",
                "The CLSC provides nursing care (blood tests, dressings, chronic illness follow-up) and social-services intake for any personal or family difficulty.",
            ),
            (
                "Point d'entrée des services de santé et des services sociaux du CISSS pour les résidents de {lieu}. Une infirmière ou un intervenant évalue la demande et oriente vers le bon service.",
                "Entry point to the CISSS's health and social services for residents of {lieu}. A nurse or social worker assesses the request and refers people to the right service.",
            ),
        ),
        eligibility=(RESIDENTS_LIEU, ("Personnes couvertes par la RAMQ", "People covered by RAMQ")),
        application=(WALK_IN, CALL_FOR_APPOINTMENT),
        documents=(HEALTH_CARD,),
        fees={"free": 1.0},
        schedules=("office", "evenings", "appointment"),
        ages=("all",),
        keywords_fr=(
            "CLSC",
            "CISSS",
            "CIUSSS",
            "infirmière",
            "prise de sang",
            "travailleur social",
        ),
        keywords_en=("CLSC", "nurse", "blood test", "social worker"),
        weight=1.5,
    ),
    _service(
        "walk_in_clinic",
        ("health.primary-care.walk-in",),
        names=(
            ("Clinique sans rendez-vous", "Walk-in clinic"),
            ("Consultations médicales le jour même", "Same-day medical appointments"),
        ),
        descriptions=(
            (
                "Consultations médicales pour les problèmes de santé qui ne peuvent attendre, sur rendez-vous le jour même. Les plages horaires s'ouvrent le matin sur Rendez-vous santé Québec.",
                "Medical visits for health problems that can't wait, with same-day appointments. Slots open each morning on Rendez-vous santé Québec.",
            ),
            (
                "{org} reçoit les patients avec ou sans médecin de famille. Les personnes inscrites au Guichet d'accès à la première ligne (GAP) peuvent y être orientées.",
                "{org} sees patients with or without a family doctor. People registered with the primary care access point (GAP) may be referred here.",
            ),
        ),
        eligibility=(
            ANYONE,
            ("Personnes sans médecin de famille", "People without a family doctor"),
        ),
        application=(
            (
                "Réserver une plage sur Rendez-vous santé Québec ou appeler le 811.",
                "Book a slot on Rendez-vous santé Québec or call 811.",
            ),
            WALK_IN,
        ),
        documents=(HEALTH_CARD,),
        fees={"free": 1.0},
        schedules=("office", "evenings", "weekend"),
        ages=("all",),
        keywords_fr=("médecin", "clinique", "GMF", "consultation", "sans médecin de famille"),
        keywords_en=("doctor", "clinic", "no family doctor"),
        weight=1.2,
    ),
    _service(
        "clinic_uninsured",
        ("health.primary-care.uninsured", "newcomers.refugees"),
        names=(
            (
                "Clinique pour personnes sans couverture médicale",
                "Clinic for people without health coverage",
            ),
            ("Soins pour migrants à statut précaire", "Care for migrants with precarious status"),
        ),
        descriptions=(
            (
                "Consultations médicales et infirmières gratuites et confidentielles pour les personnes qui n'ont pas accès à la RAMQ ou au Programme fédéral de santé intérimaire. Aucune information n'est transmise aux autorités d'immigration.",
                "Free, confidential medical and nursing care for people with no access to RAMQ or the Interim Federal Health Program. No information is shared with immigration authorities.",
            ),
            (
                "{org} offre des soins de base, des suivis de grossesse et des références aux personnes migrantes sans assurance de {lieu}.",
                "{org} provides basic care, pregnancy follow-up and referrals to uninsured migrants in {lieu}.",
            ),
        ),
        eligibility=(
            (
                "Personnes sans assurance maladie, quel que soit leur statut",
                "People without health insurance, whatever their status",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT, WALK_IN),
        fees={"free": 1.0},
        schedules=("weekly_day", "appointment"),
        ages=("all",),
        keywords_fr=("sans papiers", "sans RAMQ", "statut précaire", "médecin gratuit"),
        keywords_en=("undocumented", "no health card", "uninsured"),
        weight=0.4,
    ),
    _service(
        "dental_clinic",
        ("health.dental",),
        names=(
            ("Clinique dentaire à faible coût", "Low-cost dental clinic"),
            ("Soins dentaires d'urgence", "Emergency dental care"),
            ("Clinique dentaire étudiante", "Student dental clinic"),
        ),
        descriptions=(
            (
                "Examens, nettoyages, obturations et extractions à coût réduit, réalisés par des étudiants supervisés par des dentistes. Les délais d'attente pour les soins non urgents peuvent être de plusieurs mois.",
                "Exams, cleanings, fillings and extractions at reduced cost, done by students supervised by dentists. Waiting times for non-urgent care can be several months.",
            ),
            (
                "{org} traite les urgences dentaires (douleur, infection, dent cassée) des personnes à faible revenu de {lieu}. Information sur le Régime canadien de soins dentaires.",
                "{org} treats dental emergencies (pain, infection, broken tooth) for low-income people in {lieu}. Information on the Canadian Dental Care Plan.",
            ),
        ),
        eligibility=(
            LOW_INCOME_LIEU,
            ("Personnes sans assurance dentaire", "People without dental insurance"),
            (
                "Enfants de moins de 10 ans (soins couverts par la RAMQ)",
                "Children under 10 (care covered by RAMQ)",
            ),
        ),
        application=(
            CALL_FOR_APPOINTMENT,
            (
                "Téléphoner tôt le matin pour les urgences.",
                "Call early in the morning for emergencies.",
            ),
        ),
        documents=(HEALTH_CARD, PROOF_INCOME),
        fees={"sliding": 0.5, "fixed": 0.4, "free": 0.1},
        schedules=("office", "appointment"),
        ages=("all",),
        keywords_fr=("dentiste", "mal de dents", "dents", "RCSD"),
        keywords_en=("dentist", "toothache", "teeth", "CDCP"),
        weight=0.7,
    ),
    _service(
        "perinatal_followup",
        ("health.perinatal.prenatal", "family.parenting"),
        names=(
            ("Rencontres prénatales", "Prenatal classes"),
            ("Suivi périnatal", "Perinatal follow-up"),
            ("Soutien aux futurs parents", "Support for parents-to-be"),
        ),
        descriptions=(
            (
                "Rencontres de groupe pour se préparer à l'accouchement, à l'allaitement et à l'arrivée de bébé. Les deux parents sont les bienvenus.",
                "Group sessions to prepare for birth, breastfeeding and the baby's arrival. Both parents are welcome.",
            ),
            (
                "{org} accompagne les femmes enceintes et les nouveaux parents de {lieu} : visites à domicile, coupons de lait et d'œufs (programme OLO), ateliers et relevailles.",
                "{org} supports pregnant women and new parents in {lieu}: home visits, milk and egg coupons (OLO program), workshops and postpartum help.",
            ),
        ),
        eligibility=(
            ("Femmes enceintes et leur partenaire", "Pregnant women and their partners"),
            ("Parents d'un bébé de moins d'un an", "Parents of a baby under one year old"),
        ),
        application=(REGISTER_ONLINE, CALL_FOR_APPOINTMENT),
        documents=(HEALTH_CARD,),
        fees={"free": 0.8, "sliding": 0.2},
        schedules=("evenings", "weekly_day", "appointment"),
        ages=("adults",),
        keywords_fr=("grossesse", "enceinte", "prénatal", "relevailles", "OLO", "bébé"),
        keywords_en=("pregnancy", "pregnant", "prenatal", "new baby", "postpartum"),
        weight=0.8,
    ),
    _service(
        "breastfeeding_support",
        ("health.perinatal.breastfeeding",),
        names=(
            ("Soutien à l'allaitement", "Breastfeeding support"),
            ("Halte-allaitement", "Breastfeeding drop-in"),
        ),
        descriptions=(
            (
                "Marraines d'allaitement bénévoles disponibles par téléphone et halte-allaitement hebdomadaire où l'on pèse bébé et partage son expérience.",
                "Volunteer breastfeeding mentors available by phone and a weekly drop-in where babies are weighed and parents share experiences.",
            ),
            (
                "{org} offre des consultations avec une consultante en lactation et des rencontres entre mères à {lieu}.",
                "{org} offers sessions with a lactation consultant and mothers' group meetings in {lieu}.",
            ),
        ),
        eligibility=(
            ("Femmes enceintes et mères qui allaitent", "Pregnant women and breastfeeding mothers"),
        ),
        application=(
            WALK_IN,
            ("Téléphoner pour être jumelée à une marraine.", "Call to be matched with a mentor."),
        ),
        fees={"free": 0.9, "fixed": 0.1},
        schedules=("weekly_day", "office"),
        ages=("adults",),
        keywords_fr=("allaitement", "lactation", "allaiter"),
        keywords_en=("breastfeeding", "nursing", "lactation"),
        weight=0.5,
    ),
    _service(
        "sexual_health_clinic",
        ("health.sexual.contraception", "health.sexual.sti"),
        names=(
            ("Clinique de santé sexuelle", "Sexual health clinic"),
            ("Dépistage des ITSS et contraception", "STBBI testing and birth control"),
            ("Clinique jeunesse", "Youth clinic"),
        ),
        descriptions=(
            (
                "Consultations confidentielles pour la contraception, la contraception d'urgence, les tests de grossesse et le dépistage des ITSS. Les jeunes de 14 ans et plus peuvent consulter sans l'accord de leurs parents.",
                "Confidential appointments for birth control, emergency contraception, pregnancy tests and STBBI testing. Youth aged 14 and over can come without their parents' consent.",
            ),
            (
                "{org} offre un dépistage gratuit des ITSS, la PrEP et des condoms gratuits à {lieu}. Une infirmière répond aux questions sans jugement.",
                "{org} offers free STBBI testing, PrEP and free condoms in {lieu}. A nurse answers questions without judgment.",
            ),
        ),
        eligibility=(("Jeunes de 14 à 24 ans", "Youth aged 14 to 24"), ANYONE),
        application=(CALL_FOR_APPOINTMENT, WALK_IN),
        documents=(HEALTH_CARD,),
        fees={"free": 1.0},
        schedules=("office", "evenings", "weekly_day"),
        ages=("youth", "adults"),
        keywords_fr=(
            "ITSS",
            "ITS",
            "MTS",
            "pilule du lendemain",
            "condom",
            "test de grossesse",
            "PrEP",
        ),
        keywords_en=("STI", "STD", "morning-after pill", "condoms", "pregnancy test", "PrEP"),
        weight=0.7,
    ),
    _service(
        "hiv_support",
        ("health.sexual.hiv",),
        names=(
            ("Soutien aux personnes vivant avec le VIH", "Support for people living with HIV"),
            ("Prévention VIH et hépatite C", "HIV and hepatitis C prevention"),
        ),
        descriptions=(
            (
                "Accompagnement, groupes de soutien, dépannage alimentaire et aide aux démarches pour les personnes vivant avec le VIH ou l'hépatite C.",
                "Support, peer groups, emergency food and help with paperwork for people living with HIV or hepatitis C.",
            ),
            (
                "{org} fait de la prévention et du dépistage communautaire du VIH à {lieu}, et distribue du matériel de protection gratuit.",
                "{org} does HIV prevention and community testing in {lieu} and hands out free protection supplies.",
            ),
        ),
        eligibility=(
            (
                "Personnes vivant avec le VIH ou l'hépatite C et leurs proches",
                "People living with HIV or hepatitis C and their loved ones",
            ),
            ANYONE,
        ),
        application=(CALL_FOR_APPOINTMENT, WALK_IN),
        fees={"free": 1.0},
        schedules=("office", "evenings"),
        ages=("adults",),
        keywords_fr=("VIH", "sida", "hépatite C", "dépistage"),
        keywords_en=("HIV", "AIDS", "hep C", "testing"),
        weight=0.4,
    ),
    _service(
        "home_care",
        ("health.home-care", "seniors.home-support"),
        names=(
            ("Soutien à domicile", "Home care"),
            ("Soins infirmiers et aide à domicile du CLSC", "CLSC home nursing and personal care"),
        ),
        descriptions=(
            (
                "Soins infirmiers, aide au bain, ergothérapie, physiothérapie et services sociaux à domicile pour les personnes qui ne peuvent pas se déplacer. Une évaluation des besoins est faite par une intervenante du CLSC.",
                "Nursing care, help with bathing, occupational therapy, physiotherapy and social services at home for people who cannot get around. A CLSC worker assesses needs first.",
            ),
            (
                "Le soutien à domicile du CISSS aide les personnes en perte d'autonomie de {lieu} à demeurer chez elles le plus longtemps possible, en lien avec leurs proches aidants.",
                "The CISSS home care program helps people with reduced autonomy in {lieu} stay at home as long as possible, together with their caregivers.",
            ),
        ),
        eligibility=(
            SENIORS_LOSS,
            (
                "Personnes ayant une incapacité temporaire ou permanente",
                "People with a temporary or permanent disability",
            ),
        ),
        application=(
            (
                "Communiquer avec l'accueil du CLSC ou demander une référence au médecin.",
                "Contact the CLSC intake desk or ask a doctor for a referral.",
            ),
        ),
        documents=(HEALTH_CARD,),
        fees={"free": 1.0},
        schedules=("office", "appointment"),
        ages=("seniors", "adults"),
        keywords_fr=(
            "SAD",
            "aide au bain",
            "perte d'autonomie",
            "soins à domicile",
            "ergothérapeute",
        ),
        keywords_en=("home care", "bathing help", "occupational therapy"),
        weight=0.8,
    ),
    _service(
        "vaccination",
        ("health.vaccination",),
        names=(
            ("Vaccination", "Vaccination"),
            ("Clinique de vaccination antigrippale", "Flu shot clinic"),
        ),
        descriptions=(
            (
                "Vaccination des enfants selon le calendrier québécois et vaccins pour adultes, sur rendez-vous. Apporter le carnet de vaccination.",
                "Childhood vaccines on the Québec schedule and adult vaccines, by appointment. Bring the vaccination record.",
            ),
            (
                "Chaque automne, des cliniques de vaccination gratuite contre la grippe et la COVID-19 ont lieu à {lieu} pour les personnes à risque.",
                "Every fall, free flu and COVID-19 vaccination clinics are held in {lieu} for people at risk.",
            ),
        ),
        eligibility=(
            ANYONE,
            ("Enfants de 0 à 5 ans", "Children aged 0 to 5"),
            (
                "Personnes de 60 ans et plus ou atteintes d'une maladie chronique",
                "People aged 60 and over or with a chronic illness",
            ),
        ),
        application=(
            (
                "Prendre rendez-vous sur Clic Santé ou par téléphone.",
                "Book on Clic Santé or by phone.",
            ),
        ),
        documents=(HEALTH_CARD, ("Carnet de vaccination", "Vaccination record")),
        fees={"free": 1.0},
        schedules=("appointment", "office"),
        ages=("all",),
        keywords_fr=("vaccin", "grippe", "COVID", "Clic Santé"),
        keywords_en=("vaccine", "flu shot", "immunization"),
        weight=0.5,
    ),
    _service(
        "hospice",
        ("health.palliative.hospice",),
        names=(
            ("Maison de soins palliatifs", "Palliative care home"),
            ("Soins palliatifs et accompagnement de fin de vie", "Palliative and end-of-life care"),
        ),
        descriptions=(
            (
                "Maison où les personnes en fin de vie reçoivent gratuitement des soins pour leur confort, entourées de leurs proches. Des bénévoles accompagnent aussi les familles.",
                "Home where people at the end of life receive free comfort care, surrounded by their loved ones. Volunteers also support families.",
            ),
            (
                "{org} offre des soins palliatifs et un accompagnement aux personnes atteintes d'une maladie incurable de {lieu} et de la région.",
                "{org} provides palliative care and support to people with an incurable illness from {lieu} and the region.",
            ),
        ),
        eligibility=(
            (
                "Personnes en fin de vie et leurs proches",
                "People at the end of life and their loved ones",
            ),
        ),
        application=(
            (
                "Sur référence d'un médecin ou de l'équipe de soins palliatifs du CLSC.",
                "By referral from a doctor or the CLSC palliative care team.",
            ),
        ),
        documents=(HEALTH_CARD, MEDICAL_NOTE),
        fees={"free": 1.0},
        schedules=("always",),
        ages=("adults", "seniors"),
        keywords_fr=("fin de vie", "cancer", "soins de confort", "aide médicale à mourir"),
        keywords_en=("hospice", "end of life", "cancer"),
        weight=0.3,
    ),
    _service(
        "bereavement_support",
        ("health.palliative.bereavement",),
        names=(
            ("Groupe de soutien au deuil", "Bereavement support group"),
            ("Accompagnement des personnes endeuillées", "Support for the bereaved"),
        ),
        descriptions=(
            (
                "Rencontres de groupe animées par des intervenants formés pour traverser le deuil d'un conjoint, d'un parent ou d'un enfant. Des rencontres individuelles sont aussi possibles.",
                "Group meetings led by trained facilitators to help people grieving a spouse, parent or child. Individual meetings are also available.",
            ),
            (
                "{org} accompagne gratuitement les personnes endeuillées de {lieu}, y compris après un suicide.",
                "{org} offers free support to bereaved people in {lieu}, including after a suicide.",
            ),
        ),
        eligibility=(
            ("Personnes ayant perdu un proche", "People who have lost a loved one"),
            ("Enfants et adolescents endeuillés", "Grieving children and teenagers"),
        ),
        application=(CALL_FOR_APPOINTMENT,),
        fees={"free": 0.8, "sliding": 0.2},
        schedules=("evenings", "weekly_day", "appointment"),
        ages=("all",),
        keywords_fr=("deuil", "décès", "perte d'un proche"),
        keywords_en=("grief", "bereavement", "loss"),
        weight=0.5,
    ),
    _service(
        "chronic_illness_support",
        ("health.chronic",),
        names=(
            (
                "Soutien aux personnes atteintes de maladie chronique",
                "Support for people with chronic illness",
            ),
            ("Groupes d'entraide et information santé", "Peer support and health information"),
        ),
        descriptions=(
            (
                "Information, conférences et groupes d'entraide pour les personnes atteintes de diabète, de maladies pulmonaires, de cancer ou d'arthrite, et pour leurs proches.",
                "Information, talks and peer support groups for people living with diabetes, lung disease, cancer or arthritis, and their families.",
            ),
            (
                "{org} aide les personnes de {lieu} à mieux vivre avec leur maladie : ateliers d'autogestion, exercices adaptés et ligne d'information.",
                "{org} helps people in {lieu} live better with their illness: self-management workshops, adapted exercise and an information line.",
            ),
        ),
        eligibility=(
            (
                "Personnes vivant avec une maladie chronique et leurs proches",
                "People living with a chronic illness and their families",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT, REGISTER_ONLINE),
        fees={"free": 0.7, "fixed": 0.3},
        schedules=("office", "weekly_day"),
        ages=("adults", "seniors"),
        keywords_fr=("diabète", "cancer", "MPOC", "arthrite", "Parkinson", "Alzheimer"),
        keywords_en=("diabetes", "cancer", "COPD", "arthritis"),
        weight=0.5,
    ),
    # Santé mentale et dépendances / Mental health and addiction
    _service(
        "psychosocial_counselling",
        ("mental-health.counselling",),
        names=(
            ("Consultation psychosociale", "Counselling"),
            ("Écoute et consultation individuelle", "One-on-one counselling"),
            ("Psychothérapie à coût modique", "Low-cost psychotherapy"),
        ),
        descriptions=(
            (
                "Rencontres individuelles avec une intervenante pour traverser une période difficile : anxiété, séparation, épuisement, deuil. Le tarif est établi selon le revenu.",
                "One-on-one sessions with a counsellor to get through a hard time: anxiety, separation, burnout, grief. Fees are based on income.",
            ),
            (
                "{org} offre de la consultation à court terme et de la psychothérapie par des stagiaires supervisés, à {lieu} et en visioconférence.",
                "{org} offers short-term counselling and psychotherapy by supervised interns, in {lieu} and by video call.",
            ),
        ),
        eligibility=(ADULTS_18, ("Adolescents de 14 à 17 ans", "Teenagers aged 14 to 17"), ANYONE),
        application=(CALL_FIRST, CALL_FOR_APPOINTMENT),
        fees={"sliding": 0.6, "free": 0.3, "fixed": 0.1},
        schedules=("office", "evenings", "appointment"),
        ages=("adults", "youth"),
        keywords_fr=("psychologue", "anxiété", "dépression", "stress", "thérapie", "épuisement"),
        keywords_en=("psychologist", "anxiety", "depression", "therapy", "burnout"),
        weight=1.2,
    ),
    _service(
        "mental_health_drop_in",
        ("mental-health.day-centre",),
        names=(
            ("Milieu de vie en santé mentale", "Mental health drop-in centre"),
            ("Centre de jour", "Day program"),
        ),
        descriptions=(
            (
                "Lieu accueillant où les personnes vivant avec un trouble de santé mentale se retrouvent, participent à des ateliers et reprennent confiance. On peut venir simplement prendre un café.",
                "Welcoming place where people living with a mental illness get together, join workshops and regain confidence. You can come just for a coffee.",
            ),
            (
                "{org} propose des activités artistiques, des sorties et des repas à faible coût aux personnes de {lieu} qui vivent de l'isolement ou une souffrance psychique.",
                "{org} offers art activities, outings and low-cost meals to people in {lieu} living with isolation or psychological distress.",
            ),
        ),
        eligibility=(
            (
                "Adultes vivant avec un trouble de santé mentale",
                "Adults living with a mental illness",
            ),
        ),
        application=(WALK_IN, CALL_FOR_APPOINTMENT),
        fees={"free": 0.7, "fixed": 0.3},
        schedules=("office", "office_lunch"),
        ages=("adults",),
        keywords_fr=("isolement", "santé mentale", "activités", "entraide"),
        keywords_en=("isolation", "mental health", "drop-in"),
        weight=0.8,
    ),
    _service(
        "mental_health_family_support",
        ("mental-health.family",),
        names=(
            ("Soutien aux membres de l'entourage", "Support for family and friends"),
            ("Soutien aux proches en santé mentale", "Support for loved ones in mental health"),
        ),
        descriptions=(
            (
                "Écoute, information et groupes de soutien pour les parents, conjoints et amis d'une personne qui vit avec un trouble de santé mentale. Répit-dépannage offert.",
                "Listening, information and support groups for parents, partners and friends of a person living with a mental illness. Short-term respite available.",
            ),
            (
                "{org} accompagne l'entourage à {lieu} : comprendre la maladie, savoir réagir en crise, connaître ses droits et prendre soin de soi.",
                "{org} supports families in {lieu}: understanding the illness, reacting in a crisis, knowing their rights and taking care of themselves.",
            ),
        ),
        eligibility=(
            (
                "Membres de l'entourage d'une personne vivant avec un trouble de santé mentale",
                "Relatives and friends of a person living with a mental illness",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT,),
        fees={"free": 1.0},
        schedules=("office", "evenings"),
        ages=("adults",),
        keywords_fr=("proche aidant", "famille", "schizophrénie", "bipolarité"),
        keywords_en=("caregiver", "family", "schizophrenia", "bipolar"),
        weight=0.5,
    ),
    _service(
        "self_help_group",
        ("mental-health.support-groups",),
        names=(
            ("Groupes d'entraide", "Peer support groups"),
            (
                "Groupe d'entraide pour l'anxiété et la dépression",
                "Anxiety and depression support group",
            ),
        ),
        descriptions=(
            (
                "Rencontres hebdomadaires où des personnes qui vivent de l'anxiété, de la dépression ou un trouble bipolaire partagent leurs stratégies. Animées par des pairs aidants formés.",
                "Weekly meetings where people living with anxiety, depression or bipolar disorder share their strategies. Led by trained peer helpers.",
            ),
            (
                "{org} anime des groupes d'entraide gratuits à {lieu} et en ligne. Aucun diagnostic n'est exigé.",
                "{org} runs free peer support groups in {lieu} and online. No diagnosis is required.",
            ),
        ),
        eligibility=(ADULTS_18,),
        application=(REGISTER_ONLINE, WALK_IN),
        fees={"free": 1.0},
        schedules=("evenings", "weekly_day"),
        ages=("adults",),
        keywords_fr=("pair aidant", "anxiété", "dépression", "groupe"),
        keywords_en=("peer support", "anxiety", "depression"),
        weight=0.6,
    ),
    _service(
        "mental_health_rights",
        ("mental-health.rights", "legal.rights.complaints"),
        names=(
            ("Défense des droits en santé mentale", "Mental health rights advocacy"),
            ("Accompagnement en droits et recours", "Rights and remedies support"),
        ),
        descriptions=(
            (
                "Information et accompagnement sur les droits des personnes qui vivent un problème de santé mentale : garde en établissement, autorisation de soins, accès au dossier, plaintes.",
                "Information and support on the rights of people with mental health issues: confinement orders, treatment orders, access to records, complaints.",
            ),
            (
                "{org} aide les personnes de {lieu} à faire valoir leurs droits face au réseau de la santé, à l'aide sociale ou à leur propriétaire.",
                "{org} helps people in {lieu} assert their rights with the health system, social assistance or their landlord.",
            ),
        ),
        eligibility=(
            (
                "Personnes vivant ou ayant vécu un problème de santé mentale",
                "People living with or who have lived with a mental health issue",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT,),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("adults",),
        keywords_fr=("garde en établissement", "P-38", "ordonnance de traitement", "droits"),
        keywords_en=("involuntary hospitalization", "treatment order", "rights"),
        weight=0.3,
    ),
    _service(
        "addiction_outpatient",
        ("mental-health.addiction.outpatient",),
        names=(
            ("Services externes en dépendance", "Outpatient addiction services"),
            ("Suivi en dépendance", "Addiction follow-up"),
        ),
        descriptions=(
            (
                "Évaluation et suivi individuel ou de groupe pour les problèmes d'alcool, de drogues, de médicaments, de jeu ou d'utilisation d'écrans. Les proches peuvent aussi être accompagnés.",
                "Assessment and individual or group follow-up for problems with alcohol, drugs, medication, gambling or screen use. Loved ones can also get support.",
            ),
            (
                "Le centre de réadaptation en dépendance offre à {lieu} des rencontres sans hébergement et un traitement par agonistes opioïdes (méthadone, Suboxone).",
                "The addiction rehabilitation centre offers non-residential treatment in {lieu}, including opioid agonist therapy (methadone, Suboxone).",
            ),
        ),
        eligibility=(
            ADULTS_18,
            ("Jeunes de 12 à 17 ans et leurs parents", "Youth aged 12 to 17 and their parents"),
        ),
        application=(
            (
                "Communiquer avec l'accueil du CLSC ou appeler directement le centre.",
                "Contact CLSC intake or call the centre directly.",
            ),
            REFERRAL_OR_SELF,
        ),
        documents=(HEALTH_CARD,),
        fees={"free": 1.0},
        schedules=("office", "evenings", "appointment"),
        ages=("adults", "youth"),
        keywords_fr=("alcool", "drogue", "cannabis", "opioïdes", "méthadone", "toxicomanie"),
        keywords_en=("alcohol", "drugs", "opioids", "methadone", "substance use"),
        weight=0.8,
    ),
    _service(
        "addiction_residential",
        ("mental-health.addiction.residential", "mental-health.addiction.detox"),
        names=(
            ("Thérapie en dépendance avec hébergement", "Residential addiction treatment"),
            ("Centre de thérapie", "Treatment centre"),
        ),
        descriptions=(
            (
                "Programme de thérapie de trois à six semaines avec hébergement dans une ressource certifiée, suivi d'un soutien post-cure. Une désintoxication supervisée peut être offerte à l'admission.",
                "Three- to six-week residential therapy program in a certified facility, followed by aftercare. Supervised detox may be offered on admission.",
            ),
            (
                "{org} accueille des adultes qui veulent cesser leur consommation d'alcool ou de drogues, dans un milieu sécuritaire et encadré. Les personnes prestataires de l'aide sociale peuvent voir leur séjour couvert.",
                "{org} welcomes adults who want to stop using alcohol or drugs, in a safe and structured setting. Stays may be covered for people on social assistance.",
            ),
        ),
        eligibility=(
            (
                "Adultes ayant un problème de dépendance et motivés à entreprendre une thérapie",
                "Adults with an addiction who are motivated to start therapy",
            ),
        ),
        application=(CALL_FIRST, REFERRAL_OR_SELF),
        documents=(ID_PHOTO, HEALTH_CARD, PROOF_INCOME),
        fees={"sliding": 0.6, "free": 0.3, "fixed": 0.1},
        schedules=("always",),
        ages=("adults",),
        keywords_fr=("désintox", "cure", "thérapie fermée", "sevrage"),
        keywords_en=("rehab", "detox", "residential treatment"),
        weight=0.5,
    ),
    _service(
        "harm_reduction",
        ("mental-health.addiction.harm-reduction",),
        names=(
            ("Réduction des méfaits", "Harm reduction"),
            (
                "Distribution de matériel de consommation et de naloxone",
                "Drug-use supplies and naloxone",
            ),
        ),
        descriptions=(
            (
                "Distribution gratuite et anonyme de matériel d'injection et d'inhalation stérile, de trousses de naloxone et de bandelettes de détection du fentanyl. Récupération des seringues usagées.",
                "Free, anonymous distribution of sterile injection and inhalation supplies, naloxone kits and fentanyl test strips. Used syringes collected.",
            ),
            (
                "{org} rejoint les personnes qui consomment à {lieu}, sans jugement : matériel, écoute, dépistage et accompagnement vers les soins.",
                "{org} reaches people who use drugs in {lieu}, without judgment: supplies, listening, testing and help getting care.",
            ),
        ),
        eligibility=(("Personnes qui consomment des drogues", "People who use drugs"), ANYONE),
        application=(WALK_IN,),
        fees={"free": 1.0},
        schedules=("office", "evenings", "always"),
        ages=("adults", "youth"),
        keywords_fr=("seringues", "naloxone", "fentanyl", "surdose", "injection supervisée"),
        keywords_en=("needles", "naloxone", "overdose", "safe supply", "supervised injection"),
        weight=0.5,
    ),
    _service(
        "gambling_help",
        ("mental-health.addiction.gambling",),
        names=(
            ("Aide pour le jeu excessif", "Problem gambling help"),
            (
                "Groupe de soutien pour joueurs et proches",
                "Support group for gamblers and families",
            ),
        ),
        descriptions=(
            (
                "Évaluation et suivi gratuits pour les personnes qui ont perdu le contrôle du jeu (loterie, casino, jeux en ligne, paris sportifs) et pour leurs proches.",
                "Free assessment and follow-up for people who have lost control of their gambling (lottery, casino, online games, sports betting) and for their families.",
            ),
            (
                "{org} offre à {lieu} des rencontres individuelles et un groupe hebdomadaire pour reprendre le contrôle de ses finances et de sa vie.",
                "{org} offers one-on-one meetings in {lieu} and a weekly group to regain control of one's finances and life.",
            ),
        ),
        eligibility=(ADULTS_18,),
        application=(CALL_FOR_APPOINTMENT,),
        fees={"free": 1.0},
        schedules=("office", "evenings"),
        ages=("adults",),
        keywords_fr=("jeu", "casino", "loterie", "paris sportifs", "gambling"),
        keywords_en=("gambling", "betting", "casino"),
        weight=0.3,
    ),
    _service(
        "twelve_step",
        ("mental-health.addiction.twelve-step",),
        names=(
            ("Réunions d'entraide en 12 étapes", "12-step meetings"),
            ("Groupe d'entraide anonyme", "Anonymous self-help group"),
        ),
        descriptions=(
            (
                "Réunions gratuites et anonymes où des personnes partagent leur expérience pour rester abstinentes. Aucune inscription.",
                "Free, anonymous meetings where people share their experience to stay sober. No registration.",
            ),
            (
                "Groupe d'entraide qui se réunit chaque semaine à {lieu}, en français et parfois en anglais. Les nouveaux sont toujours les bienvenus.",
                "Self-help group that meets every week in {lieu}, in French and sometimes in English. Newcomers are always welcome.",
            ),
        ),
        eligibility=(
            (
                "Toute personne qui désire arrêter de boire ou de consommer",
                "Anyone who wants to stop drinking or using",
            ),
        ),
        application=(WALK_IN,),
        fees={"free": 1.0},
        schedules=("evenings", "weekly_day", "weekend"),
        ages=("adults",),
        keywords_fr=("AA", "NA", "Alcooliques anonymes", "abstinence"),
        keywords_en=("AA", "NA", "Alcoholics Anonymous", "sobriety"),
        weight=0.6,
    ),
    # Revenu et aide financière / Income and financial help
    _service(
        "tax_clinic",
        ("income.tax-clinics",),
        names=(
            ("Clinique d'impôts bénévole", "Free tax clinic"),
            ("Préparation gratuite des déclarations de revenus", "Free income tax preparation"),
        ),
        descriptions=(
            (
                "Des bénévoles formés remplissent gratuitement les déclarations de revenus fédérale et provinciale des personnes à revenu modeste. Produire ses déclarations permet de recevoir le crédit pour solidarité, l'allocation-logement et les prestations pour enfants.",
                "Trained volunteers fill out federal and provincial tax returns free of charge for people with modest incomes. Filing your returns lets you receive the solidarity tax credit, the shelter allowance and child benefits.",
            ),
            (
                "{org} tient une clinique d'impôts de mars à avril à {lieu}, et toute l'année pour les déclarations des années antérieures. On peut déposer ses documents et revenir les chercher.",
                "{org} holds a tax clinic from March to April in {lieu}, and year-round for past years' returns. You can drop off your documents and pick them up later.",
            ),
        ),
        eligibility=(
            (
                "Personne seule : revenu de 35 000 $ ou moins; couple : 45 000 $ ou moins",
                "Single person: income of $35,000 or less; couple: $45,000 or less",
            ),
            (
                "Personnes à revenu modeste dont la situation fiscale est simple",
                "People with modest incomes and a simple tax situation",
            ),
        ),
        application=(
            CALL_FOR_APPOINTMENT,
            (
                "Déposer ses documents sans rendez-vous pendant la période des impôts.",
                "Drop off your documents without an appointment during tax season.",
            ),
        ),
        documents=(TAX_SLIPS, RENT_SLIP, PREVIOUS_NOA, ID_PHOTO),
        fees={"free": 0.9, "fixed": 0.1},
        schedules=("seasonal_winter", "weekly_day", "appointment"),
        ages=("adults", "seniors"),
        keywords_fr=(
            "impôts",
            "rapport d'impôt",
            "déclaration de revenus",
            "crédit solidarité",
            "PCBMI",
        ),
        keywords_en=("taxes", "tax return", "income tax", "CVITP"),
        weight=2.0,
    ),
    _service(
        "budget_counselling",
        ("income.budget", "income.budget.debt"),
        names=(
            ("Consultation budgétaire", "Budget counselling"),
            ("Aide en cas d'endettement", "Debt counselling"),
        ),
        descriptions=(
            (
                "Rencontre confidentielle avec une conseillère pour faire le point sur son budget, ses dettes et ses options : entente avec les créanciers, dépôt volontaire, proposition de consommateur ou faillite.",
                "Confidential meeting with an advisor to review your budget, debts and options: arrangements with creditors, voluntary deposit, consumer proposal or bankruptcy.",
            ),
            (
                "{org} offre des ateliers sur le budget, le crédit et la consommation responsable à {lieu}.",
                "{org} offers workshops on budgeting, credit and responsible consumption in {lieu}.",
            ),
        ),
        eligibility=(ANYONE, LOW_INCOME_LIEU),
        application=(CALL_FOR_APPOINTMENT,),
        documents=(
            PROOF_INCOME,
            ("Relevés de comptes et de cartes de crédit", "Bank and credit card statements"),
        ),
        fees={"free": 0.7, "sliding": 0.3},
        schedules=("office", "appointment", "evenings"),
        ages=("adults",),
        keywords_fr=("dettes", "budget", "faillite", "créanciers", "huissier", "dépôt volontaire"),
        keywords_en=("debt", "budget", "bankruptcy", "creditors"),
        weight=0.8,
    ),
    _service(
        "forms_help",
        ("income.benefits.help-with-forms",),
        names=(
            ("Aide pour remplir des formulaires", "Help filling out forms"),
            ("Accompagnement dans les démarches administratives", "Help with paperwork"),
        ),
        descriptions=(
            (
                "Aide pour remplir les formulaires gouvernementaux : aide sociale, pension, assurance-emploi, allocation-logement, demande de HLM, renouvellement de carte. Des ordinateurs sont aussi disponibles.",
                "Help filling out government forms: social assistance, pensions, employment insurance, shelter allowance, HLM applications, card renewals. Computers are also available.",
            ),
            (
                "{org} aide les personnes de {lieu} qui ont du mal à lire ou à utiliser les services en ligne à faire leurs démarches.",
                "{org} helps people in {lieu} who have trouble reading or using online services to get their paperwork done.",
            ),
        ),
        eligibility=(ANYONE, RESIDENTS_LIEU),
        application=(WALK_IN, CALL_FOR_APPOINTMENT),
        documents=(ID_PHOTO,),
        fees={"free": 1.0},
        schedules=("office", "weekly_day"),
        ages=("adults", "seniors"),
        keywords_fr=("formulaire", "paperasse", "démarches", "lettre du gouvernement"),
        keywords_en=("forms", "paperwork", "government letter"),
        weight=1.2,
    ),
    _service(
        "social_assistance_info",
        ("income.benefits.social-assistance",),
        names=(
            ("Aide sociale et solidarité sociale", "Social assistance and social solidarity"),
            (
                "Demande d'aide financière de dernier recours",
                "Last-resort financial assistance application",
            ),
        ),
        descriptions=(
            (
                "Information et dépôt des demandes au Programme d'aide sociale, au Programme de solidarité sociale et au Programme objectif emploi. Un agent explique les montants et les obligations.",
                "Information and applications for the Social Assistance Program, the Social Solidarity Program and the Objective Employment Program. An officer explains amounts and obligations.",
            ),
            (
                "Le bureau de Services Québec de {lieu} reçoit les demandes d'aide financière de dernier recours et les demandes de prestation spéciale.",
                "The Services Québec office in {lieu} takes applications for last-resort financial assistance and special benefits.",
            ),
        ),
        eligibility=(
            (
                "Personnes et familles sans ressources suffisantes pour subvenir à leurs besoins",
                "Individuals and families without enough resources to meet their needs",
            ),
        ),
        application=(
            (
                "Faire la demande en ligne ou au bureau de Services Québec.",
                "Apply online or at the Services Québec office.",
            ),
            CALL_FOR_APPOINTMENT,
        ),
        documents=(
            ID_PHOTO,
            PROOF_ADDRESS,
            LEASE,
            (
                "Relevés bancaires des trois derniers mois",
                "Bank statements for the last three months",
            ),
        ),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("adults",),
        keywords_fr=(
            "BS",
            "chèque",
            "aide de dernier recours",
            "contraintes à l'emploi",
            "bien-être social",
        ),
        keywords_en=("welfare", "social assistance", "cheque"),
        weight=0.6,
    ),
    _service(
        "seniors_benefits_help",
        ("income.benefits.pension", "seniors"),
        names=(
            (
                "Aide pour les pensions et le Supplément de revenu garanti",
                "Help with pensions and the Guaranteed Income Supplement",
            ),
            ("Information sur les prestations pour aînés", "Seniors' benefits information"),
        ),
        descriptions=(
            (
                "Une intervenante vérifie que les personnes aînées reçoivent tout ce à quoi elles ont droit : Sécurité de la vieillesse, Supplément de revenu garanti, rente du Québec, crédits d'impôt.",
                "A worker checks that seniors receive everything they are entitled to: Old Age Security, the Guaranteed Income Supplement, the Québec Pension Plan and tax credits.",
            ),
            (
                "{org} aide les personnes de 60 ans et plus de {lieu} à remplir leurs demandes de pension et à comprendre les lettres reçues.",
                "{org} helps people aged 60 and over in {lieu} fill out pension applications and understand the letters they receive.",
            ),
        ),
        eligibility=(("Personnes de 60 ans et plus", "People aged 60 and over"),),
        application=(CALL_FOR_APPOINTMENT,),
        documents=(ID_PHOTO, PREVIOUS_NOA),
        fees={"free": 1.0},
        schedules=("office", "appointment"),
        ages=("seniors",),
        keywords_fr=("SRG", "pension de vieillesse", "RRQ", "retraite"),
        keywords_en=("GIS", "OAS", "QPP", "retirement"),
        weight=0.6,
    ),
    _service(
        "emergency_loan",
        ("income.budget.microloans", "income.emergency-aid"),
        names=(
            ("Prêt de dépannage sans intérêt", "Interest-free emergency loan"),
            ("Fonds d'entraide", "Mutual aid fund"),
        ),
        descriptions=(
            (
                "Petit prêt sans intérêt pour faire face à une dépense urgente (loyer, électricité, lunettes, réparation). Le remboursement est établi selon la capacité de payer, avec un suivi budgétaire.",
                "Small interest-free loan to cover an urgent expense (rent, electricity, glasses, repairs). Repayment is based on ability to pay, with budget follow-up.",
            ),
            (
                "{org} aide les ménages de {lieu} qui vivent une situation financière difficile, sans recours au crédit à taux élevé.",
                "{org} helps households in {lieu} through financial hardship without resorting to high-interest credit.",
            ),
        ),
        eligibility=(LOW_INCOME_LIEU,),
        application=(CALL_FOR_APPOINTMENT,),
        documents=(ID_PHOTO, PROOF_INCOME, PROOF_ADDRESS),
        fees={"free": 1.0},
        schedules=("office", "appointment"),
        ages=("adults",),
        keywords_fr=("prêt", "argent", "facture", "Hydro-Québec", "loyer en retard"),
        keywords_en=("loan", "money", "bill", "hydro bill"),
        weight=0.4,
    ),
    # Emploi / Work
    _service(
        "job_search_help",
        ("work.job-search", "work.job-search.resume"),
        names=(
            ("Aide à la recherche d'emploi", "Job search help"),
            ("Club de recherche d'emploi", "Job search club"),
            (
                "Rédaction de CV et préparation à l'entrevue",
                "Résumé writing and interview preparation",
            ),
        ),
        descriptions=(
            (
                "Une conseillère en emploi aide à définir son objectif, rédiger son CV, se préparer aux entrevues et cibler les employeurs. Accès gratuit aux ordinateurs, à l'imprimante et aux offres d'emploi.",
                "An employment counsellor helps set a goal, write a résumé, prepare for interviews and target employers. Free access to computers, printer and job postings.",
            ),
            (
                "{org} offre à {lieu} un programme de groupe de trois semaines pour trouver un emploi rapidement, financé par Services Québec.",
                "{org} offers a three-week group program in {lieu} to find a job quickly, funded by Services Québec.",
            ),
        ),
        eligibility=(
            (
                "Personnes sans emploi ou en recherche d'emploi",
                "People who are unemployed or looking for work",
            ),
            ADULTS_18,
        ),
        application=(CALL_FOR_APPOINTMENT, WALK_IN),
        documents=(RESUME, ("Numéro d'assurance sociale", "Social insurance number")),
        fees={"free": 1.0},
        schedules=("office", "appointment"),
        ages=("adults", "youth"),
        keywords_fr=("emploi", "travail", "job", "CV", "entrevue", "chômage"),
        keywords_en=("job", "work", "resume", "interview", "unemployed"),
        weight=1.8,
    ),
    _service(
        "youth_employment",
        ("work.youth", "education.dropout"),
        names=(
            ("Services jeunesse en emploi", "Youth employment services"),
            ("Accompagnement des 16-35 ans", "Support for 16 to 35-year-olds"),
        ),
        descriptions=(
            (
                "Accompagnement des jeunes de 16 à 35 ans dans leur recherche d'emploi, leur retour aux études ou leur projet d'entreprise. Des projets d'expérience de travail rémunérés sont offerts.",
                "Support for people aged 16 to 35 with job search, returning to school or starting a business. Paid work experience projects are available.",
            ),
            (
                "{org} aide les jeunes de {lieu} à trouver leur voie : orientation, emploi d'été, bénévolat, persévérance scolaire et autonomie.",
                "{org} helps young people in {lieu} find their path: career guidance, summer jobs, volunteering, staying in school and independent living.",
            ),
        ),
        eligibility=(("Jeunes de 16 à 35 ans", "Young people aged 16 to 35"),),
        application=(WALK_IN, CALL_FOR_APPOINTMENT),
        fees={"free": 1.0},
        schedules=("office", "evenings"),
        ages=("youth",),
        keywords_fr=("CJE", "jeunes", "emploi d'été", "orientation", "raccrochage"),
        keywords_en=("youth jobs", "summer job", "career guidance"),
        weight=1.0,
    ),
    _service(
        "newcomer_employment",
        ("work.newcomers", "newcomers.recognition"),
        names=(
            (
                "Intégration en emploi des personnes immigrantes",
                "Employment integration for newcomers",
            ),
            ("Emploi et reconnaissance des compétences", "Jobs and credential recognition"),
        ),
        descriptions=(
            (
                "Accompagnement vers l'emploi adapté aux personnes immigrantes : codes culturels du marché du travail québécois, CV québécois, ordres professionnels et évaluation comparative des études.",
                "Employment support adapted for immigrants: the Québec job market's cultural codes, Québec-style résumés, professional orders and comparative evaluation of studies.",
            ),
            (
                "{org} jumelle les personnes nouvellement arrivées à {lieu} avec des mentors et des employeurs de leur domaine.",
                "{org} matches newcomers in {lieu} with mentors and employers in their field.",
            ),
        ),
        eligibility=(
            NEWCOMERS_5Y,
            (
                "Résidents permanents, réfugiés acceptés et détenteurs d'un permis de travail",
                "Permanent residents, accepted refugees and work permit holders",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT, REGISTER_ONLINE),
        documents=(IMMIGRATION_DOCS, DIPLOMAS, RESUME),
        fees={"free": 1.0},
        schedules=("office", "appointment"),
        ages=("adults",),
        keywords_fr=("immigrant", "équivalence", "ordre professionnel", "premier emploi au Québec"),
        keywords_en=("immigrant", "credential recognition", "first Canadian job"),
        weight=0.9,
    ),
    _service(
        "work_integration",
        ("work.supported",),
        names=(
            ("Entreprise d'insertion", "Work-integration social enterprise"),
            ("Parcours d'insertion rémunéré", "Paid work-integration program"),
        ),
        descriptions=(
            (
                "Parcours de six mois rémunéré au salaire minimum dans un vrai milieu de travail (cuisine, entrepôt, restauration, récupération), avec accompagnement personnel et formation.",
                "Six-month program paid at minimum wage in a real workplace (kitchen, warehouse, food service, recycling), with personal support and training.",
            ),
            (
                "{org} aide les personnes éloignées du marché du travail de {lieu} à acquérir une expérience et à décrocher un emploi durable.",
                "{org} helps people in {lieu} who are far from the job market gain experience and land a lasting job.",
            ),
        ),
        eligibility=(
            (
                "Personnes de 18 à 35 ans sans diplôme ou éloignées du marché du travail",
                "People aged 18 to 35 with no diploma or far from the job market",
            ),
            ADULTS_18,
        ),
        application=(
            (
                "Assister à une séance d'information, puis passer une entrevue.",
                "Attend an information session, then an interview.",
            ),
        ),
        documents=(ID_PHOTO, ("Numéro d'assurance sociale", "Social insurance number")),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("youth", "adults"),
        keywords_fr=("insertion", "stage rémunéré", "expérience de travail"),
        keywords_en=("work experience", "paid training"),
        weight=0.5,
    ),
    _service(
        "disability_employment",
        ("work.disability",),
        names=(
            ("Service spécialisé de main-d'œuvre", "Specialized employment service"),
            (
                "Soutien en emploi pour personnes handicapées",
                "Employment support for people with disabilities",
            ),
        ),
        descriptions=(
            (
                "Accompagnement des personnes handicapées dans leur recherche d'emploi et leur maintien au travail, y compris les subventions salariales et l'adaptation du poste.",
                "Support for people with disabilities in finding and keeping a job, including wage subsidies and workplace accommodations.",
            ),
            (
                "{org} accompagne les personnes de {lieu} ayant une limitation physique, intellectuelle, sensorielle ou un trouble de santé mentale vers l'emploi.",
                "{org} helps people in {lieu} with a physical, intellectual or sensory disability or a mental illness get into work.",
            ),
        ),
        eligibility=(
            ("Personnes ayant une limitation fonctionnelle", "People with a functional limitation"),
        ),
        application=(CALL_FOR_APPOINTMENT, REFERRAL_OR_SELF),
        documents=(MEDICAL_NOTE,),
        fees={"free": 1.0},
        schedules=("office", "appointment"),
        ages=("adults", "youth"),
        keywords_fr=("SEMO", "handicap", "contrat d'intégration au travail", "limitation"),
        keywords_en=("disability", "accommodation", "wage subsidy"),
        weight=0.4,
    ),
    _service(
        "career_guidance",
        ("work.training.guidance", "work.training.vocational"),
        names=(
            ("Orientation professionnelle", "Career guidance"),
            ("Bilan de compétences et retour aux études", "Skills assessment and return to school"),
        ),
        descriptions=(
            (
                "Rencontres avec une conseillère d'orientation pour explorer ses intérêts, faire un bilan de ses compétences et choisir une formation ou un métier.",
                "Meetings with a guidance counsellor to explore interests, assess skills and choose a training program or trade.",
            ),
            (
                "{org} aide les adultes de {lieu} qui veulent changer de carrière ou retourner aux études à bâtir un projet réaliste.",
                "{org} helps adults in {lieu} who want to change careers or go back to school build a realistic plan.",
            ),
        ),
        eligibility=(ADULTS_18, ("Jeunes de 16 ans et plus", "Young people aged 16 and over")),
        application=(CALL_FOR_APPOINTMENT,),
        fees={"free": 0.9, "fixed": 0.1},
        schedules=("office", "appointment"),
        ages=("adults", "youth"),
        keywords_fr=("orientation", "choix de carrière", "DEP", "formation professionnelle"),
        keywords_en=("career change", "vocational training", "trades"),
        weight=0.6,
    ),
    _service(
        "workers_rights",
        ("work.rights",),
        names=(
            ("Information sur les droits des travailleurs", "Workers' rights information"),
            ("Aide aux travailleurs non syndiqués", "Help for non-unionized workers"),
        ),
        descriptions=(
            (
                "Information gratuite sur les normes du travail : salaire impayé, congédiement, harcèlement, vacances, accidents de travail. Aide pour porter plainte à la CNESST.",
                "Free information on labour standards: unpaid wages, dismissal, harassment, vacation, workplace injuries. Help filing a complaint with the CNESST.",
            ),
            (
                "{org} défend les droits des travailleuses et travailleurs non syndiqués, y compris les travailleurs étrangers temporaires, à {lieu}.",
                "{org} defends the rights of non-unionized workers, including temporary foreign workers, in {lieu}.",
            ),
        ),
        eligibility=(
            ("Travailleuses et travailleurs non syndiqués", "Non-unionized workers"),
            ("Travailleurs étrangers temporaires", "Temporary foreign workers"),
        ),
        application=(CALL_FOR_APPOINTMENT, WALK_IN),
        documents=(("Talons de paie et contrat de travail", "Pay stubs and employment contract"),),
        fees={"free": 0.9, "fixed": 0.1},
        schedules=("office", "evenings"),
        ages=("adults",),
        keywords_fr=(
            "CNESST",
            "normes du travail",
            "congédiement",
            "salaire impayé",
            "harcèlement",
        ),
        keywords_en=("labour standards", "fired", "unpaid wages", "CNESST"),
        weight=0.3,
    ),
    # Éducation et francisation / Education and French courses
    _service(
        "francisation_full_time",
        ("education.francisation.full-time",),
        names=(
            ("Francisation à temps complet", "Full-time French courses"),
            ("Cours de français pour personnes immigrantes", "French courses for immigrants"),
        ),
        descriptions=(
            (
                "Cours de français gratuits le jour, 25 heures par semaine, offerts par Francisation Québec. Une allocation de participation et une aide pour la garde des enfants peuvent être versées.",
                "Free daytime French courses, 25 hours a week, offered by Francisation Québec. A participation allowance and childcare help may be paid.",
            ),
            (
                "{org} accueille les personnes immigrantes de {lieu} dans des classes de francisation de niveau débutant à avancé.",
                "{org} welcomes immigrants in {lieu} to French classes from beginner to advanced level.",
            ),
        ),
        eligibility=(
            ("Personnes immigrantes domiciliées au Québec", "Immigrants living in Québec"),
            ADULTS_18,
        ),
        application=(
            (
                "S'inscrire auprès de Francisation Québec, en ligne ou par téléphone.",
                "Register with Francisation Québec, online or by phone.",
            ),
        ),
        documents=(IMMIGRATION_DOCS, ID_PHOTO),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("adults",),
        keywords_fr=("français", "Francisation Québec", "apprendre le français", "cours de langue"),
        keywords_en=("learn French", "French classes", "Francisation Québec"),
        weight=1.0,
    ),
    _service(
        "francisation_part_time",
        ("education.francisation.part-time",),
        names=(
            ("Francisation à temps partiel", "Part-time French courses"),
            ("Cours de français du soir", "Evening French classes"),
        ),
        descriptions=(
            (
                "Cours de français le soir ou la fin de semaine pour les personnes qui travaillent ou ont des enfants. Halte-garderie offerte pendant les cours de jour.",
                "French classes in the evening or on weekends for people who work or have children. Childcare available during daytime classes.",
            ),
            (
                "{org} offre à {lieu} des cours de français à temps partiel, en partenariat avec Francisation Québec, dans un petit groupe chaleureux.",
                "{org} offers part-time French classes in {lieu}, in partnership with Francisation Québec, in a small, friendly group.",
            ),
        ),
        eligibility=(
            ("Personnes immigrantes et non-francophones", "Immigrants and non-French speakers"),
        ),
        application=(REGISTER_ONLINE,),
        documents=(IMMIGRATION_DOCS,),
        fees={"free": 0.9, "fixed": 0.1},
        schedules=("evenings", "weekend", "weekly_day"),
        ages=("adults",),
        keywords_fr=("français", "cours du soir", "francisation"),
        keywords_en=("French", "evening classes"),
        weight=1.0,
    ),
    _service(
        "french_conversation",
        ("education.francisation.conversation", "newcomers.matching"),
        names=(
            ("Ateliers de conversation en français", "French conversation workshops"),
            ("Café-jasette en français", "French conversation café"),
        ),
        descriptions=(
            (
                "Rencontres informelles pour pratiquer le français parlé avec des bénévoles, autour d'un café et de thèmes de la vie quotidienne.",
                "Informal meetings to practise spoken French with volunteers over coffee, on everyday topics.",
            ),
            (
                "{org} organise chaque semaine à {lieu} des ateliers de conversation pour gagner de l'aisance en français.",
                "{org} holds weekly conversation workshops in {lieu} to build confidence speaking French.",
            ),
        ),
        eligibility=(ANYONE, ("Personnes ayant des bases en français", "People with basic French")),
        application=(WALK_IN, REGISTER_ONLINE),
        fees={"free": 1.0},
        schedules=("weekly_day", "evenings"),
        ages=("adults", "seniors"),
        keywords_fr=("parler français", "conversation", "jumelage linguistique"),
        keywords_en=("practise French", "conversation group"),
        weight=0.8,
    ),
    _service(
        "literacy",
        ("education.literacy",),
        names=(
            ("Alphabétisation", "Literacy"),
            (
                "Ateliers de lecture et d'écriture pour adultes",
                "Adult reading and writing workshops",
            ),
        ),
        descriptions=(
            (
                "Ateliers en petits groupes pour apprendre ou réapprendre à lire, à écrire et à compter, au rythme de chacun. Pour remplir un formulaire, lire une lettre ou aider ses enfants.",
                "Small-group workshops to learn or relearn reading, writing and math at one's own pace. For filling out forms, reading letters or helping one's children.",
            ),
            (
                "{org} accueille à {lieu} les adultes qui ont des difficultés à lire et à écrire, dans le respect et la confidentialité.",
                "{org} welcomes adults in {lieu} who have trouble reading and writing, with respect and confidentiality.",
            ),
        ),
        eligibility=(
            (
                "Adultes de 16 ans et plus qui ont de la difficulté à lire et à écrire",
                "Adults aged 16 and over who have trouble reading and writing",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT, WALK_IN),
        fees={"free": 1.0},
        schedules=("office", "weekly_day"),
        ages=("adults",),
        keywords_fr=("lire", "écrire", "alpha", "analphabétisme"),
        keywords_en=("reading", "writing", "literacy"),
        weight=0.7,
    ),
    _service(
        "adult_education",
        ("education.adult",),
        names=(
            ("Formation générale des adultes", "Adult general education"),
            ("Terminer son secondaire", "Finish high school"),
        ),
        descriptions=(
            (
                "Cours gratuits pour obtenir son diplôme d'études secondaires, les préalables à une formation professionnelle ou le test d'équivalence de niveau secondaire.",
                "Free courses to earn a high school diploma, prerequisites for vocational training, or the high school equivalency test.",
            ),
            (
                "Le centre d'éducation des adultes de {lieu} offre un enseignement individualisé le jour et le soir.",
                "The {lieu} adult education centre offers individualized learning during the day and in the evening.",
            ),
        ),
        eligibility=(("Adultes de 16 ans et plus", "Adults aged 16 and over"),),
        application=(
            CALL_FOR_APPOINTMENT,
            (
                "S'inscrire en ligne sur le site du centre de services scolaire.",
                "Register online on the school service centre's website.",
            ),
        ),
        documents=(("Certificat de naissance", "Birth certificate"), DIPLOMAS),
        fees={"free": 0.9, "fixed": 0.1},
        schedules=("office", "evenings"),
        ages=("adults", "youth"),
        keywords_fr=("DES", "secondaire 5", "préalables", "TENS", "FGA"),
        keywords_en=("high school diploma", "GED", "adult education"),
        weight=0.6,
    ),
    _service(
        "homework_help",
        ("education.homework",),
        names=(
            ("Aide aux devoirs", "Homework help"),
            ("Soutien scolaire après l'école", "After-school tutoring"),
        ),
        descriptions=(
            (
                "Période d'aide aux devoirs après l'école avec des bénévoles et une collation, suivie d'activités. Les parents sont invités à rencontrer les animateurs.",
                "After-school homework period with volunteers and a snack, followed by activities. Parents are invited to meet the staff.",
            ),
            (
                "{org} offre du tutorat gratuit aux élèves de {lieu} qui éprouvent des difficultés en français ou en mathématiques.",
                "{org} offers free tutoring to students in {lieu} struggling with French or math.",
            ),
        ),
        eligibility=(
            ("Élèves du primaire", "Elementary school students"),
            ("Élèves du secondaire", "High school students"),
        ),
        application=(
            (
                "Inscription en début d'année scolaire; places limitées.",
                "Registration at the start of the school year; spaces are limited.",
            ),
            CALL_FOR_APPOINTMENT,
        ),
        fees={"free": 0.8, "fixed": 0.2},
        schedules=("evenings", "office"),
        ages=("children", "youth"),
        keywords_fr=("devoirs", "tutorat", "école", "leçons"),
        keywords_en=("homework", "tutoring", "school"),
        weight=0.8,
    ),
    _service(
        "digital_literacy",
        ("education.digital",),
        names=(
            ("Ateliers d'informatique", "Computer workshops"),
            (
                "Aide avec le téléphone intelligent et les services en ligne",
                "Help with smartphones and online services",
            ),
        ),
        descriptions=(
            (
                "Ateliers pour apprendre à utiliser un ordinateur, une tablette, le courriel et les services en ligne comme Mon dossier Service Canada ou Clic Santé.",
                "Workshops on using a computer, tablet, email and online services such as My Service Canada Account or Clic Santé.",
            ),
            (
                "{org} offre à {lieu} de l'aide individuelle pour régler un problème de téléphone, faire une vidéoconférence ou se protéger de la fraude en ligne.",
                "{org} offers one-on-one help in {lieu} to fix a phone problem, join a video call or protect oneself from online fraud.",
            ),
        ),
        eligibility=(ANYONE, SENIORS_65),
        application=(REGISTER_ONLINE, WALK_IN),
        fees={"free": 0.8, "fixed": 0.2},
        schedules=("weekly_day", "office"),
        ages=("adults", "seniors"),
        keywords_fr=("ordinateur", "Internet", "cellulaire", "courriel", "fraude"),
        keywords_en=("computer", "internet", "smartphone", "email"),
        weight=0.6,
    ),
    # Justice et droits / Legal aid and rights
    _service(
        "legal_aid",
        ("legal.legal-aid",),
        names=(
            ("Aide juridique", "Legal aid"),
            ("Services d'avocats de l'aide juridique", "Legal aid lawyers"),
        ),
        descriptions=(
            (
                "Services d'un avocat gratuits ou avec une contribution, selon le revenu, en droit de la famille, criminel, de la jeunesse, de l'immigration, du logement et de l'aide sociale.",
                "Free or contributory lawyer services, depending on income, in family, criminal, youth, immigration, housing and social assistance law.",
            ),
            (
                "Le bureau d'aide juridique de {lieu} évalue l'admissibilité financière et confie le dossier à un avocat de l'aide juridique ou de pratique privée.",
                "The {lieu} legal aid office assesses financial eligibility and assigns the case to a legal aid or private-practice lawyer.",
            ),
        ),
        eligibility=(
            (
                "Personnes dont le revenu respecte les seuils de l'aide juridique",
                "People whose income is within legal aid thresholds",
            ),
            (
                "Prestataires de l'aide sociale (admissibles d'office)",
                "Social assistance recipients (automatically eligible)",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT, WALK_IN),
        documents=(
            ID_PHOTO,
            PROOF_INCOME,
            (
                "Documents liés à votre dossier (avis, jugement, lettre)",
                "Documents about your case (notice, judgment, letter)",
            ),
        ),
        fees={"free": 0.7, "sliding": 0.3},
        schedules=("office",),
        ages=("adults", "youth"),
        keywords_fr=("avocat", "avocat gratuit", "tribunal", "divorce", "garde d'enfants"),
        keywords_en=("lawyer", "free lawyer", "court", "custody"),
        weight=0.7,
    ),
    _service(
        "legal_information",
        ("legal.legal-info",),
        names=(
            ("Information juridique gratuite", "Free legal information"),
            ("Clinique juridique", "Legal clinic"),
        ),
        descriptions=(
            (
                "Consultations gratuites de 30 minutes avec un avocat ou un notaire bénévole pour comprendre ses droits et les prochaines étapes. Ne remplace pas une représentation.",
                "Free 30-minute consultations with a volunteer lawyer or notary to understand your rights and next steps. Does not replace representation.",
            ),
            (
                "{org} répond aux questions juridiques des citoyens de {lieu} : famille, petites créances, testament, consommation, logement.",
                "{org} answers legal questions from residents of {lieu}: family, small claims, wills, consumer issues, housing.",
            ),
        ),
        eligibility=(ANYONE,),
        application=(CALL_FOR_APPOINTMENT, REGISTER_ONLINE),
        fees={"free": 1.0},
        schedules=("weekly_day", "evenings", "appointment"),
        ages=("adults",),
        keywords_fr=("avocat", "notaire", "petites créances", "testament", "conseil juridique"),
        keywords_en=("lawyer", "notary", "small claims", "will", "legal advice"),
        weight=0.6,
    ),
    _service(
        "family_mediation",
        ("legal.mediation.family", "family.separation"),
        names=(
            ("Médiation familiale", "Family mediation"),
            ("Séance de parentalité après la rupture", "Parenting after separation session"),
        ),
        descriptions=(
            (
                "Un médiateur accrédité aide les parents qui se séparent à s'entendre sur la garde, la pension alimentaire et le partage des biens. Des heures de médiation sont payées par le gouvernement.",
                "An accredited mediator helps separating parents agree on custody, child support and division of property. Some mediation hours are paid by the government.",
            ),
            (
                "{org} offre à {lieu} la médiation familiale et la séance d'information de groupe sur la parentalité après la rupture.",
                "{org} offers family mediation and the group information session on parenting after separation in {lieu}.",
            ),
        ),
        eligibility=(
            (
                "Parents qui se séparent ou veulent modifier une entente",
                "Parents who are separating or want to change an agreement",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT,),
        documents=(PROOF_INCOME,),
        fees={"free": 0.6, "fixed": 0.4},
        schedules=("appointment", "evenings"),
        ages=("adults",),
        keywords_fr=("séparation", "divorce", "garde partagée", "pension alimentaire"),
        keywords_en=("separation", "divorce", "custody", "child support"),
        weight=0.5,
    ),
    _service(
        "community_mediation",
        ("legal.mediation.neighbours",),
        names=(
            ("Médiation citoyenne", "Community mediation"),
            ("Aide pour les conflits de voisinage", "Help with neighbour disputes"),
        ),
        descriptions=(
            (
                "Des médiateurs bénévoles aident les voisins à régler un conflit (bruit, stationnement, clôture, animaux) par le dialogue, sans aller au tribunal.",
                "Volunteer mediators help neighbours settle a dispute (noise, parking, fences, pets) through dialogue, without going to court.",
            ),
            (
                "{org} offre à {lieu} un service gratuit et confidentiel de médiation entre citoyens et de justice réparatrice.",
                "{org} offers a free, confidential citizen mediation and restorative justice service in {lieu}.",
            ),
        ),
        eligibility=(RESIDENTS_LIEU,),
        application=(CALL_FOR_APPOINTMENT,),
        fees={"free": 1.0},
        schedules=("office", "appointment"),
        ages=("adults",),
        keywords_fr=("voisin", "bruit", "chicane", "conflit"),
        keywords_en=("neighbour", "noise", "conflict"),
        weight=0.3,
    ),
    _service(
        "welfare_rights",
        ("legal.rights.welfare-rights", "income.benefits.social-assistance"),
        names=(
            ("Défense des droits des personnes assistées sociales", "Welfare rights advocacy"),
            ("Accompagnement en révision d'aide sociale", "Help with social assistance reviews"),
        ),
        descriptions=(
            (
                "Information et accompagnement pour les personnes qui vivent un problème avec l'aide sociale : refus, réclamation, coupure, demande de révision.",
                "Information and support for people with a social assistance problem: refusal, overpayment claim, cut-off, request for review.",
            ),
            (
                "{org} défend les droits des personnes à faible revenu de {lieu} et les aide à contester une décision dans les délais.",
                "{org} defends the rights of low-income people in {lieu} and helps them contest a decision within deadlines.",
            ),
        ),
        eligibility=(
            (
                "Personnes prestataires de l'aide sociale ou de la solidarité sociale",
                "Social assistance or social solidarity recipients",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT, WALK_IN),
        documents=(("Lettre de décision reçue", "Decision letter received"),),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("adults",),
        keywords_fr=("révision", "coupure", "BS", "réclamation"),
        keywords_en=("review", "welfare cut", "overpayment"),
        weight=0.3,
    ),
    _service(
        "consumer_help",
        ("legal.rights.consumer", "income.budget"),
        names=(
            ("Protection du consommateur", "Consumer protection"),
            ("Aide pour un litige avec un commerçant", "Help with a dispute with a merchant"),
        ),
        descriptions=(
            (
                "Information sur ses droits de consommateur : contrats de téléphonie, vente itinérante, garantie, recouvrement de dettes. Aide pour rédiger une mise en demeure ou une plainte à l'Office de la protection du consommateur.",
                "Information on consumer rights: phone contracts, door-to-door sales, warranties, debt collection. Help writing a formal notice or a complaint to the Office de la protection du consommateur.",
            ),
            (
                "{org} accompagne les consommateurs de {lieu} victimes de pratiques abusives ou de fraude.",
                "{org} supports consumers in {lieu} who are victims of unfair practices or fraud.",
            ),
        ),
        eligibility=(ANYONE,),
        application=(CALL_FOR_APPOINTMENT,),
        documents=(
            (
                "Contrat, factures et échanges avec le commerçant",
                "Contract, invoices and correspondence with the merchant",
            ),
        ),
        fees={"free": 0.8, "sliding": 0.2},
        schedules=("office",),
        ages=("adults", "seniors"),
        keywords_fr=("OPC", "contrat", "fraude", "agence de recouvrement", "mise en demeure"),
        keywords_en=("consumer rights", "scam", "collection agency"),
        weight=0.3,
    ),
    _service(
        "complaints_assistance",
        ("legal.rights.complaints",),
        names=(
            ("Aide et accompagnement aux plaintes", "Complaints assistance"),
            (
                "Porter plainte en santé et services sociaux",
                "Filing a health and social services complaint",
            ),
        ),
        descriptions=(
            (
                "Aide gratuite et confidentielle pour porter plainte sur les services reçus dans un hôpital, un CLSC, un CHSLD, une résidence privée pour aînés ou auprès d'un ambulancier.",
                "Free, confidential help to file a complaint about services received at a hospital, CLSC, CHSLD, private seniors' residence or from paramedics.",
            ),
            (
                "{org} accompagne les usagers de {lieu} à chaque étape de leur plainte auprès du commissaire aux plaintes.",
                "{org} supports service users in {lieu} at every step of their complaint to the complaints commissioner.",
            ),
        ),
        eligibility=(
            (
                "Usagers du réseau de la santé et des services sociaux et leurs proches",
                "Users of the health and social services system and their loved ones",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT,),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("all",),
        keywords_fr=("CAAP", "plainte", "commissaire aux plaintes", "hôpital"),
        keywords_en=("complaint", "ombudsman", "hospital"),
        weight=0.2,
    ),
    _service(
        "interpretation",
        ("legal.interpretation",),
        names=(
            ("Interprétariat communautaire", "Community interpreting"),
            ("Traduction de documents", "Document translation"),
        ),
        descriptions=(
            (
                "Interprètes professionnels qui accompagnent les personnes allophones lors de rendez-vous médicaux, scolaires, juridiques ou sociaux, dans plus de 50 langues.",
                "Professional interpreters who accompany people who speak neither French nor English at medical, school, legal or social appointments, in more than 50 languages.",
            ),
            (
                "{org} traduit à faible coût les documents officiels (actes de naissance, diplômes, permis) des personnes immigrantes de {lieu}.",
                "{org} translates official documents (birth certificates, diplomas, licences) at low cost for immigrants in {lieu}.",
            ),
        ),
        eligibility=(
            (
                "Personnes allophones et organismes qui les servent",
                "People who speak neither French nor English and the organizations serving them",
            ),
            NEWCOMERS_5Y,
        ),
        application=(CALL_FOR_APPOINTMENT, REFERRAL_OR_SELF),
        fees={"free": 0.4, "fixed": 0.4, "sliding": 0.2},
        schedules=("office", "appointment"),
        ages=("all",),
        keywords_fr=("interprète", "traduction", "langue"),
        keywords_en=("interpreter", "translation", "language"),
        weight=0.3,
    ),
    _service(
        "offender_reintegration",
        ("legal.reintegration",),
        names=(
            ("Réinsertion sociale", "Community reintegration"),
            (
                "Soutien aux personnes judiciarisées",
                "Support for people involved with the justice system",
            ),
        ),
        descriptions=(
            (
                "Accompagnement des personnes qui sortent de détention : logement, emploi, pièces d'identité, pardon (suspension du casier). Les proches peuvent aussi être soutenus.",
                "Support for people leaving detention: housing, work, ID, record suspension (pardon). Family members can also get support.",
            ),
            (
                "{org} aide les personnes judiciarisées de {lieu} à se reconstruire et à réduire les risques de récidive.",
                "{org} helps people in {lieu} involved with the justice system rebuild their lives and reduce the risk of reoffending.",
            ),
        ),
        eligibility=(
            (
                "Personnes judiciarisées ou sortant de détention",
                "People with a criminal record or leaving detention",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT, REFERRAL),
        documents=(ID_PHOTO,),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("adults",),
        keywords_fr=("prison", "casier judiciaire", "pardon", "libération conditionnelle"),
        keywords_en=("prison", "criminal record", "pardon", "parole"),
        weight=0.3,
    ),
    # Famille et enfance / Family and children
    _service(
        "cpe_daycare",
        ("family.childcare.cpe", "family.childcare.find"),
        names=(
            ("Centre de la petite enfance (CPE)", "Early childhood centre (CPE)"),
            (
                "Service de garde éducatif à contribution réduite",
                "Reduced-contribution educational childcare",
            ),
        ),
        descriptions=(
            (
                "Garde éducative à contribution réduite pour les enfants de 0 à 5 ans, avec un programme éducatif axé sur le jeu. L'inscription se fait uniquement par le guichet unique La Place 0-5.",
                "Reduced-contribution educational childcare for children aged 0 to 5, with a play-based program. Registration is only through the La Place 0-5 single waiting list.",
            ),
            (
                "{org} accueille les tout-petits de {lieu} dans ses installations, avec des places réservées aux enfants de familles vulnérables sur référence du CLSC.",
                "{org} welcomes young children in {lieu}, with spaces set aside for children from vulnerable families referred by the CLSC.",
            ),
        ),
        eligibility=(FAMILIES_0_5,),
        application=(
            ("Inscrire son enfant sur La Place 0-5.", "Register your child on La Place 0-5."),
            REFERRAL,
        ),
        documents=(CHILDREN_PROOF,),
        fees={"fixed": 1.0},
        schedules=("office",),
        ages=("children",),
        keywords_fr=("garderie", "CPE", "La Place 0-5", "place en garderie"),
        keywords_en=("daycare", "childcare", "CPE", "La Place 0-5"),
        weight=1.2,
    ),
    _service(
        "drop_in_daycare",
        ("family.childcare.drop-in",),
        names=(
            ("Halte-garderie", "Drop-in daycare"),
            ("Halte-garderie communautaire", "Community drop-in daycare"),
        ),
        descriptions=(
            (
                "Garde occasionnelle de quelques heures pour permettre aux parents d'aller à un rendez-vous, suivre un cours de français ou simplement souffler.",
                "Occasional childcare for a few hours so parents can go to an appointment, take a French class or simply catch their breath.",
            ),
            (
                "La halte-garderie de {org} accueille les enfants de 18 mois à 5 ans de {lieu}, à tarif modique, sur réservation.",
                "{org}'s drop-in daycare welcomes children from 18 months to 5 years old in {lieu}, at a low rate, by reservation.",
            ),
        ),
        eligibility=(FAMILIES_0_5,),
        application=(
            ("Réserver une plage de garde par téléphone.", "Book a childcare slot by phone."),
        ),
        documents=(
            CHILDREN_PROOF,
            ("Carnet de vaccination de l'enfant", "Child's vaccination record"),
        ),
        fees={"fixed": 0.6, "sliding": 0.3, "free": 0.1},
        schedules=("office", "weekly_day"),
        ages=("children",),
        keywords_fr=("garde occasionnelle", "répit parental", "gardiennage"),
        keywords_en=("babysitting", "occasional childcare", "parent break"),
        weight=0.8,
    ),
    _service(
        "family_centre",
        ("family.family-centres", "family.parenting"),
        names=(
            ("Milieu de vie pour les familles", "Family drop-in centre"),
            ("Activités parents-enfants", "Parent-child activities"),
            ("Maison de la famille", "Family resource centre"),
        ),
        descriptions=(
            (
                "Lieu d'accueil pour les parents et leurs enfants : matinées parents-enfants, ateliers d'éveil, cafés-rencontres, joujouthèque et écoute.",
                "Welcoming place for parents and children: parent-child mornings, early learning workshops, coffee meetings, toy library and a listening ear.",
            ),
            (
                "{org} soutient les familles de {lieu} dans leur rôle parental et brise l'isolement des nouveaux parents.",
                "{org} supports families in {lieu} in their parenting role and breaks the isolation of new parents.",
            ),
        ),
        eligibility=(
            ("Familles ayant des enfants de 0 à 12 ans", "Families with children aged 0 to 12"),
            FAMILIES_0_5,
        ),
        application=(
            WALK_IN,
            (
                "Devenir membre; la cotisation annuelle est symbolique.",
                "Become a member; the annual fee is nominal.",
            ),
        ),
        fees={"free": 0.6, "fixed": 0.4},
        schedules=("office", "weekly_day", "weekend"),
        ages=("children", "adults", "all"),
        keywords_fr=("parents", "bébé", "matinée", "joujouthèque", "isolement"),
        keywords_en=("parents", "baby", "playgroup", "toy library"),
        weight=1.2,
    ),
    _service(
        "parenting_workshops",
        ("family.parenting",),
        names=(
            ("Ateliers sur le rôle parental", "Parenting workshops"),
            ("Soutien aux parents", "Parenting support"),
        ),
        descriptions=(
            (
                "Série d'ateliers pour mieux comprendre le développement de l'enfant, poser des limites avec bienveillance et gérer les crises. Gardiennage offert sur place.",
                "Series of workshops to understand child development, set limits with kindness and handle tantrums. Childcare available on site.",
            ),
            (
                "{org} offre à {lieu} une ligne d'écoute et des rencontres individuelles pour les parents qui vivent une période difficile.",
                "{org} offers a support line and one-on-one meetings in {lieu} for parents going through a hard time.",
            ),
        ),
        eligibility=(("Parents et futurs parents", "Parents and parents-to-be"),),
        application=(REGISTER_ONLINE, CALL_FOR_APPOINTMENT),
        fees={"free": 0.8, "sliding": 0.2},
        schedules=("evenings", "weekly_day"),
        ages=("adults",),
        keywords_fr=("parentalité", "discipline", "ado", "crise"),
        keywords_en=("parenting", "discipline", "teenagers"),
        weight=0.7,
    ),
    _service(
        "youth_centre",
        ("family.youth.youth-centres", "community.recreation"),
        names=(
            ("Maison des jeunes", "Youth drop-in centre"),
            ("Milieu de vie pour ados", "Teen drop-in"),
        ),
        descriptions=(
            (
                "Lieu de rencontre pour les 12 à 17 ans, avec animateurs, activités, sorties, cuisine et aide aux devoirs. Les jeunes y trouvent une oreille attentive.",
                "Drop-in centre for 12 to 17-year-olds, with youth workers, activities, outings, cooking and homework help. Teens find someone to listen.",
            ),
            (
                "{org} accueille gratuitement les adolescents de {lieu} après l'école et en soirée, et les accompagne dans leurs projets.",
                "{org} welcomes teenagers in {lieu} free of charge after school and in the evening, and supports their projects.",
            ),
        ),
        eligibility=(("Jeunes de 12 à 17 ans", "Youth aged 12 to 17"),),
        application=(WALK_IN,),
        fees={"free": 1.0},
        schedules=("evenings", "weekend"),
        ages=("youth",),
        keywords_fr=("ados", "adolescents", "MDJ", "activités jeunesse"),
        keywords_en=("teens", "youth centre", "after school"),
        weight=1.0,
    ),
    _service(
        "street_work",
        ("family.youth.street-work",),
        names=(
            ("Travail de rue", "Street outreach"),
            ("Travail de milieu", "Community outreach work"),
        ),
        descriptions=(
            (
                "Des travailleurs de rue vont à la rencontre des jeunes et des adultes dans les parcs, les rues et les lieux qu'ils fréquentent, pour écouter, informer et accompagner sans jugement.",
                "Street workers meet young people and adults in parks, streets and places they hang out to listen, inform and support them without judgment.",
            ),
            (
                "{org} est présent dans les quartiers de {lieu}, le jour comme le soir, et peut accompagner vers les ressources de santé, de logement ou d'emploi.",
                "{org} is present in {lieu}'s neighbourhoods day and evening, and can accompany people to health, housing or employment resources.",
            ),
        ),
        eligibility=(
            (
                "Jeunes et adultes en situation de vulnérabilité",
                "Vulnerable young people and adults",
            ),
        ),
        application=(
            (
                "Contacter un travailleur de rue par téléphone, texto ou réseaux sociaux.",
                "Reach a street worker by phone, text or social media.",
            ),
        ),
        fees={"free": 1.0},
        schedules=("evenings", "office", "weekend"),
        ages=("youth", "adults"),
        keywords_fr=("TR", "intervenant de rue", "jeunes de la rue"),
        keywords_en=("street worker", "outreach"),
        weight=0.7,
    ),
    _service(
        "fathers_support",
        ("family.fathers",),
        names=(
            ("Soutien aux pères", "Support for fathers"),
            ("Activités pères-enfants", "Father-child activities"),
        ),
        descriptions=(
            (
                "Rencontres, écoute et accompagnement pour les pères qui vivent une séparation ou qui veulent s'impliquer davantage auprès de leurs enfants.",
                "Meetings, a listening ear and support for fathers going through a separation or wanting to be more involved with their children.",
            ),
            (
                "{org} organise à {lieu} des samedis pères-enfants et des groupes de discussion entre papas.",
                "{org} holds father-child Saturdays and dads' discussion groups in {lieu}.",
            ),
        ),
        eligibility=(("Pères et futurs pères", "Fathers and fathers-to-be"),),
        application=(CALL_FOR_APPOINTMENT, WALK_IN),
        fees={"free": 1.0},
        schedules=("evenings", "weekend"),
        ages=("adults",),
        keywords_fr=("papa", "père", "paternité", "séparation"),
        keywords_en=("dad", "father", "separation"),
        weight=0.4,
    ),
    # Aînés / Seniors
    _service(
        "home_help",
        ("seniors.home-support.housekeeping",),
        names=(
            ("Aide domestique", "Home help"),
            ("Entretien ménager à domicile", "Home housekeeping"),
        ),
        descriptions=(
            (
                "Entretien ménager léger et lourd, lessive, préparation de repas et courses, par du personnel formé. Le tarif horaire est réduit grâce au Programme d'exonération financière pour les services d'aide domestique.",
                "Light and heavy housekeeping, laundry, meal preparation and errands by trained staff. The hourly rate is reduced through the Financial Assistance Program for Domestic Help Services.",
            ),
            (
                "{org} offre des services d'aide à domicile aux personnes aînées et aux familles de {lieu} pour les aider à demeurer chez elles.",
                "{org} provides home help to seniors and families in {lieu} so they can stay in their own home.",
            ),
        ),
        eligibility=(
            SENIORS_LOSS,
            (
                "Toute personne de 18 ans et plus (aide financière selon l'âge et le revenu)",
                "Anyone aged 18 and over (financial help based on age and income)",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT,),
        documents=(PREVIOUS_NOA, HEALTH_CARD),
        fees={"sliding": 0.8, "fixed": 0.2},
        schedules=("office",),
        ages=("seniors", "adults"),
        keywords_fr=("ménage", "EÉSAD", "PEFSAD", "aide à domicile"),
        keywords_en=("housekeeping", "cleaning", "home help"),
        weight=1.0,
    ),
    _service(
        "friendly_visits",
        ("seniors.home-support.friendly-visits", "seniors.social"),
        names=(
            ("Visites d'amitié", "Friendly visits"),
            ("Appels de sécurité", "Reassurance calls"),
            ("Téléphones d'amitié", "Friendly phone calls"),
        ),
        descriptions=(
            (
                "Un bénévole rend visite chaque semaine à une personne aînée seule pour jaser, jouer aux cartes ou faire une marche. Un lien de confiance se crée au fil des visites.",
                "A volunteer visits an older person who lives alone every week to chat, play cards or go for a walk. Trust builds over time.",
            ),
            (
                "{org} appelle chaque matin les personnes aînées inscrites de {lieu} pour s'assurer que tout va bien; sans réponse, un proche est avisé.",
                "{org} calls registered seniors in {lieu} every morning to make sure all is well; if there is no answer, a relative is notified.",
            ),
        ),
        eligibility=(("Personnes aînées vivant seules", "Seniors who live alone"), SENIORS_LOSS),
        application=(CALL_FOR_APPOINTMENT, REFERRAL_OR_SELF),
        fees={"free": 1.0},
        schedules=("office", "office_lunch"),
        ages=("seniors",),
        keywords_fr=("solitude", "isolement", "bénévole", "appel quotidien"),
        keywords_en=("loneliness", "isolation", "daily call"),
        weight=1.0,
    ),
    _service(
        "caregiver_support",
        ("seniors.caregivers.support",),
        names=(
            ("Soutien aux proches aidants", "Caregiver support"),
            ("Groupe de soutien pour proches aidants", "Caregiver support group"),
        ),
        descriptions=(
            (
                "Écoute, information, formations et groupes de soutien pour les personnes qui prennent soin d'un proche malade, handicapé ou âgé. On y apprend à prendre soin de soi aussi.",
                "Listening, information, training and support groups for people caring for a sick, disabled or older relative. Caregivers also learn to take care of themselves.",
            ),
            (
                "{org} accompagne les proches aidants de {lieu} : rencontres individuelles, conférences et aide pour s'y retrouver dans les services.",
                "{org} supports caregivers in {lieu}: one-on-one meetings, talks and help navigating services.",
            ),
        ),
        eligibility=(("Proches aidants de tout âge", "Caregivers of any age"),),
        application=(CALL_FOR_APPOINTMENT,),
        fees={"free": 1.0},
        schedules=("office", "evenings"),
        ages=("adults", "seniors"),
        keywords_fr=("proche aidant", "épuisement", "Alzheimer", "aidant naturel"),
        keywords_en=("caregiver", "burnout", "dementia"),
        weight=0.8,
    ),
    _service(
        "caregiver_respite",
        ("seniors.caregivers.respite",),
        names=(
            ("Répit pour proches aidants", "Caregiver respite"),
            ("Répit à domicile", "In-home respite"),
        ),
        descriptions=(
            (
                "Une personne formée prend le relais à domicile quelques heures par semaine pour que le proche aidant puisse se reposer ou faire ses activités.",
                "A trained person takes over at home a few hours a week so the caregiver can rest or do their own activities.",
            ),
            (
                "{org} offre à {lieu} du répit de jour, de soir et de fin de semaine auprès de personnes atteintes d'Alzheimer ou en perte d'autonomie.",
                "{org} offers day, evening and weekend respite in {lieu} for people with Alzheimer's or reduced autonomy.",
            ),
        ),
        eligibility=(
            (
                "Proches aidants d'une personne en perte d'autonomie",
                "Caregivers of a person with reduced autonomy",
            ),
        ),
        application=(CALL_FIRST,),
        fees={"sliding": 0.6, "free": 0.3, "fixed": 0.1},
        schedules=("office", "evenings", "weekend"),
        ages=("seniors", "adults"),
        keywords_fr=("répit", "gardiennage", "Alzheimer", "relève"),
        keywords_en=("respite", "break for caregivers", "sitter"),
        weight=0.7,
    ),
    _service(
        "seniors_day_centre",
        ("seniors.day-centre",),
        names=(
            ("Centre de jour pour aînés", "Seniors' day centre"),
            ("Activités de jour stimulantes", "Day activity program"),
        ),
        descriptions=(
            (
                "Journées d'activités physiques, cognitives et sociales avec dîner pour les personnes aînées en perte d'autonomie. Le transport peut être organisé.",
                "Days of physical, cognitive and social activities with lunch for seniors with reduced autonomy. Transport can be arranged.",
            ),
            (
                "{org} accueille les personnes aînées de {lieu} une ou deux journées par semaine, offrant du même coup un répit aux proches.",
                "{org} welcomes seniors in {lieu} one or two days a week, also giving caregivers a break.",
            ),
        ),
        eligibility=(SENIORS_LOSS,),
        application=(REFERRAL, CALL_FOR_APPOINTMENT),
        documents=(HEALTH_CARD,),
        fees={"fixed": 0.7, "sliding": 0.3},
        schedules=("office", "weekly_day"),
        ages=("seniors",),
        keywords_fr=("centre de jour", "stimulation", "activités aînés"),
        keywords_en=("adult day program", "seniors activities"),
        weight=0.5,
    ),
    _service(
        "elder_abuse",
        ("seniors.abuse",),
        names=(
            ("Aide en cas de maltraitance envers les aînés", "Help with elder abuse"),
            ("Intervention en maltraitance", "Elder abuse intervention"),
        ),
        descriptions=(
            (
                "Écoute et accompagnement confidentiels pour les personnes aînées victimes de maltraitance psychologique, financière, physique ou de négligence, et pour les témoins.",
                "Confidential listening and support for seniors experiencing psychological, financial or physical abuse or neglect, and for witnesses.",
            ),
            (
                "{org} aide les personnes aînées de {lieu} à faire cesser la maltraitance, à protéger leurs biens et à connaître leurs recours.",
                "{org} helps seniors in {lieu} stop abuse, protect their assets and know their options.",
            ),
        ),
        eligibility=(SENIORS_65, ("Proches et témoins", "Family members and witnesses")),
        application=(CALL_FOR_APPOINTMENT, CALL_FIRST),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("seniors",),
        keywords_fr=("abus", "maltraitance", "fraude envers les aînés", "négligence"),
        keywords_en=("elder abuse", "financial abuse", "neglect"),
        weight=0.4,
    ),
    _service(
        "seniors_activities",
        ("seniors.social",),
        names=(
            ("Activités pour aînés", "Activities for seniors"),
            ("Club de l'âge d'or", "Seniors' club"),
        ),
        descriptions=(
            (
                "Cartes, bingo, danse en ligne, cours de mise en forme, conférences et sorties pour les personnes de 50 ans et plus. Une belle façon de briser l'isolement.",
                "Cards, bingo, line dancing, fitness classes, talks and outings for people aged 50 and over. A great way to break isolation.",
            ),
            (
                "{org} rassemble les aînés de {lieu} autour d'activités sociales et de dîners mensuels.",
                "{org} brings seniors in {lieu} together for social activities and monthly lunches.",
            ),
        ),
        eligibility=(("Personnes de 50 ans et plus", "People aged 50 and over"),),
        application=(
            WALK_IN,
            ("Devenir membre en début de saison.", "Become a member at the start of the season."),
        ),
        fees={"fixed": 0.7, "free": 0.3},
        schedules=("weekly_day", "office"),
        ages=("seniors",),
        keywords_fr=("FADOQ", "âge d'or", "loisirs aînés", "bingo"),
        keywords_en=("seniors club", "bingo", "social activities"),
        weight=0.8,
    ),
    # Immigration / Newcomers
    _service(
        "settlement",
        ("newcomers.settlement",),
        names=(
            ("Accueil et installation des personnes immigrantes", "Newcomer settlement services"),
            ("Premières démarches d'installation", "First steps after arrival"),
        ),
        descriptions=(
            (
                "Accompagnement dans les premières démarches : carte d'assurance maladie, numéro d'assurance sociale, inscription à l'école, logement, compte bancaire. Séances d'information sur la vie au Québec.",
                "Help with first steps: health card, social insurance number, school registration, housing, bank account. Information sessions on life in Québec.",
            ),
            (
                "{org} accueille les personnes nouvellement arrivées à {lieu} et les aide à s'intégrer, en partenariat avec le ministère de l'Immigration, de la Francisation et de l'Intégration.",
                "{org} welcomes newcomers in {lieu} and helps them settle, in partnership with Québec's immigration ministry (MIFI).",
            ),
        ),
        eligibility=(
            NEWCOMERS_5Y,
            (
                "Résidents permanents, réfugiés, travailleurs et étudiants étrangers",
                "Permanent residents, refugees, foreign workers and students",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT, WALK_IN),
        documents=(IMMIGRATION_DOCS, ID_PHOTO),
        fees={"free": 1.0},
        schedules=("office", "appointment"),
        ages=("all",),
        keywords_fr=(
            "immigrant",
            "nouvel arrivant",
            "installation",
            "Accompagnement Québec",
            "RAMQ",
        ),
        keywords_en=("newcomer", "immigrant", "settlement"),
        weight=1.2,
    ),
    _service(
        "refugee_support",
        ("newcomers.refugees",),
        names=(
            ("Accompagnement des demandeurs d'asile", "Support for asylum seekers"),
            ("Accueil des personnes réfugiées", "Refugee reception services"),
        ),
        descriptions=(
            (
                "Aide aux demandeurs d'asile et aux personnes réfugiées : préparation de l'audience, permis de travail, logement, vêtements, accès aux soins couverts par le Programme fédéral de santé intérimaire.",
                "Help for asylum seekers and refugees: hearing preparation, work permits, housing, clothing, access to care covered by the Interim Federal Health Program.",
            ),
            (
                "{org} accueille les personnes réfugiées prises en charge par l'État et parrainées à {lieu}, de l'aéroport jusqu'à leur premier logement.",
                "{org} welcomes government-assisted and sponsored refugees in {lieu}, from the airport to their first apartment.",
            ),
        ),
        eligibility=(("Demandeurs d'asile et personnes réfugiées", "Asylum seekers and refugees"),),
        application=(WALK_IN, CALL_FOR_APPOINTMENT),
        documents=(IMMIGRATION_DOCS,),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("all",),
        keywords_fr=("réfugié", "asile", "CISR", "PFSI"),
        keywords_en=("refugee", "asylum", "IRB", "IFHP"),
        weight=0.5,
    ),
    _service(
        "immigration_status_help",
        ("newcomers.status",),
        names=(
            (
                "Information sur l'immigration et la citoyenneté",
                "Immigration and citizenship information",
            ),
            ("Aide pour les demandes d'immigration", "Help with immigration applications"),
        ),
        descriptions=(
            (
                "Information sur les permis de travail et d'études, la résidence permanente, le parrainage familial et la citoyenneté, et aide pour remplir les formulaires.",
                "Information on work and study permits, permanent residence, family sponsorship and citizenship, and help filling out forms.",
            ),
            (
                "{org} prépare les personnes immigrantes de {lieu} à l'examen de citoyenneté et les oriente vers un avocat au besoin.",
                "{org} prepares immigrants in {lieu} for the citizenship test and refers them to a lawyer when needed.",
            ),
        ),
        eligibility=(
            (
                "Personnes immigrantes, quel que soit leur statut",
                "Immigrants, whatever their status",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT,),
        documents=(IMMIGRATION_DOCS, ID_PHOTO),
        fees={"free": 0.8, "fixed": 0.2},
        schedules=("office", "appointment"),
        ages=("adults",),
        keywords_fr=(
            "citoyenneté",
            "résidence permanente",
            "parrainage",
            "CSQ",
            "permis de travail",
        ),
        keywords_en=("citizenship", "permanent residence", "sponsorship", "work permit"),
        weight=0.5,
    ),
    _service(
        "intercultural_matching",
        ("newcomers.matching", "newcomers.regionalization"),
        names=(
            ("Jumelage interculturel", "Intercultural matching"),
            (
                "Activités d'intégration et de rapprochement",
                "Integration and community-building activities",
            ),
        ),
        descriptions=(
            (
                "Jumelage d'une famille immigrante avec une famille d'ici pour découvrir la région, pratiquer le français et se créer un réseau.",
                "Matching an immigrant family with a local family to discover the region, practise French and build a network.",
            ),
            (
                "{org} aide les personnes immigrantes à s'établir à {lieu} : visites exploratoires, soutien à la recherche d'emploi et activités interculturelles.",
                "{org} helps immigrants settle in {lieu}: exploratory visits, job search support and intercultural activities.",
            ),
        ),
        eligibility=(
            NEWCOMERS_5Y,
            (
                "Citoyens qui veulent accueillir des personnes immigrantes",
                "Residents who want to welcome newcomers",
            ),
        ),
        application=(REGISTER_ONLINE,),
        fees={"free": 1.0},
        schedules=("office", "weekend", "evenings"),
        ages=("all",),
        keywords_fr=("jumelage", "régionalisation", "s'installer en région", "réseautage"),
        keywords_en=("matching", "settling in the regions", "networking"),
        weight=0.5,
    ),
    # Transport
    _service(
        "adapted_transport",
        ("transport.adapted",),
        names=(
            ("Transport adapté", "Adapted transport (paratransit)"),
            ("Transport adapté et collectif", "Adapted and shared transport"),
        ),
        descriptions=(
            (
                "Transport de porte à porte par minibus ou taxi pour les personnes handicapées admises au service. Les déplacements se réservent la veille.",
                "Door-to-door transport by minibus or taxi for people with disabilities admitted to the service. Trips are booked the day before.",
            ),
            (
                "Le service de transport adapté dessert {lieu} et les municipalités voisines pour le travail, les études, les rendez-vous et les loisirs.",
                "The adapted transport service covers {lieu} and nearby municipalities for work, school, appointments and leisure.",
            ),
        ),
        eligibility=(
            (
                "Personnes ayant une incapacité qui limite leurs déplacements, admises selon la politique du ministère des Transports",
                "People whose disability limits their mobility, admitted under the Transport Ministry policy",
            ),
        ),
        application=(
            (
                "Remplir le formulaire d'admission avec un professionnel de la santé.",
                "Fill out the admission form with a health professional.",
            ),
        ),
        documents=(MEDICAL_NOTE, PROOF_ADDRESS),
        fees={"fixed": 1.0},
        schedules=("office", "weekend", "evenings"),
        ages=("all",),
        keywords_fr=("transport adapté", "minibus", "fauteuil roulant", "paratransit"),
        keywords_en=("paratransit", "accessible transport", "wheelchair"),
        weight=0.6,
    ),
    _service(
        "medical_transport",
        ("transport.medical",),
        names=(
            ("Accompagnement-transport médical", "Medical escort and transport"),
            (
                "Transport bénévole pour rendez-vous médicaux",
                "Volunteer drivers for medical appointments",
            ),
        ),
        descriptions=(
            (
                "Des bénévoles conduisent les personnes à leurs rendez-vous médicaux et restent avec elles pendant la consultation. Les frais de kilométrage sont remboursés au bénévole.",
                "Volunteers drive people to their medical appointments and stay with them during the visit. Mileage is reimbursed to the volunteer.",
            ),
            (
                "{org} organise l'accompagnement des personnes aînées de {lieu} vers l'hôpital, le CLSC ou la pharmacie, y compris vers les centres hospitaliers régionaux.",
                "{org} arranges escorts for seniors in {lieu} to the hospital, CLSC or pharmacy, including to regional hospitals.",
            ),
        ),
        eligibility=(
            SENIORS_LOSS,
            ("Personnes sans moyen de transport", "People without transportation"),
        ),
        application=(
            ("Réserver au moins 48 heures à l'avance.", "Book at least 48 hours in advance."),
        ),
        fees={"fixed": 0.7, "sliding": 0.3},
        schedules=("office",),
        ages=("seniors", "adults"),
        keywords_fr=("accompagnement", "chauffeur bénévole", "rendez-vous médical", "hôpital"),
        keywords_en=("volunteer driver", "ride to appointment", "hospital"),
        weight=1.0,
    ),
    _service(
        "reduced_fares",
        ("transport.fares", "transport.rural"),
        names=(
            ("Tarif réduit de transport en commun", "Reduced transit fares"),
            ("Transport collectif régional", "Regional shared transport"),
        ),
        descriptions=(
            (
                "Titre mensuel à tarif réduit pour les personnes à faible revenu, les aînés et les étudiants. La demande se fait avec une preuve d'admissibilité.",
                "Reduced-fare monthly pass for low-income people, seniors and students. Apply with proof of eligibility.",
            ),
            (
                "Le transport collectif régional relie {lieu} aux villes voisines par minibus et taxibus sur réservation, à prix modique.",
                "Regional shared transport links {lieu} to nearby towns by minibus and taxibus on reservation, at a low price.",
            ),
        ),
        eligibility=(LOW_INCOME_LIEU, SENIORS_65, RESIDENTS_LIEU),
        application=(
            (
                "Faire la demande au comptoir de service avec les preuves demandées.",
                "Apply at the service counter with the required proof.",
            ),
            (
                "Réserver son déplacement la veille avant 15 h.",
                "Book your trip the day before by 3 p.m.",
            ),
        ),
        documents=(ID_PHOTO, PROOF_INCOME),
        fees={"fixed": 1.0},
        schedules=("office",),
        ages=("all",),
        keywords_fr=("autobus", "passe mensuelle", "OPUS", "taxibus"),
        keywords_en=("bus pass", "transit", "monthly pass"),
        weight=0.6,
    ),
    # Biens matériels / Material goods
    _service(
        "thrift_store",
        ("goods.clothing.thrift",),
        names=(
            ("Friperie", "Thrift store"),
            ("Boutique de vêtements usagés", "Second-hand clothing store"),
        ),
        descriptions=(
            (
                "Vêtements, chaussures, articles de maison et jouets usagés en bon état à petit prix. Les profits financent les services de l'organisme.",
                "Used clothing, shoes, housewares and toys in good condition at low prices. Profits fund the organization's services.",
            ),
            (
                "La friperie de {org} à {lieu} accepte aussi les dons de vêtements propres pendant les heures d'ouverture.",
                "{org}'s thrift store in {lieu} also accepts donations of clean clothing during opening hours.",
            ),
        ),
        eligibility=(ANYONE,),
        application=(WALK_IN,),
        fees={"fixed": 1.0},
        schedules=("office", "weekend"),
        ages=("all",),
        keywords_fr=("vêtements", "friperie", "usagé", "seconde main", "comptoir vestimentaire"),
        keywords_en=("clothes", "thrift", "second-hand", "used clothing"),
        weight=1.5,
    ),
    _service(
        "free_clothing",
        ("goods.clothing.free", "goods.clothing.winter"),
        names=(
            ("Vestiaire gratuit", "Free clothing bank"),
            ("Vêtements d'hiver gratuits", "Free winter clothing"),
        ),
        descriptions=(
            (
                "Vêtements remis gratuitement aux personnes et familles dans le besoin, avec une attention particulière aux manteaux, bottes et mitaines à l'approche de l'hiver.",
                "Clothing given free to individuals and families in need, with special attention to coats, boots and mittens as winter approaches.",
            ),
            (
                "{org} remet des vêtements de travail, d'hiver et pour enfants aux personnes de {lieu} référées par un intervenant ou sur présentation d'une preuve de revenu.",
                "{org} provides work, winter and children's clothing to people in {lieu} referred by a worker or showing proof of income.",
            ),
        ),
        eligibility=(LOW_INCOME_LIEU, ANYONE),
        application=(WALK_IN, REFERRAL),
        documents=(PROOF_INCOME,),
        fees={"free": 1.0},
        schedules=("weekly_day", "seasonal_winter"),
        ages=("all",),
        keywords_fr=("manteau", "bottes", "vêtements gratuits", "hiver"),
        keywords_en=("winter coat", "boots", "free clothes"),
        weight=0.8,
    ),
    _service(
        "furniture_bank",
        ("goods.furniture", "goods.furniture.ressourcerie"),
        names=(
            ("Meubles et électroménagers usagés", "Used furniture and appliances"),
            ("Ressourcerie", "Reuse centre"),
            ("Banque de meubles", "Furniture bank"),
        ),
        descriptions=(
            (
                "Meubles, électroménagers, literie et articles de cuisine usagés vendus à bas prix ou remis aux ménages qui s'installent. Livraison possible moyennant des frais.",
                "Used furniture, appliances, bedding and kitchenware sold cheaply or given to households setting up a home. Delivery available for a fee.",
            ),
            (
                "La ressourcerie de {org} récupère, répare et revend à {lieu} des objets qui auraient fini au dépotoir, tout en formant des personnes en insertion.",
                "{org}'s reuse centre in {lieu} collects, repairs and resells items that would have ended up in the dump, while training people in work-integration programs.",
            ),
        ),
        eligibility=(
            ANYONE,
            (
                "Ménages à faible revenu qui emménagent ou sortent d'un hébergement",
                "Low-income households moving in or leaving a shelter",
            ),
        ),
        application=(WALK_IN, REFERRAL),
        fees={"fixed": 0.7, "free": 0.3},
        schedules=("office", "weekend"),
        ages=("all",),
        keywords_fr=("meubles", "lit", "frigo", "laveuse", "cueillette de dons"),
        keywords_en=("furniture", "bed", "fridge", "appliances"),
        weight=0.9,
    ),
    _service(
        "baby_supplies",
        ("goods.baby",),
        names=(
            ("Articles pour bébés", "Baby supplies"),
            ("Banque de couches et de lait maternisé", "Diaper and formula bank"),
        ),
        descriptions=(
            (
                "Couches, lait maternisé, vêtements et équipement pour bébés (poussettes, sièges d'auto inspectés, bassinettes) remis gratuitement ou prêtés aux familles à faible revenu.",
                "Diapers, formula, baby clothes and equipment (strollers, inspected car seats, cribs) given free or lent to low-income families.",
            ),
            (
                "{org} aide les nouveaux parents de {lieu} qui manquent de l'essentiel pour leur bébé.",
                "{org} helps new parents in {lieu} who lack essentials for their baby.",
            ),
        ),
        eligibility=(
            FAMILIES_0_5,
            ("Femmes enceintes à faible revenu", "Low-income pregnant women"),
        ),
        application=(CALL_FOR_APPOINTMENT, REFERRAL_OR_SELF),
        documents=(CHILDREN_PROOF, PROOF_INCOME),
        fees={"free": 1.0},
        schedules=("weekly_day", "office"),
        ages=("children", "adults"),
        keywords_fr=("couches", "lait maternisé", "poussette", "bébé"),
        keywords_en=("diapers", "formula", "stroller", "baby"),
        weight=0.6,
    ),
    _service(
        "school_supplies",
        ("goods.school-supplies",),
        names=(
            ("Fournitures scolaires pour la rentrée", "Back-to-school supplies"),
            ("Sacs d'école garnis", "Filled school bags"),
        ),
        descriptions=(
            (
                "Distribution de sacs d'école remplis des fournitures demandées par l'école, en août, pour les enfants de familles à faible revenu.",
                "Distribution in August of school bags filled with the supplies schools require, for children from low-income families.",
            ),
            (
                "{org} aide les familles de {lieu} à couvrir les frais de la rentrée : fournitures, vêtements et aide pour les frais scolaires.",
                "{org} helps families in {lieu} cover back-to-school costs: supplies, clothing and help with school fees.",
            ),
        ),
        eligibility=(
            (
                "Familles à faible revenu ayant des enfants d'âge scolaire",
                "Low-income families with school-age children",
            ),
        ),
        application=(
            (
                "S'inscrire en juin ou en juillet; places limitées.",
                "Register in June or July; spaces are limited.",
            ),
        ),
        documents=(
            PROOF_INCOME,
            CHILDREN_PROOF,
            ("Liste des fournitures de l'école", "School supply list"),
        ),
        fees={"free": 1.0},
        schedules=("seasonal_summer",),
        ages=("children", "youth"),
        keywords_fr=("rentrée", "fournitures", "sac d'école", "frais scolaires"),
        keywords_en=("back to school", "school supplies", "backpack"),
        weight=0.5,
    ),
    _service(
        "holiday_baskets",
        ("goods.holidays", "food.emergency-food.food-hamper"),
        names=(
            ("Paniers de Noël", "Christmas baskets"),
            ("Guignolée et paniers des Fêtes", "Holiday food drive and baskets"),
        ),
        descriptions=(
            (
                "Paniers de Noël remplis de denrées et, pour les familles, de cadeaux pour les enfants. Les inscriptions ont lieu en novembre; la distribution, à la mi-décembre.",
                "Christmas baskets filled with food and, for families, gifts for the children. Registration is in November; distribution in mid-December.",
            ),
            (
                "Grâce à la guignolée, {org} remet des paniers des Fêtes aux ménages à faible revenu de {lieu}.",
                "Thanks to its holiday food drive, {org} gives holiday baskets to low-income households in {lieu}.",
            ),
        ),
        eligibility=(LOW_INCOME_LIEU,),
        application=(
            (
                "S'inscrire en novembre, en personne ou par téléphone.",
                "Register in November, in person or by phone.",
            ),
        ),
        documents=(ID_PHOTO, PROOF_ADDRESS, PROOF_INCOME, CHILDREN_PROOF),
        fees={"free": 1.0},
        schedules=("seasonal_winter",),
        ages=("all",),
        keywords_fr=("Noël", "guignolée", "Fêtes", "jouets", "cadeaux"),
        keywords_en=("Christmas", "holiday hamper", "toys", "gifts"),
        weight=0.8,
    ),
    _service(
        "medical_equipment_loan",
        ("goods.medical-equipment",),
        names=(
            ("Prêt d'équipement médical", "Medical equipment loans"),
            ("Prêt d'aides à la mobilité", "Mobility aid loans"),
        ),
        descriptions=(
            (
                "Prêt de fauteuils roulants, marchettes, béquilles, sièges de bain et lits d'hôpital pour une courte période, après une chirurgie ou une blessure.",
                "Short-term loans of wheelchairs, walkers, crutches, bath seats and hospital beds after surgery or injury.",
            ),
            (
                "{org} prête gratuitement de l'équipement aux résidents de {lieu}; un dépôt remboursable peut être demandé.",
                "{org} lends equipment free of charge to residents of {lieu}; a refundable deposit may be required.",
            ),
        ),
        eligibility=(RESIDENTS_LIEU,),
        application=(WALK_IN, CALL_FOR_APPOINTMENT),
        documents=(ID_PHOTO,),
        fees={"free": 0.6, "fixed": 0.4},
        schedules=("office",),
        ages=("all",),
        keywords_fr=("fauteuil roulant", "marchette", "béquilles", "lit d'hôpital"),
        keywords_en=("wheelchair", "walker", "crutches"),
        weight=0.4,
    ),
    # Urgence et crise / Emergency and crisis
    _service(
        "crisis_line",
        ("emergency.crisis-lines",),
        names=(
            ("Ligne d'écoute", "Listening line"),
            ("Ligne d'écoute et de crise 24/7", "24/7 crisis and listening line"),
        ),
        descriptions=(
            (
                "Des écoutants bénévoles formés répondent de façon anonyme et confidentielle aux personnes qui ont besoin de parler : solitude, anxiété, détresse. Aussi par texto et clavardage.",
                "Trained volunteer listeners answer anonymously and confidentially when people need to talk: loneliness, anxiety, distress. Also by text and chat.",
            ),
            (
                "{org} offre une ligne d'écoute pour la population de {lieu}, le soir et la nuit.",
                "{org} runs a listening line for people in {lieu}, evenings and overnight.",
            ),
        ),
        eligibility=(ANYONE,),
        application=(CALL_ANYTIME,),
        fees={"free": 1.0},
        schedules=("always", "evenings"),
        ages=("all",),
        keywords_fr=("écoute", "parler à quelqu'un", "détresse", "solitude", "ligne d'aide"),
        keywords_en=("someone to talk to", "helpline", "distress", "loneliness"),
        weight=0.8,
    ),
    _service(
        "suicide_prevention",
        ("emergency.suicide",),
        names=(
            ("Prévention du suicide", "Suicide prevention"),
            (
                "Intervention auprès des personnes suicidaires",
                "Help for people thinking about suicide",
            ),
        ),
        descriptions=(
            (
                "Intervention téléphonique et suivi pour les personnes qui pensent au suicide, leurs proches et les personnes endeuillées par suicide. En tout temps, composer le 1 866 APPELLE (277-3553) ou le 9-8-8.",
                "Phone intervention and follow-up for people thinking about suicide, their loved ones and people bereaved by suicide. Any time, call 1-866-APPELLE (277-3553) or 9-8-8.",
            ),
            (
                "{org} forme aussi des sentinelles dans les milieux de travail et les écoles de {lieu}.",
                "{org} also trains suicide prevention sentinels in workplaces and schools in {lieu}.",
            ),
        ),
        eligibility=(ANYONE,),
        application=(CALL_ANYTIME,),
        fees={"free": 1.0},
        schedules=("always",),
        ages=("all",),
        keywords_fr=("suicide", "idées noires", "envie de mourir", "988", "1 866 APPELLE"),
        keywords_en=("suicide", "suicidal thoughts", "988", "crisis"),
        weight=0.5,
    ),
    _service(
        "crisis_centre",
        ("emergency.crisis-centre", "mental-health.counselling"),
        names=(("Centre de crise", "Crisis centre"), ("Hébergement de crise", "Crisis stay")),
        descriptions=(
            (
                "Intervention de crise par téléphone, dans le milieu ou avec un hébergement de quelques jours, pour les personnes en détresse psychologique aiguë.",
                "Crisis intervention by phone, on site or with a stay of a few days, for people in acute psychological distress.",
            ),
            (
                "{org} offre à {lieu} une alternative à l'hospitalisation, 24 heures sur 24, avec une équipe d'intervenants.",
                "{org} offers an alternative to hospitalization in {lieu}, 24 hours a day, with a team of crisis workers.",
            ),
        ),
        eligibility=(ADULTS_18,),
        application=(CALL_ANYTIME,),
        fees={"free": 1.0},
        schedules=("always",),
        ages=("adults",),
        keywords_fr=("crise", "détresse", "urgence psychosociale"),
        keywords_en=("crisis", "mental health emergency"),
        weight=0.4,
    ),
    _service(
        "fire_victims_help",
        ("emergency.disaster.relief",),
        names=(
            ("Aide aux sinistrés", "Disaster relief"),
            ("Aide d'urgence après un incendie", "Emergency help after a fire"),
        ),
        descriptions=(
            (
                "Aide d'urgence pendant 72 heures aux personnes dont le logement est inhabitable après un incendie ou une inondation : hébergement, repas, vêtements et soutien moral.",
                "72-hour emergency help for people whose home is uninhabitable after a fire or flood: lodging, meals, clothing and emotional support.",
            ),
            (
                "Les bénévoles de {org} interviennent à {lieu} à la demande des pompiers ou de la municipalité, jour et nuit.",
                "{org} volunteers respond in {lieu} at the request of firefighters or the municipality, day and night.",
            ),
        ),
        eligibility=(("Personnes sinistrées", "People affected by a disaster"),),
        application=(
            (
                "Les services d'urgence font la demande sur les lieux; sinon, téléphoner.",
                "Emergency services request help on site; otherwise, call.",
            ),
        ),
        fees={"free": 1.0},
        schedules=("always",),
        ages=("all",),
        keywords_fr=("incendie", "feu", "sinistré", "inondation", "dégât d'eau"),
        keywords_en=("fire", "flood", "disaster"),
        weight=0.3,
    ),
    # Violence et sécurité / Violence and safety
    _service(
        "domestic_violence_shelter",
        ("violence.domestic.shelter", "violence.domestic"),
        names=(
            (
                "Maison d'hébergement pour femmes victimes de violence",
                "Shelter for women fleeing violence",
            ),
            ("Hébergement en violence conjugale", "Intimate partner violence shelter"),
        ),
        descriptions=(
            (
                "Hébergement sécuritaire et confidentiel, 24 heures sur 24, pour les femmes victimes de violence conjugale et leurs enfants. Écoute, accompagnement juridique et aide pour la suite.",
                "Safe, confidential shelter, 24 hours a day, for women experiencing intimate partner violence and their children. Counselling, legal accompaniment and help planning next steps.",
            ),
            (
                "{org} accueille les femmes et les enfants de {lieu} et de la région. Des services externes sont aussi offerts sans hébergement. En cas de danger, composer le 911.",
                "{org} welcomes women and children from {lieu} and the region. Outreach services are also offered without a stay. If in danger, call 911.",
            ),
        ),
        eligibility=(WOMEN,),
        application=(
            CALL_ANYTIME,
            (
                "Appeler SOS violence conjugale au 1 800 363-9010 pour trouver une place.",
                "Call SOS violence conjugale at 1-800-363-9010 to find a space.",
            ),
        ),
        fees={"free": 1.0},
        schedules=("always",),
        ages=("adults", "children"),
        keywords_fr=(
            "violence conjugale",
            "maison d'hébergement",
            "conjoint violent",
            "SOS violence conjugale",
        ),
        keywords_en=("domestic violence", "women's shelter", "abusive partner", "safe house"),
        weight=0.6,
    ),
    _service(
        "second_stage_housing",
        ("violence.domestic.second-stage",),
        names=(
            ("Maison de deuxième étape", "Second-stage housing"),
            ("Logement sécuritaire post-hébergement", "Safe housing after a shelter stay"),
        ),
        descriptions=(
            (
                "Logements sécuritaires pour six mois à deux ans, avec suivi, pour les femmes et enfants qui quittent une maison d'hébergement et dont la sécurité reste menacée.",
                "Safe apartments for six months to two years, with follow-up, for women and children leaving a shelter whose safety is still at risk.",
            ),
            (
                "{org} offre à {lieu} des logements à loyer modique et un accompagnement pour reconstruire sa vie après la violence.",
                "{org} offers low-rent apartments and support in {lieu} to rebuild one's life after violence.",
            ),
        ),
        eligibility=(WOMEN,),
        application=(REFERRAL, CALL_FIRST),
        fees={"sliding": 1.0},
        schedules=("office", "always"),
        ages=("adults", "children"),
        keywords_fr=("2e étape", "violence post-séparation", "logement sécuritaire"),
        keywords_en=("second stage", "safe housing"),
        weight=0.2,
    ),
    _service(
        "domestic_violence_outreach",
        ("violence.domestic.outreach",),
        names=(
            ("Services externes en violence conjugale", "Intimate partner violence outreach"),
            ("Accompagnement à la cour", "Court accompaniment"),
        ),
        descriptions=(
            (
                "Rencontres individuelles et de groupe, sans hébergement, pour les personnes qui vivent ou ont vécu de la violence conjugale. Accompagnement au palais de justice et au poste de police.",
                "Individual and group meetings, without a stay, for people who are experiencing or have experienced intimate partner violence. Accompaniment to court and the police station.",
            ),
            (
                "{org} aide les victimes de {lieu} à préparer un scénario de protection et à connaître leurs recours.",
                "{org} helps victims in {lieu} prepare a safety plan and know their options.",
            ),
        ),
        eligibility=(
            (
                "Personnes victimes de violence conjugale",
                "People experiencing intimate partner violence",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT,),
        fees={"free": 1.0},
        schedules=("office", "evenings"),
        ages=("adults",),
        keywords_fr=(
            "violence psychologique",
            "contrôle coercitif",
            "plainte",
            "scénario de protection",
        ),
        keywords_en=("coercive control", "safety plan", "court"),
        weight=0.4,
    ),
    _service(
        "violent_partners_program",
        ("violence.domestic.perpetrators",),
        names=(
            ("Aide aux hommes ayant des comportements violents", "Help for men who use violence"),
            ("Programme de gestion de la colère", "Anger management program"),
        ),
        descriptions=(
            (
                "Suivi individuel et de groupe pour les hommes qui veulent cesser d'exercer de la violence envers leur conjointe ou leurs enfants. Démarche volontaire ou sur ordonnance du tribunal.",
                "Individual and group follow-up for men who want to stop being violent toward their partner or children. Voluntary or court-ordered.",
            ),
            (
                "{org} accompagne aussi à {lieu} les hommes en difficulté : séparation, colère, détresse.",
                "{org} also supports men in difficulty in {lieu}: separation, anger, distress.",
            ),
        ),
        eligibility=(("Hommes de 18 ans et plus", "Men aged 18 and over"),),
        application=(CALL_FOR_APPOINTMENT,),
        fees={"sliding": 0.8, "free": 0.2},
        schedules=("evenings", "appointment"),
        ages=("adults",),
        keywords_fr=("colère", "hommes", "violence", "thérapie"),
        keywords_en=("anger", "men", "violence"),
        weight=0.2,
    ),
    _service(
        "sexual_assault_help",
        ("violence.sexual",),
        names=(
            ("Aide aux victimes d'agression sexuelle", "Help for sexual assault survivors"),
            ("CALACS", "Sexual assault centre (CALACS)"),
        ),
        descriptions=(
            (
                "Écoute, suivi individuel et de groupe, et accompagnement médical, policier et judiciaire pour les femmes et adolescentes ayant vécu une agression sexuelle, récente ou passée.",
                "Listening, individual and group follow-up, and accompaniment to medical, police and court services for women and teenage girls who have experienced sexual assault, recent or past.",
            ),
            (
                "{org} fait aussi de la prévention dans les écoles de {lieu}.",
                "{org} also does prevention work in schools in {lieu}.",
            ),
        ),
        eligibility=(
            ("Femmes et adolescentes de 14 ans et plus", "Women and girls aged 14 and over"),
            (
                "Personnes victimes d'agression sexuelle et leurs proches",
                "Sexual assault survivors and their loved ones",
            ),
        ),
        application=(
            CALL_FOR_APPOINTMENT,
            (
                "Ligne-ressource provinciale : 1 888 933-9007, en tout temps.",
                "Provincial help line: 1-888-933-9007, any time.",
            ),
        ),
        fees={"free": 1.0},
        schedules=("office", "always"),
        ages=("youth", "adults"),
        keywords_fr=("agression sexuelle", "viol", "abus sexuel", "inceste"),
        keywords_en=("sexual assault", "rape", "sexual abuse"),
        weight=0.3,
    ),
    _service(
        "crime_victims",
        ("violence.victims",),
        names=(
            ("Aide aux victimes d'actes criminels", "Help for victims of crime"),
            (
                "Soutien et aide pour une demande à l'IVAC",
                "Support and help with an IVAC application",
            ),
        ),
        descriptions=(
            (
                "Intervention post-traumatique, information sur le processus judiciaire et accompagnement à la cour pour les victimes, les proches et les témoins d'un acte criminel.",
                "Post-traumatic intervention, information on the court process and court accompaniment for victims, their families and witnesses of a crime.",
            ),
            (
                "{org} aide les victimes de {lieu} à remplir leur demande de prestations à l'IVAC, qu'elles aient porté plainte ou non.",
                "{org} helps victims in {lieu} apply for IVAC benefits, whether or not they have filed a police report.",
            ),
        ),
        eligibility=(
            (
                "Victimes, proches et témoins d'un acte criminel",
                "Victims, families and witnesses of a crime",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT, REFERRAL_OR_SELF),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("all",),
        keywords_fr=("CAVAC", "IVAC", "victime", "témoin", "procès"),
        keywords_en=("CAVAC", "IVAC", "victim", "witness", "trial"),
        weight=0.4,
    ),
    # Handicap / Disability
    _service(
        "intellectual_disability_support",
        ("disability.intellectual",),
        names=(
            (
                "Soutien aux personnes ayant une déficience intellectuelle",
                "Support for people with an intellectual disability",
            ),
            (
                "Soutien aux familles d'enfants autistes",
                "Support for families of autistic children",
            ),
        ),
        descriptions=(
            (
                "Activités de jour, ateliers d'autonomie et défense des droits pour les personnes ayant une déficience intellectuelle ou un trouble du spectre de l'autisme.",
                "Day activities, independent-living workshops and advocacy for people with an intellectual disability or autism.",
            ),
            (
                "{org} soutient les familles de {lieu} : information après le diagnostic, groupes de parents, camps de jour adaptés et répit.",
                "{org} supports families in {lieu}: information after diagnosis, parent groups, adapted day camps and respite.",
            ),
        ),
        eligibility=(
            (
                "Personnes ayant une déficience intellectuelle ou un TSA et leur famille",
                "People with an intellectual disability or autism and their families",
            ),
        ),
        application=(
            CALL_FOR_APPOINTMENT,
            ("Devenir membre de l'association.", "Become a member of the association."),
        ),
        fees={"fixed": 0.5, "free": 0.3, "sliding": 0.2},
        schedules=("office", "weekend", "seasonal_summer"),
        ages=("all",),
        keywords_fr=("DI", "TSA", "autisme", "trisomie", "déficience"),
        keywords_en=("autism", "intellectual disability", "Down syndrome"),
        weight=0.6,
    ),
    _service(
        "physical_disability_support",
        ("disability.physical", "disability.advocacy"),
        names=(
            ("Association de personnes handicapées", "Disability association"),
            ("Défense des droits des personnes handicapées", "Disability rights advocacy"),
        ),
        descriptions=(
            (
                "Information, entraide et activités pour les personnes ayant une déficience motrice, et accompagnement pour faire respecter leurs droits : accessibilité, transport, logement, emploi.",
                "Information, peer support and activities for people with a physical disability, and help upholding their rights: accessibility, transport, housing, jobs.",
            ),
            (
                "{org} regroupe les personnes handicapées de {lieu} et milite pour une ville plus accessible.",
                "{org} brings together people with disabilities in {lieu} and campaigns for a more accessible community.",
            ),
        ),
        eligibility=(
            (
                "Personnes handicapées et leurs proches",
                "People with disabilities and their families",
            ),
        ),
        application=(CALL_FOR_APPOINTMENT, WALK_IN),
        fees={"free": 0.6, "fixed": 0.4},
        schedules=("office",),
        ages=("adults", "all"),
        keywords_fr=("handicap", "fauteuil roulant", "accessibilité", "déficience motrice"),
        keywords_en=("disability", "wheelchair", "accessibility"),
        weight=0.6,
    ),
    _service(
        "sensory_disability_support",
        ("disability.sensory", "legal.interpretation"),
        names=(
            (
                "Services aux personnes sourdes et malentendantes",
                "Services for Deaf and hard of hearing people",
            ),
            (
                "Services aux personnes aveugles ou malvoyantes",
                "Services for blind and low-vision people",
            ),
        ),
        descriptions=(
            (
                "Interprétation en LSQ, aide aux démarches et activités sociales pour les personnes sourdes, malentendantes ou sourdes-aveugles.",
                "LSQ interpretation, help with paperwork and social activities for Deaf, hard of hearing or deafblind people.",
            ),
            (
                "{org} offre à {lieu} de l'entraide, des cours d'adaptation (braille, déplacements, technologies) et de l'accompagnement pour les personnes ayant une déficience visuelle.",
                "{org} offers peer support, adaptation courses (braille, orientation and mobility, technology) and accompaniment in {lieu} for people with a visual impairment.",
            ),
        ),
        eligibility=(
            (
                "Personnes sourdes, malentendantes, aveugles ou malvoyantes",
                "Deaf, hard of hearing, blind or low-vision people",
            ),
        ),
        application=(
            CALL_FOR_APPOINTMENT,
            (
                "Écrire par texto, courriel ou appel vidéo.",
                "Reach out by text, email or video call.",
            ),
        ),
        fees={"free": 0.7, "fixed": 0.3},
        schedules=("office", "appointment"),
        ages=("all",),
        keywords_fr=("LSQ", "sourd", "malentendant", "aveugle", "braille", "malvoyant"),
        keywords_en=("Deaf", "hard of hearing", "blind", "low vision", "ASL"),
        weight=0.4,
    ),
    _service(
        "disability_respite",
        ("disability.respite", "disability.leisure"),
        names=(
            ("Répit et loisirs adaptés", "Respite and adapted recreation"),
            ("Camp de jour adapté", "Adapted day camp"),
        ),
        descriptions=(
            (
                "Fins de semaine de répit, sorties et activités de loisir adaptées pour enfants et adultes handicapés, permettant aux familles de se reposer.",
                "Respite weekends, outings and adapted recreation for children and adults with disabilities, giving families a break.",
            ),
            (
                "{org} offre à {lieu} un camp de jour estival adapté avec accompagnateurs formés.",
                "{org} runs an adapted summer day camp in {lieu} with trained companions.",
            ),
        ),
        eligibility=(
            (
                "Enfants et adultes handicapés et leur famille",
                "Children and adults with disabilities and their families",
            ),
        ),
        application=(REGISTER_ONLINE, CALL_FOR_APPOINTMENT),
        documents=(HEALTH_CARD,),
        fees={"sliding": 0.5, "fixed": 0.5},
        schedules=("weekend", "seasonal_summer"),
        ages=("children", "youth", "adults"),
        keywords_fr=("répit", "camp adapté", "loisirs adaptés"),
        keywords_en=("respite", "adapted camp", "recreation"),
        weight=0.5,
    ),
    # Vie communautaire et loisirs / Community life and recreation
    _service(
        "information_referral",
        ("community.information",),
        names=(
            ("Accueil, information et référence", "Information and referral"),
            ("Aide pour trouver une ressource", "Help finding a resource"),
        ),
        descriptions=(
            (
                "Une intervenante écoute la situation, informe sur les ressources disponibles et oriente vers le bon service. Aide ponctuelle pour les appels et les démarches.",
                "A worker listens to the situation, explains available resources and refers to the right service. One-off help with calls and paperwork.",
            ),
            (
                "{org} est la porte d'entrée des ressources communautaires de {lieu}.",
                "{org} is the front door to community resources in {lieu}.",
            ),
        ),
        eligibility=(ANYONE,),
        application=(
            WALK_IN,
            (
                "Téléphoner ou écrire; réponse dans la journée.",
                "Call or write; answer the same day.",
            ),
        ),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("all",),
        keywords_fr=("référence", "renseignements", "où trouver de l'aide", "211"),
        keywords_en=("referral", "information", "where to get help", "211"),
        weight=1.2,
    ),
    _service(
        "community_centre_activities",
        ("community.centres", "community.recreation"),
        names=(
            ("Activités communautaires", "Community activities"),
            ("Loisirs à faible coût", "Low-cost recreation"),
        ),
        descriptions=(
            (
                "Cours, ateliers, activités sportives et fêtes de quartier à petit prix pour toute la famille. Des rabais sont offerts aux personnes à faible revenu.",
                "Classes, workshops, sports and neighbourhood events at low prices for the whole family. Discounts for people with low income.",
            ),
            (
                "{org} rassemble les citoyens de {lieu} autour d'activités variées et de projets qui améliorent la vie du quartier.",
                "{org} brings residents of {lieu} together around a range of activities and projects that improve neighbourhood life.",
            ),
        ),
        eligibility=(RESIDENTS_LIEU, ANYONE),
        application=(REGISTER_ONLINE, WALK_IN),
        fees={"fixed": 0.5, "sliding": 0.3, "free": 0.2},
        schedules=("evenings", "weekend", "office"),
        ages=("all",),
        keywords_fr=("loisirs", "cours", "sport", "activités familiales"),
        keywords_en=("recreation", "classes", "sports", "family activities"),
        weight=1.0,
    ),
    _service(
        "volunteer_centre",
        ("community.volunteering",),
        names=(
            ("Bénévolat", "Volunteering"),
            ("Recrutement et jumelage de bénévoles", "Volunteer recruitment and matching"),
        ),
        descriptions=(
            (
                "Le centre jumelle les personnes qui veulent donner de leur temps avec les organismes qui ont besoin d'aide, selon leurs intérêts et disponibilités.",
                "The centre matches people who want to give their time with organizations that need help, based on their interests and availability.",
            ),
            (
                "{org} recrute des bénévoles à {lieu} pour la popote roulante, l'accompagnement-transport et la clinique d'impôts.",
                "{org} recruits volunteers in {lieu} for meals on wheels, medical escorts and the tax clinic.",
            ),
        ),
        eligibility=(ANYONE,),
        application=(REGISTER_ONLINE,),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("youth", "adults", "seniors"),
        keywords_fr=("bénévole", "donner du temps", "s'impliquer"),
        keywords_en=("volunteer", "get involved"),
        weight=0.6,
    ),
    _service(
        "day_camp",
        ("community.camps",),
        names=(
            ("Camp de jour", "Day camp"),
            ("Camp de vacances à tarif réduit", "Reduced-rate summer camp"),
        ),
        descriptions=(
            (
                "Camp de jour estival pour les 5 à 12 ans, avec sorties, baignade et activités animées. Des places à tarif réduit sont réservées aux familles à faible revenu.",
                "Summer day camp for ages 5 to 12, with outings, swimming and organized activities. Reduced-rate spots are reserved for low-income families.",
            ),
            (
                "{org} envoie chaque été des enfants de {lieu} en camp de vacances, grâce à des bourses qui couvrent la majeure partie des frais.",
                "{org} sends children from {lieu} to summer camp every year, with bursaries covering most of the cost.",
            ),
        ),
        eligibility=(
            ("Enfants de 5 à 12 ans", "Children aged 5 to 12"),
            ("Familles à faible revenu", "Low-income families"),
        ),
        application=(
            (
                "S'inscrire au printemps; les places partent vite.",
                "Register in the spring; spots fill up fast.",
            ),
        ),
        documents=(CHILDREN_PROOF, PROOF_INCOME),
        fees={"sliding": 0.6, "fixed": 0.4},
        schedules=("seasonal_summer",),
        ages=("children",),
        keywords_fr=("camp d'été", "camp de jour", "vacances", "relâche"),
        keywords_en=("summer camp", "day camp"),
        weight=0.7,
    ),
    _service(
        "lgbtq_support",
        ("community.lgbtq",),
        names=(
            ("Soutien aux personnes LGBTQ+", "LGBTQ+ support"),
            ("Groupe jeunesse LGBTQ+", "LGBTQ+ youth group"),
        ),
        descriptions=(
            (
                "Écoute, groupes de discussion et accompagnement pour les personnes lesbiennes, gaies, bisexuelles, trans, non binaires et en questionnement, ainsi que pour leurs proches.",
                "Listening, discussion groups and support for lesbian, gay, bisexual, trans, non-binary and questioning people, and their loved ones.",
            ),
            (
                "{org} offre à {lieu} un espace sécuritaire où les jeunes de la diversité sexuelle et de genre peuvent être eux-mêmes, ainsi que de l'aide pour le changement de nom et de mention de sexe.",
                "{org} offers a safe space in {lieu} where sexually and gender diverse youth can be themselves, and help with legal name and gender marker changes.",
            ),
        ),
        eligibility=(
            ("Personnes LGBTQ+ et leurs proches", "LGBTQ+ people and their loved ones"),
            ("Jeunes de 14 à 25 ans", "Young people aged 14 to 25"),
        ),
        application=(WALK_IN, CALL_FOR_APPOINTMENT),
        fees={"free": 1.0},
        schedules=("evenings", "office"),
        ages=("youth", "adults"),
        keywords_fr=(
            "LGBT",
            "gai",
            "lesbienne",
            "trans",
            "non binaire",
            "coming out",
            "diversité sexuelle",
        ),
        keywords_en=("LGBT", "gay", "lesbian", "trans", "non-binary", "queer", "coming out"),
        weight=0.4,
    ),
    _service(
        "indigenous_friendship",
        ("community.indigenous",),
        names=(
            ("Services aux Autochtones en milieu urbain", "Services for urban Indigenous people"),
            ("Centre d'amitié autochtone", "Indigenous friendship centre"),
        ),
        descriptions=(
            (
                "Lieu de rassemblement et de services pour les Premières Nations, les Inuit et les Métis vivant en ville : accueil, santé, emploi, hébergement, activités culturelles.",
                "Gathering place and services for First Nations, Inuit and Métis people living in the city: welcome, health, employment, housing and cultural activities.",
            ),
            (
                "{org} accompagne les Autochtones de passage ou installés à {lieu}, dans le respect des cultures et des langues autochtones.",
                "{org} supports Indigenous people visiting or living in {lieu}, with respect for Indigenous cultures and languages.",
            ),
        ),
        eligibility=(("Premières Nations, Inuit et Métis", "First Nations, Inuit and Métis"),),
        application=(WALK_IN,),
        fees={"free": 1.0},
        schedules=("office", "evenings"),
        ages=("all",),
        keywords_fr=("Autochtones", "Premières Nations", "Inuit", "centre d'amitié"),
        keywords_en=("Indigenous", "First Nations", "Inuit", "friendship centre"),
        weight=0.3,
    ),
    _service(
        "womens_centre",
        ("community.women",),
        names=(
            ("Centre de femmes", "Women's centre"),
            ("Activités et écoute pour les femmes", "Activities and support for women"),
        ),
        descriptions=(
            (
                "Lieu d'accueil, d'écoute et d'entraide pour toutes les femmes : ateliers, cafés-rencontres, cuisine collective et accompagnement dans les démarches.",
                "Welcoming place for all women offering a listening ear and mutual help: workshops, coffee meetings, collective kitchen and help with paperwork.",
            ),
            (
                "{org} brise l'isolement des femmes de {lieu} et agit collectivement sur leurs conditions de vie.",
                "{org} breaks the isolation of women in {lieu} and works collectively to improve their living conditions.",
            ),
        ),
        eligibility=(("Toutes les femmes", "All women"),),
        application=(WALK_IN, CALL_FOR_APPOINTMENT),
        fees={"free": 0.8, "fixed": 0.2},
        schedules=("office", "evenings"),
        ages=("adults", "seniors"),
        keywords_fr=("femmes", "écoute", "isolement", "entraide"),
        keywords_en=("women", "support", "isolation"),
        weight=0.6,
    ),
    _service(
        "pet_support",
        ("community.animals",),
        names=(
            ("Banque alimentaire pour animaux", "Pet food bank"),
            ("Soins vétérinaires à faible coût", "Low-cost veterinary care"),
        ),
        descriptions=(
            (
                "Nourriture pour chats et chiens remise aux propriétaires à faible revenu pour qu'ils n'aient pas à se séparer de leur animal. Stérilisation à coût réduit.",
                "Cat and dog food for low-income pet owners so they don't have to give up their animal. Low-cost spaying and neutering.",
            ),
            (
                "{org} offre à {lieu} des cliniques vétérinaires ponctuelles pour les animaux des personnes à faible revenu ou en situation d'itinérance.",
                "{org} holds periodic veterinary clinics in {lieu} for pets of people with low income or experiencing homelessness.",
            ),
        ),
        eligibility=(LOW_INCOME_LIEU,),
        application=(WALK_IN,),
        documents=(PROOF_INCOME,),
        fees={"free": 0.6, "fixed": 0.4},
        schedules=("weekly_day",),
        ages=("all",),
        keywords_fr=("animaux", "chat", "chien", "vétérinaire", "stérilisation"),
        keywords_en=("pets", "cat", "dog", "vet"),
        weight=0.2,
    ),

    # Templates for categories that had none (bed bugs, energy bills, medication, employment
    # insurance, seniors' housing): judged queries need them answered nearby.
    _service(
        "unsanitary_housing",
        ("housing.tenant-rights.unsanitary", "housing.tenant-rights"),
        names=(
            ("Punaises de lit et logements insalubres", "Bed bugs and unsanitary housing"),
            ("Aide pour un logement insalubre", "Help with an unsanitary apartment"),
        ),
        descriptions=(
            (
                "{org} aide les locataires de {lieu} aux prises avec des punaises de lit, de la moisissure, des infiltrations d'eau ou de la vermine : lettre au propriétaire, plainte à la municipalité, recours au Tribunal administratif du logement et conseils pour préparer l'extermination.",
                "{org} helps tenants in {lieu} dealing with bed bugs, mould, water leaks or vermin: letters to the landlord, complaints to the city, cases at the Tribunal administratif du logement and advice on preparing for extermination.",
            ),
            (
                "Information et accompagnement quand le logement est insalubre ou infesté. On vous explique les obligations du propriétaire et vos recours.",
                "Information and support when your apartment is unsanitary or infested. We explain the landlord's obligations and your options.",
            ),
        ),
        eligibility=(("Locataires de {lieu}", "Tenants in {lieu}"),),
        application=(CALL_FIRST, WALK_IN),
        documents=(LEASE, LANDLORD_NOTICES),
        fees={"free": 1.0},
        schedules=("office", "office_lunch"),
        ages=("adults", "seniors"),
        keywords_fr=("punaises de lit", "moisissure", "insalubrité", "vermine", "coquerelles"),
        keywords_en=("bed bugs", "mould", "mold", "unsanitary housing", "cockroaches"),
        weight=0.6,
    ),
    _service(
        "energy_bills",
        ("housing.rent-help.utilities", "income.budget"),
        names=(
            ("Aide pour les factures d'électricité", "Help with electricity bills"),
            ("Entente de paiement avec Hydro-Québec", "Hydro-Québec payment arrangements"),
        ),
        descriptions=(
            (
                "Vous n'arrivez plus à payer votre compte d'Hydro ou de chauffage? {org} vous aide à négocier une entente de paiement, à éviter l'interruption du service et à demander les programmes d'aide pour les ménages à faible revenu.",
                "Can't pay your hydro or heating bill? {org} helps you negotiate a payment arrangement, avoid a disconnection and apply for programs for low-income households.",
            ),
            (
                "Accompagnement budgétaire pour les ménages de {lieu} qui ont des arrérages d'électricité ou de chauffage.",
                "Budget support for households in {lieu} behind on electricity or heating bills.",
            ),
        ),
        eligibility=(LOW_INCOME_LIEU,),
        application=(CALL_FOR_APPOINTMENT,),
        documents=(("Vos dernières factures d'électricité", "Your latest electricity bills"), PROOF_INCOME),
        fees={"free": 1.0},
        schedules=("office", "appointment"),
        ages=("adults", "seniors"),
        keywords_fr=("hydro", "compte d'électricité", "chauffage", "interruption de service"),
        keywords_en=("hydro bill", "electricity bill", "heating", "disconnection"),
        weight=0.6,
    ),
    _service(
        "medication_help",
        ("health.medication",),
        names=(
            ("Aide pour payer les médicaments", "Help paying for medication"),
            ("Médicaments à faible coût", "Low-cost medication"),
        ),
        descriptions=(
            (
                "{org} aide les personnes qui n'ont pas les moyens de payer leurs médicaments d'ordonnance : information sur le régime public d'assurance médicaments de la RAMQ, exemption de la franchise pour les personnes à faible revenu et dépannage ponctuel.",
                "{org} helps people who cannot afford their prescription drugs: information on the RAMQ public prescription drug insurance plan, exemption from the deductible for low-income people and one-time emergency help.",
            ),
            (
                "Vous devez choisir entre l'épicerie et vos médicaments? Une intervenante de {org} vérifie avec vous votre couverture (RAMQ ou assurance collective), les exemptions possibles et les programmes d'aide des pharmacies de {lieu}.",
                "Choosing between groceries and your medication? A worker at {org} checks your coverage with you (RAMQ or group insurance), the exemptions you may have and the pharmacy assistance programs in {lieu}.",
            ),
        ),
        eligibility=(ANYONE,),
        application=(CALL_FIRST,),
        documents=(HEALTH_CARD, ("Vos ordonnances", "Your prescriptions")),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("adults", "seniors"),
        keywords_fr=("médicaments", "pilules", "ordonnance", "assurance médicaments"),
        keywords_en=("medication", "pills", "prescription drugs", "drug insurance"),
        weight=0.6,
    ),
    _service(
        "employment_insurance_help",
        ("income.benefits.employment-insurance", "income.benefits"),
        names=(
            ("Aide pour l'assurance-emploi", "Employment insurance help"),
            ("Défense des droits des chômeurs", "Rights of unemployed workers"),
        ),
        descriptions=(
            (
                "Vous avez perdu votre emploi? {org} vous aide à faire votre demande de prestations d'assurance-emploi (chômage), à remplir vos déclarations et à contester un refus ou une exclusion.",
                "Lost your job? {org} helps you apply for employment insurance (EI) benefits, fill in your reports and appeal a refusal or disqualification.",
            ),
            (
                "Information sur l'assurance-emploi et accompagnement des travailleuses et travailleurs de {lieu} : délais de carence, prestations de maladie ou de proche aidant, révision et appel au Tribunal de la sécurité sociale.",
                "Employment insurance information and support for workers in {lieu}: waiting periods, sickness or caregiving benefits, reconsideration and appeals to the Social Security Tribunal.",
            ),
        ),
        eligibility=(("Travailleuses et travailleurs de {lieu} sans emploi", "Unemployed workers in {lieu}"),),
        application=(CALL_FOR_APPOINTMENT, WALK_IN),
        documents=(("Relevé d'emploi", "Record of employment"), ID_PHOTO),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("adults",),
        keywords_fr=("chômage", "assurance-emploi", "relevé d'emploi", "prestations"),
        keywords_en=("EI", "unemployment", "record of employment", "benefits"),
        weight=0.6,
    ),
    _service(
        "seniors_housing_info",
        ("seniors.housing", "seniors.housing.rpa", "seniors.housing.chsld"),
        names=(
            ("Résidences pour aînés et CHSLD : orientation", "Seniors' residences and long-term care: guidance"),
            ("Hébergement pour aînés", "Housing for seniors"),
        ),
        descriptions=(
            (
                "{org} aide les aînés de {lieu} et leurs proches à choisir un milieu de vie : résidences privées pour aînés (RPA) certifiées, ressources intermédiaires et demande d'hébergement en CHSLD par l'entremise du CLSC.",
                "{org} helps seniors in {lieu} and their families choose where to live: certified private seniors' residences (RPA), intermediate resources and applications for long-term care (CHSLD) through the CLSC.",
            ),
            (
                "Rester chez soi devient difficile? {org} explique les options d'hébergement pour aînés à {lieu}, les crédits d'impôt pour le maintien à domicile et les démarches auprès du CLSC pour une place en CHSLD.",
                "Living at home getting hard? {org} explains housing options for seniors in {lieu}, the home-support tax credits and the steps with the CLSC for a place in long-term care.",
            ),
        ),
        eligibility=(SENIORS_65, SENIORS_LOSS),
        application=(CALL_FIRST, REFERRAL_OR_SELF),
        documents=(HEALTH_CARD,),
        fees={"free": 1.0},
        schedules=("office",),
        ages=("seniors",),
        keywords_fr=("RPA", "CHSLD", "résidence pour aînés", "hébergement longue durée"),
        keywords_en=("seniors' residence", "retirement home", "long-term care", "nursing home"),
        weight=0.6,
    ),
)

SERVICE_TEMPLATES: dict[str, ServiceTemplate] = {t.key: t for t in _TEMPLATES}


# Temporary services opened during an emergency (cold snap, heat wave, flood, fire, outage). The
# generator attaches them to municipalities for a limited period and flags them as crisis services.
CRISIS_TEMPLATES: tuple[ServiceTemplate, ...] = (
    _service(
        "warming_centre",
        ("emergency.disaster.warming-cooling", "housing.shelter.homeless"),
        names=(
            ("Halte-chaleur", "Warming centre"),
            ("Halte-chaleur d'urgence (grand froid)", "Emergency warming centre (extreme cold)"),
        ),
        descriptions=(
            (
                "Lieu chauffé ouvert temporairement pendant la période de grand froid pour se réchauffer, boire une boisson chaude et se reposer. Aucune inscription n'est requise.",
                "Heated space opened temporarily during the extreme cold to warm up, have a hot drink and rest. No registration required.",
            ),
            (
                "Pendant l'avertissement de froid extrême, {org} ouvre une halte-chaleur à {lieu}, de jour comme de nuit. Les personnes en situation d'itinérance peuvent y dormir sur un lit de camp.",
                "During the extreme cold warning, {org} is opening a warming centre in {lieu}, day and night. People experiencing homelessness can sleep on a cot.",
            ),
        ),
        eligibility=(ANYONE,),
        application=(WALK_IN,),
        fees={"free": 1.0},
        schedules=("always", "seasonal_winter"),
        ages=("all",),
        keywords_fr=("grand froid", "se réchauffer", "halte-chaleur", "refuge"),
        keywords_en=("extreme cold", "warm up", "warming centre"),
    ),
    _service(
        "cooling_centre",
        ("emergency.disaster.warming-cooling", "health"),
        names=(
            ("Halte-fraîcheur", "Cooling centre"),
            (
                "Lieu climatisé ouvert pendant la chaleur extrême",
                "Air-conditioned space open during extreme heat",
            ),
        ),
        descriptions=(
            (
                "Pendant la vague de chaleur, des salles climatisées sont ouvertes au public avec de l'eau fraîche. Les personnes aînées, malades ou vivant seules sont invitées à venir s'y rafraîchir.",
                "During the heat wave, air-conditioned rooms are open to the public with cool water. Seniors, people who are ill or who live alone are invited to come and cool off.",
            ),
            (
                "La municipalité de {lieu} ouvre des haltes-fraîcheur et prolonge les heures des piscines et des bibliothèques jusqu'à la fin de l'avertissement de chaleur.",
                "The municipality of {lieu} is opening cooling centres and extending pool and library hours until the heat warning ends.",
            ),
        ),
        eligibility=(ANYONE, SENIORS_65),
        application=(WALK_IN,),
        fees={"free": 1.0},
        schedules=("seasonal_summer", "office"),
        ages=("all",),
        keywords_fr=("canicule", "chaleur extrême", "climatisation", "coup de chaleur"),
        keywords_en=("heat wave", "air conditioning", "heat stroke"),
    ),
    _service(
        "temporary_emergency_lodging",
        ("emergency.disaster.relief", "housing.shelter"),
        names=(
            (
                "Hébergement d'urgence temporaire pour sinistrés",
                "Temporary emergency lodging for evacuees",
            ),
            ("Centre d'hébergement d'urgence", "Emergency lodging centre"),
        ),
        descriptions=(
            (
                "Hébergement temporaire, repas et lits de camp pour les personnes évacuées de leur domicile. Les animaux de compagnie sont acceptés dans un espace réservé.",
                "Temporary lodging, meals and cots for people evacuated from their homes. Pets are accepted in a designated area.",
            ),
            (
                "À la suite de l'évacuation ordonnée par la municipalité de {lieu}, {org} accueille les sinistrés au centre communautaire. Apportez vos médicaments et vos pièces d'identité.",
                "Following the evacuation ordered by the municipality of {lieu}, {org} is receiving evacuees at the community centre. Bring your medication and ID.",
            ),
        ),
        eligibility=(("Personnes évacuées ou sinistrées", "Evacuated or affected residents"),),
        application=(
            WALK_IN,
            (
                "S'inscrire à l'accueil du centre à son arrivée.",
                "Register at the centre's front desk on arrival.",
            ),
        ),
        documents=(ID_PHOTO, ("Médicaments et ordonnances", "Medication and prescriptions")),
        fees={"free": 1.0},
        schedules=("always",),
        ages=("all",),
        keywords_fr=(
            "évacuation",
            "sinistrés",
            "hébergement temporaire",
            "inondation",
            "feu de forêt",
        ),
        keywords_en=("evacuation", "evacuees", "temporary lodging", "flood", "wildfire"),
    ),
    _service(
        "emergency_food_distribution",
        ("food.emergency-food", "emergency.disaster.relief"),
        names=(
            ("Distribution alimentaire d'urgence", "Emergency food distribution"),
            ("Repas pour les sinistrés", "Meals for affected residents"),
        ),
        descriptions=(
            (
                "Distribution exceptionnelle de denrées et de repas chauds pour les ménages touchés par la panne ou le sinistre. Aucune preuve de revenu n'est demandée.",
                "Special distribution of groceries and hot meals for households affected by the outage or disaster. No proof of income required.",
            ),
            (
                "{org} distribue des repas et de l'eau potable aux résidents de {lieu} privés d'électricité ou d'eau courante.",
                "{org} is distributing meals and drinking water to residents of {lieu} without power or running water.",
            ),
        ),
        eligibility=(
            (
                "Résidents de {lieu} touchés par le sinistre",
                "Residents of {lieu} affected by the disaster",
            ),
        ),
        application=(WALK_IN,),
        fees={"free": 1.0},
        schedules=("office", "weekend"),
        ages=("all",),
        keywords_fr=("panne", "verglas", "eau potable", "repas d'urgence"),
        keywords_en=("power outage", "ice storm", "drinking water"),
    ),
    _service(
        "disaster_info_line",
        ("emergency.disaster.info-line",),
        names=(
            ("Ligne d'information aux sinistrés", "Disaster information line"),
            ("Information sur les inondations", "Flood information line"),
        ),
        descriptions=(
            (
                "Ligne téléphonique temporaire pour savoir quelles rues sont évacuées, où se trouvent les centres d'hébergement, comment obtenir des sacs de sable et comment réintégrer son domicile.",
                "Temporary phone line to find out which streets are evacuated, where the lodging centres are, how to get sandbags and how to return home safely.",
            ),
            (
                "La municipalité de {lieu} répond aux questions des citoyens sur la crue printanière et sur le Programme général d'indemnisation et d'aide financière lors de sinistres.",
                "The municipality of {lieu} answers residents' questions about the spring flood and Québec's general disaster financial assistance program.",
            ),
        ),
        eligibility=(RESIDENTS_LIEU,),
        application=(
            (
                "Téléphoner; la ligne est ouverte tous les jours pendant la crise.",
                "Call; the line is open every day during the emergency.",
            ),
        ),
        fees={"free": 1.0},
        schedules=("always", "office"),
        ages=("all",),
        keywords_fr=(
            "inondation",
            "crue printanière",
            "sacs de sable",
            "évacuation",
            "indemnisation",
        ),
        keywords_en=("flood", "spring flooding", "sandbags", "evacuation", "compensation"),
    ),
    _service(
        "disaster_services_centre",
        ("emergency.disaster.relief", "emergency.disaster.info-line", "mental-health.counselling"),
        names=(
            ("Centre de services aux sinistrés", "Disaster assistance centre"),
            ("Guichet unique pour les sinistrés", "One-stop centre for disaster victims"),
        ),
        descriptions=(
            (
                "Guichet unique où les sinistrés rencontrent en un seul endroit la municipalité, la Croix-Rouge, le ministère de la Sécurité publique, les assureurs et des intervenants psychosociaux.",
                "One-stop centre where people affected by the disaster meet the municipality, the Red Cross, the Public Security ministry, insurers and counsellors in one place.",
            ),
            (
                "Ouvert temporairement à {lieu}, le centre aide à faire une demande d'aide financière, à remplacer ses documents et à trouver un logement temporaire.",
                "Open temporarily in {lieu}, the centre helps people apply for financial assistance, replace their documents and find temporary housing.",
            ),
        ),
        eligibility=(("Personnes et entreprises sinistrées", "Affected residents and businesses"),),
        application=(WALK_IN,),
        documents=(ID_PHOTO, PROOF_ADDRESS, ("Photos des dommages", "Photos of the damage")),
        fees={"free": 1.0},
        schedules=("office", "weekend"),
        ages=("adults",),
        keywords_fr=(
            "sinistre",
            "aide financière",
            "dommages",
            "réclamation",
            "soutien psychosocial",
        ),
        keywords_en=("disaster", "financial assistance", "damage", "claim"),
    ),
)


# Organization kinds -----------------------------------------------------------------------------

ORGANIZATION_KINDS: tuple[OrganizationKind, ...] = (
    _kind(
        "centre_entraide",
        names=(
            ("Centre d'entraide de {lieu}", "Centre d'entraide de {lieu}"),
            ("Service d'entraide {lieu}", "Service d'entraide {lieu}"),
            ("Entraide {lieu}", "Entraide {lieu}"),
        ),
        descriptions=(
            (
                "Organisme communautaire qui lutte contre la pauvreté à {lieu} par le dépannage alimentaire, le soutien aux démarches et des activités d'entraide.",
                "Community organization fighting poverty in {lieu} through emergency food, help with paperwork and mutual-aid activities.",
            ),
            (
                "Depuis plus de 30 ans, nous accueillons les personnes et les familles de {lieu} qui traversent une période difficile, dans le respect et la dignité.",
                "For over 30 years, we have welcomed individuals and families in {lieu} going through a hard time, with respect and dignity.",
            ),
        ),
        services=(
            "food_bank",
            "grocery_vouchers",
            "free_clothing",
            "holiday_baskets",
            "forms_help",
            "tax_clinic",
        "energy_bills",),
        legal_status="OBNL",
        weight=3.0,
    ),
    _kind(
        "moisson",
        names=(
            ("Moisson {lieu}", "Moisson {lieu}"),
            ("Banque alimentaire de {lieu}", "{lieu} Food Bank"),
        ),
        descriptions=(
            (
                "Banque alimentaire régionale qui récupère des denrées auprès de l'industrie et les redistribue aux organismes de {lieu} et de la région.",
                "Regional food bank that collects food from industry and redistributes it to community organizations in {lieu} and the region.",
            ),
        ),
        services=("food_bank", "holiday_baskets", "school_breakfast"),
        legal_status="OBNL",
        weight=0.6,
    ),
    _kind(
        "soupe_populaire",
        names=(
            ("Soupe populaire de {lieu}", "{lieu} Soup Kitchen"),
            ("La Table populaire de {lieu}", "La Table populaire de {lieu}"),
            ("Le Repas du passant de {lieu}", "Le Repas du passant de {lieu}"),
        ),
        descriptions=(
            (
                "Nous servons des repas chauds, gratuitement et sans jugement, aux personnes seules, à faible revenu ou en situation d'itinérance de {lieu}.",
                "We serve free hot meals, without judgment, to people in {lieu} who live alone, have low income or are experiencing homelessness.",
            ),
        ),
        services=("soup_kitchen", "community_meals", "food_bank", "homeless_day_centre"),
        legal_status="OBNL",
        weight=1.0,
    ),
    _kind(
        "cuisines_collectives",
        names=(
            ("Cuisines collectives de {lieu}", "Cuisines collectives de {lieu}"),
            (
                "Regroupement des cuisines collectives {lieu}",
                "Regroupement des cuisines collectives {lieu}",
            ),
        ),
        descriptions=(
            (
                "Organisme en sécurité alimentaire qui favorise l'autonomie par la cuisine collective, le jardinage et l'achat groupé à {lieu}.",
                "Food security organization promoting self-reliance through collective cooking, gardening and group buying in {lieu}.",
            ),
        ),
        services=(
            "collective_kitchen",
            "community_garden",
            "solidarity_grocery",
            "community_meals",
        ),
        legal_status="OBNL",
        weight=1.0,
    ),
    _kind(
        "centre_action_benevole",
        names=(
            ("Centre d'action bénévole de {lieu}", "{lieu} Volunteer Centre"),
            ("Centre d'action bénévole {lieu}", "Centre d'action bénévole {lieu}"),
        ),
        descriptions=(
            (
                "Le centre d'action bénévole de {lieu} fait la promotion du bénévolat et offre, grâce à ses bénévoles, des services de maintien à domicile aux personnes aînées.",
                "The {lieu} volunteer centre promotes volunteering and, through its volunteers, provides home support services to seniors.",
            ),
            (
                "Nous mobilisons plus de 200 bénévoles pour la popote roulante, l'accompagnement-transport, les visites d'amitié et la clinique d'impôts.",
                "We mobilize more than 200 volunteers for meals on wheels, medical escorts, friendly visits and the tax clinic.",
            ),
        ),
        services=(
            "meals_on_wheels",
            "medical_transport",
            "friendly_visits",
            "tax_clinic",
            "volunteer_centre",
            "seniors_benefits_help",
        ),
        legal_status="OBNL",
        weight=2.0,
    ),
    _kind(
        "popote_roulante",
        names=(
            ("Popote roulante de {lieu}", "{lieu} Meals on Wheels"),
            ("Les Repas à domicile de {lieu}", "Les Repas à domicile de {lieu}"),
        ),
        descriptions=(
            (
                "Nous livrons des repas chauds et nutritifs aux personnes en perte d'autonomie de {lieu} pour les aider à demeurer chez elles.",
                "We deliver hot, nutritious meals to people with reduced autonomy in {lieu} to help them stay at home.",
            ),
        ),
        services=("meals_on_wheels", "friendly_visits"),
        legal_status="OBNL",
        weight=0.8,
    ),
    _kind(
        "clsc",
        names=(("CLSC de {lieu}", "CLSC de {lieu}"), ("CLSC {lieu}", "CLSC {lieu}")),
        descriptions=(
            (
                "Installation du centre intégré de santé et de services sociaux offrant des services de santé et des services sociaux de proximité à la population de {lieu}.",
                "Facility of the integrated health and social services centre providing local health and social services to the population of {lieu}.",
            ),
        ),
        services=(
            "clsc_services",
            "home_care",
            "vaccination",
            "perinatal_followup",
            "sexual_health_clinic",
            "psychosocial_counselling",
        "seniors_housing_info",),
        legal_status="Organisme public",
        weight=1.5,
    ),
    _kind(
        "gmf",
        names=(
            ("Clinique médicale {lieu}", "{lieu} Medical Clinic"),
            ("GMF de {lieu}", "GMF de {lieu}"),
            ("Polyclinique de {lieu}", "{lieu} Polyclinic"),
        ),
        descriptions=(
            (
                "Groupe de médecine de famille offrant le suivi de patients inscrits et des consultations sans rendez-vous à {lieu}.",
                "Family medicine group providing follow-up for registered patients and walk-in consultations in {lieu}.",
            ),
        ),
        services=("walk_in_clinic", "vaccination"),
        legal_status="Entreprise privée",
        weight=1.0,
    ),
    _kind(
        "clinique_solidaire",
        names=(
            ("Clinique de santé solidaire de {lieu}", "{lieu} Community Health Clinic"),
            ("Clinique communautaire de {lieu}", "{lieu} Community Clinic"),
        ),
        descriptions=(
            (
                "Clinique communautaire qui offre des soins médicaux et dentaires accessibles aux personnes à faible revenu ou sans couverture médicale de {lieu}.",
                "Community clinic offering accessible medical and dental care to low-income or uninsured people in {lieu}.",
            ),
        ),
        services=("clinic_uninsured", "dental_clinic", "sexual_health_clinic", "walk_in_clinic", "medication_help"),
        legal_status="OBNL",
        weight=0.5,
    ),
    _kind(
        "maison_famille",
        names=(
            ("Maison de la famille de {lieu}", "{lieu} Family Resource Centre"),
            ("Maison de la famille {lieu}", "Maison de la famille {lieu}"),
            ("Carrefour familial de {lieu}", "Carrefour familial de {lieu}"),
        ),
        descriptions=(
            (
                "Milieu de vie qui soutient les familles de {lieu} dans leur rôle parental, de la grossesse à l'adolescence.",
                "Community centre supporting families in {lieu} in their parenting role, from pregnancy to adolescence.",
            ),
            (
                "Nous offrons un lieu chaleureux où les parents se rencontrent, s'entraident et trouvent des réponses à leurs questions.",
                "We offer a warm place where parents meet, help each other and find answers to their questions.",
            ),
        ),
        services=(
            "family_centre",
            "parenting_workshops",
            "drop_in_daycare",
            "fathers_support",
            "baby_supplies",
            "perinatal_followup",
        ),
        legal_status="OBNL",
        weight=2.0,
    ),
    _kind(
        "ressource_perinatale",
        names=(
            ("Centre de ressources périnatales de {lieu}", "{lieu} Perinatal Resource Centre"),
            ("Les Relevailles de {lieu}", "Les Relevailles de {lieu}"),
        ),
        descriptions=(
            (
                "Organisme qui accompagne les futurs et nouveaux parents de {lieu} pendant la grossesse et la première année de bébé.",
                "Organization supporting expectant and new parents in {lieu} during pregnancy and the baby's first year.",
            ),
        ),
        services=("perinatal_followup", "breastfeeding_support", "baby_supplies"),
        legal_status="OBNL",
        weight=0.6,
    ),
    _kind(
        "cpe",
        names=(
            ("CPE de {lieu}", "CPE de {lieu}"),
            ("CPE Les Petits Pas de {lieu}", "CPE Les Petits Pas de {lieu}"),
            ("CPE La Ribambelle de {lieu}", "CPE La Ribambelle de {lieu}"),
        ),
        descriptions=(
            (
                "Centre de la petite enfance offrant des services de garde éducatifs aux enfants de 0 à 5 ans de {lieu}.",
                "Early childhood centre providing educational childcare to children aged 0 to 5 in {lieu}.",
            ),
        ),
        services=("cpe_daycare", "drop_in_daycare"),
        legal_status="OBNL",
        weight=1.5,
    ),
    _kind(
        "maison_jeunes",
        names=(
            ("Maison des jeunes de {lieu}", "{lieu} Youth Centre"),
            ("Maison des jeunes {lieu}", "Maison des jeunes {lieu}"),
        ),
        descriptions=(
            (
                "Association de jeunes et d'adultes qui offre aux adolescents de {lieu} un lieu de rencontre animé où ils deviennent des citoyens critiques, actifs et responsables.",
                "Association of youth and adults offering teenagers in {lieu} a supervised gathering place where they become critical, active and responsible citizens.",
            ),
        ),
        services=("youth_centre", "homework_help", "street_work"),
        legal_status="OBNL",
        weight=1.5,
    ),
    _kind(
        "carrefour_jeunesse_emploi",
        names=(
            ("Carrefour jeunesse-emploi {lieu}", "Carrefour jeunesse-emploi {lieu}"),
            ("Carrefour jeunesse-emploi de {lieu}", "{lieu} Youth Employment Centre"),
        ),
        descriptions=(
            (
                "Le carrefour jeunesse-emploi accompagne les jeunes de 16 à 35 ans de {lieu} dans leur cheminement vers l'emploi, le retour aux études ou le démarrage d'entreprise.",
                "The youth employment centre supports people aged 16 to 35 in {lieu} on their way to employment, back to school or starting a business.",
            ),
        ),
        services=("youth_employment", "job_search_help", "career_guidance", "work_integration"),
        legal_status="OBNL",
        weight=1.2,
    ),
    _kind(
        "service_emploi",
        names=(
            ("Service d'aide à l'emploi de {lieu}", "{lieu} Employment Help Centre"),
            ("Club de recherche d'emploi {lieu}", "{lieu} Job Search Club"),
            ("Accès-Emploi {lieu}", "Accès-Emploi {lieu}"),
        ),
        descriptions=(
            (
                "Organisme spécialisé en employabilité qui aide les chercheurs d'emploi de {lieu} à intégrer un emploi qui leur convient.",
                "Employment organization helping job seekers in {lieu} find a job that suits them.",
            ),
        ),
        services=(
            "job_search_help",
            "career_guidance",
            "newcomer_employment",
            "disability_employment",
        ),
        legal_status="OBNL",
        weight=1.2,
    ),
    _kind(
        "entreprise_insertion",
        names=(
            ("Les Ateliers de {lieu}", "Les Ateliers de {lieu}"),
            ("Ressourcerie de {lieu}", "{lieu} Reuse Centre"),
            ("Recyc-Action {lieu}", "Recyc-Action {lieu}"),
        ),
        descriptions=(
            (
                "Entreprise d'économie sociale qui donne une deuxième vie aux objets et une deuxième chance aux personnes, par des parcours d'insertion rémunérés à {lieu}.",
                "Social economy enterprise giving objects a second life and people a second chance, through paid work-integration programs in {lieu}.",
            ),
        ),
        services=("work_integration", "furniture_bank", "thrift_store"),
        legal_status="OBNL",
        weight=0.8,
    ),
    _kind(
        "friperie",
        names=(
            ("Friperie {lieu}", "Friperie {lieu}"),
            ("Le Grenier de {lieu}", "Le Grenier de {lieu}"),
            ("Comptoir familial de {lieu}", "Comptoir familial de {lieu}"),
        ),
        descriptions=(
            (
                "Comptoir familial qui vend à petit prix des vêtements et articles de maison usagés et soutient les familles de {lieu}.",
                "Family thrift shop selling used clothing and housewares at low prices and supporting families in {lieu}.",
            ),
        ),
        services=("thrift_store", "free_clothing", "furniture_bank"),
        legal_status="OBNL",
        weight=1.2,
    ),
    _kind(
        "accueil_immigrants",
        names=(
            (
                "Service d'accueil des nouveaux arrivants de {lieu}",
                "{lieu} Newcomer Welcome Service",
            ),
            ("Carrefour d'intégration de {lieu}", "Carrefour d'intégration de {lieu}"),
            ("Centre multiethnique de {lieu}", "{lieu} Multi-Ethnic Centre"),
        ),
        descriptions=(
            (
                "Organisme qui accueille et accompagne les personnes immigrantes de {lieu} dans leur installation, leur francisation et leur intégration en emploi.",
                "Organization welcoming and supporting immigrants in {lieu} with settlement, French learning and finding work.",
            ),
            (
                "Nous aidons les familles nouvellement arrivées à bâtir leur vie à {lieu} et rapprochons les personnes de toutes origines.",
                "We help newly arrived families build their lives in {lieu} and bring people of all backgrounds together.",
            ),
        ),
        services=(
            "settlement",
            "francisation_part_time",
            "french_conversation",
            "intercultural_matching",
            "newcomer_employment",
            "immigration_status_help",
        ),
        legal_status="OBNL",
        weight=1.2,
    ),
    _kind(
        "aide_refugies",
        names=(
            ("Comité d'aide aux réfugiés de {lieu}", "{lieu} Refugee Aid Committee"),
            ("Maison d'accueil pour réfugiés de {lieu}", "{lieu} Refugee Welcome House"),
        ),
        descriptions=(
            (
                "Organisme qui accueille les demandeurs d'asile et les personnes réfugiées à {lieu} et défend leurs droits.",
                "Organization that welcomes asylum seekers and refugees in {lieu} and defends their rights.",
            ),
        ),
        services=("refugee_support", "immigration_status_help", "interpretation", "free_clothing"),
        legal_status="OBNL",
        weight=0.4,
    ),
    _kind(
        "centre_education_adultes",
        names=(
            ("Centre d'éducation des adultes de {lieu}", "{lieu} Adult Education Centre"),
            (
                "Centre de formation générale des adultes de {lieu}",
                "{lieu} Adult General Education Centre",
            ),
        ),
        descriptions=(
            (
                "Établissement du centre de services scolaire qui offre la formation générale des adultes et la francisation à {lieu}.",
                "School service centre facility offering adult general education and French courses in {lieu}.",
            ),
        ),
        services=("adult_education", "francisation_full_time", "literacy", "career_guidance"),
        legal_status="Organisme public",
        weight=0.8,
    ),
    _kind(
        "alphabetisation",
        names=(
            ("Centre d'alphabétisation de {lieu}", "{lieu} Literacy Centre"),
            ("Alpha {lieu}", "Alpha {lieu}"),
        ),
        descriptions=(
            (
                "Organisme d'alphabétisation populaire qui accompagne les adultes de {lieu} dans l'apprentissage de la lecture, de l'écriture et du numérique.",
                "Community literacy organization helping adults in {lieu} learn reading, writing and digital skills.",
            ),
        ),
        services=("literacy", "digital_literacy", "french_conversation", "forms_help"),
        legal_status="OBNL",
        weight=0.7,
    ),
    _kind(
        "bibliotheque",
        names=(
            ("Bibliothèque municipale de {lieu}", "{lieu} Public Library"),
            ("Bibliothèque de {lieu}", "{lieu} Library"),
        ),
        descriptions=(
            (
                "Bibliothèque publique gratuite qui offre à la population de {lieu} des collections, des postes informatiques et des ateliers pour tous les âges.",
                "Free public library offering the people of {lieu} collections, public computers and workshops for all ages.",
            ),
        ),
        services=("digital_literacy", "french_conversation", "homework_help"),
        legal_status="Organisme municipal",
        weight=0.8,
    ),
    _kind(
        "aide_juridique",
        names=(("Bureau d'aide juridique de {lieu}", "{lieu} Legal Aid Office"),),
        descriptions=(
            (
                "Bureau du réseau de l'aide juridique qui offre des services d'avocats aux personnes financièrement admissibles de {lieu}.",
                "Office of the legal aid network providing lawyers to financially eligible people in {lieu}.",
            ),
        ),
        services=("legal_aid", "legal_information"),
        legal_status="Organisme public",
        weight=0.5,
    ),
    _kind(
        "clinique_juridique",
        names=(
            ("Clinique juridique de {lieu}", "{lieu} Legal Clinic"),
            ("Centre de justice de proximité de {lieu}", "{lieu} Community Justice Centre"),
        ),
        descriptions=(
            (
                "Organisme qui offre de l'information juridique gratuite et confidentielle aux citoyens de {lieu} pour favoriser l'accès à la justice.",
                "Organization offering free, confidential legal information to residents of {lieu} to improve access to justice.",
            ),
        ),
        services=("legal_information", "family_mediation", "consumer_help", "welfare_rights"),
        legal_status="OBNL",
        weight=0.5,
    ),
    _kind(
        "acef",
        names=(
            ("ACEF de {lieu}", "ACEF de {lieu}"),
            (
                "Association coopérative d'économie familiale de {lieu}",
                "Association coopérative d'économie familiale de {lieu}",
            ),
        ),
        descriptions=(
            (
                "Organisme de défense des droits des consommateurs qui offre à {lieu} de la consultation budgétaire, de l'éducation financière et de l'aide en cas d'endettement.",
                "Consumer rights organization offering budget counselling, financial education and debt help in {lieu}.",
            ),
        ),
        services=("budget_counselling", "consumer_help", "emergency_loan", "tax_clinic", "energy_bills"),
        legal_status="OBNL",
        weight=0.5,
    ),
    _kind(
        "comite_logement",
        names=(
            ("Comité logement de {lieu}", "{lieu} Housing Committee"),
            ("Association des locataires de {lieu}", "{lieu} Tenants' Association"),
        ),
        descriptions=(
            (
                "Organisme de défense des droits des locataires qui informe, accompagne et mobilise les locataires de {lieu} et milite pour le logement social.",
                "Tenants' rights organization that informs, supports and mobilizes tenants in {lieu} and campaigns for social housing.",
            ),
        ),
        services=("tenant_rights", "eviction_prevention", "housing_search", "housing_coop", "unsanitary_housing"),
        legal_status="OBNL",
        weight=0.8,
    ),
    _kind(
        "office_habitation",
        names=(
            ("Office municipal d'habitation de {lieu}", "{lieu} Municipal Housing Office"),
            ("Office d'habitation de {lieu}", "{lieu} Housing Office"),
        ),
        descriptions=(
            (
                "Organisme public qui gère les logements sociaux (HLM) et les programmes de supplément au loyer sur le territoire de {lieu}.",
                "Public body managing social housing (HLM) and rent supplement programs in {lieu}.",
            ),
        ),
        services=("social_housing_hlm", "housing_search"),
        legal_status="Organisme public",
        weight=0.7,
    ),
    _kind(
        "habitation_communautaire",
        names=(
            ("Habitations communautaires de {lieu}", "{lieu} Community Housing"),
            ("Coopérative d'habitation de {lieu}", "{lieu} Housing Co-op"),
        ),
        descriptions=(
            (
                "Organisme d'habitation qui offre des logements abordables et un soutien communautaire aux locataires de {lieu}.",
                "Housing organization offering affordable homes and community support to tenants in {lieu}.",
            ),
        ),
        services=("housing_coop", "supportive_housing"),
        legal_status="Coopérative",
        weight=0.6,
    ),
    _kind(
        "refuge_itinerance",
        names=(
            ("Mission {lieu}", "{lieu} Mission"),
            ("Maison du partage de {lieu}", "Maison du partage de {lieu}"),
            ("Refuge de {lieu}", "{lieu} Shelter"),
        ),
        descriptions=(
            (
                "Refuge qui offre un toit, des repas et de l'accompagnement aux personnes en situation d'itinérance de {lieu}, 365 jours par année.",
                "Shelter providing a roof, meals and support to people experiencing homelessness in {lieu}, 365 days a year.",
            ),
        ),
        services=(
            "homeless_shelter",
            "homeless_day_centre",
            "soup_kitchen",
            "transitional_housing",
            "supportive_housing",
        ),
        legal_status="OBNL",
        weight=0.6,
    ),
    _kind(
        "hebergement_jeunesse",
        names=(
            ("Auberge jeunesse communautaire de {lieu}", "{lieu} Youth Shelter"),
            ("Maison d'hébergement jeunesse de {lieu}", "{lieu} Youth Housing"),
        ),
        descriptions=(
            (
                "Ressource d'hébergement communautaire pour les jeunes en difficulté de {lieu}, qui les accompagne vers l'autonomie.",
                "Community shelter for young people in difficulty in {lieu}, helping them toward independence.",
            ),
        ),
        services=("youth_shelter", "street_work", "transitional_housing"),
        legal_status="OBNL",
        weight=0.4,
    ),
    _kind(
        "maison_hebergement_femmes",
        names=(
            ("Maison d'hébergement pour femmes de {lieu}", "{lieu} Women's Shelter"),
            ("L'Éclaircie de {lieu}", "L'Éclaircie de {lieu}"),
            ("Maison Le Havre de {lieu}", "Maison Le Havre de {lieu}"),
        ),
        descriptions=(
            (
                "Maison d'aide et d'hébergement pour les femmes victimes de violence conjugale et leurs enfants de {lieu} et de la région.",
                "Shelter and support centre for women experiencing intimate partner violence, and their children, from {lieu} and the region.",
            ),
        ),
        services=(
            "domestic_violence_shelter",
            "domestic_violence_outreach",
            "second_stage_housing",
        ),
        legal_status="OBNL",
        weight=0.6,
    ),
    _kind(
        "calacs",
        names=(
            ("CALACS de {lieu}", "CALACS de {lieu}"),
            (
                "Centre d'aide et de lutte contre les agressions à caractère sexuel de {lieu}",
                "{lieu} Sexual Assault Centre",
            ),
        ),
        descriptions=(
            (
                "Centre d'aide et de lutte contre les agressions à caractère sexuel qui soutient les femmes et les adolescentes de {lieu} et fait de la prévention.",
                "Sexual assault centre supporting women and teenage girls in {lieu} and doing prevention work.",
            ),
        ),
        services=("sexual_assault_help", "crime_victims"),
        legal_status="OBNL",
        weight=0.3,
    ),
    _kind(
        "cavac",
        names=(
            ("CAVAC de {lieu}", "CAVAC de {lieu}"),
            (
                "Centre d'aide aux victimes d'actes criminels de {lieu}",
                "{lieu} Crime Victims Assistance Centre",
            ),
        ),
        descriptions=(
            (
                "Organisme qui offre aide, information et accompagnement aux victimes, aux proches et aux témoins d'actes criminels de {lieu}.",
                "Organization providing help, information and accompaniment to victims, families and witnesses of crime in {lieu}.",
            ),
        ),
        services=("crime_victims", "domestic_violence_outreach"),
        legal_status="OBNL",
        weight=0.3,
    ),
    _kind(
        "aide_hommes",
        names=(
            ("Centre d'aide pour hommes de {lieu}", "{lieu} Men's Resource Centre"),
            ("Option Hommes {lieu}", "Option Hommes {lieu}"),
        ),
        descriptions=(
            (
                "Organisme qui accompagne les hommes de {lieu} qui vivent des difficultés ou ont des comportements violents, pour des relations égalitaires et sans violence.",
                "Organization supporting men in {lieu} facing difficulties or using violence, toward equal, non-violent relationships.",
            ),
        ),
        services=("violent_partners_program", "psychosocial_counselling", "fathers_support"),
        legal_status="OBNL",
        weight=0.3,
    ),
    _kind(
        "prevention_suicide",
        names=(
            ("Centre de prévention du suicide de {lieu}", "{lieu} Suicide Prevention Centre"),
            ("Centre de prévention du suicide {lieu}", "Centre de prévention du suicide {lieu}"),
        ),
        descriptions=(
            (
                "Organisme qui intervient auprès des personnes suicidaires, de leurs proches et des personnes endeuillées par suicide de {lieu}, et qui forme des sentinelles.",
                "Organization helping suicidal people, their loved ones and people bereaved by suicide in {lieu}, and training suicide prevention sentinels.",
            ),
        ),
        services=("suicide_prevention", "crisis_line", "bereavement_support"),
        legal_status="OBNL",
        weight=0.3,
    ),
    _kind(
        "centre_crise",
        names=(
            ("Centre de crise de {lieu}", "{lieu} Crisis Centre"),
            ("Le Tournant de {lieu}", "Le Tournant de {lieu}"),
        ),
        descriptions=(
            (
                "Centre de crise qui offre une intervention rapide, 24 heures sur 24, aux adultes de {lieu} en détresse psychologique.",
                "Crisis centre providing rapid intervention, 24 hours a day, to adults in {lieu} in psychological distress.",
            ),
        ),
        services=("crisis_centre", "crisis_line", "psychosocial_counselling"),
        legal_status="OBNL",
        weight=0.3,
    ),
    _kind(
        "sante_mentale_communautaire",
        names=(
            ("Le Pavillon de {lieu}", "Le Pavillon de {lieu}"),
            ("Centre de jour L'Envol de {lieu}", "Centre de jour L'Envol de {lieu}"),
            (
                "Groupe d'entraide en santé mentale de {lieu}",
                "{lieu} Mental Health Peer Support Group",
            ),
        ),
        descriptions=(
            (
                "Ressource alternative en santé mentale qui offre un milieu de vie, de l'entraide et des activités aux personnes de {lieu} vivant une souffrance psychique.",
                "Alternative mental health resource offering a drop-in space, peer support and activities to people in {lieu} experiencing psychological distress.",
            ),
        ),
        services=("mental_health_drop_in", "self_help_group", "psychosocial_counselling"),
        legal_status="OBNL",
        weight=0.8,
    ),
    _kind(
        "proches_sante_mentale",
        names=(
            (
                "Association des proches en santé mentale de {lieu}",
                "{lieu} Association for Families in Mental Health",
            ),
            ("La Boussole de {lieu}", "La Boussole de {lieu}"),
        ),
        descriptions=(
            (
                "Organisme qui soutient les membres de l'entourage d'une personne atteinte d'un trouble de santé mentale à {lieu}.",
                "Organization supporting relatives and friends of a person with a mental illness in {lieu}.",
            ),
        ),
        services=("mental_health_family_support", "self_help_group"),
        legal_status="OBNL",
        weight=0.4,
    ),
    _kind(
        "droits_sante_mentale",
        names=(
            ("Droits et recours santé mentale {lieu}", "Droits et recours santé mentale {lieu}"),
            (
                "Centre d'assistance et d'accompagnement aux plaintes de {lieu}",
                "{lieu} Complaints Assistance Centre",
            ),
        ),
        descriptions=(
            (
                "Organisme régional de défense des droits qui aide les usagers de {lieu} à faire respecter leurs droits dans le réseau de la santé et des services sociaux.",
                "Regional advocacy organization helping service users in {lieu} uphold their rights in the health and social services system.",
            ),
        ),
        services=("mental_health_rights", "complaints_assistance"),
        legal_status="OBNL",
        weight=0.2,
    ),
    _kind(
        "readaptation_dependance",
        names=(
            (
                "Centre de réadaptation en dépendance de {lieu}",
                "{lieu} Addiction Rehabilitation Centre",
            ),
        ),
        descriptions=(
            (
                "Service public spécialisé du CISSS qui offre l'évaluation et le traitement des dépendances aux jeunes, aux adultes et à leur entourage de {lieu}.",
                "Specialized CISSS public service providing assessment and treatment of addiction for youth, adults and their families in {lieu}.",
            ),
        ),
        services=("addiction_outpatient", "addiction_residential", "gambling_help"),
        legal_status="Organisme public",
        weight=0.3,
    ),
    _kind(
        "maison_therapie",
        names=(
            ("Maison de thérapie {lieu}", "{lieu} Treatment House"),
            ("Pavillon du Nouveau Départ de {lieu}", "Pavillon du Nouveau Départ de {lieu}"),
        ),
        descriptions=(
            (
                "Ressource certifiée en dépendance qui offre une thérapie avec hébergement et un suivi post-cure aux adultes de {lieu} et de la région.",
                "Certified addiction facility offering residential therapy and aftercare to adults from {lieu} and the region.",
            ),
        ),
        services=("addiction_residential", "twelve_step"),
        legal_status="OBNL",
        weight=0.3,
    ),
    _kind(
        "reduction_mefaits",
        names=(
            ("Point de service en réduction des méfaits de {lieu}", "{lieu} Harm Reduction Site"),
            ("Coalition sida de {lieu}", "{lieu} AIDS Coalition"),
        ),
        descriptions=(
            (
                "Organisme communautaire de santé qui rejoint les personnes qui consomment des drogues et les personnes vivant avec le VIH à {lieu}, sans jugement.",
                "Community health organization reaching people who use drugs and people living with HIV in {lieu}, without judgment.",
            ),
        ),
        services=("harm_reduction", "hiv_support", "street_work", "sexual_health_clinic"),
        legal_status="OBNL",
        weight=0.4,
    ),
    _kind(
        "soins_palliatifs",
        names=(
            ("Maison de soins palliatifs de {lieu}", "{lieu} Hospice"),
            ("Maison Aube-Lumière de {lieu}", "Maison Aube-Lumière de {lieu}"),
        ),
        descriptions=(
            (
                "Maison de soins palliatifs qui accueille gratuitement les personnes en fin de vie de {lieu} et de la région, et accompagne leurs proches.",
                "Palliative care home welcoming people at the end of life from {lieu} and the region free of charge, and supporting their families.",
            ),
        ),
        services=("hospice", "bereavement_support"),
        legal_status="OBNL",
        weight=0.2,
    ),
    _kind(
        "association_sante",
        names=(
            ("Association du diabète de {lieu}", "{lieu} Diabetes Association"),
            (
                "Association des personnes atteintes de maladies chroniques de {lieu}",
                "{lieu} Chronic Illness Association",
            ),
        ),
        descriptions=(
            (
                "Association de patients qui informe et soutient les personnes vivant avec une maladie chronique à {lieu}.",
                "Patient association informing and supporting people living with a chronic illness in {lieu}.",
            ),
        ),
        services=("chronic_illness_support", "self_help_group"),
        legal_status="OBNL",
        weight=0.3,
    ),
    _kind(
        "proches_aidants",
        names=(
            ("Association des proches aidants de {lieu}", "{lieu} Caregivers Association"),
            ("Carrefour des proches aidants de {lieu}", "Carrefour des proches aidants de {lieu}"),
        ),
        descriptions=(
            (
                "Organisme qui soutient les proches aidants de {lieu} et leur offre écoute, formation et répit.",
                "Organization supporting caregivers in {lieu} with listening, training and respite.",
            ),
        ),
        services=("caregiver_support", "caregiver_respite", "seniors_day_centre"),
        legal_status="OBNL",
        weight=0.6,
    ),
    _kind(
        "cooperative_aide_domicile",
        names=(
            ("Coopérative de services à domicile de {lieu}", "{lieu} Home Services Co-op"),
            ("Aide à domicile {lieu}", "Aide à domicile {lieu}"),
        ),
        descriptions=(
            (
                "Entreprise d'économie sociale en aide à domicile reconnue qui offre des services d'entretien ménager et d'assistance personnelle à {lieu}.",
                "Recognized home-help social economy enterprise offering housekeeping and personal assistance in {lieu}.",
            ),
        ),
        services=("home_help", "caregiver_respite"),
        legal_status="Coopérative",
        weight=0.7,
    ),
    _kind(
        "club_aines",
        names=(
            ("Club de l'âge d'or de {lieu}", "{lieu} Golden Age Club"),
            ("Club FADOQ {lieu}", "Club FADOQ {lieu}"),
            ("Association des retraités de {lieu}", "{lieu} Retirees Association"),
        ),
        descriptions=(
            (
                "Club qui rassemble les personnes de 50 ans et plus de {lieu} autour de loisirs, de sorties et de dîners communautaires.",
                "Club bringing together people aged 50 and over in {lieu} for recreation, outings and community lunches.",
            ),
        ),
        services=("seniors_activities", "community_meals", "friendly_visits"),
        legal_status="OBNL",
        weight=1.2,
    ),
    _kind(
        "droits_aines",
        names=(
            ("AQDR {lieu}", "AQDR {lieu}"),
            (
                "Association de défense des droits des aînés de {lieu}",
                "{lieu} Seniors' Rights Association",
            ),
        ),
        descriptions=(
            (
                "Organisme de défense des droits des personnes aînées et retraitées de {lieu}, qui lutte contre la maltraitance et l'âgisme.",
                "Rights organization for seniors and retirees in {lieu}, working against abuse and ageism.",
            ),
        ),
        services=("elder_abuse", "seniors_benefits_help", "tax_clinic", "forms_help", "seniors_housing_info"),
        legal_status="OBNL",
        weight=0.4,
    ),
    _kind(
        "association_handicap",
        names=(
            (
                "Association des personnes handicapées de {lieu}",
                "{lieu} Association for People with Disabilities",
            ),
            ("Regroupement des personnes handicapées de {lieu}", "{lieu} Disability Alliance"),
        ),
        descriptions=(
            (
                "Organisme qui regroupe et défend les personnes handicapées de {lieu} et leur offre des loisirs adaptés et du répit.",
                "Organization bringing together and advocating for people with disabilities in {lieu}, offering adapted recreation and respite.",
            ),
        ),
        services=(
            "physical_disability_support",
            "disability_respite",
            "medical_equipment_loan",
            "home_adaptation",
        ),
        legal_status="OBNL",
        weight=0.6,
    ),
    _kind(
        "deficience_intellectuelle",
        names=(
            (
                "Association pour la déficience intellectuelle de {lieu}",
                "{lieu} Association for Intellectual Disability",
            ),
            ("Autisme {lieu}", "Autism {lieu}"),
        ),
        descriptions=(
            (
                "Association de parents qui soutient les personnes ayant une déficience intellectuelle ou un trouble du spectre de l'autisme de {lieu} et leur famille.",
                "Parents' association supporting people with an intellectual disability or autism in {lieu} and their families.",
            ),
        ),
        services=("intellectual_disability_support", "disability_respite", "disability_employment"),
        legal_status="OBNL",
        weight=0.5,
    ),
    _kind(
        "deficience_sensorielle",
        names=(
            ("Association des personnes sourdes de {lieu}", "{lieu} Deaf Association"),
            (
                "Regroupement des personnes aveugles et malvoyantes de {lieu}",
                "{lieu} Association of Blind and Low-Vision People",
            ),
        ),
        descriptions=(
            (
                "Organisme qui brise l'isolement des personnes ayant une déficience auditive ou visuelle à {lieu} et défend leur droit à l'information.",
                "Organization breaking the isolation of people with hearing or visual impairments in {lieu} and defending their right to information.",
            ),
        ),
        services=("sensory_disability_support", "interpretation"),
        legal_status="OBNL",
        weight=0.3,
    ),
    _kind(
        "transport_adapte",
        names=(
            ("Transport adapté et collectif de {lieu}", "{lieu} Adapted and Shared Transport"),
            ("Société de transport de {lieu}", "{lieu} Transit Corporation"),
        ),
        descriptions=(
            (
                "Organisme mandaté par la municipalité pour offrir le transport adapté et le transport collectif à {lieu} et dans les environs.",
                "Organization mandated by the municipality to provide adapted and shared transport in {lieu} and the surrounding area.",
            ),
        ),
        services=("adapted_transport", "reduced_fares"),
        legal_status="Organisme public",
        weight=0.5,
    ),
    _kind(
        "centre_communautaire",
        names=(
            ("Centre communautaire de {lieu}", "{lieu} Community Centre"),
            (
                "Centre communautaire et de loisirs de {lieu}",
                "{lieu} Community and Recreation Centre",
            ),
        ),
        descriptions=(
            (
                "Carrefour de la vie de quartier à {lieu} : activités pour tous les âges, services d'entraide et projets citoyens.",
                "Hub of neighbourhood life in {lieu}: activities for all ages, mutual-aid services and community projects.",
            ),
        ),
        services=(
            "community_centre_activities",
            "day_camp",
            "homework_help",
            "information_referral",
            "community_meals",
        ),
        legal_status="OBNL",
        weight=1.5,
    ),
    _kind(
        "service_loisirs_municipal",
        names=(
            ("Ville de {lieu} – Service des loisirs", "Town of {lieu} – Recreation Department"),
            (
                "Municipalité de {lieu} – Loisirs et vie communautaire",
                "Municipality of {lieu} – Recreation and Community Life",
            ),
        ),
        descriptions=(
            (
                "Le service municipal des loisirs offre aux citoyens de {lieu} des camps de jour, des activités sportives et culturelles et des jardins communautaires.",
                "The municipal recreation department offers residents of {lieu} day camps, sports and cultural activities and community gardens.",
            ),
        ),
        services=("day_camp", "community_centre_activities", "community_garden"),
        legal_status="Organisme municipal",
        weight=0.8,
    ),
    _kind(
        "centre_femmes",
        names=(
            ("Centre de femmes de {lieu}", "{lieu} Women's Centre"),
            ("Centre des femmes {lieu}", "Centre des femmes {lieu}"),
        ),
        descriptions=(
            (
                "Lieu d'appartenance pour les femmes de {lieu} qui offre accueil, écoute, activités éducatives et action collective.",
                "A place of belonging for women in {lieu} offering a welcome, a listening ear, educational activities and collective action.",
            ),
        ),
        services=("womens_centre", "collective_kitchen", "forms_help", "psychosocial_counselling"),
        legal_status="OBNL",
        weight=0.7,
    ),
    _kind(
        "lgbtq",
        names=(
            ("Centre communautaire LGBTQ+ de {lieu}", "{lieu} LGBTQ+ Community Centre"),
            ("Alliance arc-en-ciel de {lieu}", "{lieu} Rainbow Alliance"),
        ),
        descriptions=(
            (
                "Organisme qui soutient les personnes de la diversité sexuelle et de genre de {lieu} et lutte contre l'homophobie et la transphobie.",
                "Organization supporting sexually and gender diverse people in {lieu} and fighting homophobia and transphobia.",
            ),
        ),
        services=("lgbtq_support", "psychosocial_counselling", "sexual_health_clinic"),
        legal_status="OBNL",
        weight=0.3,
    ),
    _kind(
        "centre_amitie_autochtone",
        names=(("Centre d'amitié autochtone de {lieu}", "{lieu} Native Friendship Centre"),),
        descriptions=(
            (
                "Carrefour de services urbain, lieu d'ancrage culturel et milieu de vie pour les Autochtones de {lieu}.",
                "Urban service hub, cultural anchor and gathering place for Indigenous people in {lieu}.",
            ),
        ),
        services=("indigenous_friendship", "job_search_help", "community_meals", "homework_help"),
        legal_status="OBNL",
        weight=0.2,
    ),
    _kind(
        "services_quebec",
        names=(("Bureau de Services Québec de {lieu}", "Services Québec office – {lieu}"),),
        descriptions=(
            (
                "Bureau du gouvernement du Québec qui offre à la population de {lieu} les services d'emploi et d'aide financière de dernier recours.",
                "Québec government office providing employment services and last-resort financial assistance to the people of {lieu}.",
            ),
        ),
        services=("social_assistance_info", "job_search_help", "forms_help"),
        legal_status="Organisme public",
        weight=0.5,
    ),
    _kind(
        "justice_alternative",
        names=(
            (
                "Organisme de justice alternative de {lieu}",
                "{lieu} Alternative Justice Organization",
            ),
            ("Équijustice {lieu}", "Équijustice {lieu}"),
        ),
        descriptions=(
            (
                "Organisme qui favorise la médiation citoyenne et la justice réparatrice à {lieu}, et accompagne les jeunes contrevenants.",
                "Organization promoting community mediation and restorative justice in {lieu}, and supporting young offenders.",
            ),
        ),
        services=("community_mediation", "offender_reintegration"),
        legal_status="OBNL",
        weight=0.3,
    ),
    _kind(
        "maison_transition",
        names=(
            ("Maison de transition de {lieu}", "{lieu} Halfway House"),
            ("Maison Le Relais de {lieu}", "Maison Le Relais de {lieu}"),
        ),
        descriptions=(
            (
                "Ressource d'hébergement communautaire qui accompagne les personnes judiciarisées de {lieu} dans leur retour en société.",
                "Community residential facility supporting people involved with the justice system in {lieu} as they return to society.",
            ),
        ),
        services=("offender_reintegration", "transitional_housing"),
        legal_status="OBNL",
        weight=0.2,
    ),
    _kind(
        "croix_rouge",
        names=(("Croix-Rouge canadienne – {lieu}", "Canadian Red Cross – {lieu}"),),
        descriptions=(
            (
                "Bénévoles de la Croix-Rouge qui interviennent à {lieu} auprès des personnes sinistrées et prêtent de l'équipement médical.",
                "Red Cross volunteers who help people affected by disasters in {lieu} and lend medical equipment.",
            ),
        ),
        services=("fire_victims_help", "medical_equipment_loan"),
        legal_status="OBNL",
        weight=0.2,
    ),
    _kind(
        "ligne_ecoute",
        names=(
            ("Tel-Aide {lieu}", "Tel-Aide {lieu}"),
            ("Ligne d'écoute de {lieu}", "{lieu} Listening Line"),
        ),
        descriptions=(
            (
                "Service d'écoute anonyme et confidentiel offert par des bénévoles formés aux personnes de {lieu} qui vivent de la solitude ou de la détresse.",
                "Anonymous, confidential listening service offered by trained volunteers to people in {lieu} who are lonely or in distress.",
            ),
        ),
        services=("crisis_line", "friendly_visits"),
        legal_status="OBNL",
        weight=0.2,
    ),
    _kind(
        "animaux",
        names=(
            ("SPA de {lieu}", "{lieu} SPCA"),
            ("Refuge animalier de {lieu}", "{lieu} Animal Shelter"),
        ),
        descriptions=(
            (
                "Organisme de protection des animaux qui soutient aussi les propriétaires à faible revenu de {lieu}.",
                "Animal welfare organization that also supports low-income pet owners in {lieu}.",
            ),
        ),
        services=("pet_support", "volunteer_centre"),
        legal_status="OBNL",
        weight=0.2,
    ),
    _kind(
        "cliniques_dentaires",
        names=(("Clinique dentaire communautaire de {lieu}", "{lieu} Community Dental Clinic"),),
        descriptions=(
            (
                "Clinique qui offre des soins dentaires à coût réduit aux personnes à faible revenu de {lieu}.",
                "Clinic offering reduced-cost dental care to low-income people in {lieu}.",
            ),
        ),
        services=("dental_clinic", "clinic_uninsured"),
        legal_status="OBNL",
        weight=0.3,
    ),
    _kind(
        "ecole_primaire",
        names=(("École primaire de {lieu}", "{lieu} Elementary School"),),
        descriptions=(
            (
                "École publique du centre de services scolaire qui offre aussi des services aux familles du quartier de {lieu}.",
                "Public school of the school service centre that also offers services to families in the {lieu} neighbourhood.",
            ),
        ),
        services=("school_breakfast", "homework_help", "school_supplies"),
        legal_status="Organisme public",
        weight=0.3,
    ),
    _kind(
        "droits_travailleurs",
        names=(
            ("Centre des travailleurs et travailleuses de {lieu}", "{lieu} Workers' Centre"),
            ("Action Travail {lieu}", "Action Travail {lieu}"),
        ),
        descriptions=(
            (
                "Organisme qui informe et défend les travailleurs non syndiqués et les travailleurs étrangers temporaires de {lieu}.",
                "Organization informing and defending non-unionized workers and temporary foreign workers in {lieu}.",
            ),
        ),
        services=("workers_rights", "newcomer_employment", "legal_information", "employment_insurance_help"),
        legal_status="OBNL",
        weight=0.2,
    ),
)


# Languages in which services are offered, with their weights: relative frequencies for a service
# offered in a language besides French, shaped on Montréal's language census. Codes and names are
# directory.vocabulary.LANGUAGE_NAMES; LANGUAGES adds the names: (code, name_fr, name_en, weight).
LANGUAGE_WEIGHTS: dict[str, float] = {
    "fr": 100.0,
    "en": 45.0,
    "es": 12.0,
    "ar": 11.0,
    "ht": 6.0,
    "zh": 4.0,
    "yue": 1.5,
    "vi": 2.0,
    "pt": 2.5,
    "it": 3.0,
    "fa": 2.5,
    "ru": 2.0,
    "uk": 1.5,
    "ro": 1.5,
    "pa": 1.5,
    "ta": 1.5,
    "bn": 1.5,
    "ur": 1.5,
    "hi": 1.0,
    "tl": 1.5,
    "el": 1.0,
    "pl": 0.8,
    "de": 0.6,
    "ko": 0.6,
    "ja": 0.4,
    "tr": 0.6,
    "ku": 0.4,
    "he": 0.5,
    "yi": 0.3,
    "hy": 0.5,
    "so": 0.4,
    "ti": 0.4,
    "am": 0.4,
    "sw": 0.5,
    "rn": 0.3,
    "rw": 0.3,
    "ln": 0.4,
    "wo": 0.3,
    "ne": 0.3,
    "km": 0.3,
    "iu": 0.4,
    "cr": 0.3,
    "moe": 0.3,
    "atj": 0.2,
    "fsl": 0.8,
    "ase": 0.5,
}
LANGUAGES: tuple[tuple[str, str, str, float], ...] = tuple(
    (code, *vocabulary.LANGUAGE_NAMES[code], weight) for code, weight in LANGUAGE_WEIGHTS.items()
)

# Accessibility features of a location (directory.vocabulary.ACCESSIBILITY_FEATURES), with an
# English note for curators and the generator (how common, what it implies). ACCESSIBILITY adds the
# labels: (key, description_fr, description_en, details).
ACCESSIBILITY_DETAILS: dict[str, str] = {
    "wheelchair": (
        "Step-free entrance and accessible route to the service; the most commonly recorded "
        "feature."
    ),
    "automatic_door": "Power-operated or push-button door at the main entrance.",
    "ramp": (
        "Ramp at the entrance; implies partial step-free access when no elevator serves upper "
        "floors."
    ),
    "elevator": (
        "Elevator to every floor used by the service; only meaningful for multi-storey buildings."
    ),
    "adapted_washroom": "Washroom with turning space, grab bars and accessible sink.",
    "parking": "Reserved spaces near the entrance; common outside central Montréal.",
    "transit": "Bus stop or métro station within about 300 m; mostly urban locations.",
    "braille": "Braille and tactile signage on doors and elevators.",
    "large_print": "Forms and brochures available in large print on request.",
    "hearing_loop": (
        "Induction loop at the front desk or in the meeting room for hearing-aid users."
    ),
    "lsq_interpretation": (
        "Quebec Sign Language interpreter booked for appointments, usually with a few days' notice."
    ),
    "service_animal": "Guide and service dogs accepted everywhere in the building.",
    "quiet_space": "Low-stimulation room for people with autism, anxiety or sensory sensitivities.",
    "home_visits": "Staff can meet people at home when they cannot travel.",
    "phone_video": "The service can be received remotely, without travelling to the location.",
}
ACCESSIBILITY: tuple[tuple[str, str, str, str], ...] = tuple(
    (key, *vocabulary.ACCESSIBILITY_FEATURES[key], details)
    for key, details in ACCESSIBILITY_DETAILS.items()
)

# Streets for locations outside Montréal (Montréal locations use real addresses from open data).
STREET_NAMES: tuple[str, ...] = (
    "rue Principale",
    "rue Notre-Dame",
    "rue Saint-Jean",
    "rue Saint-Joseph",
    "rue Saint-Pierre",
    "rue Saint-Laurent",
    "rue Saint-Georges",
    "rue Saint-Louis",
    "rue Sainte-Anne",
    "rue Saint-Jacques",
    "rue Saint-Paul",
    "rue Saint-Charles",
    "rue de l'Église",
    "rue du Couvent",
    "rue du Moulin",
    "rue de la Fabrique",
    "rue du Pont",
    "rue de la Gare",
    "rue du Marché",
    "rue Racine",
    "rue King",
    "rue Wellington",
    "rue Dufferin",
    "rue Frontenac",
    "rue Laviolette",
    "rue Champlain",
    "rue Cartier",
    "rue Laurier",
    "rue Papineau",
    "rue Saint-Cyrille",
    "rue Dorchester",
    "rue Lafontaine",
    "rue Desjardins",
    "rue des Pins",
    "rue des Cèdres",
    "rue des Bouleaux",
    "rue des Merisiers",
    "rue des Lilas",
    "rue du Lac",
    "rue de la Rivière",
    "rue Bellevue",
    "rue Belvédère",
    "rue Morin",
    "rue Lévesque",
    "rue Tremblay",
    "boulevard Saint-Joseph",
    "boulevard des Forges",
    "boulevard Laurier",
    "boulevard Talbot",
    "boulevard Sainte-Anne",
    "boulevard Taschereau",
    "boulevard Laure",
    "boulevard René-Lévesque",
    "boulevard Industriel",
    "boulevard de l'Hôtel-de-Ville",
    "boulevard du Royaume",
    "boulevard Saint-Laurent",
    "boulevard Jacques-Cartier",
    "avenue des Érables",
    "avenue du Parc",
    "avenue de la Cathédrale",
    "avenue Saint-Jérôme",
    "avenue Larivière",
    "avenue des Pionniers",
    "avenue du Collège",
    "chemin du Roy",
    "chemin de la Montagne",
    "chemin Sainte-Foy",
    "chemin du Lac",
    "chemin des Patriotes",
    "rang Saint-Antoine",
    "rang du Bas-de-la-Rivière",
    "route 132",
    "route de l'Église",
    "montée Saint-François",
    "place du Marché",
    "place de l'Église",
    "côte de l'Église",
)

# How a fee kind is worded on a service page: fee kind -> (french, english) variants.
FEE_DETAILS: dict[str, tuple[tuple[str, str], ...]] = {
    "free": (
        ("Gratuit", "Free"),
        ("Gratuit; les dons sont appréciés", "Free; donations are appreciated"),
        ("Aucuns frais", "No charge"),
    ),
    "sliding": (
        ("Tarif selon le revenu", "Fee based on income"),
        ("Contribution selon la capacité de payer", "Contribution based on ability to pay"),
        (
            "Tarif réduit pour les personnes à faible revenu",
            "Reduced rate for people with low income",
        ),
    ),
    "fixed": (
        ("Contribution symbolique de 2 $", "Nominal $2 contribution"),
        ("Carte de membre annuelle de 5 $", "Annual $5 membership card"),
        ("Coût modique; renseignez-vous", "Low cost; ask for details"),
        ("3 $ par repas", "$3 per meal"),
    ),
}

# Ways a neighbourhood-level service names its area, e.g. "Quartier Saint-Roch" — the generator
# may prefix a neighbourhood name with one of these (French, English).
NEIGHBOURHOOD_PREFIXES: tuple[tuple[str, str], ...] = (
    ("quartier", "neighbourhood"),
    ("secteur", "area"),
    ("arrondissement", "borough"),
    ("paroisse", "parish"),
)
