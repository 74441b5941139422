"""An upload into a folder named by a number that int() refuses.

Found while fixing what the web vulnerability scan (.ci/run) found: "²" passes
str.isdigit() but not int(), and was a server error.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parcours.locker.models import StoredFile


def test_a_folder_number_int_refuses_is_a_404(client, trainee, locker_storage):
    client.force_login(trainee.user)
    response = client.post(
        reverse("locker:upload"),
        {"files": [SimpleUploadedFile("bail.pdf", b"%PDF-1.4\n%%EOF\n")], "folder": "²"},
    )
    assert response.status_code == 404
    assert not StoredFile.objects.exists()
