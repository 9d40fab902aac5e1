//! Bad input: every case gives a finding naming file and line, never a panic, overflow or hang.

use crate::common::{site, sitrep, write, RUNBOOK};

fn short(dir: &std::path::Path) -> crate::common::Run {
    let r = sitrep(dir, &["check", "--today", "2026-11-22", "--format", "short"]);
    assert!(!r.stderr.contains("panicked"), "panic: {}", r.stderr);
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    r
}

#[test]
fn invalid_utf8_names_line_and_offset_and_other_files_are_checked() {
    let s = site(&[("content/runbooks/ok.md", &RUNBOOK.replace("ana.ruiz@acme.test", "TBD"))]);
    write(s.path(), "content/runbooks/bad.md", b"---\ntitle: x\n---\n# T\n\nab\xff cd\n");
    let r = short(s.path());
    assert!(
        r.stdout
            .contains("content/runbooks/bad.md:6:3: error[file/unreadable] not valid UTF-8: invalid byte at offset 24"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("content/runbooks/ok.md:12:"), "the rest of the site is still checked");
}

#[test]
fn bom_crlf_and_lone_cr_keep_exact_positions() {
    let text = RUNBOOK.replace("ana.ruiz@acme.test", "TBD");
    let s = site(&[]);
    write(s.path(), "content/runbooks/bom.md", format!("\u{feff}{text}").as_bytes());
    write(s.path(), "content/runbooks/crlf.md", text.replace('\n', "\r\n").as_bytes());
    write(s.path(), "content/runbooks/cr.md", text.replace('\n', "\r").as_bytes());
    let r = short(s.path());
    for f in ["bom", "crlf", "cr"] {
        assert!(
            r.stdout.contains(&format!("content/runbooks/{f}.md:12:12: error[placeholder/contact]")),
            "{f}: {}",
            r.stdout
        );
    }
}

#[test]
fn unclosed_empty_and_whitespace_files() {
    let s = site(&[
        ("content/runbooks/unclosed.md", "---\ntitle: x\nowner: y\n"),
        ("content/runbooks/empty.md", ""),
        ("content/incidents/blank.md", "  \n\n\t\n"),
    ]);
    let r = short(s.path());
    assert!(
        r.stdout.contains(
            "content/runbooks/unclosed.md:1:1: error[frontmatter/syntax] front-matter opened here is never closed"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("content/runbooks/empty.md:1:1: error[frontmatter/missing]"), "{}", r.stdout);
    assert!(r.stdout.contains("content/incidents/blank.md:1:1: error[frontmatter/missing]"), "{}", r.stdout);
}

#[test]
fn huge_files_lines_and_nesting_finish() {
    let s = site(&[]);
    let mut big = String::from(RUNBOOK);
    while big.len() < 10_000_000 {
        big.push_str("A paragraph of ordinary runbook prose with a [link](#contacts) and `code`.\n\n");
    }
    big.push_str("Last line TODO\n");
    write(s.path(), "content/runbooks/big.md", big.as_bytes());
    let line = format!("{}{}", RUNBOOK, "word ".repeat(200_000) + "TODO\n");
    write(s.path(), "content/runbooks/longline.md", line.as_bytes());
    write(s.path(), "content/pages/quotes.md", format!("{}deep TODO\n", "> ".repeat(10_000)).as_bytes());
    // 10,000 nested lists on one line (`- - - ... item`) and 10,000 indented levels of a short list.
    write(s.path(), "content/pages/lists.md", format!("{}item TODO\n", "- ".repeat(10_000)).as_bytes());
    write(s.path(), "content/pages/emph.md", format!("{}x{}\n", "*_".repeat(5_000), "_*".repeat(5_000)).as_bytes());
    let r = short(s.path());
    let last_line = big.lines().count();
    assert!(
        r.stdout.contains(&format!("content/runbooks/big.md:{last_line}:11: error[placeholder/contact]")),
        "{}",
        &r.stdout[..r.stdout.len().min(2000)]
    );
    assert!(r.stdout.contains("content/runbooks/longline.md:13:1000001: error[placeholder/contact]"), "{}", r.stdout);
    assert!(r.stdout.contains("content/pages/quotes.md:1:20006: warning[placeholder/text]"), "{}", r.stdout);
    assert!(r.stdout.contains("content/pages/lists.md:1:20006: warning[placeholder/text]"), "{}", r.stdout);
}

#[test]
fn yaml_alias_bomb_and_non_mapping_front_matter() {
    let bomb = "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n---\n# b\n";
    let s = site(&[("content/runbooks/bomb.md", bomb), ("content/runbooks/scalar.md", "---\njust text\n---\n# s\n")]);
    let r = short(s.path());
    assert!(
        r.stdout.contains("content/runbooks/bomb.md:") && r.stdout.contains("[frontmatter/syntax]"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("content/runbooks/scalar.md:2:1: error[frontmatter/syntax] front-matter must be a mapping"),
        "{}",
        r.stdout
    );
}

#[test]
fn hostile_names_ids_and_links_never_escape_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    crate::common::copy_dir(&crate::common::fixture("hostile/names"), &site);
    // Things git cannot carry: a non-UTF-8 file name, a symlink loop, a symlink out of content/.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9 notes.md");
        std::fs::write(site.join("content/runbooks").join(name), RUNBOOK).unwrap();
        std::os::unix::fs::symlink("loop-b", site.join("content/loop-a")).unwrap();
        std::os::unix::fs::symlink("loop-a", site.join("content/loop-b")).unwrap();
        std::fs::write(dir.path().join("secret.md"), "---\ntitle: \"outside\"\n---\n# SECRET-OUTSIDE\n").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.md"), site.join("content/outside.md")).unwrap();
        std::os::unix::fs::symlink(dir.path(), site.join("content/outside-dir")).unwrap();
    }
    let r = short(&site);
    assert!(
        !r.stdout.contains("SECRET-OUTSIDE") && !r.stdout.contains("outside.md"),
        "symlinks out of content/ are not followed"
    );
    assert!(
        r.stdout
            .contains("content/runbooks/links.md:8:1: error[link/broken] link `../../../etc/passwd` leaves content/"),
        "{}",
        r.stdout
    );
    let out = dir.path().join("public");
    let b = crate::common::sitrep(
        &site,
        &["build", "--allow-errors", "--out", out.to_str().unwrap(), "--today", "2026-11-22", "-q"],
    );
    assert_eq!(b.code, 0, "{}", b.stderr);
    // Nothing outside the output directory, nothing named `..`, no NUL, no backslash.
    let mut all = Vec::new();
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() && !p.is_symlink() {
                stack.push(p.clone());
            }
            all.push(p);
        }
    }
    for p in &all {
        let s = p.to_string_lossy();
        assert!(
            p.starts_with(&out) || p.starts_with(&site) || p == &dir.path().join("secret.md") || p == &out,
            "written outside: {s}"
        );
        assert!(!s.contains('\\') && !s.contains('\0'), "{s}");
    }
    assert!(!std::path::Path::new("/tmp/pwned").exists());
    // Active markup only: quoted attribute values are skipped as whole tokens, so escaped text
    // inside a title="..." cannot match.
    let active =
        regex::Regex::new(r#"(?i)<script>alert|<[a-z][a-z0-9]*(?:\s+[a-z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*\s+on[a-z]+\s*=|href="\s*javascript:"#)
            .unwrap();
    for f in all.iter().filter(|p| p.starts_with(&out) && p.extension().is_some_and(|e| e == "html")) {
        let t = std::fs::read_to_string(f).unwrap();
        assert!(!active.is_match(&t), "{}: {:?}", f.display(), active.find(&t));
        assert!(!t.contains('\0'), "{}: NUL in output", f.display());
        assert!(!t.contains("SECRET-OUTSIDE"), "{}", f.display());
    }
    assert!(out.join("incidents/tmp-pwned/index.html").is_file(), "ids are slugged into one path segment");
    assert!(out.join("runbooks/with-spaces/db-failover-old/index.html").is_file());
}

