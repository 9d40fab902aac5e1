//! Document templates for `sitrep new`: the built-in ones (front-matter plus every required
//! section of the site's config) and `content/_templates/<kind>.md`, with `{{name}}`
//! substitution. In front-matter a value is inserted as a YAML scalar (quoted when needed, so
//! `title: {{title}}` and `title: "{{title}}"` both work); in the body as plain text.

use crate::config::SectionSpec;
use crate::load::frontmatter::{split, Split};
use crate::model::sections::normalise_heading;
use crate::yaml_out;
use std::collections::BTreeMap;

/// One template variable.
#[derive(Debug, Clone)]
pub struct Var {
    /// As plain text (body).
    pub text: String,
    /// As a YAML value (front-matter).
    pub yaml: String,
}

impl Var {
    /// A text value.
    pub fn text(s: &str) -> Var {
        Var { text: s.to_string(), yaml: yaml_out::scalar(s) }
    }
    /// A list value: `a, b` in the body, `[a, b]` in front-matter.
    pub fn list(items: &[String]) -> Var {
        Var { text: items.join(", "), yaml: yaml_out::list(items) }
    }
}

/// Variables by name.
pub type Vars = BTreeMap<&'static str, Var>;

/// What the built-in template writes under a section, by its normalised name.
fn section_stub(spec: &SectionSpec) -> String {
    match normalise_heading(&spec.name).as_str() {
        "summary" => "TODO: what happened, in two or three sentences.\n".into(),
        "impact" => "TODO: who was affected, how badly and for how long.\n".into(),
        "timeline" => "| Time ({{timezone}}) | Event |\n|------|-------|\n| HH:MM | TODO: the first sign of trouble |\n".into(),
        "root cause" => "TODO: why it happened; keep asking why.\n".into(),
        "action items" => {
            "| Action | Owner | Due | Status |\n|--------|-------|-----|--------|\n| TODO: what prevents a repeat | TBD | YYYY-MM-DD | open |\n".into()
        }
        "lessons learned" => "TODO: what went well, what went wrong, where we got lucky.\n".into(),
        "contacts" => "- Primary on-call: TBD\n- Escalation: TBD\n".into(),
        _ => "TODO\n".into(),
    }
}

/// The skeleton of `sections`: a `##` heading and a placeholder body for each.
pub fn skeleton(sections: &[SectionSpec]) -> String {
    sections.iter().map(|s| format!("## {}\n\n{}", s.name, section_stub(s))).collect::<Vec<_>>().join("\n")
}

/// The built-in incident template.
pub fn default_incident() -> &'static str {
    "---\nid: {{id}}\ntitle: {{title}}\nseverity: {{severity}}\nstatus: investigating\nstarted: {{started}}\nservices: {{services}}\ncommander: TBD\npostmortem: draft\n---\n# {{title}}\n\n{{sections}}"
}

/// The built-in runbook template.
pub fn default_runbook() -> &'static str {
    "---\ntitle: {{title}}\nowner: {{owner}}\nlast_reviewed: {{date}}\nservices: {{services}}\n---\n# {{title}}\n\nTODO: when to use this runbook: the alert or symptom that brings you here.\n\n{{sections}}"
}

/// Replace `{{name}}` (and, with `quoted_ok`, `"{{name}}"` / `'{{name}}'`) in `text`.
fn substitute(text: &str, vars: &Vars, yaml: bool) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(len) = rest[open..].find("}}") else { break };
        let name = rest[open + 2..open + len].trim();
        let var = vars.get(name).ok_or_else(|| {
            let known: Vec<String> = vars.keys().map(|k| format!("{{{{{k}}}}}")).collect();
            format!("unknown variable `{{{{{name}}}}}` (known: {})", known.join(", "))
        })?;
        let mut before = &rest[..open];
        let mut after = &rest[open + len + 2..];
        if yaml {
            // `"{{title}}"`: the quotes are the template's; the value brings its own.
            for q in ['"', '\''] {
                if before.ends_with(q) && after.starts_with(q) {
                    before = &before[..before.len() - 1];
                    after = &after[1..];
                }
            }
        }
        out.push_str(before);
        out.push_str(if yaml { &var.yaml } else { &var.text });
        rest = after;
    }
    out.push_str(rest);
    Ok(out)
}

