//! `frontmatter/syntax`: the YAML front-matter does not parse.

use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;

/// The rule.
pub static RULE: Rule = Rule {
    id: "frontmatter/syntax",
    level: Level::Error,
    summary: "front-matter YAML does not parse (not a mapping, duplicate keys, never closed, alias bomb)",
    docs: "### What it checks\nThe block between the opening and closing `---` lines must be a YAML mapping: valid syntax, no duplicate keys, closed by a `---` line, and without alias expansion beyond a safe limit. The position is mapped into the `.md` file.\n\n### Why\nWhen front-matter does not parse, every field in it is lost: the incident vanishes from history tables and metrics.\n\n### Example\n```yaml\n---\ntitle: Checkout outage: part 2\n---\n```\nQuote the value: `title: \"Checkout outage: part 2\"`.\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    cx.site
        .docs
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let e = d.fm.error.as_ref()?;
            let message = if e.message.starts_with("front-matter") {
                e.message.clone()
            } else {
                format!("front-matter: {}", e.message)
            };
            Some(Finding::new(i, e.span.clone(), message, e.help.clone()))
        })
        .collect()
}
