//! `frontmatter/required`: required front-matter key absent or empty.

use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::meta::IssueKind;

/// The rule.
pub static RULE: Rule = Rule {
    id: "frontmatter/required",
    level: Level::Error,
    summary: "required front-matter key absent or empty",
    docs: "### What it checks\nEach kind has required keys: runbooks `title`, `owner`, `last_reviewed`; incidents `id`, `title`, `severity`, `status`, `started`; plus any site field declared `required: true` in sitrep.yaml. An absent key points at the opening `---`; an empty one at its value.\n\n### Why\nHistory tables, review reminders and ownership all depend on these keys.\n\n### Example\n```yaml\n---\ntitle: Database failover\nowner:\n---\n```\n`owner` is empty: name the owning team.\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    super::meta_findings(cx, IssueKind::Required)
}
