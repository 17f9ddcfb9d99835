#!/usr/bin/env python3
"""Planted removals of attribution: recall of the `figures` family on real edited copy.

As a module: `plant(text, rng) -> (new_text, edits)` removes one attribution (`, the company
said`, `according to X`, `X said`) from a sentence that holds a significant figure, so that no cue
is left in the paragraph; `edits` lists what was done (empty when the article has no candidate).
Every byte outside the edit is unchanged. Each edit is a dict:

    start, end      byte span of the removed text in the original
    removed         the removed text; replacement: what stands there now ("" or "." or a capital)
    figure          [start, end] byte span of the figure in the new text
    figure_text, figure_class, pattern  (which removal: lead-according, tail-according, tail-said,
                    lead-said)

A candidate is skipped when the figure is inside quotation marks (a quotation without its speaker
is another fault), when any cue of `CUES` is left in the paragraph after the removal, or when the
paragraph right before has one (a statement there may run on into the figure's paragraph; with
`--cue-before` these are planted too, as the benchmark did before 2026-11-27). The
candidates are found with this script's own patterns and the figure extractor of
scripts/figures_eval.py, never with the linter, and one is drawn at random: no place is chosen
because the linter handles it.

As a script: plants one removal in each article of the folders given (default: the edited sets of
../shared/data, unpacked under target/data/), writes the clean and planted copies under
target/plant/, runs `BIN check --no-config --format jsonl --select figures` on both, and counts a
find when a figures finding on the planted copy (primary span or label) overlaps the figure and no
figures finding overlapped it in the clean copy. Figures already flagged in the clean copy are
reported apart and left out of the recall.

Usage: scripts/plant_attribution.py [--data DIR ...] [--bin PATH] [--seed 7] [--per-set N]
                                    [--show found|missed] [--config copydesk.toml | --without NAME]
"""
import argparse
import collections
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tarfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import figures_eval  # noqa: E402  (the independent figure extractor)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Anything that could attribute a figure: if one is left in the paragraph, the candidate is
# skipped. Deliberately broad (reporting verbs, prepositional cues, data nouns), so that a planted
# figure is unsourced by any reading.
CUES = re.compile(
    r"\b(?:said|say|says|saying|told|tell|tells|according|reported|reports|reporting|report|"
    r"estimated|estimates|estimate|added|adds|noted|notes|announced|announces|stated|states|"
    r"statement|wrote|writes|showed|shows|show|shown|found|finds|citing|cited|claimed|claims|"
    r"confirmed|confirms|explained|argued|warned|predicted|forecast|projected|calculated|"
    r"published|released|survey|surveys|poll|polls|study|studies|data|figures|statistics|census|"
    r"analysis|research|records|tally|count|per the|quoted|quoting|insisted|acknowledged|"
    r"admitted|declared|testified|tweeted|posted|disclosed|indicated|suggested|revealed|"
    r"filing|filed|sources?|adding|expects|expected|believes|believe|thinks|calculat\w*|"
    r"predict\w*|project(?:s|ed|ing)? that|pledged|vowed|vows|urged|urges|accus\w*|alleg\w*|"
    r"denounced|boast\w*|bragged|touted|countered|responded|replied|conceded|recall\w*|"
    r"stressed|emphasi[sz]ed|contend\w*|maintains|reckons|complained|observed|remarked|"
    r"commented|recounted|remind\w*|point(?:ed|ing|s)? out|calls? for|called for|calling for|"
    r"polling|documents|tallies|minutes|index|findings|results|projections|forecasts?|audit)\b",
    re.I)
QUOTE_MARKS = "\"“”«»„"
SOURCE = r"(?:[\w'’.&-]+\s+){0,7}?"
VERBS = r"(?:said|says|told\s+(?:[A-Z][\w'’.-]*\s*){1,4}|reported|estimated|added|noted|announced|stated)"
# A time or a channel after the verb: `said on Tuesday`, `said in a statement`.
TAIL = (r"(?:\s+(?:on|last|this|late|early)\s+[A-Z]?[a-z]+(?:\s+(?:morning|afternoon|evening|night))?"
        r"|\s+in\s+an?\s+(?:statement|report|news release|filing|interview|letter|note|briefing))?")
