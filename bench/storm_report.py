"""bench/sync_storm.py's figures: one line per storm, a summary and a verdict per database."""

import statistics

MAX_P99_MS = 500
MIN_RATIO = 0.10


def percentile(values, p):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summarise(name: str, tally, args) -> dict:
    """One side of one round (a Tally; printed): slice walls summed, requests pooled."""
    latencies = [s[1] * 1000 for s in tally.samples]
    errors = [s[2] for s in tally.samples if s[2]]
    row = {
        "records_per_s": tally.devices * args.mutations / tally.wall,
        "latencies": latencies,
        "errors": len(errors),
        "cpu_ms": tally.app_cpu * 1000 / tally.devices,
        "db_cpu_ms": tally.db_cpu * 1000 / tally.devices,
    }
    print(
        f"{name:<22} {row['records_per_s']:>7.0f} rec/s  "
        f"{len(tally.samples):>5} req in {tally.wall:5.1f} s  "
        f"p50 {percentile(latencies, 50):6.1f}  p95 {percentile(latencies, 95):6.1f}  "
        f"p99 {percentile(latencies, 99):6.1f} ms  app CPU/device {row['cpu_ms']:5.1f} ms  "
        f"errors {len(errors)} {errors[0] if errors else ''}",
        flush=True,
    )
    return row


def summarise_database(kind, rounds, duplicates, load_before, load_after, db_cpu=None) -> dict:
    """Ratio per round and its median, Steg latencies of all rounds pooled, CPU, the verdict.

    ``db_cpu`` is "n/a" when PostgreSQL's backends could not be read; on SQLite
    (None, and no backends sampled) the database's CPU is the app's own.
    """
    ratios = [steg["records_per_s"] / echo["records_per_s"] for echo, steg in rounds]
    latencies = [ms for _, steg in rounds for ms in steg["latencies"]]
    cpu_ratio = sum(e["cpu_ms"] for e, _ in rounds) / (sum(s["cpu_ms"] for _, s in rounds) or 1)
    steg_cpu = statistics.median(steg["cpu_ms"] for _, steg in rounds)
    echo_cpu = statistics.median(echo["cpu_ms"] for echo, _ in rounds)
    result = {
        "kind": kind,
        "median_ratio": statistics.median(ratios),
        "p99": percentile(latencies, 99),
        "errors": sum(echo["errors"] + steg["errors"] for echo, steg in rounds),
        "duplicates": duplicates,
    }
    lines = [
        f"{kind}: ratio to echo per round {'  '.join(f'{r:.1%}' for r in ratios)}, "
        f"median {result['median_ratio']:.1%}",
        f"{kind}: app CPU per device, median over rounds: steg {steg_cpu:.1f} ms, "
        f"echo {echo_cpu:.1f} ms; echo/steg {cpu_ratio:.1%}",
    ]
    if kind == "postgres":
        per_round = [steg["db_cpu_ms"] for _, steg in rounds]
        lines.append(
            f"{kind}: PostgreSQL backends' CPU per device in the steg storms: n/a "
            "(/proc does not show them)"
            if db_cpu == "n/a"
            else f"{kind}: PostgreSQL backends' CPU per device in the steg storms per round "
            f"{'  '.join(f'{ms:.1f}' for ms in per_round)} ms, "
            f"median {statistics.median(per_round):.1f} ms"
        )
    lines += [
        f"{kind}: steg, {len(latencies)} requests of {len(rounds)} rounds pooled: "
        f"p50 {percentile(latencies, 50):.1f}  p95 {percentile(latencies, 95):.1f}  "
        f"p99 {result['p99']:.1f} ms; errors {result['errors']}; "
        f"duplicates in the database afterwards {duplicates}",
        f"{kind}: load average before {load_before:.2f}, after {load_after:.2f}",
        f"{kind}: {verdict(result)}",
    ]
    print("\n".join(lines), flush=True)
    return result


def verdict(result: dict) -> str:
    failures = [
        f"{result['errors']} errors" if result["errors"] else "",
        f"{result['duplicates']} duplicates" if result["duplicates"] else "",
        f"p99 {result['p99']:.0f} ms >= {MAX_P99_MS}" if result["p99"] >= MAX_P99_MS else "",
        f"median ratio {result['median_ratio']:.1%} < {MIN_RATIO:.0%}"
        if result["median_ratio"] < MIN_RATIO
        else "",
    ]
    failures = [failure for failure in failures if failure]
    return f"FAIL ({', '.join(failures)})" if failures else "PASS"
