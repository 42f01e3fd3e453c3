"""Any mix of replays, duplicates and reorderings ends in the state of sending once."""

from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.helpers import deviation_create, idea_create, new_id, update

TEXT_FIELD = {"deviation": "location", "idea": "proposal"}
VOLATILE = {"id", "created_at", "updated_at"}


@st.composite
def deliveries(draw):
    """Records with their outbox, and a delivery schedule built from it.

    Each record's mutations keep their order (the outbox sends in order), the
    records interleave freely, any mutation may be sent again later (a lost
    response), and the schedule is cut into batches of any size.
    """
    records = draw(
        st.lists(
            st.tuples(st.sampled_from(["deviation", "idea"]), st.integers(0, 2)),
            min_size=1,
            max_size=3,
        )
    )
    slots = [r for r, (_kind, updates) in enumerate(records) for _ in range(updates + 1)]
    steps, outbox = defaultdict(int), []
    for r in draw(st.permutations(slots)):
        outbox.append((r, steps[r]))
        steps[r] += 1
    schedule = list(outbox)
    for source, seed in draw(
        st.lists(st.tuples(st.integers(0, len(outbox) - 1), st.integers(0, 999)), max_size=6)
    ):
        first = schedule.index(outbox[source])
        schedule.insert(first + 1 + seed % (len(schedule) - first), outbox[source])
    batches = draw(st.lists(st.integers(1, 4), min_size=len(schedule), max_size=len(schedule)))
    return records, outbox, schedule, batches


def build(records, outbox):
    """The actual mutations (fresh ids) for each (record, step) of the outbox."""
    ids = [new_id() for _ in records]
    made = {}
    for r, step in outbox:
        kind = records[r][0]
        if step == 0:
            made[(r, step)] = (deviation_create if kind == "deviation" else idea_create)(ids[r])
        else:
            made[(r, step)] = update(kind, ids[r], step, **{TEXT_FIELD[kind]: f"versjon {step}"})
    return ids, made


def final_state(worker, ids):
    by_id = {c["id"]: c["record"] for c in worker.pull_all()[0]}
    return [_stable(by_id[i]) for i in ids]


def _stable(record):
    events = [{k: v for k, v in e.items() if k != "at"} for e in record["events"]]
    return {**{k: v for k, v in record.items() if k not in VOLATILE}, "events": events}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=deliveries())
def test_replays_duplicates_and_reorderings_leave_the_state_of_sending_once(api, case):
    records, outbox, schedule, batch_sizes = case
    worker = api("ansatt")

    once_ids, once = build(records, outbox)
    results = worker.push(*[once[key] for key in outbox])["results"]
    assert {r["status"] for r in results} == {"applied"}

    storm_ids, storm = build(records, outbox)
    pending = [storm[key] for key in schedule]
    for size in batch_sizes:
        batch, pending = pending[:size], pending[size:]
        if batch:
            results = worker.push(*batch)["results"]
            assert {r["status"] for r in results} <= {"applied", "duplicate"}

    assert final_state(worker, storm_ids) == final_state(worker, once_ids)
