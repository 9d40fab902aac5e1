//! A document body as HTML: heading ids identical to those `link/anchor` checks, visible anchor
//! links, relative links rewritten to page URLs, highlighted code, incident ids linked, and raw
//! HTML sanitised unless the site allows it.

use super::highlight;
use super::urls::asset_href;
use crate::model::{LinkTarget, Site};
use pulldown_cmark::{BlockQuoteKind, CowStr, Event, LinkType, Tag, TagEnd};
use std::ops::Range;

/// Tokens that could be incident ids (`INC-2026-004`, `PM2024-007`, `sev_12`): runs of ASCII
/// letters, digits and `_./-` that start and end with a letter or digit and hold a digit.
/// A byte scan: this runs over every text node of every page.
fn id_tokens(t: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = t.as_bytes();
    let inner = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'/' | b'-');
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if !b[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && inner(b[i]) {
                i += 1;
            }
            let mut end = i;
            while !b[end - 1].is_ascii_alphanumeric() {
                end -= 1;
            }
            i = end;
            if b[start..end].iter().any(u8::is_ascii_digit) {
                return Some(start..end);
            }
        }
        None
    })
}

/// A table-of-contents entry.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// Heading text.
    pub text: String,
    /// Anchor.
    pub id: String,
}

/// What the body renderer needs besides the document.
pub struct BodyCtx<'a> {
    /// The site.
    pub site: &'a Site,
    /// Page path of each document, `None` when it is not published.
    pub urls: &'a [Option<String>],
    /// `../` prefix from this page to the site root.
    pub root: &'a str,
    /// Lower-cased incident id → page path (empty when the site has no incidents).
    pub ids: &'a std::collections::HashMap<String, String>,
    /// Allow raw HTML through unsanitised.
    pub unsafe_html: bool,
    /// Byte ranges of sections whose tables get a class (timeline, action items).
    pub table_classes: &'a [(Range<usize>, &'static str)],
}

fn dangerous(dest: &str) -> bool {
    let d: String = dest.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_lowercase();
    d.starts_with("javascript:")
        || d.starts_with("vbscript:")
        || (d.starts_with("data:") && !d.starts_with("data:image/"))
}

