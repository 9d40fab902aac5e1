//! `section/missing`: a required section is absent.

use super::checked_docs;
use crate::check::{Ctx, Finding, Rule};
use crate::config::SectionSpec;
use crate::diag::Level;
use crate::model::{Doc, Kind};

/// The rule.
pub static RULE: Rule = Rule {
    id: "section/missing",
    level: Level::Error,
    summary: "a required section is absent",
    docs: "### What it checks\nIncidents need Summary, Impact, Timeline, Root Cause, Action Items and Lessons Learned; runbooks a contacts section (Contacts, Escalation, On-call, Communication Channels, ...). Headings match ignoring case, numbering (`3.`), emoji, trailing punctuation and a trailing parenthetical such as `(UTC)`; each section accepts aliases (Root Causes, Contributing Factors, Corrective Actions, ...), and a heading that contains all the words of the name or an alias counts too (`Timeline of events`, `Action items / Follow-ups`, `Impact & Metrics`; plurals ignored). The Timeline and Action Items that other rules read are found the same way. `sections:` in sitrep.yaml changes the list per kind. The finding points at the first heading.\n\n### Why\nA postmortem without its timeline or action items teaches nothing; a runbook without contacts leaves the on-call engineer alone at 3 a.m.\n\n### Example\nAn incident with `## Overview` and `## Fixes` only: add `## Timeline`, `## Root Cause`, `## Action Items`, ... (blog-style headings count: `## What happened` is the Summary, `## Why it happened` the Root Cause, `## What we're doing about it` the Action Items)\n",
    check,
};

/// The section of `doc` that satisfies `spec`, if any (index into `doc.sections`).
pub fn find_section(doc: &Doc, spec: &SectionSpec) -> Option<usize> {
    let found = crate::model::sections::find(&doc.sections, spec.keys())?;
    doc.sections.iter().position(|s| std::ptr::eq(s, found))
}

/// The required sections for a kind.
pub fn required<'c>(cx: &'c Ctx<'_>, kind: Kind) -> &'c [SectionSpec] {
    match kind {
        Kind::Incident => &cx.config.sections.incident,
        Kind::Runbook => &cx.config.sections.runbook,
        _ => &[],
    }
}

/// A line that stands where the section's heading should (`**Contacts**`, `Timeline:`, as
/// Confluence and Google Docs exports write headings): bold or plain text alone on its line,
/// outside code, naming the section.
fn pseudo_heading(doc: &Doc, spec: &SectionSpec) -> Option<std::ops::Range<usize>> {
    let masked = doc.md.masked_ranges();
    let mut offset = doc.body_start;
    for line in doc.text.get(doc.body_start..)?.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        if t.is_empty() || t.len() > 80 || masked.iter().any(|r| r.contains(&start)) {
            continue;
        }
        let inner = t.trim_end_matches(':').trim_matches(|c| c == '*' || c == '_').trim_end_matches(':').trim();
        if inner.is_empty() || inner.contains(['*', '_', '[', '|', '`']) {
            continue;
        }
        let key = crate::model::sections::normalise_heading(inner);
        let keys = spec.keys();
        if keys.iter().any(|k| crate::model::sections::same_words(&key, k))
            || keys.first().is_some_and(|name| crate::model::sections::has_words(&key, name))
        {
            let lead = line.len() - line.trim_start().len();
            return Some(start + lead..start + lead + t.len());
        }
    }
    None
}

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, d) in checked_docs(cx.site) {
        for spec in required(cx, d.kind) {
            if find_section(d, spec).is_none() {
                let also = if spec.aliases.is_empty() {
                    String::new()
                } else {
                    format!(" (or one of: {})", spec.aliases.join(", "))
                };
                out.push(match pseudo_heading(d, spec) {
                    Some(span) => Finding::new(
                        i,
                        span.clone(),
                        format!(
                            "{} has no `{}` section: `{}` is a line of text, not a heading",
                            d.kind.as_str(),
                            spec.name,
                            d.text[span].trim()
                        ),
                        format!("make it a heading: `## {}`", spec.name),
                    ),
                    None => Finding::new(
                        i,
                        d.first_heading_span(),
                        format!("{} has no `{}` section", d.kind.as_str(), spec.name),
                        format!("add a `## {}` heading{also} with its content", spec.name),
                    ),
                });
            }
        }
    }
    out
}
