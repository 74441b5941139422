from django.shortcuts import render
from django.utils import timezone

from parcours.notifications.models import Notification


def inbox(request):
    """My messages; opening the page marks them read."""
    notifications = list(Notification.objects.filter(recipient=request.user)[:100])
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return render(request, "notifications/inbox.html", {"notifications": notifications})