/// Render document `i`'s body (`text` is the document's text, [`crate::model::Doc::source`]).
/// Returns the HTML, the table of contents (h2, h3), and the anchor of the opening H1, which the
/// page template shows as the title and must carry so links to `#title` keep working.
pub fn body(cx: &BodyCtx<'_>, i: usize, text: &str) -> (String, Vec<TocEntry>, Option<String>) {
    let doc = &cx.site.docs[i];
    let base = doc.body_start;
    let body = &text[base..];
    // About one event per 8 bytes of Markdown: sized once instead of regrown a dozen times.
    let mut events: Vec<Event<'_>> = Vec::with_capacity(body.len() / 8);
    let mut heading_ix = 0usize;
    let mut in_code: Option<(String, String)> = None;
    let mut link_depth = 0usize;
    let mut dropped_links: Vec<bool> = Vec::new();
    let mut has_html = false;
    let mut skipped_title = false;
    let mut title_id = None;
    let mut seen_block = false;
    let mut skipping_heading = false;
    let mut table_wrap: Vec<bool> = Vec::new();
    let mut toc = Vec::new();

    // Text runs merged (`_`, `&amp;` and the like split them): a bare URL is one run.
    let mut html_block: Option<String> = None;
    let mut raw_anchor = 0usize;
    let mut image_depth = 0usize;
    // Open block quotes: `Some(folds)` for an admonition (`!!!`, `???`, `:::`), closed here.
    let mut quotes: Vec<Option<bool>> = Vec::new();
    // Inside a wikilink already written out whole (a note name that finds nothing, shown as
    // written; an embed with a size): its inner events are skipped to its end.
    let mut skipping_wiki = false;
    // Open images: whether each became a link (an embedded note, `![[Deploy checklist]]`).
    let mut images_as_links: Vec<bool> = Vec::new();
    for (ev, range) in pulldown_cmark::TextMergeWithOffset::new(crate::markdown::events(body)) {
        let at = base + range.start;
        if skipping_wiki {
            skipping_wiki = !matches!(ev, Event::End(TagEnd::Link | TagEnd::Image));
            continue;
        }
        // A wikilink's target, found by name once for all that follows.
        let wiki = match &ev {
            Event::Start(
                Tag::Link { link_type: LinkType::WikiLink { .. }, dest_url, .. }
                | Tag::Image { link_type: LinkType::WikiLink { .. }, dest_url, .. },
            ) => Some(cx.site.resolve_wiki(i, dest_url)),
            _ => None,
        };
        if let (Some(target), Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })) = (&wiki, &ev) {
            let source = &body[range.clone()];
            let html = match target {
                LinkTarget::Missing(_) => Some(html_escape::encode_text(source).into_owned()),
                // `![[diagram.png|300]]`, `|300x200`: Obsidian's size.
                LinkTarget::Asset(rel) if matches!(ev, Event::Start(Tag::Image { .. })) => {
                    wiki_size(source).map(|size| {
                        format!(
                            "<img src=\"{}{}\" alt=\"{}\"{size}>",
                            cx.root,
                            html_escape::encode_double_quoted_attribute(&asset_href(rel)),
                            html_escape::encode_double_quoted_attribute(dest_url.as_ref()),
                        )
                    })
                }
                _ => None,
            };
            if let Some(h) = html {
                seen_block = true;
                events.push(Event::Html(CowStr::from(h)));
                skipping_wiki = true;
                continue;
            }
        }
        if skipping_heading {
            if matches!(ev, Event::End(TagEnd::Heading(_))) {
                skipping_heading = false;
                heading_ix += 1;
            }
            continue;
        }
        match ev {
            Event::Start(Tag::Heading { level, classes, attrs, .. }) => {
                let h = doc.md.headings.get(heading_ix);
                // The first H1, when it opens the document, is the page title shown by the template,
                // unless front-matter gives another title: then its text would be lost, so it stays.
                let same_title = |h: &crate::markdown::Heading| {
                    doc.meta.title.as_deref().is_none_or(|t| {
                        let norm = |s: &str| s.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
                        let (t, h) = (norm(t), norm(&h.text));
                        // `# INC-2026-002` names the incident the card shows too.
                        let id = doc.meta.id.as_deref().map(norm).filter(|i| !i.is_empty());
                        t.contains(&h) || h.contains(&t) || id.is_some_and(|i| h.contains(&i))
                    })
                };
                if level as u8 == 1 && !skipped_title && !seen_block && h.is_none_or(same_title) {
                    skipped_title = true;
                    title_id = h.map(|h| h.id.clone());
                    skipping_heading = true;
                    continue;
                }
                seen_block = true;
                let id = h.map(|h| h.id.clone()).unwrap_or_default();
                if let Some(h) = h {
                    if (2..=3).contains(&h.level) {
                        toc.push(TocEntry { level: h.level, text: h.text.clone(), id: id.clone() });
                    }
                }
                events.push(Event::Start(Tag::Heading { level, id: Some(CowStr::from(id)), classes, attrs }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(h) = doc.md.headings.get(heading_ix) {
                    let id = html_escape::encode_double_quoted_attribute(&h.id).into_owned();
                    events.push(Event::Html(CowStr::from(format!(
                        "<a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a>"
                    ))));
                }
                heading_ix += 1;
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                seen_block = true;
                let lang = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                in_code = Some((lang, String::new()));
            }
            Event::Text(t) if in_code.is_some() => {
                if let Some((_, code)) = in_code.as_mut() {
                    code.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, code)) = in_code.take() {
                    events.push(Event::Html(CowStr::from(highlight::code_block(&lang, &code))));
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                link_depth += 1;
                match rewrite_link(cx, i, &dest_url, wiki) {
                    Some(dest) => {
                        dropped_links.push(false);
                        events.push(Event::Start(Tag::Link { link_type, dest_url: CowStr::from(dest), title, id }));
                    }
                    None => dropped_links.push(true),
                }
            }
            Event::End(TagEnd::Link) => {
                link_depth = link_depth.saturating_sub(1);
                if !dropped_links.pop().unwrap_or(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                // An embedded note is a link to it (the page cannot show another page inline).
                let note = matches!(wiki, Some(LinkTarget::Doc(..)));
                let dest = rewrite_link(cx, i, &dest_url, wiki).unwrap_or_default();
                images_as_links.push(note);
                if note {
                    link_depth += 1;
                    dropped_links.push(false);
                    events.push(Event::Start(Tag::Link { link_type, dest_url: CowStr::from(dest), title, id }));
                } else {
                    image_depth += 1;
                    events.push(Event::Start(Tag::Image { link_type, dest_url: CowStr::from(dest), title, id }));
                }
            }
            Event::Start(Tag::BlockQuote(kind)) => {
                seen_block = true;
                let head = kind.and_then(|_| crate::markdown::admonition_head(body[range.clone()].lines().next()?));
                match (kind, head) {
                    (Some(kind), Some(head)) => {
                        events.push(Event::Html(CowStr::from(admonition_open(kind, &head))));
                        quotes.push(Some(head.fold.is_some()));
                    }
                    _ => {
                        events.push(Event::Start(Tag::BlockQuote(kind)));
                        quotes.push(None);
                    }
                }
            }
            Event::End(TagEnd::BlockQuote(kind)) => match quotes.pop().flatten() {
                Some(true) => events.push(Event::Html(CowStr::from("</details>\n"))),
                Some(false) => events.push(Event::Html(CowStr::from("</blockquote>\n"))),
                None => events.push(Event::End(TagEnd::BlockQuote(kind))),
            },
            Event::Start(Tag::Table(al)) => {
                seen_block = true;
                let class = cx.table_classes.iter().find(|(r, _)| r.contains(&at)).map(|(_, c)| *c);
                if let Some(c) = class {
                    events.push(Event::Html(CowStr::from(format!("<div class=\"table-wrap {c}\">"))));
                } else {
                    events.push(Event::Html(CowStr::from("<div class=\"table-wrap\">")));
                }
                table_wrap.push(true);
                events.push(Event::Start(Tag::Table(al)));
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                if table_wrap.pop().is_some() {
                    events.push(Event::Html(CowStr::from("</div>")));
                }
            }
            Event::End(TagEnd::Image) => {
                if images_as_links.pop().unwrap_or(false) {
                    link_depth = link_depth.saturating_sub(1);
                    dropped_links.pop();
                    events.push(Event::End(TagEnd::Link));
                } else {
                    image_depth = image_depth.saturating_sub(1);
                    events.push(Event::End(TagEnd::Image));
                }
            }
            // An HTML block arrives line by line: gather it, so a tag written over several
            // lines (`<img\n  src="...">`) is rewritten like one on a single line.
            Event::Start(Tag::HtmlBlock) => html_block = Some(String::new()),
            Event::Html(h) if html_block.is_some() => {
                if let Some(b) = html_block.as_mut() {
                    b.push_str(&h);
                }
            }
            ev @ (Event::End(TagEnd::HtmlBlock) | Event::Html(_)) => {
                let h = match ev {
                    Event::Html(h) => h,
                    _ => CowStr::from(html_block.take().unwrap_or_default()),
                };
                has_html = true;
                // A comment block first (`<!-- markdownlint-disable -->`, a suppression) is not
                // content: the H1 after it is still the page title. (The model's comment spans
                // are released before rendering: read the HTML. A block arrives whole, and a
                // comment block ends at its `-->`.)
                let t = h.trim();
                let comment = t.starts_with("<!--") && t.ends_with("-->");
                if !t.is_empty() && !comment {
                    seen_block = true;
                }
                events.push(Event::Html(rewritten(cx, i, h)));
            }
            Event::InlineHtml(h) => {
                has_html = true;
                seen_block = true;
                let tag = h.trim_start().as_bytes();
                let starts = |p: &[u8]| tag.get(..p.len()).is_some_and(|t| t.eq_ignore_ascii_case(p));
                if starts(b"<a ") || starts(b"<a>") {
                    raw_anchor += 1;
                } else if starts(b"</a") {
                    raw_anchor = raw_anchor.saturating_sub(1);
                }
                events.push(Event::Html(rewritten(cx, i, h)));
            }
            Event::Text(t)
                if link_depth == 0 && image_depth == 0 && raw_anchor == 0 && in_code.is_none() && has_url(&t) =>
            {
                // Bare URLs are links, as on GitHub and GitLab (GFM autolink literals).
                let mut last = 0;
                for r in url_spans(&t) {
                    link_ids(cx, CowStr::from(t[last..r.start].to_string()), &mut events);
                    let url = &t[r.clone()];
                    let href = if url.starts_with("www.") { format!("https://{url}") } else { url.to_string() };
                    events.push(Event::Html(CowStr::from(format!(
                        "<a href=\"{}\">{}</a>",
                        html_escape::encode_double_quoted_attribute(&href),
                        html_escape::encode_text(url)
                    ))));
                    last = r.end;
                }
                link_ids(cx, CowStr::from(t[last..].to_string()), &mut events);
            }
            Event::Text(t) if link_depth == 0 && !cx.ids.is_empty() => link_ids(cx, t, &mut events),
            // A timeline written as plain lines is one paragraph to Markdown: keep its lines.
            Event::SoftBreak if cx.table_classes.iter().any(|(r, c)| *c == "timeline" && r.contains(&at)) => {
                events.push(Event::HardBreak);
            }
            other => {
                if matches!(other, Event::Start(Tag::Paragraph | Tag::List(_) | Tag::BlockQuote(_))) {
                    seen_block = true;
                }
                events.push(other);
            }
        }
    }
    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if has_html && !cx.unsafe_html {
        html = sanitise(&html);
    }
    (html, toc, title_id)
}

/// The size an Obsidian embed asks for (`![[diagram.png|300]]`, `|300x200`), as attributes.
fn wiki_size(source: &str) -> Option<String> {
    let (_, label) = source.trim_end_matches("]]").rsplit_once('|')?;
    let (w, h) = match label.trim().split_once('x') {
        Some((w, h)) => (w, Some(h)),
        None => (label.trim(), None),
    };
    let num = |s: &str| !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit());
    if !num(w) || h.is_some_and(|h| !num(h)) {
        return None;
    }
    Some(match h {
        Some(h) => format!(" width=\"{w}\" height=\"{h}\""),
        None => format!(" width=\"{w}\""),
    })
}

