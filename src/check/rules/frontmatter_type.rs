//! `frontmatter/type`: wrong type or format (bad date, unknown status, list expected).

use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::meta::IssueKind;

/// The rule.
pub static RULE: Rule = Rule {
    id: "frontmatter/type",
    level: Level::Error,
    summary: "wrong type or format (bad date, unknown status, list expected)",
    docs: "### What it checks\nEach known key must have the right shape: dates `YYYY-MM-DD`, timestamps with an offset or `Z`, statuses from the allowed list, lists where a list is expected; site fields are checked against their declared type and values.\n\n### Why\nA date sitrep cannot read is a review that is never due and an incident that never ends.\n\n### Example\n```yaml\nstatus: fixed        # not one of investigating, identified, mitigated, resolved, closed\nlast_reviewed: 03/01/2026   # not YYYY-MM-DD\n```\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    super::meta_findings(cx, IssueKind::Type)
}
