//! `incident/duplicate-id`: two incidents share an id.

use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::Kind;
use std::collections::BTreeMap;

/// The rule.
pub static RULE: Rule = Rule {
    id: "incident/duplicate-id",
    level: Level::Error,
    summary: "two incidents share an id (one finding at each `id:`, naming the other file)",
    docs: "### What it checks\nIncident ids must be unique across the site (compared ignoring case). Each duplicate gets a finding at its `id:` value naming the other file(s).\n\n### Why\nIds are URLs (`/incidents/inc-2026-007/`) and the key people search for; a duplicate hides one of the two incidents.\n\n### Example\n`content/incidents/2026/db.md` and `content/incidents/2026/cache.md` both say `id: INC-2026-007`.\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut by_id: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, d) in cx.site.of_kind(Kind::Incident) {
        if let Some(id) = &d.meta.id {
            by_id.entry(id.to_lowercase()).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for docs in by_id.values().filter(|v| v.len() > 1) {
        for &i in docs {
            let d = &cx.site.docs[i];
            let others: Vec<&str> = docs.iter().filter(|&&o| o != i).map(|&o| cx.site.docs[o].rel.as_str()).collect();
            let span = d.fm.value_span("id").unwrap_or_else(|| d.fm_span());
            out.push(Finding::new(
                i,
                span,
                format!("incident id `{}` is also used by {}", d.meta.id.as_deref().unwrap_or(""), others.join(", ")),
                "give each incident its own id (`sitrep new incident` allocates the next free one)",
            ));
        }
    }
    out
}