# A wire dateline before the first sentence (`WASHINGTON (Reuters) - `) stays in place.
DATELINE = r"(?:[A-Z][A-Za-z .,'’]*(?:\([^)]*\))?(?:,\s+\w+\.?\s+\d+)?\s+[-–—]+\s+)?"
PATTERNS = [
    ("lead-according", re.compile(rf"^{DATELINE}(?P<cut>According to [^,;:\"“”]{{3,80}}, )")),
    ("tail-according", re.compile(r"(?P<cut>, according to [^,;:\"“”]{3,80})(?=\.\s*$)")),
    ("tail-said", re.compile(rf"(?P<cut>, (?!and |but |which |who |while |as |when )"
                             rf"(?:{SOURCE}{VERBS}|{VERBS}\s+{SOURCE}[\w'’.-]+){TAIL})(?=\.\s*$)")),
    ("lead-said", re.compile(rf"^{DATELINE}(?P<cut>{SOURCE}(?:(?:said|says|estimated|reported)"
                             rf"{TAIL}\s+(?:that\s+)?|announced{TAIL}\s+that\s+))(?=[a-z0-9$£€])")),
]
ABBREVIATIONS = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Jr|Sr|Inc|Corp|Co|Ltd|"
                           r"No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|U\.N)|\b[A-Z])\.$")


def sentences(text, start, end):
    """(start, end) of the sentences of text[start:end], character offsets."""
    out = []
    s = start
    for m in re.finditer(r"[.!?][\"”’']?\s+(?=[\"“‘']?[A-Z0-9])", text[start:end]):
        cut = start + m.end()
        if ABBREVIATIONS.search(text[s:start + m.start() + 1]):
            continue
        out.append((s, start + m.start() + len(m.group(0).rstrip())))
        s = cut
    if text[s:end].strip():
        out.append((s, end))
    return out


def inside_quotes(text, sent_start, pos):
    """Whether `pos` is inside a quotation that is open in its sentence."""
    opened = False
    for ch in text[sent_start:pos]:
        if ch in "“«„":
            opened = True
        elif ch in "”»":
            opened = False
        elif ch == '"':
            opened = not opened
    return opened


def candidates(text, cue_before=False):
    """Every removal that leaves a figure with no cue in its paragraph, nor (unless `cue_before`)
    in the paragraph right before: (char start, char end, replacement, pattern, figure char span,
    figure class) in `text`."""
    out = []
    paras = figures_eval.paragraphs(text)
    for k, (ps, pe) in enumerate(paras[1:], 1):  # never the title
        # A statement in the paragraph before may run on into this one (`governed-by` values
        # `data-source-before`, `same-figures-before`, `speaker-before`): a removal there leaves
        # the figure sourced by one reading, so it is no fair test. The title governs nothing.
        if not cue_before and k > 1 and CUES.search(text[paras[k - 1][0]:paras[k - 1][1]]):
            continue
        para_figures = figures_eval.figures_in(text, ps, pe)
        for ss, se in sentences(text, ps, pe):
            figs = [f for f in para_figures if ss <= f[1] and f[2] <= se and not inside_quotes(text, ss, f[1])]
            if not figs:
                continue
            sent = text[ss:se]
            for name, rx in PATTERNS:
                m = rx.search(sent)
                if not m or any(q in m.group("cut") for q in QUOTE_MARKS):
                    continue
                a, b = ss + m.start("cut"), ss + m.end("cut")
                replacement = ""
                if name.startswith("lead"):
                    rest = text[b:b + 1]
                    if not rest or rest.isupper():
                        continue
                    b += 1
                    replacement = rest.upper()
                new_para = text[ps:a] + replacement + text[b:pe]
                if CUES.search(new_para):
                    continue
                fig = next((f for f in figs if not (a < f[2] and f[1] < b)), None)
                if fig is None:
                    continue
                out.append((a, b, replacement, name, fig))
                break
    return out


def byte_offset(text, i):
    return len(text[:i].encode("utf-8"))


def plant(text, rng, cue_before=False):
    """Removes one randomly drawn attribution; see the module documentation."""
    found = candidates(text, cue_before)
    if not found:
        return text, []
    a, b, replacement, name, (cls, fa, fb) = rng.choice(found)
    new = text[:a] + replacement + text[b:]
    shift = len(replacement) - (b - a)
    na, nb = (fa, fb) if fb <= a else (fa + shift, fb + shift)
    edit = {
        "start": byte_offset(text, a),
        "end": byte_offset(text, b),
        "removed": text[a:b],
        "replacement": replacement,
        "figure": [byte_offset(new, na), byte_offset(new, nb)],
        "figure_text": new[na:nb],
        "figure_class": cls,
        "pattern": name,
    }
    return new, [edit]


def default_sets():
    base = os.path.join(ROOT, "target", "data")
    if not os.path.isdir(os.path.join(base, "news2")):
        os.makedirs(base, exist_ok=True)
        for name in ("news", "news2"):
            with tarfile.open(os.path.join(ROOT, "..", "shared", "data", f"{name}.tar.gz")) as tar:
                tar.extractall(base if name == "news2" else os.path.join(base, "news"), filter="data")
    return [os.path.join(base, "news2", "edited", "outlets2018"),
            os.path.join(base, "news2", "edited", "worldwide2022"),
            os.path.join(base, "news", "news", "edited", "reuters21578")]


