//! The one pulldown-cmark pass over a document body: headings and anchors, links, tables, list
//! items, code, HTML comments and ids, all with byte spans into the document text.

use pulldown_cmark::{CodeBlockKind, Event, Options, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

mod admonitions;
pub use admonitions::{events, head as admonition_head, Head as AdmonitionHead};

/// A heading with its GitHub-compatible anchor.
#[derive(Debug, Clone)]
pub struct Heading {
    /// 1..=6.
    pub level: u8,
    /// Plain text (formatting dropped, inline code kept).
    pub text: String,
    /// The anchor: explicit `{#id}` or the GitHub slug, de-duplicated with `-1`, `-2`.
    pub id: String,
    /// Source span of the whole heading.
    pub span: Range<usize>,
}

/// A link or image written in Markdown (autolinks excluded).
#[derive(Debug, Clone)]
pub struct Link {
    /// Destination as written.
    pub dest: String,
    /// Source span of the whole link.
    pub span: Range<usize>,
    /// An image rather than a link.
    pub image: bool,
    /// An Obsidian wikilink (`[[Deploy checklist#Rollback|label]]`, `![[graph.png]]`): `dest` is a
    /// note or file name, resolved by name ([`crate::model::site::Site::link_target`]).
    pub wiki: bool,
}

/// One table cell.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Plain text (struck-through text left out, unless that is all there is).
    pub text: String,
    /// Source span.
    pub span: Range<usize>,
    /// All of its text is struck through (`~~Buy a bigger disk~~`).
    pub struck: bool,
}

/// A table with its header and body rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Source span of the table.
    pub span: Range<usize>,
    /// Header cells.
    pub header: Vec<Cell>,
    /// Body rows.
    pub rows: Vec<Vec<Cell>>,
}

/// A list item (its own text, nested lists excluded).
#[derive(Debug, Clone)]
pub struct ListItem {
    /// Source span of the item.
    pub span: Range<usize>,
    /// Plain text of the item itself.
    pub text: String,
    /// `Some(done)` for task-list items.
    pub checked: Option<bool>,
    /// Nesting depth, 0 for a top-level item.
    pub depth: usize,
    /// All of its own text is struck through (a cancelled item).
    pub struck: bool,
    /// Inside a block quote or callout (`> [!NOTE]`, `!!! info`): an aside, not a row.
    pub quoted: bool,
}

/// A fenced or indented code block.
#[derive(Debug, Clone)]
pub struct CodeBlock {
    /// First word of the info string (empty if none).
    pub lang: String,
    /// Source span of the whole block, fences included.
    pub span: Range<usize>,
}

/// Everything later stages need from a body.
#[derive(Debug, Clone, Default)]
pub struct Markdown {
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Links and images.
    pub links: Vec<Link>,
    /// Code blocks.
    pub code_blocks: Vec<CodeBlock>,
    /// Inline code spans.
    pub code_spans: Vec<Range<usize>>,
    /// HTML comments (`<!-- ... -->`).
    pub comments: Vec<Range<usize>>,
    /// `id="..."` attributes in raw HTML.
    pub html_ids: Vec<String>,
    /// Raw HTML blocks opened by `<script>`, `<style>` or `<textarea>` and never closed: they
    /// run to the end of the document (CommonMark), and the sanitiser drops them whole.
    pub unclosed_html: Vec<(Range<usize>, String)>,
    /// The search excerpt ([`Excerpt`]), taken in the same pass.
    pub excerpt: String,
}

/// Longest search excerpt, in characters (cut at a word boundary). Sized so the search index
/// stays under 150 KB per 1,000 documents (145 KB on the generated corpus); titles, ids,
/// headings, services and alerts carry the rest of the search.
pub const EXCERPT_CHARS: usize = 36;

/// Collects a body's search excerpt while the body is parsed: the first prose (paragraphs and
/// list items; headings, code, tables and HTML left out), whitespace collapsed, at most
/// [`EXCERPT_CHARS`] characters.
#[derive(Default)]
struct Excerpt {
    out: String,
    /// Inside a paragraph or list item.
    depth: usize,
    /// Inside a heading, code block, table or HTML block.
    skip: usize,
    done: bool,
}

