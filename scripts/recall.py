#!/usr/bin/env python3
"""Recall benchmark: plant faults in clean real articles and count what copydesk finds.

Usage:
  scripts/recall.py [--data DIR] [--seed N ...] [--per-class 100] [--templates main|heldout|both]
                    [--classes NAME,...] [--log FILE] [--bin PATH]
  scripts/recall.py --wrap-trial [--data DIR] [--seed N] [--articles 400]
  scripts/recall.py --precision [--data DIR] [--seed N] [--select FAMILIES] [--sample 30]

For each fault class (a function `plant(text, rng) -> (new_text, edits)`, see `CLASSES`), the script
takes professionally edited articles (Reuters-21578, news2/edited/outlets2018 and worldwide2022),
plants one fault per copy at a place chosen at random with the seed, runs the release binary once
over the folder of planted copies and once over the clean copies (`--format jsonl`), and prints,
for each class and placement, how many faults were planted, how many were found and how many new
diagnostics matched no planted fault, per 100 faults.

- A diagnostic is *new* when the clean copy has no diagnostic of the same rule at the same place
  (its span mapped through the edits). Only new diagnostics count, so the residue that the real
  articles already contain does not count as found, nor as a false alarm.
- A fault is *found* when a new diagnostic of the class's family has its primary span, or one of
  its labels, within `SLACK` bytes of the fault (the planted text, or the region the class names:
  for a dropped closing quote, the quotation it leaves open).
- A new diagnostic that matches no planted fault is *unmatched*: a false alarm the fault caused
  elsewhere (a fused-sentences finding on a glued photo credit, which is residue), or a finding on
  a decoy. Decoy classes plant text that is not a fault (`rock 'n' roll`, `Booking.com`, a whole
  quotation running over three paragraphs): everything reported on them is unmatched.
- Several new diagnostics on one fault are found once; the others are counted as `extra`, and so
  are new diagnostics of the class's family in the `related` region an edit may name (a removed
  attribution also leaves the other figures of its paragraph, and of a paragraph continuing it,
  without a source: reporting them is right, not a false alarm).

Honest by construction: a class chooses its place from the text alone (sentence boundaries,
paragraph ends, quotations found with its own regular expressions), never from what the linter
reports; every edit is logged with its byte span (`--log FILE`, JSON Lines); the script asserts
that undoing the edits gives back the original bytes. The fault texts come from templates written
for this script (`TEMPLATES`: invented names and agencies), never from the data. `--templates
heldout` uses a second, differently worded set that the rules were not tuned on.

`--precision` counts the warning-and-above findings on each edited set per 20,000 words and prints
a seeded random sample of them with the text around each, to be read by hand.

`--wrap-trial` hard-wraps articles with `fold -s -w 72` and compares the findings on each wrapped
copy with those on the original, by rule and matched text (white space collapsed), not offsets.

Data: `--data DIR` is a folder holding `news/` and `news2/` as unpacked from ../shared/data; by
default the archives are unpacked into target/recall/data. Only the Python standard library is
used; the project itself never needs this script. A class written elsewhere joins by being a
module `scripts/plant_<name>.py` with `plant(text, rng)` and `FAMILY` (see `extra_classes`).
"""
import argparse
import collections
import glob
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tarfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "recall")
SETS = ["news/edited/reuters21578", "news2/edited/outlets2018", "news2/edited/worldwide2022"]
# How far (bytes) a diagnostic may lie from the fault and still find it.
SLACK = 8
# Rules that report one finding per article, on a mark chosen by counting: compared by rule only.
ONCE_PER_ARTICLE = {"quotes/mixed-styles"}


# ---------------------------------------------------------------------------------------------
# Edits


class Plan:
    """Replacements in the original text (character offsets, non-overlapping), applied at once."""

    def __init__(self, text):
        self.text = text
        self.ops = []

    def replace(self, start, end, new, **meta):
        for s, e, _, _ in self.ops:
            if start < e and s < end or (start == end == s):
                raise ValueError("overlapping edits")
        self.ops.append((start, end, new, meta))
        return self

    def insert(self, at, new, **meta):
        return self.replace(at, at, new, **meta)

    def apply(self):
        """The new text and its edits: `start`/`end` (characters of the new text), `old`, `new`,
        and the class's metadata (`placement`, `region` as original offsets, mapped here)."""
        out, edits, pos, shift = [], [], 0, 0
        ops = sorted(self.ops, key=lambda o: o[0])
        for start, end, new, meta in ops:
            out.append(self.text[pos:start])
            edit = {"start": start + shift, "end": start + shift + len(new), "old": self.text[start:end], "new": new}
            edit.update(meta)
            edits.append(edit)
            shift += len(new) - (end - start)
            out.append(new)
            pos = end
        out.append(self.text[pos:])
        new_text = "".join(out)
        for edit in edits:
            if "region" in edit:
                edit["region"] = [self.map(edit["region"][0], ops), self.map(edit["region"][1], ops)]
        return new_text, edits

    @staticmethod
    def map(offset, ops):
        shift = 0
        for start, end, new, _ in ops:
            if start >= offset and not (start == end == offset):
                break
            shift += len(new) - (end - start)
        return offset + shift


def undo(new_text, edits):
    """The original text, rebuilt from the planted text and its edits."""
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: e["start"]):
        out.append(new_text[pos : e["start"]])
        out.append(e["old"])
        pos = e["end"]
    out.append(new_text[pos:])
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Reading the text: the planter's own notion of lines, sentences and quotations


ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z]|Mr|Mrs|Ms|Dr|St|Gen|Gov|Sen|Rep|Jr|Sr|No|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|etc|vs|Mt|Ft|Lt|Col|Sgt|Capt|Prof|Rev)\.$")
BOUNDARY = re.compile(r"(?<=[a-z0-9)%][.!?])( )(?=[A-Z][a-z])|(?<=[a-z0-9)%][.!?][”\"’])( )(?=[A-Z“\"])")


