//! `sitrep build` on fixture sites: content, escaping, sanitising, links, redirects, atomic
//! output, refusals and determinism.

use crate::common::{copy_dir, fixture, lines_of, repo, site, sitrep, sitrep_env, snapshot, walk, write};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const TODAY: [&str; 2] = ["--today", "2026-11-22"];

fn build(site: &Path, out: &Path, extra: &[&str]) -> crate::common::Run {
    let mut args = vec!["build", site.to_str().unwrap(), "--out", out.to_str().unwrap(), TODAY[0], TODAY[1], "-q"];
    args.extend_from_slice(extra);
    sitrep(&repo(), &args)
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn built_fixture(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let r = build(&fixture("build"), &out, extra);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    (dir, out)
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&").replace("&#x2F;", "/").replace("&quot;", "\"").replace("&#39;", "'").replace("&apos;", "'")
}

/// Every internal href/src resolves to a generated file, every #fragment to an id in it.
pub(crate) fn assert_links_resolve(out: &Path, base_path: &str) {
    let attr = Regex::new(r#"(?:href|src|content="0; url)=["]?([^"> ]+)"#).unwrap();
    let id = Regex::new(r#"\bid="([^"]+)""#).unwrap();
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut pages = Vec::new();
    for e in walk(out) {
        if e.extension().is_some_and(|x| x == "html") {
            let text = std::fs::read_to_string(&e).unwrap();
            let all: Vec<String> = id.captures_iter(&text).map(|c| unescape(&c[1])).collect();
            let unique: BTreeSet<String> = all.iter().cloned().collect();
            assert_eq!(unique.len(), all.len(), "{}: an id appears twice: {all:?}", e.display());
            ids.insert(e.clone(), unique);
            pages.push((e, text));
        }
    }
    let mut broken = Vec::new();
    for (page, text) in &pages {
        for c in attr.captures_iter(text) {
            let raw = unescape(&c[1]);
            if raw.starts_with("http") || raw.starts_with("mailto:") || raw.starts_with("data:") || raw == "#" {
                continue;
            }
            let (path, frag) = raw.split_once('#').map_or((raw.as_str(), None), |(p, f)| (p, Some(f)));
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(abs) = path.strip_prefix(base_path) {
                out.join(abs)
            } else {
                page.parent().unwrap().join(percent_decode(path))
            };
            let target = normalize(&target);
            let file = if target.is_dir() { target.join("index.html") } else { target.clone() };
            if !file.is_file() {
                broken.push(format!("{}: {raw} -> {}", page.display(), file.display()));
                continue;
            }
            if let Some(f) = frag {
                if !ids.get(&file).is_some_and(|s| s.contains(f)) {
                    broken.push(format!("{}: {raw}: no id `{f}`", page.display()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken internal links:\n{}", broken.join("\n"));
    assert!(pages.len() > 10);
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn pages_history_durations_and_backlinks() {
    let (_d, out) = built_fixture(&[]);
    let list = read(&out, "incidents/index.html");
    // Newest first; the private incident is never published.
    let order: Vec<usize> = ["INC-2026-002", "INC-2026-001", "INC-2025-001"]
        .iter()
        .map(|id| list.find(&format!(">{id}<")).expect(id))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "newest first");
    assert!(!list.contains("INC-2026-003") && !list.contains("Secret incident"));
    assert!(!out.join("incidents/inc-2026-003").exists());
    let inc = read(&out, "incidents/inc-2026-001/index.html");
    assert!(inc.contains("<dd class=\"ttd\">41 min</dd>"), "time to detect");
    assert!(inc.contains("<dd class=\"ttr\">2 h 5 min</dd>"), "time to resolve");
    assert!(inc.contains("2026-03-01 10:00 UTC"));
    assert!(inc.contains("<div class=\"table-wrap timeline\">"), "timeline styled");
    assert!(inc.contains("<div class=\"table-wrap actions\">"), "action items styled");
    assert!(inc.contains("1 open of 2"));
    let draft = read(&out, "incidents/inc-2026-002/index.html");
    assert!(draft.contains("class=\"banner draft\""), "draft postmortems carry a banner");
    // The runbook's generated incident history lists both incidents that name it.
    let rb = read(&out, "runbooks/database/db-failover/index.html");
    let hist = &rb[rb.find("id=\"incident-history\"").expect("history section")..];
    assert!(hist.contains(">INC-2026-001<") && hist.contains(">INC-2026-002<") && hist.contains(">INC-2025-001<"));
    assert!(!hist.contains("INC-2026-003"), "private incidents never appear");
    let cache = read(&out, "runbooks/cache/stampede/index.html");
    assert!(cache.contains(">INC-2026-002<") && !cache.contains(">INC-2026-001<"));
    assert!(rb.contains("hl-"), "code is highlighted");
    assert!(rb.contains("<h2 id=\"promote-a-replica\">"), "GitHub-style heading ids");
    assert!(rb.contains("href=\"../../../incidents/inc-2026-002/\""), "incident ids in text are linked");
    // Nested folders are kept; drafts are left out unless --drafts.
    assert!(out.join("runbooks/cache/stampede/index.html").is_file());
    assert!(!out.join("runbooks/draft-only").exists());
    assert!(read(&out, "runbooks/cache/stampede/index.html").contains("badge stale"));
    // Service and severity pages.
    let svc = read(&out, "services/cache/index.html");
    assert!(svc.contains(">INC-2026-002<") && svc.contains("Cache stampede"));
    assert!(read(&out, "severity/sev1/index.html").contains(">INC-2026-001<"));
    let home = read(&out, "index.html");
    assert!(home.contains(">INC-2025-001<"), "open incident on the home page");
    assert!(home.contains("Cache stampede") && home.contains("badge stale"), "stale runbook on the home page");
    assert!(out.join("runbooks/database/img/topology.png").is_file(), "assets are published");
    assert!(out.join("404.html").is_file());
}

#[test]
fn drafts_flag_publishes_draft_runbooks() {
    let (_d, out) = built_fixture(&["--drafts"]);
    assert!(out.join("runbooks/draft-only/index.html").is_file());
}

#[test]
fn front_matter_and_raw_html_are_escaped_or_sanitised() {
    let (_d, out) = built_fixture(&[]);
    for f in walk(&out).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")) {
        let t = std::fs::read_to_string(&f).unwrap();
        assert!(!t.contains("<script>alert"), "{}", f.display());
        assert!(!t.contains("onerror"), "{}", f.display());
        assert!(!t.contains("javascript:"), "{}", f.display());
    }
    let inc = read(&out, "incidents/inc-2026-001/index.html");
    assert!(inc.contains("Primary &lt;script&gt;alert(1)&lt;/script&gt; failover"));
    let draft = read(&out, "incidents/inc-2026-002/index.html");
    assert!(draft.contains("<details><summary>Raw log</summary><kbd>Ctrl-C</kbd></details>"), "safe elements kept");
    assert!(read(&out, "about/index.html").contains("About &lt;b&gt;us&lt;/b&gt;"));
}

#[test]
fn redirects_for_alerts_and_aliases() {
    let (_d, out) = built_fixture(&[]);
    // The name as written is a folder of that exact name: `/alerts/Replica%20Lag/` is served
    // from `alerts/Replica Lag/` by any static server.
    for p in [
        "alerts/postgresprimarydown/index.html",
        "alerts/PostgresPrimaryDown/index.html",
        "alerts/replica-lag/index.html",
        "alerts/Replica Lag/index.html",
    ] {
        assert!(
            read(&out, p)
                .contains("<meta http-equiv=\"refresh\" content=\"0; url=../../runbooks/database/db-failover/\">"),
            "{p}"
        );
    }
    assert!(read(&out, "old/db-failover/index.html").contains("url=../../runbooks/database/db-failover/"));
    assert!(read(&out, "alerts/index.html").contains("https://ops.example.org/alerts/postgresprimarydown/"));
    // The exact-case page is the slug page under a second name, not a second copy.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let ino = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
        assert_eq!(ino("alerts/postgresprimarydown/index.html"), ino("alerts/PostgresPrimaryDown/index.html"));
    }
}

#[test]
fn every_internal_link_resolves_also_under_a_sub_path() {
    let (_d, out) = built_fixture(&[]);
    assert_links_resolve(&out, "/");
    let (_d2, out2) = built_fixture(&["--base-url", "https://example.org/ops/"]);
    assert_links_resolve(&out2, "/ops/");
    assert!(read(&out2, "404.html").contains("href=\"/ops/incidents/\""), "404 links are absolute from the sub-path");
    // The bundled example site too.
    let dir = tempfile::tempdir().unwrap();
    let r = build(&repo(), &dir.path().join("public"), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_links_resolve(&dir.path().join("public"), "/");
}

#[test]
fn output_is_deterministic() {
    let (_a, one) = built_fixture(&[]);
    let (_b, two) = built_fixture(&[]);
    assert!(snapshot(&one) == snapshot(&two), "two builds differ");
}

#[test]
fn failed_builds_keep_the_previous_output_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("build"), &site);
    let out = dir.path().join("public");
    assert_eq!(build(&site, &out, &[]).code, 0);
    let before = snapshot(&out);
    // 1. An error-level finding stops the build.
    write(&site, "content/runbooks/broken.md", b"---\ntitle: [unclosed\n---\n# x\n");
    let r = build(&site, &out, &[]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("frontmatter/syntax") && r.stderr.contains("previous output is untouched"),
        "{}",
        r.stderr
    );
    assert!(snapshot(&out) == before);
    // 2. Interrupted after rendering, before the swap.
    std::fs::remove_file(site.join("content/runbooks/broken.md")).unwrap();
    write(&site, "content/about.md", b"---\ntitle: \"Changed\"\n---\n# Changed\n");
    let r = sitrep_env(
        &repo(),
        &["build", site.to_str().unwrap(), "--out", out.to_str().unwrap(), "--today", "2026-11-22", "-q"],
        &[("SITREP_TEST_FAIL_BEFORE_SWAP", "1")],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(snapshot(&out) == before);
    // 3. A broken template override cannot produce a site.
    write(
        &site,
        "themes/default/templates/page.html",
        b"{% extends \"base.html\" %}{% block main %}{{ oops( }}{% endblock main %}",
    );
    let r = build(&site, &out, &[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("page.html"), "{}", r.stderr);
    assert!(snapshot(&out) == before);
    // 4. No staging directories are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("sitrep-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn errors_stop_the_build_unless_allowed_but_secrets_never_publish() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("build"), &site);
    write(
        &site,
        "content/runbooks/todo.md",
        b"---\ntitle: \"x\"\nowner: TBD\nlast_reviewed: 2026-10-01\n---\n# x\n\n## Contacts\n\n- a@acme.test\n",
    );
    let out = dir.path().join("public");
    assert_eq!(build(&site, &out, &[]).code, 1);
    assert!(!out.exists());
    let r = build(&site, &out, &["--allow-errors"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(out.join("runbooks/todo/index.html").is_file());
    write(&site, "content/runbooks/leak.md", b"---\ntitle: \"x\"\nowner: team\nlast_reviewed: 2026-10-01\n---\n# x\n\ntoken ghp_R7k2Xq9LmN4pT8vW3yZ6bC1dF5gH0jK2sA4e\n\n## Contacts\n\n- a@acme.test\n");
    let r = build(&site, &out, &["--allow-errors"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("never publishes a secret"), "{}", r.stderr);
    assert!(!out.join("runbooks/leak").exists());
}

#[test]
fn refuses_dangerous_output_directories() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("build"), &site);
    let other = dir.path().join("mine");
    write(&other, "notes.txt", b"precious");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    for (out, why) in [
        (PathBuf::from("/"), "root directory"),
        (site.join("content"), "content directory"),
        (site.clone(), "content directory"),
        (other.clone(), "not empty"),
        (home.clone(), "home directory"),
    ] {
        let r = sitrep_env(
            &repo(),
            &["build", site.to_str().unwrap(), "--out", out.to_str().unwrap(), "--today", "2026-11-22", "-q"],
            &[("HOME", home.to_str().unwrap())],
        );
        assert_eq!(r.code, 2, "{}: {}", out.display(), r.stderr);
        assert!(r.stderr.contains(why), "{}: {}", out.display(), r.stderr);
    }
    assert_eq!(std::fs::read_to_string(other.join("notes.txt")).unwrap(), "precious");
    // Default output: SITE/public; --out is relative to the current directory.
    let r = sitrep(&site, &["build", "--today", "2026-11-22", "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(site.join("public/index.html").is_file());
    let r = sitrep(dir.path(), &["build", "site", "--out", "rel-out", "--today", "2026-11-22", "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.path().join("rel-out/index.html").is_file());
}

#[test]
fn theme_overrides_replace_one_template_and_add_assets() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("build"), &site);
    write(
        &site,
        "themes/default/templates/404.html",
        b"{% extends \"base.html\" %}{% block main %}<p>Custom missing page</p>{% endblock main %}",
    );
    write(&site, "themes/default/static/logo.svg", b"<svg/>");
    let out = dir.path().join("public");
    assert_eq!(build(&site, &out, &[]).code, 0);
    assert!(read(&out, "404.html").contains("Custom missing page"));
    assert!(out.join("static/logo.svg").is_file());
    assert!(read(&out, "index.html").contains("static/style.css"), "other templates stay built-in");
}

#[test]
fn a_page_keeps_its_url_when_an_alias_claims_it() {
    let rb = |title: &str, extra: &str, body: &str| {
        format!("---\ntitle: {title}\nowner: team\nlast_reviewed: 2026-11-01\n{extra}---\n# {title}\n\n{body}\n\n## Contacts\n\n- Slack: #team\n")
    };
    let d = site(&[
        ("content/runbooks/failover.md", &rb("Failover", "", "Payments-specific steps.")),
        ("content/runbooks/new-failover.md", &rb("New failover", "aliases: [/runbooks/failover/, old-db]\n", "New.")),
        ("content/runbooks/other.md", &rb("Other", "aliases: [old-db]\n", "Other.")),
    ]);
    let check = sitrep(d.path(), &["check", ".", "--today", "2026-11-22", "--format", "short"]);
    assert_eq!(lines_of(&check.stdout, "site/duplicate-url").len(), 3, "{}", check.stdout);
    // Built anyway, every time the same way: the page wins, the first document's alias redirects.
    for _ in 0..5 {
        let b = sitrep(d.path(), &["build", ".", "--today", "2026-11-22", "--allow-errors", "-q"]);
        assert_eq!(b.code, 0, "{}", b.stderr);
        assert!(crate::common::read(&d.path().join("public/runbooks/failover/index.html"))
            .contains("Payments-specific steps."));
        assert!(crate::common::read(&d.path().join("public/old-db/index.html")).contains("runbooks/new-failover/"));
    }
}

#[test]
fn a_comment_first_keeps_the_title_and_fragments_link_to_the_real_id() {
    let d = site(&[
        (
            "content/runbooks/redis.md",
            "---\ntitle: Redis latency\nowner: team\nlast_reviewed: 2026-11-01\n---\n<!-- markdownlint-disable MD013\n     second line -->\n# Redis latency\n\nSee [lag](#Check-Lag) and [db](db.md#Promote-The-Replica).\n\n## Check lag\n\nx\n\n## Contacts\n\n- Slack: #team\n",
        ),
        (
            "content/runbooks/db.md",
            "---\ntitle: DB\nowner: team\nlast_reviewed: 2026-11-01\n---\n# DB\n\n## Promote the replica\n\nx\n\n## Contacts\n\n- Slack: #team\n",
        ),
    ]);
    let check = sitrep(d.path(), &["check", ".", "--today", "2026-11-22", "--format", "short"]);
    assert!(lines_of(&check.stdout, "link/anchor").is_empty(), "{}", check.stdout);
    let b = sitrep(d.path(), &["build", ".", "--today", "2026-11-22", "-q"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let page = crate::common::read(&d.path().join("public/runbooks/redis/index.html"));
    assert_eq!(page.matches("<h1").count(), 1, "{page}");
    assert!(page.contains("href=\"#check-lag\""), "{page}");
    assert!(page.contains("runbooks/db/#promote-the-replica\""), "{page}");
}

#[test]
fn raw_html_links_are_checked_and_rewritten_and_github_alerts_are_callouts() {
    let rb = |title: &str, body: &str| {
        format!("---\ntitle: {title}\nowner: team\nlast_reviewed: 2026-11-01\n---\n# {title}\n\n{body}\n\n## Steps\n\nx\n\n## Contacts\n\n- Slack: #team\n")
    };
    let d = site(&[
        (
            "content/runbooks/lb.md",
            &rb(
                "LB",
                "<img src=\"./img/topology.png\" width=\"600\" alt=\"topology\">\n\nNext: <a href=\"./rollback.md#Steps\">rollback</a>.\n\n> [!WARNING]\n> Drains every connection.\n\n<p align=\"center\">\n<img\n  src=\"img/topology.png\"\n  alt=\"second\">\n</p>\n\n<a href=\"https://x.io/?a=1&#38;b=2\">ext</a>",
            ),
        ),
        ("content/runbooks/rollback.md", &rb("Rollback", "Roll back.")),
        ("content/runbooks/img/topology.png", "png"),
        ("content/runbooks/bad.md", &rb("Bad", "<a href=\"gone.md\">x</a> <img src='missing.png'>")),
    ]);
    let check = sitrep(d.path(), &["check", ".", "--today", "2026-11-22", "--format", "short"]);
    let broken = lines_of(&check.stdout, "link/broken");
    assert_eq!(broken.len(), 2, "{}", check.stdout);
    assert!(broken[0].starts_with("content/runbooks/bad.md:8:10:"), "{}", broken[0]);
    std::fs::remove_file(d.path().join("content/runbooks/bad.md")).unwrap();
    let b = sitrep(d.path(), &["build", ".", "--today", "2026-11-22", "-q"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let page = crate::common::read(&d.path().join("public/runbooks/lb/index.html"));
    assert!(page.contains("<img src=\"../../runbooks/img/topology.png\" width=\"600\""), "{page}");
    assert!(page.contains("<a href=\"../../runbooks/rollback/#steps\""), "{page}");
    assert!(d.path().join("public/runbooks/img/topology.png").is_file());
    assert!(page.contains("<blockquote class=\"markdown-alert-warning\">"), "{page}");
    // A tag over several lines is rewritten too; an external URL is kept byte for byte.
    assert!(page.contains("<img src=\"../../runbooks/img/topology.png\" alt=\"second\">"), "{page}");
    assert!(
        page.contains("href=\"https://x.io/?a=1&amp;b=2\"") || page.contains("href=\"https://x.io/?a=1&#38;b=2\""),
        "{page}"
    );
    assert!(!page.contains("&amp;#38;"), "{page}");
    assert!(!page.contains("[!WARNING]"), "{page}");
}

#[test]
fn mkdocs_and_docusaurus_admonitions_are_callouts_whose_links_are_checked_and_rewritten() {
    let rb = |title: &str, body: &str| {
        format!("---\ntitle: {title}\nowner: team\nlast_reviewed: 2026-11-01\n---\n# {title}\n\n## Steps\n\n{body}\n\n## Contacts\n\n- Slack: #team\n")
    };
    let d = site(&[
        (
            "content/runbooks/lb.md",
            &rb(
                "LB",
                "!!! danger \"Drains every connection\"\n    Read [rollback](rollback.md#steps) first.\n\n    ```bash\n    lbctl drain --all\n\n    lbctl status\n    ```\n\n??? note \"Why\"\n    See [the design](rollback.md).\n\n:::tip[Faster]\nUse [rollback](./rollback.md).\n:::\n\nAfter.",
            ),
        ),
        ("content/runbooks/rollback.md", &rb("Rollback", "Roll back.")),
        ("content/runbooks/bad.md", &rb("Bad", "!!! warning\n    Call the owner: TBD\n\n    See [gone](gone.md).")),
    ]);
    let check = sitrep(d.path(), &["check", ".", "--today", "2026-11-22", "--format", "short"]);
    // Inside an admonition with a blank line, CommonMark alone sees an indented code block.
    let broken = lines_of(&check.stdout, "link/broken");
    assert_eq!(broken.len(), 1, "{}", check.stdout);
    assert!(broken[0].starts_with("content/runbooks/bad.md:13:9:"), "{}", broken[0]);
    assert!(lines_of(&check.stdout, "link/anchor").is_empty(), "{}", check.stdout);
    std::fs::remove_file(d.path().join("content/runbooks/bad.md")).unwrap();
    let b = sitrep(d.path(), &["build", ".", "--today", "2026-11-22", "-q"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let page = crate::common::read(&d.path().join("public/runbooks/lb/index.html"));
    assert!(
        page.contains("<blockquote class=\"markdown-alert-caution admonition\">\n<p class=\"admonition-title\">Drains every connection</p>"),
        "{page}"
    );
    assert!(page.contains("<a href=\"../../runbooks/rollback/#steps\">rollback</a>"), "{page}");
    assert!(page.contains("language-bash") && page.matches(">lbctl<").count() == 2, "{page}");
    assert!(
        page.contains(
            "<details class=\"markdown-alert-note admonition\">\n<summary class=\"admonition-title\">Why</summary>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<blockquote class=\"markdown-alert-tip admonition\">\n<p class=\"admonition-title\">Faster</p>"),
        "{page}"
    );
    for raw in ["!!!", "???", ":::", "rollback.md"] {
        assert!(!page.contains(raw), "{raw} left in the page: {page}");
    }
    assert!(page.contains("<p>After.</p>"), "{page}");
}

#[test]
fn obsidian_wikilinks_are_links_found_by_name() {
    let rb = |title: &str, body: &str| {
        format!("---\ntitle: {title}\nowner: team\nlast_reviewed: 2026-11-01\n---\n# {title}\n\n## Rollback steps\n\n{body}\n\n## Contacts\n\n- Slack: #team\n")
    };
    let d = site(&[
        (
            "content/runbooks/api-5xx.md",
            &rb(
                "API 5xx",
                "Follow [[Deploy checklist#Rollback steps]] or [[deploy-checklist|the checklist]]; ![[grafana latency.png]]; `[[code]]`; [[db/restart]], [[restart]], ![[Deploy checklist]], ![[grafana latency.png|300]], shard map [[0, 1], [2, 3]].",
            ),
        ),
        ("content/runbooks/ops/deploy-checklist.md", &rb("Deploy checklist", "x")),
        ("content/runbooks/cache/restart.md", &rb("Restart cache", "x")),
        ("content/runbooks/db/restart.md", &rb("Restart db", "x")),
        ("content/attachments/grafana latency.png", "png"),
    ]);
    let check = sitrep(d.path(), &["check", ".", "--today", "2026-11-22", "--format", "short"]);
    assert!(!check.stdout.contains("link/"), "{}", check.stdout);
    let b = sitrep(d.path(), &["build", ".", "--today", "2026-11-22", "-q"]);
    assert_eq!(b.code, 0, "{}{}", b.stdout, b.stderr);
    let page = crate::common::read(&d.path().join("public/runbooks/api-5xx/index.html"));
    // A path picks the note in that folder; a bare name the first by path.
    assert!(page.contains("<a href=\"../../runbooks/db/restart/\">db/restart</a>"), "{page}");
    assert!(page.contains("<a href=\"../../runbooks/cache/restart/\">restart</a>"), "{page}");
    // An embedded note is a link; an embed with a size keeps it; brackets around no name are text.
    assert!(page.contains("<a href=\"../../runbooks/ops/deploy-checklist/\">Deploy checklist</a>"), "{page}");
    assert!(page.contains("grafana%20latency.png\" alt=\"grafana latency.png\" width=\"300\">"), "{page}");
    assert!(page.contains("shard map [[0, 1], [2, 3]]."), "{page}");
    assert!(page.contains("<a href=\"../../runbooks/ops/deploy-checklist/#rollback-steps\">"), "{page}");
    assert!(page.contains("<a href=\"../../runbooks/ops/deploy-checklist/\">the checklist</a>"), "{page}");
    assert!(page.contains("<img src=\"../../attachments/grafana%20latency.png\""), "{page}");
    assert!(d.path().join("public/attachments/grafana latency.png").is_file());
    assert!(page.contains("<code>[[code]]</code>"), "{page}");
}

#[test]
fn double_brackets_are_text_in_a_site_that_writes_no_wikilinks() {
    let d = site(&[(
        "content/runbooks/db.md",
        "---\ntitle: DB\nowner: team\nlast_reviewed: 2026-11-01\n---\n# DB\n\n[[_TOC_]]\n\nTest with [[servers]] and [[toc]].\n\n## Contacts\n\n- Slack: #team\n",
    )]);
    let check = sitrep(d.path(), &["check", ".", "--today", "2026-11-22", "--format", "short"]);
    assert!(!check.stdout.contains("link/"), "{}", check.stdout);
    let b = sitrep(d.path(), &["build", ".", "--today", "2026-11-22", "-q"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let page = crate::common::read(&d.path().join("public/runbooks/db/index.html"));
    assert!(page.contains("[[_TOC_]]") && page.contains("Test with [[servers]] and [[toc]]."), "{page}");
}

#[test]
fn an_opening_h1_other_than_the_title_stays_in_the_page() {
    let rb = |title: &str, h1: &str| {
        format!("---\ntitle: {title}\nowner: team\nlast_reviewed: 2026-11-01\n---\n# {h1}\n\nText.\n\n## Contacts\n\n- Slack: #team\n")
    };
    let d = site(&[
        ("content/runbooks/a.md", &rb("DB failover", "Read this first: never fail over during a backup")),
        ("content/runbooks/b.md", &rb("Cache warm-up", "Cache Warm-up")),
    ]);
    let b = sitrep(d.path(), &["build", ".", "--today", "2026-11-22", "-q"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let a = crate::common::read(&d.path().join("public/runbooks/a/index.html"));
    assert!(a.contains("Read this first: never fail over during a backup") && a.contains(">DB failover<"), "{a}");
    let b = crate::common::read(&d.path().join("public/runbooks/b/index.html"));
    assert_eq!(b.matches("<h1").count(), 1, "{b}");
}

#[test]
fn links_to_generated_pages_point_at_them_under_any_base_path() {
    let d = site(&[(
        "content/runbooks/db/failover.md",
        "---\ntitle: Failover\nowner: team\nlast_reviewed: 2026-11-01\n---\n# Failover\n\nSee [actions](/actions/), [incidents](../../incidents/) and [feed](/feed.xml).\n\n## Contacts\n\n- Slack: #team\n",
    )]);
    let check = sitrep(d.path(), &["check", ".", "--today", "2026-11-22", "--format", "short"]);
    assert!(!check.stdout.contains("link/"), "{}", check.stdout);
    let b = sitrep(d.path(), &["build", ".", "--today", "2026-11-22", "-q"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let page = crate::common::read(&d.path().join("public/runbooks/db/failover/index.html"));
    for href in ["href=\"../../../actions/\"", "href=\"../../../incidents/\"", "href=\"../../../feed.xml\""] {
        assert!(page.contains(href), "{href}: {page}");
    }
}

#[test]
fn files_only_unpublished_documents_link_to_are_not_published() {
    let d = site(&[
        (
            "content/incidents/secret.md",
            "---\nid: INC-2026-009\ntitle: Private\nseverity: SEV2\nstatus: resolved\nstarted: 2026-11-01T10:00:00Z\nprivate: true\n---\n# Private\n\n![export](customer-export.csv)\n",
        ),
        ("content/incidents/customer-export.csv", "email\na@b.c\n"),
        (
            "content/runbooks/db.md",
            "---\ntitle: DB\nowner: team\nlast_reviewed: 2026-11-01\n---\n# DB\n\n![d](diagram.png)\n\n## Contacts\n\n- Slack: #team\n",
        ),
        ("content/runbooks/diagram.png", "png"),
        ("content/runbooks/notes.txt", "unlinked files stay published"),
    ]);
    let b = sitrep(d.path(), &["build", ".", "--today", "2026-11-22", "-q", "--allow-errors"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let out = d.path().join("public");
    assert!(!out.join("incidents/customer-export.csv").exists(), "a private incident's file leaked");
    assert!(out.join("runbooks/diagram.png").is_file());
    assert!(out.join("runbooks/notes.txt").is_file());
}

#[test]
fn bare_urls_become_links_outside_code() {
    let d = site(&[(
        "content/runbooks/db.md",
        "---\ntitle: DB\nowner: team\nlast_reviewed: 2026-11-01\n---\n# DB\n\nDashboard: https://grafana.acme.io/d/db?from=now-1h. Ticket www.acme.io/x.\n\n`https://in.code.io/x`\n\n```\ncurl https://in.block.io/y\n```\n\nWiki: https://en.wikipedia.org/wiki/Split-brain_(computing) and <a href=\"https://raw.io/a\">https://raw.io/a</a>, mail ops@www.acme.io.\n\n![Dashboard https://alt.io/x](https://alt.io/x.png)\n\n## Contacts\n\n- Slack: #team\n",
    )]);
    let b = sitrep(d.path(), &["build", ".", "--today", "2026-11-22", "-q"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let page = crate::common::read(&d.path().join("public/runbooks/db/index.html"));
    assert!(
        page.contains("href=\"https://grafana.acme.io/d/db?from=now-1h\"")
            && page.contains(">https://grafana.acme.io/d/db?from=now-1h</a>."),
        "{page}"
    );
    assert!(page.contains("href=\"https://www.acme.io/x\"") && page.contains(">www.acme.io/x</a>."), "{page}");
    assert!(!page.contains("href=\"https://in.code.io") && !page.contains("href=\"https://in.block.io"), "{page}");
    assert!(page.contains("href=\"https://en.wikipedia.org/wiki/Split-brain_(computing)\""), "{page}");
    assert_eq!(page.matches("href=\"https://raw.io/a\"").count(), 1, "no link inside a raw link: {page}");
    assert!(!page.contains("href=\"https://www.acme.io\""), "an e-mail's host is not a URL: {page}");
    assert!(page.contains("alt=\"Dashboard https://alt.io/x\""), "{page}");
}

#[test]
fn an_unknown_severity_is_shown_but_not_linked_to_a_page_that_does_not_exist() {
    let d = site(&[(
        "content/incidents/a.md",
        "---\nid: INC-2026-001\ntitle: Outage\nseverity: High\nstatus: resolved\nstarted: 2026-11-01T10:00:00Z\n---\n# Outage\n",
    )]);
    let b = sitrep(d.path(), &["build", ".", "--today", "2026-11-22", "-q", "--allow-errors"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let list = crate::common::read(&d.path().join("public/incidents/index.html"));
    assert!(list.contains("<span class=\"sev\">High</span>"), "{list}");
    assert!(!list.contains("severity/high/"), "{list}");
    assert!(!d.path().join("public/severity/high").exists());
}

#[test]
fn a_script_tag_in_prose_is_text_and_keeps_the_rest_of_the_page() {
    let d = site(&[(
        "content/runbooks/csp.md",
        "---\ntitle: CSP\nowner: team\nlast_reviewed: 2026-11-01\n---\n# CSP\n\nThe policy blocks inline <script> tags and <style> blocks.\n\n## Mitigation\n\nRoll back the CSP header.\n\n## Contacts\n\n- Slack: #web\n",
    )]);
    let b = sitrep(d.path(), &["build", ".", "--today", "2026-11-22", "-q"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let page = crate::common::read(&d.path().join("public/runbooks/csp/index.html"));
    assert!(page.contains("blocks inline &lt;script&gt; tags and &lt;style&gt; blocks."), "{page}");
    assert!(page.contains("Roll back the CSP header.") && page.contains("#web"), "{page}");
}
