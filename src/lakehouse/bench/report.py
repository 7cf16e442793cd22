"""Targets, Markdown report and plot of a benchmark run (pure: works on the result dict alone)."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

from lakehouse.bench.machine import QUIET_SHARE
from lakehouse.bench.settings_ab import ab_markdown, ab_summary
from lakehouse.bench.timings import LAYERS

DAY_RATIO_TARGET = 1.3
# the day the early loads are centred on ("after 5 days of history"); daily.py times the days around it
EARLY_DAY = 5
VAULT_RATIO_TARGET = 1.2
# PIT time may grow at most this much faster than satellite rows between the smallest and largest run
PIT_LINEARITY_TOLERANCE = 1.25
# days timed on their own at each end when a result does not say (results written before --window existed)
DEFAULT_WINDOW = 3


def day_windows(days: int, window: int) -> tuple[range, range]:
    """The early days (``window`` days centred on day 5) and the late days (the last ``window`` days, all after
    the early ones) whose loads are compared; the late range is empty when ``days`` leaves no day after them."""
    first_early = EARLY_DAY - (window - 1) // 2
    early = range(max(first_early, 1), first_early + window)
    return early, range(max(days - window + 1, early.stop), days + 1)


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def _ratio(late: float | None, early: float | None) -> float | None:
    return round(late / early, 3) if early and late else None


def day_targets(daily: dict[str, Any]) -> dict[str, Any]:
    """Day-N load vs. day-5 load: medians of the timed days of the early window (around day 5) and of the late
    window (the last days), as ``day_windows`` defines them for the run's ``window``.

    With a compaction before day D, the timed days before D (as many as the window) are compared with day 5 too.
    """
    loads = daily.get("loads", [])
    window = daily.get("window") or DEFAULT_WINDOW
    early_window, late_window = day_windows(max((load["day"] for load in loads), default=0), window)
    early_days = sorted(load["day"] for load in loads if load["day"] in early_window)
    late_days = sorted(load["day"] for load in loads if load["day"] in late_window)
    early = [load["total_s"] for load in loads if load["day"] in early_days]
    late = [load["total_s"] for load in loads if load["day"] in late_days]
    early_median, late_median = _median(early), _median(late)
    ratio = _ratio(late_median, early_median)
    vault = [load["raw_vault_rows_per_s"] for load in loads if load["day"] > 1 and load["raw_vault_rows_per_s"]]
    targets = {
        "early_days": early_days,
        "late_days": late_days,
        "early_median_s": early_median,
        "late_median_s": late_median,
        "ratio": ratio,
        "met": ratio is not None and ratio <= DAY_RATIO_TARGET,
        "raw_vault_rows_per_s_median": _median(vault),
    }
    compaction = daily.get("compaction")
    if compaction:
        before = sorted(load["day"] for load in loads if early_window.stop <= load["day"] < compaction["day"])
        before = before[-window:]
        before_median = _median([load["total_s"] for load in loads if load["day"] in before])
        targets["uncompacted_days"] = before
        targets["uncompacted_median_s"] = before_median
        targets["uncompacted_ratio"] = _ratio(before_median, early_median)
    return targets


def model_growth(daily: dict[str, Any], targets: dict[str, Any], top: int = 10) -> list[dict[str, Any]]:
    """The models whose median seconds grew most from the early days to the last days."""
    by_day = {load["day"]: load.get("models", {}) for load in daily.get("loads", [])}
    growth = []
    for name in set().union(*(by_day[day] for day in targets["early_days"] + targets["late_days"])):
        early = _median([by_day[day][name] for day in targets["early_days"] if name in by_day[day]])
        late = _median([by_day[day][name] for day in targets["late_days"] if name in by_day[day]])
        if early is not None and late is not None:
            growth.append({"model": name, "early_s": early, "late_s": late, "growth_s": round(late - early, 2)})
    return sorted(growth, key=lambda row: row["growth_s"], reverse=True)[:top]


def vault_targets(vault: dict[str, Any]) -> dict[str, Any]:
    """Worst ours/hand-written ratio for hub and sat loads; PIT seconds per satellite row across cycles."""
    steps = vault.get("steps", {})
    load_ratios = {step: value["ratio"] for step, value in steps.items() if not step.startswith("pit")}
    pit_ratios = {step: value["ratio"] for step, value in steps.items() if step.startswith("pit")}
    worst = max((r for r in load_ratios.values() if r is not None), default=None)
    pit_points = []
    for cycle, size in sorted(vault.get("sizes", {}).items()):
        step = steps.get(f"pit_{cycle}")
        if step:
            pit_points.append({"sat_rows": size["sat_rows"], "seconds": step["ours_median_s"]})
    linear = None
    if len(pit_points) >= 2 and pit_points[0]["seconds"] > 0:
        growth_rows = pit_points[-1]["sat_rows"] / pit_points[0]["sat_rows"]
        growth_time = pit_points[-1]["seconds"] / pit_points[0]["seconds"]
        linear = {"rows_growth": round(growth_rows, 2), "time_growth": round(growth_time, 2)}
        linear["met"] = growth_time <= growth_rows * PIT_LINEARITY_TOLERANCE
    return {
        "load_ratios": load_ratios,
        "worst_load_ratio": worst,
        "load_met": worst is not None and worst <= VAULT_RATIO_TARGET,
        "pit_ratios": pit_ratios,
        "pit_points": pit_points,
        "pit_linearity": linear,
    }


def summarise(result: dict[str, Any]) -> dict[str, Any]:
    targets: dict[str, Any] = {}
    if result.get("daily"):
        targets["daily"] = day_targets(result["daily"])
    if result.get("vault"):
        targets["vault"] = vault_targets(result["vault"])
    if result.get("settings_ab"):
        targets["settings_ab"] = ab_summary(result["settings_ab"])
    return targets


def plot(daily: dict[str, Any], path: Path) -> None:
    """Load time per day vs. days of history, one line per layer plus ingestion and the total."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    loads = sorted(daily.get("loads", []), key=lambda load: load["day"])
    history = [load["day"] - 1 for load in loads]
    figure, axes = plt.subplots(figsize=(10, 4.5))
    axes.plot(history, [load["total_s"] for load in loads], marker="o", color="black", label="total (ingest + dbt)")
    axes.plot(history, [load["ingest_s"] for load in loads], marker=".", label="ingest (Bronze)")
    for layer in LAYERS:
        values = [load["layers"].get(layer) for load in loads]
        if any(v is not None for v in values):
            axes.plot(history, [v or 0.0 for v in values], marker=".", label=layer)
    if daily.get("compaction"):  # between the last day before OPTIMIZE and the first after it
        axes.axvline(daily["compaction"]["day"] - 1.5, color="grey", linestyle="--", label="OPTIMIZE (all tables)")
    axes.set_xlabel("days of history already loaded")
    axes.set_ylabel("seconds for one day's load")
    axes.set_title(f"Daily load time vs. history (scale {daily['scale']}, {daily['days']} days)")
    axes.set_ylim(bottom=0)
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))  # beside the plot, never over a line
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def _second_build_day(daily: dict[str, Any]) -> int | None:
    """The timed day that was the run's second dbt build (the first being a catch-up from day 1), if any."""
    loads = sorted(load["day"] for load in daily.get("loads", []))
    catch_ups = daily.get("catch_ups", [])
    if loads and catch_ups and catch_ups[0]["days"][0] == 1 and loads[0] == catch_ups[0]["days"][1] + 1:
        return loads[0]
    return None