impl Excerpt {
    fn feed(&mut self, ev: &Event<'_>) {
        if self.done {
            return;
        }
        match ev {
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Table(_) | Tag::HtmlBlock) => self.skip += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Table | TagEnd::HtmlBlock) => {
                self.skip = self.skip.saturating_sub(1)
            }
            Event::Start(Tag::Paragraph | Tag::Item) => self.depth += 1,
            Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                self.depth = self.depth.saturating_sub(1);
                self.out.push(' ');
            }
            Event::Text(t) | Event::Code(t) if self.depth > 0 && self.skip == 0 => {
                for w in t.split_whitespace() {
                    if !self.out.is_empty() && !self.out.ends_with(' ') {
                        self.out.push(' ');
                    }
                    self.out.push_str(w);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.out.push(' '),
            _ => {}
        }
        self.done = self.out.chars().count() > EXCERPT_CHARS;
    }

    fn finish(self) -> String {
        let out = self.out.trim();
        if out.chars().count() <= EXCERPT_CHARS {
            return out.to_string();
        }
        let cut: String = out.chars().take(EXCERPT_CHARS).collect();
        let cut = match cut.rfind(' ') {
            Some(i) if i > EXCERPT_CHARS / 2 => &cut[..i],
            _ => &cut,
        };
        format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
    }
}

/// Tables and list items with their text: read while the model is built (timeline, action
/// items), then dropped, so a large site does not keep every cell in memory.
#[derive(Debug, Clone, Default)]
pub struct Blocks {
    /// Tables.
    pub tables: Vec<Table>,
    /// List items.
    pub items: Vec<ListItem>,
}

impl Markdown {
    /// Drop spare capacity (the model keeps this for the whole run).
    pub fn shrink(&mut self) {
        self.headings.shrink_to_fit();
        self.unclosed_html.shrink_to_fit();
        self.links.shrink_to_fit();
        self.code_blocks.shrink_to_fit();
        self.code_spans.shrink_to_fit();
        self.comments.shrink_to_fit();
        self.html_ids.shrink_to_fit();
        self.excerpt.shrink_to_fit();
    }

    /// Every heading anchor plus explicit HTML ids.
    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        self.headings.iter().map(|h| h.id.as_str()).chain(self.html_ids.iter().map(String::as_str))
    }

    /// The anchor a link's `#fragment` lands on: the fragment itself (percent-decoded), or its
    /// lower-case form, as GitHub matches `#Check-Lag` to the heading `check-lag`. Browsers
    /// match ids exactly, so the built site links to what this returns.
    pub fn anchor_for(&self, fragment: &str) -> Option<&str> {
        let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
        self.anchors().find(|a| *a == decoded).or_else(|| {
            let lower = decoded.to_lowercase();
            self.anchors().find(|a| *a == lower)
        })
    }

    /// Sorted byte ranges that are code or comments: never scanned for prose findings.
    pub fn masked_ranges(&self) -> Vec<Range<usize>> {
        let mut r: Vec<Range<usize>> = self
            .code_blocks
            .iter()
            .map(|c| c.span.clone())
            .chain(self.code_spans.iter().cloned())
            .chain(self.comments.iter().cloned())
            .collect();
        r.sort_by_key(|r| (r.start, r.end));
        r
    }
}

/// Parser options used everywhere (check and render must agree).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        // GitHub alerts: `> [!WARNING]` becomes a callout, not a quote reading "[!WARNING]".
        | Options::ENABLE_GFM
        // Obsidian vaults: `[[Deploy checklist#Rollback|the checklist]]` is a link, found by name.
        | Options::ENABLE_WIKILINKS
}

static COMMENT_RE: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"(?s)<!--.*?-->").expect("static regex"));
static ID_RE: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::text::regex(r#"\b(?:id|name)\s*=\s*["']([^"']+)["']"#).expect("static regex"));

/// `href`/`src` attributes of raw HTML (`<img src="./topology.png" width="600">`,
/// `<a href="rollback.md#steps">`): group 1 is the tag name, group 2 or 3 the value.
static HTML_LINK_RE: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::text::regex(r#"(?i)<([a-z][a-z0-9]*)\b[^<>]*?\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')"#)
        .expect("static regex")
});

