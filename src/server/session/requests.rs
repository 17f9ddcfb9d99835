//! The requests about one document: code actions and hover, answered from its findings as of its
//! text now.

use super::Session;
use crate::diagnostic::Diagnostic;
use crate::markup::Format;
use crate::server::actions;
use crate::server::check::Checker;
use crate::server::hover;
use lsp_types::{self as lsp, Uri};
use std::sync::Arc;

impl Session {
    /// The findings of a document's text as it is now: the last check's, or a check made now
    /// when a newer version is still waiting for its own (without cross-file findings, which are
    /// about the older text).
    fn findings_now(&mut self, uri: &Uri) -> Option<(Format, Arc<Checker>, Vec<Diagnostic>)> {
        let doc = self.docs.get(uri)?;
        let format = doc.format?;
        let path = doc.path.clone();
        let stale = doc
            .current()
            .is_none()
            .then(|| (doc.name.clone(), doc.text.clone()));
        let checker = self.checker_for(path.as_deref());
        let findings = match stale {
            Some((name, text)) => checker.check(&name, text, format, false).0,
            None => {
                let checked = self.docs[uri].current()?;
                checked.all().into_iter().cloned().collect()
            }
        };
        Some((format, checker, findings))
    }

    pub(super) fn code_action(
        &mut self,
        p: lsp::CodeActionParams,
    ) -> Option<Vec<lsp::CodeActionOrCommand>> {
        let uri = p.text_document.uri;
        let (format, checker, findings) = self.findings_now(&uri)?;
        let doc = &self.docs[&uri];
        let lines = doc.lines(self.encoding);
        let cx = actions::Context {
            doc,
            format,
            lines,
            checker: &checker,
            document_changes: self.document_changes,
        };
        let refs: Vec<&Diagnostic> = findings.iter().collect();
        let lsp = |d: &Diagnostic| self.to_lsp(d, doc, &lines);
        Some(actions::actions(
            &cx,
            &refs,
            p.range,
            p.context.only.as_deref(),
            &lsp,
        ))
    }

    pub(super) fn hover(&mut self, p: lsp::HoverParams) -> Option<lsp::Hover> {
        let at = p.text_document_position_params;
        let (_, checker, findings) = self.findings_now(&at.text_document.uri)?;
        let lines = self.docs[&at.text_document.uri].lines(self.encoding);
        let refs: Vec<&Diagnostic> = findings.iter().collect();
        hover::hover(&refs, &lines, at.position, &checker, self.markdown_hover)
    }
}
