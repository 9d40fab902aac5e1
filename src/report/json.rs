//! `--format json`: a stable array of findings. Fields: rule, level, path, line, column,
//! end_line, end_column, message, help (null when none). Documented in the README.

use super::Report;
use serde::Serialize;

/// One finding as serialised; field order and names are a public contract.
#[derive(Serialize)]
pub struct JsonFinding<'a> {
    /// Rule id.
    pub rule: &'a str,
    /// error | warning | info.
    pub level: &'a str,
    /// Path (relative to the current directory when under it).
    pub path: &'a str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (code points).
    pub column: usize,
    /// 1-based end line.
    pub end_line: usize,
    /// 1-based end column (exclusive).
    pub end_column: usize,
    /// Message.
    pub message: &'a str,
    /// Help text.
    pub help: Option<&'a str>,
}

/// Render the array (pretty-printed, `<` escaped so no text becomes markup when embedded).
pub fn render(r: &Report<'_>) -> String {
    let items: Vec<JsonFinding<'_>> = r
        .diags
        .iter()
        .map(|d| JsonFinding {
            rule: d.rule,
            level: d.level.as_str(),
            path: r.path(d),
            line: d.line,
            column: d.col,
            end_line: d.end_line,
            end_column: d.end_col,
            message: &d.message,
            help: d.help.as_deref(),
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&items).expect("findings serialise");
    s = s.replace('<', "\\u003c");
    s.push('\n');
    s
}