def _fmt(value: Any, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value}{suffix}"


def statement_table(daily: dict[str, Any]) -> list[str]:
    """Markdown lines: seconds per kind of SQL statement of every timed day's build (from dbt's debug log)."""
    loads = [load for load in daily.get("loads", []) if load.get("statements")]
    if not loads:
        return []
    kinds: list[str] = []
    for load in loads:
        kinds += [kind for kind in load["statements"] if kind not in kinds]
    last = loads[-1]["statements"]
    kinds.sort(key=lambda kind: -last.get(kind, {}).get("seconds", 0.0))
    totals = [round(sum(v["seconds"] for v in load["statements"].values()), 2) for load in loads]
    overlap = (
        "thread seconds: with more than one thread statements overlap"
        if daily["threads"] > 1
        else "one thread: the rest of dbt s is dbt's own work between statements"
    )
    return [
        "",
        f"Where each timed build's time went: dbt's SQL statements by kind, from its debug log ({overlap}). "
        f"Statements: the count in day {loads[-1]['day']}'s build.",
        "",
        "| statement | statements | " + " | ".join(f"day {load['day']} s" for load in loads) + " |",
        "|---|---:|" + "---:|" * len(loads),
        *(
            f"| {kind} | {last.get(kind, {}).get('statements', 0)} | "
            + " | ".join(_fmt(load["statements"].get(kind, {}).get("seconds")) for load in loads)
            + " |"
            for kind in kinds
        ),
        f"| all statements | {sum(v['statements'] for v in last.values())} | "
        + " | ".join(str(total) for total in totals)
        + " |",
    ]