/// The links of a piece of raw HTML, outside comments: (value span within `html`, value as
/// written with `&amp;` decoded, whether it is an image or other embedded file).
pub fn html_links(html: &str) -> Vec<(Range<usize>, String, bool)> {
    let comments: Vec<Range<usize>> = COMMENT_RE.find_iter(html).map(|m| m.range()).collect();
    HTML_LINK_RE
        .captures_iter(html)
        .filter_map(|c| {
            let v = c.get(2).or_else(|| c.get(3))?;
            if comments.iter().any(|r| r.contains(&v.start())) {
                return None;
            }
            let tag = c[1].to_ascii_lowercase();
            Some((v.range(), v.as_str().replace("&amp;", "&"), tag != "a" && tag != "area"))
        })
        .collect()
}

/// Parse `text[base..]` (the body) once; every span is an offset into `text`.
pub fn parse(text: &str, base: usize) -> (Markdown, Blocks) {
    let body = &text[base..];
    let mut md = Markdown::default();
    let mut blocks = Blocks::default();
    let mut slugs = SlugCounter::default();
    let mut heading: Option<(u8, Option<String>, usize, String)> = None;
    let mut table: Option<Table> = None;
    let mut row: Vec<Cell> = Vec::new();
    let mut cell: Option<Cell> = None;
    let mut in_head = false;
    let mut items: Vec<usize> = Vec::new();
    let mut html_ranges: Vec<Range<usize>> = Vec::new();
    let mut excerpt = Excerpt::default();
    let mut strike = 0usize;
    let mut quotes = 0usize;
    let mut cell_struck = String::new();
    let mut item_struck: Vec<String> = Vec::new();

    for (event, range) in events(body) {
        excerpt.feed(&event);
        let span = base + range.start..base + range.end;
        let text_piece: Option<&str> = match &event {
            Event::Text(t) | Event::Code(t) => Some(t),
            Event::SoftBreak | Event::HardBreak => Some(" "),
            _ => None,
        };
        if let Some(t) = text_piece {
            if let Some(h) = heading.as_mut() {
                h.3.push_str(t);
            }
            // Struck-through text in a cell or item is what no longer holds (`~~2024-03-01~~
            // 2024-05-01`, a moved due date): kept apart, used only if nothing else is there.
            if let Some(c) = cell.as_mut() {
                if strike > 0 { &mut cell_struck } else { &mut c.text }.push_str(t);
            }
            if let Some(&i) = items.last() {
                if strike > 0 {
                    item_struck[i].push_str(t);
                } else {
                    blocks.items[i].text.push_str(t);
                }
            }
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level as u8, id.map(|s| s.to_string()), span.start, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, start, text)) = heading.take() {
                    let text = text.trim().to_string();
                    let id = explicit.unwrap_or_else(|| slugs.next(&github_slug(&text)));
                    md.headings.push(Heading { level, text, id, span: start..span.end });
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                // `<oncall@example.com>` is a mailto link whose destination is written bare.
                let dest = match link_type {
                    pulldown_cmark::LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                let wiki = matches!(link_type, pulldown_cmark::LinkType::WikiLink { .. });
                md.links.push(Link { dest, span, image: false, wiki });
            }
            Event::Start(Tag::Image { link_type, dest_url, .. }) => {
                let wiki = matches!(link_type, pulldown_cmark::LinkType::WikiLink { .. });
                md.links.push(Link { dest: dest_url.to_string(), span, image: true, wiki });
            }
            Event::Start(Tag::Table(_)) => table = Some(Table { span, ..Default::default() }),
            Event::End(TagEnd::Table) => blocks.tables.extend(table.take()),
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                if let Some(t) = table.as_mut() {
                    t.header = std::mem::take(&mut row);
                }
            }
            Event::Start(Tag::TableRow) => row.clear(),
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    if !in_head {
                        t.rows.push(std::mem::take(&mut row));
                    }
                }
            }
            Event::Start(Tag::Strikethrough) => strike += 1,
            Event::End(TagEnd::Strikethrough) => strike = strike.saturating_sub(1),
            Event::Start(Tag::TableCell) => {
                cell = Some(Cell { text: String::new(), span, struck: false });
                cell_struck.clear();
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(mut c) = cell.take() {
                    c.struck = c.text.trim().is_empty() && !cell_struck.trim().is_empty();
                    c.text = unstruck(&c.text, &cell_struck).to_string();
                    row.push(c);
                }
            }
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => quotes = quotes.saturating_sub(1),
            Event::Start(Tag::Item) => {
                blocks.items.push(ListItem {
                    span,
                    text: String::new(),
                    checked: None,
                    depth: items.len(),
                    struck: false,
                    quoted: quotes > 0,
                });
                item_struck.push(String::new());
                items.push(blocks.items.len() - 1);
            }
            Event::End(TagEnd::Item) => {
                if let Some(i) = items.pop() {
                    // The item's own text ends at its first nested list (NUL, below).
                    let own = |t: &str| t.split('\u{0}').next().unwrap_or("").trim().is_empty();
                    if own(&blocks.items[i].text) && !own(&item_struck[i]) {
                        let t = std::mem::take(&mut item_struck[i]);
                        blocks.items[i].text.insert_str(0, &t);
                        blocks.items[i].struck = true;
                    }
                    let t = blocks.items[i].text.trim().to_string();
                    blocks.items[i].text = t;
                }
            }
            Event::Start(Tag::List(_)) => {
                // Text of a nested list belongs to the nested items, not to the parent.
                if let Some(&i) = items.last() {
                    blocks.items[i].text.push('\u{0}');
                }
            }
            Event::TaskListMarker(done) => {
                if let Some(&i) = items.last() {
                    blocks.items[i].checked = Some(done);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                md.code_blocks.push(CodeBlock { lang, span });
            }
            Event::Code(_) => md.code_spans.push(span),
            Event::Start(Tag::HtmlBlock) => {
                let block = &text[span.clone()];
                let lower = block.trim_start().get(..10).unwrap_or(block.trim_start()).to_ascii_lowercase();
                if let Some(tag) = ["script", "style", "textarea"].iter().find(|t| {
                    lower
                        .strip_prefix('<')
                        .is_some_and(|r| r.starts_with(*t) && r[t.len()..].starts_with([' ', '>', '\n', '\t']))
                }) {
                    if !block.to_ascii_lowercase().contains(&format!("</{tag}")) {
                        md.unclosed_html.push((span.clone(), (*tag).to_string()));
                    }
                }
                html_ranges.push(span)
            }
            Event::InlineHtml(_) | Event::Html(_) => html_ranges.push(span),
            _ => {}
        }
    }
    // Nested-list text was appended after a NUL marker: keep only the item's own text.
    for item in &mut blocks.items {
        if let Some(i) = item.text.find('\u{0}') {
            item.text.truncate(i);
            item.text = item.text.trim().to_string();
        }
    }
    md.excerpt = excerpt.finish();
    html_ranges.sort_by_key(|r| r.start);
    html_ranges.dedup_by(|b, a| b.start >= a.start && b.end <= a.end);
    for r in html_ranges {
        let html = &text[r.clone()];
        for m in COMMENT_RE.find_iter(html) {
            md.comments.push(r.start + m.start()..r.start + m.end());
        }
        let no_comments = COMMENT_RE.replace_all(html, "");
        md.html_ids.extend(ID_RE.captures_iter(&no_comments).map(|c| c[1].to_string()));
        for (span, dest, image) in html_links(html) {
            md.links.push(Link { dest, span: r.start + span.start..r.start + span.end, image, wiki: false });
        }
    }
    md.links.sort_by_key(|l| l.span.start);
    (md, blocks)
}

