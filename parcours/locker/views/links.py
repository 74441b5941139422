"""Expiring download links: public addresses whoever holds them may use, until their end
date or download limit. The page only shows the file's name; the download is a POST, so
that a messaging app fetching a preview of the address does not use up a download.
Unknown or spent tokens count toward a per-address limit (core/ratelimit.py)."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from parcours.core import ratelimit
from parcours.locker import actions
from parcours.locker.views.serve import file_response


def _no_index(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_not_required
@never_cache
@ratelimit.counts_failed_tokens
def link_page(request, token):
    link = actions.find_link(token)
    if link is None:
        raise Http404
    return _no_index(
        render(
            request,
            "locker/link_page.html",
            {"link": link, "file": link.file, "link_token": token},
        )
    )


@login_not_required
@require_POST
@ratelimit.counts_failed_tokens
def link_download(request, token):
    link = actions.find_link(token)
    if link is None or not actions.use_link(link=link, request=request):
        raise Http404
    return _no_index(file_response(link.file))