/// The opening HTML of an admonition: a callout of its kind titled as written, or a `<details>`
/// for MkDocs' folding `???` (open for `???+`).
fn admonition_open(kind: BlockQuoteKind, head: &crate::markdown::AdmonitionHead) -> String {
    let class = match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    };
    let title = html_escape::encode_text(&head.title);
    match head.fold {
        Some(open) => format!(
            "<details class=\"markdown-alert-{class} admonition\"{}>\n<summary class=\"admonition-title\">{title}</summary>\n",
            if open { " open" } else { "" }
        ),
        None if title.is_empty() => format!("<blockquote class=\"markdown-alert-{class} admonition\">\n"),
        None => format!("<blockquote class=\"markdown-alert-{class} admonition\">\n<p class=\"admonition-title\">{title}</p>\n"),
    }
}

/// Where a link in document `from` should point in the built site; `None` drops the link (its
/// target is not published) and keeps the text.
fn rewrite(cx: &BodyCtx<'_>, from: usize, dest: &str) -> Option<String> {
    rewrite_to(cx, from, dest, cx.site.resolve_link(from, dest))
}

/// [`rewrite`] for a Markdown link or image, or for a wikilink given its target (found by
/// name). A wikilink to nothing is dropped, its text kept: its name is no URL.
fn rewrite_link(cx: &BodyCtx<'_>, from: usize, dest: &str, wiki: Option<LinkTarget>) -> Option<String> {
    let Some(target) = wiki else { return rewrite(cx, from, dest) };
    match target {
        LinkTarget::Missing(_) => None,
        // The fragment is the heading's slug already; a file's `#` part is not its own.
        LinkTarget::Asset(rel) => Some(format!("{}{}", cx.root, asset_href(&rel))),
        target => rewrite_to(cx, from, dest, target),
    }
}

