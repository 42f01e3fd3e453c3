"""A replay is recognised by its content's hash, whichever version of Steg stored it.

Hashes are "2:" and 62 hex digits of SHA-256 over compact, key-sorted UTF-8
JSON (services/push/contract.py). Before that they were 64 hex digits over
``json.dumps(sort_keys=True, separators=(",", ":"), default=str)``: a queue
replayed after the upgrade must still be answered ``duplicate``, and another
content under an old id still refused.
"""

import hashlib
import json

from sqlalchemy import select, update

from app.extensions import db
from app.models import AppliedMutation
from app.schemas.sync import MutationSchema
from app.services.push import content_hash
from tests.api.helpers import deviation_create, mutation, new_id

FIXED = mutation(
    "deviation",
    "create",
    "0b7e7c1e-5d0a-4f7b-9d61-3c2f1e0a9b88",
    None,
    {"category": "fall", "severity": "moderate", "description": "Skled på badegulvet."},
    mutation_id="7d1f0c3a-2b4e-4c6d-8e9f-0a1b2c3d4e5f",
)


def legacy_hash(sent: dict) -> str:
    """The hash an earlier Steg stored, by its own recipe (not the app's code)."""
    loaded = MutationSchema().load(sent)
    canonical = {
        "type": loaded["type"],
        "op": loaded["op"],
        "record_id": loaded["record_id"],
        "base_version": loaded["base_version"],
        "client_time": loaded["client_time"].isoformat(),
        "data": loaded["data"],
    }
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def stored_as_before(app, sent: dict) -> None:
    with app.app_context():
        db.session.execute(
            update(AppliedMutation)
            .where(AppliedMutation.mutation_id == sent["mutation_id"])
            .values(content_hash=legacy_hash(sent))
        )
        db.session.commit()


def stored_hash(app, mutation_id: str) -> str:
    with app.app_context():
        return db.session.scalar(
            select(AppliedMutation.content_hash).where(AppliedMutation.mutation_id == mutation_id)
        )


def test_hash_of_a_fixed_mutation_never_changes():
    """Pinned (the standard library gives the same, with ensure_ascii=False): a library
    upgrade that wrote the JSON differently would refuse every replay after it."""
    assert content_hash(MutationSchema().load(FIXED)) == (
        "2:4026e53510ae1a26da132b5e95392fc1da2fd680e13963f9a2ab3bb6c0ba8a"
    )


def test_replay_of_a_mutation_stored_with_an_old_hash_is_duplicate(app, api):
    worker = api("ansatt")
    sent = deviation_create()
    first = worker.push_one(sent)
    stored_as_before(app, sent)
    again = worker.push_one(sent)
    assert again["status"] == "duplicate"
    assert again["record"] == first["record"]


def test_other_content_under_an_id_stored_with_an_old_hash_is_refused(app, api):
    worker = api("ansatt")
    sent = deviation_create()
    worker.push_one(sent)
    stored_as_before(app, sent)
    changed = {**sent, "data": {**sent["data"], "description": "Noe annet."}}
    result = worker.push_one(changed)
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "mutation_id_reused"


def test_new_mutations_are_stored_with_the_new_hash(app, api):
    sent = deviation_create()
    api("ansatt").push_one(sent)
    stored = stored_hash(app, sent["mutation_id"])
    assert stored.startswith("2:")
    assert len(stored) == 64  # the column's width
    assert stored != legacy_hash(sent)


def test_content_json_cannot_write_is_still_hashed_and_replayed(app, api):
    """A lone surrogate in a key the schema leaves out: stored, and its replay duplicate."""
    worker = api("ansatt")
    sent = deviation_create()
    sent["data"]["extra"] = "\ud800"
    assert push_text(worker, sent)["status"] == "applied"
    assert stored_hash(app, sent["mutation_id"]) == legacy_hash(sent)
    assert push_text(worker, sent)["status"] == "duplicate"
    other = {**sent, "data": {**sent["data"], "extra": "\ud801"}}
    assert push_text(worker, other)["error"]["code"] == "mutation_id_reused"


def push_text(worker, sent: dict) -> dict:
    """One mutation as JSON text the standard library writes (orjson refuses a lone surrogate)."""
    body = json.dumps({"mutations": [sent]})
    response = worker.post("/api/v1/sync/push", data=body, content_type="application/json")
    assert response.status_code == 200, response.text
    return response.json["results"][0]


def test_the_hash_follows_the_content_not_its_key_order():
    sent = deviation_create()
    shuffled = {**sent, "data": dict(reversed(list(sent["data"].items())))}
    assert content_hash(MutationSchema().load(sent)) == content_hash(
        MutationSchema().load(shuffled)
    )
    other = {**sent, "mutation_id": new_id(), "data": {**sent["data"], "location": "Stue"}}
    assert content_hash(MutationSchema().load(sent)) != content_hash(MutationSchema().load(other))
