#!/usr/bin/env python3
"""Timing helpers for scripts/bench.sh: whole-process start-up, batch wall time, peak
resident memory of a child, and CPython's json round trip. Each prints one number.

  bench_tools.py startup RUNS CMD...          median seconds of RUNS runs (after warm-up)
  bench_tools.py wall RUNS INPUT CMD...       median seconds, INPUT on stdin, stdout dropped
  bench_tools.py rss REPEAT INPUT CMD...      peak RSS in KiB of CMD fed INPUT REPEAT times
  bench_tools.py json FILE                    seconds per json.loads + json.dumps of FILE
"""
import json
import os
import statistics
import subprocess
import sys
import time
import timeit


def spawn_wait(command, stdin=subprocess.DEVNULL):
    process = subprocess.Popen(command, stdin=stdin, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        sys.exit("bench_tools: %s exited with %d" % (command[0], process.returncode))
    return usage


def startup(runs, command):
    for _ in range(max(5, runs // 10)):
        spawn_wait(command)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        spawn_wait(command)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def wall(runs, path, command):
    samples = []
    for _ in range(runs):
        with open(path, "rb") as stdin:
            start = time.perf_counter()
            spawn_wait(command, stdin=stdin)
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def rss(repeat, path, command):
    """Peak RSS (KiB) of the command while it reads `path` `repeat` times from a pipe."""
    read, write = os.pipe()
    process = subprocess.Popen(command, stdin=read, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    os.close(read)
    with os.fdopen(write, "wb", buffering=1 << 20) as pipe:
        with open(path, "rb") as source:
            data = source.read()
        for _ in range(repeat):
            pipe.write(data)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit("bench_tools: %s failed" % command[0])
    return usage.ru_maxrss


def json_round_trip(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    value = json.loads(text)
    number = 2000
    rounds = [timeit.timeit(lambda: json.dumps(json.loads(text)), number=number) / number
              for _ in range(5)]
    del value
    return statistics.median(rounds)


def main():
    kind = sys.argv[1]
    if kind == "startup":
        print("%.9f" % startup(int(sys.argv[2]), sys.argv[3:]))
    elif kind == "wall":
        print("%.9f" % wall(int(sys.argv[2]), sys.argv[3], sys.argv[4:]))
    elif kind == "rss":
        print(rss(int(sys.argv[2]), sys.argv[3], sys.argv[4:]))
    elif kind == "json":
        print("%.9f" % json_round_trip(sys.argv[2]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
