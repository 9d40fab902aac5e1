//! `frontmatter/unknown-key`: front-matter key in neither the schema nor the site's fields, with did-you-mean.

use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::meta::IssueKind;

/// The rule.
pub static RULE: Rule = Rule {
    id: "frontmatter/unknown-key",
    level: Level::Warning,
    summary: "front-matter key in neither the schema nor the site's fields, with did-you-mean",
    docs: "### What it checks\nEvery front-matter key must be known to the kind's schema or declared under `fields:` in sitrep.yaml. Likely typos get a suggestion.\n\n### Why\nA misspelt key is silently ignored: `severty: SEV1` leaves the incident without a severity.\n\n### Example\n`severty: SEV1` gives: did you mean `severity`?\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    super::meta_findings(cx, IssueKind::UnknownKey)
}