/// Render `template` with `vars`; then append any of `required` the result lacks. Errors are
/// phrased for the template's author.
pub fn render(template: &str, vars: &Vars, required: &[SectionSpec]) -> Result<String, String> {
    let template = crate::text::normalise(template);
    let mut vars = vars.clone();
    // `{{sections}}` may itself use variables (`{{timezone}}`): expand it first.
    let sections = substitute(&skeleton(required), &vars, false)?;
    vars.insert("sections", Var { text: sections, yaml: String::new() });
    let (fm, body) = match split(&template) {
        Split::Block { yaml, body_start, .. } => {
            let fm = substitute(&template[yaml.clone()], &vars, true)?;
            (Some(fm), &template[body_start..])
        }
        Split::Unclosed { .. } => return Err("front-matter opened with `---` is never closed".into()),
        Split::None => (None, template.as_str()),
    };
    let mut body = substitute(body, &vars, false)?;
    let (md, _) = crate::markdown::parse(&body, 0);
    let have: Vec<String> = md.headings.iter().map(|h| normalise_heading(&h.text)).collect();
    for spec in required {
        let names = std::iter::once(&spec.name).chain(&spec.aliases).map(|n| normalise_heading(n));
        if !names.into_iter().any(|n| have.contains(&n)) {
            if !body.ends_with('\n') {
                body.push('\n');
            }
            body.push_str(&format!("\n## {}\n\n{}", spec.name, substitute(&section_stub(spec), &vars, false)?));
        }
    }
    if !body.ends_with('\n') {
        body.push('\n');
    }
    let out = match fm {
        Some(fm) => {
            let parsed: Result<serde_yaml_ng::Value, _> = serde_yaml_ng::from_str(&fm);
            if let Err(e) = parsed {
                return Err(format!("the front-matter it produces is not valid YAML: {e}"));
            }
            format!("---\n{fm}---\n{body}")
        }
        None => body,
    };
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn vars() -> Vars {
        let mut v = Vars::new();
        v.insert("title", Var::text("Checkout: errors — \"bad\""));
        v.insert("id", Var::text("INC-2026-001"));
        v.insert("severity", Var::text("SEV2"));
        v.insert("started", Var::text("2026-03-01T14:05:00Z"));
        v.insert("services", Var::list(&["api".into()]));
        v.insert("timezone", Var::text("UTC"));
        v
    }

    #[test]
    fn built_in_incident_has_every_section_and_valid_yaml() {
        let c = Config::default();
        let out = render(default_incident(), &vars(), &c.sections.incident).unwrap();
        assert!(out.starts_with("---\nid: INC-2026-001\ntitle: \"Checkout: errors — \\\"bad\\\"\"\n"), "{out}");
        for s in &c.sections.incident {
            assert_eq!(out.matches(&format!("\n## {}\n", s.name)).count(), 1, "{}", s.name);
        }
        assert!(out.contains("# Checkout: errors — \"bad\"\n"));
        assert!(out.contains("| Time (UTC) | Event |"));
    }

    #[test]
    fn custom_template_quotes_unknown_vars_and_missing_sections() {
        let c = Config::default();
        let t = "---\ntitle: \"{{title}}\"\nid: '{{id}}'\n---\n# {{title}}\n\n## Summary\n\nx\n";
        let out = render(t, &vars(), &c.sections.incident).unwrap();
        assert!(out.contains("title: \"Checkout: errors"), "{out}");
        assert!(out.contains("id: INC-2026-001\n"), "{out}");
        assert_eq!(out.matches("## Summary").count(), 1);
        assert!(out.contains("\n## Lessons Learned\n"));
        let e = render("# {{nope}}\n", &vars(), &[]).unwrap_err();
        assert!(e.contains("unknown variable `{{nope}}`"), "{e}");
    }
}
