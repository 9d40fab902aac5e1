//! `--format github`: workflow commands that GitHub Actions turns into inline annotations.

use super::Report;
use crate::diag::Level;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_prop(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One `::error file=...,line=...,col=...,endLine=...,endColumn=...,title=rule::message` per finding.
pub fn render(r: &Report<'_>) -> String {
    let mut out = String::new();
    for d in r.diags {
        let cmd = match d.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "notice",
        };
        let mut msg = super::printable(&d.message).into_owned();
        if let Some(h) = &d.help {
            msg.push_str("\nhelp: ");
            msg.push_str(&super::printable(h));
        }
        out.push_str(&format!(
            "::{cmd} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_prop(r.path(d)),
            d.line,
            d.col,
            d.end_line,
            d.end_col,
            escape_prop(d.rule),
            escape_data(&msg)
        ));
    }
    out
}
