//! The built site in a real headless Chromium, driven over WebDriver (chromedriver): filtering
//! the incident table, following links, no console errors, screenshots in light and dark.
//! Needs Debian's `chromium` and `chromium-driver` (scripts/test.sh installs them).

use crate::common::{fixture, repo, sitrep};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Serve `root` on a loopback port until the process ends (test-only, GET of files); unknown
/// paths get `not_found` (relative to root) with status 404, as a web server would be set up.
pub fn serve_dir(root: PathBuf, not_found: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || handle(stream, &root, not_found));
        }
    });
    port
}

fn handle(mut stream: TcpStream, root: &Path, not_found: &str) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).map_or(true, |n| n == 0) || h == "\r\n" {
            break;
        }
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").split(['?', '#']).next().unwrap_or("/").to_string();
    let mut file = root.join(path.trim_start_matches('/'));
    if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, body, ctype) = match std::fs::read(&file) {
        Ok(b) => {
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            let ct = match ext {
                "html" => "text/html; charset=utf-8",
                "css" => "text/css",
                "js" => "text/javascript",
                "svg" => "image/svg+xml",
                "png" => "image/png",
                "json" => "application/json",
                _ => "application/octet-stream",
            };
            ("200 OK", b, ct)
        }
        Err(_) => {
            ("404 Not Found", std::fs::read(root.join(not_found)).unwrap_or_default(), "text/html; charset=utf-8")
        }
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&body);
}

/// A chromedriver process with one headless Chromium session.
pub struct Browser {
    driver: Child,
    base: String,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Start chromedriver and a fresh-profile headless Chromium.
    pub fn start() -> Browser {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver not found: install Debian's chromium and chromium-driver (scripts/test.sh does)");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while ureq::get(&format!("{base}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.path().display())]},
            "goog:loggingPrefs": {"browser": "ALL"}}}});
        let v: Value =
            ureq::post(&format!("{base}/session")).send_json(caps).expect("new session").into_json().unwrap();
        let session = v["value"]["sessionId"].as_str().expect("session id").to_string();
        Browser { driver, base, session, _profile: profile }
    }

    fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let r = match method {
            "GET" => ureq::get(&url).call(),
            _ => ureq::post(&url).send_json(body),
        };
        match r {
            Ok(resp) => resp.into_json::<Value>().unwrap()["value"].clone(),
            Err(ureq::Error::Status(code, resp)) => {
                panic!("webdriver {path}: {code} {}", resp.into_string().unwrap_or_default())
            }
            Err(e) => panic!("webdriver {path}: {e}"),
        }
    }

    /// Open a URL.
    pub fn goto(&self, url: &str) {
        self.cmd("POST", "/url", json!({"url": url}));
    }

    /// Run a script and return its value.
    pub fn js(&self, script: &str) -> Value {
        self.cmd("POST", "/execute/sync", json!({"script": script, "args": []}))
    }

    /// Click the first element matching `css`.
    pub fn click(&self, css: &str) {
        let el = self.cmd("POST", "/element", json!({"using": "css selector", "value": css}));
        let id = el.as_object().and_then(|o| o.values().next()).and_then(Value::as_str).expect("element").to_string();
        self.cmd("POST", &format!("/element/{id}/click"), json!({}));
    }

    /// Type `text` into the first element matching `css` (WebDriver key codes allowed: `\u{E007}` is Enter).
    pub fn send_keys(&self, css: &str, text: &str) {
        let el = self.cmd("POST", "/element", json!({"using": "css selector", "value": css}));
        let id = el.as_object().and_then(|o| o.values().next()).and_then(Value::as_str).expect("element").to_string();
        self.cmd("POST", &format!("/element/{id}/value"), json!({"text": text}));
    }

    /// Poll `script` until it returns something truthy (10 s at most); returns that value.
    pub fn wait_for(&self, script: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let v = self.js(script);
            if !(v.is_null() || v == false || v == "" || v == 0) {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for: {script}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Console errors (SEVERE browser log entries) since the last call.
    pub fn console_errors(&self) -> Vec<String> {
        let v = self.cmd("POST", "/se/log", json!({"type": "browser"}));
        v.as_array().unwrap().iter().filter(|e| e["level"] == "SEVERE").map(|e| e["message"].to_string()).collect()
    }

    /// Emulate `prefers-color-scheme`.
    pub fn color_scheme(&self, scheme: &str) {
        self.cmd(
            "POST",
            "/goog/cdp/execute",
            json!({"cmd": "Emulation.setEmulatedMedia", "params": {"features": [{"name": "prefers-color-scheme", "value": scheme}]}}),
        );
    }

    /// Save a PNG screenshot under tests/artifacts/.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let b64 = self.cmd("GET", "/screenshot", Value::Null);
        let bytes = base64_decode(b64.as_str().unwrap());
        assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
        let dir = repo().join("tests/artifacts");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = ureq::delete(&format!("{}/session/{}", self.base, self.session)).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            _ => 63,
        }
    };
    let clean: Vec<u8> = s.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=').collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &c)| acc | (val(c) << (18 - 6 * i)));
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

