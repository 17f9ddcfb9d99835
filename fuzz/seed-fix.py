#!/usr/bin/env python3
"""Seeds the `fix` fuzz target's corpus (fuzz/corpus/fix/) from the repository's sample articles
(corpus/), the examples of every rule file (rules/) and, when given, folders of odd files such as
../shared/torture. Each seed is the mode byte the target reads (format, unsafe fixes, locale)
followed by the text. Usage: python3 fuzz/seed-fix.py [FOLDER...]"""

import hashlib
import pathlib
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus" / "fix"
FORMATS = {".txt": 0, ".text": 0, ".md": 1, ".markdown": 1, ".html": 2, ".htm": 2}


def add(text: bytes, fmt: int) -> None:
    # Safe fixes and all fixes, English and French quotation marks.
    for extra in (0, 4, 8 | 4):
        seed = bytes([fmt | extra]) + text
        (OUT / hashlib.sha1(seed).hexdigest()).write_bytes(seed)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    folders = [ROOT / "corpus"] + [pathlib.Path(a) for a in sys.argv[1:]]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in FORMATS and path.is_file():
                add(path.read_bytes(), FORMATS[path.suffix])
    for path in sorted((ROOT / "rules").rglob("*.toml")):
        for example in tomllib.loads(path.read_text()).get("example", []):
            fmt = {"markdown": 1, "md": 1, "html": 2}.get(example.get("format", "text"), 0)
            add(example["text"].encode(), fmt)
    print(f"{len(list(OUT.iterdir()))} seeds in {OUT}")


if __name__ == "__main__":
    main()
