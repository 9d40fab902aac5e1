//! Admonitions as other documentation tools write them, read as callouts: MkDocs / Python-Markdown
//! (`!!! warning "Title"` with its content indented four spaces, `???` and `???+` collapsible)
//! and Docusaurus / Pandoc fenced divs (`:::danger Title` ... `:::`).
//!
//! CommonMark reads neither: an MkDocs admonition with a blank line inside becomes a paragraph
//! and an indented code block, so its links were never checked or rewritten and its text
//! showed as code. [`events`] gives the one event stream every reader of a body uses (the model
//! and the page): each admonition arrives as a `BlockQuote` of a GitHub alert kind whose span
//! starts at its marker line, with its content parsed as Markdown and spanned in the document.

use pulldown_cmark::{BlockQuoteKind, BrokenLink, CowStr, Event, LinkType, OffsetIter, Parser, RefDefs, Tag, TagEnd};
use std::ops::Range;
use std::sync::LazyLock;

/// An event with its byte span in the body.
pub type Spanned<'a> = (Event<'a>, Range<usize>);

/// How an admonition is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The callout colour its type maps to.
    pub kind: BlockQuoteKind,
    /// The title shown: as written, or the type capitalised (MkDocs' default); empty for
    /// `!!! note ""`, which has none.
    pub title: String,
    /// `???` (`Some(false)`) and `???+` (`Some(true)`, open) fold; `!!!` and `:::` do not.
    pub fold: Option<bool>,
    /// Docusaurus: the number of colons that opened it (its closing line has as many).
    pub colons: usize,
}

static MKDOCS_RE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r#"^(!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)(?:[ \t]+(?:inline|end))*(?:[ \t]+"(.*)")?[ \t]*$"#)
        .expect("static regex")
});
static FENCED_RE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^(:{3,})[ \t]*([A-Za-z][\w-]*)(?:\[(.*)\]|[ \t]+(.*?))?[ \t]*$").expect("static regex")
});

/// Admonition types of MkDocs Material, Python-Markdown (reStructuredText's), Docusaurus and
/// common Pandoc div classes.
const TYPES: &[&str] = &[
    "note",
    "abstract",
    "summary",
    "tldr",
    "info",
    "todo",
    "tip",
    "hint",
    "important",
    "success",
    "check",
    "done",
    "question",
    "help",
    "faq",
    "warning",
    "warn",
    "caution",
    "attention",
    "failure",
    "fail",
    "missing",
    "danger",
    "error",
    "bug",
    "example",
    "quote",
    "cite",
    "seealso",
    "secondary",
];

/// The admonition a line opens, if it opens one (at column 0, as both tools require).
pub fn head(line: &str) -> Option<Head> {
    let line = line.trim_end_matches(['\n', '\r']);
    if !line.starts_with(['!', '?', ':']) {
        return None;
    }
    let (kind_word, title, fold, colons) = if let Some(c) = MKDOCS_RE.captures(line) {
        let fold = match &c[1] {
            "!!!" => None,
            "???" => Some(false),
            _ => Some(true),
        };
        (c.get(2)?.as_str(), c.get(3).map(|t| t.as_str().to_string()), fold, 0)
    } else {
        let c = FENCED_RE.captures(line)?;
        let title = c.get(3).or_else(|| c.get(4)).map(|t| t.as_str().trim().to_string()).filter(|t| !t.is_empty());
        (c.get(2)?.as_str(), title, None, c[1].len())
    };
    let lower = kind_word.to_ascii_lowercase();
    // Only the types the tools define: `!!! DO NOT RESTART THE PRIMARY` is shouting, not a note.
    if !TYPES.contains(&lower.as_str()) {
        return None;
    }
    let kind = match lower.as_str() {
        "tip" | "hint" | "success" | "check" | "done" => BlockQuoteKind::Tip,
        "important" | "question" | "help" | "faq" => BlockQuoteKind::Important,
        "warning" | "warn" | "caution" | "attention" => BlockQuoteKind::Warning,
        "danger" | "error" | "failure" | "fail" | "missing" | "bug" => BlockQuoteKind::Caution,
        _ => BlockQuoteKind::Note,
    };
    let title = title.unwrap_or_else(|| {
        let mut c = lower.chars();
        c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
    });
    Some(Head { kind, title, fold, colons })
}

