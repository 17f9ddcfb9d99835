//! `copydesk server` spoken to as an editor does: the real binary, the real protocol on its
//! standard input and output. Each test asserts what the editor would receive.

use pretty_assertions::assert_eq;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// How long to wait for any one message before the test fails (a hang is a failure, not a wait).
const PATIENCE: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: ChildStdin,
    inbox: Receiver<Value>,
    /// Messages read while waiting for another.
    held: Vec<Value>,
    next_id: i64,
    pub init: Value,
}

impl Client {
    /// Starts the server in `root` (a workspace folder) and initializes it with `capabilities`.
    fn start(root: &Path, capabilities: Value) -> Client {
        Client::start_with(root, capabilities, json!({ "debounceMs": 0 }))
    }

    fn start_with(root: &Path, capabilities: Value, options: Value) -> Client {
        let mut client = Client::spawn(root);
        let init = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        client.init = init;
        client.notify("initialized", json!({}));
        client
    }

    fn spawn(root: &Path) -> Client {
        Client::spawn_with(root, &[])
    }

    fn spawn_with(root: &Path, env: &[(&str, &str)]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("server")
            .current_dir(root)
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the copydesk binary runs");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, inbox) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = Some(n.parse::<usize>().unwrap());
                    }
                }
                let mut body = vec![0; length.expect("every message has a Content-Length")];
                stdout.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            inbox,
            held: Vec::new(),
            next_id: 0,
            init: Value::Null,
        }
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let body = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(&body.to_string());
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    fn request_raw(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let body = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(&body.to_string());
        self.wait(|m| m["id"] == id && m.get("method").is_none())
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        assert!(response.get("error").is_none(), "{response}");
        response["result"].clone()
    }

    /// The first message (held or new) that `wanted` accepts; the others are held.
    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.held.iter().position(&wanted) {
            return self.held.remove(i);
        }
        loop {
            let message = self
                .inbox
                .recv_timeout(PATIENCE)
                .unwrap_or_else(|_| panic!("no such message; received: {:#?}", self.held));
            if wanted(&message) {
                return message;
            }
            self.held.push(message);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        let uri = uri.to_string();
        self.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            ["params"]
            .clone()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// Shuts the server down as an editor does; returns its exit code.
    fn stop(mut self) -> i32 {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.child.wait().unwrap().code().unwrap()
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// What a demanding client announces: related information, rule links, Markdown hovers,
/// versioned edits, file watching.
fn full_capabilities() -> Value {
    json!({
        "textDocument": {
            "publishDiagnostics": {"relatedInformation": true, "codeDescriptionSupport": true},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
        },
        "workspace": {
            "workspaceEdit": {"documentChanges": true},
            "didChangeWatchedFiles": {"dynamicRegistration": true},
        },
    })
}

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

/// `text` with the protocol's `edits` applied (UTF-16 positions), as an editor applies them.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let (line, character) = (
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        );
        let start: usize = text
            .split_inclusive('\n')
            .take(line as usize)
            .map(str::len)
            .sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= character as usize || c == '\n' {
                return start + i;
            }
            units += c.len_utf16() as u64 as usize;
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}

const STORY: &str =
    "# Harbour plan\n\nÉlodie Marchand 🚢 called the plan \"premature and costly ».\n";

#[test]
fn initialize_negotiates_encodings_and_shutdown_exits_cleanly() {
    let dir = folder(&[]);
    let client = Client::start(dir.path(), json!({}));
    assert_eq!(
        client.init["capabilities"],
        json!({
            "positionEncoding": "utf-16",
            "textDocumentSync": {"openClose": true, "change": 2, "save": {"includeText": false}},
            "codeActionProvider": {"codeActionKinds": ["quickfix", "source.fixAll.copydesk"]},
            "hoverProvider": true,
            "workspace": {"workspaceFolders": {"supported": true, "changeNotifications": true}},
        })
    );
    assert_eq!(client.init["serverInfo"]["name"], "copydesk");
    assert_eq!(client.stop(), 0);

    let mut client = Client::start(
        dir.path(),
        json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}),
    );
    assert_eq!(client.init["capabilities"]["positionEncoding"], "utf-8");
    let doc = uri(&dir.path().join("a.md"));
    client.open(&doc, "markdown", STORY);
    // In bytes: `Élodie Marchand 🚢 called the plan "premature and costly ` is 60 bytes.
    assert_eq!(
        client.diagnostics(&doc)["diagnostics"][0]["range"],
        range(2, 60, 2, 62)
    );
    // Exit without shutdown: exit code 1, as the protocol says.
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(1));
}

