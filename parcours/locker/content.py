"""What a file is and what it carries: names, types detected from content, location
metadata stripped from photos, decompression bombs refused, photos of paper made a PDF.

Everything here reads and writes local files in pieces (never a whole upload in memory)
and raises `Refused` with a message for the trainee when a file cannot be kept.
"""

import io
import os
import re
import shutil
import struct
import tempfile
import unicodedata
import warnings

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

CHUNK = 256 * 1024
NAME_MAX = 200
HEADER_NAME_MAX = 120


class Refused(Exception):
    """A file the locker does not keep; `message` is for the trainee."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- names -----------------------------------------------------------------------

# Direction overrides, embeddings and isolates have no place in a file name: U+202E
# turns "photo<U+202E>gpj.exe" into what looks like "photoexe.jpg". Letters of right-to-left
# scripts need none of them (the browser orders them by itself).
_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"), None
)


def clean_name(raw, fallback=None):
    """The name shown to the trainee: their words, minus any path (only what follows the
    last / or \\), control and direction-override characters, surrounding spaces and
    dots; at most NAME_MAX characters, the extension kept."""
    name = unicodedata.normalize("NFC", str(raw or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = name.translate(_BIDI_CONTROLS)
    name = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    if not name:
        return fallback if fallback is not None else _("document")
    if len(name) > NAME_MAX:
        stem, ext = os.path.splitext(name)
        if not ext or len(ext) > 16:
            stem, ext = name, ""
        name = stem[: NAME_MAX - len(ext)].rstrip(" .") + ext
    return name


def header_name(name):
    """The name sent in Content-Disposition: the display name, shortened, without quotes
    or separators a browser or a shared-disk path could trip on."""
    name = clean_name(name)
    name = re.sub(r'["\\/:*?<>|;]', "_", name)
    if len(name) > HEADER_NAME_MAX:
        stem, ext = os.path.splitext(name)
        if len(ext) > 16:
            stem, ext = name, ""
        name = stem[: HEADER_NAME_MAX - len(ext)] + ext
    return name


# --- types, from the content ---------------------------------------------------------

PREVIEW_IMAGES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
# Shown in the browser (an <img>, or its PDF viewer); everything else is downloaded.
INLINE_TYPES = PREVIEW_IMAGES | {"application/pdf"}
# Sent with their own type (as attachments unless INLINE_TYPES). Anything else, above
# all HTML, SVG, XML and scripts, goes out as application/octet-stream.
PASSIVE_TYPES = INLINE_TYPES | {
    "image/heic",
    "image/tiff",
    "application/zip",
    "application/msword",
    "application/rtf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    "audio/mpeg",
    "audio/mp4",
    "audio/ogg",
    "video/mp4",
    "text/plain",
}
ACTIVE_EXTENSIONS = {
    ".htm",
    ".html",
    ".xhtml",
    ".shtml",
    ".svg",
    ".svgz",
    ".xml",
    ".xsl",
    ".js",
    ".mjs",
    ".swf",
}
_ZIP_KINDS = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}
_MARKUP = re.compile(
    rb"<\s*(!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta|\?xml)",
    re.IGNORECASE,
)


def sniff(head, name=""):
    """The type of a file from its first bytes (magic numbers), never from the browser's
    word; the name only tells apart the kinds of zip (office documents)."""
    ext = os.path.splitext(name.lower())[1]
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in {b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis"}:
            return "image/heic"
        if brand in {b"M4A ", b"M4B "}:
            return "audio/mp4"
        return "video/mp4"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if head.startswith(b"PK\x03\x04"):
        return _ZIP_KINDS.get(ext, "application/zip")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "application/msword"
    if head.startswith(b"{\\rtf"):
        return "application/rtf"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "audio/mpeg"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if _looks_like_text(head):
        if _MARKUP.search(head[:4096]):
            return "image/svg+xml" if b"<svg" in head.lower() else "text/html"
        return "text/plain"
    return "application/octet-stream"


def _looks_like_text(head):
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "utf-16"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as error:
            # A multi-byte character cut by the end of `head` is still text.
            if encoding == "utf-8" and error.start >= len(head) - 3:
                return True
    return False


def is_active(content_type, name):
    """Types a browser would run (HTML, SVG, scripts) or that we cannot vouch for."""
    ext = os.path.splitext(name.lower())[1]
    return content_type not in PASSIVE_TYPES or ext in ACTIVE_EXTENSIONS


def serving_type(content_type, name):
    """The Content-Type to send: the detected one for passive kinds, else octet-stream."""
    if is_active(content_type, name):
        return "application/octet-stream"
    if content_type == "text/plain":
        return "text/plain; charset=utf-8"
    return content_type


def may_show_inline(content_type, name):
    return content_type in INLINE_TYPES and not is_active(content_type, name)


# --- images: decompression bombs and location metadata -------------------------------


def open_image(path):
    """Open an image lazily (header only), refusing one too large to decode safely
    before any pixel is decoded."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(path)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise Refused(_too_large_image()) from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise Refused(_("Cette image est abîmée : elle ne s'ouvre pas.")) from error
    width, height = image.size
    if width * height > Image.MAX_IMAGE_PIXELS:
        image.close()
        raise Refused(_too_large_image())
    return image


