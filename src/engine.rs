//! The engine: the active rules compiled into checks, run over one file's prose, with findings
//! turned into sorted [`Diagnostic`]s that point into the file on disk.

use crate::checks::{
    self, Check, Corpus, CorpusFinding, FileMention, Mention, RuleIdx, Settings, Sink,
};
use crate::diagnostic::{Diagnostic, Finding, Fix, Label, Location, Severity};
use crate::document::Document;
use crate::error::InputError;
use crate::fix;
use crate::markup::{self, Block, Format, Prose};
use crate::rule::Rule;
use crate::source::Source;
use crate::span::Span;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Which rules run, and at what severity.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Rule ids or families to run; empty means every rule that is enabled by default. Naming a
    /// rule by id runs it even when it is off by default.
    pub select: Vec<String>,
    /// Rule ids or families not to run; wins over `select`.
    pub ignore: Vec<String>,
    /// Severity by rule id or family; a rule id wins over its family.
    pub severity: BTreeMap<String, Severity>,
}

impl Selection {
    fn runs(&self, rule: &Rule) -> bool {
        let named = |list: &[String]| list.iter().any(|s| s == &rule.id);
        let family = |list: &[String]| list.iter().any(|s| s == rule.family());
        if named(&self.ignore) || family(&self.ignore) {
            return false;
        }
        if self.select.is_empty() {
            rule.enabled
        } else {
            named(&self.select) || (family(&self.select) && rule.enabled)
        }
    }
}

/// A prose document larger than this is checked in pieces of about this size, cut between
/// paragraphs, so that memory for sentences and tokens stays bounded on huge files.
const CHUNK: usize = 1 << 20;

pub struct Engine {
    /// The rules that run, with severities overridden; a finding's [`RuleIdx`] indexes this.
    pub rules: Vec<Rule>,
    checks: Vec<Box<dyn Check>>,
    /// Each rule's id and, when it has no placeholders, its help: shared by its diagnostics.
    ids: Vec<Arc<str>>,
    helps: Vec<Option<Arc<str>>>,
    /// The kind of each check, by which summaries find their cross-file pass.
    kinds: Vec<&'static str>,
    /// Ids of the rules whose kind also reports in the cross-file pass.
    cross_file: Vec<String>,
}

