"""Write the backend's OpenAPI document (``python -m backend.openapi_doc [PATH]``).

The committed copy is ``docs/openapi.json``; a test fails when it is stale, so regenerate it
with this module after changing a route or a contract model.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
from pathlib import Path
from typing import Any, Final

from backend.app import create_app
from backend.config import BackendConfig

log = logging.getLogger(__name__)

DEFAULT_PATH: Final = Path(__file__).resolve().parents[1] / "docs" / "openapi.json"


def build_openapi() -> dict[str, Any]:
    """The OpenAPI document of an app that is built but never started."""
    with tempfile.TemporaryDirectory(prefix="ioc-openapi-") as tmp:
        config = BackendConfig(
            db_url="sqlite://", data_dir=Path(tmp), media=False, secret="x" * 32, sim_interval=0
        )
        app = create_app(config)
        document = app.openapi()
        app.state.services.db.close()
    return document


def render(document: dict[str, Any]) -> str:
    """Stable text: sorted keys, two-space indent, trailing newline (diffs stay readable)."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_PATH
    path.write_text(render(build_openapi()), encoding="utf-8")
    logging.basicConfig(level=logging.INFO)
    log.info("wrote %s", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