def body_lines(text):
    """(start, end) of each line that reads as a paragraph of the article: 12 words or more,
    ending in sentence punctuation."""
    out, pos = [], 0
    for line in text.split("\n"):
        s = line.rstrip()
        if len(s.split()) >= 12 and re.search(r"[.!?][”\"’)]?$", s):
            out.append((pos, pos + len(s)))
        pos += len(line) + 1
    return out


def boundaries(text, line=None):
    """Offsets of the space between two sentences: after `.`/`!`/`?` (and a closing quote) that
    follows a lower-case word or a figure, before a capital letter; not after an abbreviation."""
    lines = [line] if line else body_lines(text)
    out = []
    for start, end in lines:
        for m in BOUNDARY.finditer(text, start, end):
            at = m.start(1) if m.group(1) is not None else m.start(2)
            before = text[max(start, at - 12) : at].rstrip("”\"’").split()[-1:]
            if before and ABBREV.search(before[0]):
                continue
            if len(text[start:at].split()) < 3:
                continue  # `16. The`: a list number, not a sentence
            out.append(at)
    return out


def pick(rng, items):
    return rng.choice(items) if items else None


def uses_curly(text):
    """Whether the article's quotation marks and apostrophes are mostly curly."""
    return sum(text.count(c) for c in "“”‘’") > sum(text.count(c) for c in "\"'")


def quotations(text, line):
    """(opener, closer) offsets of the quotations in a line, curly or straight, by regex."""
    start, end = line
    out = []
    for m in re.finditer(r"“[^“”\n]{3,400}?”", text[start:end]):
        out.append((start + m.start(), start + m.end() - 1))
    for m in re.finditer(r'(?:(?<=^)|(?<=[\s(\[—]))"[^"\n]{3,400}?"(?=[\s.,;:!?)\]—]|$)', text[start:end]):
        out.append((start + m.start(), start + m.end() - 1))
    return out


def fill(template, rng, words):
    """A template with its `{slots}` filled from the word lists."""
    return re.sub(r"\{(\w+)\}", lambda m: rng.choice(words[m.group(1)]), template)


# ---------------------------------------------------------------------------------------------
# Templates: written for this script; names of people, agencies and papers are invented.

WORDS = {
    "main": {
        "person": ["Mara Lindqvist", "Tomas Ferre", "Jon Farrow", "Ilse Brandt", "Kofi Mensah", "Ana Ruiz",
                   "Dev Raman", "Lena Ortiz", "Paul Okafor", "Sven Aalto", "Rita Moreau", "Omar Haddad"],
        "agency": ["Getty Images", "AFP", "AP", "PA", "EPA", "Reuters", "Shutterstock", "Bloomberg"],
        "paper": ["The Harbour Ledger", "Northgate Post", "The Valley Courier", "Eastside Herald"],
        "headline": ["Council backs new harbour bridge plan", "Storm closes coastal road for a week",
                     "Ex-mayor charged in bribery case", "Rail strike talks collapse again",
                     "Five things to know about the budget"],
        "caption": ["Protesters gather outside the court on Monday", "The minister at a news conference in the capital",
                    "Rescue workers search the rubble", "Supporters wave flags at a rally"],
        "n": ["3", "4", "7", "11", "12", "15", "20"],
    },
    "heldout": {
        "person": ["Beatriz Solano", "Henrik Vos", "Amara Eze", "Yusuf Demir", "Claire Dubois", "Niko Petrov",
                   "Grace Liang", "Marek Nowak", "Ines Carvalho", "Ravi Pillai"],
        "agency": ["Getty", "AFP via Getty Images", "Xinhua", "Anadolu Agency", "NurPhoto", "Alamy", "ZUMA Press"],
        "paper": ["The Riverside Gazette", "Coastline Daily", "The Morning Sentinel", "Metro Tribune"],
        "headline": ["What the new tax rules mean for renters", "Flooding forces hundreds from their homes",
                     "Hospital waiting lists reach a record", "Opinion: the vote that changed everything"],
        "caption": ["Police officers stand guard near the parliament", "A worker inspects the damaged line",
                    "Voters queue at a polling station", "Firefighters tackle the blaze overnight"],
        "n": ["2", "5", "8", "9", "14", "18", "24"],
    },
}

