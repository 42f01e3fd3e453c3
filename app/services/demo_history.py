"""A demo unit with a past: months of deviations, ideas, decisions and board meetings.

``seed_demo_history`` gives each pilot unit a few more workers and a history
ending now, made through the same services a person uses (reports, deviations,
ideas, board, meetings), so events, change numbers and texts are the real thing.
Each step runs under ``clock_at`` (app/models/base.py) at its moment in the
past. The plan comes from a fixed random seed, so it is the same every time;
a unit that already has reports is left alone (run it twice: one history).
"""

import hashlib
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from app.extensions import db
from app.models import Deviation, Idea, Unit, User
from app.models.base import clock_at
from app.services import board, deviations, gains, hms, ideas, injury_register, meetings
from app.services import demo_texts as texts
from app.services import records as reporting
from app.services.demo import DEMO_PASSWORD, HOME_CARE, REFUGEE
from app.services.users import create_user, find_user

OSLO = ZoneInfo("Europe/Oslo")
# Per 13 weeks; scaled to the span asked for.
DEVIATIONS_PER_13_WEEKS = 60
IDEA_PLAN_13_WEEKS = {  # the idea's end status (done_jdi: "bare gjør det") -> how many
    "new": 7,
    "under_review": 4,
    "approved": 6,
    "in_progress": 6,
    "done": 4,
    "done_jdi": 5,
    "rejected": 4,
    "parked": 4,
}
# When an idea is reported, by its end status: (at most, at least) days before now, so
# it has time to get there and a well-run unit's board does not look stale (None: any time).
REPORTED_DAYS_AGO = {
    "new": (6, 0),
    "under_review": (21, 3),
    "approved": (35, 8),
    "in_progress": (50, 12),
    "done": (None, 16),
    "done_jdi": (None, 3),
    "rejected": (None, 3),
    "parked": (None, 3),
}
SEVERITY_WEIGHTS = {"low": 35, "moderate": 40, "high": 18, "critical": 7}
HMS = ("violence", "staff_injury")
# The checklist before closing an HMS deviation (services/hms.py).
DEMO_HMS_ANSWERS = {
    "arbeidstilsynet": "not_relevant",
    "police": "not_relevant",
    "safety_rep": "yes",
    "follow_up": "yes",
}

COLLEAGUES = {
    HOME_CARE: [
        ("sykepleier", "Per Nilsen"),
        ("helsefagarbeider", "Ingrid Moen"),
        ("assistent", "Jonas Lie"),
    ],
    REFUGEE: [
        ("nav-veileder", "Sara Haugen"),
        ("nav-konsulent", "Erik Bakken"),
        ("nav-boligkonsulent", "Mona Strand"),
    ],
}
UNITS = {  # unit -> (texts, the worker login, the leader login)
    HOME_CARE: ("home-care", "ansatt", "leder"),
    REFUGEE: ("refugee", "nav-ansatt", "nav-leder"),
}


@dataclass
class Ledger:
    """What the seed did in one unit: its own table, to check the figures against."""

    reports: int = 0
    ideas_reported: list = field(default_factory=list)  # moments
    first_decisions: list = field(default_factory=list)  # (reported, decided): out of "new"
    done: list = field(default_factory=list)  # moments


@dataclass
class _Plan:
    """The steps of one unit, each (moment, order, action), run in time order."""

    steps: list = field(default_factory=list)
    records: dict = field(default_factory=dict)
    meetings: dict = field(default_factory=dict)
    ledger: Ledger = field(default_factory=Ledger)

    def at(self, moment: datetime, action) -> None:
        self.steps.append((moment, len(self.steps), action))


