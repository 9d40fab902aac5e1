//! Baselines for adopting sitrep on an existing repository: record today's findings, then
//! report only new ones. Findings match by rule, file and a fingerprint of the line's text,
//! never by line number, so edits elsewhere in a file do not resurface old findings.

use crate::diag::Diagnostic;
use crate::error::Error;
use crate::report::Report;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// One recorded finding.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub struct Entry {
    /// Rule id.
    pub rule: String,
    /// File relative to content/.
    pub path: String,
    /// Fingerprint of rule, file, line text and message.
    pub fingerprint: String,
}

/// The file format.
#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

fn entry(r: &Report<'_>, d: &Diagnostic) -> Entry {
    Entry { rule: d.rule.to_string(), path: r.site.docs[d.doc].rel.clone(), fingerprint: r.fingerprint(d) }
}

/// Write the baseline of `r`'s findings.
pub fn write(path: &Path, r: &Report<'_>) -> Result<(), Error> {
    let mut findings: Vec<Entry> = r.diags.iter().map(|d| entry(r, d)).collect();
    findings.sort_by(|a, b| (&a.path, &a.rule, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.fingerprint)));
    let text = serde_json::to_string_pretty(&File { version: 1, findings }).expect("baseline serialises") + "\n";
    std::fs::write(path, text).map_err(|e| Error::Io { path: path.into(), source: e })
}

/// Findings of `diags` that the baseline at `path` does not cover (each entry covers one finding).
pub fn filter(path: &Path, r: &Report<'_>, diags: Vec<Diagnostic>) -> Result<Vec<Diagnostic>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io { path: path.into(), source: e })?;
    let file: File = serde_json::from_str(&text).map_err(|e| Error::Config {
        path: path.into(),
        line: Some(e.line()),
        message: format!("not a sitrep baseline: {e}"),
    })?;
    let mut budget: HashMap<Entry, usize> = HashMap::new();
    for e in file.findings {
        *budget.entry(e).or_default() += 1;
    }
    Ok(diags
        .into_iter()
        .filter(|d| match budget.get_mut(&entry(r, d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect())
}