/// A cell's text without its struck-through part, or the struck text when that is all it has.
fn unstruck<'t>(text: &'t str, struck: &'t str) -> &'t str {
    let t = text.trim();
    if t.is_empty() {
        struck.trim()
    } else {
        t
    }
}

/// GitHub's heading id: lower case; letters, digits, `-` and `_` kept; spaces become `-`;
/// everything else (punctuation, emoji) dropped.
pub fn github_slug(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() || is_combining_mark(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// Combining marks, which GitHub keeps in anchors as it keeps letters: the emoji variation
/// selector (`♻️` is U+267B U+FE0F: `## ♻️ Restore` is `#️-restore`), the keycap of `1️⃣`, accents
/// written apart. (Marks of scripts such as Devanagari are alphabetic already.)
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0xE0100..=0xE01EF)
}

/// Ids the built-in page templates use themselves (the skip link's `main`, the search form,
/// a runbook's generated incident history): a heading with such a slug gets the next free one
/// (`## Main` → `#main-1`), so no page has an id twice.
pub const TEMPLATE_IDS: [&str; 6] =
    ["main", "site-search", "search-input", "search-status", "search-results", "incident-history"];

/// Hands out unique anchors: the second `foo` becomes `foo-1`, the third `foo-2`.
struct SlugCounter {
    seen: HashMap<String, usize>,
}