def figures_findings(binary, folder, config=None):
    """{file name: [(start, end)]} of the figures findings' primary spans and labels."""
    out = collections.defaultdict(list)
    proc = subprocess.run([binary, "check", *figures_eval.config_args(config), "--format", "jsonl", "--select", "figures", folder],
                          capture_output=True, text=True)
    if proc.returncode == 2:
        sys.exit(f"plant_attribution: {binary} failed: {proc.stderr[:500]}")
    for line in proc.stdout.splitlines():
        d = json.loads(line)
        name = os.path.basename(d["path"])
        out[name].append((d["span"]["start"], d["span"]["end"]))
        out[name] += [(l["span"]["start"], l["span"]["end"]) for l in d.get("labels") or [] if not l.get("path")]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", action="append", help="a folder of clean articles (repeatable)")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-set", type=int, default=0, help="plant in at most N articles of each folder")
    ap.add_argument("--show", choices=["found", "missed"], help="print the planted sentences of one outcome")
    ap.add_argument("--cue-before", action="store_true",
                    help="plant also where the paragraph before has a cue (the benchmark before 2026-11-27)")
    ap.add_argument("--config", help="a copydesk.toml to run with (default: --no-config)")
    ap.add_argument("--without", help="run without one exemption or governor of rules/figures/_shared.toml")
    args = ap.parse_args()
    if args.without:
        args.config = figures_eval.without_config(args.without)
    sets = args.data or default_sets()
    work = os.path.join(ROOT, "target", "plant")
    shutil.rmtree(work, ignore_errors=True)
    totals = collections.Counter()
    for folder in sets:
        rng = random.Random(args.seed)
        label = os.path.basename(os.path.normpath(folder))
        clean_dir = os.path.join(work, label, "clean")
        planted_dir = os.path.join(work, label, "planted")
        os.makedirs(clean_dir)
        os.makedirs(planted_dir)
        log = {}
        for name in sorted(os.listdir(folder)):
            if args.per_set and len(log) >= args.per_set:
                break
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            new, edits = plant(text, rng, args.cue_before)
            if not edits:
                continue
            log[name] = edits[0]
            for d, t in ((clean_dir, text), (planted_dir, new)):
                with open(os.path.join(d, name), "w", encoding="utf-8", newline="") as f:
                    f.write(t)
        with open(os.path.join(work, label, "edits.jsonl"), "w", encoding="utf-8") as f:
            for name, edit in log.items():
                f.write(json.dumps({"file": name, **edit}) + "\n")
        clean = figures_findings(args.bin, clean_dir, args.config)
        planted = figures_findings(args.bin, planted_dir, args.config)
        by = collections.Counter()
        for name, e in log.items():
            fa, fb = e["figure"]
            shift = len(e["replacement"].encode()) - (e["end"] - e["start"])
            # the figure in the clean copy's coordinates
            ca, cb = (fa, fb) if fb <= e["start"] else (fa - shift, fb - shift)
            already = any(s < cb and ca < t for s, t in clean.get(name, []))
            hit = any(s < fb and fa < t for s, t in planted.get(name, []))
            cls = e["figure_class"]
            key = "already" if already else ("found" if hit else "missed")
            by[(cls, key)] += 1
            by[("all", key)] += 1
            by[(e["pattern"], key)] += 1
            if args.show == key:
                with open(os.path.join(planted_dir, name), "rb") as f:
                    data = f.read()
                lo = max(data.rfind(b"\n", 0, fa) + 1, fa - 160)
                hi = data.find(b"\n", fb)
                around = data[lo:hi if 0 <= hi < fb + 160 else fb + 160].decode("utf-8", "replace")
                print(f"{key:6} {label}/{name} [{e['figure_text']}] removed {e['removed']!r}: {around}")
        print(f"\n{label}: {len(log)} articles planted")
        for cls in ["all", "lead-according", "tail-according", "tail-said", "lead-said"] + figures_eval.CLASSES:
            f, m, a = by[(cls, "found")], by[(cls, "missed")], by[(cls, "already")]
            if f + m + a:
                print(f"  {cls:15} found {f:4}/{f + m:4} = {100 * f / max(1, f + m):5.1f}%   (already flagged in the clean copy: {a})")
        for k in ("found", "missed", "already"):
            totals[k] += by[("all", k)]
    f, m = totals["found"], totals["missed"]
    print(f"\nall sets: found {f}/{f + m} = {100 * f / max(1, f + m):.1f}% (already flagged: {totals['already']})")


if __name__ == "__main__":
    main()
