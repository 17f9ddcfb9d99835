#!/usr/bin/env python3
"""Time copydesk on pathological inputs a user can produce: each about 1 MB (and the same input
four times larger), in the format that exercises it. A path that grows faster than the input shows
as a ratio well above 4.

Usage: scripts/pathological.py [--bin target/release/copydesk] [--only NAME] [--scale 1]

Writes the inputs under target/pathological/ (never into tracked files). Only the Python standard
library is used; the project itself never needs this script. The test suite counts work on the same
shapes (tests/bounds.rs); this script is for wall-clock figures of the release build.
"""
import argparse
import os
import resource
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "pathological")

MB = 1 << 20


def fill(unit, size):
    return unit * max(1, size // len(unit))


# name -> (extension, function of a target size in bytes returning the text)
CASES = {
    "html-unclosed-then-ends": ("html", lambda n: fill("<div>", n * 5 // 6) + fill("</p>", n // 6)),
    "html-nested-inline": ("html", lambda n: fill("<b>", n // 2) + "x" + fill("</b>", n // 2)),
    "html-entities": ("html", lambda n: fill("&amp;&#8220;&eacute;&nbsp;", n)),
    "html-ampersands": ("html", lambda n: fill("&", n)),
    "html-references-unterminated": ("html", lambda n: fill("&notin", n)),
    "html-paragraphs": ("html", lambda n: fill("<p>Read More</p>", n)),
    "md-nested-lists": ("md", lambda n: "".join("  " * i + "- x\n" for i in range(int((n / 1.0) ** 0.5)))),
    "md-nested-quotes": ("md", lambda n: "".join(">" * i + " x\n" for i in range(int((n / 1.0) ** 0.5)))),
    "md-deep-quote-line": ("md", lambda n: fill(">", n) + " x\n"),
    "md-stars": ("md", lambda n: fill("*a ", n)),
    "md-brackets": ("md", lambda n: fill("[", n)),
    "md-backticks": ("md", lambda n: fill("`a ", n)),
    "md-directives": ("md", lambda n: fill("<!-- copydesk-disable-next-line -->\n", n // 2) + fill("Read More\n", n // 2)),
    "md-disable-regions": ("md", lambda n: fill("<!-- copydesk-disable residue -->\nRead More\n\n", n)),
    "txt-long-line": ("txt", lambda n: fill("word ", n)),
    "txt-long-line-findings": ("txt", lambda n: fill("Read More the the (Belarus) Belarus ", n)),
    "txt-phrase-flood": ("txt", lambda n: fill("Image caption We use cookies in the Treaty Organization for Collective Security ", n)),
    "txt-tags-line": ("txt", lambda n: fill("said <b>x</b> then ", n)),
    "txt-pattern-flood": ("txt", lambda n: fill("good (7) Featured image via x ", n)),
    "txt-one-word": ("txt", lambda n: fill("a", n)),
    "txt-quotes": ("txt", lambda n: fill('"', n)),
    "txt-curly-quotes": ("txt", lambda n: fill("“", n)),
    "txt-apostrophes": ("txt", lambda n: fill("'", n)),
    "txt-quoted-words": ("txt", lambda n: fill('"a" ', n)),
    "txt-unclosed-quotes-paras": ("txt", lambda n: fill('"He said so.\n\n', n)),
    "txt-open-parens": ("txt", lambda n: fill("(", n)),
    "txt-parens": ("txt", lambda n: fill("(a) ", n)),
    "txt-nested-parens": ("txt", lambda n: fill("(", n // 2) + fill(")", n // 2)),
    "txt-dots": ("txt", lambda n: fill(".", n)),
    "txt-dot-space": ("txt", lambda n: fill(". ", n)),
    "txt-fused": ("txt", lambda n: fill("ab.Cd", n)),
    "txt-sentences-no-space": ("txt", lambda n: fill("He left.The end.", n)),
    "txt-stray": ("txt", lambda n: fill("It ended in the country. take. ", n)),
    "txt-ellipsis-lines": ("txt", lambda n: fill("A truce came on Friday morningfollowin...\n", n)),
    "txt-doubled": ("txt", lambda n: fill("the the ", n)),
    "txt-numbers": ("txt", lambda n: fill("123 ", n)),
    "txt-figures": ("txt", lambda n: fill("It rose 5% to 123 countries and thousands of people. ", n)),
    "txt-figure-paragraphs": ("txt", lambda n: fill("It rose 5% in 123 countries.\n\n", n)),
    "txt-figure-sentence": ("txt", lambda n: fill("rose 5% in 123 countries and ", n)),
    "txt-names": ("txt", lambda n: " ".join(f"Name{chr(65 + i % 26)}{i} Aliyev{i}" for i in range(n // 20))),
    "txt-capitals": ("txt", lambda n: fill("Word ", n)),
    "txt-cr-only": ("txt", lambda n: fill("Read More\r", n)),
    "txt-blank-lines": ("txt", lambda n: fill("\n", n)),
    "txt-spaces": ("txt", lambda n: fill(" ", n)),
    "txt-nbsp": ("txt", lambda n: fill("\u00a0", n)),
    "txt-lines-list": ("txt", lambda n: fill("- Read More\n", n)),
    "txt-repeated-lines": ("txt", lambda n: fill("A line that repeats itself\n", n)),
}


def run(binary, path):
    """CPU seconds (user and system) of one check of `path`: on a shared machine, wall time
    measures the other users too."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([binary, "check", "--no-config", "--format", "jsonl", path],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        first = proc.stderr.decode("utf-8", "replace").strip().splitlines()[:2]
        print(f"  {os.path.basename(path)}: exit code {proc.returncode}: {' '.join(first)[:300]}")
    return seconds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    ap.add_argument("--only", help="run the cases whose name contains this")
    ap.add_argument("--scale", type=float, default=1.0, help="MB of the smaller input")
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    size = int(args.scale * MB)
    print(f"{'case (CPU seconds)':32} {'1x s':>8} {'4x s':>8} {'ratio':>6} {'s/MB (4x)':>10}")
    for name, (ext, make) in CASES.items():
        if args.only and args.only not in name:
            continue
        times = []
        for factor in (1, 4):
            text = make(size * factor)
            path = os.path.join(WORK, f"{name}-{factor}x.{ext}")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            times.append((run(args.bin, path), len(text.encode("utf-8"))))
        (t1, _), (t4, b4) = times
        ratio = t4 / t1 if t1 > 0 else float("inf")
        print(f"{name:32} {t1:8.3f} {t4:8.3f} {ratio:6.1f} {t4 / (b4 / MB):10.3f}", flush=True)


if __name__ == "__main__":
    main()
