//! `sitrep.yaml`: every setting with its embedded default, validated once into `Config`.

use crate::diag::Level;
use crate::error::Error;
use crate::timefmt::parse_duration_days;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One severity level of the site's scheme.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Severity {
    /// Id written in front-matter (`SEV1`, `RED`).
    pub id: String,
    /// Human name (`Critical`).
    #[serde(default)]
    pub name: String,
    /// Other spellings accepted for this level (`SEV-1`, `P1`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Response targets, e.g. `{acknowledge: 5m, mitigate: 30m, resolve: 2h}`.
    #[serde(default)]
    pub targets: BTreeMap<String, String>,
    /// How long after resolution the postmortem must be published (`5d`); none: no deadline.
    #[serde(default)]
    pub postmortem_within: Option<String>,
}

/// A required section and the other headings that satisfy it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// Canonical heading.
    pub name: String,
    /// Accepted alternatives.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The heading keys of the name and aliases (`normalise_heading`), computed once: every
    /// document's sections are looked up by them.
    #[serde(skip)]
    #[schemars(skip)]
    keys: std::sync::OnceLock<Vec<String>>,
}

impl SectionSpec {
    /// The heading keys (`sections::normalise_heading`) of the name, then of each alias.
    pub fn keys(&self) -> &[String] {
        self.keys.get_or_init(|| {
            std::iter::once(&self.name)
                .chain(&self.aliases)
                .map(|n| crate::model::sections::normalise_heading(n))
                .collect()
        })
    }
}

/// Required sections per document kind.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sections {
    /// Sections every incident (postmortem) must have.
    #[serde(default = "default_incident_sections")]
    pub incident: Vec<SectionSpec>,
    /// Sections every runbook must have.
    #[serde(default = "default_runbook_sections")]
    pub runbook: Vec<SectionSpec>,
}

impl Default for Sections {
    fn default() -> Self {
        Sections { incident: default_incident_sections(), runbook: default_runbook_sections() }
    }
}

/// Which folders under `content/` give which kind.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KindFolders {
    /// Folders of runbooks.
    #[serde(default = "default_runbook_folders")]
    pub runbook: Vec<String>,
    /// Folders of incidents.
    #[serde(default = "default_incident_folders")]
    pub incident: Vec<String>,
}

impl Default for KindFolders {
    fn default() -> Self {
        KindFolders { runbook: default_runbook_folders(), incident: default_incident_folders() }
    }
}

/// Extra placeholder patterns (regular expressions) added to the built-in ones.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Placeholders {
    /// Patterns that make a contact unusable.
    #[serde(default)]
    pub contact: Vec<String>,
    /// Patterns that mark unfinished text.
    #[serde(default)]
    pub text: Vec<String>,
}

/// A site-defined front-matter field.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// Key name.
    pub name: String,
    /// `string` (default), `date`, `timestamp`, `bool`, `number`, `list`.
    #[serde(default = "default_field_type", rename = "type")]
    pub ty: String,
    /// Whether the key must be present.
    #[serde(default)]
    pub required: bool,
    /// Allowed values (for strings and list items).
    #[serde(default)]
    pub values: Vec<String>,
}

/// Site-defined front-matter fields per kind.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fields {
    /// Extra runbook keys.
    #[serde(default)]
    pub runbook: Vec<FieldSpec>,
    /// Extra incident keys.
    #[serde(default)]
    pub incident: Vec<FieldSpec>,
    /// Extra page keys.
    #[serde(default)]
    pub page: Vec<FieldSpec>,
}

/// The raw file as written; converted into `Config`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "sitrep.yaml")]
struct RawConfig {
    /// Site title.
    #[serde(default = "default_title")]
    title: String,
    /// Public URL the site is served from; may carry a path (`https://example.org/ops/`).
    #[serde(default)]
    base_url: String,
    /// Theme under the site's `themes/` (`default` is built in).
    #[serde(default = "default_theme")]
    theme: String,
    /// IANA time zone in which dates compare and bare timeline times are read (default UTC).
    #[serde(default)]
    timezone: Option<String>,
    /// Folders under `content/` that give each kind (sub-folders inherit).
    #[serde(default)]
    kinds: KindFolders,
    /// The severity scheme, most severe first.
    #[serde(default = "default_severities")]
    severities: Vec<Severity>,
    /// Required sections per kind (replaces the defaults for that kind).
    #[serde(default)]
    sections: Sections,
    /// Placeholder patterns (regular expressions) added to the built-in ones.
    #[serde(default)]
    placeholders: Placeholders,
    /// Rule levels: `off`, `info`, `warning` or `error` per rule id.
    #[serde(default)]
    rules: BTreeMap<String, String>,
    /// Default runbook review interval (`90d`, `12w`, `6m`).
    #[serde(default = "default_review_every")]
    review_every: String,
    /// The site's own front-matter keys per kind.
    #[serde(default)]
    fields: Fields,
    /// Publish raw HTML unsanitised (only if every author is trusted).
    #[serde(default)]
    unsafe_html: bool,
    /// Id pattern for `sitrep new incident`: `{year}`, `{month}`, `{day}`, `{seq}` or `{seq:03}`.
    #[serde(default = "default_incident_id")]
    incident_id: String,
}

