#!/usr/bin/env python3
"""Benchmark copydesk against ripgrep and typos on real news copy.

Usage: scripts/bench.py [--data ../shared/data/news.tar.gz | --data FOLDER] [--mb 200] [--runs 100]
                        [--bin PATH] [--select RULES] [--only archive,file,article,families]

Prints, for every built-in rule (or `--select`):

- archive: the news archive read until at least `--mb` MB (each pass a folder of hard links to the
  same files, so that no file is checked twice as the same file: copydesk checks a file reached
  twice through links once), wall seconds, MB/s, CPU seconds and peak memory;
- file: the archive's articles concatenated into one file of at least `--mb` MB;
- article: one article from process start to exit, the median of `--runs` runs, beside the time
  it takes to start and end a process that does nothing (`true`);
- families: CPU seconds per rule family over one pass of the archive, both alone (`--select F`:
  what the family costs with the reading and splitting it needs) and marginal (the full run less
  `--ignore F`: what leaving it out saves). These come from the operating system's accounting of
  separate runs, not from timers inside copydesk: a run's CPU time includes everything the family
  causes (allocation, the document units it alone asks for), and nothing in copydesk is
  instrumented or slowed to produce it.

When installed, ripgrep (`rg -i -w -f ../shared/bench/patterns.txt`, 212 phrases) and typos run on
the same files in the same call, with copydesk's speed as a ratio of theirs: the shared machine's
speed drifts between runs, so the ratios are the figures to compare.

`--data` is a `.tar.gz` of articles (unpacked under target/bench/, never into tracked files) or a
folder of `.txt` articles, read in place. Only the Python standard library is used; the project
itself never needs this script.
"""
import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "bench")
FAMILIES = ["residue", "quotes", "fragments", "figures", "names", "style"]

# Runs one command with its output discarded and prints its wall seconds, peak resident memory
# (KiB), CPU seconds (user + system) and exit code. A fresh helper per run: the children's
# ru_maxrss is the largest child so far.
PROBE = """
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, u.ru_maxrss, u.ru_utime + u.ru_stime, r.returncode)
"""


class Run:
    def __init__(self, wall, peak, cpu):
        self.wall, self.peak, self.cpu = wall, peak, cpu


def measure(cmd, ok=(0, 1)):
    """One run of `cmd`; its exit code must be one of `ok`."""
    out = subprocess.run([sys.executable, "-c", PROBE, *cmd], capture_output=True, text=True, check=True)
    wall, kib, cpu, code = out.stdout.split()
    if int(code) not in ok:
        sys.exit(f"bench: `{' '.join(cmd[:4])} ...` failed (exit code {code})")
    return Run(float(wall), int(kib) / 1024, float(cpu))


def text_bytes(folder):
    total = 0
    for dirpath, _, files in os.walk(folder):
        total += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files if f.endswith(".txt"))
    return total


def articles(folder):
    for dirpath, dirs, files in os.walk(folder):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".txt"):
                yield os.path.join(dirpath, f)


def tag(news):
    """A short name for the data folder `news`, so that copies made of different data never mix."""
    return hashlib.sha1(os.path.abspath(news).encode()).hexdigest()[:8]


def archive(news, passes):
    """A folder holding `passes` copies of `news`, as hard links where the file system allows."""
    folder = os.path.join(WORK, f"archive-{tag(news)}-{passes}")
    if os.path.isdir(folder):
        return folder
    partial = folder + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    for n in range(passes):
        for path in articles(news):
            dest = os.path.join(partial, f"pass-{n:02}", os.path.relpath(path, news))
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            try:
                os.link(path, dest)
            except OSError:
                shutil.copyfile(path, dest)
    os.rename(partial, folder)
    return folder


def one_file(news, mb):
    path = os.path.join(WORK, f"big-{tag(news)}-{mb}.txt")
    if os.path.exists(path):
        return path
    with open(path + ".partial", "w", encoding="utf-8") as out:
        written = 0
        while written < mb * 1_000_000:
            for f in articles(news):
                text = open(f, encoding="utf-8").read() + "\n\n"
                out.write(text)
                written += len(text.encode())
    os.rename(path + ".partial", path)
    return path


def references(patterns):
    """The installed reference tools: name -> command prefix (the paths are appended)."""
    refs = {}
    if shutil.which("rg") and os.path.exists(patterns):
        # --no-ignore: target/ is git-ignored, and rg must read every file copydesk reads.
        refs["ripgrep"] = ["rg", "-i", "-w", "-c", "--no-ignore", "-f", patterns]
    if shutil.which("typos"):
        refs["typos"] = ["typos", "--no-ignore", "--format", "brief"]
    return refs


