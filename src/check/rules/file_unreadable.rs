//! `file/unreadable`: a file that cannot be read or is not UTF-8.

use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;

/// The rule.
pub static RULE: Rule = Rule {
    id: "file/unreadable",
    level: Level::Error,
    summary: "a file that cannot be read or is not valid UTF-8",
    docs: "### What it checks\nEvery `*.md` file under `content/` must be readable and valid UTF-8. The finding names the byte offset of the first invalid byte; the rest of the site is still checked.\n\n### Why\nA file sitrep cannot read is a page that silently disappears from the published site.\n\n### Example\nA runbook saved as Latin-1 by an old editor: `café` written as the single byte `0xE9`. Re-save it as UTF-8.\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    cx.site
        .docs
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let u = d.unreadable.as_ref()?;
            let end = d.text[u.offset.min(d.text.len())..].chars().next().map_or(u.offset, |c| u.offset + c.len_utf8());
            Some(Finding::new(i, u.offset..end, u.message.clone(), "re-save the file as UTF-8"))
        })
        .collect()
}
