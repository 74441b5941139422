"""Helpers shared by the access-table rows of every app."""

ROLES = [
    "anonymous",
    "coordinator",
    "trainer",
    "other_trainer",
    "social_worker",
    "other_social_worker",
    "trainee",
    "other_trainee",
]


def row(**statuses):
    """Statuses by role; `others` fills the roles not named."""
    others = statuses.pop("others", None)
    table = {role: statuses.get(role, others) for role in ROLES}
    assert None not in table.values(), statuses
    return table