def seed_demo_history(weeks: int = 13, seed: int = 2026, now: datetime | None = None) -> dict:
    """Give each pilot unit without reports a history of ``weeks`` weeks ending ``now``.

    Returns {unit name: its Ledger} (None for a unit left alone: it had reports).
    """
    now = (now or datetime.now(UTC)).astimezone(UTC)
    created = {}
    for index, (name, (kind, main_worker, leader_name)) in enumerate(UNITS.items()):
        unit = db.session.scalar(select(Unit).where(Unit.name == name))
        if unit is None or _has_reports(unit):
            created[name] = None
            continue
        workers = _workers(unit, main_worker)
        leader = find_user(leader_name)
        rng = random.Random(seed * 10 + index)
        plan = _Plan()
        start = now - timedelta(weeks=weeks)
        _plan_meetings(plan, rng, unit, leader, start, now)
        _plan_deviations(plan, rng, kind, workers, leader, start, now, weeks)
        _plan_ideas(plan, rng, kind, workers, leader, start, now, weeks)
        for moment, _, action in sorted(plan.steps, key=lambda s: (s[0], s[1])):
            with clock_at(moment):
                action()
        plan.ledger.reports = len(plan.records)
        created[name] = plan.ledger
    db.session.flush()
    return created


def _has_reports(unit) -> bool:
    return any(
        db.session.scalar(select(func.count()).select_from(model).where(model.unit_id == unit.id))
        for model in (Deviation, Idea)
    )


def _workers(unit, main_worker) -> list:
    """The unit's workers, the main demo login first (it reports the most)."""
    for username, display_name in COLLEAGUES[unit.name]:
        if find_user(username) is None:
            create_user(username, DEMO_PASSWORD, "worker", unit, display_name)
    found = db.session.scalars(
        select(User).where(User.unit_id == unit.id, User.role == "worker").order_by(User.username)
    ).all()
    return sorted(found, key=lambda u: u.username != main_worker)


def _uuid(rng) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _between(rng, start: datetime, end: datetime) -> datetime:
    """A moment in [start, end) in working hours (07–22 Oslo time), whole minutes."""
    span = max((end - start).total_seconds(), 60)
    for _ in range(20):
        moment = start + timedelta(seconds=rng.uniform(0, span))
        if 7 <= moment.astimezone(OSLO).hour < 22:
            break
    return moment.replace(second=0, microsecond=0)


def _later(rng, moment, low_hours, high_hours, now) -> datetime | None:
    """A moment some hours after ``moment``, or None if it would be in the future."""
    later = moment + timedelta(hours=rng.uniform(low_hours, high_hours))
    later = later.replace(second=0, microsecond=0)
    return later if later < now - timedelta(minutes=5) else None


# -- meetings: every Tuesday at half past one, half an hour ------------------


def _plan_meetings(plan, rng, unit, leader, start, now) -> None:
    day = start.astimezone(OSLO).date()
    while True:
        day += timedelta(days=1)
        begins = datetime.combine(day, time(13, 30), OSLO).astimezone(UTC)
        if begins + timedelta(minutes=40) >= now:
            break
        if day.weekday() != 1 or begins < start:
            continue
        key = len(plan.meetings)
        plan.meetings[key] = begins

        present = rng.randint(5, 11)

        def begin(key=key, present=present):
            meeting = meetings.start_meeting(unit.id, leader)
            meetings.set_present(meeting, present)
            plan.meetings[key] = meeting

        def end(key=key):
            meetings.end_meeting(plan.meetings[key])

        plan.at(begins, begin)
        plan.at(begins + timedelta(minutes=30), end)


def _next_meeting(plan, after: datetime):
    """(key, start) of the first meeting after ``after``, or None."""
    for key, begins in sorted(plan.meetings.items(), key=lambda kv: kv[0]):
        if isinstance(begins, datetime) and begins > after:
            return key, begins
    return None


# -- deviations --------------------------------------------------------------


