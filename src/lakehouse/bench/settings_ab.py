"""``lakehouse bench --ab-setting KEY=VALUE``: does a Spark setting pay on our builds?

Warm builds on the warehouse the last ``make bench`` left, in one JVM, the setting switched between builds:
A with the session's own values, B with the given ones, in an order that alternates the sides (default
ABBAABBA), so that the JVM's warm-up and the host's drift fall on both. Untimed warm-up builds come first.
The tuning log in bench/README.md records such A/Bs.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

DEFAULT_ORDER = "ABBAABBA"

# one timed build: (wall seconds, seconds per node)
Build = Callable[[], tuple[float, dict[str, float]]]


def parse_settings(pairs: list[str]) -> dict[str, str]:
    """``["spark.x=1", ...]`` -> ``{"spark.x": "1"}``; raises ValueError on anything else."""
    settings: dict[str, str] = {}
    for pair in pairs:
        key, separator, value = (part.strip() for part in pair.partition("="))
        if not separator or not key.startswith("spark.") or not value:
            raise ValueError(f"--ab-setting takes spark.KEY=VALUE, got {pair!r}")
        settings[key] = value
    return settings


def check_order(order: str) -> str:
    """The build order: A and B only, each at least once."""
    if set(order) != {"A", "B"}:
        raise ValueError(f"--ab-order is a sequence of A and B with both in it, e.g. {DEFAULT_ORDER}; got {order!r}")
    return order


def check_modifiable(spark: Any, settings: dict[str, str]) -> None:
    """Only settings a running session can change can be switched between builds."""
    # Delta registers its settings (spark.databricks.delta.*) when its configuration object is first used:
    # until a Delta statement has run, Spark would call them unknown
    spark._jvm.org.apache.spark.sql.delta.sources.DeltaSQLConf.DELTA_STATS_SKIPPING()
    fixed = [key for key in settings if not spark.conf.isModifiable(key)]
    if fixed:
        raise ValueError(
            f"not a setting a running Spark session can change (unknown or static): {', '.join(fixed)}; "
            "set it in profiles.yml and compare two `make bench` runs instead"
        )


def _apply(spark: Any, values: dict[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            spark.conf.unset(key)
        else:
            spark.conf.set(key, value)


def measure_settings_ab(
    spark: Any,
    build: Build,
    *,
    settings: dict[str, str],
    order: str,
    warm_ups: int,
    progress: Callable[[str], None],
) -> dict[str, Any]:
    """Run ``warm_ups`` untimed builds, then one timed build per letter of ``order``; the session's own values
    are back in place afterwards, even when a build fails."""
    check_modifiable(spark, settings)
    own: dict[str, str | None] = {key: spark.conf.get(key, None) for key in settings}
    builds: list[dict[str, Any]] = []
    try:
        for number in range(1, warm_ups + 1):
            _apply(spark, own)
            seconds, _ = build()
            progress(f"bench: warm-up build {number}/{warm_ups}: {seconds:.1f}s")
        for number, side in enumerate(order, start=1):
            _apply(spark, settings if side == "B" else own)
            seconds, nodes = build()
            builds.append({"side": side, "seconds": round(seconds, 2), "nodes": nodes})
            progress(f"bench: build {number}/{len(order)} ({side}): {seconds:.1f}s")
    finally:
        _apply(spark, own)
    return {"settings": settings, "own_values": own, "order": order, "warm_ups": warm_ups, "builds": builds}


def _medians(builds: list[dict[str, Any]], side: str) -> tuple[float, dict[str, float]]:
    chosen = [build for build in builds if build["side"] == side]
    names = set.intersection(*(set(build["nodes"]) for build in chosen))
    nodes = {name: round(statistics.median(build["nodes"][name] for build in chosen), 2) for name in names}
    return round(statistics.median(build["seconds"] for build in chosen), 2), nodes


def ab_summary(ab: dict[str, Any], top: int = 10) -> dict[str, Any]:
    """Median build time per side, B / A, and the nodes whose median moved most."""
    a_seconds, a_nodes = _medians(ab["builds"], "A")
    b_seconds, b_nodes = _medians(ab["builds"], "B")
    both = [name for name in a_nodes.keys() & b_nodes.keys() if a_nodes[name] != b_nodes[name]]
    moved = sorted(
        ({"node": name, "a_s": a_nodes[name], "b_s": b_nodes[name]} for name in both),
        key=lambda row: (-abs(row["b_s"] - row["a_s"]), row["node"]),
    )
    return {
        "a_median_s": a_seconds,
        "b_median_s": b_seconds,
        "ratio": round(b_seconds / a_seconds, 3),
        "moved": moved[:top],
    }


def ab_markdown(ab: dict[str, Any], summary: dict[str, Any]) -> list[str]:
    settings = ", ".join(f"`{key}` {value}" for key, value in ab["settings"].items())
    own = ", ".join(f"`{key}` {'(unset)' if value is None else value}" for key, value in ab["own_values"].items())
    built = ", ".join(f"`{node}`" for node in ab.get("select") or []) or "the whole project"
    lines = [
        "## A Spark setting, A/B in one JVM",
        "",
        f"Builds of {built} (models, seeds and snapshots, no tests) on the last `make bench`'s warehouse, no new "
        f"rows, {ab.get('threads', 1)} dbt thread(s): {ab['warm_ups']} untimed warm-up build(s), then in the order "
        f"{ab['order']}: A as configured ({own}), B with {settings}.",
        "",
        "| build | side | s |",
        "|---:|---|---:|",
        *(f"| {number} | {build['side']} | {build['seconds']} |" for number, build in enumerate(ab["builds"], 1)),
        "",
        f"Median A {summary['a_median_s']} s, B {summary['b_median_s']} s: **B / A {summary['ratio']}x** "
        "(one build's time moves by ~10 % from build to build: a difference inside that is none).",
        "",
    ]
    if summary["moved"]:
        lines += ["Nodes whose median moved most:", "", "| node | A s | B s |", "|---|---:|---:|"]
        lines += [f"| {row['node']} | {row['a_s']} | {row['b_s']} |" for row in summary["moved"]]
        lines.append("")
    return lines
