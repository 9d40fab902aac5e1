//! `placeholder/contact`: a contact that is a placeholder, or a contacts section with no
//! reachable contact at all.

use super::checked_docs;
use crate::check::{Ctx, Finding, Rule};
use crate::diag::Level;

/// The rule.
pub static RULE: Rule = Rule {
    id: "placeholder/contact",
    level: Level::Error,
    summary: "placeholder contact (TBD, [Update], @name, example.com, <...>) or a contacts section nobody can be reached through",
    docs: "### What it checks\nIn a contacts section (Contacts, Escalation, On-call, Communication Channels, ...), in the `owner`, `commander` and `contacts` front-matter keys, and on any line labelled with a contact role (on-call, primary, secondary, backup, escalation, pager, lead, IC): placeholders such as `TBD`, `[Update]`, `@name`, `[Name]`, `TODO`, `example.com` and `<...>`. Also a contacts section that names no reachable contact at all (email, phone, URL, @handle, #channel or pager service). Fenced code, inline code and comments are never read, so templates inside code blocks stay quiet.\n\n### Why\nDuring an incident a `TBD` escalation contact is a dead end.\n\n### Example\n```markdown\n## Escalation Contacts\n| Role | Contact |\n|---|---|\n| Primary On-Call | [Update] |\n```\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, d) in checked_docs(cx.site) {
        for p in d.placeholders.iter().filter(|p| p.contact) {
            out.push(Finding::new(
                i,
                p.span.clone(),
                format!("placeholder contact `{}`", &d.text[p.span.clone()]),
                "name a real person, rotation or channel and how to reach it (email, phone, @handle, #channel, pager service)",
            ));
        }
        for u in &d.unreachable {
            let h = &d.md.headings[u.heading];
            out.push(Finding::new(
                i,
                h.span.clone(),
                format!("contacts section `{}` lists no reachable contact", h.text),
                "add at least one email, phone number, URL, @handle, #channel or pager service",
            ));
        }
    }
    out
}
