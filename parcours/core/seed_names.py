"""Word lists for `parcours seed` (parcours/core/seed.py): plausible names, places and
sentences. Invented combinations; no real person, shelter or organisation is meant."""

FIRST_NAMES = [
    "Amina", "Fatoumata", "Mariama", "Aïcha", "Nadia", "Samira", "Leïla", "Yasmine",
    "Olena", "Iryna", "Ioana", "Elena", "Shirin", "Zahra", "Mina", "Hawa", "Aminata",
    "Awa", "Khadija", "Salma", "Sophie", "Claire", "Julie", "Nathalie", "Isabelle",
    "Marie", "Chantal", "Sylvie", "Rose", "Grace", "Esther", "Tigist", "Meron", "Saba",
    "Ana", "Lucia", "Blessing", "Joy", "Mohamed", "Ahmed", "Karim", "Youssef", "Omar",
    "Ibrahim", "Moussa", "Mamadou", "Abdoulaye", "Ousmane", "Sekou", "Bakary", "Ali",
    "Hamid", "Reza", "Ahmad", "Mihai", "Andrei", "Bogdan", "Taras", "Dmytro", "Jean",
    "Pierre", "Michel", "Patrick", "Thierry", "Gabriel", "Lucas", "Jean-Baptiste",
    "Tsegaye", "Dawit", "Samuel", "Emmanuel", "Daniel", "Kofi", "Kwame", "Arjun", "Rahul",
    "Tenzin", "Wei", "Linh", "Minh",
]  # fmt: skip

LAST_NAMES = [
    "Diallo", "Traoré", "Camara", "Keita", "Coulibaly", "Konaté", "Sow", "Bah", "Barry",
    "Touré", "Cissé", "Sylla", "Haddad", "Benali", "Belkacem", "Mansouri", "Cherif",
    "Bouzid", "Rahimi", "Mohammadi", "Ahmadi", "Karimi", "Popescu", "Ionescu", "Marin",
    "Kovalenko", "Shevchenko", "Bondarenko", "Rakoto", "Randria", "Nkurunziza", "Habimana",
    "Mukamana", "Bekele", "Tesfaye", "Girma", "Mensah", "Owusu", "Okafor", "Adeyemi",
    "Nguyen", "Tran", "Pham", "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard",
    "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia",
    "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André",
    "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Singh", "Kumar",
    "Wang", "Li", "Santos", "Pereira", "Silva", "Fernandes",
]  # fmt: skip

LANGUAGES = [
    "français", "arabe, français", "peul, français", "soussou, français",
    "bambara, français", "wolof, français", "malgache, français", "roumain",
    "ukrainien, russe", "dari, pachto", "persan, anglais", "amharique, anglais", "tigrinya",
    "kirundi, français", "lingala, français", "anglais", "espagnol", "portugais",
    "tamoul, anglais", "géorgien, russe",
]  # fmt: skip

# (city, postcode): sites' addresses are places, not people.
CITIES = [
    ("Paris", "75018"), ("Paris", "75019"), ("Paris", "75020"), ("Aubervilliers", "93300"),
    ("Saint-Denis", "93200"), ("Montreuil", "93100"), ("Lyon", "69007"),
    ("Villeurbanne", "69100"), ("Marseille", "13003"), ("Marseille", "13015"),
    ("Toulouse", "31200"), ("Lille", "59000"), ("Roubaix", "59100"), ("Nantes", "44000"),
    ("Rennes", "35000"), ("Bordeaux", "33000"), ("Strasbourg", "67000"),
    ("Grenoble", "38000"), ("Montpellier", "34000"), ("Nice", "06300"), ("Rouen", "76000"),
    ("Le Havre", "76600"), ("Metz", "57000"), ("Nancy", "54000"), ("Dijon", "21000"),
    ("Besançon", "25000"), ("Clermont-Ferrand", "63000"), ("Limoges", "87000"),
    ("Poitiers", "86000"), ("Tours", "37000"), ("Orléans", "45000"), ("Angers", "49000"),
    ("Le Mans", "72000"), ("Caen", "14000"), ("Brest", "29200"), ("Amiens", "80000"),
    ("Reims", "51100"), ("Saint-Étienne", "42000"), ("Perpignan", "66000"),
    ("Avignon", "84000"),
]  # fmt: skip

STREETS = [
    "rue des Tilleuls", "avenue Jean-Jaurès", "rue Victor-Hugo", "boulevard de la Liberté",
    "rue de la République", "rue Pasteur", "allée des Cerisiers", "rue du Canal",
    "place de la Mairie", "rue Louise-Michel", "chemin des Vignes", "rue Gambetta",
]  # fmt: skip

SITE_KINDS = [
    "Pôle hébergement", "Centre d'hébergement", "Résidence", "Maison", "Espace", "Centre",
]  # fmt: skip

PLACE_NAMES = [
    "Les Tilleuls", "Saint-Exupéry", "Bel-Air", "Les Acacias", "Jules-Verne",
    "Louise-Michel", "Simone-Veil", "Les Peupliers", "Le Canal", "La Roseraie",
    "Victor-Hugo", "Les Lilas", "Jean-Jaurès", "Les Marronniers", "La Source", "Les Cèdres",
    "Condorcet", "Olympe-de-Gouges", "Aimé-Césaire", "Les Glycines", "Les Platanes",
    "La Passerelle", "L'Escale", "Le Phare", "Les Mouettes", "Colette", "Germaine-Tillion",
    "Lucie-Aubrac", "Marie-Curie", "Rosa-Parks",
]  # fmt: skip

HOUSING_KINDS = ["CHU", "Hôtel social", "Résidence sociale", "Pension de famille", "CADA", "HUDA"]

