//! The documents the editor has open: their text as the editor has it (kept in step with
//! incremental changes), their version, their format, and the last findings checked on them.
//!
//! A document is an article when its language id or, failing that, its extension says plain
//! text, Markdown or HTML; others (a `copydesk.toml`, a source file) are kept so that saving a
//! config can reload it, but never checked.

use super::edits::EditLog;
use super::position::{Encoding, Lines, line_starts};
use crate::diagnostic::Diagnostic;
use crate::markup::Format;
use lsp_types::{TextDocumentContentChangeEvent, TextDocumentItem, Uri};
use std::path::{Path, PathBuf};
use std::str::FromStr;

#[derive(Debug)]
pub struct Document {
    pub uri: Uri,
    /// The file, for `file:` URIs.
    pub path: Option<PathBuf>,
    /// How diagnostics name the document: its path, or the URI when it has none (`untitled:`).
    pub name: String,
    /// `None`: not an article, never checked.
    pub format: Option<Format>,
    pub version: i32,
    pub text: String,
    starts: Vec<usize>,
    /// Where the text moved at each change, to carry older findings to it.
    pub edits: EditLog,
    /// The findings of the last check, for the version they were found on.
    pub checked: Option<Checked>,
}

#[derive(Debug, Default)]
pub struct Checked {
    pub version: i32,
    /// The document's own findings, suppressions applied.
    pub found: Vec<Diagnostic>,
    /// The cross-file findings about this version (names spelled otherwise in other files of
    /// its folder), before its suppressions.
    pub late: Vec<Diagnostic>,
    /// The own findings less the unused-suppression reports that cross-file findings proved
    /// wrong, and the cross-file findings its suppressions let through: what is shown.
    pub local: Vec<Diagnostic>,
    pub corpus: Vec<Diagnostic>,
}

impl Document {
    pub fn open(item: TextDocumentItem) -> Self {
        let path = file_path(&item.uri);
        let name = path.as_ref().map_or_else(
            || item.uri.as_str().to_string(),
            |p| p.display().to_string(),
        );
        let format = format_of(&item.language_id, path.as_deref());
        Document {
            starts: line_starts(&item.text),
            uri: item.uri,
            path,
            name,
            format,
            version: item.version,
            text: item.text,
            edits: EditLog::default(),
            checked: None,
        }
    }

    pub fn lines(&self, encoding: Encoding) -> Lines<'_> {
        Lines::new(&self.text, &self.starts, encoding)
    }

    /// Applies the editor's changes in order: each range is in the text as the changes before it
    /// left it. A change without a range replaces the whole text.
    pub fn change(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let span = self.lines(encoding).span(range);
                    self.text.replace_range(span.range(), &change.text);
                    self.edits.record(version, span, change.text.len());
                }
                None => {
                    self.text = change.text;
                    self.edits.replaced(version);
                }
            }
            self.starts = line_starts(&self.text);
        }
        self.version = version;
    }

    /// The last check's findings when they are of the text as it is now.
    pub fn current(&self) -> Option<&Checked> {
        self.checked.as_ref().filter(|c| c.version == self.version)
    }
}

impl Checked {
    /// Every finding, in output order.
    pub fn all(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self.local.iter().chain(&self.corpus).collect();
        all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        all
    }
}

/// The format of a document: from the editor's language id, else from the file's extension.
/// Language ids differ between editors (`plaintext` in VS Code, `text` in Helix and Neovim,
/// `Plain Text` in Zed), so they are compared loosely.
pub fn format_of(language_id: &str, path: Option<&Path>) -> Option<Format> {
    let id = language_id
        .to_ascii_lowercase()
        .replace([' ', '_', '-'], "");
    match id.as_str() {
        "markdown" | "md" => Some(Format::Markdown),
        "html" | "xhtml" => Some(Format::Html),
        "plaintext" | "text" | "txt" => Some(Format::Plain),
        _ => Format::from_path(path?),
    }
}

/// The file a `file:` URI names, percent-decoded.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme()?.as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    let bytes = uri.path().as_estr().decode().into_bytes().into_owned();
    let path = String::from_utf8(bytes).ok()?;
    // `file:///C:/x` on Windows: the drive comes after the slash.
    #[cfg(windows)]
    let path = path.strip_prefix('/').unwrap_or(&path).to_string();
    Some(PathBuf::from(path))
}

/// The `file:` URI of an absolute path.
pub fn file_uri(path: &Path) -> Option<Uri> {
    if !path.is_absolute() {
        return None;
    }
    let path = path.to_str()?;
    let mut uri = String::from("file://");
    if !path.starts_with('/') {
        uri.push('/');
    }
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(b as char)
            }
            b'\\' if cfg!(windows) => uri.push('/'),
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    Uri::from_str(&uri).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut doc = Document::open(TextDocumentItem {
            uri: Uri::from_str("file:///tmp/a.md").unwrap(),
            language_id: "markdown".into(),
            version: 1,
            text: "Héllo\nworld\n".into(),
        });
        let edit = |line, from, to, text: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(line, from),
                Position::new(line, to),
            )),
            range_length: None,
            text: text.into(),
        };
        doc.change(
            2,
            vec![
                edit(1, 0, 5, "there"),
                edit(0, 5, 5, ","),
                edit(2, 0, 0, "!"),
            ],
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "Héllo,\nthere\n!");
        assert_eq!(doc.version, 2);
        assert_eq!(doc.format, Some(Format::Markdown));
    }

    #[test]
    fn formats_from_language_ids_then_extensions() {
        assert_eq!(format_of("Plain Text", None), Some(Format::Plain));
        assert_eq!(format_of("plaintext", None), Some(Format::Plain));
        assert_eq!(
            format_of("unknown", Some(Path::new("a.htm"))),
            Some(Format::Html)
        );
        assert_eq!(format_of("toml", Some(Path::new("copydesk.toml"))), None);
    }

    #[test]
    fn file_uris_round_trip_with_percent_encoding() {
        let path = Path::new("/tmp/a b/é#1.md");
        let uri = file_uri(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%C3%A9%231.md");
        assert_eq!(file_path(&uri).as_deref(), Some(path));
        assert_eq!(
            file_path(&Uri::from_str("untitled:Untitled-1").unwrap()),
            None
        );
    }
}