impl Default for SlugCounter {
    fn default() -> Self {
        SlugCounter { seen: TEMPLATE_IDS.iter().map(|id| (id.to_string(), 1)).collect() }
    }
}

impl SlugCounter {
    fn next(&mut self, base: &str) -> String {
        let n = self.seen.entry(base.to_string()).or_insert(0);
        let id = if *n == 0 { base.to_string() } else { format!("{base}-{n}") };
        *n += 1;
        if id != base {
            self.seen.entry(id.clone()).or_insert(1);
        }
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_prose_only_and_bounded() {
        let doc = "---\ntitle: x\n---\n# Title\n\nFirst *words* here.\n\n```sh\nrm -rf /\n```\n\n| a | b |\n|---|---|\n| c | d |\n\n- item `code`\n";
        let excerpt = |text: &str, base: usize| parse(text, base).0.excerpt;
        assert_eq!(excerpt(doc, 17), "First words here. item code");
        let long = format!("# T\n\n{}", "word ".repeat(100));
        let e = excerpt(&long, 0);
        assert!(e.chars().count() <= EXCERPT_CHARS + 1 && e.ends_with("word…"), "{e}");
    }

    #[test]
    fn headings_never_take_the_templates_ids() {
        let (md, _) = parse("# Runbook\n\n## Main\n\n## Incident History\n\n## Main\n\n## Mainframe\n", 0);
        let ids: Vec<&str> = md.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["runbook", "main-1", "incident-history-1", "main-2", "mainframe"]);
    }

    #[test]
    fn github_slugs() {
        assert_eq!(github_slug("Root Cause (UTC)"), "root-cause-utc");
        assert_eq!(github_slug("1️⃣ Incident Severity Levels"), "1\u{fe0f}\u{20e3}-incident-severity-levels");
        assert_eq!(github_slug("♻️ Restore"), "\u{fe0f}-restore");
        assert_eq!(github_slug("🔥 Fire"), "-fire");
        assert_eq!(github_slug("Contacts & Escalation"), "contacts--escalation");
        assert_eq!(github_slug("Step 1 — Detection"), "step-1--detection");
    }

    #[test]
    fn duplicate_headings_get_suffixes() {
        let (md, _) = parse("# A\n## A\n## A\n", 0);
        let ids: Vec<&str> = md.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-1", "a-2"]);
    }

    #[test]
    fn collects_structure_with_spans() {
        let src = "---\nx: 1\n---\n# T {#top}\n\n| Time | Event |\n|---|---|\n| 10:00 | `a` |\n\n- [ ] do it @me\n  - nested\n\n```sql\nSELECT 1;\n```\n<!-- sitrep-disable x -->\n[l](a.md#b)\n";
        let base = src.find("# T").unwrap();
        let (md, blocks) = parse(src, base);
        assert_eq!(md.headings[0].id, "top");
        assert_eq!(blocks.tables[0].header[0].text, "Time");
        assert_eq!(blocks.tables[0].rows[0][1].text, "a");
        assert_eq!(&src[blocks.tables[0].rows[0][0].span.clone()].trim(), &"10:00");
        assert_eq!(blocks.items[0].text, "do it @me");
        assert_eq!(blocks.items[0].checked, Some(false));
        assert_eq!(blocks.items[1].depth, 1);
        assert_eq!(md.code_blocks[0].lang, "sql");
        assert_eq!(&src[md.comments[0].clone()], "<!-- sitrep-disable x -->");
        assert_eq!(md.links[0].dest, "a.md#b");
    }
}
#[cfg(test)]
mod html_link_tests {
    #[test]
    fn raw_html_links_are_links() {
        let l = super::html_links(
            r#"<img src="./img/t.png" width="600"> <a href='x.md#a'>x</a> <!-- <a href="no.md"> -->"#,
        );
        assert_eq!(
            l.iter().map(|x| (x.1.as_str(), x.2)).collect::<Vec<_>>(),
            [("./img/t.png", true), ("x.md#a", false)]
        );
        let src = "# T\n\n<img src=\"./img/topology.png\" width=\"600\" alt=\"topology\">\n\nNext: <a href=\"./rollback.md#steps\">rollback</a>.\n";
        let (md, _) = super::parse(src, 0);
        let dests: Vec<&str> = md.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, ["./img/topology.png", "./rollback.md#steps"]);
        assert_eq!(&src[md.links[1].span.clone()], "./rollback.md#steps");
    }
}