#[test]
fn requests_before_initialize_and_after_shutdown_are_refused() {
    let dir = folder(&[]);
    let mut client = Client::spawn(dir.path());
    let early = client.request_raw("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    client.init = client.request("initialize", json!({"capabilities": {}}));
    client.notify("initialized", json!({}));
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    let late = client.request_raw("textDocument/hover", json!({}));
    assert_eq!(late["error"]["code"], -32600);
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(0));
}

#[test]
fn diagnostics_on_open_and_on_change_in_utf16() {
    let dir = folder(&[]);
    let mut client = Client::start(dir.path(), full_capabilities());
    let doc = uri(&dir.path().join("story.md"));
    client.open(&doc, "markdown", STORY);
    // In UTF-16 the ship is two units: the `»` is the 58th unit (the 57th character).
    let quote = json!({
        "range": range(2, 57, 2, 58),
        "severity": 2,
        "code": "quotes/mismatched-pair",
        "codeDescription": {"href": "https://github.com/copydesk/copydesk/blob/main/docs/rules/quotes/mismatched-pair.md"},
        "source": "copydesk",
        "message": "`»` does not close `\"`: expected `\"`\nhelp: close the quotation with `\"`, the mark that matches its opening",
        "relatedInformation": [{
            "location": {"uri": doc, "range": range(2, 35, 2, 36)},
            "message": "opened here",
        }],
    });
    assert_eq!(
        client.diagnostics(&doc),
        json!({"uri": doc, "version": 1, "diagnostics": [quote]})
    );
    // A scraper's leftover typed on a new line, then the quotation closed properly.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": doc, "version": 2},
            "contentChanges": [{"range": range(3, 0, 3, 0), "text": "\nRead More\n"}],
        }),
    );
    let published = client.diagnostics(&doc);
    assert_eq!(published["version"], 2);
    let codes: Vec<&str> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["quotes/mismatched-pair", "residue/read-more"]);
    assert_eq!(published["diagnostics"][1]["range"], range(4, 0, 4, 9));
    assert_eq!(published["diagnostics"][1]["severity"], 1);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": doc, "version": 3},
            "contentChanges": [
                {"range": range(2, 56, 2, 58), "text": "\""},
                {"range": range(4, 0, 5, 0), "text": ""},
            ],
        }),
    );
    assert_eq!(
        client.diagnostics(&doc),
        json!({"uri": doc, "version": 3, "diagnostics": []})
    );
    // Closing clears what the editor shows.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": doc}}),
    );
    assert_eq!(
        client.diagnostics(&doc),
        json!({"uri": doc, "diagnostics": []})
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn plain_text_html_and_other_languages() {
    let dir = folder(&[]);
    let mut client = Client::start(dir.path(), json!({}));
    let txt = uri(&dir.path().join("note.txt"));
    client.open(&txt, "plaintext", "He left.\nRead More\n");
    let got = client.diagnostics(&txt);
    assert_eq!(got["diagnostics"][0]["code"], "residue/read-more");
    assert_eq!(got["diagnostics"][0]["range"], range(1, 0, 1, 9));
    // HTML entities are decoded, and positions still point into the file as typed.
    let html = uri(&dir.path().join("page.html"));
    client.open(&html, "html", "<p>AT&amp;T said it was the the best.</p>\n");
    let got = client.diagnostics(&html);
    assert_eq!(got["diagnostics"][0]["code"], "fragments/doubled-word");
    assert_eq!(got["diagnostics"][0]["range"], range(0, 28, 0, 31));
    // Not an article: kept for its saves, never checked.
    let rust = uri(&dir.path().join("main.rs"));
    client.open(&rust, "rust", "// Read More\n");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": rust}, "position": {"line": 0, "character": 4}}),
    );
    assert_eq!(hover, Value::Null);
    assert!(
        client
            .held
            .iter()
            .all(|m| m["params"]["uri"] != json!(rust)),
        "{:?}",
        client.held
    );
    assert_eq!(client.stop(), 0);
}

