//! `check`: run every registered rule over the site, apply levels and suppressions, sort.

pub mod rules;
mod suppress;

use crate::config::Config;
use crate::diag::{Diagnostic, Level};
use crate::model::Site;
use rayon::prelude::*;
use std::ops::Range;
use std::path::PathBuf;

pub use rules::RULES;

/// A rule: permanent id, default level, docs, and the check itself.
pub struct Rule {
    /// Permanent id, never reused (`section/missing`).
    pub id: &'static str,
    /// Default level.
    pub level: Level,
    /// One line for the catalogue.
    pub summary: &'static str,
    /// Markdown with the headings `What it checks`, `Why` and `Example`.
    pub docs: &'static str,
    /// The check: pure function of the site.
    pub check: fn(&Ctx<'_>) -> Vec<Finding>,
}

/// What a rule sees.
pub struct Ctx<'a> {
    /// The parsed site.
    pub site: &'a Site,
    /// The site configuration.
    pub config: &'a Config,
    /// Draft runbooks are published (`build --drafts`, `serve --drafts`).
    pub drafts: bool,
}

/// A rule's raw finding, before levels, positions and suppressions are applied.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Document index.
    pub doc: usize,
    /// Byte span in the document text.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// For links: the file pointed at.
    pub target: Option<PathBuf>,
}

impl Finding {
    /// A finding with a message and a help line.
    pub fn new(doc: usize, span: Range<usize>, message: impl Into<String>, help: impl Into<String>) -> Finding {
        Finding { doc, span, message: message.into(), help: Some(help.into()), target: None }
    }
}

/// Run every enabled rule; the result is sorted and free of suppressed findings.
pub fn run(site: &Site, config: &Config) -> Vec<Diagnostic> {
    run_publishing(site, config, false)
}

/// [`run`] for a build or preview that publishes draft runbooks (`--drafts`).
pub fn run_publishing(site: &Site, config: &Config, drafts: bool) -> Vec<Diagnostic> {
    let cx = Ctx { site, config, drafts };
    let suppressions: Vec<suppress::Suppressions> = site.docs.iter().map(suppress::Suppressions::of).collect();
    let mut diags: Vec<Diagnostic> = RULES
        .par_iter()
        .flat_map_iter(|rule| {
            let level = config.level_of(rule);
            let found = match level {
                Some(_) => (rule.check)(&cx),
                None => Vec::new(),
            };
            found.into_iter().filter_map(move |f| level.map(|l| (rule, l, f)))
        })
        .map(|(rule, level, f)| to_diagnostic(site, rule.id, level, f))
        .filter(|d| !suppressions[d.doc].suppresses(d.rule, d.line))
        .filter(|d| !site.docs[d.doc].meta.allow.iter().any(|a| a == d.rule || a == "all"))
        .collect();
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup_by(|b, a| a.sort_key() == b.sort_key());
    drop_subsumed(&mut diags);
    diags
}

/// (specific rule, general rule): where both report the same text, the specific finding says
/// it all (`owner: TBD` is a placeholder owner, not also placeholder text).
const SUBSUMES: &[(&str, &str)] = &[("incident/action-item-owner", "placeholder/text")];

fn drop_subsumed(diags: &mut Vec<Diagnostic>) {
    let specific: std::collections::HashSet<(usize, usize, &str)> = diags
        .iter()
        .flat_map(|d| SUBSUMES.iter().filter(|(s, _)| *s == d.rule).map(|(_, g)| (d.doc, d.span.start, *g)))
        .collect();
    if !specific.is_empty() {
        diags.retain(|d| !specific.contains(&(d.doc, d.span.start, d.rule)));
    }
}

/// Attach positions to a finding.
pub fn to_diagnostic(site: &Site, rule: &'static str, level: Level, f: Finding) -> Diagnostic {
    let doc = &site.docs[f.doc];
    let start = f.span.start.min(doc.text.len());
    let mut end = f.span.end.clamp(start, doc.text.len());
    // Multi-line spans are reported up to the end of their first line for readable carets.
    if let Some(nl) = doc.text[start..end].find('\n') {
        if nl > 0 {
            end = start + nl;
        }
    }
    let (line, col) = doc.lines.position(&doc.text, start);
    let (end_line, end_col) = doc.lines.position(&doc.text, end);
    Diagnostic {
        rule,
        level,
        doc: f.doc,
        span: start..end,
        line,
        col,
        end_line,
        end_col,
        message: f.message,
        help: f.help,
        target: f.target,
    }
}

/// Look a rule up by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}
