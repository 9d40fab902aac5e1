//! `html/unclosed`: a `<script>`, `<style>` or `<textarea>` that is never closed swallows the
//! rest of the document.

use super::checked_docs;
use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;

/// The rule.
pub static RULE: Rule = Rule {
    id: "html/unclosed",
    level: Level::Warning,
    summary: "a `<script>`, `<style>` or `<textarea>` block that is never closed turns the rest of the document into raw HTML",
    docs: "### What it checks\nA line that starts with `<script`, `<style` or `<textarea` opens a raw HTML block that, by the CommonMark rules GitHub also follows, lasts until the matching closing tag. Without one it lasts to the end of the file: every section after it is raw HTML, not Markdown, so its headings, lists and links are not rendered (the page shows the source text; `unsafe_html: true` sites lose it to the browser).\n\n### Why\nA stray `<style>` pasted from a wiki export silently deletes the mitigation steps and the contacts from the published runbook.\n\n### Example\n```markdown\n<style>\n## Mitigation\n...\n```\nClose it (`</style>`), put it in a code block, or remove it.\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, d) in checked_docs(cx.site) {
        for (span, tag) in &d.md.unclosed_html {
            let line_end = d.text[span.clone()].find('\n').map_or(span.end, |n| span.start + n);
            out.push(Finding::new(
                i,
                span.start..line_end,
                format!("`<{tag}>` is never closed: everything after it is raw HTML, not Markdown"),
                format!("close it with `</{tag}>`, put it in a code block, or remove it"),
            ));
        }
    }
    out
}