/// The code actions at `range` of `doc`, of the kinds `only` allows.
fn actions(client: &mut Client, doc: &str, at: Value, only: Option<&[&str]>) -> Vec<Value> {
    let mut context = json!({"diagnostics": []});
    if let Some(only) = only {
        context["only"] = json!(only);
    }
    let result = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": at, "context": context}),
    );
    result.as_array().cloned().unwrap_or_default()
}

/// The edits of an action's versioned workspace edit for `doc`, checking the version it is for.
fn edits_of(action: &Value, doc: &str, version: i64) -> Vec<Value> {
    let change = &action["edit"]["documentChanges"][0];
    assert_eq!(
        change["textDocument"],
        json!({"uri": doc, "version": version})
    );
    change["edits"].as_array().unwrap().clone()
}

/// Replaces the whole text of `doc`, as some editors send changes.
fn replace(client: &mut Client, doc: &str, version: i64, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": version}, "contentChanges": [{"text": text}]}),
    );
}

fn summary(action: &Value) -> (String, String, Value) {
    (
        action["title"].as_str().unwrap().to_string(),
        action["kind"].as_str().unwrap().to_string(),
        action["isPreferred"].clone(),
    )
}

#[test]
fn quick_fix_suppression_and_fix_all_apply_cleanly() {
    let dir = folder(&[]);
    let mut client = Client::start(dir.path(), full_capabilities());
    let doc = uri(&dir.path().join("story.md"));
    client.open(&doc, "markdown", STORY);
    let published = client.diagnostics(&doc);
    let at_quote = range(2, 57, 2, 57);
    let found = actions(&mut client, &doc, at_quote.clone(), None);
    assert_eq!(
        found.iter().map(summary).collect::<Vec<_>>(),
        [
            (
                "Replace ` »` with `\"`".to_string(),
                "quickfix".to_string(),
                json!(true)
            ),
            (
                "Disable `quotes/mismatched-pair` for this line".to_string(),
                "quickfix".to_string(),
                json!(false)
            ),
            (
                "Fix all safe copydesk problems in this file".to_string(),
                "source.fixAll.copydesk".to_string(),
                Value::Null
            ),
        ]
    );
    // The action names the diagnostic it fixes, as published.
    assert_eq!(found[0]["diagnostics"], published["diagnostics"]);

    // The quick fix, applied as the editor would: nothing left to report.
    let fixed = apply(STORY, &edits_of(&found[0], &doc, 1));
    assert_eq!(
        fixed,
        "# Harbour plan\n\nÉlodie Marchand 🚢 called the plan \"premature and costly\".\n"
    );
    replace(&mut client, &doc, 2, &fixed);
    assert_eq!(client.diagnostics(&doc)["diagnostics"], json!([]));

    // The suppression, on a line of its own where the paragraph starts.
    replace(&mut client, &doc, 3, STORY);
    client.diagnostics(&doc);
    let found = actions(&mut client, &doc, at_quote, Some(&["quickfix"]));
    assert_eq!(
        found.len(),
        2,
        "no fix-all when only quick fixes are asked for"
    );
    let suppressed = apply(STORY, &edits_of(&found[1], &doc, 3));
    assert_eq!(
        suppressed,
        "# Harbour plan\n\n<!-- copydesk-disable-next-line quotes/mismatched-pair -->\nÉlodie Marchand 🚢 called the plan \"premature and costly ».\n"
    );
    replace(&mut client, &doc, 4, &suppressed);
    assert_eq!(
        client.diagnostics(&doc)["diagnostics"],
        json!([]),
        "silenced, and the suppression is used"
    );

    // Inside a paragraph, at the end of the line before: a comment line would split it.
    let wrapped = "The council met on Tuesday and\ncalled the plan \"costly ».\n";
    replace(&mut client, &doc, 5, wrapped);
    client.diagnostics(&doc);
    let found = actions(&mut client, &doc, range(1, 24, 1, 24), Some(&["quickfix"]));
    let suppressed = apply(wrapped, &edits_of(&found[1], &doc, 5));
    assert_eq!(
        suppressed,
        "The council met on Tuesday and <!-- copydesk-disable-next-line quotes/mismatched-pair -->\ncalled the plan \"costly ».\n"
    );
    replace(&mut client, &doc, 6, &suppressed);
    assert_eq!(client.diagnostics(&doc)["diagnostics"], json!([]));

    // A second rule on a suppressed line joins the directive already there.
    let two =
        "<!-- copydesk-disable-next-line quotes/mismatched-pair -->\nIt was the the \"end ».\n";
    replace(&mut client, &doc, 7, two);
    let published = client.diagnostics(&doc);
    assert_eq!(
        published["diagnostics"][0]["code"],
        "fragments/doubled-word"
    );
    let found = actions(&mut client, &doc, range(1, 11, 1, 11), Some(&["quickfix"]));
    // A doubled word may be meant ("that that"): its fix is offered, marked unsafe, not preferred.
    assert_eq!(
        summary(&found[0]),
        (
            "Delete ` the` (unsafe)".to_string(),
            "quickfix".to_string(),
            json!(false)
        )
    );
    let suppressed = apply(two, &edits_of(&found[1], &doc, 7));
    assert_eq!(
        suppressed,
        "<!-- copydesk-disable-next-line quotes/mismatched-pair, fragments/doubled-word -->\nIt was the the \"end ».\n"
    );

    // Fix all: every safe fix (the doubled word's is not), the text checked again until nothing
    // changes.
    let messy = "It was the the plan, he said \"costly ».\n";
    replace(&mut client, &doc, 8, messy);
    client.diagnostics(&doc);
    let found = actions(
        &mut client,
        &doc,
        range(0, 0, 0, 0),
        Some(&["source.fixAll"]),
    );
    assert_eq!(found.len(), 1);
    let all = apply(messy, &edits_of(&found[0], &doc, 8));
    assert_eq!(all, "It was the the plan, he said \"costly\".\n");
    assert_eq!(client.stop(), 0);
}