def row(name, size, run, base=None):
    mbs = size / 1e6 / run.wall
    ratio = f"  {base / mbs:5.1f}x copydesk's speed" if base else ""
    return (f"  {name:<9} {run.wall:7.2f} s  {mbs:7.1f} MB/s  cpu {run.cpu:7.2f} s  "
            f"({size / 1e6 / run.cpu:6.1f} MB per cpu-s)  peak {run.peak:6.0f} MiB{ratio}")


def throughput(label, paths, size, base, refs):
    print(f"{label}: {size / 1e6:.0f} MB")
    mine = measure(base + paths)
    print(row("copydesk", size, mine))
    mbs = size / 1e6 / mine.wall
    for name, cmd in refs.items():
        theirs = measure(cmd + paths, ok=(0, 1, 2))
        print(row(name, size, theirs, base=None) + f"  copydesk is {mbs / (size / 1e6 / theirs.wall):.2f}x its speed")
    return mine


def article_times(cmds, path, runs):
    """Median and 95th percentile milliseconds of each command on `path`, interleaved runs."""
    times = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            t = time.perf_counter()
            subprocess.run(cmd + [path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[name].append((time.perf_counter() - t) * 1000)
    out = {}
    for name, ts in times.items():
        ts.sort()
        out[name] = (statistics.median(ts), ts[max(0, int(len(ts) * 0.95) - 1)])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "news.tar.gz"))
    ap.add_argument("--patterns", default=os.path.join(ROOT, "..", "shared", "bench", "patterns.txt"))
    ap.add_argument("--mb", type=int, default=200, help="bytes of text to check, at least")
    ap.add_argument("--runs", type=int, default=100, help="runs of the single-article timing")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    ap.add_argument("--select", help="pass --select to copydesk (a family or rule)")
    ap.add_argument("--only", default="archive,file,article,families",
                    help="comma-separated parts to run: archive, file, article, families")
    ap.add_argument("--article", help="the article of the single-article timing")
    args = ap.parse_args()
    parts = set(args.only.split(","))

    if not os.path.exists(args.data):
        sys.exit(f"bench: no data at {args.data} (this script needs ../shared beside the project)")
    if args.bin == os.path.join(ROOT, "target", "release", "copydesk"):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    news = os.path.join(WORK, "news")
    if os.path.isdir(args.data):
        news = os.path.abspath(args.data)
    elif not os.path.isdir(news):
        os.makedirs(WORK, exist_ok=True)
        with tarfile.open(args.data) as tar:
            tar.extractall(WORK, filter="data")
    base = [args.bin, "check", "--no-config", "--format", "short"]
    if args.select:
        base += ["--select", args.select]
    refs = references(args.patterns)
    print(f"copydesk {args.bin}; {os.cpu_count()} cores; references: {', '.join(refs) or 'none installed'}")

    one = text_bytes(news)
    if "archive" in parts:
        passes = max(1, -(-args.mb * 1_000_000 // one))
        folder = archive(news, passes)
        throughput(f"archive ({passes} passes over {os.path.relpath(news, ROOT)}, hard links)",
                   [folder], one * passes, base, refs)
    if "file" in parts:
        big = one_file(news, args.mb)
        throughput("one file", [big], os.path.getsize(big), base, refs)
    if "article" in parts:
        article = args.article or os.path.join(news, "edited", "reuters21578", "reut-00100.txt")
        if not os.path.exists(article):
            article = next(articles(news))
        cmds = {"copydesk": base, "true": ["true"]}
        if "typos" in refs:
            cmds["typos"] = refs["typos"]
        got = article_times(cmds, article, args.runs)
        print(f"article: {os.path.getsize(article)} bytes, process start to exit, {args.runs} runs")
        for name, (median, p95) in got.items():
            print(f"  {name:<9} median {median:6.2f} ms  p95 {p95:6.2f} ms")
        if "typos" in got:
            print(f"  copydesk takes {got['copydesk'][0] / got['typos'][0]:.2f}x typos' time")
    if "families" in parts and not args.select:
        full = measure(base + [news])
        print(f"families: cpu seconds over one pass ({one / 1e6:.0f} MB); every rule: {full.cpu:.2f} s")
        print(f"  {'family':<10} {'alone':>8} {'marginal':>9} {'share':>6}")
        for family in FAMILIES:
            alone = measure(base + ["--select", family, news])
            without = measure(base + ["--ignore", family, news])
            marginal = full.cpu - without.cpu
            print(f"  {family:<10} {alone.cpu:7.2f}s {marginal:8.2f}s {marginal / full.cpu:6.0%}")


if __name__ == "__main__":
    main()
