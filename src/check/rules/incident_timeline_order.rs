//! `incident/timeline-order`: Timeline rows out of chronological order.

use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::Kind;

/// The rule.
pub static RULE: Rule = Rule {
    id: "incident/timeline-order",
    level: Level::Warning,
    summary: "Timeline rows out of chronological order (the first row earlier than the row before it)",
    docs: "### What it checks\nThe rows of the Timeline (its first table, or its list, or else its lines that open with a time) must be in chronological order. Times may be `HH:MM`, `HH:MM:SS`, am/pm, `YYYY-MM-DD HH:MM`, ISO 8601 or a bare date, with an optional zone (`UTC`, `PST`, `+02:00`); a time-only row takes the date of the row before it, rolling over to the next day when it is more than 12 hours earlier (a midnight crossing), else the date of `started` (a date alone is that calendar day in the timeline's zone). A zone named in the heading or header (`Timeline (PST)`, `(UTC-8)`, `(all times Pacific)`, `Time (Europe/Berlin)`) or above the table (`All times in UTC`) applies. Rows are never reordered; the first row earlier than the one before it is reported.\n\n### Why\nA timeline out of order misleads the review of what happened when.\n\n### Example\n```markdown\n| Time | Event |\n|---|---|\n| 14:20 | Rollback |\n| 14:05 | Alert fires |\n```\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, d) in cx.site.of_kind(Kind::Incident) {
        let mut prev: Option<(&str, jiff::Timestamp)> = None;
        for row in &d.timeline {
            let Some(at) = row.at else { continue };
            if let Some((pt, pa)) = prev {
                if at < pa {
                    out.push(Finding::new(
                        i,
                        row.time_span.clone(),
                        format!("timeline row `{}` is earlier than the row before it (`{pt}`)", row.time_text),
                        "keep timeline rows in chronological order, or give the row its full date",
                    ));
                    break;
                }
            }
            prev = Some((&row.time_text, at));
        }
    }
    out
}
