//! Templates and static assets: the default theme is compiled into the binary; a site's
//! `themes/<name>/templates/*.html` overrides single templates by name and its `static/` adds or
//! replaces assets.

use crate::error::Error;
use std::collections::BTreeMap;
use std::path::Path;
use tera::Tera;

/// The default templates, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("macros.html", include_str!("../../themes/default/templates/macros.html")),
    ("home.html", include_str!("../../themes/default/templates/home.html")),
    ("incidents.html", include_str!("../../themes/default/templates/incidents.html")),
    ("incident.html", include_str!("../../themes/default/templates/incident.html")),
    ("runbooks.html", include_str!("../../themes/default/templates/runbooks.html")),
    ("runbook.html", include_str!("../../themes/default/templates/runbook.html")),
    ("services.html", include_str!("../../themes/default/templates/services.html")),
    ("service.html", include_str!("../../themes/default/templates/service.html")),
    ("severity.html", include_str!("../../themes/default/templates/severity.html")),
    ("alerts.html", include_str!("../../themes/default/templates/alerts.html")),
    ("redirect.html", include_str!("../../themes/default/templates/redirect.html")),
    ("page.html", include_str!("../../themes/default/templates/page.html")),
    ("404.html", include_str!("../../themes/default/templates/404.html")),
    ("actions.html", include_str!("../../themes/default/templates/actions.html")),
    ("metrics.html", include_str!("../../themes/default/templates/metrics.html")),
];

/// The default static files, by path under `static/`.
pub const DEFAULT_STATIC: &[(&str, &str)] = &[
    ("style.css", include_str!("../../themes/default/static/style.css")),
    ("site.js", include_str!("../../themes/default/static/site.js")),
    ("search.js", include_str!("../../themes/default/static/search.js")),
    ("favicon.svg", include_str!("../../themes/default/static/favicon.svg")),
];

/// Compiled templates and the static files to publish.
pub struct Theme {
    /// Templates, autoescaping HTML.
    pub tera: Tera,
    /// `static/<path>` → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// Load the default theme, then the site's overrides from `site_dir/themes/<name>/`.
    pub fn load(site_dir: &Path, name: &str) -> Result<Theme, Error> {
        let mut sources: BTreeMap<String, (String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, s)| (n.to_string(), (format!("(built-in) {n}"), s.to_string())))
            .collect();
        let mut statics: BTreeMap<String, Vec<u8>> =
            DEFAULT_STATIC.iter().map(|(n, s)| (n.to_string(), s.as_bytes().to_vec())).collect();
        statics.insert("syntax.css".into(), super::highlight::stylesheet().into_bytes());
        let dir = site_dir.join("themes").join(name);
        let tdir = dir.join("templates");
        if tdir.is_dir() {
            for entry in walkdir::WalkDir::new(&tdir).sort_by_file_name().into_iter().filter_map(Result::ok) {
                if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "html") {
                    let rel = crate::load::rel_path(&tdir, entry.path());
                    let text = std::fs::read_to_string(entry.path())
                        .map_err(|e| Error::Io { path: entry.path().into(), source: e })?;
                    sources.insert(rel, (entry.path().display().to_string(), text));
                }
            }
        } else if name != "default" && !dir.is_dir() {
            return Err(Error::Usage(format!("theme `{name}`: no directory {}", dir.display())));
        }
        let sdir = dir.join("static");
        if sdir.is_dir() {
            for entry in walkdir::WalkDir::new(&sdir).sort_by_file_name().into_iter().filter_map(Result::ok) {
                if entry.file_type().is_file() {
                    let rel = crate::load::rel_path(&sdir, entry.path());
                    let bytes =
                        std::fs::read(entry.path()).map_err(|e| Error::Io { path: entry.path().into(), source: e })?;
                    statics.insert(rel, bytes);
                }
            }
        }
        let tera = compile(&sources)?;
        Ok(Theme { tera, statics })
    }

    /// Render `name` with `ctx` into a buffer of `capacity` bytes (a page's expected size:
    /// growing it from tera's 2 KB start copied each page about ten times); the error names the
    /// template.
    pub fn render(&self, name: &str, ctx: &tera::Context, capacity: usize) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(capacity);
        self.render_to(name, ctx, &mut out)?;
        Ok(out)
    }

    /// [`Theme::render`] straight into `w`.
    pub fn render_to(&self, name: &str, ctx: &tera::Context, w: &mut dyn std::io::Write) -> Result<(), Error> {
        self.tera.render_to(name, ctx, w).map_err(|e| Error::Other(format!("template {name}: {}", tera_error(&e))))
    }
}

