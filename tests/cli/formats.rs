//! Every output format on one fixture: human, short, json, sarif (schema-validated), github, junit.

use crate::common::{fixture, repo, sitrep};

fn run(format: &str) -> crate::common::Run {
    let dir = fixture("rules/placeholder__contact/bad");
    sitrep(&dir, &["check", "--today", "2026-11-22", "--format", format])
}

#[test]
fn human_is_rustc_style_with_caret_help_and_summary() {
    let r = run("human");
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("error[placeholder/contact]: placeholder contact `TBD`"), "{}", r.stdout);
    assert!(r.stdout.contains("--> content/runbooks/db.md:12:12"), "{}", r.stdout);
    assert!(r.stdout.contains("12 | - Primary: TBD\n   |            ^^^\n"), "{}", r.stdout);
    assert!(r.stdout.contains("= help: name a real person"), "{}", r.stdout);
    assert!(r.stdout.trim_end().ends_with("10 errors, 0 warnings in 3 files (3 checked)"), "{}", r.stdout);
    assert!(!r.stdout.contains('\u{1b}'), "no colour when not on a terminal");
}

#[test]
fn quiet_drops_the_summary() {
    let dir = fixture("rules/placeholder__contact/bad");
    let r = sitrep(&dir, &["check", "--today", "2026-11-22", "-q"]);
    assert!(!r.stdout.contains("errors,"), "{}", r.stdout);
    assert!(r.stdout.contains("error[placeholder/contact]"));
}

#[test]
fn short_is_one_line_per_finding() {
    let r = run("short");
    assert_eq!(r.stdout.lines().count(), 10);
    assert!(r.stdout.lines().all(|l| l.starts_with("content/")));
    assert!(r
        .stdout
        .contains("content/runbooks/roles.md:11:24: error[placeholder/contact] placeholder contact `<manager-email>`"));
}

#[test]
fn json_is_a_stable_array() {
    let r = run("json");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let arr = v.as_array().expect("array");
    assert_eq!(arr.len(), 10);
    // Field order is part of the contract: read it from the raw text (Value sorts keys).
    let first_obj = &r.stdout[..r.stdout.find('}').expect("object")];
    let order: Vec<usize> = ["rule", "level", "path", "line", "column", "end_line", "end_column", "message", "help"]
        .iter()
        .map(|k| first_obj.find(&format!("\"{k}\":")).unwrap_or_else(|| panic!("missing {k}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "field order: {first_obj}");
    let roles = arr.iter().find(|f| f["message"].as_str().unwrap().contains("manager-email")).expect("finding");
    assert_eq!(roles["line"], 11);
    assert_eq!(roles["column"], 24);
    assert_eq!(roles["end_column"], 39);
    assert!(!r.stdout.contains('<'), "`<` is escaped in JSON output");
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let r = run("sarif");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let schema_path = repo().join("../shared/schemas/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).expect("shared/schemas beside the repo"))
            .expect("schema");
    let validator = jsonschema::draft4::new(&schema).expect("compile schema");
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF invalid: {errors:#?}");
    let run0 = &v["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    assert_eq!(run0["tool"]["driver"]["rules"].as_array().unwrap().len(), sitrep::check::RULES.len());
    let res = &run0["results"][0];
    assert_eq!(res["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert!(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .starts_with("content/"));
    assert!(res["partialFingerprints"]["sitrepFingerprint/v1"].is_string());
}

#[test]
fn sarif_fingerprints_survive_line_moves() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&fixture("rules/placeholder__contact/bad"), dir.path());
    let fp = |dir: &std::path::Path| -> Vec<String> {
        let r = sitrep(dir, &["check", "--today", "2026-11-22", "--format", "sarif"]);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let mut f: Vec<String> = v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["partialFingerprints"]["sitrepFingerprint/v1"].as_str().unwrap().to_string())
            .collect();
        f.sort();
        f
    };
    let before = fp(dir.path());
    let p = dir.path().join("content/runbooks/db.md");
    let text = std::fs::read_to_string(&p).unwrap().replacen(
        "# Database failover\n",
        "# Database failover\n\nAn added paragraph.\n",
        1,
    );
    std::fs::write(&p, text).unwrap();
    assert_eq!(before, fp(dir.path()));
}

#[test]
fn github_annotations() {
    let r = run("github");
    assert!(
        r.stdout.contains("::error file=content/runbooks/db.md,line=12,col=12,endLine=12,endColumn=15,title=placeholder/contact::placeholder contact `TBD`%0Ahelp: "),
        "{}",
        r.stdout
    );
    assert_eq!(r.stdout.lines().filter(|l| l.starts_with("::error ")).count(), 10);
}

#[test]
fn junit_has_a_testcase_per_file() {
    let r = run("junit");
    assert!(r.stdout.starts_with("<?xml"), "{}", r.stdout);
    assert_eq!(r.stdout.matches("<testcase ").count(), 3, "{}", r.stdout);
    assert_eq!(r.stdout.matches("<failure").count(), 3, "{}", r.stdout);
    assert!(r.stdout.contains("name=\"content/runbooks/roles.md\""));
}

#[test]
fn output_writes_extra_formats_in_the_same_run() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("out.sarif");
    let json = dir.path().join("out.json");
    let r = sitrep(
        &fixture("rules/placeholder__contact/bad"),
        &[
            "check",
            "--today",
            "2026-11-22",
            "--format",
            "github",
            "--output",
            &format!("sarif={}", sarif.display()),
            "--output",
            &format!("json={}", json.display()),
        ],
    );
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("::error"));
    let s: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(sarif).unwrap()).unwrap();
    assert_eq!(s["version"], "2.1.0");
    let j: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(j.as_array().unwrap().len(), 10);
}
