//! Machine-readable files of the built site: `/incidents.json` (the catalogue with computed
//! durations), `/feed.xml` (Atom 1.0), `/sitemap.xml`. JSON escapes `<` as `\u003c` and XML
//! escapes markup characters, so no input text becomes markup.

use super::catalog::{Catalog, IncidentRow};
use super::urls::asset_href;
use super::Page;
use serde::Serialize;
use std::fmt::Write as _;

/// Writes through to a buffer with every `<` replaced by `\u003c` (in JSON, `<` only occurs
/// inside strings, where the escape means the same character).
struct EscapeLt<W: std::io::Write>(W);

impl<W: std::io::Write> std::io::Write for EscapeLt<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'<') {
            self.0.write_all(&rest[..i])?;
            self.0.write_all(b"\\u003c")?;
            rest = &rest[i + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Compact JSON with `<` escaped, newline-terminated.
pub fn json_bytes(v: &impl Serialize) -> Vec<u8> {
    let mut out = Vec::new();
    write_json(&mut out, v).expect("JSON values serialise");
    out
}

/// [`json_bytes`] written straight to `w` (large exports are streamed to disk).
pub fn write_json(w: &mut dyn std::io::Write, v: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer(EscapeLt(&mut *w), v).map_err(std::io::Error::from)?;
    w.write_all(b"\n")
}

/// Text for XML content or attribute values: markup characters escaped, characters XML 1.0
/// forbids (most control characters) dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    xml_escape_pieces(s, |piece| out.push_str(piece));
    out
}

/// [`xml_escape`] written straight to `w` (templates print hundreds of thousands of values per
/// build: no string for each).
pub fn xml_escape_to(s: &str, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut result = Ok(());
    xml_escape_pieces(s, |piece| {
        if result.is_ok() {
            result = w.write_all(piece.as_bytes());
        }
    });
    result
}

/// Whether byte `b` needs work: every such byte is ASCII, or the first byte (0xEF) of
/// U+FFFE/U+FFFF. A table: this runs over every value every template prints.
fn needs_escape(b: u8) -> bool {
    const NEEDS: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            t[b] = !matches!(b as u8, b'\t' | b'\n' | b'\r');
            b += 1;
        }
        t[b'&' as usize] = true;
        t[b'<' as usize] = true;
        t[b'>' as usize] = true;
        t[b'"' as usize] = true;
        t[b'\'' as usize] = true;
        t[0xEF] = true;
        t
    };
    NEEDS[b as usize]
}

/// The escaped text of `s` as a sequence of pieces: the runs between bytes that need work are
/// passed whole (most values are one run).
fn xml_escape_pieces<'s>(s: &'s str, mut push: impl FnMut(&'s str)) {
    let mut rest = s;
    while let Some(i) = rest.bytes().position(needs_escape) {
        if i > 0 {
            push(&rest[..i]);
        }
        let c = rest[i..].chars().next().expect("a char starts at a needs_escape() byte");
        match c {
            '&' => push("&amp;"),
            '<' => push("&lt;"),
            '>' => push("&gt;"),
            '"' => push("&quot;"),
            '\'' => push("&apos;"),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if (c as u32) < 0x20 => {}
            c => push(&rest[i..i + c.len_utf8()]),
        }
        rest = &rest[i + c.len_utf8()..];
    }
    if !rest.is_empty() {
        push(rest);
    }
}

/// Site path → URL: absolute under `base_url` when set, else relative to the site root.
fn abs(base_url: &str, path: &str) -> String {
    format!("{base_url}{}", asset_href(path))
}

fn opt(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// `/incidents.json` (format in README.md).
#[derive(Serialize)]
pub struct IncidentsJson<'a> {
    version: u32,
    today: &'a str,
    base_url: &'a str,
    /// Every published incident, newest first.
    incidents: Vec<IncidentJson<'a>>,
}

#[derive(Serialize)]
struct IncidentJson<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
    severity: &'a str,
    severity_name: &'a str,
    status: &'a str,
    open: bool,
    postmortem: &'a str,
    date: &'a str,
    started: Option<&'a str>,
    detected: Option<&'a str>,
    acknowledged: Option<&'a str>,
    mitigated: Option<&'a str>,
    resolved: Option<&'a str>,
    minutes: Minutes,
    services: Vec<&'a str>,
    runbooks: Vec<RunbookRef<'a>>,
    commander: Option<&'a str>,
    actions: ActionCounts,
}

#[derive(Serialize)]
struct Minutes {
    to_detect: Option<i64>,
    to_acknowledge: Option<i64>,
    to_mitigate: Option<i64>,
    to_resolve: Option<i64>,
}