# Residue: one list per kind, main and held-out. Each entry is a template.
RESIDUE = {
    "read-more": {
        "main": ["Read More", "Read more", "READ MORE", "Continue reading", "Continue Reading", "Read the full story",
                 "Read More »", "Keep reading", "Continue reading the main story", "Read more ›"],
        "heldout": ["Read full article", "READ MORE:", "Read on", "Click here to read more", "Read the rest of this story",
                    "Continue Reading Below", "Read More...", "See full story"],
    },
    "share": {
        "main": ["Share this:", "Share this article", "Share on Facebook Share on Twitter Share via Email",
                 "Play Facebook Twitter Google Plus", "Share Tweet Email", "Facebook Twitter WhatsApp Email",
                 "Share this story", "Share via Email Print"],
        "heldout": ["SHARE", "Share on WhatsApp Share on LinkedIn", "Tweet Share Pin Email", "Share this page",
                    "Facebook Twitter Pinterest Email", "Share with friends", "Email Print Share"],
    },
    "advert": {
        "main": ["Advertisement", "ADVERTISEMENT", "Advertisement - Scroll to continue", "Advertisement Advertisement",
                 "ADVERTISEMENT ADVERTISEMENT", "Story continues below advertisement", "Advertisement Continue reading the main story"],
        "heldout": ["Advertisement:", "- Advertisement -", "Sponsored", "ADVERTISING", "Advertisement\u00a0",
                    "Article continues after advertisement", "Ad", "Advertisement · Scroll to continue"],
    },
    "credit": {
        "main": ["Photo: {agency}", "REUTERS/{person}", "Photograph: {agency}", "Image copyright {agency}",
                 "Image caption {caption}", "Enlarge this image toggle caption {person}/AFP/Getty Images",
                 "{n} of {n} • • • Show Caption", "(AP Photo/{person})", "Photo by {person}/{agency}",
                 "FILE PHOTO: {caption}. REUTERS/{person}"],
        "heldout": ["Credit: {person}/{agency}", "PHOTO: {agency}", "Picture: {person}", "(Photo by {person}/{agency})",
                    "Image: {agency}", "{caption} ({person}/{agency})", "Photo credit: {person}", "{person} | {agency}",
                    "Getty Images"],
    },
    "newsletter": {
        "main": ["Sign up for our newsletter", "Subscribe to our daily briefing", "Get the best of {paper} delivered to your inbox",
                 "Sign up for the {paper} morning newsletter", "Subscribe now for unlimited access",
                 "Already a subscriber? Log in", "Enter your email address to subscribe"],
        "heldout": ["Newsletter sign-up", "Want more stories like this? Subscribe", "Sign up to our free email alerts",
                    "Join our mailing list", "Subscribe to {paper}", "Get our newsletter in your inbox every morning"],
    },
    "cookie": {
        "main": ["We use cookies to improve your experience on our site.",
                 "This site uses cookies. By continuing to browse, you agree to our use of cookies.",
                 "By using this site, you agree to our Privacy Policy and Terms of Use.",
                 "Accept all cookies"],
        "heldout": ["We and our partners use cookies to personalise ads.", "Manage cookie preferences",
                    "Our website uses cookies to give you the best experience.", "Cookies help us deliver our services."],
    },
    "related": {
        "main": ["Related Coverage", "RELATED STORIES", "Related: {headline}", "You may also like", "Most Read",
                 "More from {paper}", "Recommended Stories"],
        "heldout": ["RELATED: {headline}", "See also: {headline}", "Related Articles", "Read next: {headline}",
                    "Popular on {paper}", "What to read next"],
    },
}

# A credit repeated: shapes that name no photo, so only the repeat shows them as residue.
REPEATED_CREDIT = {
    "main": ["{person} for {paper}", "{person}/{paper}", "Courtesy of {person}", "Illustration by {person}"],
    "heldout": ["{person} / {paper}", "Handout from {paper}", "Graphic: {paper}", "Supplied by {person}"],
}

GLUED_CREDIT = {
    "main": ["Image copyright{agency_caps}", "Image caption{caption}", "Photo: {agency}", "Image copyright {agency}"],
    "heldout": ["Photograph:{agency}", "Image source{agency_caps}", "Picture: {agency}", "Media caption{caption}"],
}

STRAY = {
    "main": ["take.", "said.", "sources", "the.", "of the.", "to be.", "it was.", "and said.", "more.", "has been",
             "in the.", "would take.", "which was.", "told.", "he added"],
    "heldout": ["went.", "for the", "to make.", "she.", "that is.", "was.", "will go.", "an.", "by.", "says.",
                "officials", "is the."],
}

# After a sentence that ends in an abbreviation, only fragments that cannot go on with that
# sentence are faults a reader can see: `the U.S. sources.` and `Acme Corp. said.` read as English.
STRAY_AFTER_ABBREVIATION = {
    "main": ["the.", "of the.", "to be.", "it was.", "in the.", "which was.", "more.", "has been.", "would take.", "he added."],
    "heldout": ["for the.", "to make.", "she.", "that is.", "was.", "will go.", "an.", "by the.", "is the.", "its."],
}

DOUBLED = {
    "main": ["the", "of", "to", "and", "a", "in", "for", "on", "with", "is", "was", "that", "it", "be", "at"],
    "heldout": ["by", "from", "as", "an", "has", "have", "this", "are", "were", "or", "its", "their", "but", "not", "will"],
}

FUSED_DECOY = {
    "main": ["Shares of Booking.com rose in early trading.", "The firm bought Web.Com Group last year.",
             "The app is written in node.js and runs on a small server.", "Orders at Amazon.com were delayed, the company said.",
             "Its site runs on ASP.NET and was rebuilt in the spring."],
    "heldout": ["The deal valued Overstock.com at a discount.", "Engineers moved the service to vue.js in March.",
                "Tickets sold out on Eventbrite.co.uk within hours.", "The rival Match.com said it was not affected."],
}

# Written with curly marks; straightened for articles in straight marks.
APOSTROPHE_DECOY = {
    "main": ["Fans said they would keep singing till the end and “show ‘em” what the town could do.",
             "There was nothin’ left to do but wait, one resident said.",
             "The old hall still hosts rock ’n’ roll nights every Friday.",
             "The band was a household name in the ’90s and toured widely.",
             "“ ... and then the lights went out,” one witness said."],
    "heldout": ["Locals said they would rather give ‘em a fair hearing.",
                "He was runnin’ late, a neighbour recalled.",
                "The club played rock ’n’ roll and soul until dawn.",
                "Sales peaked in the ’80s before falling away.",
                "“ … we had no warning at all,” a driver said."],
}

GUILLEMET = {"main": ["»", " »"], "heldout": ["«", "›"]}
STRAIGHT = {"main": ['"'], "heldout": ["'", "''"]}
WRONG_OPENER = {"main": ["‘", "«"], "heldout": ["„", "‹"]}


def words_for(templates):
    w = dict(WORDS[templates])
    w["agency_caps"] = [a.upper() for a in w["agency"]]
    return w


# ---------------------------------------------------------------------------------------------
# Classes. Each returns `plant(text, rng) -> (new_text, edits)` or None when the article offers
# no place for the fault (another article is then tried).


def residue(kind, templates):
    words = words_for(templates)

    def plant(text, rng):
        label = fill(rng.choice(RESIDUE[kind][templates]), rng, words)
        return place_label(text, rng, label)

    return plant


