//! `sitrep schema`, `completions`, `man`; the GitHub Action and pre-commit hook definitions.

use crate::common::{repo, site, sitrep};
use std::path::Path;

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

#[test]
fn schemas_are_json_schema_with_site_fields() {
    let s = site(&[("sitrep.yaml", "fields:\n  runbook:\n    - { name: tier, values: [gold, silver] }\n")]);
    let r = sitrep(s.path(), &["schema", "runbook"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(v["properties"]["tier"]["enum"], serde_json::json!(["gold", "silver"]));
    assert!(v["properties"]["status"].to_string().contains("#/$defs/RunbookStatus"), "{}", v["properties"]["status"]);
    let consts: Vec<&str> =
        v["$defs"]["RunbookStatus"]["oneOf"].as_array().unwrap().iter().map(|c| c["const"].as_str().unwrap()).collect();
    assert_eq!(consts, ["active", "draft", "deprecated"]);
    assert_eq!(v["additionalProperties"], false);
    let r = sitrep(s.path(), &["schema", "incident"]);
    let v = json(&r.stdout);
    let mut req: Vec<&str> = v["required"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
    req.sort();
    assert_eq!(req, ["id", "severity", "started", "status", "title"]);
    let r = sitrep(s.path(), &["schema", "config"]);
    let v = json(&r.stdout);
    assert!(v["properties"]["incident_id"].is_object());
    assert_eq!(sitrep(s.path(), &["schema", "page"]).code, 2);
}

#[test]
fn completions_and_man_page() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let r = sitrep(dir.path(), &["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains("import") && r.stdout.contains("deny-warnings"), "{shell}");
    }
    let r = sitrep(dir.path(), &["man"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.starts_with(".ie \\n(.g .ds Aq") || r.stdout.contains(".TH sitrep 1"),
        "{}",
        &r.stdout[..200.min(r.stdout.len())]
    );
    let r = sitrep(dir.path(), &["man", "--dir", "man"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for page in ["sitrep.1", "sitrep-check.1", "sitrep-import.1", "sitrep-new-incident.1"] {
        assert!(dir.path().join("man").join(page).is_file(), "{page}");
    }
}

fn yaml(path: &Path) -> serde_yaml_ng::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `${{ inputs.NAME }}` references in a text.
fn input_refs(text: &str) -> Vec<String> {
    let re = regex::Regex::new(r"inputs\.([A-Za-z0-9_-]+)").unwrap();
    re.captures_iter(text).map(|c| c[1].to_string()).collect()
}

#[test]
fn action_is_a_valid_composite_action() {
    let path = repo().join("action.yml");
    let v = yaml(&path);
    assert!(v["name"].is_string() && v["description"].is_string());
    assert_eq!(v["runs"]["using"], "composite");
    let inputs = v["inputs"].as_mapping().expect("inputs");
    for (name, spec) in inputs {
        assert!(spec["description"].is_string(), "input {name:?} needs a description");
    }
    let steps = v["runs"]["steps"].as_sequence().expect("steps");
    for step in steps {
        // Composite `run` steps must name their shell.
        if step.get("run").is_some() {
            assert!(step["shell"].is_string(), "run step without shell: {step:?}");
        }
    }
    let text = std::fs::read_to_string(&path).unwrap();
    for r in input_refs(&text) {
        assert!(inputs.contains_key(r.as_str()), "action.yml uses undefined input `{r}`");
    }
    assert!(text.contains("--format github"));
    assert!(text.contains("github/codeql-action/upload-sarif@"));
    // Inputs reach shell code through env, never spliced into scripts.
    for step in steps {
        if let Some(run) = step.get("run").and_then(|r| r.as_str()) {
            assert!(!run.contains("${{"), "expression inside a run script: {run}");
        }
    }
}

#[test]
fn pre_commit_hook_runs_check_only_on_changed_markdown() {
    let v = yaml(&repo().join(".pre-commit-hooks.yaml"));
    let hooks = v.as_sequence().expect("a list of hooks");
    let hook = &hooks[0];
    for key in ["id", "name", "entry", "language"] {
        assert!(hook[key].is_string(), "{key}");
    }
    assert_eq!(hook["entry"], "sitrep check");
    assert_eq!(hook["args"], serde_yaml_ng::to_value(["--only"]).unwrap());
    assert_eq!(hook["language"], "rust");
    assert!(regex::Regex::new(hook["files"].as_str().unwrap()).unwrap().is_match("docs/content/runbooks/db.md"));
}

#[test]
fn init_workflow_is_valid_yaml_with_the_check_and_upload_steps() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(sitrep(dir.path(), &["init"]).code, 0);
    let v = yaml(&dir.path().join(".github/workflows/docs.yml"));
    assert!(v["on"]["pull_request"].is_null() || v["on"]["pull_request"].is_mapping());
    assert!(v["on"].as_mapping().unwrap().contains_key("pull_request"));
    let steps = v["jobs"]["check"]["steps"].as_sequence().unwrap();
    assert!(steps.iter().any(|s| s["run"]
        .as_str()
        .is_some_and(|r| r.contains("sitrep check --deny-warnings --format github --output sarif=sitrep.sarif"))));
    assert!(steps
        .iter()
        .any(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))));
    assert_eq!(v["jobs"]["check"]["permissions"]["security-events"], "write");
}