def _too_large_image():
    return _("Cette image est trop grande pour être ouverte sans risque. Réduisez-la et réessayez.")


def strip_location(path, content_type, workdir):
    """A copy of the photo at `path` without its metadata (EXIF with the GPS position,
    XMP, comments), the pixels untouched; or `path` itself when the type carries none
    we know how to remove. JPEG keeps only its orientation, so the photo stays upright."""
    if content_type not in {"image/jpeg", "image/png", "image/webp"}:
        return path
    image = open_image(path)
    try:
        orientation = image.getexif().get(0x0112) if content_type == "image/jpeg" else None
    except Exception:  # noqa: BLE001 - broken EXIF: dropped anyway
        orientation = None
    finally:
        image.close()
    fd, out_path = tempfile.mkstemp(prefix="strip-", dir=workdir)
    try:
        with open(path, "rb") as src, os.fdopen(fd, "wb") as dst:
            if content_type == "image/jpeg":
                _strip_jpeg(src, dst, orientation)
            elif content_type == "image/png":
                _strip_png(src, dst)
            else:
                _strip_webp(src, dst)
    except (ValueError, struct.error) as error:
        os.unlink(out_path)
        raise Refused(_("Cette image est abîmée : elle ne s'ouvre pas.")) from error
    return out_path


# APP1 (EXIF, XMP), APP13 (Photoshop, IPTC) and comments may hold a position or a name.
_JPEG_DROPPED = {0xE1, 0xED, 0xFE}


def _strip_jpeg(src, dst, orientation):
    if src.read(2) != b"\xff\xd8":
        raise ValueError("not a JPEG")
    dst.write(b"\xff\xd8")
    # The orientation goes right after SOI, or after JFIF's APP0 when there is one.
    pending = bool(orientation and orientation != 1)
    while True:
        byte = src.read(1)
        if byte != b"\xff":
            raise ValueError("bad or truncated JPEG")
        marker = src.read(1)
        while marker == b"\xff":  # fill bytes
            marker = src.read(1)
        if not marker:
            raise ValueError("truncated JPEG")
        code = marker[0]
        if pending and code != 0xE0:
            _write_orientation(dst, orientation)
            pending = False
        if code in (0xDA, 0xD9):  # start of scan (or end): the rest is image data
            dst.write(b"\xff" + marker)
            shutil.copyfileobj(src, dst, CHUNK)
            return
        if code == 0x01 or 0xD0 <= code <= 0xD7:
            dst.write(b"\xff" + marker)
            continue
        length_bytes = src.read(2)
        (length,) = struct.unpack(">H", length_bytes)
        body = src.read(length - 2)
        if len(body) != length - 2:
            raise ValueError("truncated JPEG segment")
        if code not in _JPEG_DROPPED:
            dst.write(b"\xff" + marker + length_bytes + body)


