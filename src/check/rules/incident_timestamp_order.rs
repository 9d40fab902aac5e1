//! `incident/timestamp-order`: started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved.

use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::Kind;

/// The rule.
pub static RULE: Rule = Rule {
    id: "incident/timestamp-order",
    level: Level::Error,
    summary: "started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved violated",
    docs: "### What it checks\nThe incident's milestones must be in order: `started` ≤ `detected` ≤ `acknowledged` ≤ `mitigated` ≤ `resolved`. Absent milestones are skipped; the finding points at the key that breaks the order.\n\n### Why\nTime to detect, acknowledge, mitigate and resolve are computed from these; one typo makes every metric wrong.\n\n### Example\n```yaml\nstarted: 2026-03-01T14:05:00Z\ndetected: 2026-03-01T13:58:00Z   # earlier than started\n```\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, d) in cx.site.of_kind(Kind::Incident) {
        let m = &d.meta;
        let steps = [
            ("started", m.started),
            ("detected", m.detected),
            ("acknowledged", m.acknowledged),
            ("mitigated", m.mitigated),
            ("resolved", m.resolved),
        ];
        let mut latest: Option<(&str, jiff::Timestamp)> = None;
        for (name, t) in steps {
            let Some(t) = t else { continue };
            if let Some((prev, pt)) = latest {
                if t < pt {
                    let span = d.fm.value_span(name).unwrap_or_else(|| d.fm_span());
                    out.push(Finding::new(
                        i,
                        span,
                        format!("`{name}` ({t}) is earlier than `{prev}` ({pt})"),
                        "milestones must be in order: started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved; check the date and the time zone",
                    ));
                    continue;
                }
            }
            latest = Some((name, t));
        }
    }
    out
}
