from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from server_client.contract import ContractError, EventEnvelope, parse_alert, parse_envelope
from server_client.events import ws_url


def test_envelope_round_trip() -> None:
    env = EventEnvelope(seq=3, type="alert.created", ts=datetime.now(UTC), data={"x": 1})
    assert parse_envelope(env.model_dump_json()) == env
    assert env.stored


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ("not json", "message"),
        (json.dumps({"type": "x", "ts": "2026-01-01T00:00:00Z"}), "seq"),
        (json.dumps({"seq": -1, "type": "x", "ts": "2026-01-01T00:00:00Z"}), "seq"),
        (json.dumps({"seq": 1, "type": "", "ts": "2026-01-01T00:00:00Z"}), "type"),
        (json.dumps({"seq": 1, "type": "x", "ts": "yesterday"}), "ts"),
    ],
)
def test_malformed_envelopes_say_where(raw: str, where: str) -> None:
    with pytest.raises(ContractError, match=where):
        parse_envelope(raw)


def test_heartbeats_are_not_stored() -> None:
    assert not EventEnvelope(seq=9, type="heartbeat", ts=datetime.now(UTC)).stored


def test_alert_validation() -> None:
    good = {
        "id": 1,
        "camera_id": "cam-001",
        "ward_id": "phu-xuan",
        "type": "wrong_way",
        "severity": "high",
        "created_at": "2026-11-23T01:00:00Z",
        "confidence": 0.9,
    }
    assert parse_alert(good).type.value == "wrong_way"
    with pytest.raises(ContractError, match="type"):
        parse_alert({**good, "type": "ufo"})
    with pytest.raises(ContractError, match="confidence"):
        parse_alert({**good, "confidence": 3})


def test_ws_url() -> None:
    assert (
        ws_url("http://127.0.0.1:8700", "t", 5)
        == "ws://127.0.0.1:8700/api/v1/ws?token=t&after=5&batch=500"
    )
    assert ws_url("http://127.0.0.1:8700", "t", 5, batch=1).endswith("&after=5&batch=1")
    assert ws_url("https://ioc.example/", "t", 0).startswith("wss://ioc.example/api/v1/ws?")