#[test]
fn plain_text_suppressions_are_lines_and_edits_go_in_changes_without_versions() {
    let dir = folder(&[]);
    let mut client = Client::start(dir.path(), json!({}));
    let doc = uri(&dir.path().join("note.txt"));
    let text = "He left.\n  Read More\n";
    client.open(&doc, "plaintext", text);
    client.diagnostics(&doc);
    let found = actions(&mut client, &doc, range(1, 4, 1, 4), None);
    assert_eq!(
        found.iter().map(summary).collect::<Vec<_>>(),
        [
            (
                "Delete `  Read More⏎`".to_string(),
                "quickfix".to_string(),
                json!(true)
            ),
            (
                "Disable `residue/read-more` for this line".to_string(),
                "quickfix".to_string(),
                json!(false)
            ),
            (
                "Fix all safe copydesk problems in this file".to_string(),
                "source.fixAll.copydesk".to_string(),
                Value::Null
            ),
        ]
    );
    let edits_of = |action: &Value| action["edit"]["changes"][&doc].as_array().unwrap().clone();
    assert_eq!(apply(text, &edits_of(&found[0])), "He left.\n");
    let suppressed = apply(text, &edits_of(&found[1]));
    assert_eq!(
        suppressed,
        "He left.\n  copydesk-disable-next-line residue/read-more\n  Read More\n"
    );
    replace(&mut client, &doc, 2, &suppressed);
    assert_eq!(client.diagnostics(&doc)["diagnostics"], json!([]));
    assert_eq!(client.stop(), 0);
}