#[derive(Serialize)]
struct RunbookRef<'a> {
    title: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct ActionCounts {
    total: usize,
    open: usize,
    overdue: usize,
    closed: usize,
}

/// `/incidents.json`: every published incident, newest first (format in README.md).
pub fn incidents_json<'a>(catalog: &'a Catalog, today: &'a str, base_url: &'a str) -> IncidentsJson<'a> {
    let incidents = catalog
        .incidents
        .iter()
        .map(|r| {
            let items = &catalog.actions[r.action_range.clone()];
            IncidentJson {
                id: &r.id,
                title: &r.title,
                url: &r.url,
                severity: &r.severity,
                severity_name: &r.severity_name,
                status: &r.status,
                open: r.open,
                postmortem: &r.postmortem,
                date: &r.date,
                started: opt(&r.started),
                detected: opt(&r.detected),
                acknowledged: opt(&r.acknowledged),
                mitigated: opt(&r.mitigated),
                resolved: opt(&r.resolved),
                minutes: Minutes {
                    to_detect: r.ttd_minutes,
                    to_acknowledge: r.tta_minutes,
                    to_mitigate: r.ttm_minutes,
                    to_resolve: r.duration_minutes,
                },
                services: r.services.iter().map(|s| s.name.as_str()).collect(),
                runbooks: r.runbooks.iter().map(|l| RunbookRef { title: &l.name, url: &l.url }).collect(),
                commander: opt(&r.commander),
                actions: ActionCounts {
                    total: items.len(),
                    open: items.iter().filter(|a| !a.closed).count(),
                    overdue: items.iter().filter(|a| a.overdue).count(),
                    closed: items.iter().filter(|a| a.closed).count(),
                },
            }
        })
        .collect();
    IncidentsJson { version: 1, today, base_url, incidents }
}

/// The latest milestone an incident has (its last change as far as the data tells).
fn updated(r: &IncidentRow) -> Option<jiff::Timestamp> {
    [&r.started, &r.detected, &r.acknowledged, &r.mitigated, &r.resolved]
        .into_iter()
        .filter_map(|s| s.parse::<jiff::Timestamp>().ok())
        .max()
}

/// How many incidents the feed carries (the newest).
pub const FEED_ENTRIES: usize = 50;

/// `/feed.xml`: the newest incidents as an Atom 1.0 feed. Entry `updated` is the incident's
/// latest milestone; the feed's is the newest of those (or `today` when there are none).
pub fn atom_feed(catalog: &Catalog, title: &str, base_url: &str, today: jiff::civil::Date) -> String {
    let entries: Vec<&IncidentRow> = catalog.incidents.iter().take(FEED_ENTRIES).collect();
    let stamp = |t: jiff::Timestamp| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    let feed_updated =
        entries.iter().filter_map(|r| updated(r)).max().map(stamp).unwrap_or_else(|| format!("{today}T00:00:00Z"));
    let id = |path: &str, urn: &str| {
        if base_url.is_empty() {
            format!("urn:sitrep:{urn}")
        } else {
            abs(base_url, path)
        }
    };
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(x, "  <title>{} — incidents</title>", xml_escape(title));
    let _ = writeln!(x, "  <id>{}</id>", xml_escape(&id("feed.xml", "feed")));
    let _ = writeln!(x, "  <updated>{feed_updated}</updated>");
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&abs(base_url, "feed.xml"))
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&abs(base_url, "incidents/"))
    );
    let _ = writeln!(x, "  <author><name>{}</name></author>", xml_escape(title));
    x.push_str("  <generator>sitrep</generator>\n");
    for r in entries {
        let up = updated(r).map(stamp).unwrap_or_else(|| format!("{today}T00:00:00Z"));
        let mut summary = format!("{} {}", r.severity, r.status);
        if !r.started.is_empty() {
            let _ = write!(summary, "; started {}", r.times.get("started").map_or("", String::as_str));
        }
        if !r.duration.is_empty() {
            let _ = write!(summary, "; resolved after {}", r.duration);
        }
        if !r.services.is_empty() {
            let names: Vec<&str> = r.services.iter().map(|s| s.name.as_str()).collect();
            let _ = write!(summary, "; services: {}", names.join(", "));
        }
        let _ = write!(summary, "; action items: {} open of {}.", r.actions_open, r.actions_total);
        x.push_str("  <entry>\n");
        let _ = writeln!(
            x,
            "    <id>{}</id>",
            xml_escape(&id(
                &r.url,
                &format!("incident:{}", r.url.trim_start_matches("incidents/").trim_end_matches('/'))
            ))
        );
        let _ = writeln!(x, "    <title>{}: {}</title>", xml_escape(&r.id), xml_escape(&r.title));
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml_escape(&abs(base_url, &r.url))
        );
        if let Ok(t) = r.started.parse::<jiff::Timestamp>() {
            let _ = writeln!(x, "    <published>{}</published>", stamp(t));
        }
        let _ = writeln!(x, "    <updated>{up}</updated>");
        if !r.commander.is_empty() {
            let _ = writeln!(x, "    <author><name>{}</name></author>", xml_escape(&r.commander));
        }
        if !r.severity.is_empty() {
            let _ = writeln!(x, "    <category term=\"{}\"/>", xml_escape(&r.severity));
        }
        let _ = writeln!(x, "    <summary type=\"text\">{}</summary>", xml_escape(&summary));
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// URLs per sitemap file (the protocol's limit).
pub const SITEMAP_MAX: usize = 50_000;

