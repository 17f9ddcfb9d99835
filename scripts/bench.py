#!/usr/bin/env python3
"""Benchmark copydesk: archive throughput (MB/s), peak memory, a 200 MB single file, and the
wall time of checking one article from process start to exit.

Usage: scripts/bench.py [--data ../shared/data/news.tar.gz] [--mb 200] [--runs 100] [--bin PATH]

Needs the real-news archive beside the project (../shared/data, see its README); it is unpacked
under target/bench/, never into tracked files. Only the Python standard library is used. Optional:
the project itself never needs this script.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "bench")


def measure(cmd):
    """Wall seconds and peak resident memory (MiB) of one run of `cmd`, output discarded."""
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far, so each run gets a fresh helper.
    probe = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout.split()
    seconds, kib, code = float(out[0]), int(out[1]), int(out[2])
    if code == 2:
        sys.exit(f"bench: {' '.join(cmd[:3])} ... failed (exit code 2)")
    return seconds, kib / 1024


def size_of(paths):
    total = 0
    for p in paths:
        for dirpath, _, files in os.walk(p):
            total += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files if f.endswith(".txt"))
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "news.tar.gz"))
    ap.add_argument("--mb", type=int, default=200, help="bytes of text to check, at least")
    ap.add_argument("--runs", type=int, default=100, help="runs of the single-article timing")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    ap.add_argument("--select", help="pass --select to copydesk (a family or rule)")
    args = ap.parse_args()

    if not os.path.exists(args.data):
        sys.exit(f"bench: no data at {args.data} (this script needs ../shared beside the project)")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    news = os.path.join(WORK, "news")
    if not os.path.isdir(news):
        os.makedirs(WORK, exist_ok=True)
        with tarfile.open(args.data) as tar:
            tar.extractall(WORK, filter="data")
    base = [args.bin, "check", "--no-config", "--format", "short"]
    if args.select:
        base += ["--select", args.select]

    one = size_of([news])
    repeat = max(1, -(-args.mb * 1_000_000 // one))
    seconds, peak = measure(base + [news] * repeat)
    total = one * repeat
    print(f"archive:  {total / 1e6:.0f} MB in {repeat} passes over {news}")
    print(f"          {seconds:.2f} s  {total / 1e6 / seconds:.0f} MB/s  peak memory {peak:.0f} MiB  ({os.cpu_count()} cores)")

    big = os.path.join(WORK, "big.txt")
    if not os.path.exists(big) or os.path.getsize(big) < args.mb * 1_000_000:
        with open(big, "w", encoding="utf-8") as out:
            written = 0
            while written < args.mb * 1_000_000:
                for dirpath, _, files in sorted(os.walk(news)):
                    for f in sorted(files):
                        if f.endswith(".txt"):
                            text = open(os.path.join(dirpath, f), encoding="utf-8").read() + "\n\n"
                            out.write(text)
                            written += len(text.encode())
    seconds, peak = measure(base + [big])
    size = os.path.getsize(big)
    print(f"one file: {size / 1e6:.0f} MB  {seconds:.2f} s  {size / 1e6 / seconds:.0f} MB/s  peak memory {peak:.0f} MiB")

    article = os.path.join(news, "edited", "reuters21578", "reut-00100.txt")
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        subprocess.run(base + [article], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"article:  {os.path.getsize(article)} bytes, process start to exit over {args.runs} runs: "
          f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
