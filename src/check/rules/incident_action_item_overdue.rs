//! `incident/action-item-overdue`: an open action item whose due date has passed.

use super::incident_action_item_owner::short;
use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::Kind;

/// The rule.
pub static RULE: Rule = Rule {
    id: "incident/action-item-overdue",
    level: Level::Warning,
    summary: "an open action item whose due date is before today",
    docs: "### What it checks\nAn action item that is not closed and whose due date is before today (`--today` or `SOURCE_DATE_EPOCH` pin \"today\"; dates compare in the site's time zone).\n\n### Why\nRepeat incidents come from follow-ups that never happened.\n\n### Example\n`| Add index check | @ana | 2026-01-15 | open |` checked on 2026-03-01.\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let today = cx.site.today;
    let mut out = Vec::new();
    for (i, d) in cx.site.of_kind(Kind::Incident) {
        for a in d.actions.iter().filter(|a| !a.closed) {
            let (Some(due), Some((_, span))) = (a.due, &a.due_text) else {
                continue;
            };
            if due < today {
                let days = (today - due).get_days();
                out.push(Finding::new(
                    i,
                    span.clone(),
                    format!("action item `{}` was due {due} ({days} days ago)", short(&a.action)),
                    "do it, mark it done, or agree a new due date",
                ));
            }
        }
    }
    out
}
