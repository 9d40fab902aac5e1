//! `--format sarif`: SARIF 2.1.0 for code scanning, with rule metadata, relative URIs against
//! `%SRCROOT%`, code-point columns and `partialFingerprints` that survive line moves.

use super::Report;
use crate::check::RULES;
use crate::diag::Level;
use serde_sarif::sarif;
use std::collections::BTreeMap;

fn level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
    }
}

/// Render one run with every rule and every finding.
pub fn render(r: &Report<'_>) -> String {
    let rules: Vec<sarif::ReportingDescriptor> = RULES
        .iter()
        .map(|rule| {
            sarif::ReportingDescriptor::builder()
                .id(rule.id)
                .name(rule.id.replace(['/', '-'], "_"))
                .short_description(sarif::MultiformatMessageString::builder().text(rule.summary).build())
                .full_description(sarif::MultiformatMessageString::builder().text(rule.summary).build())
                .help(sarif::MultiformatMessageString::builder().text(rule.docs).markdown(rule.docs).build())
                .default_configuration(
                    sarif::ReportingConfiguration::builder().level(serde_json::json!(level(rule.level))).build(),
                )
                .build()
        })
        .collect();
    let results: Vec<sarif::Result> = r
        .diags
        .iter()
        .map(|d| {
            let region = sarif::Region::builder()
                .start_line(d.line as i64)
                .start_column(d.col as i64)
                .end_line(d.end_line as i64)
                .end_column(d.end_col as i64)
                .snippet(sarif::ArtifactContent::builder().text(r.shown_line(d)).build())
                .build();
            let location = sarif::Location::builder()
                .physical_location(
                    sarif::PhysicalLocation::builder().artifact_location(artifact(r.path(d))).region(region).build(),
                )
                .build();
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str(&format!("\nhelp: {h}"));
            }
            let fingerprints: BTreeMap<String, String> =
                [("sitrepFingerprint/v1".to_string(), r.fingerprint(d))].into_iter().collect();
            sarif::Result::builder()
                .rule_id(d.rule)
                .rule_index(RULES.iter().position(|x| x.id == d.rule).unwrap_or(0) as i64)
                .level(match d.level {
                    Level::Error => sarif::ResultLevel::Error,
                    Level::Warning => sarif::ResultLevel::Warning,
                    Level::Info => sarif::ResultLevel::Note,
                })
                .message(sarif::Message::builder().text(text).build())
                .locations(vec![location])
                .partial_fingerprints(fingerprints)
                .build()
        })
        .collect();
    let driver = sarif::ToolComponent::builder()
        .name("sitrep")
        .version(env!("CARGO_PKG_VERSION"))
        .information_uri("https://github.com/sitrep-docs/sitrep")
        .rules(rules)
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .results(results)
        .build();
    let log = sarif::Sarif::builder()
        .version(serde_json::json!("2.1.0"))
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .runs(vec![run])
        .build();
    let mut s = serde_json::to_string_pretty(&log).expect("SARIF serialises");
    s.push('\n');
    s
}

/// Relative paths resolve against `%SRCROOT%`; files outside the current directory get `file://` URIs.
fn artifact(path: &str) -> sarif::ArtifactLocation {
    if path.starts_with('/') {
        sarif::ArtifactLocation::builder().uri(format!("file://{}", uri(path))).build()
    } else {
        sarif::ArtifactLocation::builder().uri(uri(path)).uri_base_id("%SRCROOT%").build()
    }
}

/// A relative path as a URI reference (spaces and other reserved bytes percent-encoded).
fn uri(path: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'[')
        .add(b']')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    percent_encoding::utf8_percent_encode(path, SET).to_string()
}
