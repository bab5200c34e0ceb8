"""Documents of fiches of any size, in the format of the shipped one, for the benchmark and the tests.

Each fiche has a distinct title made of words from small vocabularies, two
appellations, activities, knowledge, a prerequisite sentence naming two other
fiches as prior roles, and three related jobs (one a name no fiche has).
"""

from __future__ import annotations

import itertools
import random

ROLES = (
    "Analyste",
    "Architecte",
    "Administrateur",
    "Chef",
    "Consultant",
    "Développeur",
    "Directeur",
    "Expert",
    "Gestionnaire",
    "Ingénieur",
    "Intégrateur",
    "Responsable",
    "Technicien",
    "Testeur",
    "Urbaniste",
    "Opérateur",
    "Coordinateur",
    "Pilote",
    "Spécialiste",
    "Superviseur",
)
DOMAINS = (
    "réseaux",
    "sécurité",
    "données",
    "systèmes",
    "logiciel",
    "cloud",
    "production",
    "support",
    "qualité",
    "intégration",
    "exploitation",
    "messagerie",
    "stockage",
    "téléphonie",
    "poste de travail",
    "infrastructure",
    "applications",
    "décisionnel",
    "web",
    "mobilité",
)
QUALIFIERS = (
    "junior",
    "senior",
    "confirmé",
    "principal",
    "régional",
    "national",
    "industriel",
    "bancaire",
    "hospitalier",
    "public",
    "maritime",
    "aéronautique",
    "ferroviaire",
    "agricole",
    "spatial",
)


def titles(count: int) -> list[str]:
    """``count`` distinct titles (at most 6,000)."""
    combos = itertools.product(QUALIFIERS, DOMAINS, ROLES)
    return [f"{role} {domain} {qualifier}" for qualifier, domain, role in itertools.islice(combos, count)]


def fiche_document(count: int, seed: int = 3) -> str:
    """A document of ``count`` fiches, each naming others as prior roles and related jobs."""
    rng = random.Random(seed)
    names = titles(count)
    parts = []
    for index, title in enumerate(names):
        others = [names[i] for i in rng.sample(range(count), min(count, 4)) if i != index][:3]
        prior = " ou ".join(name.lower() for name in others[:2])
        lines = [
            "\tFamille",
            "PRODUCTION",
            "\tSous-famille",
            "EXPLOITATION",
            f"\tIntitulé de l’emploi-type {title.upper()}",
            "\tAppellations couramment utilisées",
            f"· {title} {index}",
            f"· Référent {title.lower()}",
            "\tDescription synthétique",
            f"Il exerce le métier de {title.lower()}.",
            "\tActivités principales",
            "· Concevoir et suivre les opérations",
            f"· Piloter le domaine {index}",
            "\tSavoir-faire spécifique nécessaire",
            "· Analyser les incidents",
            "· Rédiger des procédures",
            "\tConnaissances spécifiques requises",
            "· Sécurité des réseaux",
            f"· Outil numéro {index}",
            "\tPrérequis (expérience, diplômes, certifications ou habilitations particulières)",
            f"Une expérience de deux ans à des postes comme {prior} est indispensable.",
            f"Les recrutements se font au niveau Bac+{rng.choice([2, 3, 5])}.",
            "\tEmplois-types de proximité",
            *(f"· {name}" for name in others),
            "· Astronaute de réserve",
        ]
        parts.append("\n".join(lines))
    return "\n".join(parts) + "\n"
