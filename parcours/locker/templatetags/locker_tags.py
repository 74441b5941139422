from django import template

from parcours.core.templatetags.parcours_tags import locker_icon
from parcours.locker.formats import size_text

register = template.Library()


@register.filter
def size(count):
    """A file's or a locker's size in plain words: "1,9 Mo"."""
    return size_text(count)


@register.simple_tag
def file_icon(file):
    """The pictogram of a stored file by its kind: a tag, not an include, because lists
    show one per file."""
    if file.is_image:
        return locker_icon("image")
    return locker_icon("pdf" if file.is_pdf else "file")