/// JSON Schema of `sitrep.yaml`, generated from the types that parse it.
pub fn json_schema() -> schemars::Schema {
    schemars::schema_for!(RawConfig)
}

/// The top-level keys of sitrep.yaml (every setting `init` writes).
pub fn top_keys() -> &'static [&'static str] {
    TOP_KEYS
}

/// The top-level keys of sitrep.yaml, for did-you-mean.
const TOP_KEYS: &[&str] = &[
    "title",
    "base_url",
    "theme",
    "timezone",
    "kinds",
    "severities",
    "sections",
    "placeholders",
    "rules",
    "review_every",
    "fields",
    "unsafe_html",
    "incident_id",
];

/// Validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// Public URL the site is served from (may carry a path).
    pub base_url: String,
    /// Theme name under the site's `themes/`.
    pub theme: String,
    /// Time zone in which dates are compared ("today", bare timeline times).
    pub timezone: jiff::tz::TimeZone,
    /// Name of that zone as written (`UTC` by default).
    pub timezone_name: String,
    /// Kind folders.
    pub kinds: KindFolders,
    /// The severity scheme, most severe first.
    pub severities: Vec<Severity>,
    /// Required sections.
    pub sections: Sections,
    /// Extra placeholder patterns.
    pub placeholders: Placeholders,
    /// Per-rule level overrides (`None`: rule off).
    pub rule_levels: BTreeMap<String, Option<Level>>,
    /// Default runbook review interval in days.
    pub review_every_days: i64,
    /// Site-defined front-matter fields.
    pub fields: Fields,
    /// Allow raw HTML through unsanitised.
    pub unsafe_html: bool,
    /// Incident id pattern for `sitrep new incident`.
    pub incident_id: String,
}

impl Default for Config {
    fn default() -> Self {
        Config::from_raw(serde_yaml_ng::from_str::<RawConfig>("{}").expect("empty config is valid"))
            .expect("defaults are valid")
    }
}

