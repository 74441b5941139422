"""Finding a person's name, phone number and e-mail address in free texts, and taking
them out.

Erasure blanks the texts that are about the person (their attendance notes, goals,
report comments…) field by field (parcours/privacy/erasure.py). Other texts may still
name them: another trainee's note ("worked in pair with Amina Rakoto"), a message to a
trainer, a report answer, a task's arguments. `sweep` looks for the person in every
free-text column of every model, so that a column added later is covered without
anyone remembering to list it here.

What is never swept: the identity columns of *other* people (a sister may share the
last name or the phone number: her record is hers), the names and labels of things (a
site, an organisation, a course or a skill may share a word with a last name: "Fondation
Abbé Pierre"), reference data and the public presentation's texts, technical columns, and
the audit journal (append-only; it holds ids, never names).
"""

import json
import re
import unicodedata

import phonenumbers
from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

# Apps and models whose rows are never rewritten: the journal, and reference or
# presentation data, where nobody writes about a person.
SKIPPED_APPS = {"audit", "privacy", "sessions", "contenttypes", "auth"}
SKIPPED_MODELS = {
    "core.PeriodicJob",
    "people.Organisation",
    "people.Site",
    "progress.Domain",
    "progress.Skill",
    "progress.Milestone",
    "rooms.Room",
    "rooms.ChecklistPoint",
    "volunteers.Block",
}
# Names and labels of things, and the task queue's own bookkeeping.
THING_FIELDS = {
    "name",
    "title",
    "label",
    "label_fr",
    "label_en",
    "easy_fr",
    "code",
    "task_path",
    "queue_name",
    "backend_name",
    "exception_class_path",
    "worker_ids",
}
# Columns naming or reaching someone (another person than the one erased, who is
# handled field by field) or holding technical values.
IDENTITY_FIELDS = {
    "first_name",
    "last_name",
    "username",
    "email",
    "phone",
    "to",
    "identifier",
    "recovery_email",
    "recovery_phone",
    "housing_facility",
    "languages",
    "language",
    "address",
    "postcode",
    "city",
    "password",
    "key",
    "secret",
    "token_hash",
    "code_hash",
    "address_hash",
    "sha256",
    "content_type",
    "url",
}
NAME_MIN_LENGTH = 3
REDACTED = "[…]"


def _plain(text):
    return unicodedata.normalize("NFC", (text or "").strip())


def _phone_pattern(raw):
    """A regex matching `raw` however it is written: +33 6 12 34 56 78, 06.12.34.56.78,
    0033612345678… (DB-side: no look-arounds; the Python side adds digit boundaries)."""
    try:
        number = phonenumbers.parse(raw, "FR")
    except phonenumbers.NumberParseException:
        number = None
    sep = r"[ .-]?"
    if number is not None and number.national_number:
        national = str(number.national_number)
        prefix = rf"(?:(?:\+|00){number.country_code}{sep}(?:\(0\))?{sep}|0)"
        return prefix + sep.join(national)
    digits = re.sub(r"\D", "", raw)
    if len(digits) < 6:
        return None
    return r"\+?" + sep.join(digits)


