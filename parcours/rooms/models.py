"""Computer rooms. The rooms issue adds equipment, checklists and incidents."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from parcours.people.models import Site


class Room(models.Model):
    site = models.ForeignKey(
        Site, verbose_name=_("lieu"), on_delete=models.PROTECT, related_name="rooms"
    )
    name = models.CharField(_("nom"), max_length=200)
    seats = models.PositiveSmallIntegerField(_("places"), default=8)

    class Meta:
        ordering = ["site__name", "name"]
        verbose_name = _("salle informatique")
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="unique_room_per_site")
        ]

    def __str__(self):
        return f"{self.name} ({self.site.name})"