def place_label(text, rng, label, placement=None):
    """A label on a line of its own between two paragraphs, or inline: between two sentences or at
    the end of a paragraph."""
    placement = placement or rng.choice(["own line", "inline mid", "inline end"])
    lines = body_lines(text)
    p = Plan(text)
    if placement == "own line":
        inner = [l for l in lines if l[0] > 0]
        line = pick(rng, inner)
        if not line:
            return None
        sep = "\n\n" if text[: line[0]].endswith("\n\n") else "\n"
        p.insert(line[0], label + sep, placement=placement)
        new, edits = p.apply()
        edits[0]["region"] = [edits[0]["start"], edits[0]["start"] + len(label)]
        return new, edits
    if placement == "inline mid":
        at = pick(rng, boundaries(text))
        if at is None:
            return None
        p.replace(at, at + 1, " " + label + " ", placement=placement)
    else:
        line = pick(rng, lines)
        if not line:
            return None
        p.insert(line[1], " " + label, placement=placement)
    return p.apply()


def credit_repeated(templates):
    words = words_for(templates)

    def plant(text, rng):
        credit = fill(rng.choice(REPEATED_CREDIT[templates]), rng, words)
        lines = body_lines(text)
        if len(lines) < 4:
            return None
        first, second = sorted(rng.sample(range(len(lines)), 2))
        if second - first < 2:
            return None
        p = Plan(text)
        for k, role in ((first, "first copy"), (second, "repeat")):
            at = lines[k][0]
            sep = "\n\n" if text[:at].endswith("\n\n") else "\n"
            if at == 0:
                continue
            p.insert(at, credit + sep, placement="own line", role=role)
        if len(p.ops) < 2:
            return None
        new, edits = p.apply()
        for e in edits:
            e["region"] = [e["start"], e["start"] + len(credit)]
        return new, edits

    return plant


def stray(templates, after_abbreviation=False):
    def plant(text, rng):
        frag = rng.choice((STRAY_AFTER_ABBREVIATION if after_abbreviation else STRAY)[templates])
        if after_abbreviation:
            # A sentence that ends in an abbreviation: at the end of a paragraph, or before a word
            # that only starts sentences.
            spots = []
            for start, end in body_lines(text):
                abbr = r"\b(?:Inc|Corp|Co|Ltd|U\.S|U\.K|Jr|Sr|a\.m|p\.m|etc|D\.C)\."
                for m in re.finditer(abbr + r"( )(?=(?:The|He|She|It|They|We|But|This|In|On|Its|His|Their) )", text[start:end]):
                    spots.append(("mid", start + m.start(1)))
                if re.search(abbr + "$", text[start:end]):
                    spots.append(("end", end))
            spot = pick(rng, spots)
            if not spot:
                return None
            placement = "after abbreviation, " + spot[0]
            at = spot[1]
        else:
            placement = rng.choice(["mid", "end"])
            if placement == "mid":
                at = pick(rng, boundaries(text))
            else:
                line = pick(rng, body_lines(text))
                at = line[1] if line else None
        if at is None:
            return None
        p = Plan(text)
        if placement.endswith("end"):
            p.insert(at, " " + frag, placement=placement)
        else:
            if not frag.endswith("."):
                frag += "."
            p.replace(at, at + 1, " " + frag + " ", placement=placement)
        return p.apply()

    return plant