def compiled_classes_line(daily: dict[str, Any]) -> list[str]:
    """Markdown lines: the classes Spark generated and compiled in each build, in build order (runs before the
    count was recorded have none)."""
    builds = [
        (catch["days"][1], f"days {catch['days'][0]}-{catch['days'][1]}", catch) for catch in daily.get("catch_ups", [])
    ]
    builds += [(load["day"], f"day {load['day']}", load) for load in daily.get("loads", [])]
    builds.sort(key=lambda build: build[0])
    if daily.get("full_rebuild"):
        builds.append((daily["days"] + 1, "full rebuild", daily["full_rebuild"]))
    counted = [f"{name} {build['classes_compiled']:,}" for _, name, build in builds if "classes_compiled" in build]
    if not counted:
        return []
    return [
        "",
        f"Classes Spark generated and compiled for the queries of each build: {', '.join(counted)}. A build finds "
        "the classes of the queries an earlier build of the same JVM ran in Spark's cache "
        "(`spark.sql.codegen.cache.maxEntries`) and compiles only what is new.",
    ]


def machine_note(env: dict[str, Any]) -> str:
    """Whether other work on the machine inflated the run's absolute times (``lakehouse.bench.machine``)."""
    if "other_share" not in env:
        return (
            "Absolute times are inflated by any other work on this machine; ratios compare runs made back to back "
            "under the same load."
        )
    measured = (
        f"Other processes used {env['cpu_seconds_other']:g} CPU seconds during the run, "
        f"{env['other_share']:.0%} of the machine (the benchmark itself {env['cpu_seconds_own']:g})"
    )
    if env["other_share"] < QUIET_SHARE:
        return (
            f"{measured}: a quiet machine (the host's own speed still varies from run to run: compare runs made "
            "back to back)."
        )
    return (
        f"{measured}: absolute times are inflated by that work; ratios compare runs made back to back under the "
        "same load."
    )


