//! `section/empty`: a required section is present but has no content.

use super::checked_docs;
use super::section_missing::{find_section, required};
use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::Doc;

/// The rule.
pub static RULE: Rule = Rule {
    id: "section/empty",
    level: Level::Warning,
    summary: "a required section is present but empty",
    docs: "### What it checks\nA required section (see `section/missing`) whose body holds nothing but whitespace, sub-headings or HTML comments.\n\n### Why\nAn empty `## Root Cause` heading looks finished in a table of contents and hides an unfinished postmortem.\n\n### Example\n```markdown\n## Root Cause\n\n## Action Items\n```\n",
    check,
};

/// Whether a section body has real content (sub-headings and comments do not count).
fn has_content(d: &Doc, sec: usize) -> bool {
    let body = d.sections[sec].body.clone();
    let mut pos = body.start;
    let mut holes: Vec<std::ops::Range<usize>> =
        d.md.headings
            .iter()
            .map(|h| h.span.clone())
            .chain(d.md.comments.iter().cloned())
            .filter(|r| r.start >= body.start && r.end <= body.end)
            .collect();
    holes.sort_by_key(|r| r.start);
    for h in holes {
        if h.start > pos && !d.text[pos..h.start].trim().is_empty() {
            return true;
        }
        pos = pos.max(h.end);
    }
    pos < body.end && !d.text[pos..body.end].trim().is_empty()
}

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, d) in checked_docs(cx.site) {
        for spec in required(cx, d.kind) {
            if let Some(s) = find_section(d, spec) {
                if !has_content(d, s) {
                    let h = &d.md.headings[d.sections[s].heading];
                    out.push(Finding::new(
                        i,
                        h.span.clone(),
                        format!("section `{}` is empty", h.text),
                        format!("write the {} or remove the heading", spec.name.to_lowercase()),
                    ));
                }
            }
        }
    }
    out
}
