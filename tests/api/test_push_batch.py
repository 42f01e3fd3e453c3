"""A push's new records go in together; repeats inside a batch and races still answer per item."""

import pytest
from sqlalchemy import event, insert

from app.extensions import db
from app.models import AppliedMutation, Deviation, Idea
from app.schemas.sync import MutationSchema
from app.services.push import content_hash
from tests.api.helpers import deviation_create, idea_create, update


def count(app, model):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(model.id)))


def statuses(response):
    return [r["status"] for r in response["results"]]


def test_pushed_record_is_exactly_what_the_next_pull_shows(api):
    worker = api("ansatt")
    pushed = worker.push(deviation_create(), idea_create())["results"]
    pulled = {c["id"]: c["record"] for c in worker.pull_all()[0]}
    for result in pushed:
        assert pulled[result["record"]["id"]] == result["record"]


def test_same_mutation_twice_in_one_batch_is_applied_then_duplicate(app, api):
    sent = deviation_create()
    response = api("ansatt").push(sent, deviation_create(), sent)
    assert statuses(response) == ["applied", "applied", "duplicate"]
    assert response["results"][2]["record"] == response["results"][0]["record"]
    assert count(app, Deviation) == 2


def test_same_record_created_by_two_mutations_in_one_batch_is_one_record(app, api):
    first = deviation_create()
    second = deviation_create(first["record_id"], description="Skrevet på nytt.")
    response = api("ansatt").push(first, second)
    assert statuses(response) == ["applied", "duplicate"]
    assert response["results"][1]["record"]["description"] == first["data"]["description"]
    assert count(app, Deviation) == 1


def test_idea_may_point_at_a_deviation_created_earlier_in_the_same_batch(app, api):
    deviation = deviation_create()
    idea = idea_create(deviation_id=deviation["record_id"])
    later = deviation_create()
    response = api("ansatt").push(deviation, idea, later, update("idea", idea["record_id"], 1))
    assert statuses(response) == ["applied"] * 4
    assert response["results"][1]["record"]["deviation_id"] == deviation["record_id"]
    assert response["results"][3]["record"]["version"] == 2
    assert count(app, Deviation) == 2
    assert count(app, Idea) == 1


def test_invalid_items_between_new_records_leave_the_rest_applied_in_order(app, api):
    batch = [deviation_create() for _ in range(6)]
    batch[1]["data"]["category"] = "no-such-category"
    batch[4]["data"]["description"] = "Fnr 010190 12345 her."  # not a valid number: accepted
    batch[5]["data"]["description"] = ""
    response = api("ansatt").push(*batch)
    assert statuses(response) == ["applied", "rejected", *["applied"] * 3, "rejected"]
    assert list(response["results"][1]["error"]["fields"]) == ["category"]
    assert list(response["results"][5]["error"]["fields"]) == ["description"]
    assert count(app, Deviation) == 4
    seqs = [r["record"]["id"] for r in response["results"] if r["status"] == "applied"]
    pulled = [c["id"] for c in api("ansatt").pull_all()[0]]
    assert pulled == seqs  # change numbers follow the batch's order


def test_new_reports_only_with_categories_the_unit_lacks_are_rejected_in_their_place(
    app, api, retire_category
):
    """Only new reports: on PostgreSQL the insert itself finds each category by its code."""
    retire_category("equipment")
    batch = [deviation_create() for _ in range(5)]
    batch[1]["data"]["category"] = "housing"  # another unit's
    batch[3]["data"]["category"] = "equipment"  # retired
    worker = api("ansatt")
    response = worker.push(*batch)
    assert statuses(response) == ["applied", "rejected", "applied", "rejected", "applied"]
    for index in (1, 3):
        assert list(response["results"][index]["error"]["fields"]) == ["category"]
    assert count(app, Deviation) == 3
    applied = [r["record"]["id"] for r in response["results"] if r["status"] == "applied"]
    assert [c["id"] for c in worker.pull_all()[0]] == applied
    assert statuses(worker.push(*batch)) == [
        "duplicate",
        "rejected",
        "duplicate",
        "rejected",
        "duplicate",
    ]


def test_stored_mutations_and_records_among_new_ones_are_answered_each_in_its_place(app, api):
    """New reports only: the batch inserts before it looks anything up (both databases)."""
    worker = api("ansatt")
    stored = deviation_create()
    first = worker.push(stored)["results"][0]["record"]
    reused = deviation_create()
    reused["mutation_id"] = stored["mutation_id"]  # the same id for another record
    same_record = deviation_create(stored["record_id"])  # another mutation, the stored record
    fresh = [deviation_create() for _ in range(3)]
    replayed = worker.push(fresh[0], stored)
    assert statuses(replayed) == ["applied", "duplicate"]
    assert replayed["results"][1]["record"] == first
    refused = worker.push(reused, fresh[1])
    assert statuses(refused) == ["rejected", "applied"]
    assert refused["results"][0]["error"]["code"] == "mutation_id_reused"
    again = worker.push(same_record, fresh[2])
    assert statuses(again) == ["duplicate", "applied"]
    assert again["results"][0]["record"] == first
    assert count(app, Deviation) == 4
    pulled = [c["id"] for c in worker.pull_all()[0]]
    assert pulled == [stored["record_id"], *(f["record_id"] for f in fresh)]


@pytest.mark.postgres_only
def test_mutation_stored_by_another_transaction_mid_push_is_duplicate_and_the_rest_applies(
    app, api, demo
):
    """The batch insert fails on the key; every item is then applied alone, as a race is."""
    worker = api("ansatt")
    batch = [deviation_create() for _ in range(3)]
    raced = batch[1]
    stored_record = {"id": raced["record_id"], "from": "the other transaction"}
    session_class, done = db.session.session_factory.class_, []

    def store_first(state):
        if done or "INSERT INTO deviations" not in str(state.statement):
            return
        done.append(True)
        with db.engine.begin() as other:  # another connection, committed before our insert
            other.execute(
                insert(AppliedMutation.__table__).values(
                    mutation_id=raced["mutation_id"],
                    user_id=demo["ansatt"],
                    content_hash=_hash_of(raced),
                    record_type="deviation",
                    record_id=raced["record_id"],
                    result={"status": "applied", "record": stored_record},
                )
            )

    event.listen(session_class, "do_orm_execute", store_first)
    try:
        response = worker.push(*batch)
    finally:
        event.remove(session_class, "do_orm_execute", store_first)
    assert done, "the other transaction never ran"
    assert statuses(response) == ["applied", "duplicate", "applied"]
    assert response["results"][1]["record"] == stored_record
    assert count(app, Deviation) == 2


def _hash_of(sent):
    return content_hash(MutationSchema().load(sent))
