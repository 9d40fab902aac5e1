//! The one finding type every rule produces and every report format renders.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Worth knowing; never fails a run.
    Info,
    /// Fails only with `--deny-warnings`.
    Warning,
    /// Fails the run (exit 1).
    Error,
}

impl Level {
    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding about one document. Positions are 1-based; columns count Unicode code points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Permanent rule id, e.g. `section/missing`.
    pub rule: &'static str,
    /// Effective level (after the site's rule levels were applied).
    pub level: Level,
    /// Index of the document in `Site::docs`.
    pub doc: usize,
    /// Byte range in the document's normalised text.
    pub span: Range<usize>,
    /// 1-based start line.
    pub line: usize,
    /// 1-based start column (code points).
    pub col: usize,
    /// 1-based end line.
    pub end_line: usize,
    /// 1-based end column (code points, exclusive end).
    pub end_col: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// For link findings: the file the link points at (used by `--changed-since`).
    pub target: Option<PathBuf>,
}

impl Diagnostic {
    /// Sort key giving deterministic output: file, position, rule, message.
    pub fn sort_key(&self) -> (usize, usize, usize, &'static str, &str) {
        (self.doc, self.line, self.col, self.rule, &self.message)
    }
}

/// FNV-1a 64-bit: a stable, dependency-free fingerprint for baselines and SARIF
/// `partialFingerprints` (must never change between releases, unlike `DefaultHasher`).
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}
