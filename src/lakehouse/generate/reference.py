"""Static reference data for the synthetic source systems: markets, people, catalogue vocabulary, plans.

Kept apart from the simulation so the "what does a cosnova world look like" knowledge can be read and
tuned in one place without touching the logic that moves it through time. Everything here is immutable
configuration (tuples and read-only mappings), never state.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

BRANDS: tuple[str, ...] = ("essence", "CATRICE")
BRAND_WEIGHTS: tuple[float, ...] = (0.55, 0.45)
# SKU = brand prefix + "-" + brand digit + 5 digits, e.g. ESS-100234 / CAT-200871 (regex ^(ESS-1|CAT-2)[0-9]{5}$).
SKU_PREFIX: MappingProxyType[str, str] = MappingProxyType({"essence": "ESS-1", "CATRICE": "CAT-2"})

CHANNELS: tuple[str, ...] = ("web", "app", "retail")
CHANNEL_WEIGHTS: tuple[float, ...] = (0.55, 0.30, 0.15)

LOYALTY_TIERS: tuple[str, ...] = ("none", "silver", "gold")
LOYALTY_WEIGHTS: tuple[float, ...] = (0.70, 0.22, 0.08)

RETURN_REASONS: tuple[str, ...] = ("damaged", "wrong_item", "not_as_described", "changed_mind", "allergic_reaction")
RETURN_REASON_WEIGHTS: tuple[float, ...] = (0.20, 0.10, 0.20, 0.40, 0.10)

# ERP product lifecycle: announced ("planned") before launch_date, "active" from launch, then "discontinued".
PRODUCT_STATUSES: tuple[str, ...] = ("planned", "active", "discontinued")


@dataclass(frozen=True)
class Market:
    """A sales market: ISO-like code (UK, not GB, as the business says it), currency and local pricing.

    ``price_factor`` turns the EUR list price into the local shelf price (cosmetics are priced per market,
    not by exchange rate); ``fx_from_eur`` is the reference rate used to convert EUR-denominated amounts
    such as fixed-amount promotion discounts.
    """

    code: str
    currency: str
    price_factor: Decimal
    fx_from_eur: Decimal
    customer_weight: float


MARKETS: tuple[Market, ...] = (
    Market("DE", "EUR", Decimal("1.00"), Decimal("1"), 30),
    Market("AT", "EUR", Decimal("1.04"), Decimal("1"), 6),
    Market("CH", "CHF", Decimal("1.45"), Decimal("0.94"), 5),
    Market("FR", "EUR", Decimal("1.06"), Decimal("1"), 12),
    Market("IT", "EUR", Decimal("1.06"), Decimal("1"), 11),
    Market("ES", "EUR", Decimal("1.03"), Decimal("1"), 10),
    Market("PL", "PLN", Decimal("4.30"), Decimal("4.27"), 10),
    Market("NL", "EUR", Decimal("1.00"), Decimal("1"), 7),
    Market("UK", "GBP", Decimal("0.92"), Decimal("0.85"), 9),
)
MARKET_BY_CODE: MappingProxyType[str, Market] = MappingProxyType({m.code: m for m in MARKETS})


@dataclass(frozen=True)
class People:
    """Plausible names, cities and e-mail providers of one country, for believable customer records."""

    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    cities: tuple[str, ...]
    email_domains: tuple[str, ...]


PEOPLE: MappingProxyType[str, People] = MappingProxyType(
    {
        "DE": People(
            (
                "Anna",
                "Lena",
                "Laura",
                "Julia",
                "Sarah",
                "Lisa",
                "Hannah",
                "Leonie",
                "Marie",
                "Sophie",
                "Katharina",
                "Jana",
                "Mia",
                "Emma",
                "Johanna",
                "Lukas",
                "Jonas",
                "Felix",
            ),
            (
                "Müller",
                "Schmidt",
                "Schneider",
                "Fischer",
                "Weber",
                "Meyer",
                "Wagner",
                "Becker",
                "Schulz",
                "Hoffmann",
                "Koch",
                "Richter",
                "Klein",
                "Wolf",
                "Schröder",
                "Neumann",
                "Schwarz",
                "Zimmermann",
                "Braun",
                "Krüger",
            ),
            (
                "Berlin",
                "Hamburg",
                "München",
                "Köln",
                "Frankfurt am Main",
                "Stuttgart",
                "Düsseldorf",
                "Leipzig",
                "Dortmund",
                "Essen",
                "Bremen",
                "Dresden",
                "Hannover",
                "Nürnberg",
                "Sulzbach am Taunus",
            ),
            ("gmx.de", "web.de", "t-online.de", "gmail.com", "outlook.de"),
        ),
        "AT": People(
            (
                "Anna",
                "Sophie",
                "Lena",
                "Katharina",
                "Laura",
                "Julia",
                "Hannah",
                "Magdalena",
                "Elena",
                "Valentina",
                "Theresa",
                "Sarah",
                "Lukas",
                "Tobias",
                "Florian",
            ),
            (
                "Gruber",
                "Huber",
                "Bauer",
                "Wagner",
                "Müller",
                "Pichler",
                "Steiner",
                "Moser",
                "Mayer",
                "Hofer",
                "Leitner",
                "Berger",
                "Fuchs",
                "Eder",
                "Fischer",
            ),
            (
                "Wien",
                "Graz",
                "Linz",
                "Salzburg",
                "Innsbruck",
                "Klagenfurt",
                "Villach",
                "Wels",
                "St. Pölten",
                "Dornbirn",
            ),
            ("gmx.at", "aon.at", "gmail.com", "chello.at"),
        ),
        "CH": People(
            (
                "Mia",
                "Emma",
                "Lara",
                "Laura",
                "Lea",
                "Noemi",
                "Sara",
                "Chiara",
                "Elena",
                "Nina",
                "Selina",
                "Jana",
                "Alina",
                "Luca",
                "Noah",
            ),
            (
                "Müller",
                "Meier",
                "Schmid",
                "Keller",
                "Weber",
                "Huber",
                "Schneider",
                "Meyer",
                "Steiner",
                "Fischer",
                "Gerber",
                "Brunner",
                "Baumann",
                "Frei",
                "Zimmermann",
            ),
            (
                "Zürich",
                "Genève",
                "Basel",
                "Lausanne",
                "Bern",
                "Winterthur",
                "Luzern",
                "St. Gallen",
                "Lugano",
                "Biel/Bienne",
            ),
            ("bluewin.ch", "gmx.ch", "sunrise.ch", "gmail.com"),
        ),
        "FR": People(
            (
                "Camille",
                "Léa",
                "Manon",
                "Chloé",
                "Emma",
                "Inès",
                "Jade",
                "Louise",
                "Sarah",
                "Clara",
                "Zoé",
                "Juliette",
                "Océane",
                "Lucas",
                "Hugo",
            ),
            (
                "Martin",
                "Bernard",
                "Dubois",
                "Thomas",
                "Robert",
                "Richard",
                "Petit",
                "Durand",
                "Leroy",
                "Moreau",
                "Simon",
                "Laurent",
                "Lefèvre",
                "Michel",
                "Garcia",
            ),
            (
                "Paris",
                "Marseille",
                "Lyon",
                "Toulouse",
                "Nice",
                "Nantes",
                "Strasbourg",
                "Montpellier",
                "Bordeaux",
                "Lille",
                "Rennes",
                "Reims",
            ),
            ("orange.fr", "free.fr", "laposte.net", "gmail.com", "hotmail.fr"),
        ),
        "IT": People(
            (
                "Giulia",
                "Sofia",
                "Martina",
                "Chiara",
                "Sara",
                "Alessia",
                "Francesca",
                "Aurora",
                "Giorgia",
                "Alice",
                "Elisa",
                "Valentina",
                "Federica",
                "Marco",
                "Luca",
            ),
            (
                "Rossi",
                "Russo",
                "Ferrari",
                "Esposito",
                "Bianchi",
                "Romano",
                "Colombo",
                "Ricci",
                "Marino",
                "Greco",
                "Bruno",
                "Gallo",
                "Conti",
                "De Luca",
                "Costa",
            ),
            (
                "Roma",
                "Milano",
                "Napoli",
                "Torino",
                "Palermo",
                "Genova",
                "Bologna",
                "Firenze",
                "Bari",
                "Catania",
                "Verona",
                "Venezia",
            ),
            ("libero.it", "virgilio.it", "gmail.com", "alice.it", "hotmail.it"),
        ),
        "ES": People(
            (
                "Lucía",
                "María",
                "Paula",
                "Laura",
                "Marta",
                "Sara",
                "Carmen",
                "Ana",
                "Alba",
                "Claudia",
                "Elena",
                "Sofía",
                "Irene",
                "Daniel",
                "Pablo",
            ),
            (
                "García",
                "Fernández",
                "González",
                "Rodríguez",
                "López",
                "Martínez",
                "Sánchez",
                "Pérez",
                "Gómez",
                "Martín",
                "Jiménez",
                "Ruiz",
                "Hernández",
                "Díaz",
                "Moreno",
            ),
            (
                "Madrid",
                "Barcelona",
                "Valencia",
                "Sevilla",
                "Zaragoza",
                "Málaga",
                "Murcia",
                "Palma",
                "Bilbao",
                "Alicante",
                "Córdoba",
                "Valladolid",
            ),
            ("gmail.com", "hotmail.es", "yahoo.es", "telefonica.net"),
        ),
        "PL": People(
            (
                "Anna",
                "Zuzanna",
                "Julia",
                "Maja",
                "Zofia",
                "Hanna",
                "Aleksandra",
                "Natalia",
                "Wiktoria",
                "Katarzyna",
                "Magdalena",
                "Agnieszka",
                "Małgorzata",
                "Joanna",
                "Ewa",
            ),
            (
                "Nowak",
                "Kowalska",
                "Wiśniewska",
                "Wójcik",
                "Kowalczyk",
                "Kamińska",
                "Lewandowska",
                "Zielińska",
                "Szymańska",
                "Woźniak",
                "Dąbrowska",
                "Kozłowska",
                "Jankowska",
                "Mazur",
                "Kwiatkowska",
            ),
            (
                "Warszawa",
                "Kraków",
                "Łódź",
                "Wrocław",
                "Poznań",
                "Gdańsk",
                "Szczecin",
                "Bydgoszcz",
                "Lublin",
                "Katowice",
                "Białystok",
                "Gdynia",
            ),
            ("wp.pl", "onet.pl", "o2.pl", "interia.pl", "gmail.com"),
        ),
        "NL": People(
            (
                "Emma",
                "Julia",
                "Sophie",
                "Lotte",
                "Sanne",
                "Anouk",
                "Fleur",
                "Lisa",
                "Eva",
                "Tess",
                "Noa",
                "Iris",
                "Femke",
                "Daan",
                "Sem",
            ),
            (
                "de Jong",
                "Jansen",
                "de Vries",
                "van den Berg",
                "van Dijk",
                "Bakker",
                "Janssen",
                "Visser",
                "Smit",
                "Meijer",
                "de Boer",
                "Mulder",
                "de Groot",
                "Bos",
                "Vos",
            ),
            (
                "Amsterdam",
                "Rotterdam",
                "Den Haag",
                "Utrecht",
                "Eindhoven",
                "Groningen",
                "Tilburg",
                "Almere",
                "Breda",
                "Nijmegen",
                "Haarlem",
                "Arnhem",
            ),
            ("ziggo.nl", "kpnmail.nl", "gmail.com", "hotmail.nl", "outlook.com"),
        ),
        "UK": People(
            (
                "Olivia",
                "Amelia",
                "Isla",
                "Ava",
                "Emily",
                "Sophie",
                "Grace",
                "Chloe",
                "Jessica",
                "Lucy",
                "Charlotte",
                "Ella",
                "Megan",
                "Harry",
                "Oliver",
            ),
            (
                "Smith",
                "Jones",
                "Taylor",
                "Brown",
                "Williams",
                "Wilson",
                "Johnson",
                "Davies",
                "Robinson",
                "Wright",
                "Thompson",
                "Evans",
                "Walker",
                "White",
                "O'Brien",
            ),
            (
                "London",
                "Manchester",
                "Birmingham",
                "Leeds",
                "Glasgow",
                "Liverpool",
                "Bristol",
                "Sheffield",
                "Edinburgh",
                "Cardiff",
                "Newcastle upon Tyne",
                "Nottingham",
            ),
            ("gmail.com", "hotmail.co.uk", "btinternet.com", "yahoo.co.uk", "outlook.com"),
        ),
    }
)


@dataclass(frozen=True)
class Category:
    """A catalogue category with its subcategories, naming nouns and the EUR price band of essence.

    CATRICE is positioned above essence, so its prices are the band times ``CATRICE_PRICE_FACTOR``.
    """

    name: str
    subcategories: tuple[str, ...]
    weight: float
    price_low: Decimal
    price_high: Decimal
    shaded: bool


CATRICE_PRICE_FACTOR = Decimal("1.5")

CATEGORIES: tuple[Category, ...] = (
    Category(
        "face",
        ("foundation", "concealer", "powder", "blush", "bronzer", "highlighter", "primer"),
        0.24,
        Decimal("2.95"),
        Decimal("6.95"),
        True,
    ),
    Category(
        "eyes",
        ("mascara", "eyeliner", "eyeshadow", "eyebrow", "false lashes"),
        0.24,
        Decimal("1.95"),
        Decimal("5.45"),
        True,
    ),
    Category("lips", ("lipstick", "lip gloss", "lip liner", "lip balm"), 0.18, Decimal("1.95"), Decimal("4.95"), True),
    Category(
        "nails",
        ("nail polish", "top coat", "nail care", "press-on nails"),
        0.16,
        Decimal("1.45"),
        Decimal("3.95"),
        True,
    ),
    Category(
        "skincare", ("cleanser", "serum", "moisturiser", "face mask"), 0.10, Decimal("2.95"), Decimal("7.95"), False
    ),
    Category("accessories", ("brushes", "sponges", "sharpeners"), 0.08, Decimal("1.45"), Decimal("5.95"), False),
)

# Product lines give names their brand feel; some carry commas and quotes on purpose (CSV quoting).
PRODUCT_LINES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "essence": (
            "Lash Princess",
            "I Love Extreme",
            "Stay All Day",
            "Soft & Fresh",
            "Baby Got Blush",
            "Hello, Good Stuff!",
            "Superstar",
            "Extreme Shine",
            "Camouflage",
            "Skin Tint",
            "Cool Breeze",
            'the "no filter"',
            "Juicy Bomb",
            "Lash Like a Boss",
        ),
        "CATRICE": (
            "True Skin",
            "HD Liquid Coverage",
            "Glam & Doll",
            "Pure Shine",
            "Lash Changer",
            "Clean ID",
            "Magic Shaper",
            "Plump It Up",
            "Iconails",
            "Prime And Fine",
            "Poreless Perfection",
            "Sun Glow, Matt",
            "Soft Glam",
        ),
    }
)
SHADE_NAMES: tuple[str, ...] = (
    "Ivory",
    "Nude Beige",
    "Rosy Nude",
    "Warm Sand",
    "Caramel",
    "Mocha",
    "Berry Kiss",
    "Coral Crush",
    "Cherry",
    "Black",
    "Brown",
    "Plum",
    "Peach",
    "Rose Gold",
    "Lilac",
    "Mint",
    "Clear",
)
SIZES: tuple[str, ...] = ("15 ml", "30 ml", "50 ml", "100 ml", "1 pc", "2 pcs")

PROMO_THEMES: tuple[str, ...] = (
    "GLOW",
    "LASHES",
    "LIPLOVE",
    "NAILART",
    "SKINCARE",
    "SUMMER",
    "WINTER",
    "SPRING",
    "BEAUTY",
    "SELFCARE",
    "FRESH",
    "BROWS",
    "PARTY",
    "CLEAN",
    "BASICS",
)
PERCENT_VALUES: tuple[int, ...] = (10, 15, 20, 25, 30, 40)
AMOUNT_VALUES: tuple[Decimal, ...] = (Decimal("1.00"), Decimal("2.00"), Decimal("3.00"), Decimal("5.00"))


@dataclass(frozen=True)
class PlanTemplate:
    """A billing plan as it exists at the start of the simulation (prices in EUR, the billing currency)."""

    plan_id: str
    plan_name: str
    billing_interval: str
    price: Decimal
    weight: float


PLAN_CURRENCY = "EUR"
BILLING_INTERVALS: tuple[str, ...] = ("monthly", "yearly")
PLANS: tuple[PlanTemplate, ...] = (
    PlanTemplate("BOX-MONTHLY", "essence beauty box (monthly)", "monthly", Decimal("14.95"), 0.35),
    PlanTemplate("BOX-YEARLY", "essence beauty box (yearly)", "yearly", Decimal("149.00"), 0.10),
    PlanTemplate("INSIDER-MONTHLY", "CATRICE insider club (monthly)", "monthly", Decimal("4.99"), 0.30),
    PlanTemplate("INSIDER-YEARLY", "CATRICE insider club (yearly)", "yearly", Decimal("49.00"), 0.15),
    PlanTemplate("PRO-MONTHLY", "cosnova pro artist (monthly)", "monthly", Decimal("24.95"), 0.10),
)
