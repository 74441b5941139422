"""Demo data: two sites, two partner organisations, the six accounts of the README,
and about ten more trainees. Later issues add their own parts here."""

from django.db import transaction

from parcours.people.models import Organisation, Site, Trainee, User, generate_pin, suggest_username

DEMO_PASSWORD = "parcours-demo"

ACCOUNTS = [
    ("coordinator", "coordination@example.org", DEMO_PASSWORD),
    ("trainer", "formatrice@example.org", DEMO_PASSWORD),
    ("social worker, organisation A", "referente@example.org", DEMO_PASSWORD),
    ("social worker, organisation B", "referent2@example.org", DEMO_PASSWORD),
    ("trainee Amina Rakoto, referred by referente", "amina", "PIN 246810"),
    ("trainee Karim Haddad, referred by referent2", "karim", "PIN 135791"),
]

# (first name, last name, birth year, languages, housing, organisation A or B, site 0 or 1)
OTHER_TRAINEES = [
    ("Fatoumata", "Diallo", 1987, "peul, français", "CHU Les Tilleuls", "A", 0),
    ("Mihai", "Popescu", 1979, "roumain", "CHU Les Tilleuls", "A", 0),
    ("Nadia", "Benali", 1992, "arabe, français", "Résidence Bel-Air", "A", 0),
    ("Tsegaye", "Bekele", 1995, "amharique, anglais", "CHU Les Tilleuls", "A", 1),
    ("Olena", "Kovalenko", 1968, "ukrainien, russe", "Résidence Bel-Air", "A", 1),
    (
        "Jean-Baptiste",
        "Nkurunziza",
        1983,
        "kirundi, français",
        "Hôtel social Saint-Exupéry",
        "B",
        1,
    ),
    ("Ahmad", "Rahimi", 2001, "dari, pachto", "Hôtel social Saint-Exupéry", "B", 1),
    ("Mariama", "Camara", 1990, "soussou, français", "Hôtel social Saint-Exupéry", "B", 0),
    ("Gabriel", "Lefèvre", 1958, "français", "Pension de famille du Canal", "B", 1),
    ("Shirin", "Mohammadi", 1986, "persan, anglais", "Pension de famille du Canal", "B", 0),
]


def load():
    """Create the demo data unless it is already there. Returns True when created."""
    if User.objects.filter(username="coordination@example.org").exists():
        return False
    with transaction.atomic():
        sites = [
            Site.objects.create(
                name="Pôle hébergement Les Tilleuls",
                address="12 rue des Tilleuls",
                postcode="75018",
                city="Paris",
            ),
            Site.objects.create(
                name="Centre Saint-Exupéry",
                address="40 avenue Jean-Jaurès",
                postcode="93300",
                city="Aubervilliers",
            ),
        ]
        org_a = Organisation.objects.create(name="Association Horizon Solidarité")
        org_b = Organisation.objects.create(name="Habitat et Partage")

        User.objects.create_staff(
            "coordination@example.org",
            DEMO_PASSWORD,
            first_name="Nathalie",
            last_name="Girard",
            role=User.Role.COORDINATOR,
        )
        trainer = User.objects.create_staff(
            "formatrice@example.org",
            DEMO_PASSWORD,
            first_name="Sophie",
            last_name="Bernard",
            role=User.Role.TRAINER,
        )
        trainer.sites.set(sites)
        referente = User.objects.create_staff(
            "referente@example.org",
            DEMO_PASSWORD,
            first_name="Claire",
            last_name="Martin",
            role=User.Role.SOCIAL_WORKER,
            organisation=org_a,
        )
        referent2 = User.objects.create_staff(
            "referent2@example.org",
            DEMO_PASSWORD,
            first_name="Julien",
            last_name="Moreau",
            role=User.Role.SOCIAL_WORKER,
            organisation=org_b,
        )
        referrers = {"A": (referente, org_a), "B": (referent2, org_b)}

        make_trainee(
            "amina",
            "246810",
            "Amina",
            "Rakoto",
            sites[0],
            referente,
            org_a,
            birth_year=1985,
            languages="malgache, français",
            housing_facility="CHU Les Tilleuls",
            phone="+33 6 12 34 56 78",
        )
        make_trainee(
            "karim",
            "135791",
            "Karim",
            "Haddad",
            sites[1],
            referent2,
            org_b,
            birth_year=1974,
            languages="arabe, français",
            housing_facility="Hôtel social Saint-Exupéry",
        )
        for first, last, year, languages, housing, org_key, site_index in OTHER_TRAINEES:
            referrer, organisation = referrers[org_key]
            make_trainee(
                suggest_username(first),
                generate_pin(),
                first,
                last,
                sites[site_index],
                referrer,
                organisation,
                birth_year=year,
                languages=languages,
                housing_facility=housing,
            )
    return True


def make_trainee(username, pin, first_name, last_name, site, referrer, organisation, **fields):
    user = User.objects.create_user(username, pin, role=User.Role.TRAINEE)
    return Trainee.objects.create(
        user=user,
        first_name=first_name,
        last_name=last_name,
        site=site,
        referrer=referrer,
        organisation=organisation,
        **fields,
    )
