"""RFC 6238 codes computed here, apart from django-otp, as an authenticator app computes them."""

import hashlib
import hmac
import struct
import time


def totp(hex_key, at=None, step=30, digits=6):
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(bytes.fromhex(hex_key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10**digits:0{digits}d}"


def wrong_code(hex_key):
    """A code no nearby time step gives."""
    near = {totp(hex_key, time.time() + shift * 30) for shift in range(-2, 3)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in near)
