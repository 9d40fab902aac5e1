//! Writing front-matter values that always parse back: plain where that is unambiguous,
//! double-quoted (JSON escaping, a subset of YAML) everywhere else.

use std::sync::LazyLock;

static PLAIN: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"^[A-Za-z][A-Za-z0-9._/-]*$").expect("static regex"));
static ISO_DATE_OR_TIME: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?$")
        .expect("static regex")
});

/// YAML 1.1 words that would not read back as the text written.
const RESERVED: &[&str] = &["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"];

/// `s` as a double-quoted YAML scalar (`:`, `#`, `—`, quotes and mojibake are all safe).
pub fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serialises")
}

/// `s` as a YAML scalar: plain for identifiers (`SEV2`, `INC-2026-001`, `active`) and ISO dates
/// or timestamps, quoted otherwise.
pub fn scalar(s: &str) -> String {
    let plain =
        (PLAIN.is_match(s) && !RESERVED.contains(&s.to_ascii_lowercase().as_str())) || ISO_DATE_OR_TIME.is_match(s);
    if plain {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// A flow list: `[api, "payments db"]`.
pub fn list<S: AsRef<str>>(items: &[S]) -> String {
    let parts: Vec<String> = items.iter().map(|s| scalar(s.as_ref())).collect();
    format!("[{}]", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_unchanged() {
        for s in ["Head Ops Agent", "Ops/Platform", "a: b # c", "Runbook — FlowSight", "â†’ \"q\" \\", "yes", "007", ""]
        {
            let yaml = format!("k: {}\n", scalar(s));
            let v: serde_yaml_ng::Value = serde_yaml_ng::from_str(&yaml).unwrap();
            assert_eq!(v["k"].as_str(), Some(s), "{yaml}");
        }
        assert_eq!(scalar("SEV2"), "SEV2");
        assert_eq!(scalar("2026-03-01"), "2026-03-01");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(list(&["api", "payments db"]), "[api, \"payments db\"]");
    }
}
