//! `link/anchor`: a `#fragment` that matches no heading anchor or HTML id in its target.

use super::checked_docs;
use crate::check::{Ctx, Finding, Rule};
use crate::config::Suggestions;
use crate::diag::Level;
use crate::model::{Doc, LinkTarget};

/// The rule.
pub static RULE: Rule = Rule {
    id: "link/anchor",
    level: Level::Error,
    summary: "#fragment that matches no heading anchor (GitHub rules), {#id} or HTML id",
    docs: "### What it checks\nA link's `#fragment`, in the same document or another one, must match an anchor of the target: heading ids follow GitHub's rules (lower case, punctuation dropped, spaces to `-`, repeats get `-1`, `-2`), so links written for GitHub keep working (except that a heading never takes an id the page itself uses: `## Main` is `#main-1`, as are `incident-history` and the search form's ids); explicit `{#id}` attributes and HTML `id`s count too.\n\n### Why\nA link to `db.md#promote-replica` that lands at the top of a long runbook wastes the reader's time when it matters.\n\n### Example\n`[promote](db.md#promote-the-replica)` when the heading is `## Promote a replica` (anchor `promote-a-replica`).\n",
    check,
};

fn has_anchor(doc: &Doc, fragment: &str) -> bool {
    doc.md.anchor_for(fragment).is_some()
}

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let site = cx.site;
    let mut out = Vec::new();
    let mut suggest = Suggestions::default();
    for (i, d) in checked_docs(site) {
        for link in &d.md.links {
            let (target, fragment) = match site.link_target(i, link) {
                LinkTarget::SameDoc(f) => (i, f),
                LinkTarget::Doc(t, Some(f)) => (t, f),
                _ => continue,
            };
            let t = &site.docs[target];
            if fragment.is_empty() || t.unreadable.is_some() || has_anchor(t, &fragment) {
                continue;
            }
            let help = match suggest.did_you_mean(&fragment, t.md.anchors()) {
                Some(s) => format!("did you mean `#{s}`?"),
                None if t.md.headings.is_empty() => format!("`{}` has no headings", t.rel),
                None => format!("anchors in `{}` come from its headings, e.g. `#{}`", t.rel, t.md.headings[0].id),
            };
            let mut f = Finding::new(i, link.span.clone(), format!("no anchor `#{fragment}` in `{}`", t.rel), help);
            f.target = Some(t.abs.clone());
            out.push(f);
        }
    }
    out
}
