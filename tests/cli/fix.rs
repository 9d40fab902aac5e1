//! `sitrep fix`: diff by default, `--write` repairs; check has fewer findings afterwards and
//! nothing else changed (code blocks, line endings, linked anchors).

use crate::common::{site, sitrep};
use std::path::Path;

const TODAY: [&str; 2] = ["--today", "2026-11-22"];

fn run(dir: &Path, args: &[&str]) -> crate::common::Run {
    let mut a = args.to_vec();
    a.extend_from_slice(&TODAY);
    sitrep(dir, &a)
}

const RUNBOOK: &str = "---\r\ntitle: \"Dashboards\"\r\nowner: team-obs\r\nlast_reviewed: 2026/10/1\r\n---\r\n# Dashboards\r\n\r\nOpen Dashboard â†’ Database.\r\n\r\n```sh\r\n# Dashboard â†’ Settings, TBD stays\r\n```\r\n\r\n## Escalation\r\n\r\n- Primary: #obs-oncall\r\n";
const RUNBOOK_FIXED: &str = "---\r\ntitle: \"Dashboards\"\r\nowner: team-obs\r\nlast_reviewed: 2026-10-01\r\n---\r\n# Dashboards\r\n\r\nOpen Dashboard → Database.\r\n\r\n```sh\r\n# Dashboard → Settings, TBD stays\r\n```\r\n\r\n## Contacts\r\n\r\n- Primary: #obs-oncall\r\n";

const INCIDENT: &str = "---\nid: INC-2026-001\ntitle: \"Outage\"\nseverity: SEV3\nstatus: resolved\nstarted: \"November 1, 2026 14:05\"\npostmortem: published\n---\n# Outage\n\n## Summary\n\nDown.\n\n## Impact\n\nSome.\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 14:05 | down |\n\n## Root Cause\n\nBug.\n\n```markdown\n## Corrective Actions\nâœ… kept as code\n```\n\n## 5. Corrective Actions (draft)\n\n- [x] Fixed it — owner: Ana\n";
const INCIDENT_FIXED: &str = "---\nid: INC-2026-001\ntitle: \"Outage\"\nseverity: SEV3\nstatus: resolved\nstarted: 2026-11-01 14:05\npostmortem: published\n---\n# Outage\n\n## Summary\n\nDown.\n\n## Impact\n\nSome.\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 14:05 | down |\n\n## Root Cause\n\nBug.\n\n```markdown\n## Corrective Actions\n✅ kept as code\n```\n\n## 5. Action Items (draft)\n\n- [x] Fixed it — owner: Ana\n\n## Lessons Learned\n";

/// Links to `#escalation`: that heading keeps its name (and its anchor).
const LINKED: &str = "---\ntitle: \"Linked\"\nowner: team\nlast_reviewed: 2026-10-01\n---\n# Linked\n\nSee [who to call](linked.md#escalation).\n\n## Escalation\n\n- Primary: #team-oncall\n";

fn findings(dir: &Path) -> Vec<String> {
    run(dir, &["check", "--format", "short"]).stdout.lines().map(String::from).collect()
}

#[test]
fn fix_shows_a_diff_then_writes_only_the_repairs() {
    let s = site(&[
        ("content/runbooks/dash.md", RUNBOOK),
        ("content/incidents/outage.md", INCIDENT),
        ("content/runbooks/linked.md", LINKED),
    ]);
    let before = findings(s.path());
    // Without --write: a unified diff, exit 1, nothing written.
    let r = run(s.path(), &["fix"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("--- a/content/incidents/outage.md\n+++ b/content/incidents/outage.md\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("\n-## 5. Corrective Actions (draft)\n+## 5. Action Items (draft)\n"), "{}", r.stdout);
    assert!(r.stdout.contains("\n+## Lessons Learned\n"), "{}", r.stdout);
    assert!(r.stderr.contains("`Escalation` not renamed to `Contacts`: links point at #escalation"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(s.path().join("content/runbooks/dash.md")).unwrap(), RUNBOOK);
    // --write: exactly the repairs, line endings kept.
    let r = run(s.path(), &["fix", "--write"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "fixed content/runbooks/dash.md: 2 mojibake, 0 section(s) added, 1 date(s), 1 heading(s) renamed"
        ),
        "{}",
        r.stdout
    );
    assert_eq!(std::fs::read_to_string(s.path().join("content/runbooks/dash.md")).unwrap(), RUNBOOK_FIXED);
    assert_eq!(std::fs::read_to_string(s.path().join("content/incidents/outage.md")).unwrap(), INCIDENT_FIXED);
    assert_eq!(std::fs::read_to_string(s.path().join("content/runbooks/linked.md")).unwrap(), LINKED);
    let after = findings(s.path());
    assert!(after.len() < before.len(), "before: {before:#?}\nafter: {after:#?}");
    for gone in ["text/mojibake", "frontmatter/type", "section/missing", "link/anchor"] {
        assert!(!after.iter().any(|l| l.contains(gone)), "{gone} left: {after:#?}");
    }
    // The added section is an empty heading for a person to fill.
    assert!(
        after.iter().any(|l| l.contains("warning[section/empty] section `Lessons Learned` is empty")),
        "{after:#?}"
    );
    // Nothing left to do: no diff, exit 0.
    let r = run(s.path(), &["fix"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    // The help states these exit codes, not check's.
    let help = sitrep(s.path(), &["fix", "--help"]).stdout;
    assert!(help.contains("1  repairs are pending") && !help.contains("error-level"), "{help}");
}

#[test]
fn fix_leaves_a_document_ending_in_an_open_code_block_or_comment() {
    for (tail, says) in [
        ("```sql\nselect 1;\n", "ends inside an unclosed code block"),
        ("Call `<!--` in HTML.\n\n<!-- TODO: contacts\n- Slack: #x\n", "ends inside an unclosed HTML comment"),
    ] {
        let text = format!("---\ntitle: \"x\"\nowner: t\nlast_reviewed: 2026-10-01\n---\n# x\n\n{tail}");
        let s = site(&[("content/runbooks/x.md", &text)]);
        for _ in 0..2 {
            let r = run(s.path(), &["fix", "--write"]);
            assert_eq!(r.code, 0);
            assert!(r.stderr.contains(says), "{}", r.stderr);
            assert_eq!(std::fs::read_to_string(s.path().join("content/runbooks/x.md")).unwrap(), text);
        }
    }
}