impl Engine {
    /// Compiles the selected `rules`. Every broken rule is reported, not only the first.
    pub fn new(
        rules: Vec<Rule>,
        selection: &Selection,
        settings: &Settings,
    ) -> Result<Engine, Vec<InputError>> {
        let mut rules: Vec<Rule> = rules.into_iter().filter(|r| selection.runs(r)).collect();
        for rule in &mut rules {
            if let Some(&s) = selection
                .severity
                .get(&rule.id)
                .or_else(|| selection.severity.get(rule.family()))
            {
                rule.severity = s;
            }
        }
        let mut checks = Vec::new();
        let mut errors = Vec::new();
        let mut cross_file = Vec::new();
        let mut kinds = Vec::new();
        for kind in checks::KINDS {
            let of_kind: Vec<(RuleIdx, &Rule)> = rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.kind == kind.name)
                .collect();
            if of_kind.is_empty() {
                continue;
            }
            match (kind.compile)(&of_kind, settings) {
                Ok(check) => {
                    if check.corpus().is_some() {
                        cross_file.extend(of_kind.iter().map(|(_, r)| r.id.clone()));
                    }
                    checks.push(check);
                    kinds.push(kind.name);
                }
                Err(e) => errors.extend(e),
            }
        }
        if errors.is_empty() {
            Ok(Engine {
                ids: rules.iter().map(|r| Arc::from(r.id.as_str())).collect(),
                helps: rules
                    .iter()
                    .map(|r| {
                        r.help
                            .as_deref()
                            .filter(|h| !h.contains('{'))
                            .map(Arc::from)
                    })
                    .collect(),
                rules,
                checks,
                kinds,
                cross_file,
            })
        } else {
            Err(errors)
        }
    }

    /// Runs every check over `text` as a file of `format` would be read; the findings are in
    /// prose coordinates, which for plain text and Markdown are the text's own.
    pub fn findings(&self, text: &str, format: Format) -> Vec<(RuleIdx, Finding)> {
        let prose = markup::extract(text, format);
        let mut out = Vec::new();
        self.run_chunks(&prose, format, false, |base, findings, _| {
            out.extend(findings.into_iter().map(|(r, f)| (r, shift(f, base))));
        });
        out
    }

    /// Checks one file and returns its diagnostics in output order.
    pub fn check(&self, source: &Source, format: Format) -> Vec<Diagnostic> {
        self.check_file(source, format, false).0
    }

    /// Checks one file; with `summarize`, also returns what the corpus checks keep of it.
    pub fn check_file(
        &self,
        source: &Source,
        format: Format,
        summarize: bool,
    ) -> (Vec<Diagnostic>, Option<FileSummary>) {
        let prose = markup::extract(&source.text, format);
        let mut out = Vec::new();
        let path: Arc<str> = Arc::from(source.path.as_str());
        let mut summary = summarize.then(|| FileSummary {
            path: source.path.clone(),
            parts: Vec::new(),
        });
        self.run_chunks(&prose, format, summarize, |base, findings, mentions| {
            for (rule, finding) in findings {
                let finding = shift(finding, base);
                out.push(self.diagnostic(source, &path, &prose, format, rule, finding));
            }
            if let Some(summary) = &mut summary {
                add_mentions(source, &prose, base, mentions, summary);
            }
        });
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out.dedup_by(|a, b| a.sort_key() == b.sort_key());
        (out, summary)
    }

    /// Ids of the rules that may also report in the cross-file pass.
    pub fn cross_file_rules(&self) -> &[String] {
        &self.cross_file
    }

    /// The cross-file pass, when some check has one: feed it every file's summary, then finish.
    pub fn corpus(&self) -> Option<CorpusPass<'_>> {
        let parts: Vec<(&'static str, Box<dyn Corpus>)> = self
            .checks
            .iter()
            .zip(&self.kinds)
            .filter_map(|(c, &kind)| c.corpus().map(|c| (kind, c)))
            .collect();
        (!parts.is_empty()).then_some(CorpusPass {
            engine: self,
            parts,
        })
    }

    /// Runs every check over each chunk of `prose`; `each` gets the chunk's base offset, its
    /// findings and, when `summarize`, each check's mentions for the corpus pass (by check index).
    fn run_chunks(
        &self,
        prose: &Prose,
        format: Format,
        summarize: bool,
        mut each: impl FnMut(usize, Vec<(RuleIdx, Finding)>, Vec<(&'static str, Vec<Mention>)>),
    ) {
        for (base, end, blocks) in chunks(&prose.text, &prose.blocks) {
            let doc = Document::new(&prose.text[base..end], format, blocks);
            let mut sink = if summarize {
                Sink::summarizing()
            } else {
                Sink::default()
            };
            let mut mentions = Vec::new();
            for (check, &kind) in self.checks.iter().zip(&self.kinds) {
                check.check(&doc, &mut sink);
                if let Some(list) = sink.mentions.as_mut().filter(|l| !l.is_empty()) {
                    mentions.push((kind, std::mem::take(list)));
                }
            }
            each(base, sink.findings, mentions);
        }
    }

    fn diagnostic(
        &self,
        source: &Source,
        path: &Arc<str>,
        prose: &Prose,
        format: Format,
        rule: RuleIdx,
        f: Finding,
    ) -> Diagnostic {
        let locate = |span: Span| source.location(prose.map.to_file(span));
        let (declared, severity) = (self.rules[rule].fix, self.rules[rule].severity);
        Diagnostic {
            labels: f
                .labels
                .into_iter()
                .map(|l| Label {
                    path: None,
                    span: locate(l.span),
                    message: l.message,
                })
                .collect(),
            notes: f.notes,
            // Kept off markup, with its safety settled from the rule's and the check's.
            fix: f.fix.and_then(|x| {
                let (span, replacement, applicability) =
                    fix::in_file(prose, format, &x, declared, severity)?;
                Some(Fix {
                    span: source.location(span),
                    replacement,
                    applicability,
                })
            }),
            ..self.rendered(
                rule,
                path.clone(),
                locate(f.span),
                &f.vars,
                f.message,
                f.help,
            )
        }
    }

    /// A diagnostic of `rule` at `span`, its message and help those of the finding or else the
    /// rule's templates filled with `vars`; no labels, notes or fix yet.
    fn rendered(
        &self,
        index: RuleIdx,
        path: Arc<str>,
        span: Location,
        vars: &[(std::borrow::Cow<'static, str>, String)],
        message: Option<String>,
        help: Option<String>,
    ) -> Diagnostic {
        let rule = &self.rules[index];
        let help = match (help, &self.helps[index]) {
            (Some(own), _) => Some(Arc::from(own)),
            (None, Some(shared)) => Some(shared.clone()),
            (None, None) => rule
                .help
                .as_ref()
                .map(|h| Arc::from(crate::rule::render_template(h, vars))),
        };
        Diagnostic {
            path,
            rule: self.ids[index].clone(),
            severity: rule.severity,
            message: message.unwrap_or_else(|| rule.render_message(vars)),
            span,
            labels: Vec::new(),
            notes: Vec::new(),
            help,
            fix: None,
            url: rule.url.clone(),
        }
    }
}

/// What the corpus checks keep of one file: for each check (by kind), its mentions located in
/// the file. Small by design: a few dozen names, never the text. A summary made by one engine can
/// feed the cross-file pass of another (files governed by different configs are compared).
#[derive(Debug, Default)]
pub struct FileSummary {
    pub path: String,
    pub parts: Vec<(&'static str, Vec<FileMention>)>,
}

/// The cross-file pass: each corpus check's accumulator.
pub struct CorpusPass<'e> {
    engine: &'e Engine,
    parts: Vec<(&'static str, Box<dyn Corpus>)>,
}

impl CorpusPass<'_> {
    /// Feeds one file's summary; call in path order for deterministic output.
    pub fn add(&mut self, summary: &FileSummary) {
        for (kind, mentions) in &summary.parts {
            if let Some((_, corpus)) = self.parts.iter_mut().find(|(k, _)| k == kind) {
                corpus.add(&summary.path, mentions);
            }
        }
    }

    /// The corpus diagnostics, sorted.
    pub fn finish(self) -> Vec<Diagnostic> {
        let engine = self.engine;
        let mut out: Vec<Diagnostic> = self
            .parts
            .into_iter()
            .flat_map(|(_, c)| c.finish())
            .map(|f| engine.corpus_diagnostic(f))
            .collect();
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out.dedup_by(|a, b| a.sort_key() == b.sort_key());
        out
    }
}

impl Engine {
    fn corpus_diagnostic(&self, f: CorpusFinding) -> Diagnostic {
        Diagnostic {
            labels: f.labels,
            notes: f.notes,
            // A cross-file finding comes after its file was fixed, and no command applies it:
            // offering a fix would promise what `--fix` never does. Its help names the spelling.
            fix: None,
            ..self.rendered(f.rule, f.path.into(), f.span, &f.vars, None, f.help)
        }
    }
}

fn shift(mut f: Finding, base: usize) -> Finding {
    if base == 0 {
        return f;
    }
    f.span = f.span.shift(base);
    for l in &mut f.labels {
        l.span = l.span.shift(base);
    }
    if let Some(fix) = &mut f.fix {
        fix.span = fix.span.shift(base);
    }
    f
}

/// Cuts the prose into pieces of about [`CHUNK`] bytes between blocks: `(start, end, blocks)` with
/// block spans relative to `start`. Almost every article is one piece. A single block larger than
/// a piece (a file with no line breaks at all) is itself cut at white space.
fn chunks(text: &str, blocks: &[Block]) -> Vec<(usize, usize, Vec<Block>)> {
    // A byte-order mark is not text: no check sees it (the prose keeps it, so offsets stay those
    // of the file, and every block starts after it).
    let bom = match markup::skip_bom(text) {
        // A mark decoded from a character reference (`&#xFEFF;`) at the start is text.
        bom if blocks.first().is_some_and(|b| b.span.start < bom) => 0,
        bom => bom,
    };
    if text.len() - bom <= CHUNK {
        let relative = blocks.iter().map(|b| Block {
            span: Span::new(b.span.start - bom, b.span.end - bom),
            kind: b.kind,
        });
        return vec![(bom, text.len(), relative.collect())];
    }
    let mut out = Vec::new();
    let mut current: Vec<Block> = Vec::new();
    let mut flush = |current: &mut Vec<Block>| {
        if let Some(first) = current.first() {
            // Blocks are disjoint and sorted, so the last ends the piece; the maximum keeps the
            // piece whole even if a format ever nested one block in another.
            let start = first.span.start;
            let end = current.iter().map(|b| b.span.end).max().unwrap_or(start);
            let relative = current.drain(..).map(|b| Block {
                span: Span::new(b.span.start - start, b.span.end - start),
                kind: b.kind,
            });
            out.push((start, end, relative.collect()));
        }
    };
    for piece in blocks.iter().flat_map(|b| cut(text, *b)) {
        if current
            .first()
            .is_some_and(|first| piece.span.end - first.span.start > CHUNK)
        {
            flush(&mut current);
        }
        current.push(piece);
    }
    flush(&mut current);
    out
}

/// `block` cut at white space into pieces of at most about [`CHUNK`] bytes.
fn cut(text: &str, block: Block) -> Vec<Block> {
    let mut out = Vec::new();
    let mut start = block.span.start;
    while block.span.end - start > CHUNK {
        let at = crate::span::floor_boundary(text, start + CHUNK);
        let end = text[start..at]
            .rfind(char::is_whitespace)
            .map_or(at, |i| start + i)
            .max(start + 1);
        let end = (end..)
            .find(|&e| text.is_char_boundary(e))
            .unwrap_or(block.span.end);
        out.push(Block {
            span: Span::new(start, end),
            kind: block.kind,
        });
        start = end;
    }
    out.push(Block {
        span: Span::new(start, block.span.end),
        kind: block.kind,
    });
    out
}

/// Adds the corpus checks' mentions of one chunk to `summary`, located in the file; a text seen
/// in an earlier chunk adds to its count.
fn add_mentions(
    source: &Source,
    prose: &Prose,
    base: usize,
    by_check: Vec<(&'static str, Vec<Mention>)>,
    summary: &mut FileSummary,
) {
    for (i, mentions) in by_check {
        let part = match summary.parts.iter().position(|(c, _)| *c == i) {
            Some(p) => p,
            None => {
                summary.parts.push((i, Vec::new()));
                summary.parts.len() - 1
            }
        };
        let list = &mut summary.parts[part].1;
        // An index of this file's texts so far: a huge file's chunks merge in linear time.
        let mut index: std::collections::HashMap<String, usize> = list
            .iter()
            .enumerate()
            .map(|(i, x)| (x.text.clone(), i))
            .collect();
        for m in mentions {
            match index.get(&m.text) {
                Some(&i) => list[i].count += m.count,
                None => {
                    index.insert(m.text.clone(), list.len());
                    list.push(FileMention {
                        text: m.text,
                        count: m.count,
                        at: source.location(prose.map.to_file(m.span.shift(base))),
                    });
                }
            }
        }
    }
}
