"""Demo data: two sites, two partner organisations, the six accounts of the README,
and about ten more trainees. Later issues add their own parts here."""

import datetime

from django.db import transaction
from django.utils import timezone

from parcours.courses.models import Course, Enrolment, Weekday
from parcours.people.models import (
    ConsentEvent,
    Organisation,
    Sharing,
    Site,
    Trainee,
    User,
    generate_pin,
    suggest_username,
)
from parcours.referrals.models import Referral
from parcours.rooms.models import Room

DEMO_PASSWORD = "parcours-demo"

ACCOUNTS = [
    ("coordinator", "coordination@example.org", DEMO_PASSWORD),
    ("trainer", "formatrice@example.org", DEMO_PASSWORD),
    ("social worker, organisation A", "referente@example.org", DEMO_PASSWORD),
    ("social worker, organisation B", "referent2@example.org", DEMO_PASSWORD),
    ("trainee Amina Rakoto, referred by referente", "amina", "PIN 246810"),
    ("trainee Karim Haddad, referred by referent2", "karim", "PIN 135791"),
    ("volunteer trainer, commitment ending soon", "benevole@example.org", DEMO_PASSWORD),
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
        # Reference data comes with the migrations; make sure it is there all the same.
        from parcours.progress.framework import load_framework
        from parcours.progress.models import Domain, Milestone, Skill

        load_framework(Domain, Skill, Milestone)
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

        referente.is_organisation_contact = True
        referente.save(update_fields=["is_organisation_contact"])
        courses = make_courses(sites, trainer)

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
        enrol_everyone(courses, trainer)
        make_term(courses, trainer)
        make_progress(trainer)
        make_open_referrals(
            referente, referent2, courses, coordinator=User.objects.get(role="coordinator")
        )
        from parcours.locker import demo as locker_demo
        from parcours.reports import demo as reports_demo
        from parcours.rooms import demo as rooms_demo

        reports_demo.load()
        rooms_demo.load()
        locker_demo.load()
        from parcours.volunteers import demo as volunteers_demo

        volunteers_demo.load()
    return True


def make_courses(sites, trainer):
    tilleuls = Room.objects.create(site=sites[0], name="Salle informatique", seats=10)
    jules_verne = Room.objects.create(site=sites[1], name="Salle Jules-Verne", seats=6)
    start = timezone.localdate() - datetime.timedelta(weeks=12)
    courses = {
        "tuesday": Course.objects.create(
            title="Atelier numérique du mardi",
            room=tilleuls,
            weekday=Weekday.TUESDAY,
            start_time=datetime.time(14, 0),
            capacity=8,
            first_date=start,
        ),
        "thursday": Course.objects.create(
            title="Atelier du jeudi",
            room=jules_verne,
            weekday=Weekday.THURSDAY,
            start_time=datetime.time(10, 0),
            capacity=6,
            first_date=start,
        ),
        "friday": Course.objects.create(
            title="Atelier du vendredi matin",
            room=tilleuls,
            weekday=Weekday.FRIDAY,
            start_time=datetime.time(9, 30),
            capacity=6,
            first_date=start,
        ),
    }
    for course in courses.values():
        course.trainers.add(trainer)
    return courses


def enrol_everyone(courses, trainer):
    """Each trainee came through an accepted referral; Amina and Karim confirmed sharing."""
    coordinator = User.objects.get(role=User.Role.COORDINATOR)
    for trainee in Trainee.objects.select_related("site", "referrer"):
        course = courses["tuesday"] if trainee.site.name.startswith("Pôle") else courses["thursday"]
        start = course.first_date + datetime.timedelta(days=7 * (trainee.pk % 4))
        Enrolment.objects.create(
            course=course, trainee=trainee, start_date=start, created_by=coordinator
        )
        referral = Referral.objects.create(
            referrer=trainee.referrer,
            organisation=trainee.organisation,
            first_name=trainee.first_name,
            last_name=trainee.last_name,
            birth_year=trainee.birth_year,
            phone=trainee.phone,
            languages=trainee.languages,
            reading_level="little",
            housing_facility=trainee.housing_facility,
            needs=["email", "aide_aux_demarches_administratives"],
            consent_method="oral",
            consent_at=timezone.now() - datetime.timedelta(weeks=13),
            status=Referral.Status.ENROLLED,
            course=course,
            trainee=trainee,
            decided_by=coordinator,
            decided_at=timezone.now() - datetime.timedelta(weeks=12),
        )
        ConsentEvent.objects.create(
            kind=ConsentEvent.Kind.REFERRAL,
            method=ConsentEvent.Method.ORAL,
            referral=referral,
            trainee=trainee,
            recorded_by=trainee.referrer,
            created_at=referral.consent_at,
        )
        # Amina and Karim said yes; a few others have not signed in yet.
        if trainee.pk % 3 or trainee.user.username in {"amina", "karim"}:
            trainee.sharing = Sharing.CONFIRMED
            trainee.save(update_fields=["sharing"])
            ConsentEvent.objects.create(
                kind=ConsentEvent.Kind.CONFIRMED,
                method=ConsentEvent.Method.ONLINE,
                trainee=trainee,
                recorded_by=trainee.user,
            )


# Attendance profiles: most come regularly; some drift away; a few come and go.
PROFILES = {
    "regular": [0.92] * 20,
    "drifting": [0.9] * 7 + [0.5, 0.3, 0.2, 0.0, 0.0, 0.0] + [0.0] * 7,
    "irregular": [0.6] * 20,
}
NOTES = [
    ("Création de l'adresse e-mail, premier message envoyé.", ["talk.email"]),
    ("Pièce jointe : envoyer son CV.", ["talk.attachment", "files.store"]),
    (
        "Compte CAF : connexion et déclaration trimestrielle.",
        ["procedures.accounts", "procedures.admin"],
    ),
    ("Souris et clavier : exercices.", ["start.mouse_keyboard"]),
    ("Recherche d'annonces de logement.", ["web.search"]),
]


def make_term(courses, trainer):
    """Twelve weeks of past lessons with realistic attendance, and lessons ahead."""
    import random

    from parcours.courses import schedule
    from parcours.courses.models import Attendance, Lesson

    today = timezone.localdate()
    for course in courses.values():
        schedule.generate_lessons(course, today=today, since=course.first_date)
    # The demo trainer always has a class today, whatever the day.
    if not Lesson.objects.filter(date=today).exists():
        Lesson.objects.create(
            course=courses["tuesday"], date=today, start_time=datetime.time(14, 0), extra=True
        )
    statuses = []
    for enrolment in Enrolment.objects.select_related("trainee__user", "course"):
        trainee = enrolment.trainee
        rng = random.Random(trainee.pk)
        profile = "regular"
        if trainee.user.username in {"mihai", "ahmad"}:
            profile = "drifting"
        elif trainee.pk % 5 == 0:
            profile = "irregular"
        past = enrolment.course.lessons.filter(date__lt=today, date__gte=enrolment.start_date)
        for index, lesson in enumerate(past.order_by("date")):
            chance = PROFILES[profile][min(index, 19)]
            roll = rng.random()
            if roll < chance:
                status = (
                    Attendance.Status.LATE if roll > chance - 0.05 else Attendance.Status.PRESENT
                )
            else:
                status = (
                    Attendance.Status.EXCUSED if rng.random() < 0.3 else Attendance.Status.ABSENT
                )
            note, skills = ("", [])
            if status in {Attendance.Status.PRESENT, Attendance.Status.LATE}:
                note, skills = NOTES[(index + trainee.pk) % len(NOTES)]
            statuses.append(
                Attendance(
                    lesson=lesson,
                    trainee=trainee,
                    status=status,
                    note=note,
                    skills=skills,
                    recorded_by=trainer,
                )
            )
    Attendance.objects.bulk_create(statuses)


def make_progress(trainer):
    """Amina's path: two diagnostics, goals reached and open, two accounts; Karim's blog
    shown publicly with his consent."""
    from parcours.progress.models import AccountEntry, Answer, Diagnostic, Goal, Milestone, Skill

    today = timezone.localdate()
    amina = Trainee.objects.get(user__username="amina")
    karim = Trainee.objects.get(user__username="karim")
    skills = list(Skill.objects.all())

    def level(index, later):
        start = 1 if index % 3 == 0 else 0
        gained = index % 2 + 1 if later and index < 14 else 0  # the skills worked on in class
        return min(3, start + gained)

    for weeks_ago, later in ((11, False), (1, True)):
        moment = timezone.now() - datetime.timedelta(weeks=weeks_ago)
        diagnostic = Diagnostic.objects.create(
            trainee=amina, started_by=trainer, started_at=moment, finished_at=moment
        )
        Answer.objects.bulk_create(
            Answer(
                diagnostic=diagnostic, skill=skill, level=level(index, later), answered_at=moment
            )
            for index, skill in enumerate(skills)
        )
    milestones = {m.code: m for m in Milestone.objects.all()}
    Goal.objects.create(
        trainee=amina,
        milestone=milestones["own_email"],
        status=Goal.Status.REACHED,
        reached_on=today - datetime.timedelta(weeks=9),
        created_by=trainer,
    )
    Goal.objects.create(
        trainee=amina,
        milestone=milestones["cv"],
        status=Goal.Status.REACHED,
        reached_on=today - datetime.timedelta(weeks=3),
        created_by=trainer,
    )
    Goal.objects.create(trainee=amina, own_words="Écrire à ma fille par e-mail", created_by=trainer)
    Goal.objects.create(trainee=amina, milestone=milestones["admin_alone"], created_by=trainer)
    AccountEntry.objects.create(
        trainee=amina,
        service=AccountEntry.Service.EMAIL,
        service_name="Gmail",
        identifier="amina.rakoto85@gmail.com",
        recovery_phone="+33612345678",
        created_on=today - datetime.timedelta(weeks=9),
        created_by=trainer,
    )
    AccountEntry.objects.create(
        trainee=amina,
        service=AccountEntry.Service.CAF,
        identifier="1234567",
        recovery_email="amina.rakoto85@gmail.com",
        created_on=today - datetime.timedelta(weeks=5),
        created_by=trainer,
    )
    Goal.objects.create(
        trainee=karim,
        milestone=milestones["blog"],
        status=Goal.Status.REACHED,
        reached_on=today - datetime.timedelta(weeks=2),
        evidence_url="https://example.org/blog",
        public=True,
        public_text="Un stagiaire a créé un blog sur la cuisine de sa région.",
        created_by=trainer,
    )


# (first, last, birth year, referrer A/B, status, needs, extra)
OPEN_REFERRALS = [
    (
        "Samira",
        "Belkacem",
        1991,
        "A",
        "submitted",
        ["email", "aide_aux_demarches_administratives"],
        {
            "needs_text": "Faire ses démarches CAF seule, créer une adresse e-mail.",
            "reading_level": "little",
        },
    ),
    (
        "Fatoumata",
        "Diallo",
        1987,
        "B",
        "submitted",
        ["navigation_sur_internet"],
        {"needs_text": "Chercher un logement en ligne.", "reading_level": "none"},
    ),
    (
        "Youssouf",
        "Traoré",
        1999,
        "B",
        "submitted",
        ["insertion_professionnelle", "bureautique"],
        {"needs_text": "Faire son CV et le garder en ligne.", "reading_level": "good"},
    ),
    ("Ioana", "Marin", 1976, "A", "waiting", ["email"], {"reading_level": "little", "weeks": 3}),
    (
        "Abdoulaye",
        "Sow",
        1994,
        "B",
        "waiting",
        ["prendre_en_main_du_materiel"],
        {"reading_level": "none", "weeks": 1},
    ),
    (
        "Patrick",
        "Durand",
        1969,
        "A",
        "declined",
        ["bureautique"],
        {
            "reading_level": "good",
            "decline_reason": "Monsieur Durand cherche une formation certifiante "
            "en bureautique : nous l'avons orienté vers le GRETA, mieux adapté.",
        },
    ),
]


def make_open_referrals(referente, referent2, courses, coordinator):
    referrers = {"A": referente, "B": referent2}
    for index, (first, last, year, key, status, needs, extra) in enumerate(OPEN_REFERRALS):
        referrer = referrers[key]
        weeks = extra.pop("weeks", 0)
        referral = Referral.objects.create(
            referrer=referrer,
            organisation=referrer.organisation,
            first_name=first,
            last_name=last,
            birth_year=year,
            needs=needs,
            consent_method="written" if index % 2 else "oral",
            available_days=[Weekday.TUESDAY, Weekday.THURSDAY],
            available_times=["morning", "afternoon"],
            languages="français",
            status=status,
            **extra,
        )
        ConsentEvent.objects.create(
            kind=ConsentEvent.Kind.REFERRAL,
            method=referral.consent_method,
            referral=referral,
            recorded_by=referrer,
        )
        if status == "waiting":
            referral.course = courses["thursday"]
            referral.waiting_since = timezone.now() - datetime.timedelta(weeks=weeks)
        if status in {"waiting", "declined"}:
            referral.decided_by = coordinator
            referral.decided_at = timezone.now() - datetime.timedelta(days=2)
        referral.save()
        # Sent on different days, oldest first in the queue (auto_now_add ignores a value).
        Referral.objects.filter(pk=referral.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=20 - index * 3)
        )


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
