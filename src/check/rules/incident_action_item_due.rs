//! `incident/action-item-due`: an open action item without a valid due date.

use super::incident_action_item_owner::short;
use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::Kind;

/// The rule.
pub static RULE: Rule = Rule {
    id: "incident/action-item-due",
    level: Level::Warning,
    summary: "an open action item without a valid due date",
    docs: "### What it checks\nEvery open action item needs a due date sitrep can read (`YYYY-MM-DD`, or an unambiguous spelling such as `March 1, 2027`, `1 Mar 2027` or `2027/3/1`; never `3/1/2027`): the Due/Due Date/Deadline column of an action table, or `due <date>` anywhere in a list item. Closed items (done, closed, complete, won't fix, `[x]`, a check mark, or yes/x in a Done column) are exempt.\n\n### Why\nWithout a date, nothing can tell you an item is overdue.\n\n### Example\n`- [ ] Add an alert on replication lag — @ana, due next sprint`\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, d) in cx.site.of_kind(Kind::Incident) {
        for a in d.actions.iter().filter(|a| !a.closed && a.due.is_none()) {
            let f = match &a.due_text {
                Some((t, span)) => Finding::new(
                    i,
                    span.clone(),
                    format!("action item `{}`: due date `{t}` is not a date", short(&a.action)),
                    "write the due date as YYYY-MM-DD",
                ),
                None => Finding::new(
                    i,
                    a.span.clone(),
                    format!("action item `{}` has no due date", short(&a.action)),
                    "add a Due column or `due YYYY-MM-DD`",
                ),
            };
            out.push(f);
        }
    }
    out
}
