//! Exit codes, configuration, --only, --changed-since, baselines, suppressions, paths, dates.

use crate::common::{fixture, lines_of, site, sitrep, sitrep_env, write, RUNBOOK};
use std::process::Command;

const TODAY: [&str; 2] = ["--today", "2026-11-22"];

fn check(dir: &std::path::Path, extra: &[&str]) -> crate::common::Run {
    let mut args = vec!["check", TODAY[0], TODAY[1], "--format", "short"];
    args.extend_from_slice(extra);
    sitrep(dir, &args)
}

#[test]
fn exit_codes() {
    let clean = site(&[("content/runbooks/db.md", RUNBOOK)]);
    assert_eq!(check(clean.path(), &[]).code, 0);
    let warn =
        site(&[("content/runbooks/db.md", &RUNBOOK.replace("Promote the replica.", "Promote it by YYYY-MM-DD."))]);
    let r = check(warn.path(), &[]);
    assert_eq!(r.code, 0, "warnings alone pass: {}", r.stdout);
    assert_eq!(check(warn.path(), &["--deny-warnings"]).code, 1);
    let err = site(&[("content/runbooks/db.md", &RUNBOOK.replace("ana.ruiz@acme.test", "TBD"))]);
    assert_eq!(check(err.path(), &[]).code, 1);
    let missing = sitrep(clean.path(), &["check", "no/such/dir"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no/such/dir"), "{}", missing.stderr);
    let bad_format = sitrep(clean.path(), &["check", "--format", "xml"]);
    assert_eq!(bad_format.code, 2);
    assert!(bad_format.stderr.contains("unknown format `xml`"));
    assert_eq!(sitrep(clean.path(), &["check", "--bogus"]).code, 2);
    let no_content = tempfile::tempdir().unwrap();
    let r = sitrep(no_content.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no content/ directory"), "{}", r.stderr);
    let help = sitrep(clean.path(), &["check", "--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("Exit codes:"));
}

#[test]
fn config_errors_exit_2_with_did_you_mean_and_line() {
    let s = site(&[("sitrep.yaml", "title: x\nseverites:\n  - id: RED\n"), ("content/runbooks/db.md", RUNBOOK)]);
    let r = sitrep(s.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("sitrep.yaml:2: unknown setting `severites`; did you mean `severities`?"),
        "{}",
        r.stderr
    );
    let s = site(&[("sitrep.yaml", "rules:\n  placeholder/text: loud\n"), ("content/runbooks/db.md", RUNBOOK)]);
    let r = sitrep(s.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("sitrep.yaml:2:"), "{}", r.stderr);
    let s =
        site(&[("sitrep.yaml", "severities:\n  - id: RED\n    colour: red\n"), ("content/runbooks/db.md", RUNBOOK)]);
    let r = sitrep(s.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("colour"), "{}", r.stderr);
}

#[test]
fn rule_levels_and_custom_sections_from_config() {
    let body = RUNBOOK.replace("Promote the replica.", "Promote it by YYYY-MM-DD.");
    let s = site(&[("sitrep.yaml", "rules:\n  placeholder/text: error\n"), ("content/runbooks/db.md", &body)]);
    let r = check(s.path(), &[]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("error[placeholder/text]"));
    let s = site(&[("sitrep.yaml", "rules:\n  placeholder/text: off\n"), ("content/runbooks/db.md", &body)]);
    assert_eq!(check(s.path(), &[]).stdout, "");
    let s = site(&[
        (
            "sitrep.yaml",
            "sections:\n  runbook:\n    - name: Meaning\n    - name: Mitigation\n      aliases: [Remediation]\n",
        ),
        (
            "content/runbooks/db.md",
            &RUNBOOK.replace("## Contacts", "## Meaning\n\nThe primary is down.\n\n## Contacts"),
        ),
    ]);
    let r = check(s.path(), &[]);
    assert_eq!(
        lines_of(&r.stdout, "section/missing"),
        ["content/runbooks/db.md:6:1: error[section/missing] runbook has no `Mitigation` section"]
    );
}

#[test]
fn custom_severity_scheme_and_kind_folders() {
    let inc = "---\nid: INC-1\ntitle: \"x\"\nseverity: RED\nstatus: resolved\nstarted: 2026-01-01T00:00:00Z\n---\n# x\n\n## Summary\na\n## Impact\na\n## Timeline\na\n## Root Cause\na\n## Action Items\na\n## Lessons Learned\na\n";
    let s = site(&[
        ("sitrep.yaml", "kinds:\n  incident: [pm]\nseverities:\n  - id: RED\n  - id: YELLOW\n  - id: GREEN\n"),
        ("content/pm/2026/one.md", inc),
    ]);
    let r = check(s.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    // Folder kind applies to sub-folders: an incident without front-matter there is reported.
    write(s.path(), "content/pm/2026/two.md", b"# no front-matter\n");
    assert!(check(s.path(), &[])
        .stdout
        .contains("content/pm/2026/two.md:1:1: error[frontmatter/missing] incident has no front-matter"));
    // front-matter `kind:` wins over the folder.
    write(s.path(), "content/pm/2026/two.md", b"---\nkind: page\n---\n# fine\n");
    assert_eq!(check(s.path(), &[]).code, 0);
}

#[test]
fn only_reports_named_files_but_loads_the_whole_site() {
    let s = site(&[
        ("content/runbooks/a.md", &RUNBOOK.replace("Promote the replica.", "See [b](b.md#nope).")),
        ("content/runbooks/b.md", &RUNBOOK.replace("ana.ruiz@acme.test", "TBD")),
    ]);
    let r = check(s.path(), &["--only", "content/runbooks/a.md"]);
    assert_eq!(r.stdout, "content/runbooks/a.md:8:5: error[link/anchor] no anchor `#nope` in `runbooks/b.md`\n");
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let ok = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@t")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@t")
        .status()
        .expect("git")
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn changed_since_reports_changed_files_and_links_to_them() {
    let s = site(&[
        ("content/runbooks/a.md", &RUNBOOK.replace("Promote the replica.", "See [b](b.md#steps).")),
        ("content/runbooks/b.md", &RUNBOOK.replace("## Contacts", "## Steps\n\nDo it.\n\n## Contacts")),
        ("content/runbooks/c.md", &RUNBOOK.replace("Promote the replica.", "Old TODO here.")),
    ]);
    git(s.path(), &["init", "-q", "-b", "main"]);
    git(s.path(), &["add", "-A"]);
    git(s.path(), &["commit", "-q", "-m", "base"]);
    // b.md loses its `Steps` heading; a.md (unchanged) links to it; c.md (unchanged) has a warning.
    write(s.path(), "content/runbooks/b.md", RUNBOOK.replace("Promote the replica.", "Now with TBD text.").as_bytes());
    let r = check(s.path(), &["--changed-since", "HEAD"]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "content/runbooks/a.md:8:5: error[link/anchor] no anchor `#steps` in `runbooks/b.md`",
            "content/runbooks/b.md:8:10: warning[placeholder/text] placeholder text `TBD`",
        ]
    );
    // A deleted file: links to it are reported, nothing else.
    std::fs::remove_file(s.path().join("content/runbooks/b.md")).unwrap();
    let r = check(s.path(), &["--changed-since", "HEAD"]);
    assert_eq!(r.stdout, "content/runbooks/a.md:8:5: error[link/broken] broken link `b.md#steps`\n");
    let r = check(s.path(), &["--changed-since", "no-such-rev"]);
    assert_eq!(r.code, 2);
}

#[test]
fn baseline_hides_known_findings_by_text_not_line() {
    let s = site(&[("content/runbooks/db.md", &RUNBOOK.replace("ana.ruiz@acme.test", "TBD"))]);
    let base = s.path().join("baseline.json");
    let r = check(s.path(), &["--write-baseline", base.to_str().unwrap()]);
    assert_eq!(r.code, 0);
    assert_eq!(check(s.path(), &["--baseline", base.to_str().unwrap()]).stdout, "");
    // Move the old finding down and add a new one: only the new one is reported.
    let moved = RUNBOOK
        .replace("ana.ruiz@acme.test", "TBD")
        .replace("Promote the replica.", "Promote the replica.\n\nMore text.\n\n- Backup: [Update]");
    write(s.path(), "content/runbooks/db.md", moved.as_bytes());
    let r = check(s.path(), &["--baseline", base.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "content/runbooks/db.md:12:11: error[placeholder/contact] placeholder contact `[Update]`\n");
}

#[test]
fn suppression_comments_and_front_matter_allow() {
    let body = "---\ntitle: \"x\"\nowner: \"team\"\nlast_reviewed: 2026-10-01\nsitrep:\n  allow: [section/missing]\n---\n# x\n\n<!-- sitrep-disable-next-line placeholder/text -->\nFirst TODO.\nSecond TODO.\n\n<!-- sitrep-disable placeholder/text -->\nThird TODO.\n<!-- sitrep-enable placeholder/text -->\nFourth TODO.\n";
    let s = site(&[("content/runbooks/x.md", body)]);
    let r = check(s.path(), &[]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "content/runbooks/x.md:12:8: warning[placeholder/text] placeholder text `TODO`",
            "content/runbooks/x.md:17:8: warning[placeholder/text] placeholder text `TODO`",
        ]
    );
}

#[test]
fn paths_relative_to_cwd_or_absolute() {
    let s = site(&[("content/runbooks/db.md", &RUNBOOK.replace("ana.ruiz@acme.test", "TBD"))]);
    let r = sitrep(&s.path().join("content"), &["check", "..", "--format", "short"]);
    assert!(!r.stdout.is_empty() && r.stdout.lines().all(|l| l.starts_with("runbooks/db.md:")), "{}", r.stdout);
    let elsewhere = tempfile::tempdir().unwrap();
    let r = sitrep(elsewhere.path(), &["check", s.path().to_str().unwrap(), "--format", "short"]);
    let canon = s.path().canonicalize().unwrap();
    assert!(
        r.stdout.lines().all(|l| l.starts_with(&format!("{}/content/runbooks/db.md:", canon.display()))),
        "{}",
        r.stdout
    );
}

#[test]
fn today_flag_and_source_date_epoch() {
    let s = site(&[("content/runbooks/db.md", RUNBOOK)]);
    let bad = sitrep(s.path(), &["check", "--today", "22/11/2026"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--today"));
    let r = sitrep_env(s.path(), &["check"], &[("SOURCE_DATE_EPOCH", "nonsense")]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("SOURCE_DATE_EPOCH"));
    let r = sitrep_env(s.path(), &["check", "--today", "2026-01-01"], &[("SOURCE_DATE_EPOCH", "nonsense")]);
    assert_eq!(r.code, 0, "--today wins over SOURCE_DATE_EPOCH: {}", r.stderr);
}

#[test]
fn no_color_env_is_respected_and_pipes_get_plain_text() {
    let s = fixture("rules/placeholder__contact/bad");
    let r = sitrep_env(&s, &["check", "--today", "2026-11-22"], &[("NO_COLOR", "1")]);
    assert!(!r.stdout.contains('\u{1b}'));
}
