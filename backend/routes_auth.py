"""``/auth/login``, ``/auth/refresh`` and ``/me``."""

from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session

from backend.auth import AuthError, Principal, verify_password
from backend.db import UserRow
from backend.routes_context import ApiError, CurrentUser, services_of
from server_client.contract import LoginRequest, RefreshRequest, TokenPair, UserInfo

log = logging.getLogger(__name__)

router = APIRouter(tags=["auth"])


def _user(session: Session, username: str) -> UserRow | None:
    user = session.get(UserRow, username)
    if user is not None:
        session.expunge(user)
    return user


@router.post("/auth/login", response_model=TokenPair)
async def login(request: Request, body: LoginRequest) -> TokenPair:
    """Exchange a username and password for an access + refresh token pair."""
    services = services_of(request)
    user = await services.db.run(lambda s: _user(s, body.username))
    # PBKDF2 takes tens of milliseconds: keep it off the event loop (and off the db thread).
    ok = await asyncio.to_thread(
        verify_password, body.password, user.password_hash if user else None
    )
    if user is None or not ok:
        log.info("failed login for %r", body.username)
        raise ApiError(401, "invalid_credentials", "Wrong username or password")
    log.info("%s signed in", user.username)
    return services.tokens.issue(Principal.from_row(user))


@router.post("/auth/refresh", response_model=TokenPair)
async def refresh(request: Request, body: RefreshRequest) -> TokenPair:
    """Exchange a valid refresh token for a new pair, with the user's current role and wards."""
    services = services_of(request)
    try:
        claimed = services.tokens.verify(body.refresh_token, kind="refresh")
    except AuthError as exc:
        raise ApiError(401, exc.code, exc.message) from exc
    user = await services.db.run(lambda s: _user(s, claimed.username))
    if user is None:
        raise ApiError(401, "invalid_token", f"User {claimed.username} no longer exists")
    return services.tokens.issue(Principal.from_row(user))


@router.get("/me", response_model=UserInfo)
async def me(principal: CurrentUser) -> UserInfo:
    """Who the access token belongs to."""
    return principal.to_wire()
