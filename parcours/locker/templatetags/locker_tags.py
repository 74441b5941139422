from django import template

from parcours.locker.formats import size_text

register = template.Library()


@register.filter
def size(count):
    """A file's or a locker's size in plain words: "1,9 Mo"."""
    return size_text(count)
