"""SMS backends, chosen by the `SMS_BACKEND` setting (env `SMS`), like Django's mail backends.

- "console" (default): prints each SMS to standard output, for development;
- "file": appends one JSON line per SMS to `<data dir>/sms/sms.log`;
- "http": Brevo's transactional SMS API (https://developers.brevo.com/docs/transactional-sms-endpoints:
  `POST https://api.brevo.com/v3/transactionalSMS/send`, header `api-key`, JSON body with
  `sender`, `recipient`, `content`, `type`). The older `/v3/transactionalSMS/sms` is
  deprecated since May 2025 (Brevo's changelog); any compatible endpoint can be set with
  `SMS_API_URL`.

`get_sms_backend().send(to, body)` returns when the provider has accepted the message and
raises `SmsError` otherwise. Errors carry no address and no text, only what is safe to
store and log: the HTTP status, or the class name of the network error.
"""

import json
import sys
import threading
import unicodedata
import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

TIMEOUT = 10  # seconds; the worker runs one task at a time, so a stuck provider stalls it

# GSM 03.38: the alphabet an SMS carries at 160 characters a part; Unicode SMS carry 70.
# Without `unicodeEnabled`, Brevo replaces other characters by their English equivalents:
# fine for French accents ("À demain" → "A demain", one SMS instead of two), unreadable
# for Arabic. See `needs_unicode`.
GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
    "^{}\\[~]|€\f"
)


def needs_unicode(text):
    """True when `text` would not survive Brevo's transliteration to the GSM alphabet:
    letters that are more than a Latin letter with accents (Arabic, Cyrillic…)."""
    bare = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    return not set(bare) <= GSM7


class SmsError(Exception):
    """The provider refused the SMS or could not be reached.

    `status` is the HTTP status when there was an answer; `cause` the class name of the
    network error otherwise. Neither holds personal data.
    """

    def __init__(self, status=None, cause=""):
        self.status = status
        self.cause = cause
        super().__init__(f"HTTP {status}" if status else cause)


class ConsoleBackend:
    """Writes each SMS to standard output, like Django's console mail backend."""

    _lock = threading.Lock()

    def send(self, to, body):
        stream = sys.stdout  # looked up at each send, so that tests can capture it
        with self._lock:
            stream.write(f"SMS to: {to}\n\n{body}\n{'-' * 79}\n")
            stream.flush()


class FileBackend:
    """Appends one JSON line per SMS to `<data dir>/sms/sms.log`."""

    _lock = threading.Lock()

    def send(self, to, body):
        folder = settings.DATA_DIR / "sms"
        folder.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {"time": timezone.now().isoformat(), "to": to, "body": body}, ensure_ascii=False
        )
        with self._lock, open(folder / "sms.log", "a", encoding="utf-8") as log:
            log.write(line + "\n")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # urllib would follow a 301/302 by re-sending the POST as a bodiless GET and report
    # the answer as success: a redirect is an error here.
    def redirect_request(self, *args, **kwargs):
        return None


class HttpBackend:
    """Brevo's transactional SMS API (see the module docstring)."""

    def __init__(self, url, api_key, sender):
        if not url.startswith(("https://", "http://")):
            raise ImproperlyConfigured("SMS_API_URL must be an http(s) URL.")
        if not api_key:
            raise ImproperlyConfigured("SMS=http needs SMS_API_KEY.")
        self.url = url
        self.api_key = api_key
        self.sender = sender

    def send(self, to, body):
        payload = {
            "sender": self.sender,
            "recipient": to,
            "content": body,
            "type": "transactional",
        }
        if needs_unicode(body):
            payload["unicodeEnabled"] = True
        request = urllib.request.Request(
            self.url,
            data=json.dumps(payload).encode(),
            headers={
                "accept": "application/json",
                "content-type": "application/json",
                "api-key": self.api_key,
            },
            method="POST",
        )
        try:
            opener = urllib.request.build_opener(_NoRedirect)
            with opener.open(request, timeout=TIMEOUT) as response:
                answer = response.read()
        except urllib.error.HTTPError as error:
            error.close()
            raise SmsError(status=error.code) from None
        except (OSError, ValueError) as error:  # URLError, timeouts, refused connections
            raise SmsError(cause=type(error).__name__) from None
        try:
            return json.loads(answer or b"{}").get("messageId")
        except (ValueError, AttributeError):
            return None  # accepted (2xx): the id is only a courtesy


def get_sms_backend():
    """The SMS backend named by `settings.SMS_BACKEND`.

    An unknown name is refused rather than silently printed to the console: in
    production that would drop every SMS while reporting them as sent.
    """
    name = settings.SMS_BACKEND
    if name == "console":
        return ConsoleBackend()
    if name == "file":
        return FileBackend()
    if name == "http":
        return HttpBackend(settings.SMS_API_URL, settings.SMS_API_KEY, settings.SMS_SENDER)
    raise ImproperlyConfigured(f"Unknown SMS backend {name!r}: use console, file or http.")
