"""The server's VAPID key pair (RFC 8292): the private key signs each push's JWT,
the public key is the browser's ``applicationServerKey``."""

import base64
from functools import lru_cache

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@lru_cache(maxsize=4)
def load(private_key: str) -> Vapid02:
    """From PEM, or base64url of the raw 32-byte key or of DER (``flask vapid-keys``)."""
    text = private_key.strip()
    if text.startswith("-----BEGIN"):
        return Vapid02.from_pem(text.encode())
    return Vapid02.from_string(text)


def public_key(private_key: str) -> str:
    """The uncompressed public point, base64url: what ``pushManager.subscribe`` takes."""
    point = load(private_key).public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url(point)


def generate() -> tuple[str, str]:
    """A new key pair: (private as PEM, public as base64url)."""
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return pem, public_key(pem)
