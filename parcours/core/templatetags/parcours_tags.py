import functools

from django import template
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.filter
def plain_time(value):
    """A time as people say it: "14 h", "9 h 30" in French; the locale's format elsewhere."""
    if value is None:
        return ""
    if (get_language() or "fr").startswith("fr"):
        return f"{value.hour} h" if value.minute == 0 else f"{value.hour} h {value.minute:02d}"
    return formats.time_format(value)


@register.filter
def get_item(mapping, key):
    """`mapping[key]`, or the key itself when absent (labels of reference codes)."""
    return mapping.get(key, key)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with `changes` applied: `?{% query_with page=2 %}`
    keeps the search and filters while moving to another page."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def query_with_page(context, param, number):
    """`query_with` for a page number under the name `param`: two lists on one page
    (the referrals to triage and the courses beside them) are paged apart."""
    return query_with(context, **{param: number})


@functools.cache
def _pictogram(template_name, name):
    # Our own SVG templates, rendered with a name only: nothing from a user.
    return mark_safe(render_to_string(template_name, {"name": name}).strip())  # nosec B308 B703


@register.simple_tag
def icon(name):
    """A decorative pictogram (components/icon.html), rendered once per name and
    process: pages show dozens, and an include per pictogram cost more than the rest
    of a trainee's home page."""
    return _pictogram("components/icon.html", name)


@register.simple_tag
def locker_icon(name):
    """A pictogram of the locker's pages (locker/_icon.html), as `icon`."""
    return _pictogram("locker/_icon.html", name)