impl Config {
    /// Load `path` if it exists (`required`: it must), else the embedded defaults.
    pub fn load(path: &Path, required: bool) -> Result<Config, Error> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => return Ok(Config::default()),
            Err(e) => {
                return Err(Error::Config { path: path.into(), line: None, message: format!("cannot read: {e}") })
            }
        };
        Config::parse(path, &text)
    }

    /// Parse sitrep.yaml text; errors name the file and line.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Error> {
        let err = |line: Option<usize>, message: String| Error::Config { path: path.into(), line, message };
        let value: serde_yaml_ng::Value = if text.trim().is_empty() {
            serde_yaml_ng::Value::Mapping(Default::default())
        } else {
            serde_yaml_ng::from_str(text).map_err(|e| err(e.location().map(|l| l.line()), e.to_string()))?
        };
        let value = if value.is_null() { serde_yaml_ng::Value::Mapping(Default::default()) } else { value };
        let Some(map) = value.as_mapping() else {
            return Err(err(Some(1), "sitrep.yaml must be a mapping of settings".into()));
        };
        for key in map.keys() {
            let key = key.as_str().unwrap_or("");
            if !TOP_KEYS.contains(&key) {
                let line = find_key_line(text, key);
                let mut msg = format!("unknown setting `{key}`");
                if let Some(s) = did_you_mean(key, TOP_KEYS.iter().copied()) {
                    msg.push_str(&format!("; did you mean `{s}`?"));
                }
                return Err(err(line, msg));
            }
        }
        // Read from the text rather than the parsed value, so a wrong type or an unknown key
        // inside `{ ... }` is located where it is written.
        let parsed =
            if map.is_empty() { serde_yaml_ng::from_value(value.clone()) } else { serde_yaml_ng::from_str(text) };
        let raw: RawConfig = parsed.map_err(|e| {
            let msg = e.to_string();
            let line =
                e.location().map(|l| l.line()).or_else(|| msg.split('`').nth(1).and_then(|k| find_key_line(text, k)));
            // serde_yaml_ng appends the position to the message: the line is reported on its own.
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            err(line, msg)
        })?;
        Config::from_raw(raw).map_err(|(key, m)| err(find_key_line(text, &key), m))
    }

    fn from_raw(raw: RawConfig) -> Result<Config, (String, String)> {
        let tz_name = raw.timezone.clone().unwrap_or_else(|| "UTC".into());
        let timezone = jiff::tz::TimeZone::get(&tz_name)
            .map_err(|e| ("timezone".to_string(), format!("unknown timezone `{tz_name}`: {e}")))?;
        let mut rule_levels = BTreeMap::new();
        let known: Vec<&str> = crate::check::RULES.iter().map(|r| r.id).collect();
        for (id, level) in raw.rules {
            if !known.contains(&id.as_str()) {
                let mut m = format!("unknown rule `{id}` in `rules:`");
                if let Some(s) = did_you_mean(&id, known.iter().copied()) {
                    m.push_str(&format!("; did you mean `{s}`?"));
                }
                return Err((id, m));
            }
            let lvl = match level.as_str() {
                "off" => None,
                "info" => Some(Level::Info),
                "warning" | "warn" => Some(Level::Warning),
                "error" => Some(Level::Error),
                other => {
                    return Err((
                        id.clone(),
                        format!("rule `{id}`: level `{other}` is not one of off, info, warning, error"),
                    ))
                }
            };
            rule_levels.insert(id, lvl);
        }
        let mut ids: Vec<String> = Vec::new();
        for s in &raw.severities {
            // Ids and aliases name one level each, whatever their case.
            for name in std::iter::once(&s.id).chain(&s.aliases) {
                let key = name.trim().to_lowercase();
                if key.is_empty() {
                    return Err(("severities".into(), format!("severity `{}`: an empty id or alias", s.id)));
                }
                if ids.contains(&key) {
                    return Err((
                        name.clone(),
                        format!("severity `{name}` is named twice in `severities:` (ids and aliases must differ, ignoring case)"),
                    ));
                }
                ids.push(key);
            }
            for (target, value) in &s.targets {
                if !TARGETS.contains(&target.as_str()) {
                    let mut m = format!("severity {}: unknown target `{target}` ({})", s.id, TARGETS.join(", "));
                    if let Some(d) = did_you_mean(target, TARGETS.into_iter()) {
                        m.push_str(&format!("; did you mean `{d}`?"));
                    }
                    return Err((target.clone(), m));
                }
                if crate::timefmt::parse_duration_minutes(value).is_none() {
                    return Err((
                        target.clone(),
                        format!("severity {}: target {target} `{value}` is not a duration such as 15m, 4h or 2d", s.id),
                    ));
                }
            }
            if let Some(w) = &s.postmortem_within {
                parse_duration_days(w).ok_or_else(|| {
                    (
                        "postmortem_within".to_string(),
                        format!("severity {}: `{w}` is not a duration such as 5d or 2w", s.id),
                    )
                })?;
            }
        }
        if raw.severities.is_empty() {
            return Err(("severities".into(), "`severities:` must list at least one level".into()));
        }
        let review_every_days = parse_duration_days(&raw.review_every).ok_or_else(|| {
            ("review_every".to_string(), format!("`{}` is not a duration such as 90d, 12w or 6m", raw.review_every))
        })?;
        for spec in raw.fields.runbook.iter().chain(&raw.fields.incident).chain(&raw.fields.page) {
            if !["string", "date", "timestamp", "bool", "number", "list"].contains(&spec.ty.as_str()) {
                return Err((
                    spec.name.clone(),
                    format!(
                        "field `{}`: type `{}` is not one of string, date, timestamp, bool, number, list",
                        spec.name, spec.ty
                    ),
                ));
            }
        }
        check_base_url(&raw.base_url).map_err(|m| ("base_url".to_string(), m))?;
        for pat in raw.placeholders.contact.iter().chain(&raw.placeholders.text) {
            if pat.trim().is_empty() {
                return Err(("placeholders".to_string(), "an empty placeholder pattern matches everywhere".into()));
            }
            // Checked as written, so an error quotes the site's own text; then as compiled
            // (`\b` made ASCII: see `text::regex`).
            regex::Regex::new(pat)
                .and_then(|_| crate::text::regex(pat))
                .map_err(|e| ("placeholders".to_string(), format!("bad placeholder pattern: {e}")))?;
        }
        Ok(Config {
            title: raw.title,
            base_url: raw.base_url,
            theme: raw.theme,
            timezone,
            timezone_name: tz_name,
            kinds: raw.kinds,
            severities: raw.severities,
            sections: raw.sections,
            placeholders: raw.placeholders,
            rule_levels,
            review_every_days,
            fields: raw.fields,
            unsafe_html: raw.unsafe_html,
            incident_id: raw.incident_id,
        })
    }

    /// The level a rule runs at on this site (`None`: off).
    pub fn level_of(&self, rule: &crate::check::Rule) -> Option<Level> {
        self.rule_levels.get(rule.id).copied().unwrap_or(Some(rule.level))
    }

    /// The severity level `value` names (case, `-` and spaces ignored; aliases accepted).
    pub fn severity(&self, value: &str) -> Option<&Severity> {
        let norm = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
        let v = norm(value);
        self.severities.iter().find(|s| norm(&s.id) == v || s.aliases.iter().any(|a| norm(a) == v))
    }
}

