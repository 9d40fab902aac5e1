//! `incident/timeline-format`: a Timeline row whose time cannot be read.

use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::Kind;

/// The rule.
pub static RULE: Rule = Rule {
    id: "incident/timeline-format",
    level: Level::Warning,
    summary: "a Timeline row whose time cannot be read",
    docs: "### What it checks\nEvery Timeline row needs a time sitrep can read (see `incident/timeline-order` for the accepted forms). The time column is found by its header (Time, Time (UTC), When, Timestamp, Date) or is the first column; list items must start with the time.\n\n### Why\nA row without a readable time cannot be placed, ordered or charted.\n\n### Example\n`| around lunch | Database fails over |`\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, d) in cx.site.of_kind(Kind::Incident) {
        for row in d.timeline.iter().filter(|r| r.at.is_none()) {
            let shown = if row.time_text.is_empty() { "(empty)".to_string() } else { format!("`{}`", row.time_text) };
            out.push(Finding::new(
                i,
                row.time_span.clone(),
                format!("timeline time {shown} cannot be read"),
                "write it as HH:MM, HH:MM:SS, 2:05 pm, YYYY-MM-DD HH:MM or 2026-03-01T14:05:00Z",
            ));
        }
    }
    out
}
