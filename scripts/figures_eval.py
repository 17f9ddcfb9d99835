#!/usr/bin/env python3
"""Measure the `figures` family on annotated attribution (PolNeAR train/dev and GUM Wikinews).

Usage: scripts/figures_eval.py [--data DIR] [--bin PATH] [--splits train,dev,gum]
                               [--show CLASS:LABEL[:fired|missed]] [--limit N]
                               [--config copydesk.toml | --without EXEMPTION]

DIR is a folder holding `attribution/` (or the `attribution` folder itself); by default
../shared/data/attribution.tar.gz is unpacked under target/data/ (never into tracked files).

What it does:
1. Finds significant figures with its own extractor (regexes below, deliberately not the linter's
   code, so that the measure is not circular): percentages, sums of money, casualty counts, poll
   margins in points, vague quantities (`thousands of`), records, `N million`, and counts of 1,000
   or more. Years, dates, times and the title line are not figures.
2. Labels each figure `attributed` when it overlaps an annotated content span of any annotator (an
   article with several annotators: one annotator's reading is enough; the number of figures on
   which annotators disagree is printed), else `unattributed`; and `no-cue` when no annotated cue
   (of any annotator, any attribution) lies in its paragraph.
3. Runs `BIN check --no-config --format jsonl --select figures` over the articles (`--config FILE`
   instead of `--no-config` measures a parameter: its `rule-dirs` can override the family's
   `_shared.toml`); a figure is
   fired on when the primary span or a secondary label of a figures finding overlaps it.
4. Prints, per split and class, the share fired among attributed figures, among unattributed ones
   and among unattributed ones with no cue in their paragraph.

Targets (issue 12, dev split): fires on >= 50% of unattributed no-cue figures and on <= 10% of
attributed ones. `--show` prints figures of one cell with their sentence, to read while tuning
(train only; the text is not kept anywhere).
"""
import argparse
import bisect
import collections
import json
import os
import re
import subprocess
import sys
import tarfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
WORDNUM = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
           r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
           r"eighty|ninety|hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?")
SCALE = r"(?:million|billion|trillion|mln|bln|bn|m|k)\b"
CURRENCY = r"(?:US\$|C\$|A\$|\$|£|€|¥|₹)"
CURRENCY_WORDS = r"(?:dollars|euros|pounds|yuan|yen|rupees|pesos|rubles|roubles)\b"
MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
CASUALTY = re.compile(r"\b(?:killed|dead|died|deaths|death toll|wounded|injured|hurt|murdered|shot|"
                      r"arrested|detained|missing|casualties|fatalities|victims|massacred|executed)\b",
                      re.I)
POLL = re.compile(r"\b(?:poll|polls|polling|survey|lead|leads|leading|ahead|trail|trails|trailing|"
                  r"behind|margin|edge|advantage|voters)\b", re.I)

# (class, regex), in order of priority: a span taken by one class is not read again.
PATTERNS = [
    ("percent", re.compile(rf"(?<![\w.,])(?:{NUM}|{WORDNUM})\s?(?:%|percent\b|per cent\b|"
                           rf"percentage points?\b|pct\b)", re.I)),
    ("money", re.compile(rf"{CURRENCY}\s?(?:{NUM})(?:\s?{SCALE})?|(?<![\w.,])(?:{NUM})"
                         rf"(?:\s?{SCALE})?\s{CURRENCY_WORDS}", re.I)),
    ("vague", re.compile(r"\b(?:(?:tens|hundreds) of )?(?:dozens|hundreds|thousands|millions|"
                         r"billions|tens) of\b", re.I)),
    ("points", re.compile(rf"(?<![\w.,])(?:{NUM}|{WORDNUM})[- ]points?\b", re.I)),
    ("casualty", re.compile(rf"(?<![\w.,$£€¥-])(?:{NUM}|{WORDNUM})(?:\s(?:thousand|million))?\b(?![-%])", re.I)),
    ("million", re.compile(rf"(?<![\w.,])(?:{NUM}|{WORDNUM})\s(?:million|billion|trillion)\b", re.I)),
    ("count", re.compile(rf"(?<![\w.,$£€¥-])(?:{NUM})(?![\w%])", re.I)),
]
CLASSES = ["percent", "money", "casualty", "points", "vague", "record", "million", "count"]


def value(num):
    try:
        return float(num.replace(",", ""))
    except ValueError:
        return 0.0