#[test]
fn hover_explains_the_rule_of_the_finding_under_the_cursor() {
    let dir = folder(&[]);
    let mut client = Client::start(dir.path(), full_capabilities());
    let doc = uri(&dir.path().join("story.md"));
    client.open(&doc, "markdown", STORY);
    client.diagnostics(&doc);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": {"line": 2, "character": 57}}),
    );
    assert_eq!(hover["range"], range(2, 57, 2, 58));
    assert_eq!(hover["contents"]["kind"], "markdown");
    // The finding, then the rule's page exactly as `copydesk explain` prints it.
    let explained = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["explain", "quotes/mismatched-pair", "--no-config"])
        .output()
        .unwrap();
    let page = String::from_utf8(explained.stdout).unwrap();
    assert!(page.starts_with("# quotes/mismatched-pair\n"), "{page}");
    assert_eq!(
        hover["contents"]["value"].as_str().unwrap(),
        format!(
            "**warning** `quotes/mismatched-pair`: `»` does not close `\"`: expected `\"`\n\n\
             help: close the quotation with `\"`, the mark that matches its opening\n\n---\n\n{}\n",
            page.trim_end()
        )
    );
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 2}}),
    );
    assert_eq!(nothing, Value::Null);
    assert_eq!(client.stop(), 0);
}

/// Published diagnostics for `uri` until one that `done` accepts (findings that arrive in
/// several steps: the document's own, then the folder's once it is summarised).
fn diagnostics_until(client: &mut Client, uri: &str, done: impl Fn(&Value) -> bool) -> Value {
    loop {
        let published = client.diagnostics(uri);
        if done(&published["diagnostics"]) {
            return published;
        }
    }
}

fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

fn watched(client: &mut Client, changes: &[(&Path, u8)]) {
    let changes: Vec<Value> = changes
        .iter()
        .map(|(path, kind)| json!({"uri": uri(path), "type": kind}))
        .collect();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": changes }),
    );
}

const CHANGED: u8 = 2;

#[test]
fn config_changes_reload_and_a_broken_config_is_shown_on_it() {
    let dir = folder(&[("story.md", STORY)]);
    let config = dir.path().join("copydesk.toml");
    let mut client = Client::start(dir.path(), full_capabilities());
    // The server asks to be told about article and config files changing.
    let register = client.wait(|m| m["method"] == "client/registerCapability");
    assert_eq!(
        register["params"]["registrations"][0]["registerOptions"]["watchers"],
        json!([
            {"globPattern": "**/*.{txt,text,md,markdown,mdown,mkd,html,htm,xhtml}"},
            {"globPattern": "**/*.toml"},
        ])
    );
    let doc = uri(&dir.path().join("story.md"));
    client.open(&doc, "markdown", STORY);
    assert_eq!(
        codes(&client.diagnostics(&doc)["diagnostics"]),
        ["quotes/mismatched-pair"]
    );

    std::fs::write(&config, "ignore = [\"quotes\"]\n").unwrap();
    watched(&mut client, &[(&config, 1)]);
    assert_eq!(client.diagnostics(&doc)["diagnostics"], json!([]));

    // Broken while being typed: shown on the config, and the last good config goes on serving.
    std::fs::write(&config, "ignore = [\"quotes\"]\nlocale = \"xx\"\n").unwrap();
    watched(&mut client, &[(&config, CHANGED)]);
    let shown = client.diagnostics(&uri(&config));
    let mut error = shown["diagnostics"][0].clone();
    // The config module words the message; the server shows it as it is.
    let message = error["message"].take();
    assert!(
        message
            .as_str()
            .unwrap()
            .starts_with("`copydesk.toml`: unknown locale `xx` (expected `en`"),
        "{message}"
    );
    assert_eq!(
        shown["diagnostics"],
        json!([{
            "range": range(1, 9, 1, 13),
            "severity": 1,
            "source": "copydesk",
            "message": message,
        }])
    );
    let told = client.wait(|m| m["method"] == "window/showMessage");
    assert_eq!(told["params"]["type"], 2);
    assert_eq!(client.diagnostics(&doc)["diagnostics"], json!([]));

    // Mended: the config's diagnostics are cleared and its new content applies.
    std::fs::write(&config, "select = [\"quotes\"]\n").unwrap();
    watched(&mut client, &[(&config, CHANGED)]);
    assert_eq!(
        client.diagnostics(&uri(&config)),
        json!({"uri": uri(&config), "diagnostics": []})
    );
    assert_eq!(
        codes(&client.diagnostics(&doc)["diagnostics"]),
        ["quotes/mismatched-pair"]
    );

    // Saving a config open in the editor reloads it too (for clients that watch no files).
    client.open(&uri(&config), "toml", "select = [\"quotes\"]\n");
    std::fs::write(&config, "select = [\"residue\"]\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&config)}}),
    );
    assert_eq!(client.diagnostics(&doc)["diagnostics"], json!([]));
    assert_eq!(client.stop(), 0);
}

