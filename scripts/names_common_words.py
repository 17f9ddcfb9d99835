#!/usr/bin/env python3
"""Regenerate the names check's two word lists from word counts:

- src/checks/names/common-words.txt: the English words the names check treats as words, not names
  (a capitalised `However`, `Globe` or `Latin` is not compared as a variant of a name, and a
  sentence-initial capital that is no common word is read as a name): every word written in lower
  case at least --min-count times in at least --min-files articles;
- src/checks/names/known-names.txt: names well known in English copy (`China`, `Dubai`, `Johnson`):
  every word written with a capital in mid-sentence in at least --known-files articles and never
  a common word. A bare `China` is its own name, not a respelling of a surname `Chen`.

Usage: scripts/names_common_words.py [--data DIR] [--min-count 3] [--min-files 2] [--known-files 8]

Both are derived data, counted over the Reuters-21578 newswire (1987; ../shared/data/news.tar.gz,
folder news/edited/reuters21578). Only the words are kept, never text. DIR holds `news/` as the archive
unpacks; without --data it is unpacked under target/names_eval/data. Standard library only.
"""
import argparse
import collections
import os
import re
import sys
import tarfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "checks", "names", "common-words.txt")
KNOWN = os.path.join(ROOT, "src", "checks", "names", "known-names.txt")
WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-files", type=int, default=2)
    ap.add_argument("--known-files", type=int, default=8)
    args = ap.parse_args()
    data = args.data
    if not data:
        data = os.path.join(ROOT, "target", "names_eval", "data")
        if not os.path.isdir(os.path.join(data, "news")):
            archive = os.path.join(ROOT, "..", "shared", "data", "news.tar.gz")
            if not os.path.exists(archive):
                sys.exit(f"no {archive}; pass --data DIR")
            os.makedirs(data, exist_ok=True)
            with tarfile.open(archive) as tar:
                tar.extractall(data, filter="data")
    folder = os.path.join(data, "news", "edited", "reuters21578")
    count, files, capitals = collections.Counter(), collections.Counter(), collections.Counter()
    # A capitalised word after a word or a comma is mid-sentence.
    mid = re.compile(r"(?<=[A-Za-z,] )([A-Z][a-z]+(?:-[A-Z][a-z]+)*)\b")
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
            text = f.read()
        words = [w for w in WORD.findall(text) if w.islower() and "’" not in w]
        count.update(words)
        files.update(set(words))
        capitals.update(set(mid.findall(text)))
    keep = sorted(w for w in count if count[w] >= args.min_count and files[w] >= args.min_files)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(
            "# Common English words, one a line: every word written in lower case at least "
            f"{args.min_count} times in at least {args.min_files} articles\n"
            "# of the Reuters-21578 newswire (1987). Derived word counts, no text: regenerate with\n"
            "# scripts/names_common_words.py. Read by src/checks/names/words.rs.\n"
        )
        f.write("\n".join(keep) + "\n")
    print(f"{len(keep)} words -> {OUT}")
    common = set(keep)
    known = sorted(w for w, n in capitals.items() if n >= args.known_files and w.lower() not in common)
    with open(KNOWN, "w", encoding="utf-8") as f:
        f.write(
            "# Names well known in English copy, one a line: every word written with a capital in\n"
            f"# mid-sentence in at least {args.known_files} articles of the Reuters-21578 newswire (1987), and\n"
            "# no common word. Derived word counts, no text: regenerate with\n"
            "# scripts/names_common_words.py. Read by src/checks/names/words.rs.\n"
        )
        f.write("\n".join(known) + "\n")
    print(f"{len(known)} names -> {KNOWN}")


if __name__ == "__main__":
    main()