/// A site whose documents nest 10,000 levels deep (blockquotes, lists, emphasis) and whose
/// front-matter and headings carry markup; used through check, build and serve.
fn deep_and_hostile_site() -> tempfile::TempDir {
    let s = site(&[]);
    write(s.path(), "content/pages/quotes.md", format!("{}deep\n", "> ".repeat(10_000)).as_bytes());
    write(s.path(), "content/pages/lists.md", format!("{}item\n", "- ".repeat(10_000)).as_bytes());
    write(s.path(), "content/pages/emph.md", format!("{}x{}\n", "*_".repeat(5_000), "_*".repeat(5_000)).as_bytes());
    let inc = "---\nid: INC-2026-001\ntitle: \"<script>alert(1)</script>\"\nseverity: \"<img src=x onerror=alert(2)>\"\nstatus: resolved\nstarted: 2026-03-01T10:00:00Z\nresolved: 2026-03-01T11:00:00Z\nservices: [\"<b onmouseover=alert(3)>api</b>\"]\npostmortem: published\n---\n# x\n\n## Summary <script>alert(4)</script>\n\nx\n\n## Impact\n\nx\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 10:00 | <script>alert(5)</script> |\n\n## Root Cause\n\nx\n\n## Action Items\n\n| Action | Owner | Due | Status |\n|---|---|---|---|\n| <img src=x onerror=alert(6)> | @a | 2027-01-01 | open |\n\n## Lessons Learned\n\nx\n";
    write(s.path(), "content/incidents/inc.md", inc.as_bytes());
    s
}

