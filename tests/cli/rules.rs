//! Every rule: registered with docs, a triggering fixture whose findings match a reviewed
//! snapshot (exact lines and columns), and a clean fixture with no finding of that rule.
//! `SITREP_BLESS=1 cargo test` rewrites the snapshots; review the diff like code.

use crate::common::{fixture, lines_of, repo, sitrep};
use sitrep::check::RULES;

fn rule_dir(id: &str) -> std::path::PathBuf {
    fixture("rules").join(id.replace('/', "__"))
}

#[test]
fn every_rule_has_docs_and_fixtures() {
    for r in RULES {
        for heading in ["### What it checks", "### Why", "### Example"] {
            assert!(r.docs.contains(heading), "{} lacks `{heading}` in its docs", r.id);
        }
        assert!(!r.summary.is_empty(), "{} has no summary", r.id);
        for kind in ["bad", "good"] {
            assert!(rule_dir(r.id).join(kind).join("content").is_dir(), "{} has no {kind} fixture", r.id);
        }
        assert!(rule_dir(r.id).join("bad/expected.txt").is_file(), "{} has no expected.txt", r.id);
    }
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), RULES.len(), "rule ids must be unique");
}

#[test]
fn bad_fixtures_trigger_exactly_the_expected_findings() {
    let bless = std::env::var_os("SITREP_BLESS").is_some();
    let mut failures = Vec::new();
    for r in RULES {
        let dir = rule_dir(r.id).join("bad");
        let run = sitrep(&dir, &["check", "--today", "2026-11-22", "--format", "short"]);
        assert!(run.code == 0 || run.code == 1, "{}: exit {} {}", r.id, run.code, run.stderr);
        let got: String = lines_of(&run.stdout, r.id).iter().map(|l| format!("{l}\n")).collect();
        let path = dir.join("expected.txt");
        if bless {
            std::fs::write(&path, &got).expect("bless");
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(!want.is_empty(), "{}: expected.txt is empty: the bad fixture must trigger the rule", r.id);
        if got != want {
            failures.push(format!("== {}\n--- expected\n{want}--- got\n{got}", r.id));
        }
        let exit_for_errors = if r.level == sitrep::diag::Level::Error { 1 } else { run.code };
        assert_eq!(run.code, exit_for_errors, "{}: error-level findings exit 1", r.id);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_placeholder_owner_is_one_finding_not_also_placeholder_text() {
    let dir = rule_dir("incident/action-item-owner").join("bad");
    let run = sitrep(&dir, &["check", "--today", "2026-11-22", "--format", "short"]);
    let at = |rule: &str| {
        lines_of(&run.stdout, rule).into_iter().filter(|l| l.starts_with("content/incidents/c.md:39:48:")).count()
    };
    assert_eq!((at("incident/action-item-owner"), at("placeholder/text")), (1, 0), "{}", run.stdout);
}

#[test]
fn links_to_draft_runbooks_are_fine_when_drafts_are_published() {
    let dir = rule_dir("link/unpublished").join("bad");
    let out = tempfile::tempdir().unwrap();
    let o = out.path().join("site");
    let b =
        sitrep(&dir, &["build", "--today", "2026-11-22", "--drafts", "--allow-errors", "--out", o.to_str().unwrap()]);
    // The private document's link is still reported; the draft's no longer.
    let found = lines_of(&b.stderr, "link/unpublished");
    assert!(found.len() == 1 && found[0].contains("private"), "{}", b.stderr);
    let b = sitrep(&dir, &["build", "--today", "2026-11-22", "--allow-errors", "--out", o.to_str().unwrap()]);
    assert!(b.stderr.contains("draft runbook"), "{}", b.stderr);
}

#[test]
fn secrets_are_masked_in_every_report_that_shows_source() {
    let dir = rule_dir("security/secret").join("bad");
    for format in ["human", "sarif", "json", "github", "short", "junit"] {
        let run = sitrep(&dir, &["check", "--today", "2026-11-22", "--format", format]);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        for secret in ["ghp_R7k2Xq9LmN4pT8vW3yZ6bC1dF5gH0jK2sA4e", "AKIA4HZQ7Y2N3PL6WQXR"] {
            assert!(!run.stdout.contains(secret), "{format} shows {secret}:\n{}", run.stdout);
        }
    }
    let human = sitrep(&dir, &["check", "--today", "2026-11-22"]);
    assert!(human.stdout.contains("export GITHUB_TOKEN=ghp_****"), "{}", human.stdout);
}

#[test]
fn good_fixtures_stay_clean() {
    for r in RULES {
        let dir = rule_dir(r.id).join("good");
        let run = sitrep(&dir, &["check", "--today", "2026-11-22", "--format", "short"]);
        assert!(lines_of(&run.stdout, r.id).is_empty(), "{} fires on its clean fixture:\n{}", r.id, run.stdout);
    }
}

#[test]
fn rules_command_prints_catalogue_and_docs() {
    let run = sitrep(&repo(), &["rules"]);
    assert_eq!(run.code, 0);
    for r in RULES {
        assert!(run.stdout.contains(r.id), "catalogue lacks {}", r.id);
    }
    let one = sitrep(&repo(), &["rules", "section/missing"]);
    assert_eq!(one.code, 0);
    assert!(one.stdout.contains("### What it checks"));
    let bad = sitrep(&repo(), &["rules", "section/mising"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("did you mean `section/missing`"), "{}", bad.stderr);
}

#[test]
fn readme_rule_table_is_generated_from_metadata() {
    let table = sitrep(&repo(), &["rules", "--markdown"]).stdout;
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    assert!(readme.contains(&table), "README rule table is stale: paste `sitrep rules --markdown` into it");
}

#[test]
fn seeds_report_every_placeholder_contact_and_nothing_from_templates() {
    let run = sitrep(&fixture("seeds"), &["check", "--today", "2026-11-22", "--format", "short"]);
    assert_eq!(run.code, 1);
    let contacts: Vec<String> = lines_of(&run.stdout, "placeholder/contact")
        .iter()
        .map(|l| l.split(": error").next().unwrap_or("").to_string())
        .collect();
    let expected = [
        "content/runbooks/generic-incident-response.md:141:1",
        "content/runbooks/generic-incident-response.md:145:21",
        "content/runbooks/generic-incident-response.md:146:23",
        "content/runbooks/generic-incident-response.md:147:22",
        "content/runbooks/generic-incident-response.md:148:19",
        "content/runbooks/ops-incident-response.md:40:1",
        "content/runbooks/ops-incident-response.md:41:14",
        "content/runbooks/ops-incident-response.md:42:17",
        "content/runbooks/ops-incident-response.md:43:27",
        "content/runbooks/vyberology-playbook.md:45:15",
        "content/runbooks/vyberology-playbook.md:457:23",
        "content/runbooks/vyberology-playbook.md:458:12",
    ];
    assert_eq!(contacts, expected);
    let text = lines_of(&run.stdout, "placeholder/text");
    assert_eq!(
        text,
        ["content/runbooks/vyberology-playbook.md:477:3: warning[placeholder/text] placeholder text `TBD`"]
    );
}

#[test]
fn example_site_has_only_its_deliberate_warnings() {
    let run = sitrep(&repo(), &["check", "--today", "2026-11-22", "--format", "short"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let rules: Vec<&str> =
        run.stdout.lines().map(|l| l.split('[').nth(1).unwrap_or("").split(']').next().unwrap_or("")).collect();
    assert_eq!(
        rules,
        [
            "incident/action-item-overdue",
            "incident/action-item-overdue",
            "incident/action-item-overdue",
            "runbook/stale"
        ],
        "{}",
        run.stdout
    );
    assert_eq!(sitrep(&repo(), &["check", "--today", "2026-11-22", "--deny-warnings", "-q"]).code, 1);
}

#[test]
fn seed_mojibake_is_found_in_code_blocks_with_its_repair() {
    let run = sitrep(&fixture("seeds"), &["check", "--today", "2026-11-22", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let moj: Vec<&serde_json::Value> = v.as_array().unwrap().iter().filter(|f| f["rule"] == "text/mojibake").collect();
    assert_eq!(moj.len(), 12);
    assert!(moj.iter().all(|f| f["path"] == "content/runbooks/vyberology-playbook.md"));
    let first = moj[0];
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(81), Some(11)));
    assert!(first["help"].as_str().unwrap().contains("`→`"));
    assert!(moj.iter().any(|f| f["help"].as_str().unwrap().contains("`🚨`")));
}

#[test]
fn every_rule_can_be_suppressed_per_document() {
    for r in RULES {
        let dir = tempfile::tempdir().unwrap();
        crate::common::copy_dir(&rule_dir(r.id).join("bad"), dir.path());
        let before = sitrep(dir.path(), &["check", "--today", "2026-11-22", "--format", "short"]);
        let files: std::collections::BTreeSet<String> =
            lines_of(&before.stdout, r.id).iter().map(|l| l.split(':').next().unwrap().to_string()).collect();
        let mut allowed = Vec::new();
        for f in &files {
            let p = dir.path().join(f);
            let Ok(text) = std::fs::read_to_string(&p) else { continue };
            // Only documents whose front-matter parses can carry `sitrep: {allow: ...}`.
            let Some(rest) = text.strip_prefix("---\n") else { continue };
            if r.id.starts_with("frontmatter/") || r.id == "file/unreadable" {
                continue;
            }
            std::fs::write(&p, format!("---\nsitrep:\n  allow: [{}]\n{rest}", r.id)).unwrap();
            allowed.push(f.clone());
        }
        let after = sitrep(dir.path(), &["check", "--today", "2026-11-22", "--format", "short"]);
        for f in &allowed {
            assert!(
                !lines_of(&after.stdout, r.id).iter().any(|l| l.starts_with(&format!("{f}:"))),
                "{}: still reported in {f} despite `sitrep: {{allow}}`:\n{}",
                r.id,
                after.stdout
            );
        }
    }
}

#[test]
fn comment_suppression_works_for_incident_rules() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&rule_dir("incident/action-item-owner").join("bad"), dir.path());
    let p = dir.path().join("content/incidents/a.md");
    let text = std::fs::read_to_string(&p).unwrap();
    let before = sitrep(dir.path(), &["check", "--today", "2026-11-22", "--format", "short"]);
    assert!(lines_of(&before.stdout, "incident/action-item-owner")
        .iter()
        .any(|l| l.starts_with("content/incidents/a.md:")));
    // Around the whole section, so the table itself is untouched.
    let text = text
        .replace("## Action Items", "<!-- sitrep-disable incident/action-item-owner incident/action-item-due incident/action-item-overdue -- agreed in review -->\n\n## Action Items")
        .replace("## Lessons Learned", "<!-- sitrep-enable -->\n\n## Lessons Learned");
    std::fs::write(&p, text).unwrap();
    let r = sitrep(dir.path(), &["check", "--today", "2026-11-22", "--format", "short"]);
    for rule in ["incident/action-item-owner", "incident/action-item-due", "incident/action-item-overdue"] {
        assert!(
            !lines_of(&r.stdout, rule).iter().any(|l| l.starts_with("content/incidents/a.md:")),
            "{rule}: {}",
            r.stdout
        );
    }
    assert!(r.stdout.contains("content/incidents/b.md:"), "other files still checked");
}
