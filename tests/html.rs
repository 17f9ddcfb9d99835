//! HTML input end to end: an article page whose findings point at the exact bytes, lines and
//! columns of the HTML file, through skipped markup, collapsed white space and decoded entities.

use copydesk::diagnostic::Diagnostic;
use std::path::Path;
use std::process::{Command, Output};

fn check(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--no-config", "--select", "residue/read-more"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn findings_in_an_html_article_point_at_the_right_bytes() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let html = std::fs::read_to_string(data.join("article.html")).unwrap();
    let out = check(&data, &["--format", "json", "article.html"]);
    assert_eq!(out.status.code(), Some(1));
    let found: Vec<Diagnostic> = serde_json::from_slice(&out.stdout).unwrap();
    let summary: Vec<(&str, &str, usize, usize, usize)> = found
        .iter()
        .map(|d| {
            (
                d.message.as_str(),
                &html[d.span.start..d.span.end],
                d.span.line,
                d.span.column,
                d.span.end_column,
            )
        })
        .collect();
    // `Read More` in <title>, <script>, <style>, a comment and attributes is not reported; the
    // link text is, at its own line and column; `Read more&hellip;` is reported as written, the
    // entity included, though the rule matched its decoded form `Read more…`.
    assert_eq!(
        summary,
        [
            ("scraper leftover `Read More`", "Read More", 15, 78, 87),
            (
                "scraper leftover `Read more…`",
                "Read more&hellip;",
                17,
                27,
                44
            ),
        ]
    );
    assert_eq!(
        found.iter().map(|d| &*d.path).collect::<Vec<_>>(),
        ["article.html", "article.html"]
    );

    let human =
        String::from_utf8(check(&data, &["--color", "never", "article.html"]).stdout).unwrap();
    assert!(human.contains("┌─ article.html:15:78\n"), "{human}");
    assert!(human.contains("┌─ article.html:17:27\n"), "{human}");
}

#[test]
fn html_files_are_found_when_walking_a_folder_and_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.htm"),
        "<p>Talks resumed.</p>\n<div><a href=x>Read More</a></div>\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.json"), "{\"x\": \"Read More\"}\n").unwrap();
    let out = check(dir.path(), &["--format", "short", "."]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "./a.htm:2:16: error[residue/read-more] scraper leftover `Read More`\n"
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args([
            "check",
            "--no-config",
            "--select",
            "residue/read-more",
            "--format",
            "short",
            "--stdin-filename",
            "page.html",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"<p>Talks &amp; more.</p><p>Read&#32;More</p>")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "page.html:1:28: error[residue/read-more] scraper leftover `Read More`\n"
    );
}
