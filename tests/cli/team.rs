//! `sitrep build` pages a team reviews: the numbers behind every chart (hand-computed from
//! tests/fixtures/team), the action tracker's order and grouping, the Atom feed, the sitemap, and
//! the JSON exports (`incidents.json`, `actions.json`, `search-index.json`).
//!
//! The fixture (today pinned to 2026-05-01, all times UTC; durations in minutes from `started`):
//!
//! | incident | sev | started | detect | mitigate | resolve | services | action items |
//! |---|---|---|---|---|---|---|---|
//! | INC-2025-011 | SEV3 | 2025-11-15 | 45 | 60 | 120 | database | @dee done |
//! | INC-2025-010 | SEV4 | 2025-12-30 | 15 | 25 | 40 | api | @ana done |
//! | INC-2026-001 | SEV1 | 2026-01-10 | 10 | 30 | 60 | api, database | @ana done; @bo open, due 03-01 (overdue) |
//! | INC-2026-002 | SEV2 | 2026-01-20 | 20 | 60 | 120 | api | @ana open, due 05-01; nobody, open, due 02-15 (overdue) |
//! | INC-2026-003 | SEV2 | 2026-02-05 | 30 | 90 | 34560 (resolved 2026-03-01) | database | @bo done |
//! | INC-2026-004 | SEV3 | 2026-04-02 | 5 | 45 | — (open) | cache | @cy open, due 04-10 (overdue); @cy done |
//! | INC-2026-099 | private: never published, never counted |

use crate::build::assert_links_resolve;
use crate::common::snapshot;
use crate::common::{fixture, repo, sitrep};
use regex::Regex;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const BASE: &str = "https://team.example.org/ops/";