def figures_in(text, start, end):
    """(class, start, end) of the significant figures of text[start:end] (character offsets)."""
    para = text[start:end]
    # markup (PolNeAR keeps `<tweet id="...">` tags) is not prose
    taken = [m.span() for m in re.finditer(r"<[^<>]*>", para)]
    out = []

    def free(a, b):
        return all(b <= x or a >= y for x, y in taken)

    for cls, rx in PATTERNS:
        for m in rx.finditer(para):
            a, b = m.span()
            if not free(a, b):
                continue
            s = m.group(0)
            before = para[max(0, a - 12):a]
            after = para[b:b + 14]
            if cls == "points" and not POLL.search(para[max(0, a - 120):b + 120]):
                continue
            if cls == "count":
                v = value(s)
                year = re.fullmatch(r"1\d{3}|20\d{2}", s) is not None
                if v < 1000 or year or len(s) >= 12 or re.search(MONTHS + r"\s*$", before) or \
                        re.match(r"\s*" + MONTHS, after) or re.match(r"[:/]\d", after) or \
                        re.search(r"[:/#]$", before):
                    continue
            if cls == "casualty":
                window = para[max(0, a - 60):b + 60]
                if not CASUALTY.search(window) or re.search(MONTHS + r"\s*$", before) or \
                        re.match(r"\s*(?:years?|months?|weeks?|days?|hours?|p\.?m|a\.?m)\b", after, re.I) or \
                        re.fullmatch(r"1\d{3}|20\d{2}", s) or re.match(r"[:/]\d", after):
                    continue
                # a casualty count is a number of people: a noun within two words after it
                if not re.match(r"\s+(?:\w+\s+)?(?:people|persons|civilians|soldiers|officers|"
                                r"police|children|women|men|students|protesters|others|of|were|"
                                r"have|had|are|was|dead|killed|wounded|injured|Americans|"
                                r"migrants|refugees|victims|troops|fighters|militants|workers)\b",
                                after + para[b + 14:b + 40], re.I):
                    continue
            if cls in ("count", "million") and re.search(r"\brecord\b[\w\s-]{0,20}$", before, re.I):
                cls = "record"
            taken.append((a, b))
            out.append((cls, start + a, start + b))
    return sorted(out, key=lambda f: f[1])