/// 1-based line of the first `key:` in a YAML text (any indentation).
fn find_key_line(text: &str, key: &str) -> Option<usize> {
    if key.is_empty() {
        return None;
    }
    let at_start = |t: &str| {
        t.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':'))
            || t.strip_prefix(&format!("\"{key}\"")).is_some_and(|rest| rest.trim_start().starts_with(':'))
    };
    text.lines()
        .position(|l| at_start(l.trim_start().trim_start_matches("- ")))
        // Inside a flow mapping: `rules: { link/anchor: true }`.
        .or_else(|| text.lines().position(|l| l.split(['{', ',']).skip(1).any(|part| at_start(part.trim_start()))))
        .map(|i| i + 1)
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    Suggestions::default().did_you_mean(word, candidates)
}

/// Typo suggestions for one rule's run over a whole site, with bounded work. Each broken link
/// or anchor is compared with every document path or heading of its target: on a large site
/// with many broken links that is quadratic (20,000 broken anchors against 5,000 headings took
/// 4.9 s in one document). Candidates whose length is far from the word's are skipped (not
/// typos of it), and after [`Suggestions::BUDGET`] comparisons a run suggests nothing more. A
/// rule walks the documents in order, so the same site always gets the same suggestions.
pub struct Suggestions {
    left: usize,
}

impl Default for Suggestions {
    fn default() -> Self {
        Suggestions::with_budget(Self::BUDGET)
    }
}

impl Suggestions {
    /// Similarity comparisons one run may make (well under a second).
    pub const BUDGET: usize = 2_000_000;

    /// A run that may make `left` comparisons.
    pub fn with_budget(left: usize) -> Self {
        Suggestions { left }
    }

    /// [`did_you_mean`], counted against this run's budget.
    pub fn did_you_mean<'a>(&mut self, word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
        let slack = (word.len() / 3).max(3);
        let mut best: Option<(f64, &str)> = None;
        for c in candidates {
            if c.len().abs_diff(word.len()) > slack {
                continue;
            }
            if self.left == 0 {
                break;
            }
            self.left -= 1;
            let score = strsim::jaro_winkler(word, c);
            // Of equal scores the last wins, as `Iterator::max_by` chose before.
            if score > 0.8 && best.is_none_or(|(b, _)| score >= b) {
                best = Some((score, c));
            }
        }
        best.map(|(_, c)| c)
    }
}