fn built() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let r = sitrep(
        &repo(),
        &["build", fixture("team").to_str().unwrap(), "--out", out.to_str().unwrap(), "--today", "2026-05-01", "-q"],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    (dir, out)
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn json_file(out: &Path, rel: &str) -> Value {
    let text = read(out, rel);
    assert!(!text.contains('<'), "{rel}: `<` must be escaped as \\u003c");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The rows of the HTML table with `id`, each cell's text (tags stripped, entities decoded).
fn table(html: &str, id: &str) -> Vec<Vec<String>> {
    let start = html.find(&format!("<table id=\"{id}\"")).unwrap_or_else(|| panic!("no table #{id}"));
    let body = &html[start..start + html[start..].find("</table>").unwrap()];
    let body = &body[body.find("<tbody>").expect("tbody")..];
    let row = Regex::new(r"(?s)<tr[^>]*>(.*?)</tr>").unwrap();
    let cell = Regex::new(r"(?s)<t[hd][^>]*>(.*?)</t[hd]>").unwrap();
    let tag = Regex::new(r"<[^>]+>").unwrap();
    row.captures_iter(body)
        .map(|r| {
            cell.captures_iter(&r[1])
                .map(|c| tag.replace_all(&c[1], "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
                .collect()
        })
        .collect()
}

fn rows(expected: &[&[&str]]) -> Vec<Vec<String>> {
    expected.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect()
}

#[test]
fn metrics_numbers_match_hand_computed_values() {
    let (_d, out) = built();
    let html = read(&out, "metrics/index.html");
    // (1) Incidents per month by severity: every month from the first to the last, the private
    // incident of 2026-03 not counted.
    assert_eq!(
        table(&html, "incidents-per-month-data"),
        rows(&[
            &["2025-11", "0", "0", "1", "0", "1"],
            &["2025-12", "0", "0", "0", "1", "1"],
            &["2026-01", "1", "1", "0", "0", "2"],
            &["2026-02", "0", "1", "0", "0", "1"],
            &["2026-03", "0", "0", "0", "0", "0"],
            &["2026-04", "0", "0", "1", "0", "1"],
        ])
    );
    // (2) Mean and median per quarter. 2025-Q4: detect 45, 15; 2026-Q1: 10, 20, 30; 2026-Q2: 5.
    assert_eq!(
        table(&html, "time-to-detect-data"),
        rows(&[
            &["2025-Q4", "2", "30 min", "30 min"],
            &["2026-Q1", "3", "20 min", "20 min"],
            &["2026-Q2", "1", "5 min", "5 min"],
        ])
    );
    // Mitigate: (60 + 25) / 2 = 42.5; (30 + 60 + 90) / 3 = 60.
    assert_eq!(
        table(&html, "time-to-mitigate-data"),
        rows(&[
            &["2025-Q4", "2", "42.5 min", "42.5 min"],
            &["2026-Q1", "3", "1 h", "1 h"],
            &["2026-Q2", "1", "45 min", "45 min"],
        ])
    );
    // Resolve: (120 + 40) / 2 = 80; (60 + 120 + 34560) / 3 = 11580 = 8 d 1 h, median 120;
    // 2026-Q2's only incident is not resolved.
    assert_eq!(
        table(&html, "time-to-resolve-data"),
        rows(&[
            &["2025-Q4", "2", "1 h 20 min", "1 h 20 min"],
            &["2026-Q1", "3", "8 d 1 h", "2 h"],
            &["2026-Q2", "0", "", ""],
        ])
    );
    assert!(html.contains("<td data-value=\"11580\">8 d 1 h</td>"), "raw minutes for sorting");
    // (3) Action items: opened in the incident's start month; closed ones in its resolved
    // month (INC-2026-003: resolved in March), or its start month when unresolved (INC-2026-004).
    assert_eq!(
        table(&html, "actions-per-month-data"),
        rows(&[
            &["2025-11", "1", "1"],
            &["2025-12", "1", "1"],
            &["2026-01", "4", "1"],
            &["2026-02", "1", "0"],
            &["2026-03", "0", "1"],
            &["2026-04", "2", "1"],
        ])
    );
    // (4) Incidents per service, most first, ties by name.
    assert_eq!(table(&html, "incidents-per-service-data"), rows(&[&["api", "3"], &["database", "3"], &["cache", "1"]]));
    assert!(html.contains("<a href=\"../services/api/\">api</a>"));
}

#[test]
fn charts_are_accessible_svg_drawn_from_the_same_numbers() {
    let (_d, out) = built();
    let html = read(&out, "metrics/index.html");
    assert_eq!(html.matches("<script").count(), 2, "only site.js and search.js: no chart JavaScript");
    let svg = Regex::new(r#"(?s)<svg class="chart"[^>]*>.*?</svg>"#).unwrap();
    let charts: Vec<&str> = svg.find_iter(&html).map(|m| m.as_str()).collect();
    assert_eq!(charts.len(), 6, "six charts");
    let labelled = Regex::new(r#"aria-labelledby="([^"]+)-title" aria-describedby="([^"]+)-desc""#).unwrap();
    for c in &charts {
        let id = labelled.captures(c).unwrap_or_else(|| panic!("labelled: {}", &c[..200]));
        assert!(c.contains("role=\"img\""));
        assert!(c.contains(&format!("<title id=\"{}-title\">", &id[1])));
        assert!(c.contains(&format!("<desc id=\"{}-desc\">", &id[2])));
        assert!(c.contains("class=\"tick\"") && c.contains("class=\"axis\""), "axes and ticks");
        assert!(!c.contains("fill=\"#"), "colours come from the stylesheet");
        // Parses as XML on its own.
        roxmltree::Document::parse(c).unwrap_or_else(|e| panic!("{e}: {c}"));
    }
    // Stacked: one bar per non-zero (month, severity); legend only for severities present.
    let month = charts[0];
    assert_eq!(month.matches("<rect class=\"bar ").count(), 6);
    assert!(month.contains("<title>2026-01 · SEV1: 1</title>") && month.contains("<title>2026-01 · SEV2: 1</title>"));
    assert!(month.contains(">SEV4</text>"), "legend");
    // Grouped: mean and median side by side, in the unit that reads best (days for 2026-Q1).
    let resolve = charts[3];
    assert!(resolve.contains(">days</text>"), "{resolve}");
    assert!(resolve.contains("<title>2026-Q1 · mean: 8.04</title>"));
    assert!(resolve.contains("<title>2026-Q1 · median: 0.08</title>"));
    let actions = charts[4];
    assert!(actions.contains("<title>2026-03 · closed: 1</title>"));
    assert!(html.contains("counted in the month its incident was resolved"), "the description says how");
    // The stylesheet colours the series in both schemes.
    let css = read(&out, "static/style.css");
    assert!(css.contains(".c1 { fill: var(--c1); }") && css.matches("--c6:").count() == 2);
}

#[test]
fn service_pages_chart_their_own_incidents() {
    let (_d, out) = built();
    let html = read(&out, "services/api/index.html");
    assert_eq!(
        table(&html, "svc-incidents-per-month-data"),
        rows(&[&["2025-12", "0", "0", "0", "1", "1"], &["2026-01", "1", "1", "0", "0", "2"]])
    );
    // api: 2025-Q4 resolve 40; 2026-Q1 resolve 60 and 120.
    assert_eq!(
        table(&html, "svc-time-to-resolve-data"),
        rows(&[&["2025-Q4", "1", "40 min", "40 min"], &["2026-Q1", "2", "1 h 30 min", "1 h 30 min"]])
    );
    assert_eq!(html.matches("<svg class=\"chart\"").count(), 2);
}

#[test]
fn action_tracker_orders_and_groups_by_owner() {
    let (_d, out) = built();
    let html = read(&out, "actions/index.html");
    // Per-owner counts: most overdue first, then most open, then name; Unassigned last.
    assert_eq!(
        table(&html, "owner-counts"),
        rows(&[
            &["@bo", "1", "1", "1", "2"],
            &["@cy", "1", "1", "1", "2"],
            &["@ana", "1", "0", "2", "3"],
            &["@dee", "0", "0", "1", "1"],
            &["Unassigned", "1", "1", "0", "1"],
        ])
    );
    // Each owner's section: overdue, then open, then closed, each by due date.
    let section = |anchor: &str| {
        let s = html.find(&format!("<h2 id=\"{anchor}\">")).unwrap_or_else(|| panic!("#{anchor}"));
        let e = s + html[s..].find("</section>").unwrap();
        let row = Regex::new(
            r#"(?s)<tr class="(\w+)"><td><a href="([^"]+)"[^>]*>([^<]+)</a></td><td>([^<]+)</td><td>([^<]*)"#,
        )
        .unwrap();
        row.captures_iter(&html[s..e])
            .map(|c| format!("{} {} {} {} {}", &c[1], &c[2], &c[3], &c[4], c[5].trim()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        section("owner-ana"),
        [
            "open ../incidents/inc-2026-002/ INC-2026-002 Write the login runbook 2026-05-01",
            "closed ../incidents/inc-2025-010/ INC-2025-010 Move the batch window 2026-01-05",
            "closed ../incidents/inc-2026-001/ INC-2026-001 Fix client retries 2026-02-01",
        ]
    );
    assert_eq!(
        section("owner-bo"),
        [
            "overdue ../incidents/inc-2026-001/ INC-2026-001 Add an error-rate alert 2026-03-01",
            "closed ../incidents/inc-2026-003/ INC-2026-003 Add a second replica 2026-04-15",
        ]
    );
    assert_eq!(
        section("owner-unassigned"),
        ["overdue ../incidents/inc-2026-002/ INC-2026-002 Tune the connection pool 2026-02-15"]
    );
    assert!(html.contains("<span class=\"badge overdue\">overdue</span>"), "overdue highlighted");
    assert!(html.contains("<a href=\"https://tickets.example.org/OPS-4\">"), "ticket URLs are links");
    assert!(!html.contains("Secret follow-up"), "private incidents stay out");
    // Linked from the header on every page and from the home page.
    let nav = Regex::new(r#"<nav aria-label="Main">(?s).*href="(\.\./)*actions/">Actions</a>"#).unwrap();
    for page in ["index.html", "incidents/index.html", "metrics/index.html"] {
        let text = read(&out, page);
        assert!(nav.is_match(&text), "Actions in the header nav of {page}");
        assert!(text.contains("id=\"site-search\""), "search box on {page}");
    }
    assert!(read(&out, "index.html").contains("<a href=\"actions/\">All action items by owner →</a>"));

    // actions.json: the same list in the same order, and the counts.
    let j = json_file(&out, "actions.json");
    assert_eq!(j["version"], 1);
    assert_eq!(j["today"], "2026-05-01");
    assert_eq!(j["base_url"], BASE);
    let owners: Vec<(String, u64, u64, u64, u64)> = j["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let n = |k: &str| o[k].as_u64().unwrap();
            (o["owner"].as_str().unwrap().to_string(), n("open"), n("overdue"), n("closed"), n("total"))
        })
        .collect();
    assert_eq!(
        owners,
        [
            ("@bo".to_string(), 1, 1, 1, 2),
            ("@cy".into(), 1, 1, 1, 2),
            ("@ana".into(), 1, 0, 2, 3),
            ("@dee".into(), 0, 0, 1, 1),
            ("".into(), 1, 1, 0, 1),
        ]
    );
    let actions = j["actions"].as_array().unwrap();
    let order: Vec<&str> = actions.iter().map(|a| a["action"].as_str().unwrap()).collect();
    assert_eq!(
        order,
        [
            "Add an error-rate alert",
            "Add a second replica",
            "Build a cache warmer",
            "Document the TTLs",
            "Write the login runbook",
            "Move the batch window",
            "Fix client retries",
            "Add a synthetic probe",
            "Tune the connection pool",
        ]
    );
    assert_eq!(
        actions[0],
        json!({"incident": "INC-2026-001", "incident_url": "incidents/inc-2026-001/", "incident_title": "Checkout <api> errors",
               "action": "Add an error-rate alert", "owner": "@bo", "due": "2026-03-01", "status": "open", "closed": false,
               "overdue": true, "priority": "P2", "ticket": "OPS-2"})
    );
}

#[test]
fn incidents_json_is_the_whole_catalogue() {
    let (_d, out) = built();
    assert!(read(&out, "incidents.json").contains("Checkout \\u003capi> errors"));
    let j = json_file(&out, "incidents.json");
    assert_eq!(
        (j["version"].as_u64(), j["today"].as_str(), j["base_url"].as_str()),
        (Some(1), Some("2026-05-01"), Some(BASE))
    );
    let list = j["incidents"].as_array().unwrap();
    let ids: Vec<&str> = list.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["INC-2026-004", "INC-2026-003", "INC-2026-002", "INC-2026-001", "INC-2025-010", "INC-2025-011"]);
    let a = &list[3];
    assert_eq!(
        *a,
        json!({
            "id": "INC-2026-001", "title": "Checkout <api> errors", "url": "incidents/inc-2026-001/",
            "severity": "SEV1", "severity_name": "Critical", "status": "resolved", "open": false, "postmortem": "published",
            "date": "2026-01-10", "started": "2026-01-10T10:00:00Z", "detected": "2026-01-10T10:10:00Z",
            "acknowledged": null, "mitigated": "2026-01-10T10:30:00Z", "resolved": "2026-01-10T11:00:00Z",
            "minutes": {"to_detect": 10, "to_acknowledge": null, "to_mitigate": 30, "to_resolve": 60},
            "services": ["api", "database"], "runbooks": [], "commander": "Ana Ruiz",
            "actions": {"total": 2, "open": 1, "overdue": 1, "closed": 1},
        })
    );
    let open = &list[0];
    assert_eq!(open["open"], true);
    assert_eq!(open["resolved"], Value::Null);
    assert_eq!(open["minutes"]["to_resolve"], Value::Null);
    assert_eq!(list[1]["minutes"]["to_resolve"], 34560);
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The first Atom child element called `name`.
fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM))
}

/// The text of the required Atom child element `name`.
fn text_of(n: roxmltree::Node<'_, '_>, name: &str) -> String {
    child(n, name).and_then(|c| c.text()).unwrap_or_else(|| panic!("<{name}> required")).to_string()
}

#[test]
fn atom_feed_is_valid_and_newest_first() {
    let (_d, out) = built();
    let text = read(&out, "feed.xml");
    assert!(text.contains("Checkout &lt;api&gt; errors") && !text.contains("<api>"));
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let feed = doc.root_element();
    assert_eq!((feed.tag_name().namespace(), feed.tag_name().name()), (Some(ATOM), "feed"));
    // RFC 4287 4.1.1: a feed has exactly one id, title, updated; an author (here at feed level).
    assert_eq!(text_of(feed, "title"), "Team <Fixture> & Co — incidents");
    assert_eq!(text_of(feed, "id"), format!("{BASE}feed.xml"));
    assert_eq!(text_of(feed, "updated"), "2026-04-02T09:45:00Z", "the newest entry's update");
    assert!(child(feed, "author").and_then(|a| child(a, "name")).is_some());
    let self_link = feed.children().find(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("self"));
    assert_eq!(self_link.and_then(|l| l.attribute("href")), Some(format!("{BASE}feed.xml").as_str()));
    let entries: Vec<_> = feed.children().filter(|c| c.tag_name().name() == "entry").collect();
    let titles: Vec<String> = entries.iter().map(|e| text_of(*e, "title")).collect();
    assert_eq!(
        titles,
        [
            "INC-2026-004: Cache hit rate dropped",
            "INC-2026-003: Replica lag for weeks",
            "INC-2026-002: Slow logins",
            "INC-2026-001: Checkout <api> errors",
            "INC-2025-010: Year-end batch overran",
            "INC-2025-011: DNS probe flapping",
        ]
    );
    let rfc3339 = Regex::new(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$").unwrap();
    for e in &entries {
        let id = text_of(*e, "id");
        assert!(id.starts_with(&format!("{BASE}incidents/")), "{id}");
        assert!(rfc3339.is_match(&text_of(*e, "updated")));
        let link = e.children().find(|c| c.tag_name().name() == "link").expect("link").attribute("href").unwrap();
        assert_eq!(link, id, "absolute link to the incident page");
        let page = out.join(link.strip_prefix(BASE).unwrap()).join("index.html");
        assert!(page.is_file(), "{}", page.display());
    }
    assert_eq!(text_of(entries[0], "updated"), "2026-04-02T09:45:00Z", "latest milestone: mitigated");
    assert_eq!(text_of(entries[0], "published"), "2026-04-02T09:00:00Z");
    assert_eq!(text_of(entries[1], "updated"), "2026-03-01T12:00:00Z", "resolved");
    assert!(
        text_of(entries[3], "summary").starts_with("SEV1 resolved; started 2026-01-10 10:00 UTC; resolved after 1 h")
    );
}

#[test]
fn atom_feed_without_a_base_url_uses_relative_links() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    crate::common::copy_dir(&fixture("team"), &site);
    let cfg = std::fs::read_to_string(site.join("sitrep.yaml")).unwrap().replace(&format!("base_url: \"{BASE}\""), "");
    std::fs::write(site.join("sitrep.yaml"), cfg).unwrap();
    let out = dir.path().join("public");
    let r = sitrep(
        &repo(),
        &["build", site.to_str().unwrap(), "--out", out.to_str().unwrap(), "--today", "2026-05-01", "-q"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = read(&out, "feed.xml");
    roxmltree::Document::parse(&text).expect("well-formed XML");
    assert!(text.contains("<link rel=\"alternate\" type=\"text/html\" href=\"incidents/inc-2026-004/\"/>"));
    assert!(text.contains("<id>urn:sitrep:incident:inc-2026-004</id>"));
    assert!(!out.join("sitemap.xml").exists(), "sitemaps need absolute URLs");
}

#[test]
fn sitemap_lists_every_page_with_absolute_urls() {
    let (_d, out) = built();
    let text = read(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let root = doc.root_element();
    assert_eq!((root.tag_name().namespace(), root.tag_name().name()), (Some(ns), "urlset"));
    let date = Regex::new(r"^\d{4}-\d\d-\d\d$").unwrap();
    let mut locs = Vec::new();
    for url in root.children().filter(|c| c.is_element()) {
        assert_eq!(url.tag_name().name(), "url");
        let loc = url.children().find(|c| c.tag_name().name() == "loc").and_then(|l| l.text()).expect("loc");
        let path = loc.strip_prefix(BASE).unwrap_or_else(|| panic!("absolute under the base URL: {loc}"));
        assert!(out.join(path).join("index.html").is_file(), "{loc} is a built page");
        if let Some(m) = url.children().find(|c| c.tag_name().name() == "lastmod") {
            assert!(date.is_match(m.text().unwrap()));
        }
        locs.push(path.to_string());
    }
    for want in [
        "",
        "actions/",
        "metrics/",
        "incidents/inc-2026-001/",
        "runbooks/checkout/",
        "services/cache/",
        "severity/sev1/",
        "about/",
    ] {
        assert!(locs.iter().any(|l| l == want), "{want} missing from {locs:?}");
    }
    assert!(!locs.iter().any(|l| l.contains("inc-2026-099")), "private incidents stay out");
    assert!(!locs.iter().any(|l| l.starts_with("alerts/checkouterrorrate")), "redirects are not pages");
    // 1 home + 6 lists (incidents, runbooks, services, actions, metrics, alerts) + 6 incidents
    // + 2 runbooks + 3 services + 4 severities + 1 page.
    assert_eq!(locs.len(), 23, "{locs:?}");
}

#[test]
fn search_index_covers_every_published_document_compactly() {
    let (_d, out) = built();
    let j = json_file(&out, "search-index.json");
    assert_eq!(j["version"], 1);
    assert_eq!(
        j["fields"],
        json!(["kind", "title", "id", "url", "severity", "services", "alerts", "headings", "excerpt"])
    );
    let strings: Vec<&str> = j["strings"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    let lists = j["lists"].as_array().unwrap();
    let list = |v: &Value| -> Vec<&str> {
        lists[v.as_u64().unwrap() as usize]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| strings[i.as_u64().unwrap() as usize])
            .collect()
    };
    let docs = j["docs"].as_array().unwrap();
    assert_eq!(docs.len(), 6 + 2 + 1, "incidents, runbooks, pages");
    let kinds = j["kinds"].as_array().unwrap();
    let find = |title: &str| docs.iter().find(|d| d[1] == title).unwrap_or_else(|| panic!("{title}"));
    let inc = find("Checkout <api> errors");
    assert_eq!(kinds[inc[0].as_u64().unwrap() as usize], "incident");
    assert_eq!(
        (inc[2].as_str(), inc[3].as_str(), inc[4].as_str()),
        (Some("INC-2026-001"), Some("incidents/inc-2026-001/"), Some("SEV1"))
    );
    assert_eq!(list(&inc[5]), ["api", "database"]);
    assert_eq!(list(&inc[7]), ["Summary", "Impact", "Timeline", "Root Cause", "Action Items", "Lessons Learned"]);
    assert_eq!(inc[8], "The checkout api errors incident…");
    // Every postmortem has the same headings: the list is stored once.
    assert!(docs.iter().filter(|d| kinds[d[0].as_u64().unwrap() as usize] == "incident").all(|d| d[7] == inc[7]));
    let rb = find("Checkout errors");
    assert_eq!(kinds[rb[0].as_u64().unwrap() as usize], "runbook");
    assert_eq!(rb[6], json!(["CheckoutErrorRate"]));
    assert!(rb[8].as_str().unwrap().contains("quokka"), "body words are searchable");
    assert!(docs.iter().all(|d| d[8].as_str().unwrap().chars().count() <= 201), "excerpts are bounded");
    assert!(!read(&out, "search-index.json").contains("Private one"));
}

#[test]
fn new_pages_pass_the_link_walker_and_are_deterministic() {
    let (_a, one) = built();
    assert_links_resolve(&one, "/ops/");
    let (_b, two) = built();
    assert!(snapshot(&one) == snapshot(&two), "two builds differ");
}
