"""Password hashing and token checks, in-process."""

from __future__ import annotations

import pytest

from backend.auth import AuthError, Principal, TokenService, hash_password, verify_password
from server_client.contract import Role


def test_hash_and_verify() -> None:
    encoded = hash_password("Huế-2025", iterations=1000)
    assert encoded.startswith("pbkdf2_sha256$1000$")
    assert verify_password("Huế-2025", encoded)
    assert not verify_password("hue-2025", encoded)
    assert hash_password("x", iterations=1000) != hash_password("x", iterations=1000)  # salted
    assert not verify_password("anything", None)
    assert not verify_password("anything", "garbage")


def test_tokens_expire_on_the_service_clock() -> None:
    now = [1_000_000.0]
    service = TokenService("s" * 40, access_ttl=60, clock=lambda: now[0])
    who = Principal("ward_op", "Ward", Role.OPERATOR, frozenset({"an-cuu"}))
    pair = service.issue(who)
    assert service.verify(pair.access_token) == who
    assert service.verify(pair.refresh_token, kind="refresh") == who
    with pytest.raises(AuthError, match="Expected an access token"):
        service.verify(pair.refresh_token)
    now[0] += 61
    with pytest.raises(AuthError) as info:
        service.verify(pair.access_token)
    assert info.value.code == "token_expired"
