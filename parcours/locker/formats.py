"""Sizes in the words trainees read on their phone ("1,9 Mo", "500 Mo"), not Django's
"1,9 Mio"."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

KB = 1024
MB = 1024 * KB
GB = 1024 * MB


def size_text(count):
    count = int(count or 0)
    if count < MB:
        kilobytes = max(1, -(-count // KB)) if count else 0
        return _("%(n)s Ko") % {"n": kilobytes}
    value, unit = (count / GB, _("%(n)s Go")) if count >= GB else (count / MB, _("%(n)s Mo"))
    rounded = round(value, 1) if value < 10 else round(value)
    if rounded == int(rounded):
        rounded = int(rounded)
    return unit % {"n": number_format(rounded, decimal_pos=None)}