def _write_orientation(dst, orientation):
    exif = Image.Exif()
    exif[0x0112] = orientation
    payload = exif.tobytes()
    dst.write(b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload)


# eXIf holds EXIF; text chunks may hold XMP (with a position) or any words; tIME too.
_PNG_DROPPED = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}


def _strip_png(src, dst):
    signature = src.read(8)
    if signature != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    dst.write(signature)
    while True:
        header = src.read(8)
        if len(header) < 8:
            raise ValueError("truncated PNG")
        length, kind = struct.unpack(">I4s", header)
        if kind in _PNG_DROPPED:
            src.seek(length + 4, os.SEEK_CUR)
            continue
        dst.write(header)
        _copy_exactly(src, dst, length + 4)  # data and CRC, unchanged
        if kind == b"IEND":
            return


def _strip_webp(src, dst):
    header = src.read(12)
    if header[:4] != b"RIFF" or header[8:12] != b"WEBP":
        raise ValueError("not a WebP")
    chunks = []
    while True:
        chunk_header = src.read(8)
        if len(chunk_header) < 8:
            break
        kind, size = struct.unpack("<4sI", chunk_header)
        padded = size + (size & 1)
        chunks.append((kind, size, padded, src.tell()))
        src.seek(padded, os.SEEK_CUR)
    kept = [chunk for chunk in chunks if chunk[0] not in {b"EXIF", b"XMP "}]
    total = 4 + sum(8 + padded for _kind, _size, padded, _at in kept)
    dst.write(b"RIFF" + struct.pack("<I", total) + b"WEBP")
    for kind, size, padded, at in kept:
        src.seek(at)
        dst.write(struct.pack("<4sI", kind, size))
        if kind == b"VP8X":
            flags = bytearray(src.read(padded))
            flags[0] &= ~(0x08 | 0x04) & 0xFF  # no EXIF, no XMP any more
            dst.write(bytes(flags))
        else:
            _copy_exactly(src, dst, padded)


def _copy_exactly(src, dst, count):
    while count > 0:
        block = src.read(min(CHUNK, count))
        if not block:
            raise ValueError("truncated file")
        dst.write(block)
        count -= len(block)


# --- paper to PDF ----------------------------------------------------------------

MAX_PAGES = 20
# A4 at 300 dpi on its long side: enough to read any letter, small enough to send.
PAGE_PIXELS = 2480


def photos_to_pdf(paths, workdir):
    """One A4 PDF, one page per photo, in order: each photo turned upright, stripped of
    its metadata (re-encoded: the PDF carries only pixels) and scaled to a page."""
    import img2pdf

    pages = []
    for path in paths:
        image = open_image(path)
        try:
            with image:
                upright = ImageOps.exif_transpose(image)
                upright = upright.convert("L" if upright.mode in {"1", "L", "LA"} else "RGB")
                upright.thumbnail((PAGE_PIXELS, PAGE_PIXELS))
                buffer = io.BytesIO()
                upright.save(buffer, "JPEG", quality=80, optimize=True)
                pages.append(buffer.getvalue())
        except Refused:
            raise
        except (OSError, ValueError, SyntaxError) as error:
            raise Refused(_("Une photo est abîmée : elle ne s'ouvre pas.")) from error
    a4 = (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297))
    layout = img2pdf.get_layout_fun(a4, fit=img2pdf.FitMode.into, auto_orient=True)
    fd, out_path = tempfile.mkstemp(prefix="scan-", suffix=".pdf", dir=workdir)
    with os.fdopen(fd, "wb") as out:
        img2pdf.convert(pages, layout_fun=layout, outputstream=out)
    return out_path


def upload_dir():
    """Where uploads wait while they are checked (created on first use)."""
    path = settings.LOCKER_UPLOAD_DIR
    os.makedirs(path, exist_ok=True)
    return str(path)