/// Compile every template; on failure, find the site template responsible so the error names it.
fn compile(sources: &BTreeMap<String, (String, String)>) -> Result<Tera, Error> {
    let build = |set: &BTreeMap<String, (String, String)>| -> Result<Tera, tera::Error> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        tera.set_escape_to_fn(super::exports::xml_escape_to);
        tera.add_raw_templates(set.iter().map(|(n, (_, s))| (n.as_str(), s.as_str())))?;
        Ok(tera)
    };
    match build(sources) {
        Ok(t) => Ok(t),
        Err(e) => {
            let defaults: BTreeMap<String, (String, String)> = DEFAULT_TEMPLATES
                .iter()
                .map(|(n, s)| (n.to_string(), (format!("(built-in) {n}"), s.to_string())))
                .collect();
            for (name, (origin, src)) in sources.iter().filter(|(_, (o, _))| !o.starts_with("(built-in)")) {
                let mut one = defaults.clone();
                one.insert(name.clone(), (origin.clone(), src.clone()));
                if let Err(e) = build(&one) {
                    return Err(Error::Other(format!("template {origin}: {}", tera_error(&e))));
                }
            }
            Err(Error::Other(format!("templates: {}", tera_error(&e))))
        }
    }
}

/// HTML escaping for text and attribute values: `& < > " '` and no C0 control characters.
/// The same function escapes XML (Tera's default also escapes `/`, which is safe but turns
/// every URL into `..&#x2F;..&#x2F;`).
pub fn escape_html(s: &str) -> String {
    super::exports::xml_escape(s)
}

/// A tera error with its causes, on one line.
fn tera_error(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(c) = src {
        s.push_str(": ");
        s.push_str(&c.to_string());
        src = c.source();
    }
    s.replace('\n', " ")
}

#[cfg(test)]
mod tests {
    /// The patched tera (vendor/tera/PATCHED.md) still decodes `~0`/`~1` in path segments:
    /// keys with `/` or `~` reached by subscript, plain dotted paths, loop variables.
    #[test]
    fn dotted_lookups_with_and_without_escapes() {
        let ctx = tera::Context::from_value(serde_json::json!({
            "m": {"a/b": 1, "c~d": 2, "e": {"f": 3}},
            "rows": [{"id": "x", "k": {"a/b": "y"}}],
        }))
        .unwrap();
        let out = tera::Tera::one_off(
            r#"{{ m["a/b"] }} {{ m["c~d"] }} {{ m.e.f }} {% for r in rows %}{{ r.id }}{{ r.k["a/b"] }}{% endfor %} {{ m.e.g | default(value="none") }}"#,
            &ctx,
            false,
        )
        .unwrap();
        assert_eq!(out, "1 2 3 xy none");
    }

    /// The patched tera escapes printed values straight into the output (`set_escape_to_fn`):
    /// the same bytes as the returned-string path for every kind of expression, and never
    /// for values marked safe or non-strings.
    #[test]
    fn streamed_escaping_matches_the_string_path() {
        let ctx = tera::Context::from_value(serde_json::json!({
            "x": "<a href=\"q\">Tom & 'Jerry'</a>\u{1}", "n": 3, "b": false, "list": ["<i>", "é&"],
        }))
        .unwrap();
        let template = concat!(
            "{% macro m(v) %}[{{ v }}]{% endmacro m %}",
            "{{ x }}|{{ x | safe }}|{{ x | upper }}|{{ n }}|{{ not b }}|{{ 'lit<' }}|{{ x ~ '>' }}|",
            "{% for l in list %}{{ l }}{% endfor %}|{{ self::m(v=x) }}|{{ self::m(v='é<') | upper }}|{{ list | join(sep='<') }}|{{ missing | default(value='<d>') }}",
        );
        let render = |streamed: bool| {
            let mut tera = tera::Tera::default();
            tera.add_raw_template("t.html", template).unwrap();
            tera.set_escape_fn(super::escape_html);
            if streamed {
                tera.set_escape_to_fn(super::super::exports::xml_escape_to);
            }
            tera.render("t.html", &ctx).unwrap()
        };
        let streamed = render(true);
        assert_eq!(streamed, render(false));
        assert!(
            streamed.starts_with("&lt;a href=&quot;q&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;|<a href=\"q\">"),
            "{streamed}"
        );
        assert!(streamed.contains("|3|true|lit&lt;|"), "{streamed}");
        // Macro output is written in place, never escaped again; with a filter it is a string.
        assert!(streamed.contains("|[&lt;a href=&quot;q&quot;&gt;Tom"), "{streamed}");
        assert!(streamed.contains("|[É&amp;LT;]|"), "{streamed}");
    }
}