/// The events of a body (spans relative to it). A body without admonitions is parsed as it
/// stands; otherwise each admonition's content is parsed apart and given back as a callout,
/// with reference links resolved against the whole body.
pub fn events(body: &str) -> Events<'_> {
    if !might_have(body) {
        return Events { body, inner: Inner::Plain(Parser::new_ext(body, super::options()).into_offset_iter()) };
    }
    let whole = Parser::new_ext(body, super::options());
    let mut out = Vec::new();
    split(body, whole.reference_definitions(), &mut out);
    Events { body, inner: Inner::Split(out.into_iter()) }
}

/// [`events`]' iterator: the parser's events (or the pieces' around admonitions), with text in
/// double brackets that cannot name a note (`[[0, 1], [2, 3]]`, `[[ -f lock ]]`, `[[ ]]`) given
/// back as the text it is rather than as a wikilink.
pub struct Events<'a> {
    body: &'a str,
    inner: Inner<'a>,
}

// One per parse, on the stack: boxing the parser would cost an allocation for nothing.
#[allow(clippy::large_enum_variant)]
enum Inner<'a> {
    /// No admonition: the parser's own events.
    Plain(OffsetIter<'a, pulldown_cmark::DefaultBrokenLinkCallback>),
    /// Admonitions: events collected piece by piece.
    Split(std::vec::IntoIter<Spanned<'a>>),
}

impl<'a> Inner<'a> {
    fn next(&mut self) -> Option<Spanned<'a>> {
        match self {
            Inner::Plain(p) => p.next(),
            Inner::Split(v) => v.next(),
        }
    }
}

impl<'a> Iterator for Events<'a> {
    type Item = Spanned<'a>;
    fn next(&mut self) -> Option<Spanned<'a>> {
        let (e, r) = self.inner.next()?;
        let bad_wiki = match &e {
            Event::Start(Tag::Link { link_type: LinkType::WikiLink { .. }, dest_url, .. })
            | Event::Start(Tag::Image { link_type: LinkType::WikiLink { .. }, dest_url, .. }) => {
                !is_note_name(dest_url)
            }
            _ => false,
        };
        if !bad_wiki {
            return Some((e, r));
        }
        let mut depth = 1usize;
        while depth > 0 {
            match self.inner.next() {
                Some((Event::Start(_), _)) => depth += 1,
                Some((Event::End(_), _)) => depth -= 1,
                Some(_) => {}
                None => break,
            }
        }
        let text = self.body.get(r.clone()).unwrap_or("");
        Some((Event::Text(CowStr::Borrowed(text)), r))
    }
}

/// Whether a wikilink's target can be a note or file name: not empty, not padded with spaces,
/// no brackets or line breaks.
fn is_note_name(dest: &str) -> bool {
    !dest.trim().is_empty() && dest.trim() == dest && !dest.contains(['[', ']', '\n', '\r'])
}

/// A cheap test: some line starts with `!!!`, `???` or `:::`.
fn might_have(body: &str) -> bool {
    let b = body.as_bytes();
    let at = |i: usize| {
        let rest = &b[i..];
        rest.len() >= 3 && matches!(rest[0], b'!' | b'?' | b':') && rest[1] == rest[0] && rest[2] == rest[0]
    };
    at(0) || memchr::memchr_iter(b'\n', b).any(|i| i + 1 < b.len() && at(i + 1))
}

/// Lines of `s` with their start offsets (each line keeps its `\n`).
fn lines(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    s.split_inclusive('\n').map(move |l| {
        let start = at;
        at += l.len();
        (start, l)
    })
}

/// A fence opener or closer at indent < 4: (fence char, length).
fn fence(line: &str) -> Option<(u8, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = *t.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = t.bytes().take_while(|&b| b == c).count();
    (n >= 3).then_some((c, n))
}