#[test]
fn deep_nesting_and_markup_survive_build_and_every_export() {
    let s = deep_and_hostile_site();
    let r = short(s.path());
    assert!(r.stdout.contains("unknown severity"), "{}", r.stdout);
    let out = s.path().join("public");
    let b = crate::common::sitrep(
        s.path(),
        &["build", "--allow-errors", "--today", "2026-11-22", "-q", "--base-url", "https://x.org/"],
    );
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert!(out.join("pages/quotes/index.html").is_file() && out.join("pages/emph/index.html").is_file());
    for f in ["search-index.json", "incidents.json", "actions.json", "feed.xml", "sitemap.xml"] {
        let t = std::fs::read_to_string(out.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert!(!t.contains('<') || f.ends_with(".xml"), "{f}: raw `<` in JSON");
        if f.ends_with(".xml") {
            assert!(!t.contains("<script") && !t.contains("<img") && !t.contains("<b "), "{f}: markup from input");
        }
    }
    let page = std::fs::read_to_string(out.join("incidents/inc-2026-001/index.html")).unwrap();
    assert!(!page.contains("<script>alert") && !page.contains("<img src=x") && !page.contains("<b onmouseover"));
}

#[test]
fn deep_nesting_and_markup_survive_serve_and_its_overlay() {
    let s = deep_and_hostile_site();
    let server = crate::serve::Server::start(s.path(), &["-q"]);
    for path in ["/pages/quotes/", "/pages/lists/", "/pages/emph/"] {
        assert_eq!(server.get(path).0, 200, "{path}");
    }
    let (code, home) = server.get("/");
    assert_eq!(code, 200);
    assert!(home.contains("class=\"sitrep-errors\""), "the invalid severity is an error in the overlay");
    let overlay = &home[home.find("id=\"sitrep-overlay\"").unwrap()..];
    assert!(overlay.contains("&lt;img src=x onerror=alert(2)&gt;"), "escaped in the overlay");
    assert!(!overlay.contains("<img") && !overlay.contains("<script>alert"), "{overlay}");
}