fn rewrite_to(cx: &BodyCtx<'_>, from: usize, dest: &str, target: LinkTarget) -> Option<String> {
    if dangerous(dest) {
        return Some("#".to_string());
    }
    // `#Check-Lag` lands on the heading `check-lag` in `check` (as on GitHub): the page links to
    // the id the heading really has, since browsers match ids exactly.
    let frag = |t: usize, f: &str| match cx.site.docs[t].md.anchor_for(f) {
        Some(a) if a != f => format!("#{a}"),
        _ => format!("#{f}"),
    };
    Some(match target {
        LinkTarget::External => dest.to_string(),
        LinkTarget::SameDoc(f) => frag(from, &f),
        LinkTarget::Doc(t, f) => {
            format!("{}{}{}", cx.root, cx.urls[t].as_ref()?, f.map(|f| frag(t, &f)).unwrap_or_default())
        }
        // `report.pdf#page=3`, `dash.html?tab=2#latency`: the file's query and fragment stay.
        LinkTarget::Asset(rel) => {
            let suffix = dest.find(['?', '#']).map_or("", |i| &dest[i..]);
            format!("{}{}{suffix}", cx.root, asset_href(&rel))
        }
        LinkTarget::Generated(path) => {
            let suffix = dest.find(['?', '#']).map_or("", |i| &dest[i..]);
            format!("{}{path}{suffix}", cx.root)
        }
        LinkTarget::Missing(_) | LinkTarget::Outside(_) => dest.to_string(),
    })
}