#[test]
fn rules_link_to_their_page_a_house_rule_to_the_one_it_names() {
    let rule = "kind = \"phrase\"\nseverity = \"warning\"\nmessage = \"say `use`, not `{match}`\"\n\
                why = \"House style.\"\nphrases = [\"utilize\"]\n\
                url = \"https://style.example.com/utilize\"\n\n\
                [[example]]\ntext = \"We utilize it.\"\nflags = [\"utilize\"]\n\n\
                [[example]]\ntext = \"We use it.\"\nflags = []\n";
    let dir = folder(&[
        ("copydesk.toml", "rule-dirs = [\"house\"]\n"),
        ("house/style/utilize.toml", rule),
    ]);
    let mut client = Client::start(dir.path(), full_capabilities());
    let doc = uri(&dir.path().join("a.txt"));
    client.open(&doc, "plaintext", "We utilize it.\nRead More\n");
    let published = client.diagnostics(&doc);
    let found = published["diagnostics"].as_array().unwrap();
    assert_eq!(found[0]["code"], "style/utilize");
    assert_eq!(
        found[0]["codeDescription"],
        json!({"href": "https://style.example.com/utilize"})
    );
    assert_eq!(found[1]["code"], "residue/read-more");
    assert_eq!(
        found[1]["codeDescription"]["href"],
        "https://github.com/copydesk/copydesk/blob/main/docs/rules/residue/read-more.md"
    );
    assert_eq!(client.stop(), 0);
}

const JAPAROV: &str = "The talks were hosted by President Sadyr Japarov on Monday.\n";
const ZHAPAROV: &str = "The summit was opened by President Sadyr Zhaparov on Friday.\n";

