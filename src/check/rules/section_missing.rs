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
    docs: "### What it checks\nIncidents need Summary, Impact, Timeline, Root Cause, Action Items and Lessons Learned; runbooks a contacts section (Contacts, Escalation, On-call, Communication Channels, ...). Headings match ignoring case, numbering (`3.`), emoji, trailing punctuation and a trailing parenthetical such as `(UTC)`; each section accepts aliases (Root Causes, Contributing Factors, Corrective Actions, ...). `sections:` in sitrep.yaml changes the list per kind. The finding points at the first heading.\n\n### Why\nA postmortem without its timeline or action items teaches nothing; a runbook without contacts leaves the on-call engineer alone at 3 a.m.\n\n### Example\nAn incident with `## What happened` and `## Fixes` only: add `## Timeline`, `## Root Cause`, `## Action Items`, ...\n",
    check,
};

/// The section of `doc` that satisfies `spec`, if any (index into `doc.sections`).
pub fn find_section(doc: &Doc, spec: &SectionSpec) -> Option<usize> {
    let wanted = spec.keys();
    doc.sections.iter().position(|s| wanted.contains(&s.key))
}

/// The required sections for a kind.
pub fn required<'c>(cx: &'c Ctx<'_>, kind: Kind) -> &'c [SectionSpec] {
    match kind {
        Kind::Incident => &cx.config.sections.incident,
        Kind::Runbook => &cx.config.sections.runbook,
        _ => &[],
    }
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
                out.push(Finding::new(
                    i,
                    d.first_heading_span(),
                    format!("{} has no `{}` section", d.kind.as_str(), spec.name),
                    format!("add a `## {}` heading{also} with its content", spec.name),
                ));
            }
        }
    }
    out
}