/// Whether a line is blank.
fn blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Append the events of `src` (spans relative to it) to `out`, admonitions as callouts.
fn split(src: &str, refs: &RefDefs<'_>, out: &mut Vec<Spanned<'static>>) {
    let all: Vec<(usize, &str)> = lines(src).collect();
    let mut seg_start = 0;
    let mut in_fence: Option<(u8, usize)> = None;
    let mut i = 0;
    while i < all.len() {
        let (at, line) = all[i];
        if let Some((c, n)) = in_fence {
            if fence(line).is_some_and(|(c2, n2)| {
                c2 == c && n2 >= n && line.trim_start().trim_start_matches(c as char).trim().is_empty()
            }) {
                in_fence = None;
            }
            i += 1;
            continue;
        }
        if let Some(f) = fence(line) {
            in_fence = Some(f);
            i += 1;
            continue;
        }
        let Some(h) = head(line) else {
            i += 1;
            continue;
        };
        // The admonition's extent and content.
        let content_end;
        let next;
        if h.colons > 0 {
            // Up to the closing line of as many colons, fences inside skipped; none: not one.
            let mut fenced: Option<(u8, usize)> = None;
            let close = all.iter().enumerate().skip(i + 1).find(|(_, (_, l))| {
                if let Some((c, n)) = fenced {
                    if fence(l).is_some_and(|(c2, n2)| c2 == c && n2 >= n) {
                        fenced = None;
                    }
                    return false;
                }
                if let Some(f) = fence(l) {
                    fenced = Some(f);
                    return false;
                }
                let t = l.trim_end();
                t.len() == h.colons && t.bytes().all(|b| b == b':')
            });
            let Some((j, _)) = close else {
                i += 1;
                continue;
            };
            content_end = all[j].0;
            next = j + 1;
        } else {
            // Blank lines and lines indented four spaces (or a tab); blank lines at the end
            // belong to what follows.
            let mut last = i;
            for (j, (_, l)) in all.iter().enumerate().skip(i + 1) {
                if blank(l) {
                    continue;
                }
                if l.starts_with("    ") || l.starts_with('\t') {
                    last = j;
                } else {
                    break;
                }
            }
            content_end = all[last].0 + all[last].1.len();
            next = last + 1;
        }
        parse_piece(&src[seg_start..at], seg_start, refs, out);
        let end = all.get(next).map_or(src.len(), |(s, _)| *s).max(content_end);
        let head_end = at + line.len();
        out.push((Event::Start(Tag::BlockQuote(Some(h.kind))), at..end));
        if h.colons > 0 {
            let mut inner = Vec::new();
            split(&src[head_end..content_end], refs, &mut inner);
            out.extend(inner.into_iter().map(|(e, r)| (e, r.start + head_end..r.end + head_end)));
        } else {
            // Dedent by four columns; map each dedented offset back to its line in `src`.
            let mut text = String::new();
            let mut map: Vec<(usize, usize)> = Vec::new();
            for &(s, l) in &all[i + 1..next] {
                let cut = if l.starts_with('\t') { 1 } else { l.bytes().take(4).take_while(|&b| b == b' ').count() };
                map.push((text.len(), s + cut));
                text.push_str(&l[cut..]);
            }
            let back = |o: usize| {
                let k = map.partition_point(|&(d, _)| d <= o).saturating_sub(1);
                map.get(k).map_or(head_end, |&(d, s)| s + (o - d))
            };
            let mut inner = Vec::new();
            split(&text, refs, &mut inner);
            out.extend(inner.into_iter().map(|(e, r)| (e, back(r.start)..back(r.end).max(back(r.start)))));
        }
        out.push((Event::End(TagEnd::BlockQuote(Some(h.kind))), at..end));
        seg_start = end;
        i = next;
    }
    parse_piece(&src[seg_start..], seg_start, refs, out);
}