/// [`rewrite_html`] of an event's HTML, keeping the event's own string when nothing changed.
fn rewritten<'e>(cx: &BodyCtx<'_>, from: usize, h: CowStr<'e>) -> CowStr<'e> {
    let owned = match rewrite_html(cx, from, &h) {
        std::borrow::Cow::Owned(s) => Some(s),
        std::borrow::Cow::Borrowed(_) => None,
    };
    owned.map_or(h, CowStr::from)
}

/// Raw HTML with its `href`/`src` values resolved like Markdown links; values that resolve to
/// themselves (external URLs) are kept byte for byte, entities included.
fn rewrite_html<'h>(cx: &BodyCtx<'_>, from: usize, h: &'h str) -> std::borrow::Cow<'h, str> {
    let h = if cx.unsafe_html { std::borrow::Cow::Borrowed(h) } else { tagfilter(h) };
    let links = crate::markdown::html_links(&h);
    if links.is_empty() {
        return h;
    }
    let mut out = String::with_capacity(h.len() + 32);
    let mut last = 0;
    for (span, dest, image) in links {
        out.push_str(&h[last..span.start]);
        let to = if image {
            rewrite(cx, from, &dest).unwrap_or_default()
        } else {
            rewrite(cx, from, &dest).unwrap_or_else(|| "#".into())
        };
        if to == dest {
            out.push_str(&h[span.clone()]);
        } else {
            out.push_str(&html_escape::encode_double_quoted_attribute(&to));
        }
        last = span.end;
    }
    out.push_str(&h[last..]);
    std::borrow::Cow::Owned(out)
}

