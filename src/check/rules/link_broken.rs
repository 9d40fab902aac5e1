//! `link/broken`: a relative link to a file that does not exist, or that leaves `content/`.

use super::checked_docs;
use crate::check::{Ctx, Finding, Rule};
use crate::config::Suggestions;
use crate::diag::Level;
use crate::model::LinkTarget;

/// The rule.
pub static RULE: Rule = Rule {
    id: "link/broken",
    level: Level::Error,
    summary: "relative link to a file that does not exist, or leaving content/",
    docs: "### What it checks\nEvery relative link and image (`[x](../runbooks/db.md)`, `![](img/a.png)`, `/runbooks/db/`) must point at a document, file or folder under `content/`; a folder must have an index page (`index.md`, `_index.md` or `README.md`) unless sitrep generates its listing (`/runbooks/`, `/incidents/`), since the site has no page for it otherwise. Links with a scheme (`https:`, `mailto:`) are not fetched. Obsidian wikilinks (`[[Deploy checklist#Rollback]]`, `![[graph.png]]`) are found by name anywhere under `content/`; one that finds nothing is broken in a site whose other wikilinks work (elsewhere `[[_TOC_]]` is text).\n\n### Why\nA runbook whose \"see failover steps\" link is dead costs minutes in an incident.\n\n### Example\n`[Rollback](./rollback.md)` when no `rollback.md` exists next to the document.\n",
    check,
};

fn check(cx: &Ctx<'_>) -> Vec<Finding> {
    let site = cx.site;
    let mut out = Vec::new();
    let mut suggest = Suggestions::default();
    for (i, d) in checked_docs(site) {
        for link in &d.md.links {
            let (message, help, rel) = match site.link_target(i, link) {
                // `.attachments/diagram.png` (Azure DevOps wikis): on disk, but hidden files are
                // never published.
                LinkTarget::Missing(rel)
                    if rel.split('/').any(|p| p.starts_with('.')) && site.abs_path(&rel).exists() =>
                {
                    (
                        format!("link `{}` points at a hidden file, which is not published", link.dest),
                        format!("`{rel}` is in a folder or file whose name starts with `.`; sitrep skips those: move it to a folder such as `attachments/`"),
                        Some(rel),
                    )
                }
                // Outside an Obsidian site, `[[_TOC_]]` and `[[servers]]` are text, not links.
                LinkTarget::Missing(_) if link.wiki && !site.uses_wikilinks() => continue,
                LinkTarget::Missing(name) if link.wiki => (
                    format!("broken wikilink `[[{}]]`", link.dest),
                    format!("no document or file named `{name}` under content/: fix the name or write a Markdown link to the file"),
                    None,
                ),
                LinkTarget::Missing(rel) => {
                    let all = site.docs.iter().map(|d| d.rel.as_str()).chain(site.assets.iter().map(String::as_str));
                    let help = match suggest.did_you_mean(&rel, all) {
                        Some(s) => format!("no such file `{rel}` under content/; did you mean `{s}`?"),
                        None => format!("no such file `{rel}` under content/: fix the path or add the file"),
                    };
                    (format!("broken link `{}`", link.dest), help, Some(rel))
                }
                LinkTarget::Outside(p) => (
                    format!("link `{}` leaves content/", link.dest),
                    format!("`{p}` is outside content/ and will not be published; link to a published page or use a full URL"),
                    None,
                ),
                // A folder with no index page has no page in the site (a 404 on any host),
                // except the folders whose listing sitrep generates (`runbooks/`).
                LinkTarget::Asset(rel)
                    if site.abs_path(&rel).is_dir()
                        && crate::render::urls::generated_at(&format!("{rel}/")).is_none()
                        && !rel.is_empty() =>
                {
                    (
                        format!("link `{}` is a folder with no index page", link.dest),
                        format!("`{rel}/` has no index.md or README.md, so the site has no page there: link to a document in it, or add an index.md"),
                        None,
                    )
                }
                _ => continue,
            };
            let mut f = Finding::new(i, link.span.clone(), message, help);
            f.target = rel.map(|r| site.abs_path(&r));
            out.push(f);
        }
    }
    out
}