/// Parse one piece of a body that holds no admonition, its reference links resolved against the
/// whole body's definitions.
fn parse_piece(piece: &str, offset: usize, refs: &RefDefs<'_>, out: &mut Vec<Spanned<'static>>) {
    if piece.trim().is_empty() {
        return;
    }
    let lookup = |l: BrokenLink<'_>| {
        refs.get(l.reference.as_ref())
            .map(|d| (CowStr::from(d.dest.to_string()), CowStr::from(d.title.as_deref().unwrap_or("").to_string())))
    };
    let parser = Parser::new_with_broken_link_callback(piece, super::options(), Some(lookup));
    out.extend(parser.into_offset_iter().map(|(e, r)| (e.into_static(), r.start + offset..r.end + offset)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(body: &str) -> Vec<String> {
        events(body)
            .map(|(e, r)| match e {
                Event::Text(t) => format!("text {:?} @{:?}", t.as_ref(), &body[r]),
                Event::Start(Tag::BlockQuote(k)) => format!("quote {k:?} @{}", body[r].lines().next().unwrap_or("")),
                Event::Start(Tag::Link { dest_url, .. }) => format!("link {dest_url}"),
                Event::Start(Tag::CodeBlock(_)) => "code".into(),
                Event::End(TagEnd::BlockQuote(_)) => "end quote".into(),
                _ => String::new(),
            })
            .filter(|s| !s.is_empty())
            .collect()
    }

    #[test]
    fn heads_of_both_dialects() {
        let h = head("!!! danger \"Do not run in prod\"\n").unwrap();
        assert_eq!((h.kind, h.title.as_str(), h.fold), (BlockQuoteKind::Caution, "Do not run in prod", None));
        let h = head("???+ note").unwrap();
        assert_eq!((h.kind, h.title.as_str(), h.fold), (BlockQuoteKind::Note, "Note", Some(true)));
        assert_eq!(head("!!! note \"\"").unwrap().title, "");
        assert_eq!(head("!!! tip inline end \"Side\"").unwrap().title, "Side");
        let h = head(":::caution[Before you start]").unwrap();
        assert_eq!((h.kind, h.title.as_str(), h.colons), (BlockQuoteKind::Warning, "Before you start", 3));
        assert_eq!(head("::::info Read me").unwrap().title, "Read me");
        assert_eq!(head("!!! {.x}"), None);
        assert_eq!(head("!!! DO NOT RESTART THE PRIMARY"), None);
        assert_eq!(head("!!! Never fail over during a backup"), None);
        assert_eq!(head("!!! Warning").unwrap().title, "Warning");
        assert_eq!(head("::: banana"), None);
        assert_eq!(head("!!!"), None);
        assert_eq!(head("::: {.note}"), None);
        assert_eq!(head("  !!! note"), None);
    }

    #[test]
    fn mkdocs_content_is_markdown_spanned_in_the_document() {
        let body = "Before.\n\n!!! warning \"Careful\"\n    See [failover](failover.md).\n\n    ```bash\n    psql -c 'x'\n\n    exit\n    ```\n\nAfter [ref].\n\n[ref]: other.md\n";
        let got = shape(body);
        assert_eq!(
            got,
            [
                r#"text "Before." @"Before.""#,
                "quote Some(Warning) @!!! warning \"Careful\"",
                r#"text "See " @"See ""#,
                "link failover.md",
                r#"text "failover" @"failover""#,
                r#"text "." @".""#,
                "code",
                r#"text "psql -c 'x'\n\nexit\n" @"psql -c 'x'\n\n    exit\n    ""#,
                "end quote",
                r#"text "After " @"After ""#,
                "link other.md",
                r#"text "ref" @"ref""#,
                r#"text "." @".""#,
            ]
        );
    }

    #[test]
    fn docusaurus_and_nesting_and_code_fences() {
        let body = "::::note Outer\nText [a](a.md)\n:::tip\nInner [b][b]\n:::\n::::\n\n```\n!!! note\n    not one\n```\n\n:::danger\nnever closed\n\n[b]: b.md\n";
        let got = shape(body);
        assert_eq!(got[0], "quote Some(Note) @::::note Outer");
        assert!(got.contains(&"link a.md".to_string()), "{got:?}");
        assert!(got.contains(&"quote Some(Tip) @:::tip".to_string()), "{got:?}");
        assert!(got.contains(&"link b.md".to_string()), "reference resolved across pieces: {got:?}");
        assert_eq!(got.iter().filter(|s| s.starts_with("quote")).count(), 2, "{got:?}");
        assert!(got.iter().any(|g| g.starts_with(r#"text "!!! note\n    not one\n""#)), "code stays code: {got:?}");
        assert!(got.contains(&r#"text ":::danger" @":::danger""#.to_string()), "unclosed is text: {got:?}");
    }

    #[test]
    fn plain_bodies_are_parsed_as_they_stand() {
        assert!(matches!(events("# T\n\nText !!! here\n").inner, Inner::Plain(_)));
        assert!(matches!(events("x\n!!! note\n    y\n").inner, Inner::Split(_)));
    }

    #[test]
    fn double_brackets_that_name_no_note_are_text() {
        let body = "Map [[0, 1], [2, 3]], test [[ -f /lock ]], empty [[ ]], a [[Real note|label]].\n";
        let got = shape(body);
        assert!(got.contains(&"link Real note".to_string()), "{got:?}");
        assert_eq!(got.iter().filter(|g| g.starts_with("link")).count(), 1, "{got:?}");
        let text: String = events(body)
            .filter_map(|(e, _)| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert!(
            text.contains("[[0, 1], [2, 3]]") && text.contains("[[ -f /lock ]]") && text.contains("[[ ]]"),
            "{text}"
        );
    }
}