ORGANISATION_KINDS = [
    "Association", "Fondation", "Collectif", "Union", "Entraide", "Relais", "Foyer", "Habitat",
]  # fmt: skip

ORGANISATION_NAMES = [
    "Horizon Solidarité", "Partage", "Main tendue", "Accueil et Avenir", "Le Toit",
    "Passerelles", "Trait d'union", "La Boussole", "Cap Insertion", "Parenthèse", "L'Étape",
    "Escale solidaire", "Renouer", "Aurore", "Les Amis du Canal", "Abri", "Solidarités",
]  # fmt: skip

ROOM_NAMES = [
    "Salle informatique", "Espace numérique", "Salle Jules-Verne", "Salle du premier étage",
    "Salle Ada-Lovelace", "Cyber-espace",
]  # fmt: skip

COURSE_TITLES = [
    "Atelier numérique", "Premiers pas sur l'ordinateur", "E-mail et documents",
    "Démarches en ligne", "Atelier CV et emploi", "Le smartphone au quotidien",
    "Atelier numérique en français facile",
]  # fmt: skip

WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

# What was worked on in a session, and the framework's skills it trained.
NOTES = [
    ("Création de l'adresse e-mail, premier message envoyé.", ["talk.email"]),
    ("Pièce jointe : envoyer son CV.", ["talk.attachment", "files.store"]),
    (
        "Compte CAF : connexion et déclaration trimestrielle.",
        ["procedures.accounts", "procedures.admin"],
    ),
    ("Souris et clavier : exercices.", ["start.mouse_keyboard"]),
    ("Recherche d'annonces de logement.", ["web.search"]),
    ("Allumer l'ordinateur, ouvrir la session invité.", ["start.computer"]),
    ("Se connecter au wifi avec son téléphone.", ["start.connect", "start.smartphone"]),
    ("Formulaire en ligne : inscription à la médiathèque.", ["web.forms"]),
    ("Appel vidéo avec sa famille.", ["talk.video"]),
    ("Rendez-vous en préfecture pris en ligne.", ["procedures.appointment"]),
    ("Scanner un courrier avec le téléphone et le ranger.", ["files.scan", "files.store"]),
    ("Mot de passe solide, carnet de comptes.", ["safety.password"]),
    ("Repérer un faux message (arnaque au colis).", ["safety.scams"]),
    ("Lettre de motivation au traitement de texte.", ["files.write", "procedures.job"]),
    ("Imprimer une attestation.", ["files.print"]),
    ("FranceConnect : première connexion.", ["procedures.franceconnect"]),
    ("Le site de France Travail : offres et messages.", ["web.browse", "procedures.job"]),
    ("Séance libre : révision de la semaine.", []),
]

CANCEL_REASONS = [
    "Formatrice absente (malade).",
    "Salle indisponible (réunion du centre).",
    "Coupure d'internet dans le bâtiment.",
    "Grève des transports.",
]

OWN_GOALS = [
    "Écrire à ma fille par e-mail",
    "Trouver les horaires de bus",
    "Faire ma déclaration CAF seule",
    "Lire mes courriels sur mon téléphone",
    "Envoyer des photos à ma famille",
    "Prendre rendez-vous chez le médecin en ligne",
    "Chercher un logement sur internet",
    "Remplir mon dossier de demande de titre de séjour en ligne",
]

PUBLIC_TEXTS = [
    "Une stagiaire a créé son adresse e-mail et écrit à sa famille.",
    "Un stagiaire a fait son CV et l'a envoyé à trois employeurs.",
    "Une stagiaire fait maintenant ses démarches CAF seule.",
    "Un stagiaire a créé un blog sur la cuisine de sa région.",
]

REPORT_COMMENTS = [
    "Très régulière ; de plus en plus à l'aise avec la souris et le clavier.",
    "A envoyé son premier message seul·e. Prochaine étape : une pièce jointe.",
    "Séance calme ; nous avons rangé ses documents dans son casier.",
    "Motivé·e, pose beaucoup de questions. Nous continuons les démarches en ligne.",
    "Plus difficile cette semaine : fatigue. Je propose de reprendre doucement.",
    "Progrès nets sur le téléphone ; prêt·e pour FranceConnect.",
]

ANSWERS = [
    ("comment", "Merci pour ce retour, c'est encourageant."),
    ("comment", "Bien reçu. La personne m'en a parlé avec enthousiasme."),
    (
        "request",
        "Pourriez-vous voir la déclaration trimestrielle de la CAF à la prochaine séance ?",
    ),
    ("request", "Est-il possible de préparer un CV pour un entretien la semaine prochaine ?"),
]

DECLINE_REASONS = [
    "La personne cherche une formation certifiante : orientée vers le GRETA, mieux adapté.",
    "La personne a déménagé hors du secteur avant le début de l'atelier.",
    "Besoin ponctuel (une démarche) : orienté vers la permanence France Services.",
]

FOLDERS = ["Logement", "Santé", "Travail", "CAF", "Papiers d'identité", "École des enfants"]

# (name shown, kind of blob)
FILES = [
    ("Mon CV.pdf", "pdf"),
    ("Attestation d'hébergement.pdf", "pdf"),
    ("Photo de mon diplôme.jpg", "jpeg"),
    ("Avis d'imposition.pdf", "pdf"),
    ("Courrier CAF.pdf", "pdf"),
    ("Carte de transport.jpg", "jpeg"),
    ("Attestation de droits Ameli.pdf", "pdf"),
    ("Lettre de motivation.pdf", "pdf"),
    ("Bulletin de salaire.pdf", "pdf"),
    ("Photo d'identité.jpg", "jpeg"),
]

MAIL_SERVICES = ["Gmail", "Outlook", "La Poste"]
