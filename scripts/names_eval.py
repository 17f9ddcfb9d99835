#!/usr/bin/env python3
"""Measure the `names` family on the shared name lists and edited news (issue 11).

Usage: scripts/names_eval.py [--bin PATH] [--data DIR] [--only SET,SET] [--pairs N] [--sample N]

Sets:
  variants   `wikidata_variants.jsonl`, `ru` and `ar` token groups: each pair of spellings, as the
             surname of one given name, put into short articles written here from templates (one
             article per file). Share that fire at warning level, per script and per template.
  given      the same pairs as the given name of one surname (Sergey / Sergei Lavrov).
  distinct   `wikidata_distinct_sample.jsonl`: `he` full names of two different people in one
             article (target: at most 1% at warning level); `ru`/`ar` token pairs as the surnames
             of two people (reported, no target).
  cross      a file spelling a name one way while four neighbours spell it the other way, the name
             in a sentence, a list or a table: share of the odd files reported.
  ukraine    `spelling_ukraine.jsonl` turned into a house-table file (`[names] table = ...`): share
             of wrong spellings reported with the preferred spelling as the fix.
  news       the edited sets: warnings per 50,000 words, and a random sample of warnings to judge
             (written to target/names_eval/judge.txt; read each one).

DIR holds `names/`, `news/` and `news2/` as the archives in ../shared/data unpack; without
--data the archives are unpacked under target/names_eval/data. Nothing here is committed: the
lists and articles belong to others, and the script reads them at run time. Only the standard
library is used.
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
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "names_eval")
SEED = 7

# ---------------------------------------------------------------------------------------------
# Which pairs of a group are transliteration variants. A group is one native spelling and the Latin
# spellings Wikidata gives for it; many groups are Western names that Cyrillic or Arabic writes
# alike (Thyssen / Thiessen, Carlton / Carleton, Meyer / Meier). A pair counts as a transliteration
# pair when at least one of its spellings is a romanization of the native spelling under some
# system (BGN, ISO, scholarly, French, German, passport for Russian; the common news and scholarly
# forms for Arabic, short vowels unwritten). The rest are left out and counted.

RU = {
    "а": "a", "б": "b|p", "в": "v|w|f|ff|u", "г": "g|gh|h|gu", "д": "d|t", "е": "e|ye|je|ie|ae",
    "ё": "e|yo|jo|io|o|yeo", "ж": "zh|j|g|sch|sh|z|dj|dzh|ge", "з": "z|s", "и": "i|y|ee|ie",
    "й": "y|i|j|", "к": "k|c|ck|q|kh", "л": "l|ll", "м": "m", "н": "n", "о": "o|a", "п": "p",
    "р": "r", "с": "s|ss|c|z", "т": "t|th", "у": "u|ou|oo|w", "ф": "f|ph|ff|v", "х": "kh|h|ch|x|j",
    "ц": "ts|tz|c|z|tc|cz", "ч": "ch|tch|tsch|c|cz|tsh|tj", "ш": "sh|ch|sch|s|sz|sj",
    "щ": "shch|sch|chtch|schtsch|sc|shh|sz|szcz|sht", "ъ": "|ie|y", "ы": "y|i|ui|yi",
    "ь": "|i|y|j", "э": "e|ae|a", "ю": "yu|ju|iu|u|ou|you|iou|jou",
    "я": "ya|ja|ia|a|ua|iya", "'": "", "’": "",
}
AR_CONS = {
    "ب": "b|p", "ت": "t", "ث": "th|t|s", "ج": "j|g|dj|zh|dsch", "ح": "h|kh|", "خ": "kh|h|ch|x|j",
    "د": "d", "ذ": "dh|d|z|th", "ر": "r", "ز": "z|s", "س": "s|ss|c", "ش": "sh|ch|sch|s",
    "ص": "s|ss|c", "ض": "d|dh|z", "ط": "t", "ظ": "z|dh|th|d", "ع": "|'", "غ": "gh|g|r|q",
    "ف": "f|ph|v", "ق": "q|k|g|c|ck|qu|gh", "ك": "k|c|ck|ch|q", "ل": "l", "م": "m", "ن": "n",
    "ه": "h|", "پ": "p", "چ": "ch|tch|tsch|tsh|c|ć|č", "ژ": "zh|j", "گ": "g", "ڤ": "v", "ک": "k|c",
    "ء": "|'", "أ": "|a|e|i|o|u", "إ": "|i|e", "آ": "a|aa", "ئ": "|y|e|i", "ؤ": "|u|o|w",
}
AR_LONG = {
    "ا": "a|aa|e|", "و": "w|u|o|ou|oo|v|au|aw|ow", "ي": "y|i|ee|ey|ai|ay|ie|ei|ii|iy",
    "ى": "a|i|y", "ة": "a|ah|at|eh|e|",
}


def fold(word):
    """Lower-case ASCII letters of a Latin spelling (diacritics and apostrophes dropped)."""
    special = {"ł": "l", "ø": "o", "ß": "ss", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "ð": "d"}
    out = []
    for c in unicodedata.normalize("NFKD", word.lower()):
        if unicodedata.combining(c):
            continue
        c = special.get(c, c)
        if c.isascii() and c.isalpha():
            out.append(c)
        elif not c.isascii() and c.isalpha():
            out.append(c)
    return "".join(out)


def romanizer(native, script):
    """A regex matching the romanizations of a native spelling, or None when it has odd letters.
    A doubled native letter may be written once."""
    runs = [(m.group(0)[0], len(m.group(0))) for m in re.finditer(r"(.)\1*", native)]
    parts = []
    if script == "ru":
        for c, n in runs:
            if c not in RU:
                return None
            parts.append(f"(?:{RU[c]}){{1,{n}}}" if n > 1 else f"(?:{RU[c]})")
        return re.compile("^" + "".join(parts) + "$")
    # Arabic writes no short vowels: one may stand between consonants (none at the end), and a
    # consonant may be doubled (shadda).
    short = "(?:[aeiou]|ou)?"
    native = native.replace("تش", "چ")  # t + sh is the ch sound
    runs = [(m.group(0)[0], len(m.group(0))) for m in re.finditer(r"(.)\1*", native)]
    for i, (c, n) in enumerate(runs):
        last = i == len(runs) - 1
        if c in AR_CONS:
            alts = AR_CONS[c].split("|")
            doubled = "|".join(a + a[-1] for a in alts if a)
            parts.append(f"(?:{AR_CONS[c]}|{doubled})" + ("" if last else short))
        elif c == "ا" and i == 0:
            parts.append("(?:[aeiou]|aa)?")  # a word-initial alef carries a hamza and any vowel
        elif c in AR_LONG:
            parts.append(f"(?:{AR_LONG[c]})")
        else:
            return None
    # French spellings end in a mute -e (Sofiane, Karime).
    return re.compile("^" + "".join(parts) + "e?$")


def is_word(spelling):
    """A spelling the tokenizer reads as one name word: letters, inner hyphens or apostrophes."""
    return re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", spelling) is not None


def title(word):
    return "-".join(p[:1].upper() + p[1:] for p in unicodedata.normalize("NFC", word).split("-"))


def variant_pairs(rows, script, stats):
    """(A, B, group) pairs to test: the commonest spelling against each other one."""
    out = []
    for r in rows:
        if r["script"] != script or r["level"] != "token":
            continue
        stats["groups"] += 1
        rx = romanizer(r["native"], script)
        spellings = [s for s in r["latin"] if is_word(s)]
        if len(spellings) < len(r["latin"]):
            stats["spellings not one word (dropped)"] += len(r["latin"]) - len(spellings)
        kept = False
        for b in spellings[1:]:
            a = spellings[0]
            stats["pairs"] += 1
            if fold(a) == fold(b) and a.lower() == b.lower():
                continue
            if fold(a) == fold(b):
                stats["pairs kept: diacritics only"] += 1
            elif rx is None or not (rx.match(fold(a)) or rx.match(fold(b))):
                stats["pairs left out: neither spelling romanizes the native one"] += 1
                continue
            kept = True
            out.append((title(a), title(b), r["native"]))
        if not kept:
            stats["groups with no pair kept"] += 1
    return out


# ---------------------------------------------------------------------------------------------
# Articles written for this measurement. {G} given name, {A} the first spelling, {B} the other.

TEMPLATES = {
    "one-paragraph": ("txt",
        "{G} {A} arrived in the capital on Monday for two days of talks on energy prices. "
        "Officials said the visit by {B} was the first since the elections.\n\n"
        "The talks are expected to end on Wednesday with a joint statement.\n"),
    "two-paragraphs": ("txt",
        "{G} {A} arrived in the capital on Monday for talks on energy prices.\n\n"
        "The ministry said it had invited {G} {B} to a dinner on Tuesday evening.\n"),
    "subject": ("txt",
        "{G} {A} told reporters on Monday that the company would cut prices. "
        "In a statement on Tuesday, {B} added that no jobs would go.\n"),
    "object": ("txt",
        "Police detained {G} {A} in the early hours of Sunday, a spokesman said. "
        "A court later released {B} on bail.\n"),
    "title": ("txt",
        "President {G} {A} opened the summit on Friday with a speech on trade. "
        "Delegates applauded when Mr {B} spoke about the border.\n"),
    "list": ("txt",
        "The delegation named on Monday:\n\n"
        "- {G} {A}, head of delegation\n- Maria Costa, adviser\n- Tom Hale, interpreter\n\n"
        "The head of the delegation, {B}, arrived on Sunday.\n"),
    "table": ("md",
        "Results of the 400 metres final on Saturday:\n\n"
        "| Place | Athlete | Time |\n|---|---|---|\n"
        "| 1 | {G} {A} | 45.10 |\n| 2 | Tom Hale | 45.32 |\n| 3 | Maria Costa | 45.90 |\n\n"
        "The winner, {B}, led from the start.\n"),
    "headline": ("txt",
        "{B} wins second term\n\n"
        "{G} {A} won the vote on Sunday with a large majority, officials said.\n"),
    "sentence-initial": ("txt",
        "{G} {A} arrived in the capital on Monday for talks on trade. "
        "{B} said the talks would go on until Friday.\n"),
}

GIVEN_TEMPLATES = {
    "given-name": ("txt",
        "{A} {S} arrived in the capital on Monday for talks on trade. "
        "Officials said {B} {S} would meet the finance minister on Tuesday.\n"),
    "given-initial": ("txt",
        "{A} {S} told reporters on Monday that the company would cut prices.\n\n"
        "{B} {S} said later that no jobs would go.\n"),
}

GIVEN = {"ru": ["Anna", "Pavel", "Irina", "Oleg", "Marina", "Boris"],
         "ar": ["Omar", "Leila", "Karim", "Samira", "Nabil", "Huda"]}
SURNAME = {"ru": "Kovalenko", "ar": "Haddad"}

DISTINCT_TEMPLATES = {
    "met": ("txt",
        "{a} and {b} met in the capital on Monday to discuss the merger. "
        "{sa} said the meeting had gone well, and {sb} agreed.\n"),
    "two-paragraphs": ("txt",
        "{a} told the committee on Tuesday that the budget was too small.\n\n"
        "Later, {b} said the committee would decide in June. Mr {sb} and Mr {sa} declined to comment.\n"),
    "table": ("md",
        "Final standings:\n\n| Place | Name | Points |\n|---|---|---|\n"
        "| 1 | {a} | 41 |\n| 2 | {b} | 39 |\n\n{sa} won by two points from {sb}.\n"),
}


# ---------------------------------------------------------------------------------------------


def run_check(bin_, paths, config=None, cwd=None):
    cmd = [bin_, "check", "--format", "json", "--select", "names"]
    cmd += ["--config", config] if config else ["--no-config"]
    r = subprocess.run(cmd + paths, capture_output=True, text=True, cwd=cwd)
    if r.returncode == 2:
        sys.exit(f"names_eval: {bin_} failed: {r.stderr[-2000:]}")
    return json.loads(r.stdout) if r.stdout.strip() else []


def texts_of(diag, cache):
    """The texts at a diagnostic's primary span and at its labels in the same file."""
    path = diag["path"]
    if path not in cache:
        with open(path, "rb") as f:
            cache[path] = f.read()
    data = cache[path]
    spans = [diag["span"]] + [l["span"] for l in diag.get("labels") or [] if not l.get("path")]
    return {data[s["start"]:s["end"]].decode("utf-8", "replace") for s in spans}


