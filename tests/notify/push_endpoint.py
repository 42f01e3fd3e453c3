"""A real RFC 8030 push endpoint on 127.0.0.1, as a browser's push service would be.

It receives the server's POST, checks the VAPID ``Authorization`` header
(RFC 8292: an ES256 JWT signed with the key the header names, ``aud`` the
endpoint's origin, ``exp`` within 24 hours) and decrypts the body with the
subscription's own private key and auth secret (RFC 8291, aes128gcm), as the
browser would. Nothing here trusts the sender's code.
"""

import base64
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Browser:
    """A subscription's keys, as a browser makes them: P-256 key pair and 16-byte auth secret."""

    def __init__(self):
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        self.p256dh = b64url(point)
        self.auth_secret = os.urandom(16)
        self.auth = b64url(self.auth_secret)

    def decrypt(self, body: bytes) -> dict:
        plain = http_ece.decrypt(
            body, private_key=self.private_key, auth_secret=self.auth_secret, version="aes128gcm"
        )
        return json.loads(plain)


class Received:
    def __init__(self, path, headers, body, at):
        self.path, self.headers, self.body, self.at = path, headers, body, at


class PushEndpoint:
    """POST /push/<name> is stored; ``status`` is what it answers (201 like FCM/Mozilla)."""

    def __init__(self):
        self.received: list[Received] = []
        self.status = 201
        self.arrived = threading.Condition()
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                with endpoint.arrived:
                    endpoint.received.append(
                        Received(
                            self.path,
                            headers,
                            body,
                            time.monotonic(),
                        )
                    )
                    endpoint.arrived.notify_all()
                self.send_response(endpoint.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, name: str) -> str:
        return f"{self.origin}/push/{name}"

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Received]:
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.received) >= count, timeout)
        return list(self.received)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def verify_vapid(headers: dict, endpoint_origin: str, server_public_key: str) -> dict:
    """The JWT's claims, after checking the signature, ``aud`` and ``exp`` (RFC 8292)."""
    scheme, _, params = headers["authorization"].partition(" ")
    assert scheme.lower() == "vapid", headers["authorization"]
    fields = dict(part.strip().split("=", 1) for part in params.split(","))
    assert fields["k"] == server_public_key, "the header names another key than the server's"
    head_b64, claims_b64, signature_b64 = fields["t"].split(".")
    header = json.loads(unb64url(head_b64))
    assert header == {"typ": "JWT", "alg": "ES256"} or header.get("alg") == "ES256"
    signature = unb64url(signature_b64)
    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(fields["k"]))
    try:
        public.verify(
            encode_dss_signature(r, s),
            f"{head_b64}.{claims_b64}".encode(),
            ec.ECDSA(hashes.SHA256()),
        )
    except InvalidSignature as error:  # pragma: no cover - the assertion names it
        raise AssertionError("the VAPID JWT's signature does not verify") from error
    claims = json.loads(unb64url(claims_b64))
    assert claims["aud"] == endpoint_origin
    assert time.time() < claims["exp"] <= time.time() + 24 * 3600
    return claims