def _plan_deviations(plan, rng, kind, workers, leader, start, now, weeks) -> None:
    catalogue = texts.HOME_CARE_DEVIATIONS if kind == "home-care" else texts.REFUGEE_DEVIATIONS
    codes = sorted(catalogue)
    weights = [1 if code in HMS else 3 for code in codes]
    count = max(1, round(DEVIATIONS_PER_13_WEEKS * weeks / 13))
    taken_up_with_ideas = []
    for number in range(count):
        code = rng.choices(codes, weights)[0]
        if number % 20 == 7 and HMS[number // 20 % 2] in catalogue:  # HSE ones, for sure
            code = HMS[number // 20 % 2]
        description, immediate = rng.choice(catalogue[code])
        severity = rng.choices(list(SEVERITY_WEIGHTS), list(SEVERITY_WEIGHTS.values()))[0]
        if code in HMS and severity == "low":
            severity = "high"
        if number % 20 == 0:  # a few critical ones, whatever the draw
            severity = "critical"
        reporter = workers[0] if rng.random() < 0.3 else rng.choice(workers)
        reported = _between(rng, start, now - timedelta(hours=2))
        data = {
            "category": code,
            "severity": severity,
            "occurred_at": reported - timedelta(minutes=rng.randint(10, 300)),
            "location": rng.choice(texts.LOCATIONS[kind]),
            "description": description,
            "immediate_action": immediate,
        }
        record_id = _uuid(rng)
        taken_up = _plan_deviation(
            plan, rng, code, record_id, reporter, leader, reported, data, now
        )
        if taken_up is not None and code in texts.FROM_DEVIATION:
            taken_up_with_ideas.append((record_id, code, taken_up))
    for record_id, code, taken_up in rng.sample(
        taken_up_with_ideas, k=min(2, len(taken_up_with_ideas))
    ):
        _plan_idea_from_deviation(plan, rng, record_id, code, workers, leader, taken_up, now)


def _plan_idea_from_deviation(plan, rng, deviation_id, code, workers, leader, taken_up, now):
    """The leader makes an idea of a deviation ("lag forbedringsforslag"), decided later."""
    key = f"idea-from-{deviation_id}"
    title, proposal = texts.FROM_DEVIATION[code]
    moment = taken_up + timedelta(minutes=20)

    def make():
        deviation = plan.records[deviation_id]
        plan.records[key] = deviations.create_idea_from_deviation(
            deviation, leader, title, proposal
        )

    plan.at(moment, make)
    plan.ledger.ideas_reported.append(moment)
    _plan_decision(plan, rng, key, "approved", workers, leader, moment, now)


def _plan_deviation(plan, rng, code, record_id, reporter, leader, reported, data, now):
    """A deviation's life; the moment the leader took it up (None: still new)."""
    records = plan.records

    def create():
        records[record_id] = reporting.create_deviation(reporter, record_id, data, reported)

    plan.at(reported, create)
    taken_up = _later(rng, reported, 2, 60, now)
    if taken_up is None or (reported > now - timedelta(days=4) and rng.random() < 0.5):
        return None  # still new: reported in the last days
    comment = rng.choice(texts.TAKEN_UP)
    measures = rng.sample(texts.MEASURES.get(code, texts.MEASURES["other"]), k=rng.randint(1, 2))

    def take_up():
        deviation = records[record_id]
        deviations.change_deviation_status(deviation, leader, "in_progress", comment)
        for text in measures:
            deviations.add_measure(deviation, leader, text, reporter.display_name)
        injury = texts.INJURIES.get(data["description"]) if code == "staff_injury" else None
        if injury:  # the injury register: the reporter by an (invented) employee number
            injury_register.save_injury(deviation, leader, str(4100 + reporter.id), injury)

    plan.at(taken_up, take_up)
    closed, summary = _closing(rng, record_id, data["severity"], taken_up, now)
    if closed is None:
        return taken_up  # in progress

    def close():
        deviation = records[record_id]
        for measure in deviation.measures:
            deviations.set_measure_done(measure, leader, True)
        if hms.missing_items(deviation):  # no serious injury in the demo: nobody to notify
            hms.record_answers(deviation, leader, DEMO_HMS_ANSWERS)
        deviations.change_deviation_status(deviation, leader, "closed", closing_summary=summary)

    plan.at(closed, close)
    return taken_up


def _closing(rng, record_id, severity, taken_up, now):
    """When a deviation taken up is closed, and its summary; (None, None): still open."""
    closed = _later(rng, taken_up, 24, 24 * 21, now)
    lingers = closed is None or rng.random() < 0.15
    summary = None if lingers else rng.choice(texts.CLOSING)
    if severity in ("high", "critical"):
        # A serious case is not left lying for weeks: closed within a week of being
        # taken up (drawing no more numbers, so the rest of the demo stays as it was).
        closed = taken_up + timedelta(hours=24 + int(record_id[:4], 16) % 144)
        lingers = closed > now
        summary = summary or texts.CLOSING[int(record_id[4:8], 16) % len(texts.CLOSING)]
    return (None, None) if lingers else (closed, summary)


# -- ideas -------------------------------------------------------------------


def _plan_ideas(plan, rng, kind, workers, leader, start, now, weeks) -> None:
    catalogue = texts.HOME_CARE_IDEAS if kind == "home-care" else texts.REFUGEE_IDEAS
    ends = [
        status
        for status, how_many in IDEA_PLAN_13_WEEKS.items()
        for _ in range(max(1, round(how_many * weeks / 13)))
    ]
    rng.shuffle(ends)
    last_meeting = max(
        (b for b in plan.meetings.values() if isinstance(b, datetime)), default=start
    )
    for number, end in enumerate(ends):
        title, problem, proposal, benefit = catalogue[number % len(catalogue)]
        if number >= len(catalogue):
            title = f"{title} (runde {number // len(catalogue) + 1})"
        most, least = REPORTED_DAYS_AGO[end]
        earliest = max(start, now - timedelta(days=most)) if most else start
        if end == "new":  # waits for the next meeting
            earliest = max(earliest, last_meeting)
        latest = max(earliest + timedelta(hours=1), now - timedelta(days=least))
        reported = _between(rng, earliest, min(latest, now - timedelta(hours=1)))
        reporter = workers[0] if rng.random() < 0.3 else rng.choice(workers)
        data = {"title": title, "problem": problem, "proposal": proposal, "benefit": benefit}
        record_id = _uuid(rng)
        _plan_idea(plan, rng, end, record_id, reporter, workers, leader, reported, data, now)


def _plan_idea(plan, rng, end, record_id, reporter, workers, leader, reported, data, now):
    records = plan.records

    def create():
        records[record_id] = reporting.create_idea(reporter, record_id, data, reported)

    plan.at(reported, create)
    plan.ledger.ideas_reported.append(reported)
    _plan_board_voices(plan, rng, record_id, reporter, workers, reported, now)
    if end == "new":
        return
    if end == "done_jdi":
        learning = rng.choice(texts.LEARNING)
        moment = _later(rng, reported, 2, 48, now) or reported + timedelta(minutes=30)
        plan.at(moment, lambda: ideas.just_do_it(records[record_id], reporter, learning))
        plan.ledger.first_decisions.append((reported, moment))
        plan.ledger.done.append(moment)
        return
    first = "approved" if end in ("approved", "in_progress", "done") else end
    decided = _plan_decision(plan, rng, record_id, first, workers, leader, reported, now)
    if end in ("in_progress", "done"):
        _plan_work(plan, rng, end, record_id, leader, decided, now)


def _plan_decision(plan, rng, record_id, status, workers, leader, reported, now) -> datetime:
    """The leader's first decision: in the next board meeting, or on the idea page."""
    records = plan.records
    comment = rng.choice(texts.DECISIONS[status])
    responsible = rng.choice(workers)
    overdue = rng.random() < 0.3  # some past their due date: on the meeting's agenda
    due_from = None if overdue else now
    fields = {"comment": comment}
    meeting = _next_meeting(plan, reported) if rng.random() < 0.8 else None
    if meeting is not None:
        key, begins = meeting
        moment = begins + timedelta(minutes=rng.randint(2, 27))
    else:
        moment = _later(rng, reported, 4, 72, now) or reported + timedelta(minutes=30)
    if status == "approved":
        fields.update(
            responsible=responsible.display_name,
            responsible_id=responsible.id,
            due_date=((due_from or moment) + timedelta(days=rng.randint(7, 40)))
            .astimezone(OSLO)
            .date(),
        )

    def decide():
        idea = records[record_id]
        if meeting is None:
            ideas.decide_idea(idea, leader, status, **fields)
        else:
            meetings.decide_in_meeting(plan.meetings[meeting[0]], idea, leader, status, **fields)
        if status == "approved":
            _expected_gain(idea, leader)

    plan.at(moment, decide)
    plan.ledger.first_decisions.append((reported, moment))
    return moment


def _plan_work(plan, rng, end, record_id, leader, decided, now) -> None:
    """Approved -> in progress with PDSA notes (by the responsible person) -> maybe done."""
    records = plan.records
    started = _later(rng, decided, 24, 24 * 5, now) or decided + timedelta(hours=1)
    notes = {name: rng.choice(choices) for name, choices in texts.PDSA.items()}

    def start():
        idea = records[record_id]
        ideas.decide_idea(idea, leader, "in_progress", rng_comment)
        worker = db.session.get(User, idea.responsible_id)
        ideas.write_pdsa(idea, worker, {k: notes[k] for k in ("pdsa_plan", "pdsa_do")})

    rng_comment = rng.choice(texts.DECISIONS["in_progress"])
    plan.at(started, start)
    studied = _later(rng, started, 24 * 5, 24 * 14, now)
    if studied is not None and (end == "done" or rng.random() < 0.5):

        def study():
            idea = records[record_id]
            worker = db.session.get(User, idea.responsible_id)
            ideas.write_pdsa(idea, worker, notes)

        plan.at(studied, study)
    if end == "done":
        finished = (studied or started) + timedelta(hours=rng.randint(2, 30))
        finished = min(finished, now - timedelta(minutes=10))
        learning = rng.choice(texts.LEARNING)
        plan.ledger.done.append(finished)

        def finish():
            idea = records[record_id]
            ideas.decide_idea(idea, leader, "done", learning=learning)
            _realised_gain(idea, leader)

        plan.at(finished, finish)


# Gains: two approved ideas in three get an expected time gain, chosen from the idea's
# title and time (not the random sequence, so the rest of the history stays as it was);
# a done one its realised gain, mostly what was expected, sometimes less.
GAIN_HOURS = ("0.5", "1", "1.5", "2", "3")


def _gain_pick(idea, salt: int) -> int:
    digest = hashlib.sha256(f"{idea.title}|{idea.created_at.isoformat()}".encode()).hexdigest()
    return int(digest[salt : salt + 8], 16)


def _expected_gain(idea, leader) -> None:
    if _gain_pick(idea, 0) % 3:
        gains.record_gain(idea, leader, "expected", "time", GAIN_HOURS[_gain_pick(idea, 8) % 5])


def _realised_gain(idea, leader) -> None:
    expected = next((g for g in idea.gains if g.stage == "expected"), None)
    if expected is None:
        return
    hours = expected.minutes_per_week / 60 * (1 if _gain_pick(idea, 16) % 4 else 0.5)
    gains.record_gain(idea, leader, "realised", "time", str(hours), None, texts.REALISED_GAIN)


def _plan_board_voices(plan, rng, record_id, reporter, workers, reported, now) -> None:
    """Colleagues support and comment in the days after an idea is reported."""
    colleagues = [w for w in workers if w.id != reporter.id]
    for worker in rng.sample(colleagues, k=rng.randint(0, len(colleagues))):
        moment = _later(rng, reported, 1, 72, now)
        if moment is not None:
            plan.at(moment, lambda w=worker: board.set_support(w, plan.records[record_id], True))
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        worker, text = rng.choice(colleagues), rng.choice(texts.IDEA_COMMENTS)
        moment = _later(rng, reported, 1, 96, now)
        if moment is not None:
            plan.at(
                moment,
                lambda w=worker, t=text: board.comment(w, plan.records[record_id], t),
            )
