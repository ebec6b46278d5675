#!/usr/bin/env python3
"""Runs what `cargo test --workspace --all-targets` and `cargo test --workspace --doc`
run, with the test binaries spread over separate processes.

Why: on lavapipe a test binary spends most of its time compiling shaders, and shader
pipelines are created one at a time per process (wgpu's device and llvmpipe's compiler
serialise them), so one binary keeps about one core busy whatever its test threads.
Two processes keep two cores busy. Each binary's output is printed whole when it ends
(never interleaved), with its wall time; the run fails when any binary or the doctests
fail, after all of them have run.

Usage: scripts/run-tests.py [--jobs N]   (default: the number of CPUs, at least 2)
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# Binaries that take minutes on lavapipe with an empty shader cache (wall seconds in a
# cold-cache CI run on 2 cores): started first so that the short ones fill in around
# them (longest-first scheduling). Any binary not named here runs after these.
HEAVY_FIRST = [
    "elementwise",   # ~310 s in CI: every op × dtype × layout compiles a pipeline
    "gpu_limits",    # ~280 s: arrays above 128 MiB, 2^26-element sums
    "special",       # ~210 s
    "reduce",        # ~160 s
    "cuda_kernels",  # ~120 s alone (two threads): NVRTC and ptxas for every CUDA kernel
    "reliability", "fft", "properties", "svd", "random", "solve", "linalg",
]


def build(cargo: str) -> list[dict]:
    """Builds every test target; returns the artifacts `cargo test` would run."""
    cmd = [cargo, "test", "--workspace", "--all-targets", "--no-run",
           "--message-format=json-render-diagnostics"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    jobs = []
    assert proc.stdout is not None
    for line in proc.stdout:
        msg = json.loads(line)
        if msg.get("reason") != "compiler-artifact" or not msg.get("executable"):
            continue
        if not msg["profile"]["test"]:
            continue  # a plain binary built for integration tests, not a test harness
        target = msg["target"]
        kind = target["kind"][0]
        name = target["name"] if kind in ("test", "bench") else f"{kind} {target['name']}"
        jobs.append({
            "name": name,
            "cmd": [msg["executable"]],
            "cwd": str(Path(msg["manifest_path"]).parent),
        })
    if proc.wait() != 0:
        sys.exit(f"`{' '.join(cmd)}` failed (exit {proc.returncode})")
    return jobs


def rank(job: dict) -> int:
    name = job["name"]
    return HEAVY_FIRST.index(name) if name in HEAVY_FIRST else len(HEAVY_FIRST)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=max(2, os.cpu_count() or 2))
    args = parser.parse_args()
    cargo = os.environ.get("CARGO", "cargo")

    jobs = build(cargo)
    jobs.append({"name": "doctests", "cmd": [cargo, "test", "--workspace", "--doc"], "cwd": os.getcwd()})
    jobs.sort(key=rank)  # stable: cargo's order among the rest
    print(f"running {len(jobs)} test binaries (doctests included) in {args.jobs} processes", flush=True)

    pending = list(jobs)
    results = []
    lock = threading.Lock()
    print_lock = threading.Lock()
    start = time.monotonic()

    def worker() -> None:
        while True:
            with lock:
                if not pending:
                    return
                job = pending.pop(0)
            env = dict(os.environ, CARGO=cargo, CARGO_MANIFEST_DIR=job["cwd"])
            t0 = time.monotonic()
            with tempfile.TemporaryFile(mode="w+") as log:
                status = subprocess.run(job["cmd"], cwd=job["cwd"], env=env, stdout=log,
                                        stderr=subprocess.STDOUT).returncode
                secs = time.monotonic() - t0
                log.seek(0)
                output = log.read()
            verdict = "ok" if status == 0 else f"FAILED (exit {status})"
            with print_lock:
                at = time.monotonic() - start
                print(f"\n--- {job['name']}: {verdict} in {secs:.0f} s (ended {at:.0f} s into the run)")
                print(output, end="" if output.endswith("\n") else "\n", flush=True)
                results.append((job["name"], status, secs))

    threads = [threading.Thread(target=worker) for _ in range(args.jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    total = time.monotonic() - start
    failed = [name for name, status, _ in results if status != 0]
    slowest = sorted(results, key=lambda r: -r[2])[:8]
    print(f"\n{len(results)} test binaries in {total:.0f} s; slowest: "
          + ", ".join(f"{name} {secs:.0f} s" for name, _, secs in slowest))
    if failed:
        print(f"FAILED: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
