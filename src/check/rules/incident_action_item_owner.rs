//! `incident/action-item-owner`: an action item without an owner, or whose owner is a placeholder.

use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::actions::is_placeholder_owner;
use crate::model::Kind;

/// The rule.
pub static RULE: Rule = Rule {
    id: "incident/action-item-owner",
    level: Level::Error,
    summary: "an action item without an owner, or whose owner is a placeholder",
    docs: "### What it checks\nEvery action item (a row of a table under Action Items, with the owner found by the Owner/Assignee column, or a list item with an `@handle` or `owner: name`) must name a real owner: not empty, `TBD`, `?`, `-`, `@name`, `[Owner]` or `unassigned`.\n\n### Why\nAn action item nobody owns is an action item nobody does.\n\n### Example\n`| Add replication-lag alert | TBD | 2026-03-01 | open |`\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, d) in cx.site.of_kind(Kind::Incident) {
        for a in d.actions.iter().filter(|a| !a.cancelled) {
            match &a.owner {
                None => out.push(Finding::new(
                    i,
                    a.span.clone(),
                    format!("action item `{}` has no owner", short(&a.action)),
                    "add an Owner column, an @handle, or `owner: name`",
                )),
                Some((o, span)) if is_placeholder_owner(o) => out.push(Finding::new(
                    i,
                    span.clone(),
                    format!("action item `{}` has placeholder owner `{o}`", short(&a.action)),
                    "name the person or team who will do it",
                )),
                _ => {}
            }
        }
    }
    out
}

/// At most 60 characters of an action's text.
pub fn short(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