fn default_title() -> String {
    "Runbooks and postmortems".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_review_every() -> String {
    "180d".into()
}
fn default_field_type() -> String {
    "string".into()
}
fn default_incident_id() -> String {
    "INC-{year}-{seq:03}".into()
}
fn default_runbook_folders() -> Vec<String> {
    vec!["runbooks".into()]
}
fn default_incident_folders() -> Vec<String> {
    vec!["incidents".into(), "postmortems".into()]
}

fn section(name: &str, aliases: &[&str]) -> SectionSpec {
    SectionSpec {
        name: name.into(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        keys: Default::default(),
    }
}

fn default_incident_sections() -> Vec<SectionSpec> {
    // Aliases include the headings of public, blog-style postmortems (Cloudflare, GitHub, Monzo:
    // "What happened", "Why it happened", "What we're doing about it").
    vec![
        section(
            "Summary",
            &[
                "Executive Summary",
                "Overview",
                "Incident Summary",
                "What Happened",
                "TL;DR",
                "Description",
                "Incident Description",
            ],
        ),
        section("Impact", &["Customer Impact", "User Impact", "Blast Radius", "Who Was Affected", "Scope of Impact"]),
        section("Timeline", &["Incident Timeline", "Chronology", "Sequence of Events"]),
        section(
            "Root Cause",
            &[
                "Root Causes",
                "Contributing Factors",
                "Root Cause Analysis",
                "Root Cause and Trigger",
                "Root Causes and Trigger",
                "Why It Happened",
                "Why Did It Happen",
            ],
        ),
        section(
            "Action Items",
            &[
                "Corrective Actions",
                "Follow-up Actions",
                "Follow-up",
                "Remediation",
                "Action Plan",
                "Next Steps",
                "What We're Doing About It",
                "What We Are Doing About It",
                "What We're Doing",
                "What We Will Do",
                "Preventive Measures",
                "Preventative Measures",
            ],
        ),
        section(
            "Lessons Learned",
            &[
                "Lessons",
                "What Went Well",
                "Learnings",
                "What We Learned",
                "What We've Learned",
                "Takeaways",
                "Key Takeaways",
            ],
        ),
    ]
}

fn default_runbook_sections() -> Vec<SectionSpec> {
    vec![section(
        "Contacts",
        &[
            "Escalation",
            "Escalation Contacts",
            "Contacts & Escalation",
            "On-call",
            "Communication Channels",
            "Escalation Path",
            "Escalation Policy",
            "Owners",
            "Contact",
            "Points of Contact",
            "Who to Contact",
            "Oncall",
        ],
    )]
}

fn default_severities() -> Vec<Severity> {
    let sev = |id: &str, name: &str, alias: &str, ack: &str, res: &str, pm: Option<&str>| Severity {
        id: id.into(),
        name: name.into(),
        aliases: vec![alias.into()],
        targets: [("acknowledge".to_string(), ack.to_string()), ("resolve".to_string(), res.to_string())].into(),
        postmortem_within: pm.map(Into::into),
    };
    vec![
        sev("SEV1", "Critical", "P1", "5m", "2h", Some("5d")),
        sev("SEV2", "Major", "P2", "15m", "4h", Some("7d")),
        sev("SEV3", "Minor", "P3", "1h", "24h", Some("14d")),
        sev("SEV4", "Low", "P4", "1d", "7d", None),
    ]
}

/// Response targets a severity level may set (`targets: { acknowledge: 5m }`).
const TARGETS: [&str; 4] = ["acknowledge", "detect", "mitigate", "resolve"];

/// A base URL the feed, sitemap and 404 page can be built on: empty (none), or an absolute
/// `http(s)://host[/path]` with no query, fragment or whitespace.
pub fn check_base_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Ok(());
    }
    let bad =
        |why: &str| Err(format!("base URL `{url}` {why} (e.g. https://ops.example.org/ or https://example.org/ops/)"));
    let Some((scheme, rest)) = url.split_once("://") else { return bad("is not an absolute URL") };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return bad("must start with https:// or http://");
    }
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() {
        return bad("has no host");
    }
    if url.contains(['?', '#']) {
        return bad("must not have a query or a fragment");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("must not contain spaces (write them as %20)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message `Config::parse` gives for `yaml`, which must be refused.
    fn parse_err(yaml: &str) -> String {
        Config::parse(Path::new("sitrep.yaml"), yaml).unwrap_err().to_string()
    }

    #[test]
    fn base_urls() {
        for ok in
            ["", "https://ops.example.org/", "https://example.org/ops", "http://localhost:8080/x/", "HTTPS://EX.ORG"]
        {
            assert!(check_base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "ex.org/ops",
            "/ops/",
            "ftp://x",
            "https://",
            "https://ex.org/o ps/",
            "https://ex.org/ops?x=1",
            "https://ex.org/#f",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn unknown_key_suggests() {
        let e = Config::parse(Path::new("sitrep.yaml"), "title: x\nseverites: []\n").unwrap_err();
        let s = e.to_string();
        assert!(s.contains("sitrep.yaml:2"), "{s}");
        assert!(s.contains("did you mean `severities`"), "{s}");
    }

    #[test]
    fn schema_lists_every_setting() {
        let schema = json_schema();
        let mut props: Vec<&str> =
            schema.get("properties").and_then(|p| p.as_object()).unwrap().keys().map(String::as_str).collect();
        props.sort();
        let mut keys = TOP_KEYS.to_vec();
        keys.sort();
        assert_eq!(props, keys);
    }

    #[test]
    fn a_bad_placeholder_pattern_is_quoted_as_written() {
        let s = parse_err("placeholders: { text: ['\\bWIP\\b('] }\n");
        assert!(s.contains("bad placeholder pattern") && s.contains(r"\bWIP\b("), "{s}");
        assert!(!s.contains("(?-u:"), "{s}");
    }

    #[test]
    fn severity_schemes_and_patterns_are_checked() {
        let e = parse_err("severities:\n  - { id: SEV1, targets: { acknowledge: banana } }\n");
        assert!(e.contains("target acknowledge `banana` is not a duration"), "{e}");
        let e = parse_err("severities:\n  - { id: SEV1, targets: { reslove: 1h } }\n");
        assert!(e.contains("unknown target `reslove`") && e.contains("did you mean `resolve`"), "{e}");
        let e = parse_err("severities:\n  - id: SEV1\n  - id: sev1\n");
        assert!(e.contains("`sev1` is named twice"), "{e}");
        let e = parse_err("severities:\n  - { id: sev1, aliases: [SEV2] }\n  - id: SEV2\n");
        assert!(e.contains("`SEV2` is named twice"), "{e}");
        let e = parse_err("placeholders: { text: [''] }\n");
        assert!(e.contains("empty placeholder pattern"), "{e}");
        assert!(Config::parse(
            Path::new("sitrep.yaml"),
            "severities:\n  - { id: SEV1, aliases: [P1], targets: { acknowledge: 5m, resolve: 2h } }\n"
        )
        .is_ok());
    }

    #[test]
    fn type_errors_and_keys_inside_flow_mappings_have_their_line() {
        let e = parse_err("title: T\nunsafe_html: \"yes please\"\n");
        assert!(e.starts_with("sitrep.yaml:2: unsafe_html: invalid type"), "{e}");
        let e = parse_err("title: T\n\nkinds: { runbok: [runbooks] }\n");
        assert!(e.starts_with("sitrep.yaml:3: kinds: unknown field `runbok`"), "{e}");
        let e = parse_err("title: T\nrules: { link/anchor: true }\n");
        assert!(e.starts_with("sitrep.yaml:2: rule `link/anchor`: level `true`"), "{e}");
        let e = parse_err("severities:\n  - id: SEV1\n  - {id: SEV2, nmae: x}\n");
        assert!(e.starts_with("sitrep.yaml:3: severities[1]: unknown field `nmae`"), "{e}");
    }

    #[test]
    fn suggestions_find_typos_and_stop_at_the_budget() {
        let paths = ["runbooks/db-failover.md", "runbooks/cache.md", "incidents/2024/inc-1.md"];
        assert_eq!(did_you_mean("runbook/db-failover.md", paths.iter().copied()), Some("runbooks/db-failover.md"));
        assert_eq!(did_you_mean("runbooks/cahce.md", paths.iter().copied()), Some("runbooks/cache.md"));
        assert_eq!(did_you_mean("x", paths.iter().copied()), None);
        // A run that has spent its budget suggests nothing more, whatever it is asked.
        let many: Vec<String> = (0..1000).map(|i| format!("doc-{i:04}.md")).collect();
        let mut s = Suggestions::with_budget(1000);
        assert_eq!(s.did_you_mean("doc-0001.mdx", many.iter().map(String::as_str)), Some("doc-0001.md"));
        assert_eq!(s.did_you_mean("runbook/db-failover.md", paths.iter().copied()), None);
        // Candidates far longer or shorter than the word cost nothing.
        let mut s = Suggestions::with_budget(1);
        let long = "x".repeat(100);
        let skewed = [long.as_str(), "runbooks/cache.md"];
        assert_eq!(s.did_you_mean("runbooks/cahce.md", skewed.into_iter()), Some("runbooks/cache.md"));
    }

    #[test]
    fn defaults_have_four_levels() {
        let c = Config::default();
        assert_eq!(c.severities.len(), 4);
        assert_eq!(c.severity("sev-2").map(|s| s.id.as_str()), Some("SEV2"));
        assert_eq!(c.severity("P1").map(|s| s.id.as_str()), Some("SEV1"));
        assert!(c.severity("SEV9").is_none());
    }
}
