//! `incident/unknown-runbook`: `runbooks:` names a runbook that does not exist.

use crate::check::{Ctx, Finding, Rule};
use crate::config::Suggestions;
use crate::diag::Level;
use crate::model::Kind;

/// The rule.
pub static RULE: Rule = Rule {
    id: "incident/unknown-runbook",
    level: Level::Error,
    summary: "`runbooks:` names a runbook that does not exist",
    docs: "### What it checks\nEach entry of an incident's `runbooks:` must name a runbook: its slug (the file name without `.md`), or its path relative to `content/` with or without `.md`.\n\n### Why\nThe runbook's generated incident history, and the link from the postmortem, depend on it.\n\n### Example\n`runbooks: [db-failvoer]` when the runbook is `content/runbooks/db-failover.md`.\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let slugs: Vec<&str> = cx.site.of_kind(Kind::Runbook).map(|(_, d)| d.stem()).collect();
    let mut out = Vec::new();
    let mut suggest = Suggestions::default();
    for (i, d) in cx.site.of_kind(Kind::Incident) {
        for (name, span) in &d.meta.runbooks {
            if cx.site.find_runbook(name).is_some() {
                continue;
            }
            let help = match suggest.did_you_mean(name, slugs.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "name a runbook by its file name without .md, or its path under content/".to_string(),
            };
            let mut f = Finding::new(i, span.clone(), format!("no runbook `{name}`"), help);
            f.target = Some(cx.site.abs_path(&format!("runbooks/{name}.md")));
            out.push(f);
        }
    }
    out
}