def paragraphs(text):
    """(start, end) of each block of text separated by blank lines."""
    out = []
    pos = 0
    for m in re.finditer(r"\n[ \t]*\n", text):
        if text[pos:m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def sentence_around(text, a, b, lo, hi):
    """The sentence holding text[a:b], roughly (for --show)."""
    s = max(text.rfind(". ", lo, a) + 2, lo) if text.rfind(". ", lo, a) >= 0 else lo
    e = text.find(". ", b, hi)
    return text[s:(e + 1 if e >= 0 else hi)].replace("\n", " ")


class ByteMap:
    """Character offsets to UTF-8 byte offsets."""

    def __init__(self, text):
        self.starts = [0]
        total = 0
        for ch in text:
            total += len(ch.encode("utf-8"))
            self.starts.append(total)

    def __call__(self, i):
        return self.starts[i]


def overlaps(a, b, spans):
    return any(s < b and a < e for s, e in spans)


def unpack(data):
    if data:
        d = os.path.abspath(data)
        return d if os.path.isfile(os.path.join(d, "polnear", "attributions.jsonl")) else os.path.join(d, "attribution")
    dest = os.path.join(ROOT, "target", "data")
    base = os.path.join(dest, "attribution")
    if not os.path.isfile(os.path.join(base, "polnear", "attributions.jsonl")):
        archive = os.path.join(ROOT, "..", "shared", "data", "attribution.tar.gz")
        os.makedirs(dest, exist_ok=True)
        with tarfile.open(archive) as tar:
            tar.extractall(dest, filter="data")
    return base


def load(base, splits):
    rows = []
    for corpus in ("polnear", "gum"):
        with open(os.path.join(base, corpus, "attributions.jsonl"), encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row["split"] in splits:
                    rows.append(row)
    return rows


def run_linter(binary, base, rows, config=None):
    """{path: [(start, end) byte spans of primary spans and labels]} of the figures findings."""
    paths = [os.path.join(base, r["path"]) for r in rows]
    hits = collections.defaultdict(list)
    for i in range(0, len(paths), 400):
        proc = subprocess.run([binary, "check", *config_args(config), "--format", "jsonl", "--select",
                               "figures", *paths[i:i + 400]], capture_output=True, text=True)
        if proc.returncode == 2:
            sys.exit(f"figures_eval: {binary} failed: {proc.stderr[:500]}")
        for line in proc.stdout.splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            path = os.path.normpath(d["path"])
            hits[path].append((d["span"]["start"], d["span"]["end"]))
            for label in d.get("labels") or []:
                if not label.get("path"):
                    hits[path].append((label["span"]["start"], label["span"]["end"]))
    return hits


def config_args(config):
    """`--config FILE` (a copydesk.toml whose `rule-dirs` override figures parameters, to measure
    a parameter's effect), else `--no-config`."""
    return ["--config", config] if config else ["--no-config"]


def without_config(name):
    """A copydesk.toml under target/ablate/ whose rule folder drops `name` from the built-in
    `exempt` or `governed-by` list of rules/figures/_shared.toml: the measure of what it does."""
    import tomllib
    with open(os.path.join(ROOT, "rules", "figures", "_shared.toml"), "rb") as f:
        shared = tomllib.load(f)
    key = next((k for k in ("exempt", "governed-by") if name in shared[k]), None)
    if key is None:
        sys.exit(f"figures_eval: `{name}` is in neither `exempt` nor `governed-by`")
    folder = os.path.join(ROOT, "target", "ablate", name)
    os.makedirs(os.path.join(folder, "rules", "figures"), exist_ok=True)
    kept = ", ".join(f'"{v}"' for v in shared[key] if v != name)
    with open(os.path.join(folder, "rules", "figures", "_shared.toml"), "w") as f:
        f.write(f'kind = "figures"\n{key} = [{kept}]\n')
    with open(os.path.join(folder, "copydesk.toml"), "w") as f:
        f.write('rule-dirs = ["rules"]\n')
    return os.path.join(folder, "copydesk.toml")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", help="folder holding attribution/ (default: unpack ../shared/data/attribution.tar.gz)")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    ap.add_argument("--splits", default="train,dev,gum")
    ap.add_argument("--show", help="CLASS:LABEL[:fired|missed], LABEL attributed|unattributed|no-cue; CLASS may be all")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--config", help="a copydesk.toml to run with (default: --no-config)")
    ap.add_argument("--without", help="run without one exemption or governor of rules/figures/_shared.toml")
    args = ap.parse_args()
    if args.without:
        args.config = without_config(args.without)
    base = unpack(args.data)
    splits = args.splits.split(",")
    rows = load(base, splits)
    hits = run_linter(args.bin, base, rows, args.config)

    # (split, class, label) -> [fired, total]
    table = collections.defaultdict(lambda: [0, 0])
    disagree = 0
    shown = 0
    for row in rows:
        path = os.path.normpath(os.path.join(base, row["path"]))
        with open(path, encoding="utf-8") as f:
            text = f.read()
        to_bytes = ByteMap(text)
        per_annotator = []
        cues = []
        for ann in row["annotators"]:
            spans = []
            for att in ann["attributions"]:
                spans += [tuple(s) for s in att["content"]]
                cues += [tuple(s) for s in att.get("cue", []) + att.get("attributing", [])]
            per_annotator.append(spans)
        fired_spans = hits.get(path, [])
        paras = paragraphs(text)
        for n, (ps, pe) in enumerate(paras):
            if n == 0:
                continue  # the title: headlines are not checked, and not labelled here
            para_cue = overlaps(to_bytes(ps), to_bytes(pe), cues)
            for cls, a, b in figures_in(text, ps, pe):
                ba, bb = to_bytes(a), to_bytes(b)
                votes = [overlaps(ba, bb, spans) for spans in per_annotator]
                attributed = any(votes)
                if len(votes) > 1 and len(set(votes)) > 1:
                    disagree += 1
                fired = overlaps(ba, bb, fired_spans)
                labels = ["attributed"] if attributed else ["unattributed"] + ([] if para_cue else ["no-cue"])
                for label in labels:
                    for c in (cls, "all"):
                        cell = table[(row["split"], c, label)]
                        cell[0] += fired
                        cell[1] += 1
                if args.show and shown < args.limit and row["split"] != "dev":
                    want = args.show.split(":")
                    if want[0] in (cls, "all") and want[1] in labels and \
                            (len(want) < 3 or want[2] == ("fired" if fired else "missed")):
                        shown += 1
                        mark = "FIRED " if fired else "missed"
                        print(f"{mark} {cls:8} {os.path.basename(path)}: [{text[a:b]}] "
                              f"{sentence_around(text, a, b, ps, pe)[:300]}")
    if args.show:
        print()
    print(f"binary: {args.bin}")
    print(f"figures on which annotators disagree (counted as attributed): {disagree}")
    head = f"{'split':6} {'class':9} {'attributed':>17} {'unattributed':>17} {'no cue in para':>17}"
    for split in splits:
        print()
        print(head)
        for cls in CLASSES + ["all"]:
            cells = []
            for label in ("attributed", "unattributed", "no-cue"):
                fired, total = table[(split, cls, label)]
                cells.append(f"{fired:5}/{total:5} {100 * fired / total:4.0f}%" if total else f"{'-':>17}")
            if any(table[(split, cls, label)][1] for label in ("attributed", "unattributed")):
                print(f"{split:6} {cls:9} {cells[0]:>17} {cells[1]:>17} {cells[2]:>17}")


if __name__ == "__main__":
    main()
