import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.volunteers.models import Block
from tests.courses.factories import CourseFactory, RoomFactory
from tests.volunteers.factories import BlockFactory

pytestmark = pytest.mark.django_db
URL = reverse("volunteers:programme")


def test_blocks_are_shown_in_order_as_plain_text_with_their_line_breaks(client):
    BlockFactory(title="Deuxième", position=20, body="Ligne un\nLigne deux")
    BlockFactory(title="Premier", position=10, body="<script>alert(1)</script> & <b>gras</b>")
    BlockFactory(title="Brouillon", published=False)
    html = client.get(URL).text
    assert html.index("Premier") < html.index("Deuxième")
    assert "<script>alert(1)</script>" not in html and "<b>gras</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;gras&lt;/b&gt;" in html
    assert "<p>Ligne un<br>Ligne deux</p>" in html
    assert "Brouillon" not in html


def test_the_sites_and_a_week_of_courses_are_shown(client, site):
    room = RoomFactory(site=site)
    CourseFactory(title="Atelier du mardi", room=room, start_time=datetime.time(14, 0))
    CourseFactory(
        title="Atelier fini",
        room=room,
        last_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    html = client.get(URL).text
    assert "Lieu des Tilleuls" in html and "1 rue de la Paix" in html
    assert "Atelier du mardi" in html and "14:00–15:00" in html and "Mardi" in html
    assert "Atelier fini" not in html
    assert reverse("volunteers:apply") in html


def test_the_coordinator_adds_edits_and_deletes_blocks(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("volunteers:blocks"),
        {"title": "Qui sommes-nous ?", "body": "Un atelier.", "position": "10", "published": "on"},
    )
    assert response.url == reverse("volunteers:blocks")
    block = Block.objects.get()
    client.post(
        reverse("volunteers:block_edit", args=[block.pk]),
        {"title": "Qui sommes-nous", "body": "Deux ateliers.", "position": "5"},
    )
    block.refresh_from_db()
    assert (block.body, block.published) == ("Deux ateliers.", False)
    client.post(reverse("volunteers:block_delete", args=[block.pk]))
    assert not Block.objects.exists()


def test_a_block_needs_a_title_and_a_text(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("volunteers:blocks"), {"title": "", "body": "", "position": "1"})
    assert response.status_code == 200
    assert not Block.objects.exists()
    assert 'role="alert"' in response.text
