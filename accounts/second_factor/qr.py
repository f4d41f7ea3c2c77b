"""The QR code of an otpauth:// URI, drawn on the server (segno) as an SVG data: URI for an <img>.

No script and no inline style: the CSP's img-src allows data: images, nothing else is needed.
"""

import segno


def qr_svg_data_uri(text: str) -> str:
    return segno.make(text, error="m").svg_data_uri(scale=5, border=2, dark="#000", light="#fff")


def secret_grouped(secret: str) -> str:
    """ABCD EFGH ...: easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
