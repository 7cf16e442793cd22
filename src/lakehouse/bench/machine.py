"""How much CPU other processes used while the benchmark ran, so that a report says whether they competed.

The load average cannot tell: at the end of a run it is mostly the benchmark's own JVM. Instead the run reads
the CPU time the whole machine spent busy (``/proc/stat``, steal time included: a busy host takes CPU from
this machine too) and the CPU time of the benchmark's own process tree (``/proc/<pid>/stat``: this process,
its JVM and every descendant, children already waited for included), at the start and at the end; the
difference is the other processes' work. Linux only; elsewhere the report keeps its general caveat.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
# a run whose other processes used less than this share of the machine ran on a quiet machine
QUIET_SHARE = 0.05


@dataclass(frozen=True)
class CpuSample:
    """CPU seconds since boot: all CPUs busy (not idle, not waiting for I/O), and this process tree's."""

    machine_busy: float
    own: float


def machine_busy_seconds(proc_stat: str, ticks_per_second: int) -> float:
    """Busy CPU seconds of all CPUs from the first line of ``/proc/stat`` (user nice system idle iowait irq
    softirq steal ...; guest time is already inside user and nice)."""
    ticks = [int(value) for value in proc_stat.split("\n", 1)[0].split()[1:9]]
    idle, iowait = ticks[3], ticks[4]
    return (sum(ticks) - idle - iowait) / ticks_per_second


def _process_stat(pid_folder: Path) -> tuple[int, int, int] | None:
    """(pid, parent pid, CPU ticks of the process and of its waited-for children); None if it is gone."""
    try:
        text = (pid_folder / "stat").read_text()
    except OSError:
        return None
    # the command name is in parentheses and may hold spaces or ')': the fields follow the last ')'
    fields = text[text.rindex(")") + 2 :].split()
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return int(pid_folder.name), int(fields[1]), utime + stime + cutime + cstime


def process_tree_seconds(root_pid: int, ticks_per_second: int, proc: Path = PROC) -> float:
    """CPU seconds of ``root_pid`` and all its descendants that are alive (or not yet reaped)."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for folder in proc.iterdir():
        if not folder.name.isdigit():
            continue
        stat = _process_stat(folder)
        if stat is not None:
            pid, parent, used = stat
            parents[pid], ticks[pid] = parent, used
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    total, pending = 0, [root_pid]
    while pending:
        pid = pending.pop()
        total += ticks.get(pid, 0)
        pending += children.get(pid, [])
    return total / ticks_per_second


def sample() -> CpuSample | None:
    """The machine's and this process tree's CPU seconds now; None where ``/proc`` does not have them."""
    try:
        ticks_per_second = os.sysconf("SC_CLK_TCK")
        busy = machine_busy_seconds((PROC / "stat").read_text(), ticks_per_second)
    except (OSError, ValueError, IndexError):
        return None
    return CpuSample(busy, process_tree_seconds(os.getpid(), ticks_per_second))


def other_work(start: CpuSample | None, end: CpuSample | None, seconds: float, cpus: int) -> dict[str, float] | None:
    """The run's own CPU seconds and the other processes' (and their share of the machine's capacity)."""
    if start is None or end is None or seconds <= 0 or cpus <= 0:
        return None
    own = end.own - start.own
    other = max(0.0, end.machine_busy - start.machine_busy - own)
    return {
        "cpu_seconds_own": round(own, 1),
        "cpu_seconds_other": round(other, 1),
        "other_share": round(other / (seconds * cpus), 3),
    }