/// Elements whose content the browser (and the sanitiser) reads as raw text up to the closing
/// tag: GFM's tagfilter escapes them.
const RAW_TEXT_TAGS: [&str; 9] =
    ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"];

/// GFM's "disallowed raw HTML" (tagfilter): `<script>` in prose ("blocks inline <script> tags")
/// becomes text. Left as a tag, it would open a script that swallows the rest of the page.
fn tagfilter(h: &str) -> std::borrow::Cow<'_, str> {
    let b = h.as_bytes();
    let hit = |i: usize| {
        let j = if b.get(i + 1) == Some(&b'/') { i + 2 } else { i + 1 };
        RAW_TEXT_TAGS.iter().any(|t| {
            b.len() >= j + t.len()
                && b[j..j + t.len()].eq_ignore_ascii_case(t.as_bytes())
                && b.get(j + t.len()).is_none_or(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
        })
    };
    let hits: Vec<usize> = memchr::memchr_iter(b'<', b).filter(|&i| hit(i)).collect();
    if hits.is_empty() {
        return std::borrow::Cow::Borrowed(h);
    }
    let mut out = String::with_capacity(h.len() + 3 * hits.len());
    let mut last = 0;
    for i in hits {
        out.push_str(&h[last..i]);
        out.push_str("&lt;");
        last = i + 1;
    }
    out.push_str(&h[last..]);
    std::borrow::Cow::Owned(out)
}

/// `t` as text, with the incident ids in it linked to their pages.
fn link_ids<'e>(cx: &BodyCtx<'_>, t: CowStr<'e>, events: &mut Vec<Event<'e>>) {
    if t.is_empty() {
        return;
    }
    let mut last = 0;
    // Candidate ids are word-like tokens holding a digit; the catalogue says which exist.
    let tokens = (!cx.ids.is_empty() && t.bytes().any(|b| b.is_ascii_digit())).then(|| id_tokens(&t));
    for m in tokens.into_iter().flatten() {
        let word = &t[m.clone()];
        let Some(path) = cx.ids.get(&word.to_ascii_lowercase()) else { continue };
        if m.start > last {
            events.push(Event::Text(CowStr::from(t[last..m.start].to_string())));
        }
        events.push(Event::Html(CowStr::from(format!(
            "<a class=\"incident-ref\" href=\"{}{}\">{}</a>",
            cx.root,
            html_escape::encode_double_quoted_attribute(path),
            html_escape::encode_text(word)
        ))));
        last = m.end;
    }
    if last == 0 {
        events.push(Event::Text(t));
    } else if last < t.len() {
        events.push(Event::Text(CowStr::from(t[last..].to_string())));
    }
}

fn has_url(t: &str) -> bool {
    t.contains("://") || t.contains("www.")
}

static URL_RE: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| crate::text::regex(r"(?i)\b(?:https?://|www\.)[^\s<>]+").expect("static regex"));

/// Bare URLs in a text, trimmed as GFM trims autolink literals: trailing punctuation and
/// unbalanced closing parentheses are not part of the URL.
fn url_spans(t: &str) -> Vec<Range<usize>> {
    URL_RE
        .find_iter(t)
        .filter_map(|m| {
            let mut s = m.as_str();
            loop {
                let before = s.len();
                s = s.trim_end_matches(['.', ',', ':', ';', '!', '?', '"', '\'', '*', '_', '~']);
                if s.ends_with(')') && s.matches(')').count() > s.matches('(').count() {
                    s = &s[..s.len() - 1];
                }
                if s.len() == before {
                    break;
                }
            }
            // `www.` only where a URL can start: not `api.www.x` or `ops@www.x`.
            let before = t[..m.start()].chars().next_back();
            if s.to_ascii_lowercase().starts_with("www.")
                && before.is_some_and(|c| !c.is_whitespace() && !"(*_~\"'".contains(c))
            {
                return None;
            }
            let host = s.split("://").nth(1).unwrap_or(s);
            (host.len() > 4 && host.contains('.') || s.contains("://localhost")).then(|| m.start()..m.start() + s.len())
        })
        .collect()
}