#[test]
fn names_spelled_otherwise_elsewhere_in_the_folder_are_reported_and_kept_current() {
    let dir = folder(&[
        ("a.txt", JAPAROV),
        ("b.txt", JAPAROV),
        ("c.txt", ZHAPAROV),
        ("drafts/.hidden/d.txt", ZHAPAROV),
    ]);
    // Enough other articles that the folder is summarised in several batches.
    for i in 0..300 {
        let story = format!("The ferry sailed on time on day {i}.\n");
        std::fs::write(dir.path().join(format!("filler-{i:03}.txt")), story).unwrap();
    }
    let mut client = Client::start(dir.path(), full_capabilities());
    let c = uri(&dir.path().join("c.txt"));
    client.open(&c, "plaintext", ZHAPAROV);
    let published = diagnostics_until(&mut client, &c, |d| !d.as_array().unwrap().is_empty());
    assert_eq!(
        published["diagnostics"],
        json!([{
            "range": range(0, 41, 0, 49),
            "severity": 2,
            "code": "names/inconsistent-transliteration",
            "codeDescription": {"href": "https://github.com/copydesk/copydesk/blob/main/docs/rules/names/inconsistent-transliteration.md"},
            "source": "copydesk",
            "message": "`Zhaparov` is spelled `Japarov` in 2 other checked files\n\
                        note: `Japarov` is used in 2 files, `Zhaparov` in 1 (this one)\n\
                        help: use one spelling across articles: `Japarov` is the spelling of 2 checked files",
            "relatedInformation": [{
                "location": {"uri": uri(&dir.path().join("a.txt")), "range": range(0, 41, 0, 48)},
                "message": "spelled `Japarov` here",
            }],
        }])
    );
    // Which spelling is right is the writer's call (`copydesk check --fix` offers no fix either):
    // only the suppression.
    let found = actions(&mut client, &c, range(0, 45, 0, 45), Some(&["quickfix"]));
    let titles: Vec<&Value> = found.iter().map(|a| &a["title"]).collect();
    assert_eq!(
        titles,
        ["Disable `names/inconsistent-transliteration` for this line"]
    );

    // Typing before it: the finding moves with its text at once, before the folder's pass runs
    // again.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": c, "version": 2},
            "contentChanges": [{"range": range(0, 0, 0, 0), "text": "On Friday, "}],
        }),
    );
    let moved = client.diagnostics(&c);
    assert_eq!(moved["version"], 2);
    assert_eq!(moved["diagnostics"][0]["range"], range(0, 52, 0, 60));
    assert_eq!(
        moved["diagnostics"][0]["relatedInformation"][0]["location"]["range"],
        range(0, 41, 0, 48),
        "the label in the other file stays"
    );

    // Another file edited in the editor: its buffer counts, not its file on disk.
    let a = uri(&dir.path().join("a.txt"));
    client.open(&a, "plaintext", JAPAROV);
    client.diagnostics(&a);
    replace(&mut client, &a, 2, ZHAPAROV);
    // Now two files say Zhaparov and one Japarov: nothing left to say about c.txt.
    diagnostics_until(&mut client, &c, |d| d.as_array().unwrap().is_empty());

    // Files changed and created on disk by another program: four new ones outvote three.
    let new = ["e.txt", "f.txt", "g.txt", "h.txt"];
    std::fs::write(dir.path().join("b.txt"), ZHAPAROV).unwrap();
    let mut changes = vec![(dir.path().join("b.txt"), CHANGED)];
    for name in new {
        std::fs::write(dir.path().join(name), JAPAROV).unwrap();
        changes.push((dir.path().join(name), 1));
    }
    let events: Vec<(&Path, u8)> = changes.iter().map(|(p, k)| (p.as_path(), *k)).collect();
    watched(&mut client, &events);
    let published = diagnostics_until(&mut client, &c, |d| !d.as_array().unwrap().is_empty());
    assert_eq!(
        published["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .lines()
            .next(),
        Some("`Zhaparov` is spelled `Japarov` in 4 other checked files")
    );
    // Deleted: the majority changes back.
    let gone: Vec<_> = new.iter().map(|name| dir.path().join(name)).collect();
    for path in &gone {
        std::fs::remove_file(path).unwrap();
    }
    let events: Vec<(&Path, u8)> = gone.iter().map(|p| (p.as_path(), 3)).collect();
    watched(&mut client, &events);
    diagnostics_until(&mut client, &c, |d| d.as_array().unwrap().is_empty());
    assert_eq!(client.stop(), 0);
}