def truncated(templates):
    ellipses = {"main": ["...", "…"], "heldout": ["…", "...", " …"]}[templates]

    def plant(text, rng):
        line = pick(rng, body_lines(text))
        if not line:
            return None
        start, end = line
        words = [m for m in re.finditer(r"[A-Za-z]{6,}", text[start:end])]
        # A word in the second half of the paragraph, cut after three letters or more, at least
        # two letters short; the rest of the paragraph goes with it.
        # A tail holding a quotation mark would leave a quotation open: a second fault.
        words = [m for m in words if m.start() > (end - start) // 2 and not re.search("[\"“”«»]", text[start + m.end() : end])]
        m = pick(rng, words)
        if not m:
            return None
        keep = rng.randint(3, len(m.group()) - 2)
        cut = start + m.start() + keep
        ell = rng.choice(ellipses)
        p = Plan(text)
        p.replace(cut, end, ell, placement="paragraph end", region=[start + m.start(), cut])
        return p.apply()

    return plant


def trailing_ellipsis_decoy(templates):
    ellipses = {"main": ["...", "…"], "heldout": ["…", " ..."]}[templates]

    def plant(text, rng):
        line = pick(rng, [l for l in body_lines(text) if re.search(r"[a-z]{3}\.$", text[l[0] : l[1]])])
        if not line:
            return None
        p = Plan(text)
        p.replace(line[1] - 1, line[1], rng.choice(ellipses), placement="decoy")
        return p.apply()

    return plant


def fused(templates):
    def plant(text, rng):
        at = pick(rng, boundaries(text))
        if at is None:
            return None
        return Plan(text).replace(at, at + 1, "", placement="mid", region=[at - 6, at + 6]).apply()

    return plant


def glued_credit(templates):
    words = words_for(templates)

    def plant(text, rng):
        credit = fill(rng.choice(GLUED_CREDIT[templates]), rng, words)
        lines = [l for l in body_lines(text) if text[l[1] - 1] == "."]
        if rng.random() < 0.5:
            at = pick(rng, [b for b in boundaries(text) if text[b - 1] == "."])
            if at is None:
                return None
            return Plan(text).replace(at, at + 1, credit + " ", placement="mid").apply()
        line = pick(rng, lines)
        if not line:
            return None
        return Plan(text).insert(line[1], credit, placement="end").apply()

    return plant


def doubled_word(templates):
    def plant(text, rng):
        spots = []
        for start, end in body_lines(text):
            for m in re.finditer(r"(?<= )(%s)(?= [a-z])" % "|".join(DOUBLED[templates]), text[start:end]):
                spots.append((start + m.start(), start + m.end()))
        s = pick(rng, spots)
        if not s:
            return None
        return Plan(text).insert(s[1], " " + text[s[0] : s[1]], placement="mid").apply()

    return plant


def paren_echo(templates):
    def plant(text, rng):
        # A capitalised name (one to three words) inside a sentence, not at its start.
        spots = []
        for start, end in body_lines(text):
            for m in re.finditer(r"(?<=[a-z,] )((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]{2,})(?=[ ,.;])", text[start:end]):
                spots.append((start + m.start(1), start + m.end(1)))
        s = pick(rng, spots)
        if not s:
            return None
        name = text[s[0] : s[1]]
        if templates == "heldout" and rng.random() < 0.5:
            name = name.upper() if len(name) < 12 else name
        return Plan(text).insert(s[1], f" ({name})", placement="echo").apply()

    return plant


def paren_repeat(templates):
    def plant(text, rng):
        spots = []
        for start, end in body_lines(text):
            for m in re.finditer(r"\([^()\n]{1,40}\)", text[start:end]):
                spots.append((start + m.start(), start + m.end()))
        s = pick(rng, spots)
        if not s:
            return None
        sep = " " if templates == "main" else rng.choice([" ", ""])
        return Plan(text).insert(s[1], sep + text[s[0] : s[1]], placement="repeat").apply()

    return plant


def quote_pair(text, rng, curly=None):
    spots = []
    for line in body_lines(text):
        for o, c in quotations(text, line):
            if curly is None or (text[o] == "“") == curly:
                spots.append((o, c))
    return pick(rng, spots)


def closer_replaced(marks_by_templates, curly_only=False):
    def make(templates):
        def plant(text, rng):
            if curly_only and not uses_curly(text):
                return None
            pair = quote_pair(text, rng, curly=True if curly_only else None)
            if not pair:
                return None
            o, c = pair
            mark = rng.choice(marks_by_templates[templates])
            return Plan(text).replace(c, c + 1, mark, placement="closer", region=[o, c + 1]).apply()

        return plant

    return make


def closer_dropped(templates):
    def plant(text, rng):
        pair = quote_pair(text, rng)
        if not pair:
            return None
        o, c = pair
        return Plan(text).replace(c, c + 1, "", placement="closer", region=[o, c + 1]).apply()

    return plant


def opener_wrong(templates):
    def plant(text, rng):
        pair = quote_pair(text, rng)
        if not pair:
            return None
        o, c = pair
        mark = rng.choice(WRONG_OPENER[templates])
        return Plan(text).replace(o, o + 1, mark, placement="opener", region=[o, c + 1]).apply()

    return plant


def quote_run(closed):
    """A quotation running over two to four paragraphs, each reopened: closed at the end (a decoy:
    correct newsroom style) or left open (one fault, to be reported once)."""

    def make(templates):
        def plant(text, rng):
            lines = body_lines(text)
            k = rng.randint(2, 4)
            runs = []
            for i in range(len(lines) - k + 1):
                run = lines[i : i + k]
                gaps_blank = all(text[a[1] : b[0]].strip() == "" for a, b in zip(run, run[1:]))
                # A run followed by a paragraph that opens with a quotation mark reads, rightly, as
                # going on into it: that is no fault a reader could see.
                after = text[run[-1][1] :].lstrip()
                if not closed and after[:1] in ('"', "“", "‘", "'"):
                    continue
                quiet = not any(re.search("[\"“”‘’«»]|'(?![a-z])|(?<![a-z])'", text[s:e]) for s, e in run)
                if gaps_blank and quiet:
                    runs.append(run)
            run = pick(rng, runs)
            if not run:
                return None
            curly = uses_curly(text)
            opener, closer = ("“", "”") if curly else ('"', '"')
            p = Plan(text)
            for s, _ in run:
                p.insert(s, opener, placement="decoy" if closed else "3 paragraphs" if k > 2 else "2 paragraphs",
                         region=[run[0][0], run[-1][1]])
            if closed:
                p.insert(run[-1][1], closer, placement="decoy")
            return p.apply()

        return plant

    return make


def sentence_decoy(table):
    def make(templates):
        def plant(text, rng):
            sentence = rng.choice(table[templates])
            if not uses_curly(text):
                sentence = sentence.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
            at = pick(rng, boundaries(text))
            if at is None:
                return None
            return Plan(text).replace(at, at + 1, " " + sentence + " ", placement="decoy").apply()

        return plant

    return make


# name, family (None: a decoy), factory(templates) -> plant
CLASSES = [
    ("residue/read-more", "residue", lambda t: residue("read-more", t)),
    ("residue/share", "residue", lambda t: residue("share", t)),
    ("residue/advert", "residue", lambda t: residue("advert", t)),
    ("residue/credit", "residue", lambda t: residue("credit", t)),
    ("residue/credit-repeated", "residue", credit_repeated),
    ("residue/newsletter", "residue", lambda t: residue("newsletter", t)),
    ("residue/cookie", "residue", lambda t: residue("cookie", t)),
    ("residue/related", "residue", lambda t: residue("related", t)),
    ("fragments/stray", "fragments", lambda t: stray(t)),
    ("fragments/stray-abbrev", "fragments", lambda t: stray(t, after_abbreviation=True)),
    ("fragments/truncated", "fragments", truncated),
    ("fragments/fused", "fragments", fused),
    ("fragments/glued-credit", "residue", glued_credit),
    ("fragments/doubled-word", "fragments", doubled_word),
    ("fragments/paren-echo", "fragments", paren_echo),
    ("fragments/paren-repeat", "fragments", paren_repeat),
    ("quotes/closer-guillemet", "quotes", closer_replaced(GUILLEMET)),
    ("quotes/closer-straight", "quotes", closer_replaced(STRAIGHT, curly_only=True)),
    ("quotes/closer-dropped", "quotes", closer_dropped),
    ("quotes/opener-wrong", "quotes", opener_wrong),
    ("quotes/run-unclosed", "quotes", quote_run(closed=False)),
    ("decoy/quote-run-closed", None, quote_run(closed=True)),
    ("decoy/apostrophes", None, sentence_decoy(APOSTROPHE_DECOY)),
    ("decoy/domains", None, sentence_decoy(FUSED_DECOY)),
    ("decoy/trailing-ellipsis", None, trailing_ellipsis_decoy),
]


def extra_classes():
    """Classes written as modules `scripts/plant_<name>.py` with `plant(text, rng)` and `FAMILY`:
    they have one wording, used for both template sets."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "scripts", "plant_*.py"))):
        name = os.path.basename(path)[len("plant_") : -3]
        spec = importlib.util.spec_from_file_location(f"plant_{name}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        family = getattr(module, "FAMILY", "figures")
        out.append((f"{family}/{name}", family, lambda t, m=module: module_planter(m)))
    return out


def module_planter(module):
    """A planter of this script's shape from a module's `plant`, whose edits hold byte offsets in
    the original (`start`, `end`), the `removed` text and its `replacement`, and the byte span of
    what must be found in the new text (`figure`, when it is not the edit itself)."""

    def plant(text, rng):
        new, edits = module.plant(text, rng)
        ours, new_bytes = [], new.encode("utf-8")
        for e in edits:
            start = len(text.encode("utf-8")[: e["start"]].decode("utf-8"))
            edit = {"start": start, "end": start + len(e["replacement"]), "old": e["removed"], "new": e["replacement"]}
            if "figure" in e:
                a, b = e["figure"]
                edit["region"] = [len(new_bytes[:a].decode("utf-8")), len(new_bytes[:b].decode("utf-8"))]
            edit["related"] = paragraph_and_next(new, start)
            ours.append(edit)
        return new, ours

    return plant


def paragraph_and_next(text, at):
    """The character span from the start of the paragraph holding `at` to the end of the paragraph
    after it (paragraphs are separated by blank lines)."""
    breaks = [(m.start(), m.end()) for m in re.finditer(r"\n[ \t]*\n", text)]
    start = max((b for a, b in breaks if b <= at), default=0)
    ends = [a for a, b in breaks if a >= at]
    return [start, ends[1] if len(ends) > 1 else len(text)]


# ---------------------------------------------------------------------------------------------
# Data and the binary


def data_dir(arg):
    if arg:
        return arg
    target = os.path.join(WORK, "data")
    if not all(os.path.isdir(os.path.join(target, s)) for s in SETS):
        shared = os.path.join(ROOT, "..", "shared", "data")
        for name in ("news", "news2"):
            archive = os.path.join(shared, f"{name}.tar.gz")
            if not os.path.exists(archive):
                sys.exit(f"recall: no data at {archive}; pass --data DIR (a folder holding news/ and news2/)")
            os.makedirs(target, exist_ok=True)
            with tarfile.open(archive) as tar:
                tar.extractall(target, filter="data")
    return target


def articles(data):
    """The articles of each edited set."""
    return [sorted(glob.glob(os.path.join(data, s, "*.txt"))) for s in SETS]


def interleave(sets, rng):
    """The articles of every set, shuffled and taken in turn from each set, so that the sets weigh
    the same whatever their size."""
    shuffled = [rng.sample(s, len(s)) for s in sets]
    out = []
    for k in range(max(map(len, shuffled))):
        out.extend(s[k] for s in shuffled if k < len(s))
    return out


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def usable(text):
    return len(text.split()) >= 150 and len(body_lines(text)) >= 3


def run_bin(binary, folder, select):
    cmd = [binary, "check", folder, "--no-config", "--format", "jsonl", "--select", select]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode == 2:
        sys.exit(f"recall: {' '.join(cmd)} failed:\n{r.stderr[-2000:]}")
    out = collections.defaultdict(list)
    for line in r.stdout.splitlines():
        d = json.loads(line)
        out[os.path.relpath(d["path"], folder)].append(d)
    return out


def byte_offset(text, i):
    return len(text[:i].encode("utf-8"))


def family(rule):
    return rule.split("/")[0]


def spans(d):
    yield d["span"]["start"], d["span"]["end"]
    for label in d.get("labels", []):
        if "path" not in label:
            yield label["span"]["start"], label["span"]["end"]


def near(d, region):
    return any(s <= region[1] + SLACK and region[0] - SLACK <= e for s, e in spans(d))


def old_position(pos, edits):
    """The planted-text byte offset `pos` mapped back to the original, or None inside an edit."""
    shift = 0
    for e in edits:
        if pos < e["bstart"]:
            break
        if pos < e["bend"] or (e["bstart"] == e["bend"] == pos):
            return None
        shift += (e["bend"] - e["bstart"]) - len(e["old"].encode("utf-8"))
    return pos - shift


# ---------------------------------------------------------------------------------------------
# The benchmark


def plant_all(seed, templates, classes, pool, per_class, out_dir, log, texts):
    planted = []  # (class, family, relative path, edits)
    for name, fam, factory in classes:
        plant = factory(templates)
        rng = random.Random(f"{seed}/{templates}/{name}")
        order = interleave(pool, rng)
        n = 0
        for path in order:
            if n == per_class:
                break
            text = read(path)
            if not usable(text):
                continue
            result = plant(text, rng)
            if not result:
                continue
            new, edits = result
            if not edits:
                continue
            assert undo(new, edits) == text, f"{name}: bytes outside the edits changed in {path}"
            for e in edits:
                e["bstart"], e["bend"] = byte_offset(new, e["start"]), byte_offset(new, e["end"])
                r = e.get("region", [e["start"], e["end"]])
                if "region" not in e:
                    # The planted text itself, without the white space around it.
                    body = new[r[0] : r[1]]
                    r = [r[0] + len(body) - len(body.lstrip()), r[1] - len(body) + len(body.rstrip())]
                e["bregion"] = [byte_offset(new, r[0]), byte_offset(new, r[1])]
                if "related" in e:
                    e["brelated"] = [byte_offset(new, x) for x in e["related"]]
            rel = os.path.join(name.replace("/", "__"), f"{n:04d}.txt")
            for sub, content in (("planted", new), ("clean", text)):
                target = os.path.join(out_dir, sub, rel)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "w", encoding="utf-8", newline="") as f:
                    f.write(content)
            planted.append((name, fam, rel, edits))
            texts[rel] = new
            if log:
                for e in edits:
                    log.write(json.dumps({"seed": seed, "templates": templates, "class": name, "file": rel,
                                          "source": os.path.relpath(path, ROOT), "start": e["bstart"], "end": e["bend"],
                                          "old": e["old"], "new": e["new"], "placement": e.get("placement", ""),
                                          "region": e["bregion"]}, ensure_ascii=False) + "\n")
            n += 1
    return planted


def score(planted, found_by_file, clean_by_file, texts):
    rows = collections.OrderedDict()
    unmatched_examples = []
    missed = []
    for name, fam, rel, edits in planted:
        edits = sorted(edits, key=lambda e: e["bstart"])
        placement = edits[-1].get("placement", "")
        row = rows.setdefault((name, placement), collections.Counter())
        row["planted"] += 1
        old = collections.Counter((d["rule"], d["span"]["start"]) for d in clean_by_file.get(rel, []))
        once = {d["rule"] for d in clean_by_file.get(rel, []) if d["rule"] in ONCE_PER_ARTICLE}
        new = []
        for d in found_by_file.get(rel, []):
            if d["rule"] in once:
                continue  # told once per article: it moves when the counts change, and is not new
            pos = old_position(d["span"]["start"], edits)
            key = (d["rule"], pos)
            if pos is not None and old[key] > 0:
                old[key] -= 1
            else:
                new.append(d)
        hits = [d for d in new if fam and family(d["rule"]) == fam and any(near(d, e["bregion"]) for e in edits)]
        if not hits and fam:
            b = texts[rel].encode("utf-8")
            r = edits[-1]["bregion"]
            missed.append((name, rel, b[max(0, r[0] - 50) : r[1] + 30].decode("utf-8", "replace")))
        if hits:
            row["found"] += 1
            row["extra"] += len(hits) - 1
            if any(d["severity"] != "info" for d in hits):
                row["warn"] += 1
        for d in new:
            if d in hits:
                continue
            if fam and family(d["rule"]) == fam and any("brelated" in e and near(d, e["brelated"]) for e in edits):
                row["extra"] += 1
            else:
                row["unmatched"] += 1
                unmatched_examples.append((name, rel, d))
    return rows, unmatched_examples, missed


def print_table(title, rows):
    print(f"\n{title}")
    print(f"{'class':28} {'placement':19} {'planted':>7} {'found':>6} {'%':>6} {'warn+':>6} {'extra':>5} {'unmatched':>9}")
    totals = collections.Counter()
    for (name, placement), r in rows.items():
        decoy = name.startswith("decoy/")
        pct = "" if decoy else f"{100 * r['found'] / r['planted']:.1f}"
        print(f"{name:28} {placement:19} {r['planted']:7} {('' if decoy else r['found']):>6} {pct:>6} "
              f"{('' if decoy else r['warn']):>6} {r['extra']:5} {r['unmatched']:9}")
        totals.update(r)
        if not decoy:
            totals["faults"] += r["planted"]
            totals["faults_found"] += r["found"]
    per100 = 100 * totals["unmatched"] / max(1, totals["faults"])
    print(f"{'all faults':48} {totals['faults']:7} {totals['faults_found']:6} "
          f"{100 * totals['faults_found'] / max(1, totals['faults']):6.1f}        unmatched {totals['unmatched']} "
          f"({per100:.2f} per 100 faults, decoys included)")
    return totals


def recall(args):
    data = data_dir(args.data)
    pool = articles(data)
    classes = [c for c in CLASSES + extra_classes() if not args.classes or any(c[0].startswith(p) for p in args.classes.split(","))]
    families = sorted({c[1] for c in classes if c[1]} | {"residue", "quotes", "fragments"})
    select = args.select or ",".join(families)
    log = open(args.log, "w", encoding="utf-8") if args.log else None
    sets = ["main", "heldout"] if args.templates == "both" else [args.templates]
    examples, misses = [], []
    for templates in sets:
        for seed in args.seed:
            out_dir = os.path.join(WORK, f"seed{seed}-{templates}")
            shutil.rmtree(out_dir, ignore_errors=True)
            texts = {}
            planted = plant_all(seed, templates, classes, pool, args.per_class, out_dir, log, texts)
            found = run_bin(args.bin, os.path.join(out_dir, "planted"), select)
            clean = run_bin(args.bin, os.path.join(out_dir, "clean"), select)
            rows, unmatched, missed = score(planted, found, clean, texts)
            print_table(f"seed {seed}, {templates} templates ({len(planted)} planted copies; --select {select})", rows)
            examples.extend(unmatched)
            misses.extend(missed)
    if log:
        log.close()
    if args.show_missed:
        print("\nmissed faults (class, file, text around the fault):")
        for name, rel, around in misses[: args.show_missed]:
            print(f"  {name:28} {rel:40} {around!r}")
    if args.show_unmatched:
        print("\nunmatched new diagnostics (class, file, rule, text):")
        for name, rel, d in examples[: args.show_unmatched]:
            print(f"  {name:28} {rel:40} {d['rule']:32} {d['message'][:90]}")


# ---------------------------------------------------------------------------------------------
# The wrap trial


def fold(text, width=72):
    r = subprocess.run(["fold", "-s", "-w", str(width)], input=text.encode("utf-8"), capture_output=True, check=True)
    return r.stdout.decode("utf-8")


def findings_key(d, text):
    b = text.encode("utf-8")
    matched = b[d["span"]["start"] : d["span"]["end"]].decode("utf-8", "replace")
    return d["rule"], " ".join(matched.split())


def wrap_trial(args):
    data = data_dir(args.data)
    rng = random.Random(f"wrap/{args.seed[0]}")
    chosen = [p for p in interleave(articles(data), rng) if usable(read(p))][: args.articles]
    out_dir = os.path.join(WORK, "wrap")
    shutil.rmtree(out_dir, ignore_errors=True)
    texts = {}
    for i, path in enumerate(chosen):
        text = read(path)
        rel = f"{i:04d}-{os.path.basename(path)}"
        for sub, content in (("original", text), ("wrapped", fold(text))):
            os.makedirs(os.path.join(out_dir, sub), exist_ok=True)
            with open(os.path.join(out_dir, sub, rel), "w", encoding="utf-8", newline="") as f:
                f.write(content)
            texts[(sub, rel)] = content
    select = args.select or "residue,quotes,fragments"
    results = {sub: run_bin(args.bin, os.path.join(out_dir, sub), select) for sub in ("original", "wrapped")}
    lost, gained, same = collections.Counter(), collections.Counter(), 0
    examples = []
    for rel in sorted({k[1] for k in texts}):
        a = collections.Counter(findings_key(d, texts[("original", rel)]) for d in results["original"].get(rel, []))
        b = collections.Counter(findings_key(d, texts[("wrapped", rel)]) for d in results["wrapped"].get(rel, []))
        same += sum((a & b).values())
        for key, n in (a - b).items():
            lost[key[0]] += n
            examples.append(("only in the original", rel, key))
        for key, n in (b - a).items():
            gained[key[0]] += n
            examples.append(("only in the wrapped copy", rel, key))
    print(f"wrap trial: {len(chosen)} articles folded with `fold -s -w 72` (--select {select})")
    print(f"  findings in both: {same}; only in the original: {sum(lost.values())}; only in the wrapped copy: {sum(gained.values())}")
    for rule in sorted(set(lost) | set(gained)):
        print(f"  {rule:36} lost {lost[rule]:4}  gained {gained[rule]:4}")
    for where, rel, (rule, matched) in examples[: args.show_unmatched or 20]:
        print(f"  {where:24} {rel:44} {rule:32} `{matched[:50]}`")


# ---------------------------------------------------------------------------------------------
# The precision sample


def precision(args):
    """Warning-and-above findings of `--select` on each edited set, per 20,000 words, and a random
    sample of `--sample` of them (seeded by the first `--seed`) with the text around each, to be
    read by hand."""
    data = data_dir(args.data)
    select = args.select or "residue,quotes,fragments"
    rng = random.Random(f"precision/{args.seed[0]}/{select}")
    for set_name, paths in zip(SETS, articles(data)):
        folder = os.path.join(data, set_name)
        found = run_bin(args.bin, folder, select)
        words = sum(len(read(p).split()) for p in paths)
        findings = sorted(((rel, d) for rel, ds in found.items() for d in ds if d["severity"] in ("warning", "error")),
                          key=lambda x: (x[0], x[1]["span"]["start"]))
        rules = collections.Counter(d["rule"] for _, d in findings)
        print(f"{set_name} ({words:,} words): {len(findings)} findings, {20000 * len(findings) / max(1, words):.2f} per 20,000 words")
        print("  " + ", ".join(f"{r} {n}" for r, n in rules.most_common()))
        for k, (rel, d) in enumerate(rng.sample(findings, min(args.sample, len(findings)))):
            b = read(os.path.join(folder, rel)).encode("utf-8")
            s, e = d["span"]["start"], d["span"]["end"]
            around = b[max(0, s - 150) : e + 100].decode("utf-8", "replace").replace("\n", "⏎")
            print(f"  #{k} {rel} {d['rule']} `{b[s:e].decode('utf-8', 'replace')}`\n      {around}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", help="folder holding news/ and news2/ (default: unpack ../shared/data into target/recall)")
    ap.add_argument("--seed", type=int, action="append", help="a seed; repeat for several (default 1, 2, 3)")
    ap.add_argument("--per-class", type=int, default=100, help="faults planted per class and seed")
    ap.add_argument("--templates", choices=["main", "heldout", "both"], default="main")
    ap.add_argument("--classes", help="only classes whose names start with one of these (comma-separated)")
    ap.add_argument("--select", help="families or rules to run (default: the families of the classes)")
    ap.add_argument("--log", help="write every edit as JSON Lines to this file")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    ap.add_argument("--show-unmatched", type=int, default=0, metavar="N", help="print N unmatched diagnostics")
    ap.add_argument("--show-missed", type=int, default=0, metavar="N", help="print N missed faults")
    ap.add_argument("--wrap-trial", action="store_true", help="compare findings on articles and their folded copies")
    ap.add_argument("--articles", type=int, default=400, help="articles in the wrap trial")
    ap.add_argument("--precision", action="store_true", help="findings per 20,000 words on each edited set, and a sample")
    ap.add_argument("--sample", type=int, default=30, help="findings sampled per set with --precision")
    args = ap.parse_args()
    args.seed = args.seed or [1, 2, 3]
    if not os.path.exists(args.bin):
        sys.exit(f"recall: no binary at {args.bin}; run `cargo build --release` first")
    if args.wrap_trial:
        wrap_trial(args)
    elif args.precision:
        precision(args)
    else:
        recall(args)


if __name__ == "__main__":
    main()
