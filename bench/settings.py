"""Production settings plus the benchmark's empty view (bench/urls.py)."""

from parcours.settings import *  # noqa: F403
from parcours.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
