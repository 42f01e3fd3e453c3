"""The tablet's guard (static/js/lib/personal-id.js, run by node) and the server's agree:
on the shared vectors and on generated texts in every disguise."""

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from app.services.personal_id import find_personal_id_numbers
from bench import personal_id_cases as cases

ROOT = Path(__file__).resolve().parents[2]
VECTORS = json.loads((ROOT / "tests" / "vectors" / "personal_id.json").read_text())

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def run_node(texts: list[str]) -> dict:
    answer = subprocess.run(
        ["node", "tests/js/find_personal_ids.mjs"],
        input=json.dumps({"texts": texts}),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=60,
    )
    return json.loads(answer.stdout)


def test_the_javascript_tests_pass():
    answer = subprocess.run(
        ["node", "--test", "tests/js/"], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert answer.returncode == 0, answer.stdout + answer.stderr


def test_both_sides_declare_the_same_rule():
    rule = run_node([])["rule"]
    assert rule["separators"] == VECTORS["rule"]["separators"]
    assert rule["max_gap"] == VECTORS["rule"]["max_gap"]
    assert rule["max_country_code"] == VECTORS["rule"]["max_country_code"]
    assert sorted(rule["invisible_categories"]) == VECTORS["rule"]["invisible_categories"]
    assert rule["year_centuries"] == VECTORS["rule"]["year_centuries"]


def test_both_sides_find_the_same_numbers_in_every_vector_and_generated_text():
    rng = random.Random(7)
    texts = VECTORS["contains"] + VECTORS["clean"]
    for disguise in cases.DISGUISES:
        texts += [cases.disguised(rng, disguise) for _ in range(100)]
    texts += [cases.invalid_text(rng) for _ in range(500)]
    texts += [cases.phone_text(rng) for _ in range(500)]
    texts += [cases.everyday_text(rng) for _ in range(500)]
    texts += [cases.account_text(rng) for _ in range(500)]
    found_in_browser = run_node(texts)["found"]
    disagree = [
        (text, mine, theirs)
        for text, mine, theirs in zip(
            texts, map(find_personal_id_numbers, texts), found_in_browser, strict=True
        )
        if mine != theirs
    ]
    assert disagree == []
