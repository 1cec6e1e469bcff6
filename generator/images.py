"""Images from pull requests: decoded within limits, and published without what they carry.

A photo from a phone carries its EXIF block (the GPS position where it was taken, the camera's
owner), often XMP and IPTC too; a file may claim 50,000 × 50,000 pixels in its header (a
decompression bomb), or be a valid header followed by anything. So every image is decoded by
Pillow, within limits checked before the pixels are: its size in pixels from the header, then
the whole decode, at validation; and what the site publishes is not the file but the pixels
written anew (`clean`): no EXIF, XMP, IPTC, ICC profile or text chunk, the photo turned upright
first (a phone records "rotate me" in the EXIF it loses).

Neutral: bytes in, a verdict or bytes out. Pillow is imported on first use: most builds and
validations meet no image.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass

MAX_PIXELS = 25_000_000
"""Pixels of one image (a 24-megapixel camera's photo; a page shows at most ~2 megapixels)."""
MAX_TOTAL_BYTES = 20 * 1024 * 1024
"""Bytes of all the images one validation is given by name (a pull request's changed files)."""
MAX_TOTAL_PIXELS = 150_000_000
"""Pixels of all the images one validation is given by name."""

_PIL_FORMAT = {"PNG": "PNG", "JPEG": "JPEG", "WebP": "WEBP"}


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.1f}".replace(".", ",")


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class ImageProblem(Exception):
    """Why an image may not be published, in the author's words."""


@dataclass
class Decoded:
    """What validation learnt of an image: its size."""

    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


def _open(data: bytes, expected: str):
    from PIL import Image

    try:
        image = Image.open(io.BytesIO(data), formats=[_PIL_FORMAT[expected]])
    except Image.DecompressionBombError:
        raise ImageProblem(f"gambar ini mengaku berukuran sangat besar; batasnya {_megapixels(MAX_PIXELS)} "
                           "megapiksel") from None
    except (OSError, ValueError, SyntaxError) as error:
        raise ImageProblem(f"gambar {expected} ini rusak dan tidak dapat dibaca ({_reason(error)}); simpan "
                           "ulang gambarnya dari aplikasi pengolah gambar") from None
    width, height = image.size
    if width < 1 or height < 1 or width * height > MAX_PIXELS:
        raise ImageProblem(f"gambar terlalu besar: {_thousands(width)} × {_thousands(height)} piksel "
                           f"({_megapixels(width * height)} megapiksel), batasnya {_megapixels(MAX_PIXELS)} "
                           "megapiksel; perkecil gambarnya (lebar 1.600 piksel sudah cukup untuk situs)")
    return image


_OBJECT = re.compile(r"\s*<[^<>]* at 0x[0-9a-fA-F]+>")


def _reason(error: BaseException) -> str:
    """Pillow's reason, short and without the addresses of Python objects."""
    text = " ".join(str(error).split())
    if text.startswith("cannot identify image file"):
        return "isinya tidak dikenali sebagai gambar"
    text = _OBJECT.sub("", text)[:120]
    return "".join(c if c.isprintable() else "?" for c in text) or type(error).__name__


def _load(image, expected: str, *, fast: bool) -> None:
    """Decode every byte of the image data (a JPEG at 1/8 scale when `fast`: the whole scan is
    still read and checked, at a fraction of the time)."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            if fast and expected == "JPEG":
                image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
    except ImageProblem:
        raise
    except Exception as error:  # noqa: BLE001 - any failure to decode is the file's problem
        raise ImageProblem(f"gambar {expected} ini rusak atau tidak lengkap dan tidak dapat dibaca "
                           f"({_reason(error)}); simpan ulang gambarnya dari aplikasi pengolah gambar") from None


def check(data: bytes, expected: str) -> Decoded:
    """Decode the image (`expected`: "PNG", "JPEG" or "WebP", as its bytes and name say) within
    the limits; `ImageProblem` says why it may not be published."""
    image = _open(data, expected)
    try:
        _load(image, expected, fast=True)
        return Decoded(*image.size)
    finally:
        image.close()


def clean(data: bytes, expected: str) -> bytes:
    """The image as the site publishes it: its pixels alone, written anew in the same format
    (turned upright as its EXIF said, then without EXIF, XMP, IPTC, ICC profile, comments or
    text chunks; an animation keeps its first frame). `ImageProblem` when it does not decode."""
    from PIL import Image, ImageOps

    image = _open(data, expected)
    try:
        _load(image, expected, fast=False)
        upright = ImageOps.exif_transpose(image) or image
        if upright.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I;16", "I", "CMYK") or (
                upright.mode == "CMYK" and expected != "JPEG"):
            upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
        pixels = Image.new(upright.mode, upright.size)
        if upright.mode == "P":
            pixels.putpalette(upright.getpalette() or [])
        pixels.paste(upright)
        options: dict = {}
        transparency = upright.info.get("transparency")
        if transparency is not None and upright.mode in ("P", "L", "RGB"):
            options["transparency"] = transparency
        out = io.BytesIO()
        if expected == "JPEG":
            if pixels.mode not in ("L", "RGB", "CMYK"):
                pixels = pixels.convert("RGB")
            pixels.save(out, "JPEG", quality=90, optimize=True)
        elif expected == "PNG":
            pixels.save(out, "PNG", optimize=True, **options)
        else:
            pixels.save(out, "WEBP", quality=90, method=4, exif=b"", xmp=b"", icc_profile=b"")
        return out.getvalue()
    except ImageProblem:
        raise
    except Exception as error:  # noqa: BLE001
        raise ImageProblem(f"gambar {expected} ini tidak dapat ditulis ulang ({_reason(error)}); simpan ulang "
                           "gambarnya dari aplikasi pengolah gambar") from None
    finally:
        image.close()


@dataclass
class Budget:
    """The images of one pull request together: their bytes and pixels, against the totals."""

    bytes: int = 0
    pixels: int = 0

    def spend(self, size: int, pixels: int) -> str | None:
        """Count one more image; why the total is now over, or None."""
        self.bytes += size
        self.pixels += pixels
        if self.bytes > MAX_TOTAL_BYTES:
            return (f"gambar-gambar dalam perubahan ini bersama-sama melebihi {_thousands(MAX_TOTAL_BYTES // 1024 // 1024)} "
                    "MB per pull request; perkecil gambarnya atau bagi ke beberapa pull request")
        if self.pixels > MAX_TOTAL_PIXELS:
            return (f"gambar-gambar dalam perubahan ini bersama-sama melebihi {_megapixels(MAX_TOTAL_PIXELS)} "
                    "megapiksel per pull request; perkecil gambarnya atau bagi ke beberapa pull request")
        return None