fn build_site(site: &Path) -> (tempfile::TempDir, PathBuf) {
    build_site_at(site, "2026-11-22")
}

fn build_site_at(site: &Path, today: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let r = sitrep(&repo(), &["build", site.to_str().unwrap(), "--out", out.to_str().unwrap(), "--today", today, "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    (dir, out)
}

#[test]
fn incident_table_filters_by_severity_and_pages_have_no_console_errors() {
    let (_d, out) = build_site(&repo());
    let port = serve_dir(out.clone(), "404.html");
    let base = format!("http://127.0.0.1:{port}/");
    let b = Browser::start();
    b.goto(&base);
    assert_eq!(b.js("return document.querySelector('h1').textContent"), "Acme Ops Handbook");
    b.click("header nav a[href$='incidents/']");
    assert!(b.js("return location.pathname").as_str().unwrap().ends_with("/incidents/"));
    let all = b.js("return document.querySelectorAll('#incident-table tbody tr').length").as_u64().unwrap();
    let sev2 = b
        .js("return document.querySelectorAll('#incident-table tbody tr[data-severity=SEV2]').length")
        .as_u64()
        .unwrap();
    assert!(sev2 > 0 && sev2 < all, "fixture must have SEV2 and others: {sev2} of {all}");
    assert_eq!(
        b.js("return document.getElementById('incident-filters').hidden"),
        false,
        "filters appear with JavaScript"
    );
    b.click("select[name=severity] option[value=SEV2]");
    let shown = b.js("return [...document.querySelectorAll('#incident-table tbody tr')].filter(r => !r.hidden).map(r => r.dataset.severity)");
    let shown: Vec<&str> = shown.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(shown.len() as u64, sev2, "{shown:?}");
    assert!(shown.iter().all(|s| *s == "SEV2"), "{shown:?}");
    assert!(b.js("return location.search").as_str().unwrap().contains("severity=SEV2"));
    // Sorting by clicking a header keeps every row.
    b.click("#incident-table th[data-sort=rank]");
    assert_eq!(b.js("return document.querySelectorAll('#incident-table tbody tr').length").as_u64().unwrap(), all);
    b.screenshot("incidents-filtered-light");
    // Open a runbook from the runbook list.
    b.goto(&format!("{base}runbooks/"));
    b.click("main table a[href*='db-failover']");
    assert_eq!(b.js("return document.querySelector('h1').textContent"), "Database failover");
    assert!(
        b.js("return document.querySelectorAll('pre.hl span[class^=hl-]').length").as_u64().unwrap() > 0,
        "highlighted code"
    );
    let errors = b.console_errors();
    assert!(errors.is_empty(), "console errors: {errors:?}");
    for (name, path) in [
        ("home", ""),
        ("incidents", "incidents/"),
        ("incident", "incidents/inc-2025-002/"),
        ("runbook", "runbooks/database/db-failover/"),
        ("actions", "actions/"),
        ("metrics", "metrics/"),
    ] {
        for scheme in ["light", "dark"] {
            b.color_scheme(scheme);
            b.goto(&format!("{base}{path}"));
            let bg = b.js("return getComputedStyle(document.body).backgroundColor");
            let want = if scheme == "dark" { "rgb(13, 17, 23)" } else { "rgb(255, 255, 255)" };
            assert_eq!(bg, want, "{name} in {scheme}");
            b.screenshot(&format!("{name}-{scheme}"));
        }
    }
    let errors = b.console_errors();
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

#[test]
fn the_fixture_site_works_without_javascript_errors_under_a_sub_path() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ops");
    let r = sitrep(
        &repo(),
        &[
            "build",
            fixture("build").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--base-url",
            "https://x.org/ops/",
            "--today",
            "2026-11-22",
            "-q",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let port = serve_dir(dir.path().to_path_buf(), "ops/404.html");
    let b = Browser::start();
    b.goto(&format!("http://127.0.0.1:{port}/ops/incidents/inc-2026-002/"));
    assert!(b.js("return document.querySelector('.banner.draft') !== null").as_bool().unwrap());
    b.click("a.incident-ref");
    assert!(b.js("return location.pathname").as_str().unwrap().ends_with("/ops/incidents/inc-2026-001/"));
    b.goto(&format!("http://127.0.0.1:{port}/ops/no-such-page/"));
    assert_eq!(b.js("return document.querySelector('h1').textContent"), "Page not found");
    let css_ok = b.js("return getComputedStyle(document.querySelector('.site-header')).borderBottomStyle");
    assert_eq!(css_ok, "solid", "the 404 page finds its stylesheet from any depth");
    // Only the two expected network failures: the page asked for, and the fixture's external
    // image (this machine is offline). No script error.
    let errors = b.console_errors();
    let unexpected: Vec<&String> =
        errors.iter().filter(|e| !e.contains("/ops/no-such-page/ - ") && !e.contains("img.example.org")).collect();
    assert!(unexpected.is_empty(), "console errors: {errors:?}");
}

#[test]
fn serve_live_reloads_the_open_page_and_shows_then_clears_the_overlay() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    crate::common::copy_dir(&fixture("build"), &site);
    let s = crate::serve::Server::start(&site, &["-q"]);
    let b = Browser::start();
    b.goto(&format!("http://localhost:{}/runbooks/database/db-failover/", s.port));
    b.js("window.scrollTo(0, 200); window.__sitrepMarker = 'still here'; return 1");
    let path = site.join("content/runbooks/database/db-failover.md");
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, good.replace("## Contacts", "Freshly edited paragraph.\n\n## Contacts")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let has = b.js("return document.body.innerText.includes('Freshly edited paragraph.')");
        if has == true {
            break;
        }
        assert!(Instant::now() < deadline, "the page never showed the edit");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(b.js("return window.__sitrepMarker === undefined"), true, "the page reloaded itself");
    // Break the front-matter: the overlay appears without touching the browser.
    std::fs::write(&path, good.replace("owner: \"team-db\"", "owner: [oops")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while b.js("return document.querySelector('#sitrep-overlay.sitrep-errors') !== null") != true {
        assert!(Instant::now() < deadline, "no overlay");
        std::thread::sleep(Duration::from_millis(100));
    }
    let text = b.js("return document.querySelector('#sitrep-overlay').innerText").as_str().unwrap().to_string();
    assert!(text.contains("db-failover.md:") && text.contains("frontmatter/syntax"), "{text}");
    b.screenshot("serve-overlay");
    std::fs::write(&path, &good).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while b.js("return document.querySelector('#sitrep-overlay.sitrep-errors') === null") != true {
        assert!(Instant::now() < deadline, "overlay never cleared");
        std::thread::sleep(Duration::from_millis(100));
    }
    let errors: Vec<String> = b.console_errors().into_iter().filter(|e| !e.contains("__sitrep/events")).collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

#[test]
fn search_box_finds_incidents_by_id_and_runbooks_by_body_words() {
    let (_d, out) = build_site_at(&fixture("team"), "2026-05-01");
    let port = serve_dir(out, "404.html");
    let base = format!("http://127.0.0.1:{port}/");
    let b = Browser::start();
    b.goto(&format!("{base}metrics/"));
    assert_eq!(b.js("return document.getElementById('site-search').hidden"), false, "shown with JavaScript");
    assert_eq!(
        b.js("return getComputedStyle(document.getElementById('search-results')).display"),
        "none",
        "no result list before typing"
    );
    assert_eq!(
        b.js("return performance.getEntriesByType('resource').some(e => e.name.endsWith('search-index.json'))"),
        false,
        "the index loads lazily"
    );
    // An incident by its id (any case): listed with kind, severity and id.
    b.send_keys("#search-input", "inc-2026-003");
    let first = b.wait_for("const a = document.querySelector('#search-results a'); return a && a.textContent");
    assert_eq!(first, "incidentSEV2INC-2026-003Replica lag for weeks");
    assert_eq!(b.js("return document.querySelector('#search-results a .sev').className"), "sev sev-sev2");
    assert!(b
        .js("return document.querySelector('#search-results a').getAttribute('href')")
        .as_str()
        .unwrap()
        .ends_with("incidents/inc-2026-003/"));
    // Enter on an exact id goes straight to it.
    b.send_keys("#search-input", "\u{E007}");
    b.wait_for("return location.pathname.endsWith('/incidents/inc-2026-003/')");
    // A runbook by a word from its body.
    b.send_keys("#search-input", "Quokka");
    let hit = b.wait_for("const a = document.querySelector('#search-results a'); return a && a.textContent");
    assert_eq!(hit, "runbookCheckout errors");
    assert_eq!(b.js("return document.getElementById('search-status').textContent"), "1 result");
    b.screenshot("search-light");
    // Several words must all match; nothing found says so.
    b.js("const i = document.getElementById('search-input'); i.value = ''; i.dispatchEvent(new Event('input'))");
    b.send_keys("#search-input", "quokka nonexistentword");
    b.wait_for("return document.getElementById('search-status').textContent === 'No results'");
    // An alert name and Enter: the runbook.
    b.js("const i = document.getElementById('search-input'); i.value = ''; i.dispatchEvent(new Event('input'))");
    b.send_keys("#search-input", "CheckoutErrorRate\u{E007}");
    b.wait_for("return location.pathname.endsWith('/runbooks/checkout/')");
    assert_eq!(b.js("return document.querySelector('h1').textContent"), "Checkout errors");
    let errors = b.console_errors();
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

#[test]
fn metrics_page_renders_its_svg_charts_in_both_schemes() {
    let (_d, out) = build_site(&repo());
    let port = serve_dir(out, "404.html");
    let b = Browser::start();
    for (scheme, c1) in [("light", "rgb(179, 38, 30)"), ("dark", "rgb(255, 123, 114)")] {
        b.color_scheme(scheme);
        b.goto(&format!("http://127.0.0.1:{port}/metrics/"));
        let sizes = b.js("return [...document.querySelectorAll('svg.chart')].map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height]; })");
        let sizes = sizes.as_array().unwrap();
        assert_eq!(sizes.len(), 6, "six charts");
        for s in sizes {
            assert!(s[0].as_f64().unwrap() > 100.0 && s[1].as_f64().unwrap() > 100.0, "{s}");
        }
        let bars = b.js("return [...document.querySelectorAll('svg.chart rect.bar')].filter(r => { const b = r.getBBox(); return b.width > 0 && b.height > 0; }).length");
        assert!(bars.as_u64().unwrap() > 20, "{bars}");
        // Colours come from the stylesheet's scheme.
        assert_eq!(b.js("return getComputedStyle(document.querySelector('svg.chart rect.c1')).fill"), c1, "{scheme}");
        b.js("document.querySelectorAll('details.chart-data')[0].open = true");
        assert!(b.js("return document.getElementById('incidents-per-month-data').offsetHeight").as_u64().unwrap() > 0);
    }
    let errors = b.console_errors();
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

#[test]
fn admonitions_are_titled_callouts_and_folded_ones_open() {
    let site = crate::common::site(&[(
        "content/runbooks/lb.md",
        "---\ntitle: LB\nowner: team\nlast_reviewed: 2026-11-01\n---\n# LB\n\n## Steps\n\n!!! danger \"Drains every connection\"\n    Read the rollback first.\n\n??? note \"Why\"\n    Because the pool is shared.\n\n> [!WARNING]\n> A GitHub alert.\n\n## Contacts\n\n- Slack: #team\n",
    )]);
    let (_d, out) = build_site(site.path());
    let port = serve_dir(out, "404.html");
    let b = Browser::start();
    b.goto(&format!("http://127.0.0.1:{port}/runbooks/lb/"));
    // The admonition shows its own title, not the alert's generic label as well.
    assert_eq!(
        b.js("return document.querySelector('blockquote.admonition .admonition-title').textContent"),
        "Drains every connection"
    );
    assert_eq!(
        b.js("return getComputedStyle(document.querySelector('blockquote.admonition'), '::before').content"),
        "none"
    );
    assert_eq!(
        b.js(
            "return getComputedStyle(document.querySelector('blockquote.markdown-alert-warning'), '::before').content"
        ),
        "\"Warning\""
    );
    // Callouts carry their kind's colour: danger and note differ.
    let danger = b.js("return getComputedStyle(document.querySelector('.markdown-alert-caution')).borderLeftColor");
    let note = b.js("return getComputedStyle(document.querySelector('details.markdown-alert-note')).borderLeftColor");
    assert_ne!(danger, note);
    // `???` folds: its content is hidden until the summary is clicked.
    let visible = "return document.querySelector('details.admonition p:not(.admonition-title)').checkVisibility()";
    assert_eq!(b.js(visible), false);
    b.click("details.admonition summary");
    assert_eq!(b.js(visible), true);
    let errors = b.console_errors();
    assert!(errors.is_empty(), "console errors: {errors:?}");
}
