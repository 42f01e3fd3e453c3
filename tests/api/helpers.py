"""Mutation factories for the API tests (the contract's example shapes)."""

import uuid


def new_id() -> str:
    return str(uuid.uuid4())


def deviation_create(record_id=None, **data):
    body = {
        "category": "fall",
        "severity": "moderate",
        "occurred_at": "2026-11-27T13:50:00+01:00",
        "location": "Bad",
        "description": "Bruker skled på badegulvet.",
        "immediate_action": "Hjalp bruker opp, sjekket for skader.",
        **data,
    }
    return mutation("deviation", "create", record_id or new_id(), None, body)


def idea_create(record_id=None, **data):
    body = {
        "title": "Fast plass til nøkkelboksen",
        "problem": "Vi leter etter nøklene hver morgen.",
        "proposal": "Merket krok ved døren.",
        "benefit": "Ti minutter spart per vakt.",
        **data,
    }
    return mutation("idea", "create", record_id or new_id(), None, body)


def update(kind, record_id, base_version, **data):
    return mutation(kind, "update", record_id, base_version, data)


def mutation(kind, op, record_id, base_version, data, mutation_id=None):
    return {
        "mutation_id": mutation_id or new_id(),
        "type": kind,
        "op": op,
        "record_id": record_id,
        "base_version": base_version,
        "client_time": "2026-11-27T14:03:00+01:00",
        "data": data,
    }
