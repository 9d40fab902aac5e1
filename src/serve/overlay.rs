//! What serve adds to every HTML page it sends: the live-reload script and, when the last
//! rebuild had error-level findings or could not produce a site, an overlay listing them.

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

/// One finding as the overlay shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Item {
    /// Display path.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// Rule id.
    pub rule: String,
    /// Message.
    pub message: String,
    /// Site-relative URL of the document's page, if published.
    pub url: Option<String>,
}

/// What the overlay shows.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Overlay {
    /// Error-level findings.
    pub errors: Vec<Item>,
    /// Warnings (in a collapsed panel).
    pub warnings: Vec<Item>,
    /// The rebuild could not produce a site: this error, and the last good site is served.
    pub fatal: Option<String>,
}

/// The live-reload client: Server-Sent Events; keeps the scroll position across reloads and
/// swaps stylesheets in place when only CSS changed.
pub const SCRIPT: &str = r#"<script data-sitrep-serve>(function(){
var k="sitrep-scroll:"+location.pathname,s=sessionStorage.getItem(k);
if(s!==null){sessionStorage.removeItem(k);window.addEventListener("load",function(){window.scrollTo(0,+s)});}
var es=new EventSource("/__sitrep/events");
es.addEventListener("reload",function(e){var d={};try{d=JSON.parse(e.data)}catch(_){}
if(d.css_only){document.querySelectorAll('link[rel=stylesheet]').forEach(function(l){var u=new URL(l.href);u.searchParams.set("v",d.generation);l.href=u.toString();});return;}
sessionStorage.setItem(k,String(window.scrollY));location.reload();});
})();</script>"#;

fn item_html(i: &Item, base: &str) -> String {
    let link = match &i.url {
        Some(u) => format!(" <a href=\"{base}{}\">open page</a>", attr(u)),
        None => String::new(),
    };
    format!(
        // Inline style: the site's own `code` styling must not make the path unreadable here.
        "<li><code style=\"background:none;border:0;color:inherit;font:inherit\">{}:{}</code> <strong>{}</strong> {}{link}</li>",
        text(&i.path),
        i.line,
        text(&i.rule),
        text(&i.message)
    )
}

/// The markup inserted before `</body>`.
pub fn render(o: &Overlay) -> String {
    let mut s = String::from(SCRIPT);
    if o.errors.is_empty() && o.fatal.is_none() && o.warnings.is_empty() {
        return s;
    }
    let errors = !o.errors.is_empty() || o.fatal.is_some();
    if errors {
        s.push_str("<div id=\"sitrep-overlay\" class=\"sitrep-errors\" role=\"alert\" style=\"position:fixed;z-index:2147483647;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;background:#2b0b0b;color:#ffe9e9;font:14px/1.45 ui-monospace,monospace;padding:12px 16px;border-top:4px solid #ff6b6b;box-shadow:0 -4px 16px rgba(0,0,0,.4)\">");
        s.push_str("<button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right\" aria-label=\"Hide\">×</button>");
    } else {
        // Warnings only: a small collapsed badge that stays out of the writer's way.
        s.push_str("<div id=\"sitrep-overlay\" class=\"sitrep-warnings\" role=\"status\" style=\"position:fixed;z-index:2147483647;right:12px;bottom:12px;max-width:min(40rem,90vw);max-height:50vh;overflow:auto;background:#2a2410;color:#fff3c4;font:13px/1.45 ui-monospace,monospace;padding:6px 10px;border-radius:6px;box-shadow:0 2px 10px rgba(0,0,0,.35)\">");
    }
    if let Some(f) = &o.fatal {
        s.push_str(&format!("<p><strong>sitrep could not rebuild the site; showing the last good build.</strong></p><pre style=\"white-space:pre-wrap\">{}</pre>", text(f)));
    }
    if !o.errors.is_empty() {
        s.push_str(&format!("<p><strong>{} error(s)</strong></p><ul class=\"sitrep-error-list\">", o.errors.len()));
        for i in &o.errors {
            s.push_str(&item_html(i, "/"));
        }
        s.push_str("</ul>");
    }
    if !o.warnings.is_empty() {
        s.push_str(&format!("<details><summary>{} warning(s)</summary><ul>", o.warnings.len()));
        for i in &o.warnings {
            s.push_str(&item_html(i, "/"));
        }
        s.push_str("</ul></details>");
    }
    s.push_str("</div>");
    s
}

/// Insert `extra` before the last `</body>` (or at the end).
pub fn inject(html: &[u8], extra: &str) -> Vec<u8> {
    let pos = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..pos]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[pos..]);
    out
}
