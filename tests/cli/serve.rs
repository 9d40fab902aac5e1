//! `sitrep serve` driven over HTTP: live reload events, the error overlay, deletions, bursts of
//! saves, equality with a clean build, HTTP correctness and refusals.

use crate::common::{copy_dir, fixture, repo, sitrep, walk, write};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `sitrep serve` on a free port, killed on drop.
pub struct Server {
    /// The serve process.
    pub child: Child,
    /// The port it listens on.
    pub port: u16,
    /// Its stderr, as it arrives.
    pub stderr: mpsc::Receiver<String>,
}

impl Server {
    /// Start serving `site` (extra args appended).
    pub fn start(site: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args(["serve", site.to_str().unwrap(), "--port", "0", "--today", "2026-11-22"])
            .args(extra)
            .env_remove("NO_COLOR")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start serve");
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        let (err_tx, err_rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = err_tx.send(line);
            }
        });
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let line = rx.recv_timeout(Duration::from_secs(60)).expect("serve printed its address");
        let port: u16 = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .and_then(|hp| hp.rsplit(':').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        Server { child, port, stderr: err_rx }
    }

    /// GET a path; returns (status, body).
    pub fn get(&self, path: &str) -> (u16, String) {
        match ureq::get(&format!("http://127.0.0.1:{}{path}", self.port)).call() {
            Ok(r) => (r.status(), r.into_string().unwrap()),
            Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
            Err(e) => panic!("GET {path}: {e}"),
        }
    }

    /// The status endpoint.
    pub fn status(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/__sitrep/status").1).unwrap()
    }

    /// Wait until `cond` holds (polling), or fail after 20 s.
    pub fn wait_for(&self, what: &str, cond: impl Fn(&Server) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !cond(self) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}; status {}", self.status());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Send raw request bytes; returns the raw response.
    pub fn raw(&self, request: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    }

    /// Open the SSE stream; event lines arrive on the receiver.
    pub fn events(&self) -> mpsc::Receiver<String> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            s,
            "GET /__sitrep/events HTTP/1.1\r\nHost: localhost:{}\r\nAccept: text/event-stream\r\n\r\n",
            self.port
        )
        .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Wait for the response headers so no event is missed.
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(l) = rx.recv_timeout(Duration::from_millis(200)) {
                if l.is_empty() {
                    break;
                }
            }
        }
        rx
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn site_copy(from: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(from, &site);
    (dir, site)
}

fn wait_event(rx: &mpsc::Receiver<String>) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(l) = rx.recv_timeout(Duration::from_millis(100)) {
            if l.starts_with("data:") {
                return l;
            }
        }
    }
    panic!("no reload event");
}

#[test]
fn an_edit_pushes_a_reload_event_and_the_new_content() {
    let (_d, site) = site_copy(&fixture("build"));
    let s = Server::start(&site, &["-q"]);
    let (code, body) = s.get("/runbooks/database/db-failover/");
    assert_eq!(code, 200);
    assert!(body.contains("data-sitrep-serve"), "live-reload script injected");
    let events = s.events();
    let path = site.join("content/runbooks/database/db-failover.md");
    let text = std::fs::read_to_string(&path).unwrap().replace("Promote a replica", "Promote the healthiest replica");
    std::fs::write(&path, text).unwrap();
    let ev = wait_event(&events);
    assert!(ev.contains("\"generation\""), "{ev}");
    let (_, body) = s.get("/runbooks/database/db-failover/");
    assert!(body.contains("Promote the healthiest replica"));
    // A stylesheet-only change is announced as such.
    write(&site, "themes/default/static/extra.css", b"body { color: red; }");
    let ev = wait_event(&events);
    assert!(ev.contains("\"css_only\":true"), "{ev}");
    assert_eq!(s.get("/static/extra.css").0, 200);
}

#[test]
fn broken_front_matter_shows_the_overlay_and_fixing_it_clears_it() {
    let (_d, site) = site_copy(&fixture("build"));
    let s = Server::start(&site, &["-q"]);
    let path = site.join("content/runbooks/cache/stampede.md");
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, good.replace("owner: \"team-platform\"", "owner: [unclosed")).unwrap();
    s.wait_for("an error", |s| s.status()["errors"] == 1);
    let (code, home) = s.get("/");
    assert_eq!(code, 200, "the site is still served");
    assert!(home.contains("class=\"sitrep-errors\""), "{home}");
    // The YAML parser notices the unclosed `[` of line 3 on line 4.
    assert!(
        home.contains("content/runbooks/cache/stampede.md:4</code> <strong>frontmatter/syntax"),
        "file and line in the overlay"
    );
    assert!(home.contains("frontmatter/syntax"));
    let (code, missing) = s.get("/no/such/page/");
    assert_eq!(code, 404);
    assert!(missing.contains("class=\"sitrep-errors\""), "the 404 page carries the overlay too");
    std::fs::write(&path, &good).unwrap();
    s.wait_for("errors cleared", |s| s.status()["errors"] == 0);
    assert!(!s.get("/").1.contains("sitrep-errors"));
}