/// `/sitemap.xml` for `pages` (site path, optional `YYYY-MM-DD` last modification) with absolute
/// URLs under `base_url`; above 50,000 URLs, a sitemap index over `sitemap-N.xml` files. Nothing
/// without a base URL (sitemaps need absolute URLs).
pub fn sitemaps(pages: &[(String, String)], base_url: &str) -> Vec<Page> {
    if base_url.is_empty() {
        return Vec::new();
    }
    let urlset = |chunk: &[(String, String)]| {
        let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (path, lastmod) in chunk {
            let _ = write!(x, "  <url><loc>{}</loc>", xml_escape(&abs(base_url, path)));
            if !lastmod.is_empty() {
                let _ = write!(x, "<lastmod>{}</lastmod>", xml_escape(lastmod));
            }
            x.push_str("</url>\n");
        }
        x.push_str("</urlset>\n");
        x.into_bytes()
    };
    if pages.len() <= SITEMAP_MAX {
        return vec![Page { path: "sitemap.xml".into(), bytes: urlset(pages) }];
    }
    let mut out = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (i, chunk) in pages.chunks(SITEMAP_MAX).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        let _ = writeln!(index, "  <sitemap><loc>{}</loc></sitemap>", xml_escape(&abs(base_url, &name)));
        out.push(Page { path: name, bytes: urlset(chunk) });
    }
    index.push_str("</sitemapindex>\n");
    out.push(Page { path: "sitemap.xml".into(), bytes: index.into_bytes() });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(xml_escape("a<b>&\"'\u{1}c"), "a&lt;b&gt;&amp;&quot;&apos;c");
        assert_eq!(xml_escape("plain text, é ü 中"), "plain text, é ü 中");
        assert_eq!(xml_escape("\u{FFFE}x\u{FFFF}\u{FFFD}\u{F8FF}\t\n\r\u{7}é<"), "x\u{FFFD}\u{F8FF}\t\n\ré&lt;");
        let v = serde_json::json!({"t": "a</script><"});
        assert_eq!(String::from_utf8(json_bytes(&v)).unwrap(), "{\"t\":\"a\\u003c/script>\\u003c\"}\n");
    }

    #[test]
    fn escaping_every_ascii_character() {
        for b in 0u8..128 {
            let c = b as char;
            let want = match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&apos;".to_string(),
                '\t' | '\n' | '\r' => c.to_string(),
                c if (c as u32) < 0x20 => String::new(),
                c => c.to_string(),
            };
            assert_eq!(xml_escape(&format!("x{c}y")), format!("x{want}y"), "byte {b:#x}");
        }
    }

    #[test]
    fn streamed_escaping_writes_what_xml_escape_returns() {
        let all_ascii: String = (0u8..128).map(char::from).collect();
        for s in ["", "plain", "<", "a<b>&\"'\u{1}c", "\u{FFFE}x\u{FFFF}\u{FFFD}é<中", &all_ascii] {
            let mut w = Vec::new();
            xml_escape_to(s, &mut w).unwrap();
            assert_eq!(String::from_utf8(w).unwrap(), xml_escape(s), "{s:?}");
        }
    }

    #[test]
    fn large_sitemaps_are_split_under_an_index() {
        let pages: Vec<(String, String)> = (0..SITEMAP_MAX + 1).map(|i| (format!("p{i}/"), String::new())).collect();
        let out = sitemaps(&pages, "https://x.org/");
        assert_eq!(
            out.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(),
            ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]
        );
        assert!(String::from_utf8_lossy(&out[2].bytes).contains("<loc>https://x.org/sitemap-2.xml</loc>"));
        assert!(sitemaps(&pages[..1], "").is_empty());
    }
}
