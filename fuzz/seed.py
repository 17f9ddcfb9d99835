#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets under fuzz/corpus/<target>/ (never committed).

Documents: the sample articles of corpus/, the example texts of every rule in rules/, and the files
of ../shared/torture when they are there (the project stands alone without them), each cut into
pieces of at most MAX_LEN bytes on character boundaries. Rule files: every rule of rules/. Configs:
the TOML examples of README.md and docs/*.md, and a few written here.

Usage: fuzz/seed.py   (from anywhere; only the Python standard library, 3.11 or later)
"""
import glob
import hashlib
import os
import re
import tomllib

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
CORPUS = os.path.join(FUZZ, "corpus")
# The fuzzers run with -max_len of this (README, "Fuzzing"): larger seeds would only be cut.
MAX_LEN = 16384

CONFIGS = [
    'select = ["residue", "quotes"]\nignore = ["figures"]\nfail-on = "warning"\nlocale = "fr"\n',
    '[severity]\n"quotes/unclosed" = "error"\nresidue = "info"\n',
    'exclude = ["drafts", "**/*.tmp", "archive/{2019,2020}/**"]\n',
    '[[names.entity]]\npreferred = "Kyiv"\nvariants = ["Kiev"]\nallow = ["chicken Kiev"]\n\n'
    '[[names.distinct]]\nnames = ["Basra", "Bosra"]\n',
]


def pieces(data):
    """`data` (bytes) cut into pieces of at most MAX_LEN bytes, on UTF-8 character boundaries."""
    start = 0
    while start < len(data):
        end = min(start + MAX_LEN, len(data))
        while end < len(data) and end > start and (data[end] & 0xC0) == 0x80:
            end -= 1
        yield data[start:end]
        start = end


def write(target, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    for piece in pieces(data):
        name = hashlib.sha1(piece).hexdigest()
        with open(os.path.join(folder, name), "wb") as f:
            f.write(piece)


def main():
    rules = sorted(glob.glob(os.path.join(ROOT, "rules", "*", "*.toml")))
    documents = []
    for path in sorted(glob.glob(os.path.join(ROOT, "corpus", "*.*"))):
        with open(path, "rb") as f:
            documents.append(f.read())
    for path in rules:
        with open(path, "rb") as f:
            raw = f.read()
        write("rule_file", raw)
        for example in tomllib.loads(raw.decode("utf-8")).get("example", []):
            documents.append(example["text"].encode("utf-8"))
    torture = os.path.join(ROOT, "..", "shared", "torture")
    for path in sorted(glob.glob(os.path.join(torture, "*"))):
        with open(path, "rb") as f:
            documents.append(f.read())
    for target in ("check_text", "check_markdown", "check_html"):
        for doc in documents:
            write(target, doc)
    configs = [c.encode("utf-8") for c in CONFIGS]
    for path in [os.path.join(ROOT, "README.md")] + sorted(glob.glob(os.path.join(ROOT, "docs", "*.md"))):
        with open(path, encoding="utf-8") as f:
            configs += [m.encode("utf-8") for m in re.findall(r"```toml\n(.*?)```", f.read(), re.S)]
    for config in configs:
        write("config", config)
    for target in sorted(os.listdir(CORPUS)):
        print(f"{target}: {len(os.listdir(os.path.join(CORPUS, target)))} seeds")


if __name__ == "__main__":
    main()
