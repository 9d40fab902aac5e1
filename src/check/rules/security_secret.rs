//! `security/secret`: credentials in a document, code blocks and front-matter included.

use super::checked_docs;
use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;

/// The rule.
pub static RULE: Rule = Rule {
    id: "security/secret",
    level: Level::Error,
    summary: "credentials anywhere, code blocks included (cloud keys, GitHub/GitLab/Slack/Stripe tokens, private keys, JWTs, URLs with passwords)",
    docs: "### What it checks\nAWS access keys and secret keys, GitHub and GitLab tokens, Slack tokens and webhooks, Stripe secret keys, Google API keys, private key blocks, JWTs and URLs with `user:password@`, anywhere in a document, code blocks and front-matter included. Documented examples (`AKIAIOSFODNN7EXAMPLE`), UUIDs, git SHAs and base64 images are not secrets. The finding shows only the first and last characters. `--allow-errors` never lets a build publish one; only `<!-- sitrep-disable-next-line security/secret -- reason -->` with a reason, or the rule set to `off`, does.\n\n### Why\nA published runbook is read by many; a token in it is a breach. Rotate a leaked credential: deleting it from the file does not remove it from git history.\n\n### Example\n```bash\nexport GITHUB_TOKEN=ghp_1234567890abcdefghijklmnopqrstuvwxyz\n```\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, d) in checked_docs(cx.site) {
        for s in &d.secrets {
            out.push(Finding::new(
                i,
                s.span.clone(),
                format!("{} `{}` in the document", s.label, s.shown),
                "remove it and rotate the credential now (it stays in git history); reference a secret store instead",
            ));
        }
    }
    out
}
