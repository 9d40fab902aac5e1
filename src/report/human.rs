//! rustc-style output through codespan-reporting: `error[rule]: message`, `--> path:line:col`,
//! the source line with a caret, `= help: ...` (the caller adds the summary line).

use super::Report;
use crate::diag::Level;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Chars, Config};

/// Render every finding.
pub fn render(r: &Report<'_>, color: bool) -> String {
    let mut files = SimpleFiles::new();
    let mut ids = std::collections::HashMap::new();
    let config = Config { chars: Chars::ascii(), ..Config::default() };
    let mut out = String::new();
    let mut buf = codespan_reporting::term::termcolor::Buffer::ansi();
    for d in r.diags {
        let id = *ids.entry(d.doc).or_insert_with(|| {
            let shown = r.shown_text(d.doc);
            files.add(super::printable(r.path(d)).into_owned(), super::printable_source(&shown).into_owned())
        });
        let severity = match d.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Note,
        };
        let mut cs = CsDiagnostic::new(severity)
            .with_code(d.rule)
            .with_message(super::printable(&d.message))
            .with_labels(vec![Label::primary(id, d.span.clone())]);
        if let Some(h) = &d.help {
            cs = cs.with_notes(vec![format!("help: {}", super::printable(h))]);
        }
        if color {
            term::emit_to_write_style(&mut buf, &config, &files, &cs).expect("writing to a memory buffer");
        } else {
            term::emit_to_string(&mut out, &config, &files, &cs).expect("writing to a string");
        }
    }
    if color {
        out = String::from_utf8_lossy(buf.as_slice()).into_owned();
    }
    out
}
