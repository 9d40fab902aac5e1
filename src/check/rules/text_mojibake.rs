//! `text/mojibake`: text decoded as UTF-8 twice.

use super::checked_docs;
use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;

/// The rule.
pub static RULE: Rule = Rule {
    id: "text/mojibake",
    level: Level::Warning,
    summary: "text decoded as UTF-8 twice (`â€™`, `â†’`, `ðŸš¨`), code blocks included; the help shows the repair",
    docs: "### What it checks\nRuns of characters that are UTF-8 bytes mis-read as Windows-1252 or Latin-1 (`â€™` for `’`, `â†’` for `→`, `ðŸš¨` for `🚨`), anywhere in the file, code blocks included. The help shows the repaired text; `sitrep fix` repairs it.\n\n### Why\nMojibake makes commands and arrows in runbooks unreadable, and copy-pasted commands wrong.\n\n### Example\n`# Dashboard â†’ Database â†’ Performance`\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, d) in checked_docs(cx.site) {
        for m in &d.mojibake {
            out.push(Finding::new(
                i,
                m.span.clone(),
                format!("mojibake `{}`", &d.text[m.span.clone()]),
                format!("this is `{}` decoded twice; replace it (or run `sitrep fix`)", m.repaired),
            ));
        }
    }
    out
}
