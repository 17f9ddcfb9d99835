#!/usr/bin/env python3
"""Benchmark `copydesk server`: the time from a `textDocument/didChange` to the
`textDocument/publishDiagnostics` of that version, as an editor sees it.

Usage: scripts/bench_server.py [--changes 300] [--folder-files 0] [--archive DIR] [--bin PATH]

The document is scripts/data/harbour-article.md (about 2,000 words, written for this project),
open in a workspace folder; each change types one more character of a sentence with faults in
it at the end of a paragraph, as a reporter would. The debounce is set to zero
(`initializationOptions.debounceMs`), so the figure is the server's own work: reading the
change, checking the document, the folder's cross-file pass, converting and writing the
diagnostics. With --folder-files N, the folder also holds N other articles (copies of this one
with the names respelled), so that the cross-file pass has a folder to compare with; with
--archive DIR, it also holds DIR (linked, not copied), a real archive's vocabulary of names.

Prints the median, the 90th percentile and the maximum in milliseconds. Only the Python standard
library is used; the project never needs this script.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARTICLE = os.path.join(ROOT, "scripts", "data", "harbour-article.md")
# Typed one character per change: a doubled word, a quotation closed by the wrong mark.
TYPED = ' The the chair said the vote was "final and binding ». Read more on the ferry plan.'


class Server:
    def __init__(self, binary, folder):
        self.proc = subprocess.Popen(
            [binary, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=folder
        )
        self.next_id = 0

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                sys.exit("bench_server: the server ended")
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == self.next_id and "method" not in message:
                return message

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for_log(self, prefix):
        while True:
            message = self.read()
            if message.get("method") == "window/logMessage" and message["params"]["message"].startswith(prefix):
                return

    def published(self, uri, version):
        """Waits for the diagnostics of `uri` at `version`; returns how many there are."""
        while True:
            message = self.read()
            params = message.get("params", {})
            if (
                message.get("method") == "textDocument/publishDiagnostics"
                and params.get("uri") == uri
                and params.get("version") == version
            ):
                return len(params["diagnostics"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=300, help="changes to time")
    ap.add_argument("--folder-files", type=int, default=0, help="other articles in the folder")
    ap.add_argument("--archive", help="a folder of articles to link into the workspace folder")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    args = ap.parse_args()
    if args.bin == os.path.join(ROOT, "target", "release", "copydesk"):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    # The server runs in the workspace folder: the binary's path must not depend on ours.
    binary = os.path.abspath(args.bin)

    text = open(ARTICLE, encoding="utf-8").read()
    folder = tempfile.mkdtemp(prefix="copydesk-bench-server-")
    try:
        for i in range(args.folder_files):
            # Other articles of the desk, some spelling a name of this one otherwise.
            other = text.replace("Okafor", "Okafur") if i % 3 == 0 else text
            with open(os.path.join(folder, f"other-{i:05}.md"), "w", encoding="utf-8") as f:
                f.write(other)
        if args.archive:
            os.symlink(os.path.abspath(args.archive), os.path.join(folder, "archive"))
        path = os.path.join(folder, "harbour.md")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        uri = "file://" + path
        server = Server(binary, folder)
        server.request(
            "initialize",
            {
                "processId": None,
                "rootUri": "file://" + folder,
                "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
                "initializationOptions": {"debounceMs": 0},
            },
        )
        server.notify("initialized", {})
        server.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
        )
        # The folder is summarised in the background: time the changes once it is done.
        summarised = time.perf_counter()
        server.wait_for_log("copydesk: summarised the articles of")
        summarised = time.perf_counter() - summarised
        # The end of the first paragraph of the story: its line, and its length in UTF-16 units.
        lines = text.split("\n")
        line = lines.index("three years.")
        column = len(lines[line].encode("utf-16-le")) // 2
        timings = []
        found = []
        version = 1
        for i in range(args.changes):
            char = TYPED[i % len(TYPED)]
            version += 1
            start = time.perf_counter()
            server.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [
                        {
                            "range": {
                                "start": {"line": line, "character": column},
                                "end": {"line": line, "character": column},
                            },
                            "text": char,
                        }
                    ],
                },
            )
            found.append(server.published(uri, version))
            timings.append((time.perf_counter() - start) * 1000)
            column += len(char.encode("utf-16-le")) // 2
        server.request("shutdown", None)
        server.notify("exit", None)
        server.proc.wait(timeout=10)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    timings.sort()
    print(
        f"didChange → publishDiagnostics, {len(text.split())} words, {args.folder_files} other files"
        f"{' and ' + args.archive if args.archive else ''}, "
        f"{len(timings)} changes ({min(found)}–{max(found)} diagnostics): "
        f"median {statistics.median(timings):.2f} ms, p90 {timings[int(len(timings) * 0.9)]:.2f} ms, "
        f"max {timings[-1]:.2f} ms; folder summarised in {summarised:.2f} s"
    )


if __name__ == "__main__":
    main()
