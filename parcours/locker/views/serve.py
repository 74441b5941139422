"""Sending a stored file: streamed from the storage in pieces (the memory used stays
flat), never cached, never sniffed, and never run by the browser.

Shown inline only: PNG, JPEG, GIF, WebP and PDF, as detected from their content.
Everything else is an attachment; HTML, SVG, scripts and unknown kinds go out as
application/octet-stream. Every response but an inline PDF carries
`Content-Security-Policy: sandbox` (Chromium refuses to start its PDF viewer in a
sandboxed document; a PDF's scripts run in the viewer's own sandbox, not in our origin).
"""

import logging

from django.http import FileResponse, Http404

from parcours.locker import storage
from parcours.locker.content import header_name, may_show_inline, serving_type

logger = logging.getLogger(__name__)


class LockerFileResponse(FileResponse):
    # 4 KiB by default: far too many small writes for a 50 MB file.
    block_size = 256 * 1024


def file_response(stored, *, inline=False):
    try:
        stream = storage.open_stream(stored.key)
    except FileNotFoundError:
        logger.error("locker object missing for file %s", stored.pk)
        raise Http404 from None
    show_inline = inline and may_show_inline(stored.content_type, stored.name)
    response = LockerFileResponse(
        stream,
        as_attachment=not show_inline,
        filename=header_name(stored.name),
        content_type=serving_type(stored.content_type, stored.name),
    )
    response["Content-Length"] = str(stored.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    if show_inline and stored.is_pdf:
        # The viewer runs the PDF in a frame of its own: "self" lets it, and no one else.
        response["Content-Security-Policy"] = (
            "frame-ancestors 'self'; form-action 'none'; base-uri 'none'"
        )
        response["X-Frame-Options"] = "SAMEORIGIN"
    else:
        response["Content-Security-Policy"] = "sandbox"
    return response
