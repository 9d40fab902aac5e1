//! `incident/unknown-severity`: severity not in the configured scheme.

use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::Kind;

/// The rule.
pub static RULE: Rule = Rule {
    id: "incident/unknown-severity",
    level: Level::Error,
    summary: "severity not in the configured scheme",
    docs: "### What it checks\nAn incident's `severity:` must name a level of the site's scheme (`severities:` in sitrep.yaml; default SEV1-SEV4). Case, spaces and `-` are ignored (`sev-1` is `SEV1`) and each level's `aliases` are accepted.\n\n### Why\nAn unknown severity drops the incident from severity pages, metrics and postmortem deadlines.\n\n### Example\n`severity: P0` on a site whose scheme is SEV1-SEV4 without a `P0` alias.\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let ids: Vec<&str> = cx.config.severities.iter().map(|s| s.id.as_str()).collect();
    cx.site
        .of_kind(Kind::Incident)
        .filter_map(|(i, d)| {
            let sev = d.meta.severity.as_ref()?;
            if cx.config.severity(sev).is_some() {
                return None;
            }
            let span = d.fm.value_span("severity").unwrap_or_else(|| d.fm_span());
            Some(Finding::new(
                i,
                span,
                format!("unknown severity `{sev}`"),
                format!("use one of {} (or add it to `severities:` in sitrep.yaml)", ids.join(", ")),
            ))
        })
        .collect()
}