#[test]
fn a_broken_template_or_config_keeps_the_last_good_site() {
    let (_d, site) = site_copy(&fixture("build"));
    let s = Server::start(&site, &["-q"]);
    let before = s.get("/incidents/").1;
    write(
        &site,
        "themes/default/templates/incidents.html",
        b"{% extends \"base.html\" %}{% block main %}{{ nope( }}{% endblock main %}",
    );
    s.wait_for("fatal", |s| s.status()["fatal"].is_string());
    let after = s.get("/incidents/").1;
    assert!(after.contains("could not rebuild the site"), "fatal error shown");
    assert!(after.contains("incidents.html"), "names the template");
    assert!(after.contains(">INC-2026-001<"), "last good page still served");
    std::fs::remove_file(site.join("themes/default/templates/incidents.html")).unwrap();
    s.wait_for("recovered", |s| s.status()["fatal"].is_null());
    write(&site, "sitrep.yaml", b"titel: oops\n");
    s.wait_for("fatal config", |s| s.status()["fatal"].as_str().is_some_and(|f| f.contains("titel")));
    assert!(s.get("/incidents/").1.contains(">INC-2026-001<"));
    write(&site, "sitrep.yaml", b"title: \"Fixed\"\n");
    s.wait_for("config fixed", |s| s.status()["fatal"].is_null());
    assert!(s.get("/").1.contains("<title>Fixed</title>"));
    let _ = before;
}

#[test]
fn deleted_and_recreated_files_and_folders() {
    let (_d, site) = site_copy(&fixture("build"));
    let s = Server::start(&site, &["-q"]);
    assert_eq!(s.get("/runbooks/cache/stampede/").0, 200);
    let folder = site.join("content/runbooks/cache");
    let saved = tempfile::tempdir().unwrap();
    copy_dir(&folder, saved.path());
    std::fs::remove_dir_all(&folder).unwrap();
    s.wait_for("page gone", |s| s.get("/runbooks/cache/stampede/").0 == 404);
    assert!(s.status()["errors"].as_u64().unwrap() > 0, "incidents still name the deleted runbook");
    copy_dir(saved.path(), &folder);
    s.wait_for("page back", |s| s.get("/runbooks/cache/stampede/").0 == 200);
    s.wait_for("no errors", |s| s.status()["errors"] == 0);
    // A new document appears in the history.
    let inc = std::fs::read_to_string(site.join("content/incidents/2026/inc-2026-001.md"))
        .unwrap()
        .replace("INC-2026-001", "INC-2026-009");
    write(&site, "content/incidents/2026/new/inc-2026-009.md", inc.as_bytes());
    s.wait_for("new incident listed", |s| s.get("/incidents/").1.contains(">INC-2026-009<"));
}

