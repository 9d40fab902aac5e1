//! `link/unpublished`: a published page links to a document that is not published.

use super::checked_docs;
use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::{Doc, Kind, LinkTarget};

/// The rule.
pub static RULE: Rule = Rule {
    id: "link/unpublished",
    level: Level::Warning,
    summary: "a published page links to a private document, a draft runbook or a template, whose link the site drops",
    docs: "### What it checks\nA link from a published document to one that `build` does not publish: `private: true`, a runbook with `status: draft` (published only with `build --drafts`), or a template under `_templates/`. The link exists in the source, but the built page shows its text only.\n\n### Why\nA reader following \"see the new cache runbook\" finds plain text where the writer put a link, and nobody notices the runbook never went out.\n\n### Example\n`[new cache runbook](./cache-v2.md)` when `cache-v2.md` has `status: draft`: publish it (`status: active`), or drop the link until it is.\n",
    check,
};

/// Why a document is not published, if it is not (`drafts`: draft runbooks are).
pub(crate) fn unpublished(d: &Doc, drafts: bool) -> Option<&'static str> {
    if d.meta.private {
        Some("it is private (`private: true`)")
    } else if d.kind == Kind::Template {
        Some("it is a template")
    } else if !drafts && d.kind == Kind::Runbook && d.meta.status.as_deref() == Some("draft") {
        Some("it is a draft runbook (`status: draft`; published only with `build --drafts`)")
    } else {
        None
    }
}

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let site = cx.site;
    let mut out = Vec::new();
    for (i, d) in checked_docs(site).filter(|(_, d)| unpublished(d, cx.drafts).is_none()) {
        for link in &d.md.links {
            let LinkTarget::Doc(t, _) = site.link_target(i, link) else { continue };
            let Some(why) = unpublished(&site.docs[t], cx.drafts).filter(|_| t != i) else { continue };
            let mut f = Finding::new(
                i,
                link.span.clone(),
                format!("link to `{}`, which is not published: {why}", site.docs[t].rel),
                "the built page shows the link text only: publish that document, or remove the link",
            );
            f.target = Some(site.docs[t].abs.clone());
            out.push(f);
        }
    }
    out
}
