//! `placeholder/text`: unfinished template text outside code.

use super::checked_docs;
use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;

/// The rule.
pub static RULE: Rule = Rule {
    id: "placeholder/text",
    level: Level::Warning,
    summary: "placeholder text (TBD, TODO, FIXME, [link], YYYY-MM-DD, HH:MM, 20xx, $X, ...) outside code",
    docs: "### What it checks\nTemplate text left in prose or front-matter: `TBD`, `TODO`, `FIXME`, `[Update]`, `[name]`, `[link]`, `[timestamp]`, `YYYY-MM-DD`, `HH:MM`, `20xx`, `X hours Y minutes`, `<insert ...>`, `$X`, plus the site's own `placeholders.text` patterns. Never inside fenced or inline code or HTML comments.\n\n### Why\nA postmortem still saying `Duration: X hours Y minutes` was never finished.\n\n### Example\n`**Date:** YYYY-MM-DD` in the body of an incident.\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, d) in checked_docs(cx.site) {
        for p in d.placeholders.iter().filter(|p| !p.contact) {
            out.push(Finding::new(
                i,
                p.span.clone(),
                format!("placeholder text `{}`", &d.text[p.span.clone()]),
                "replace it with the real value, or put template text inside a code block",
            ));
        }
    }
    out
}
