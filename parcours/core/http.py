from django.conf import settings


def client_address(request):
    """The client's address, trusting only the proxies we were told about.

    X-Forwarded-For is written by the client first and appended to by each proxy, so
    only its last TRUSTED_PROXY_COUNT entries can be believed.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [part for part in chain if part]
        if len(chain) >= count:
            return chain[-count]
    return request.META.get("REMOTE_ADDR")


def id_param(data, name):
    """The integer id in data[name] (request.POST or request.GET), or None.

    A tampered form or a scanner's payload ("id", "1 OR 1=1", "²", which str.isdigit
    accepts and int() refuses) names no object: the caller's get-or-404 then answers 404,
    where the raw value would raise a ValueError in the query, a server error.
    """
    value = data.get(name, "")
    return int(value) if isinstance(value, str) and value.isdecimal() else None
