//! `frontmatter/missing`: a runbook or incident without front-matter.

use super::checked_docs;
use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::Kind;

/// The rule.
pub static RULE: Rule = Rule {
    id: "frontmatter/missing",
    level: Level::Error,
    summary: "runbook or incident without front-matter",
    docs: "### What it checks\nA document that is a runbook or an incident (by its folder) must start with a `---` front-matter block.\n\n### Why\nWithout metadata an incident has no id, severity or dates, and a runbook no owner or review date: nothing can be indexed or checked.\n\n### Example\nA file `content/incidents/db-outage.md` that starts directly with `# DB outage`. Add front-matter, or run `sitrep import` to extract it from the text.\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    checked_docs(cx.site)
        .filter(|(_, d)| matches!(d.kind, Kind::Runbook | Kind::Incident) && d.fm.open.is_none())
        .map(|(i, d)| {
            let end = d.text.find('\n').unwrap_or(d.text.len());
            let keys = match d.kind {
                Kind::Incident => "id, title, severity, status and started",
                _ => "title, owner and last_reviewed",
            };
            // Why a block that is there was not read: it must open on the very first line, in YAML.
            let lead = d.text.len() - d.text.trim_start().len();
            let first = d.text[lead..].lines().next().unwrap_or("").trim_end();
            let kind = d.kind.as_str();
            let (span, message, help) = if first == "---" && lead > 0 {
                (
                    lead..lead + first.len(),
                    format!("{kind} has no front-matter: the `---` block does not start on the first line"),
                    "remove the blank lines above `---`: front-matter must open the file".to_string(),
                )
            } else if first == "+++" {
                (
                    lead..lead + first.len(),
                    format!("{kind} has no front-matter: `+++` (TOML) front-matter is not read"),
                    format!("write the block in YAML between `---` lines, giving {keys}"),
                )
            } else {
                (
                    0..end,
                    format!("{kind} has no front-matter"),
                    format!("start the file with a `---` block giving {keys}, closed by `---`"),
                )
            };
            Finding::new(i, span, message, help)
        })
        .collect()
}