def write_articles(folder, items):
    """items: (name, extension, text); returns the paths in order."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    paths = []
    for name, ext, text in items:
        p = os.path.join(folder, f"{name}.{ext}")
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        paths.append(p)
    return paths


def fired(diags, cache):
    """Per file: the set of (severity, rule) of in-article names findings and their texts."""
    out = collections.defaultdict(list)
    for d in diags:
        if any(l.get("path") for l in d.get("labels") or []):
            continue  # a cross-file finding
        out[os.path.abspath(d["path"])].append((d["severity"], d["rule"], texts_of(d, cache)))
    return out


def table(title_, rows, cols):
    print(f"\n{title_}")
    width = max(len(r[0]) for r in rows)
    print("  " + " " * width + "".join(f"{c:>16}" for c in cols))
    for r in rows:
        print("  " + r[0].ljust(width) + "".join(f"{v:>16}" for v in r[1:]))


def pct(n, d):
    return f"{n}/{d} {100 * n / d:.1f}%" if d else "-"


def eval_pairs(args, rows, set_name, templates, make):
    """Runs `templates` over the pairs of each script; a pair fires when one warning of the
    article connects its two spellings."""
    results = {}
    for script in ("ru", "ar"):
        stats = collections.Counter()
        pairs = variant_pairs(rows, script, stats)
        random.Random(SEED).shuffle(pairs)
        pairs = pairs[: args.pairs]
        items, meta = [], []
        for i, (a, b, native) in enumerate(pairs):
            for t, (ext, text) in templates.items():
                items.append((f"{t}-{i:05}", ext, make(text, a, b, script, i)))
                meta.append((t, a, b))
        folder = os.path.join(WORK, set_name, script)
        paths = write_articles(folder, items)
        cache = {}
        by_file = fired(run_check(args.bin, [folder]), cache)
        per = collections.defaultdict(lambda: [0, 0, 0])
        misses = collections.defaultdict(list)
        for p, (t, a, b) in zip(paths, meta):
            found = by_file.get(os.path.abspath(p), [])
            joins = [(sev, rule) for sev, rule, texts in found if a in texts and b in texts]
            warn = any(sev in ("warning", "error") for sev, _ in joins)
            per[t][0] += 1
            per[t][1] += warn
            per[t][2] += bool(joins)
            if not warn:
                misses[t].append(f"{a}/{b}")
        results[script] = (stats, per, misses, len(pairs))
    for script, (stats, per, misses, n) in results.items():
        print(f"\n[{set_name}] {script}: " + ", ".join(f"{k} {v}" for k, v in stats.items())
              + f"; measured {n} pairs (seed {SEED})")
        rows_ = []
        tot = [0, 0, 0]
        for t, (k, w, any_) in per.items():
            rows_.append((t, pct(w, k), pct(any_, k)))
            tot = [tot[0] + k, tot[1] + w, tot[2] + any_]
        rows_.append(("all", pct(tot[1], tot[0]), pct(tot[2], tot[0])))
        table(f"  fires ({script})", rows_, ["warning", "any level"])
        with open(os.path.join(WORK, f"{set_name}-{script}-misses.txt"), "w") as f:
            for t, m in misses.items():
                f.write(f"{t}: {'; '.join(m)}\n")
    return results


def eval_variants(args, rows):
    def make(text, a, b, script, i):
        g = GIVEN[script][i % len(GIVEN[script])]
        return text.format(G=g, A=a, B=b)
    eval_pairs(args, rows, "variants", TEMPLATES, make)


def eval_given(args, rows):
    def make(text, a, b, script, i):
        return text.format(A=a, B=b, S=SURNAME[script])
    eval_pairs(args, rows, "given", GIVEN_TEMPLATES, make)


def eval_distinct(args, rows):
    def surname(full):
        return full.split()[-1]
    groups = collections.defaultdict(list)
    for r in rows:
        groups[(r["script"], r["level"])].append(r)
    for key, rs in sorted(groups.items()):
        script, level = key
        items, meta = [], []
        for i, r in enumerate(rs):
            a, b = r["a"], r["b"]
            if level == "token":
                ga, gb = GIVEN["ru" if script == "ru" else "ar"][i % 3], GIVEN["ru" if script == "ru" else "ar"][3 + i % 3]
                a, b = f"{ga} {title(a)}", f"{gb} {title(b)}"
            if not all(is_word(w) for w in (a + " " + b).split()):
                continue
            for t, (ext, text) in DISTINCT_TEMPLATES.items():
                items.append((f"{t}-{i:05}", ext, text.format(a=a, b=b, sa=surname(a), sb=surname(b))))
                meta.append((t, r["distance"], a, b))
        folder = os.path.join(WORK, "distinct", f"{script}-{level}")
        paths = write_articles(folder, items)
        cache = {}
        by_file = fired(run_check(args.bin, [folder]), cache)
        per = collections.defaultdict(lambda: [0, 0, 0])
        alarms = []
        for p, (t, dist, a, b) in zip(paths, meta):
            found = by_file.get(os.path.abspath(p), [])
            warn = [x for x in found if x[0] in ("warning", "error")]
            for k in (f"{t}", f"distance {dist}", "all"):
                per[k][0] += 1
                per[k][1] += bool(warn)
                per[k][2] += bool(found)
            if warn:
                alarms.append(f"{t}: {a} | {b}: " + "; ".join(f"{r} {sorted(x)}" for _, r, x in warn))
        table(f"[distinct] {script} {level}: articles with a finding", [(k, pct(w, n), pct(f, n)) for k, (n, w, f) in per.items()], ["warning", "any level"])
        with open(os.path.join(WORK, f"distinct-{script}-{level}-alarms.txt"), "w") as f:
            f.write("\n".join(alarms) + "\n")
        for line in alarms[:12]:
            print("   ", line)


CROSS_PLACES = {
    "sentence": ("txt", "The ministry said {G} {X} would lead the talks on Monday.\n"),
    "list": ("txt", "Taking part on Monday:\n\n- {G} {X}, adviser\n- Tom Hale, interpreter\n"),
    "table": ("md", "| Place | Name | Time |\n|---|---|---|\n| 1 | {G} {X} | 45.10 |\n| 2 | Tom Hale | 45.32 |\n"),
}


def eval_cross(args, rows):
    for script in ("ru", "ar"):
        pairs = variant_pairs(rows, script, collections.Counter())
        random.Random(SEED).shuffle(pairs)
        pairs = pairs[: max(1, args.pairs // 10)]
        per = collections.defaultdict(lambda: [0, 0])
        for i, (a, b, _) in enumerate(pairs):
            g = GIVEN[script][i % len(GIVEN[script])]
            for place, (ext, text) in CROSS_PLACES.items():
                others = [(f"n{k}", e, t.format(G=g, X=a)) for k, (e, t) in enumerate(
                    [CROSS_PLACES["sentence"], CROSS_PLACES["list"], CROSS_PLACES["table"], CROSS_PLACES["sentence"]])]
                folder = os.path.join(WORK, "cross", script, f"{i:04}-{place}")
                write_articles(folder, others + [("odd", ext, text.format(G=g, X=b))])
                diags = run_check(args.bin, [folder])
                odd = [d for d in diags if os.path.basename(d["path"]).startswith("odd")
                       and d["severity"] == "warning" and any(l.get("path") for l in d.get("labels") or [])]
                per[place][0] += 1
                per[place][1] += bool(odd)
        n = sum(v[0] for v in per.values())
        w = sum(v[1] for v in per.values())
        table(f"[cross] {script}: odd file reported at warning level ({len(pairs)} pairs)",
              [(k, pct(x[1], x[0])) for k, x in per.items()] + [("all", pct(w, n))], ["warning"])


def eval_ukraine(args, data):
    rows = [json.loads(l) for l in open(os.path.join(data, "names", "spelling_ukraine.jsonl"), encoding="utf-8")]
    folder = os.path.join(WORK, "ukraine")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(os.path.join(folder, "copy"))

    def q(s):
        return json.dumps(s, ensure_ascii=False)
    with open(os.path.join(folder, "house-names.toml"), "w", encoding="utf-8") as f:
        for r in rows:
            if not r["incorrect"]:
                continue
            f.write(f"[[entity]]\npreferred = {q(r['correct'])}\nvariants = [{', '.join(q(v) for v in r['incorrect'])}]\n\n")
    with open(os.path.join(folder, "copydesk.toml"), "w") as f:
        f.write('[names]\ntable = "house-names.toml"\n')
    expected = []
    for i, r in enumerate(rows):
        for j, v in enumerate(r["incorrect"]):
            p = os.path.join(folder, "copy", f"{i:03}-{j}.txt")
            with open(p, "w", encoding="utf-8") as f:
                f.write(f"Reporters travelled to {v} on Monday and met {r['correct']} officials later.\n")
            expected.append((p, v, r["correct"]))
    diags = run_check(args.bin, ["copy"], config=os.path.join(folder, "copydesk.toml"), cwd=folder)
    got = collections.defaultdict(list)
    for d in diags:
        if d["rule"] == "names/house-spelling":
            got[os.path.basename(d["path"])].append((d.get("fix") or {}).get("replacement"))
    hit = sum(1 for p, v, c in expected if c in got.get(os.path.basename(p), []))
    other = sum(1 for d in diags if d["rule"] != "names/house-spelling")
    print(f"\n[ukraine] {len(rows)} rows, {len(expected)} wrong spellings: reported with the fix "
          f"{pct(hit, len(expected))}; other names findings {other}")


def words_in(folder):
    n = 0
    for dirpath, _, files in os.walk(folder):
        for f in files:
            if f.endswith(".txt"):
                with open(os.path.join(dirpath, f), encoding="utf-8", errors="replace") as fh:
                    n += len(fh.read().split())
    return n


def eval_news(args, data):
    sets = ["news/edited/reuters21578", "news2/edited/outlets2018", "news2/edited/worldwide2022"]
    pool = []
    for s in sets:
        folder = os.path.join(data, s)
        diags = run_check(args.bin, [folder])
        words = words_in(folder)
        count = collections.Counter((d["rule"], d["severity"]) for d in diags)
        warn = [d for d in diags if d["severity"] in ("warning", "error")]
        print(f"\n[news] {s}: {words} words; warnings {len(warn)} = {50000 * len(warn) / words:.2f} per 50,000 words")
        for (rule, sev), n in sorted(count.items()):
            print(f"    {rule:40} {sev:8} {n}")
        pool += [(s, d) for d in warn]
    rng = random.Random(SEED)
    sample = rng.sample(pool, min(args.sample, len(pool)))
    with open(os.path.join(WORK, "judge.txt"), "w", encoding="utf-8") as f:
        for s, d in sample:
            f.write(f"== {d['path']}:{d['span']['line']} {d['rule']}: {d['message']}\n")
            for n in d.get("notes") or []:
                f.write(f"   note: {n}\n")
            f.write(f"   {context(d['path'], d['span'])}\n")
            for l in d.get("labels") or []:
                f.write(f"   label {l.get('path', '')}: {context(l.get('path') or d['path'], l['span'])}\n")
    print(f"\n[news] {len(sample)} warnings sampled for judging (seed {SEED}): {os.path.join(WORK, 'judge.txt')}")


def context(path, span, width=90):
    with open(path, "rb") as f:
        data = f.read()
    a, b = span["start"], span["end"]
    before = data[max(0, a - width):a].decode("utf-8", "replace").replace("\n", " ")
    after = data[b:b + width].decode("utf-8", "replace").replace("\n", " ")
    return f"...{before}[[{data[a:b].decode('utf-8', 'replace')}]]{after}..."


def unpack(data):
    if data:
        return data
    data = os.path.join(WORK, "data")
    for name in ("names", "news", "news2"):
        if not os.path.isdir(os.path.join(data, name)):
            archive = os.path.join(ROOT, "..", "shared", "data", f"{name}.tar.gz")
            if not os.path.exists(archive):
                sys.exit(f"names_eval: no {archive}; pass --data DIR")
            os.makedirs(data, exist_ok=True)
            with tarfile.open(archive) as tar:
                tar.extractall(data, filter="data")
    return data


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    ap.add_argument("--data", help="folder holding names/, news/, news2/ (default: unpack ../shared/data)")
    ap.add_argument("--only", default="variants,given,distinct,cross,ukraine,news")
    ap.add_argument("--pairs", type=int, default=2000, help="variant pairs per script (random, seed 7)")
    ap.add_argument("--sample", type=int, default=40, help="news warnings to sample for judging")
    args = ap.parse_args()
    args.bin = os.path.abspath(args.bin)
    data = unpack(args.data)
    os.makedirs(WORK, exist_ok=True)
    only = args.only.split(",")
    names = os.path.join(data, "names")

    def load(f):
        with open(os.path.join(names, f), encoding="utf-8") as fh:
            return [json.loads(l) for l in fh]
    if "variants" in only or "given" in only or "cross" in only:
        variants = load("wikidata_variants.jsonl")
    if "variants" in only:
        eval_variants(args, variants)
    if "given" in only:
        eval_given(args, variants)
    if "distinct" in only:
        eval_distinct(args, load("wikidata_distinct_sample.jsonl"))
    if "cross" in only:
        eval_cross(args, variants)
    if "ukraine" in only:
        eval_ukraine(args, data)
    if "news" in only:
        eval_news(args, data)


if __name__ == "__main__":
    main()
