//! `security/secret`: credentials in a document, code blocks and front-matter included.

use super::checked_docs;
use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;
use crate::model::LinkTarget;
use std::collections::HashMap;

/// The rule.
pub static RULE: Rule = Rule {
    id: "security/secret",
    level: Level::Error,
    summary: "credentials anywhere, code blocks included (cloud keys, GitHub/GitLab/Slack/Stripe tokens, private keys, JWTs, URLs with passwords)",
    docs: "### What it checks\nAWS access keys and secret keys, GitHub and GitLab tokens, Slack tokens and webhooks, Stripe secret keys, Google API keys, private key blocks, JWTs and URLs with `user:password@`, anywhere in a document, code blocks and front-matter included, and in the text files a published document links to (which the site publishes beside it: `deploy.env`, `rotate.sh`). Documented examples (`AKIAIOSFODNN7EXAMPLE`), UUIDs, git SHAs and base64 images are not secrets. The finding shows only the first and last characters. `--allow-errors` never lets a build publish one; only `<!-- sitrep-disable-next-line security/secret -- reason -->` with a reason, or the rule set to `off`, does.\n\n### Why\nA published runbook is read by many; a token in it is a breach. Rotate a leaked credential: deleting it from the file does not remove it from git history.\n\n### Example\n```bash\nexport GITHUB_TOKEN=ghp_1234567890abcdefghijklmnopqrstuvwxyz\n```\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    // Files the site publishes because a published document links to them (`deploy.env`,
    // `rotate.sh`): scanned once each, reported at every link to them.
    let mut files: HashMap<String, Vec<(usize, String, String)>> = HashMap::new();
    for (i, d) in checked_docs(cx.site) {
        for s in &d.secrets {
            out.push(Finding::new(
                i,
                s.span.clone(),
                format!("{} `{}` in the document", s.label, s.shown),
                "remove it and rotate the credential now (it stays in git history); reference a secret store instead",
            ));
        }
        if super::link_unpublished::unpublished(d, cx.drafts).is_some() {
            continue;
        }
        for link in &d.md.links {
            let LinkTarget::Asset(rel) = cx.site.link_target(i, link) else { continue };
            let found = files.entry(rel.clone()).or_insert_with(|| scan_file(&cx.site.abs_path(&rel)));
            for (line, label, shown) in found.iter() {
                out.push(Finding::new(
                    i,
                    link.span.clone(),
                    format!("{label} `{shown}` in the linked file `{rel}` (line {line}), which the site publishes"),
                    "remove it from the file and rotate the credential now; or stop linking the file, so it is not published",
                ));
            }
        }
    }
    out
}

/// The secrets of a text file (line, label, redacted value); nothing for a folder, a binary
/// file or one over 4 MB.
fn scan_file(path: &std::path::Path) -> Vec<(usize, String, String)> {
    let small = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= 4 << 20);
    let Some(text) = small.then(|| std::fs::read(path).ok()).flatten().and_then(|b| String::from_utf8(b).ok()) else {
        return Vec::new();
    };
    crate::model::secrets::scan(&text)
        .into_iter()
        .map(|s| (text[..s.span.start].matches('\n').count() + 1, s.label.to_string(), s.shown))
        .collect()
}
