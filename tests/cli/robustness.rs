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