#[test]
fn malformed_messages_get_error_responses_and_serving_goes_on() {
    let dir = folder(&[]);
    let mut client = Client::start(dir.path(), json!({}));
    client.send_raw("{not json");
    let parse = client.wait(|m| m["error"]["code"] == -32700);
    assert_eq!(parse["id"], Value::Null);
    client.send_raw(r#"{"jsonrpc": "2.0", "id": 41, "params": {}}"#);
    let invalid = client.wait(|m| m["id"] == 41);
    assert_eq!(invalid["error"]["code"], -32600);
    let bad_params = client.request_raw("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(bad_params["error"]["code"], -32602);
    let unknown = client.request_raw("textDocument/formatting", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    // A change to a document never opened, and a bad notification: ignored, logged.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.md", "version": 2}, "contentChanges": []}),
    );
    client.notify("textDocument/didOpen", json!({"textDocument": 7}));
    let logged = client.wait(|m| m["method"] == "window/logMessage" && m["params"]["type"] == 1);
    assert_eq!(
        logged["params"]["message"]
            .as_str()
            .unwrap()
            .split(':')
            .next(),
        Some("copydesk")
    );
    let doc = uri(&dir.path().join("a.txt"));
    client.open(&doc, "plaintext", "Read More\n");
    assert_eq!(
        codes(&client.diagnostics(&doc)["diagnostics"]),
        ["residue/read-more"]
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn only_the_latest_version_is_checked_and_published() {
    let dir = folder(&[]);
    let mut client = Client::start_with(dir.path(), json!({}), json!({"debounceMs": 400}));
    let doc = uri(&dir.path().join("a.txt"));
    client.open(&doc, "plaintext", "He left.\n");
    assert_eq!(client.diagnostics(&doc)["version"], 1);
    let mut text = String::from("He left.\n");
    for version in 2..=6 {
        text.push_str("Read More\n");
        replace(&mut client, &doc, version, &text);
    }
    let published = client.diagnostics(&doc);
    assert_eq!(published["version"], 6);
    assert_eq!(published["diagnostics"].as_array().unwrap().len(), 5);
    assert!(
        !client
            .held
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "{:?}",
        client.held
    );
    assert_eq!(client.stop(), 0);
}

#[test]
#[cfg(debug_assertions)]
fn a_crash_while_checking_is_logged_and_the_session_goes_on() {
    let dir = folder(&[]);
    // Debug builds panic on purpose on a text holding this marker (see `guard::test_crash`).
    let mut client = Client::spawn_with(dir.path(), &[("COPYDESK_TEST_CRASH", "CRASH-HERE")]);
    client.init = client.request("initialize", json!({"capabilities": {}}));
    client.notify("initialized", json!({}));
    let doc = uri(&dir.path().join("a.txt"));
    client.open(&doc, "plaintext", "Read More\nCRASH-HERE\n");
    // Shown in the document as `copydesk check` reports it, and logged.
    let shown = client.diagnostics(&doc)["diagnostics"].clone();
    assert_eq!(shown.as_array().unwrap().len(), 1, "{shown}");
    assert_eq!(shown[0]["code"], "copydesk/internal-error");
    assert_eq!(shown[0]["range"], range(0, 0, 0, 0));
    let message = shown[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with(
            "copydesk crashed while checking this file: a test crash, asked for by COPYDESK_TEST_CRASH"
        ),
        "{message}"
    );
    assert!(
        message.contains("\nhelp: this is a bug in copydesk: please report it at "),
        "{message}"
    );
    let logged = client.wait(|m| m["method"] == "window/logMessage" && m["params"]["type"] == 1);
    assert!(
        logged["params"]["message"]
            .as_str()
            .unwrap()
            .starts_with("copydesk: checking `"),
        "{logged}"
    );
    // Requests about it are answered from what was shown, without checking it again.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 0}}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("error[copydesk/internal-error]: copydesk crashed while checking"),
        "{text}"
    );
    assert!(text.ends_with("that still crashes\n"), "{text}");
    replace(&mut client, &doc, 2, "Read More\n");
    assert_eq!(
        codes(&client.diagnostics(&doc)["diagnostics"]),
        ["residue/read-more"]
    );
    assert_eq!(client.stop(), 0);
}
