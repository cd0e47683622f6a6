"""Incident address and attachments against the real backend: blobs stored once by SHA-256,
an alert's snapshot attached by naming the alert, edits of the address with If-Match, and the
refusals (unknown hash, not an image, an alert without a snapshot)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from backend.db import Database
from tests.backend.backend_runner import BackendRunner, api_client, bearer, login, raise_alert
from tests.backend.test_incidents import create

# Enough of a JPEG for the backend, which checks the signature and never decodes it.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


async def test_upload_is_stored_once_and_served_by_its_hash(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        h = bearer(await login(client, "operator"))
        jpeg = {**h, "Content-Type": "image/jpeg"}
        first = await client.post("/attachments", content=JPEG, headers=jpeg)
        again = await client.post("/attachments", content=JPEG, headers=jpeg)
        png = await client.post("/attachments", content=PNG, headers=h)
        text = await client.post("/attachments", content=b"hello", headers=h)
        empty = await client.post("/attachments", content=b"", headers=h)
        sha = hashlib.sha256(JPEG).hexdigest()
        served = await client.get(f"/attachments/{sha}", headers=h)
        missing = await client.get(f"/attachments/{'0' * 64}", headers=h)
        bad_name = await client.get("/attachments/not-a-hash", headers=h)
        anonymous = await client.get(f"/attachments/{sha}")
    assert first.status_code == 201, first.text
    assert first.json() == {
        "sha256": sha, "size": len(JPEG), "media_type": "image/jpeg",
        "url": f"/api/v1/attachments/{sha}",
    }  # fmt: skip
    assert again.status_code == 200
    assert again.json()["sha256"] == sha
    assert png.status_code == 201
    assert png.json()["media_type"] == "image/png"
    assert text.status_code == 415
    assert text.json()["code"] == "unsupported_media_type"
    assert empty.status_code == 422
    assert served.status_code == 200
    assert served.content == JPEG
    assert served.headers["content-type"] == "image/jpeg"
    assert missing.status_code == 404
    assert bad_name.status_code == 422
    assert anonymous.status_code == 401


async def test_create_with_address_and_attachments_then_edit(module_backend: BackendRunner) -> None:
    async with api_client(module_backend) as client:
        op = await login(client, "operator")
        admin = await login(client, "admin")
        h = bearer(op)
        sha = (await client.post("/attachments", content=JPEG, headers=h)).json()["sha256"]
        png_sha = (await client.post("/attachments", content=PNG, headers=h)).json()["sha256"]
        # An alert with a snapshot on disk, as the snapshot grabber leaves it.
        alert = await raise_alert(client, admin)
        snap_dir = module_backend.data_dir / "snapshots" / "test"
        snap_dir.mkdir(parents=True, exist_ok=True)
        snap = JPEG + b"alert"
        (snap_dir / f"alert-{alert['id']}.jpg").write_bytes(snap)
        with sqlite3.connect(module_backend.data_dir / "ioc.db") as db:
            db.execute(
                "UPDATE alerts SET snapshot_path = ? WHERE id = ?",
                (f"test/alert-{alert['id']}.jpg", alert["id"]),
            )
        no_snap = await raise_alert(client, admin)
        inc = await create(
            client, op,
            address="12 Lê Lợi, phường Thuận Hóa",
            attachments=[{"sha256": sha, "label": "Ảnh từ tệp"},
                         {"alert_id": alert["id"], "label": f"Ảnh cảnh báo #{alert['id']}"},
                         {"sha256": sha, "label": "twice"}],
        )  # fmt: skip
        alert_sha = hashlib.sha256(snap).hexdigest()
        served = await client.get(f"/attachments/{alert_sha}", headers=h)
        unknown = await client.post(
            "/incidents",
            json={"title": "x", "category": "garbage", "ward_id": "thuan-hoa",
                  "attachments": [{"sha256": "f" * 64}]},
            headers=h,
        )  # fmt: skip
        without = await client.post(
            "/incidents",
            json={"title": "x", "category": "garbage", "ward_id": "thuan-hoa",
                  "attachments": [{"alert_id": no_snap["id"]}]},
            headers=h,
        )  # fmt: skip
        url = f"/incidents/{inc['id']}"
        edited = await client.patch(
            url,
            json={"address": "14 Lê Lợi", "add_attachments": [{"sha256": png_sha}],
                  "remove_attachments": [sha]},
            headers={**h, "If-Match": '"1"'},
        )  # fmt: skip
        stale = await client.patch(
            url, json={"address": "16 Lê Lợi"}, headers={**h, "If-Match": '"1"'}
        )
        got = (await client.get(url, headers=h)).json()
    assert inc["address"] == "12 Lê Lợi, phường Thuận Hóa"
    assert [(a["sha256"], a["label"], a["alert_id"]) for a in inc["attachments"]] == [
        (sha, "Ảnh từ tệp", None),
        (alert_sha, f"Ảnh cảnh báo #{alert['id']}", alert["id"]),
    ]
    assert inc["attachments"][1]["url"] == f"/api/v1/attachments/{alert_sha}"
    assert inc["attachments"][1]["added_by"] == "operator"
    assert served.content == snap
    assert unknown.status_code == 422
    assert unknown.json()["code"] == "unknown_attachment"
    assert without.status_code == 422
    assert without.json()["code"] == "no_snapshot"
    assert edited.status_code == 200, edited.text
    assert edited.json()["address"] == "14 Lê Lợi"
    assert [a["sha256"] for a in edited.json()["attachments"]] == [alert_sha, png_sha]
    assert stale.status_code == 412
    assert stale.json()["current"]["address"] == "14 Lê Lợi"
    assert got["version"] == 2
    assert got["timeline"][-1]["text"].startswith("attachments: + ")


async def test_attachments_answer_only_uploaders_and_who_sees_a_referencing_incident(
    module_backend: BackendRunner,
) -> None:
    """The scope of ``GET /attachments/{sha256}``: others get the 404 of bytes never stored."""
    foreign_jpeg = JPEG + b"scoped: thuan-hoa"
    local_jpeg = JPEG + b"scoped: an-cuu"
    private_jpeg = JPEG + b"scoped: nobody's incident"
    async with api_client(module_backend) as client:
        op_token = await login(client, "operator")
        op = bearer(op_token)
        ward_op = bearer(await login(client, "ward_op"))  # an operator of an-cuu only
        commander = bearer(await login(client, "commander"))
        jpeg = {"Content-Type": "image/jpeg"}
        shas = {}
        for name, data in (("foreign", foreign_jpeg), ("local", local_jpeg),
                           ("private", private_jpeg)):  # fmt: skip
            r = await client.post("/attachments", content=data, headers={**op, **jpeg})
            assert r.status_code == 201, r.text
            shas[name] = r.json()["sha256"]
        await create(client, op_token, ward_id="thuan-hoa",
                     attachments=[{"sha256": shas["foreign"]}])  # fmt: skip
        await create(client, op_token, ward_id="an-cuu",
                     attachments=[{"sha256": shas["local"]}])  # fmt: skip

        async def status(headers: dict[str, str], name: str) -> int:
            return (await client.get(f"/attachments/{shas[name]}", headers=headers)).status_code

        seen = {
            (who, name): await status(h, name)
            for who, h in (("op", op), ("ward_op", ward_op), ("commander", commander))
            for name in shas
        }
        unknown = (await client.get(f"/attachments/{'e' * 64}", headers=ward_op)).json()
        hidden = (await client.get(f"/attachments/{shas['foreign']}", headers=ward_op)).json()
        # Naming a hash it may not read does not let ward_op attach it to an an-cuu incident.
        smuggled = await client.post(
            "/incidents",
            json={"title": "x", "category": "garbage", "ward_id": "an-cuu",
                  "attachments": [{"sha256": shas["foreign"]}]},
            headers=ward_op,
        )  # fmt: skip
        # Uploading the same bytes makes ward_op an uploader too: then they are served.
        again = await client.post("/attachments", content=private_jpeg, headers={**ward_op, **jpeg})
        after_upload = await status(ward_op, "private")
        body = (await client.get(f"/attachments/{shas['local']}", headers=ward_op)).content
    assert seen == {
        ("op", "foreign"): 200, ("op", "local"): 200, ("op", "private"): 200,
        ("ward_op", "foreign"): 404, ("ward_op", "local"): 200, ("ward_op", "private"): 404,
        ("commander", "foreign"): 200, ("commander", "local"): 200, ("commander", "private"): 404,
    }  # fmt: skip
    # Out of scope reads exactly like never stored: the same code, nothing about the owner.
    assert hidden["code"] == unknown["code"] == "not_found"
    assert hidden["message"] == f"No attachment {shas['foreign']}"
    assert smuggled.status_code == 422
    assert smuggled.json()["code"] == "unknown_attachment"
    assert again.status_code == 200
    assert after_upload == 200
    assert body == local_jpeg


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh database of each kind with the backend's schema."""
    url = (
        f"sqlite:///{tmp_path / 'a.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    db = Database(url)
    db.create_schema()
    try:
        yield db
    finally:
        db.close()


def test_the_read_rule_on_each_database(database: Database) -> None:
    """Uploaders and viewers of a referencing incident read a blob; the JSON match is exact."""
    from backend.attachments import readable_blob, store_blob
    from backend.auth import Principal
    from backend.db import WardRow
    from backend.incidents import new_incident_row
    from server_client.contract import IncidentCategory, Role, Severity

    def principal(name: str, *wards: str) -> Principal:
        return Principal(name, name, Role.OPERATOR, frozenset(wards))

    def work(session: Session) -> dict[str, bool]:
        session.add_all([WardRow(id=w, name=w, kind="ward") for w in ("w-a", "w-b")])
        blob, _ = store_blob(session, JPEG + b"db rule", "alice")
        other, _ = store_blob(session, JPEG + b"db rule, never attached", "alice")
        row = new_incident_row(
            session, title="t", description="", category=IncidentCategory.GARBAGE, group=None,
            priority=Severity.LOW, ward_id="w-a", lat=None, lon=None, actor="alice",
        )  # fmt: skip
        # The other hash only in a label: text that merely quotes it grants nothing.
        row.attachments = [
            {"sha256": blob.sha256, "label": other.sha256, "media_type": "image/jpeg"}
        ]
        session.commit()
        can = {
            "uploader": principal("alice", "w-b"),
            "ward a": principal("bob", "w-a"),
            "city": principal("carol"),
            "ward b": principal("dave", "w-b"),
        }
        out = {f"{who} blob": readable_blob(session, p, blob.sha256) is not None
               for who, p in can.items()}  # fmt: skip
        out |= {f"{who} other": readable_blob(session, p, other.sha256) is not None
                for who, p in can.items()}  # fmt: skip
        return out

    assert database.run_sync(work) == {
        "uploader blob": True, "ward a blob": True, "city blob": True, "ward b blob": False,
        "uploader other": True, "ward a other": False, "city other": False,
        "ward b other": False,
    }  # fmt: skip
