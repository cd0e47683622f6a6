"""The committed OpenAPI document (docs/openapi.json) matches the code."""

from __future__ import annotations

from backend.openapi_doc import DEFAULT_PATH, build_openapi, render


def test_committed_openapi_is_current() -> None:
    current = render(build_openapi())
    committed = DEFAULT_PATH.read_text(encoding="utf-8")
    assert committed == current, (
        "docs/openapi.json is stale: regenerate it with `python -m backend.openapi_doc`"
    )