/// The `style` values pulldown-cmark gives aligned table cells.
const ALIGN_STYLES: [&str; 3] = ["text-align: left", "text-align: center", "text-align: right"];

/// Clean raw HTML: safe elements (details, summary, kbd, ...) and our own classes and ids stay.
pub fn sanitise(html: &str) -> String {
    ammonia::Builder::default()
        .add_tags(["details", "summary", "kbd", "input", "mark", "figure", "figcaption", "section", "div", "span"])
        .add_generic_attributes(["class", "id", "title", "align", "aria-label"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("ol", ["start"])
        // Legacy anchors (`<a name="x">`): `check` accepts them as link targets, so they stay.
        .add_tag_attributes("a", ["name"])
        // Table column alignment, as the Markdown renderer writes it (`:--:`), and nothing else.
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .attribute_filter(|_, attr, value| match attr {
            "style" => ALIGN_STYLES.contains(&value).then_some(value.into()),
            _ => Some(value.into()),
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::{dangerous, id_tokens, sanitise, tagfilter, url_spans};

    #[test]
    fn raw_text_elements_are_escaped_as_gfm_does() {
        assert_eq!(tagfilter("<script>"), "&lt;script>");
        assert_eq!(tagfilter("<STYLE type=x></style><b>"), "&lt;STYLE type=x>&lt;/style><b>");
        assert_eq!(tagfilter("<scripts> <titles>"), "<scripts> <titles>");
    }

    #[test]
    fn bare_urls_are_found_as_gfm_finds_them() {
        let t = "see https://monitor.example.net/d/abc?x=1. Also (www.acme.io/x) and https://a.io/p_(1)), not http://x, api.www.b.io or ops@www.b.io";
        let found: Vec<&str> = url_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(found, ["https://monitor.example.net/d/abc?x=1", "www.acme.io/x", "https://a.io/p_(1)"]);
    }

    #[test]
    fn sanitising_keeps_table_alignment_and_legacy_anchors_only() {
        let out = sanitise(
            r#"<table><thead><tr><th style="text-align: right">n</th><th style="color: red">x</th></tr></thead><tbody><tr><td style="text-align: center">1</td><td style="text-align: right; background: url(x)">2</td></tr></tbody></table><a name="legacy"></a><p style="text-align: right">p</p>"#,
        );
        assert!(out.contains(r#"<th style="text-align: right">n</th>"#), "{out}");
        assert!(out.contains(r#"<td style="text-align: center">1</td>"#), "{out}");
        assert!(out.contains("<th>x</th>") && out.contains("<td>2</td>"), "{out}");
        assert!(out.contains(r#"<a name="legacy""#), "{out}");
        assert!(out.contains("<p>p</p>"), "{out}");
    }

    #[test]
    fn id_tokens_match_the_documented_pattern() {
        let re = regex::Regex::new(r"[A-Za-z0-9](?:[A-Za-z0-9_./-]*[A-Za-z0-9])?").unwrap();
        for t in [
            "see INC-2026-004, and inc-2026-004. (PM2024-007) sev_12/ x- -y 1 a",
            "--INC-1--..__9__..é2é 中3 a/b/c.d-e_f 7.",
            "",
            "no digits at all",
            "x",
        ] {
            let want: Vec<_> =
                re.find_iter(t).filter(|m| m.as_str().bytes().any(|b| b.is_ascii_digit())).map(|m| m.range()).collect();
            assert_eq!(id_tokens(t).collect::<Vec<_>>(), want, "{t}");
        }
    }

    #[test]
    fn dangerous_schemes() {
        assert!(dangerous("javascript:alert(1)"));
        assert!(dangerous(" JaVa\tScRiPt:alert(1)"));
        assert!(dangerous("data:text/html,<script>"));
        assert!(!dangerous("data:image/png;base64,AAAA"));
        assert!(!dangerous("https://x.org"));
    }
}
