"""docs/privacy/ stays true to the code: programmes' DPOs sign what these documents say.

The registre's tables read here follow a `<!-- test: name -->` comment and are found by
their column names, so that prose around them can change freely:
- `inventaire`: every concrete model of the parcours apps, as `app_label.ModelName`;
- `durees`: every retention default, equal to what parcours/settings.py (or the code, for
  constants) says when no environment variable is set;
- `destinataires`: one row per role of people.User.Role.
"""

import ast
import datetime
import importlib
import re
from pathlib import Path

from django.apps import apps

from parcours.people.models import User

ROOT = Path(__file__).resolve().parent.parent
REGISTRE = ROOT / "docs" / "privacy" / "registre.md"
SETTINGS = ROOT / "parcours" / "settings.py"

SECONDS_PER = {"secondes": 1, "minutes": 60, "heures": 3600, "jours": 86400}


def marked_table(name):
    """The rows of the Markdown table after `<!-- test: name -->`, as {column: cell}."""
    lines = REGISTRE.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"<!-- test: {name} -->") + 1
    table = []
    for line in lines[start:]:
        if not line.startswith("|"):
            if table:
                break
            continue
        table.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    header, _separator, *rows = table
    for cells in rows:
        assert len(cells) == len(header), f"table {name}: wrong number of cells in {cells}"
    return [dict(zip(header, cells, strict=True)) for cells in rows]


def codes(cell):
    """What a cell writes as code: `people.User` -> ["people.User"]."""
    return re.findall(r"`([^`]+)`", cell)


def parcours_models():
    return {
        model._meta.label
        for config in apps.get_app_configs()
        if config.name.startswith("parcours.")
        for model in config.get_models()
        if not model._meta.proxy
    }


def inventoried():
    return {label for row in marked_table("inventaire") for label in codes(row["Modèle"])}


def test_every_model_of_the_parcours_apps_is_in_the_inventory():
    missing = sorted(parcours_models() - inventoried())
    assert not missing, (
        f"Describe these models in docs/privacy/registre.md's inventory "
        f"(who they concern, what they hold, free texts, fiches): {missing}"
    )


def test_every_model_of_the_inventory_exists():
    unknown = []
    for label in inventoried():
        try:
            apps.get_model(label)
        except (LookupError, ValueError):
            unknown.append(label)
    assert not unknown, f"The registre's inventory names models that do not exist: {unknown}"


def test_the_inventory_cites_existing_fiches_and_every_fiche_is_cited():
    text = REGISTRE.read_text(encoding="utf-8")
    fiches = set(re.findall(r"^## (T\d+) — ", text, flags=re.MULTILINE))
    assert len(fiches) >= 8
    cited = set()
    for row in marked_table("inventaire"):
        refs = set(re.findall(r"T\d+", row["Fiches"]))
        assert refs or row["Fiches"] == "—", f"{row['Modèle']}: name its fiches, or write —"
        assert refs <= fiches, f"{row['Modèle']} cites fiches that do not exist: {refs - fiches}"
        cited |= refs
    assert cited == fiches, f"Fiches no inventoried model belongs to: {fiches - cited}"


def test_every_role_has_its_row_among_the_recipients():
    roles = {code for row in marked_table("destinataires") for code in codes(row["Rôle"])}
    assert roles == set(User.Role.values)


# --- retention ------------------------------------------------------------------------


def settings_assignments():
    """{NAME: expression} for parcours/settings.py's top-level assignments."""
    tree = ast.parse(SETTINGS.read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                found[target.id] = node.value
    return found


def default_of(node):
    """The value of a settings expression when the environment sets nothing.

    Read from the source rather than from django.conf.settings, so that a developer's
    environment cannot make the documented default look right (or wrong).
    """
    match node:
        case ast.Constant(value=value):
            return value
        case ast.BinOp(left=left, op=ast.Mult(), right=right):
            return default_of(left) * default_of(right)
        case ast.Call(func=ast.Name(id="int"), args=[argument]):
            return int(default_of(argument))
        case ast.Call(func=ast.Name(id="str"), args=[argument]):
            return str(default_of(argument))
        case ast.Call(func=ast.Name(id="env"), args=[_name]):
            return ""
        case ast.Call(func=ast.Name(id="env" | "env_bool"), args=[_name, default]):
            return default_of(default)
    raise AssertionError(f"cannot read a default from {ast.unparse(node)}: write it plainly")


def variable_of(node):
    """The environment variable a settings expression reads, or None."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call) and getattr(sub.func, "id", None) in {"env", "env_bool"}:
            return sub.args[0].value
    return None


def constant(path):
    """`parcours.people.models.Invitation.VALIDITY` -> its value."""
    parts = path.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            value = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            value = getattr(value, attribute)
        return value
    raise AssertionError(f"{path} is not importable")


def test_the_retention_table_states_the_defaults_of_the_code():
    assignments = settings_assignments()
    wrong = []
    for row in marked_table("durees"):
        (name,) = codes(row["Réglage"])
        stated = int(row["Valeur par défaut"])
        unit = row["Unité"]
        if "." in name:
            actual = constant(name)
            if isinstance(actual, datetime.timedelta):
                actual = actual.total_seconds() / SECONDS_PER[unit]
            variable = None
        else:
            assert name in assignments, f"{name} is not set in parcours/settings.py"
            actual = default_of(assignments[name])
            variable = variable_of(assignments[name])
        if actual != stated:
            wrong.append(f"{name}: the registre says {stated} {unit}, the code {actual}")
        documented = codes(row["Variable d'environnement"])
        if documented != ([variable] if variable else []):
            wrong.append(f"{name}: the registre names {documented}, the code reads {variable}")
    assert not wrong, "\n".join(wrong)


def test_every_retention_setting_is_in_the_retention_table():
    documented = {name for row in marked_table("durees") for name in codes(row["Réglage"])}
    retention = {name for name in settings_assignments() if re.search(r"RETENTION|TRASH", name)}
    assert retention, "no retention setting found: has parcours/settings.py moved?"
    missing = sorted(retention - documented)
    assert not missing, f"Add these settings to the registre's retention table: {missing}"