class Needles:
    """What identifies one person in a text: names (replaced by `label`), and phone
    numbers and e-mail addresses (replaced by REDACTED)."""

    def __init__(self, *, names=(), last_names=(), phones=(), emails=(), label):
        self.label = label
        self.names = set()
        for name in names:
            name = _plain(name)
            if len(name) >= NAME_MIN_LENGTH:
                self.names.add(name)
        for name in last_names:
            name = _plain(name)
            # A two-letter name ("Ba", "Li") is also a piece of many words: only with
            # the first name, above.
            if len(name) >= NAME_MIN_LENGTH:
                self.names.add(name)
        self.phone_patterns = {p for p in (_phone_pattern(_plain(x)) for x in phones if x) if p}
        self.emails = {_plain(x).lower() for x in emails if x and "@" in x}

    def __bool__(self):
        return bool(self.names or self.phone_patterns or self.emails)

    def _literals(self):
        # Longest first: "Amina Rakoto" goes before "Rakoto".
        return sorted(self.names | self.emails, key=len, reverse=True)

    def db_pattern(self, json_text=False):
        """One case-insensitive regex for the database (SQLite's REGEXP is Python's re;
        PostgreSQL's ~* understands this subset too). On SQLite a JSON column keeps
        non-ASCII characters as \\u escapes: `json_text` adds that spelling."""
        parts = []
        for literal in self._literals():
            parts.append(re.escape(literal))
            if json_text:
                escaped = json.dumps(literal)[1:-1]
                if escaped != literal:
                    parts.append(re.escape(escaped))
        parts.extend(sorted(self.phone_patterns))
        return "|".join(f"(?:{part})" for part in parts)

    def _python_patterns(self):
        # Addresses first: "amina.rakoto@…" must go whole, not lose the name only.
        patterns = [
            (re.compile(re.escape(email), re.IGNORECASE), REDACTED)
            for email in sorted(self.emails, key=len, reverse=True)
        ]
        patterns += [
            (re.compile(rf"(?<!\d){pattern}(?!\d)", re.IGNORECASE), REDACTED)
            for pattern in sorted(self.phone_patterns)
        ]
        patterns += [
            (re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE), self.label)
            for name in sorted(self.names, key=len, reverse=True)
        ]
        return patterns

    def replace(self, text):
        """`text` without the person (unchanged if they are not in it)."""
        if not text:
            return text
        text = unicodedata.normalize("NFC", text)
        for pattern, replacement in self._python_patterns():
            text = pattern.sub(replacement, text)
        return text

    def replace_in_json(self, value):
        """A JSON value with every string (keys included) passed through `replace`."""
        if isinstance(value, str):
            return self.replace(value)
        if isinstance(value, list):
            return [self.replace_in_json(item) for item in value]
        if isinstance(value, dict):
            return {self.replace(k): self.replace_in_json(v) for k, v in value.items()}
        return value


def free_text_fields(model):
    """The columns of `model` that may hold someone's words."""
    fields = []
    for field in model._meta.concrete_fields:
        if field.name in IDENTITY_FIELDS | THING_FIELDS or field.primary_key or field.choices:
            continue
        if isinstance(field, models.EmailField):
            continue
        if isinstance(field, (models.CharField, models.TextField, models.JSONField)):
            fields.append(field)
    return fields


def sweep(needles):
    """Take the person out of every free text of the database; returns the number of
    rows changed. A handful of queries per model (one search, then one update per row
    found)."""
    if not needles:
        return 0
    pattern = needles.db_pattern()
    json_pattern = needles.db_pattern(json_text=True)
    changed = 0
    for model in apps.get_models():
        if model._meta.proxy or model._meta.app_label in SKIPPED_APPS:
            continue
        if model._meta.label in SKIPPED_MODELS:
            continue
        fields = free_text_fields(model)
        if not fields:
            continue
        query = models.Q()
        annotations = {}
        for field in fields:
            if isinstance(field, models.JSONField):
                alias = f"_privacy_{field.attname}"
                annotations[alias] = Cast(field.attname, models.TextField())
                query |= models.Q(**{f"{alias}__iregex": json_pattern})
            else:
                query |= models.Q(**{f"{field.attname}__iregex": pattern})
        rows = model._base_manager.alias(**annotations).filter(query)
        names = ["pk"] + [field.attname for field in fields]
        for values in rows.values_list(*names):
            pk, texts = values[0], values[1:]
            update = {}
            for field, text in zip(fields, texts, strict=True):
                if isinstance(field, models.JSONField):
                    new = needles.replace_in_json(text)
                else:
                    new = needles.replace(text)
                    if new and field.max_length and len(new) > field.max_length:
                        new = new[: field.max_length]
                if new != text:
                    update[field.attname] = new
            if update:
                model._base_manager.filter(pk=pk).update(**update)
                changed += 1
    return changed