def markdown(result: dict[str, Any], targets: dict[str, Any], plot_name: str | None) -> str:
    env = result["environment"]
    lines = [
        f"# Benchmark {result['started_at']}",
        "",
        f"Machine: {env['cpus']} CPUs, load average {env['load_average_start']} at start and "
        f"{env['load_average_end']} at end. {machine_note(env)}",
        "",
    ]
    if env.get("java"):
        chosen = "`JAVA_HOME`, else the newest JDK Spark supports"
        lines += [f"Java {env['java']} (`lakehouse.java_runtime`: {chosen}).", ""]
    if env.get("spark_conf"):
        settings = ", ".join(f"`{key}` {value}" for key, value in env["spark_conf"].items())
        lines += [f"Spark settings (profiles.yml): {settings}.", ""]
    if "daily" in targets:
        daily, day = result["daily"], targets["daily"]
        lines += [
            f"## Daily loads (scale {daily['scale']}, {daily['days']} days, seed {daily['seed']})",
            "",
            f"Each load is one `dbt build` of models, seeds and snapshots (no tests) with {daily['threads']} dbt "
            "thread(s); dbt s is its wall time, the layer columns sum the node times of each layer (with more "
            "than one thread, nodes overlap and the layers add up to more than the wall time).",
            "",
        ]
        if plot_name:
            lines += [f"![load time per day vs. days of history]({plot_name})", ""]
        layer_names = [layer for layer in LAYERS if any(layer in load["layers"] for load in daily["loads"])]
        if daily["loads"]:
            lines += [
                "| day | history days | ingest s | dbt s | " + " | ".join(layer_names) + " | raw vault rows | rows/s |",
                "|---:|---:|---:|---:|" + "---:|" * len(layer_names) + "---:|---:|",
            ]
        for load in daily["loads"]:
            cells = [_fmt(load["layers"].get(layer)) for layer in layer_names]
            lines.append(
                f"| {load['day']} | {load['day'] - 1} | {load['ingest_s']} | {load['dbt_s']} | "
                + " | ".join(cells)
                + f" | {load['raw_vault_rows_inserted']} | {_fmt(load['raw_vault_rows_per_s'])} |"
            )
        for catch in daily.get("catch_ups", []):
            lines += [
                "",
                f"Days {catch['days'][0]}-{catch['days'][1]} were ingested day by day and built in one catch-up "
                f"build ({catch['dbt_s']} s, {catch['raw_vault_rows_inserted']} raw vault rows).",
            ]
            if catch.get("fresh_jvm"):
                lines[-1] += (
                    " The JVM was restarted before it, as each day's `lakehouse build` starts a fresh one: the days "
                    "after it ran on a JVM as old as the early days' (cold first build, then JIT-warm), so the "
                    "ratio measures history, not the age of one long-lived JVM."
                )
        lines += statement_table(daily)
        if daily.get("full_rebuild"):
            full = daily["full_rebuild"]
            lines += [
                "",
                f"Full rebuild (`dbt build --full-refresh`, no tests) of all {daily['days']} days: "
                f"{full['dbt_s']} s; per layer: " + ", ".join(f"{k} {v} s" for k, v in full["layers"].items()) + ".",
            ]
        lines += compiled_classes_line(daily)
        if daily["loads"]:
            rows_per_s = _fmt(day["raw_vault_rows_per_s_median"])
            lines += [
                "",
                f"Day-{'/'.join(map(str, day['late_days']))} load (median {_fmt(day['late_median_s'], ' s')}) vs. "
                f"day-{'/'.join(map(str, day['early_days']))} load (median {_fmt(day['early_median_s'], ' s')}): "
                f"**{_fmt(day['ratio'], 'x')}** (target <= {DAY_RATIO_TARGET}x: {'met' if day['met'] else 'missed'}). "
                f"Rows/s into the raw vault (median over incremental days): {rows_per_s}.",
                "",
            ]
            second = _second_build_day(daily)
            if second is not None and second in day["early_days"]:
                remedy = (
                    "the median of the early days keeps it from deciding the ratio"
                    if len(day["early_days"]) >= 3
                    else "it reads slow, and the ratio low. A fair ratio needs more days and `--window 3` "
                    "(bench/README.md)"
                )
                lines += [
                    f"Day {second} was the second build of this JVM, right after the cold first one, and still paid "
                    f"part of the JIT warm-up: {remedy}.",
                    "",
                ]
        if daily.get("compaction"):
            compaction = daily["compaction"]
            files_before = sum(schema["files"] for schema in compaction["files_before"].values())
            files_after = sum(schema["files"] for schema in compaction["files_after"].values())
            lines += [
                f"`OPTIMIZE` of every Delta table before day {compaction['day']}: {compaction['seconds']} s, "
                f"{files_before} data files -> {files_after}. Days "
                f"{'/'.join(map(str, day['uncompacted_days']))} before it: median "
                f"{_fmt(day['uncompacted_median_s'], ' s')}, **{_fmt(day['uncompacted_ratio'], 'x')}** of day 5.",
                "",
            ]
        growth = model_growth(daily, day) if daily["loads"] and day["late_days"] else []
        if growth:
            lines += [
                "Models whose load time grew most (median s, early days vs. last days):",
                "",
                "| model | early s | late s | growth s |",
                "|---|---:|---:|---:|",
                *(f"| {g['model']} | {g['early_s']} | {g['late_s']} | {g['growth_s']} |" for g in growth),
                "",
            ]
        if daily.get("table_files"):
            lines += [
                "Delta data files at the end of the daily loads:",
                "",
                "| schema | tables | files | most files |",
                "|---|---:|---:|---|",
                *(
                    f"| {name} | {v['tables']} | {v['files']} | {v['max_table']} ({v['max_files']}) |"
                    for name, v in sorted(daily["table_files"].items())
                ),
                "",
            ]
    if "vault" in targets:
        vault, vt = result["vault"], targets["vault"]
        lines += [
            f"## Data Vault package vs. hand-written Spark SQL "
            f"({vault['stage_rows_per_batch']:,} stage rows per batch, "
            f"median of {vault['repetitions']}; ratio: median of the per-repetition ratios)",
            "",
            f"Before the timed repetitions, {vault['warm_ups']} untimed round(s) of both sides through every "
            "cycle (JIT warm-up).",
            "",
            "| step | ours s | hand-written s | ratio | ratio by repetition | target rows after |",
            "|---|---:|---:|---:|---|---:|",
        ]
        for step, value in vault["steps"].items():
            kind, cycle = step.split("_")
            size = vault["sizes"].get(cycle, {})
            rows = size.get(f"{kind}_rows")
            lines.append(
                f"| {kind} {cycle.replace('cycle', 'cycle ')}{' (first load)' if cycle == 'cycle1' else ''} | "
                f"{value['ours_median_s']} | {value['hand_written_median_s']} | {_fmt(value['ratio'])} | "
                f"{', '.join(_fmt(ratio) for ratio in value['ratios'])} | {_fmt(rows)} |"
            )
        lin = vt["pit_linearity"] or {}
        lines += [
            "",
            f"Worst hub/sat ratio: **{_fmt(vt['worst_load_ratio'], 'x')}** (target <= {VAULT_RATIO_TARGET}x: "
            f"{'met' if vt['load_met'] else 'missed'}). PIT: satellite rows grew {_fmt(lin.get('rows_growth'), 'x')}, "
            f"PIT time {_fmt(lin.get('time_growth'), 'x')} "
            f"({'linear or better' if lin.get('met') else 'faster than linear'}).",
            "",
        ]
    if "settings_ab" in targets:
        lines += ab_markdown(result["settings_ab"], targets["settings_ab"])
    return "\n".join(lines)


def free_stem(directory: Path, stem: str) -> str:
    """``stem``, or ``stem-2``, ``stem-3``, ... if a report of that name exists: a run never overwrites another's."""
    candidate, number = stem, 1
    while any((directory / f"{candidate}.{suffix}").exists() for suffix in ("json", "md", "png")):
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def write_report(result: dict[str, Any], directory: Path, stem: str) -> dict[str, Path]:
    """Write ``<stem>.json``, ``<stem>.md`` and (with daily loads) ``<stem>.png``, under the first free name
    (``free_stem``); returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = free_stem(directory, stem)
    targets = summarise(result)
    written: dict[str, Path] = {}
    plot_name = None
    if result.get("daily", {}).get("loads"):
        written["png"] = directory / f"{stem}.png"
        plot(result["daily"], written["png"])
        plot_name = written["png"].name
    written["json"] = directory / f"{stem}.json"
    written["json"].write_text(json.dumps({**result, "targets": targets}, indent=2) + "\n")
    written["md"] = directory / f"{stem}.md"
    written["md"].write_text(markdown(result, targets, plot_name).rstrip("\n") + "\n")
    return written
