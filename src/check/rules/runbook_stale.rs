//! `runbook/stale`: `last_reviewed` plus the review interval is before today.

use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::Kind;

/// The rule.
pub static RULE: Rule = Rule {
    id: "runbook/stale",
    level: Level::Warning,
    summary: "`last_reviewed` + review interval is before today",
    docs: "### What it checks\nA runbook's `last_reviewed` date plus its `review_every` (or the site's `review_every`, default 180d) must not be before today; a `last_reviewed` after today (a typo such as `2062` for `2026`) is reported too, since it would never go stale. Deprecated runbooks are exempt.\n\n### Why\nRunbooks rot: hosts are renamed, dashboards move, people leave. A review date makes the rot visible.\n\n### Example\n`last_reviewed: 2025-01-10` with `review_every: 90d`, checked in 2026.\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, d) in cx.site.of_kind(Kind::Runbook) {
        if d.meta.status.as_deref() == Some("deprecated") {
            continue;
        }
        let Some(last) = d.meta.last_reviewed else {
            continue;
        };
        if last > cx.site.today {
            // `2062-03-01` for `2026-03-01`: a typo that would keep the runbook from ever
            // being reported stale.
            let span = d.fm.value_span("last_reviewed").unwrap_or_else(|| d.fm_span());
            out.push(Finding::new(
                i,
                span,
                format!("runbook last reviewed {last}, which is after today ({})", cx.site.today),
                format!("fix the date: the day of the last review, at the latest today ({})", cx.site.today),
            ));
            continue;
        }
        let every = d.meta.review_every_days.unwrap_or(cx.config.review_every_days);
        let Ok(due) = last.checked_add(jiff::Span::new().days(every)) else {
            continue;
        };
        if due < cx.site.today {
            let span = d.fm.value_span("last_reviewed").unwrap_or_else(|| d.fm_span());
            out.push(Finding::new(
                i,
                span,
                format!("runbook last reviewed {last}; its review was due {due} (every {every} days)"),
                "walk through the runbook, fix what changed, and update `last_reviewed`",
            ));
        }
    }
    out
}
