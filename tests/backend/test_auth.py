"""Login, refresh, bearer auth and 401s against the real backend."""

from __future__ import annotations

import time

import jwt

from tests.backend.backend_runner import BackendRunner, api_client, bearer, login


async def test_health_needs_no_token(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        response = await client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["cameras"] == 16
    assert body["media_ready"] is False  # --no-media and no --rtsp-base
    assert body["last_seq"] == 0


async def test_login_good_and_bad(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        good = await client.post("/auth/login", json={"username": "police", "password": "police"})
        wrong = await client.post("/auth/login", json={"username": "police", "password": "nope"})
        nobody = await client.post("/auth/login", json={"username": "ghost", "password": "ghost"})
        empty = await client.post("/auth/login", json={"username": "", "password": "x"})
    assert good.status_code == 200
    pair = good.json()
    assert pair["token_type"] == "bearer"
    assert pair["expires_in"] == 15 * 60
    assert pair["user"] == {
        "username": "police",
        "display_name": "Cán bộ Công an phối hợp",
        "role": "police_liaison",
        "wards": [],
    }
    for response in (wrong, nobody):
        assert response.status_code == 401
        assert response.json()["code"] == "invalid_credentials"
    assert empty.status_code == 422
    assert "username" in empty.json()["message"]


async def test_missing_bad_and_wrong_kind_tokens_get_401(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        missing = await client.get("/cameras")
        garbage = await client.get("/cameras", headers=bearer("not.a.jwt"))
        pair = (
            await client.post("/auth/login", json={"username": "admin", "password": "admin"})
        ).json()
        refresh_as_access = await client.get("/cameras", headers=bearer(pair["refresh_token"]))
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert missing.json()["code"] == "unauthorized"
    assert garbage.status_code == 401
    assert garbage.json()["code"] == "invalid_token"
    assert refresh_as_access.status_code == 401
    assert "access token" in refresh_as_access.json()["message"]


async def test_expired_token_is_rejected(backend: BackendRunner) -> None:
    secret = (backend.data_dir / "jwt-secret").read_text().strip()
    now = int(time.time())
    claims = {
        "iss": "ioc-backend", "sub": "operator", "role": "operator", "wards": [], "typ": "access",
        "iat": now - 3600, "exp": now - 60,
    }  # fmt: skip
    expired = jwt.encode(claims, secret, algorithm="HS256")
    forged = jwt.encode(
        {**claims, "exp": now + 600}, "another-secret-of-enough-length-000", "HS256"
    )
    async with api_client(backend) as client:
        response = await client.get("/me", headers=bearer(expired))
        forged_response = await client.get("/me", headers=bearer(forged))
        fine = await client.get(
            "/me", headers=bearer(jwt.encode({**claims, "exp": now + 600}, secret))
        )
    assert response.status_code == 401
    assert response.json()["code"] == "token_expired"
    assert forged_response.status_code == 401
    assert forged_response.json()["code"] == "invalid_token"
    assert fine.status_code == 200


async def test_refresh_and_me(backend: BackendRunner) -> None:
    async with api_client(backend) as client:
        pair = (
            await client.post("/auth/login", json={"username": "ward_op", "password": "ward_op"})
        ).json()
        me = await client.get("/me", headers=bearer(pair["access_token"]))
        refreshed = await client.post(
            "/auth/refresh", json={"refresh_token": pair["refresh_token"]}
        )
        access_as_refresh = await client.post(
            "/auth/refresh", json={"refresh_token": pair["access_token"]}
        )
        again = await client.get("/me", headers=bearer(refreshed.json()["access_token"]))
        token = await login(client, "commander")
        commander = await client.get("/me", headers=bearer(token))
    assert me.status_code == 200
    assert me.json()["wards"] == ["an-cuu"]
    assert refreshed.status_code == 200
    assert refreshed.json()["user"]["username"] == "ward_op"
    assert access_as_refresh.status_code == 401
    assert again.json() == me.json()
    assert commander.json()["role"] == "commander"
