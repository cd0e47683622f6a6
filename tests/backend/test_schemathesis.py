"""schemathesis against the running backend's own OpenAPI document: no input makes it 5xx.

A handful of generated examples per operation (deterministic), sent with an admin token so
the requests get past authentication and reach the handlers.
"""

from __future__ import annotations

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings

from server_client.contract import API_PREFIX
from tests.backend.backend_runner import BackendRunner

schemathesis = pytest.importorskip("schemathesis")

EXAMPLES_PER_OPERATION = 4


def test_generated_requests_never_get_a_server_error(module_backend: BackendRunner) -> None:
    base = module_backend.url
    login = httpx.post(
        f"{base}{API_PREFIX}/auth/login", json={"username": "admin", "password": "admin"}
    )
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    schema = schemathesis.openapi.from_url(f"{base}{API_PREFIX}/openapi.json")
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def exercise(case: schemathesis.Case) -> None:
            response = case.call(base_url=base, headers=headers, timeout=15)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} -> {response.status_code}: "
                    f"{response.text[:200]}"
                )

        exercise()
    assert operations >= 30
    assert not failures, "\n".join(failures[:20])
