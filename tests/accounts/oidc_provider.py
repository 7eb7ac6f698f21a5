"""A small OpenID Connect provider on 127.0.0.1 for the single sign-on tests.

It serves discovery, authorisation (which answers at once, as if the person had signed in),
token, userinfo and JWKS endpoints, and signs ID tokens with RS256 using an RSA key made for
the run. A test changes what the next token says through ``id_token_changes`` and
``sign_with``.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "lhs-website"
CLIENT_SECRET = "provider-test-secret"  # noqa: S105
KEY_ID = "test-key-1"


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class Provider:
    def __init__(self):
        self.key = new_key()
        self.sign_with = self.key
        self.person = {}
        self.id_token_changes = {}
        self.grants = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler_class())
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def reset(self):
        self.sign_with = self.key
        self.id_token_changes = {}
        self.person = {
            "sub": "u-4711",
            "email": "Helen.Morgan@example.edu",
            "email_verified": True,
            "given_name": "Helen",
            "family_name": "Morgan",
            "groups": ["staff", "lhs-web-editors"],
        }

    def discovery(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def jwks(self):
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": KEY_ID, "alg": "RS256", "use": "sig"}]}

    def authorize(self, query):
        code = secrets.token_urlsafe(16)
        self.grants[code] = {
            "nonce": query["nonce"],
            "challenge": query.get("code_challenge"),
            "redirect_uri": query["redirect_uri"],
        }
        return f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"

    def token(self, form):
        grant = self.grants.pop(form.get("code"), None)
        if grant is None or form.get("client_secret") != CLIENT_SECRET:
            return 400, {"error": "invalid_grant"}
        verifier = form.get("code_verifier", "")
        digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        if grant["challenge"] != digest.rstrip(b"=").decode():
            return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": self.person["sub"],
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            "email": self.person["email"],
            **self.id_token_changes,
        }
        id_token = jwt.encode(claims, self.sign_with, algorithm="RS256", headers={"kid": KEY_ID})
        return 200, {
            "access_token": "access-" + grant["nonce"],
            "token_type": "Bearer",
            "id_token": id_token,
        }

    def handler_class(provider):  # noqa: N805 (the handler closes over the provider)
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self, status, body=None, location=None):
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                payload = json.dumps(body or {}).encode()
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self):  # noqa: N802
                parts = urlsplit(self.path)
                query = {key: values[0] for key, values in parse_qs(parts.query).items()}
                if parts.path == "/.well-known/openid-configuration":
                    self.answer(200, provider.discovery())
                elif parts.path == "/jwks":
                    self.answer(200, provider.jwks())
                elif parts.path == "/authorize":
                    self.answer(302, location=provider.authorize(query))
                elif parts.path == "/userinfo":
                    if not self.headers.get("Authorization", "").startswith("Bearer access-"):
                        self.answer(401)
                    else:
                        self.answer(200, provider.person)
                else:
                    self.answer(404)

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlsplit(self.path).path == "/token":
                    self.answer(*provider.token(form))
                else:
                    self.answer(404)

        return Handler

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
