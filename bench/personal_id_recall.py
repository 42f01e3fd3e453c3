"""Recall and false positives of the identity-number guard, server and browser side.

    .venv/bin/python -m bench.personal_id_recall [--n 10000] [--seed 2026] [--no-js]

Generates (fixed seed) N valid numbers (fødselsnummer, D- and H-nummer mixed) in each
disguise inside a sentence, N invalid 11-digit strings, N phone-number texts, N
everyday texts (dates, times, sums, organisation numbers) and N bank account numbers;
runs app/services/personal_id.py and (through node) static/js/lib/personal-id.js on
every text and prints the table in docs/personal-id.md, then a micro-timing of typical
texts before and after the change.
"""

import argparse
import json
import random
import re
import subprocess
import time
from pathlib import Path

from app.services.personal_id import (
    DIGIT_RUN,
    find_personal_id_numbers,
    is_personal_id,
    normalise,
)
from bench import personal_id_cases as cases

ROOT = Path(__file__).resolve().parents[1]
NODE_RUNNER = ROOT / "tests" / "js" / "find_personal_ids.mjs"
OLD_CANDIDATE = re.compile(r"(?<!\d)(\d{6}) ?(\d{5})(?!\d)")


def generate(n: int, seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    sets = {
        f"valid: {name}": [cases.disguised(rng, name) for _ in range(n)] for name in cases.DISGUISES
    }
    sets["invalid 11 digits"] = [cases.invalid_text(rng) for _ in range(n)]
    sets["phone numbers"] = [cases.phone_text(rng) for _ in range(n)]
    sets["dates, times, sums, org. numbers"] = [cases.everyday_text(rng) for _ in range(n)]
    sets["bank account numbers"] = [cases.account_text(rng) for _ in range(n)]
    return sets


def run_js(texts: list[str]) -> tuple[list[bool], float]:
    answer = subprocess.run(
        ["node", str(NODE_RUNNER)],
        input=json.dumps({"texts": texts}),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    result = json.loads(answer.stdout)
    return [bool(f) for f in result["found"]], result["ms"]


def whole_number(text: str, found: list[str]) -> bool:
    """A hit that is one number as written (not digits of neighbours joined): its own 11
    digits form a valid identity number, so no rule can tell it from one."""
    runs = [r[0] for r in DIGIT_RUN.finditer(normalise(text))]
    return any(f in runs for f in found)


def table(sets: dict[str, list[str]], with_js: bool) -> None:
    print("| set | texts | Python caught | JS caught | agree |")
    print("|---|---:|---:|---:|---:|")
    for name, texts in sets.items():
        found = [find_personal_id_numbers(t) for t in texts]
        py = [bool(f) for f in found]
        js, _ = run_js(texts) if with_js else (py, 0)
        agree = sum(a == b for a, b in zip(py, js, strict=True))
        share = f"{sum(py)} ({100 * sum(py) / len(texts):.2f} %)"
        note = ""
        if not name.startswith("valid") and sum(py):
            whole = sum(whole_number(t, f) for t, f in zip(texts, found, strict=True) if f)
            note = f" [{whole} a whole number whose own 11 digits are valid]"
            for text, hit in zip(texts, found, strict=True):
                if hit and not whole_number(text, hit):
                    print(f"    false positive: {text!r} -> {hit}")
        js_share = sum(js) if with_js else "-"
        print(f"| {name} | {len(texts)} | {share}{note} | {js_share} | {agree} |")


def old_find(text):
    return [m[0] for m in OLD_CANDIDATE.finditer(text) if is_personal_id(m[1] + m[2])]


TYPICAL = {
    "short, no digits": "Bruker falt i trappen på vei til badet, ingen synlige skader.",
    "with phone and time": "Ringte pårørende på 412 34 567 kl. 14.30, ingen svar. Rom 214.",
    "with date and sum": "Regning 01.02.2024 på 12 345,50 kr ble sendt til feil adresse.",
    "long (2 000 chars, æøå)": (
        "Beboeren på rom 12 fikk ikke middag i går. Pårørende ble "
        "varslet. Tiltak: bedre rutiner på vaktskiftet. "
    )
    * 14,
}


def timing() -> None:
    print("\nMicro-timing per text (best of 5 × 2 000 calls):")
    print("| text | before (µs) | after (µs) |")
    print("|---|---:|---:|")
    for name, text in TYPICAL.items():
        row = []
        for fn in (old_find, find_personal_id_numbers):
            best = min(_time(fn, text) for _ in range(5))
            row.append(f"{best:.1f}")
        print(f"| {name} | {row[0]} | {row[1]} |")


def _time(fn, text, calls=2000):
    started = time.perf_counter()
    for _ in range(calls):
        fn(text)
    return (time.perf_counter() - started) / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-js", action="store_true", help="skip the node run")
    args = parser.parse_args()
    table(generate(args.n, args.seed), with_js=not args.no_js)
    timing()


if __name__ == "__main__":
    main()
