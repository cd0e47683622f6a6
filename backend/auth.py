"""Passwords, JWTs and the authenticated caller.

Passwords are PBKDF2-HMAC-SHA256 with a per-user salt, stored as
``pbkdf2_sha256$ITERATIONS$SALT$HASH`` so the cost can rise later without breaking old hashes.
Tokens are HS256 JWTs: a short access token (15 min) and a refresh token (12 h); both carry
the user's role and wards, so a request needs no database lookup to be authorised.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

import jwt

from backend.db import UserRow
from server_client.contract import Role, TokenPair, UserInfo

ALGORITHM: Final = "HS256"
ISSUER: Final = "ioc-backend"
# OWASP's 2021 figure for PBKDF2-HMAC-SHA256; about 70 ms on this kind of machine, and the
# hashing runs off the event loop.
PBKDF2_ITERATIONS: Final = 310_000


class AuthError(Exception):
    """Authentication failed; ``code`` is machine-readable, the message is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, *, iterations: int = PBKDF2_ITERATIONS) -> str:
    """Hash a password with a fresh random salt."""
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"pbkdf2_sha256${iterations}${_b64(salt)}${_b64(digest)}"


# Checked against when the user does not exist, so a wrong username costs as long as a wrong
# password and does not reveal which usernames exist.
_DUMMY_HASH: Final = hash_password("not-a-password", iterations=PBKDF2_ITERATIONS)


def verify_password(password: str, encoded: str | None) -> bool:
    """True when ``password`` matches ``encoded`` (None: no such user, still spends the time)."""
    target = encoded or _DUMMY_HASH
    try:
        scheme, iterations_text, salt_text, digest_text = target.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        iterations = int(iterations_text)
        salt, expected = _unb64(salt_text), _unb64(digest_text)
    except ValueError:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(digest, expected) and encoded is not None


@dataclass(frozen=True)
class Principal:
    """The caller of a request: who, in which role, over which wards (empty = city-wide)."""

    username: str
    display_name: str
    role: Role
    wards: frozenset[str] = field(default_factory=frozenset)

    @property
    def scoped(self) -> bool:
        return bool(self.wards)

    def sees_ward(self, ward_id: str | None) -> bool:
        """Whether this caller may see something in ``ward_id`` (None = city-wide things)."""
        return not self.wards or ward_id is None or ward_id in self.wards

    def to_wire(self) -> UserInfo:
        return UserInfo(
            username=self.username,
            display_name=self.display_name,
            role=self.role,
            wards=sorted(self.wards),
        )

    @classmethod
    def from_row(cls, row: UserRow) -> Principal:
        return cls(
            username=row.username,
            display_name=row.display_name,
            role=Role(row.role),
            wards=frozenset(row.wards or []),
        )


class TokenService:
    """Issues and checks the access/refresh JWT pair."""

    def __init__(
        self,
        secret: str,
        *,
        access_ttl: int = 15 * 60,
        refresh_ttl: int = 12 * 3600,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if len(secret) < 32:
            raise ValueError("the JWT secret must be at least 32 characters")
        self._secret = secret
        self.access_ttl = access_ttl
        self.refresh_ttl = refresh_ttl
        self._clock = clock

    def _encode(self, principal: Principal, kind: str, ttl: int) -> str:
        now = int(self._clock())
        claims: dict[str, Any] = {
            "iss": ISSUER,
            "sub": principal.username,
            "name": principal.display_name,
            "role": principal.role.value,
            "wards": sorted(principal.wards),
            "typ": kind,
            "iat": now,
            "exp": now + ttl,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)

    def issue(self, principal: Principal) -> TokenPair:
        """A fresh access + refresh pair for ``principal``."""
        return TokenPair(
            access_token=self._encode(principal, "access", self.access_ttl),
            refresh_token=self._encode(principal, "refresh", self.refresh_ttl),
            expires_in=self.access_ttl,
            user=principal.to_wire(),
        )

    def verify(self, token: str, *, kind: str = "access") -> Principal:
        """Check signature, expiry and kind; raise :class:`AuthError` with a clear reason."""
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                issuer=ISSUER,
                # Expiry is checked below against the service's clock (injectable for tests).
                options={"require": ["exp", "iat", "sub", "typ"], "verify_exp": False},
            )
        except jwt.ExpiredSignatureError as exc:
            raise AuthError("token_expired", f"The {kind} token has expired") from exc
        except jwt.InvalidTokenError as exc:
            raise AuthError("invalid_token", f"The {kind} token is not valid ({exc})") from exc
        if claims.get("typ") != kind:
            raise AuthError("invalid_token", f"Expected an {kind} token, got {claims.get('typ')}")
        if int(claims["exp"]) <= int(self._clock()):
            raise AuthError("token_expired", f"The {kind} token has expired")
        try:
            return Principal(
                username=str(claims["sub"]),
                display_name=str(claims.get("name", claims["sub"])),
                role=Role(str(claims.get("role"))),
                wards=frozenset(str(w) for w in claims.get("wards", [])),
            )
        except ValueError as exc:
            raise AuthError("invalid_token", f"The {kind} token has a bad claim ({exc})") from exc


@dataclass(frozen=True)
class DemoUser:
    """A user created on first start; the password equals the username."""

    username: str
    display_name: str
    role: Role
    wards: tuple[str, ...] = ()


DEMO_WARD_SCOPE: Final = "an-cuu"
DEMO_USERS: Final[tuple[DemoUser, ...]] = (
    DemoUser("operator", "Trực ban IOC", Role.OPERATOR),
    DemoUser("commander", "Chỉ huy trực", Role.COMMANDER),
    DemoUser("police", "Cán bộ Công an phối hợp", Role.POLICE_LIAISON),
    DemoUser("admin", "Quản trị hệ thống", Role.ADMIN),
    DemoUser("ward_op", "Trực ban phường An Cựu", Role.OPERATOR, (DEMO_WARD_SCOPE,)),
)


def demo_user_rows() -> list[UserRow]:
    """Rows for :data:`DEMO_USERS`, passwords hashed (slow: call off the event loop)."""
    return [
        UserRow(
            username=u.username,
            display_name=u.display_name,
            role=u.role.value,
            wards=list(u.wards),
            password_hash=hash_password(u.username),
        )
        for u in DEMO_USERS
    ]