#[test]
fn a_burst_of_saves_gives_few_rebuilds_and_the_right_result() {
    let (_d, site) = site_copy(&fixture("build"));
    let s = Server::start(&site, &["-q"]);
    let before = s.status()["rebuilds"].as_u64().unwrap();
    let path = site.join("content/about.md");
    let start = Instant::now();
    for i in 0..200 {
        std::fs::write(&path, format!("---\ntitle: \"About\"\n---\n# About\n\nSave number {i}.\n")).unwrap();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(start.elapsed() < Duration::from_secs(4));
    s.wait_for("last save served", |s| s.get("/about/").1.contains("Save number 199."));
    std::thread::sleep(Duration::from_millis(500));
    let rebuilds = s.status()["rebuilds"].as_u64().unwrap() - before;
    assert!(rebuilds <= 40, "{rebuilds} rebuilds for 200 saves");
}

#[test]
fn after_a_series_of_edits_serve_matches_a_clean_build() {
    let (_d, site) = site_copy(&fixture("build"));
    let s = Server::start(&site, &["-q"]);
    let edit = |rel: &str, from: &str, to: &str| {
        let p = site.join(rel);
        let t = std::fs::read_to_string(&p).unwrap();
        assert!(t.contains(from), "{rel} lacks {from}");
        std::fs::write(&p, t.replacen(from, to, 1)).unwrap();
    };
    edit("content/runbooks/database/db-failover.md", "See the [topology", "Read the [topology");
    s.wait_for("edit 1", |s| s.get("/runbooks/database/db-failover/").1.contains("Read the <a"));
    edit("content/incidents/2026/inc-2026-002.md", "severity: SEV2", "severity: SEV3");
    s.wait_for("edit 2", |s| s.get("/severity/sev3/").1.contains(">INC-2026-002<"));
    edit("content/about.md", "# About", "# About this site\n\nNew intro.");
    s.wait_for("edit 3", |s| s.get("/about/").1.contains("New intro."));
    std::fs::remove_file(site.join("content/incidents/2025/inc-2025-001.md")).unwrap();
    s.wait_for("deletion", |s| s.get("/incidents/inc-2025-001/").0 == 404);
    let out = site.parent().unwrap().join("clean");
    let r = sitrep(
        &repo(),
        &[
            "build",
            site.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--today",
            "2026-11-22",
            "--base-url",
            &format!("http://localhost:{}/", s.port),
            "-q",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let script_start = "<script data-sitrep-serve>";
    let mut compared = 0;
    for f in walk(&out) {
        let rel = f.strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
        if rel == ".sitrep-output" {
            continue;
        }
        let want = std::fs::read(&f).unwrap();
        let url = if rel.ends_with("index.html") {
            format!("/{}", rel.trim_end_matches("index.html"))
        } else {
            format!("/{rel}")
        };
        let resp =
            ureq::get(&format!("http://127.0.0.1:{}{url}", s.port)).call().unwrap_or_else(|e| panic!("{url}: {e}"));
        let mut got = Vec::new();
        resp.into_reader().read_to_end(&mut got).unwrap();
        if rel.ends_with(".html") {
            let text = String::from_utf8(got).unwrap();
            let cut = text.find(script_start).map(|i| {
                let end = text[i..].find("</body>").map_or(text.len(), |j| i + j);
                format!("{}{}", &text[..i], &text[end..])
            });
            got = cut.unwrap_or(text).into_bytes();
        }
        assert!(got == want, "{rel} differs from a clean build");
        compared += 1;
    }
    assert!(compared > 20);
}

#[test]
fn http_behaviour_and_refusals() {
    let (_d, site) = site_copy(&fixture("build"));
    let s = Server::start(&site, &["-q"]);
    let p = s.port;
    // MIME types, HEAD, validators.
    let css = ureq::get(&format!("http://127.0.0.1:{p}/static/style.css")).call().unwrap();
    assert_eq!(css.header("content-type"), Some("text/css"));
    let etag = css.header("etag").unwrap().to_string();
    let modified = css.header("last-modified").unwrap().to_string();
    let r = ureq::get(&format!("http://127.0.0.1:{p}/static/style.css")).set("If-None-Match", &etag).call().unwrap();
    assert_eq!(r.status(), 304);
    let r = ureq::get(&format!("http://127.0.0.1:{p}/static/style.css"))
        .set("If-Modified-Since", &modified)
        .call()
        .unwrap();
    assert_eq!(r.status(), 304);
    let png = ureq::get(&format!("http://127.0.0.1:{p}/runbooks/database/img/topology.png")).call().unwrap();
    assert_eq!(png.header("content-type"), Some("image/png"));
    let head = s.raw(&format!("HEAD / HTTP/1.1\r\nHost: localhost:{p}\r\nConnection: close\r\n\r\n"));
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.to_lowercase().contains("content-type: text/html"));
    assert!(!head.contains("<html"), "HEAD has no body");
    // No directory listing: a folder without an index is a 404.
    assert_eq!(s.get("/runbooks/database/img/").0, 404);
    assert_eq!(s.get("/incidents/inc-2026-001").0, 200, "redirected to the page with a slash");
    // Traversal in every spelling.
    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2fetc/passwd",
        "/static/..\\..\\etc\\passwd",
        "/%5c..%5cetc",
        "//etc/passwd",
    ] {
        let r = s.raw(&format!("GET {path} HTTP/1.1\r\nHost: localhost:{p}\r\nConnection: close\r\n\r\n"));
        assert!(r.starts_with("HTTP/1.1 400") || r.starts_with("HTTP/1.1 404"), "{path}: {}", &r[..r.len().min(80)]);
        assert!(!r.contains("root:"), "{path} leaked a file");
    }
    // DNS rebinding: a foreign Host is refused on loopback.
    let r = s.raw(&format!("GET / HTTP/1.1\r\nHost: attacker.example:{p}\r\nConnection: close\r\n\r\n"));
    assert!(r.starts_with("HTTP/1.1 403"), "{r}");
    for ok in [format!("localhost:{p}"), format!("127.0.0.1:{p}"), format!("[::1]:{p}")] {
        let r = s.raw(&format!("GET / HTTP/1.1\r\nHost: {ok}\r\nConnection: close\r\n\r\n"));
        assert!(r.starts_with("HTTP/1.1 200"), "{ok}: {}", &r[..r.len().min(80)]);
    }
    // Oversized request headers are refused, not buffered forever.
    let big = "x".repeat(200_000);
    let r = s.raw(&format!("GET / HTTP/1.1\r\nHost: localhost:{p}\r\nX-Big: {big}\r\nConnection: close\r\n\r\n"));
    assert!(r.is_empty() || r.starts_with("HTTP/1.1 431"), "{}", &r[..r.len().min(80)]);
    // A second server on the same port: a clear error naming it.
    let r = sitrep(&site, &["serve", ".", "--port", &p.to_string()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(&format!("port {p} is already in use")) && r.stderr.contains("--port"), "{}", r.stderr);
    // Nothing was written into the site.
    assert!(!site.join("public").exists());
}

#[test]
fn non_loopback_bind_warns() {
    let (_d, site) = site_copy(&fixture("build"));
    let mut s = Server::start(&site, &["--bind", "0.0.0.0", "-q"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut warned = false;
    while Instant::now() < deadline && !warned {
        if let Ok(l) = s.stderr.recv_timeout(Duration::from_millis(200)) {
            warned = l.contains("warning: serving on 0.0.0.0");
        }
    }
    assert!(warned);
    assert_eq!(s.get("/").0, 200);
    let _ = &mut s;
}

/// Resident memory of a process in KiB (Linux).
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

#[test]
fn under_load_with_edits_no_request_fails_and_memory_stays_bounded() {
    let (_d, site) = site_copy(&fixture("build"));
    let s = Server::start(&site, &["-q"]);
    let pid = s.child.id();
    let base = format!("http://127.0.0.1:{}", s.port);
    // Warm up, then measure.
    for _ in 0..50 {
        s.get("/");
    }
    let rss_before = rss_kib(pid);
    let paths = [
        "/",
        "/incidents/",
        "/incidents/inc-2026-001/",
        "/runbooks/database/db-failover/",
        "/static/style.css",
        "/no-such-page/",
    ];
    let editor = {
        let site = site.clone();
        std::thread::spawn(move || {
            let path = site.join("content/about.md");
            for i in 0..50 {
                std::fs::write(&path, format!("---\ntitle: \"About\"\n---\n# About\n\nEdit {i}.\n")).unwrap();
                std::thread::sleep(Duration::from_millis(40));
            }
        })
    };
    let started = Instant::now();
    let workers: Vec<_> = (0..100)
        .map(|w| {
            let base = base.clone();
            std::thread::spawn(move || {
                let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(30)).build();
                let mut failures = Vec::new();
                for i in 0..100 {
                    let path = paths[(w + i) % paths.len()];
                    let want = if path == "/no-such-page/" { 404 } else { 200 };
                    let code = match agent.get(&format!("{base}{path}")).call() {
                        Ok(r) => {
                            let _ = r.into_string();
                            200
                        }
                        Err(ureq::Error::Status(c, _)) => c,
                        Err(e) => {
                            failures.push(format!("{path}: {e}"));
                            continue;
                        }
                    };
                    if code != want {
                        failures.push(format!("{path}: {code}"));
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    editor.join().unwrap();
    assert!(failures.is_empty(), "{} failed requests, e.g. {:?}", failures.len(), &failures[..failures.len().min(5)]);
    assert!(started.elapsed() < Duration::from_secs(120));
    s.wait_for("final edit served", |s| s.get("/about/").1.contains("Edit 49."));
    let rss_after = rss_kib(pid);
    assert!(rss_after < rss_before + 150 * 1024, "memory grew from {rss_before} KiB to {rss_after} KiB");
}
