//! Rendering findings: human (rustc-style), short, json, sarif, github, junit. Every format is
//! produced from the same sorted `Diagnostic`s.

mod github;
mod human;
mod json;
mod junit;
mod sarif;

use crate::diag::{Diagnostic, Level};
use crate::model::Site;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// An output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// rustc-style with source line, caret and help.
    Human,
    /// `path:line:col: level[rule] message`.
    Short,
    /// A stable JSON array.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
    /// JUnit XML, one testcase per file.
    Junit,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "human" => Format::Human,
            "short" => Format::Short,
            "json" => Format::Json,
            "sarif" => Format::Sarif,
            "github" => Format::Github,
            "junit" => Format::Junit,
            other => return Err(format!("unknown format `{other}` (human, short, json, sarif, github, junit)")),
        })
    }
}

/// What every format needs: the site (for paths and source lines) and the findings.
pub struct Report<'a> {
    /// The site the findings are about.
    pub site: &'a Site,
    /// Findings, sorted.
    pub diags: &'a [Diagnostic],
    /// Display path of each document (relative to the current directory when under it).
    pub paths: Vec<String>,
    /// Number of documents checked.
    pub checked: usize,
}

impl<'a> Report<'a> {
    /// Prepare a report; paths are made relative to `cwd` when the file is under it.
    pub fn new(site: &'a Site, diags: &'a [Diagnostic], cwd: &Path) -> Report<'a> {
        let paths = site.docs.iter().map(|d| display_path(&d.abs, cwd)).collect();
        Report { site, diags, paths, checked: site.docs.len() }
    }

    /// The display path of a finding's file.
    pub fn path(&self, d: &Diagnostic) -> &str {
        &self.paths[d.doc]
    }

    /// The text of the finding's first line.
    pub fn source_line(&self, d: &Diagnostic) -> &str {
        let doc = &self.site.docs[d.doc];
        doc.lines.line_text(&doc.text, d.line - 1)
    }

    /// A document's text as reports show it: every secret the model found in it (`Doc::secrets`)
    /// masked (after its first four characters when it is a long token; same byte length, so
    /// spans still fit), so a CI log or a code-scanning alert never carries the credential.
    pub fn shown_text(&self, doc: usize) -> std::borrow::Cow<'a, str> {
        let text: &'a str = &self.site.docs[doc].text;
        self.masked(doc, 0..text.len())
    }

    /// The line of a finding as reports show it ([`Report::shown_text`]).
    pub fn shown_line(&self, d: &Diagnostic) -> String {
        let doc = &self.site.docs[d.doc];
        let line = doc.lines.line_text(&doc.text, d.line - 1);
        let start = doc.lines.line_start(d.line - 1);
        self.masked(d.doc, start..start + line.len()).into_owned()
    }

    /// `range` of document `doc`'s text with its secrets masked.
    fn masked(&self, doc: usize, range: Range<usize>) -> std::borrow::Cow<'a, str> {
        let text: &'a str = &self.site.docs[doc].text;
        let spans: Vec<&Range<usize>> = self.site.docs[doc].secrets.iter().map(|s| &s.span).collect();
        if !spans.iter().any(|s| s.start < range.end && range.start < s.end) {
            return std::borrow::Cow::Borrowed(&text[range]);
        }
        let mut out = String::with_capacity(range.len());
        for (i, c) in text[range.clone()].char_indices().map(|(i, c)| (i + range.start, c)) {
            // A token's well-known prefix (`ghp_`, `AKIA`) may show; a short secret (a
            // password) is masked whole.
            let hidden =
                spans.iter().any(|s| s.contains(&i) && (s.len() < 16 || text[s.start..i].chars().count() >= 4));
            if hidden {
                out.extend(std::iter::repeat_n('*', c.len_utf8()));
            } else {
                out.push(c);
            }
        }
        std::borrow::Cow::Owned(out)
    }

    /// Stable fingerprint: rule, file and the trimmed text of the line (not its number).
    pub fn fingerprint(&self, d: &Diagnostic) -> String {
        crate::diag::fingerprint(&[d.rule, &self.site.docs[d.doc].rel, self.source_line(d).trim(), &d.message])
    }

    /// `N errors, M warnings in K files`.
    pub fn summary(&self) -> String {
        let count = |l: Level| self.diags.iter().filter(|d| d.level == l).count();
        let mut files: Vec<usize> = self.diags.iter().map(|d| d.doc).collect();
        files.dedup();
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        let mut s = format!("{}, {}", plural(count(Level::Error), "error"), plural(count(Level::Warning), "warning"));
        let infos = count(Level::Info);
        if infos > 0 {
            s.push_str(&format!(", {}", plural(infos, "info")));
        }
        s.push_str(&format!(" in {} ({} checked)", plural(files.len(), "file"), self.checked));
        s
    }

    /// Render in `format`; `color` only applies to human output.
    pub fn render(&self, format: Format, color: bool) -> String {
        match format {
            Format::Human => human::render(self, color),
            Format::Short => self
                .diags
                .iter()
                .map(|d| {
                    format!(
                        "{}:{}:{}: {}[{}] {}\n",
                        printable(self.path(d)),
                        d.line,
                        d.col,
                        d.level,
                        d.rule,
                        printable(&d.message)
                    )
                })
                .collect(),
            Format::Json => json::render(self),
            Format::Sarif => sarif::render(self),
            Format::Github => github::render(self),
            Format::Junit => junit::render(self),
        }
    }
}

/// Text from a document made safe for a terminal or a CI log: control characters (an escape
/// sequence in a front-matter value could retitle the terminal or hide output; a newline would
/// split a one-line finding) are written as `\u{1b}`.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    replace_chars(s, char::is_control, |c| format!("\\u{{{:x}}}", c as u32))
}

/// A document's text for the source lines of human output: control characters other than
/// newlines and tabs become spaces of the same byte length, so spans stay where they were.
pub fn printable_source(s: &str) -> std::borrow::Cow<'_, str> {
    replace_chars(s, |c| c.is_control() && c != '\n' && c != '\t', |c| " ".repeat(c.len_utf8()))
}

/// `s` with every character `bad` picks replaced by `with(c)`; borrowed when there is none.
fn replace_chars(s: &str, bad: impl Fn(char) -> bool, with: impl Fn(char) -> String) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(&bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().map(|c| if bad(c) { with(c) } else { c.to_string() }).collect())
}

/// `path` relative to `cwd` when under it, else absolute; `/`-separated.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    match path.strip_prefix(cwd) {
        Ok(rel) => rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"),
        Err(_) => PathBuf::from(path).display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{printable, printable_source};

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(printable("plain — text"), "plain — text");
        assert_eq!(printable("\u{1b}]0;x\u{7}a\nb\u{9b}"), "\\u{1b}]0;x\\u{7}a\\u{a}b\\u{9b}");
        let src = "line \u{1b}[31m one\tok\nline two \u{9b}x\n";
        let clean = printable_source(src);
        assert_eq!(clean.len(), src.len());
        assert_eq!(clean, "line  [31m one\tok\nline two   x\n");
    }
}
