//! `incident/postmortem-overdue`: resolved longer ago than the severity's postmortem window and
//! the postmortem is not published.

use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::Kind;
use crate::timefmt::parse_duration_days;

/// The rule.
pub static RULE: Rule = Rule {
    id: "incident/postmortem-overdue",
    level: Level::Warning,
    summary: "resolved longer ago than the severity's postmortem window, postmortem not published",
    docs: "### What it checks\nEach severity level may set `postmortem_within` (default: SEV1 5d, SEV2 7d, SEV3 14d, SEV4 none). An incident resolved longer ago than that whose `postmortem:` is not `published` is reported.\n\n### Why\nPostmortems written weeks later have lost the details that make them useful.\n\n### Example\nA SEV1 resolved on 2026-03-01 with `postmortem: draft`, checked on 2026-03-20.\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, d) in cx.site.of_kind(Kind::Incident) {
        let m = &d.meta;
        if m.postmortem.as_deref() == Some("published") {
            continue;
        }
        let (Some(resolved), Some(sev)) = (m.resolved, m.severity.as_deref().and_then(|s| cx.config.severity(s)))
        else {
            continue;
        };
        let Some(days) = sev.postmortem_within.as_deref().and_then(parse_duration_days) else {
            continue;
        };
        let resolved_day = resolved.to_zoned(cx.config.timezone.clone()).date();
        let Ok(deadline) = resolved_day.checked_add(jiff::Span::new().days(days)) else {
            continue;
        };
        if deadline < cx.site.today {
            let span = d.fm.value_span("postmortem").unwrap_or_else(|| d.fm_span());
            let state = m.postmortem.as_deref().unwrap_or("not started");
            out.push(Finding::new(
                i,
                span,
                format!(
                    "postmortem is {state}: {} postmortems are due within {days} days of resolution ({deadline})",
                    sev.id
                ),
                "finish the review and set `postmortem: published`",
            ));
        }
    }
    out
}
