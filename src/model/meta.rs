//! Front-matter schema per kind: validation findings (required, type, unknown key) and the typed
//! metadata every later stage reads.

use crate::config::{did_you_mean, Config, FieldSpec};
use crate::load::frontmatter::KeyPos;
use crate::model::Kind;
use crate::timefmt::{parse_date, parse_duration_days, parse_timestamp};
use jiff::civil::Date;
use jiff::Timestamp;
use serde_yaml_ng::{Mapping, Value};
use std::ops::Range;

/// What kind of front-matter problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueKind {
    /// A required key is absent or empty.
    Required,
    /// A value has the wrong type or format.
    Type,
    /// A key neither the schema nor the site defines.
    UnknownKey,
}

/// One front-matter problem, with the span to point at.
#[derive(Debug, Clone)]
pub struct MetaIssue {
    /// Which rule reports it.
    pub kind: IssueKind,
    /// Where.
    pub span: Range<usize>,
    /// What.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// A contact listed in front-matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    /// Role (`primary`, `escalation`).
    pub role: String,
    /// Who.
    pub name: String,
    /// How to reach them.
    pub reach: String,
}

/// Typed metadata (absent or invalid values are `None`/empty; the issues say why).
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// `title`.
    pub title: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `aliases` (old paths).
    pub aliases: Vec<String>,
    /// `private: true`: checked, never published.
    pub private: bool,
    /// `sitrep: {allow: [...]}`: rules suppressed for this document.
    pub allow: Vec<String>,
    /// Runbook `owner`.
    pub owner: Option<String>,
    /// Runbook `last_reviewed`.
    pub last_reviewed: Option<Date>,
    /// Runbook `review_every` in days.
    pub review_every_days: Option<i64>,
    /// `services`.
    pub services: Vec<String>,
    /// Runbook `alerts`.
    pub alerts: Vec<String>,
    /// `status` (runbook or incident).
    pub status: Option<String>,
    /// Runbook `contacts`.
    pub contacts: Vec<Contact>,
    /// Incident `id`.
    pub id: Option<String>,
    /// Incident `severity` as written.
    pub severity: Option<String>,
    /// Incident `started`.
    pub started: Option<Timestamp>,
    /// Incident `detected`.
    pub detected: Option<Timestamp>,
    /// Incident `acknowledged`.
    pub acknowledged: Option<Timestamp>,
    /// Incident `mitigated`.
    pub mitigated: Option<Timestamp>,
    /// Incident `resolved`.
    pub resolved: Option<Timestamp>,
    /// Incident `commander`.
    pub commander: Option<String>,
    /// Incident `authors`.
    pub authors: Vec<String>,
    /// Incident `runbooks` with the span of each entry.
    pub runbooks: Vec<(String, Range<usize>)>,
    /// Incident `postmortem` state.
    pub postmortem: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Ty {
    Str,
    Date,
    Timestamp,
    Duration,
    List,
    Enum(&'static [&'static str]),
    Bool,
    Contacts,
    Map,
    Any,
}

struct Field {
    name: &'static str,
    ty: Ty,
    required: bool,
}

const fn f(name: &'static str, ty: Ty, required: bool) -> Field {
    Field { name, ty, required }
}

const KINDS: &[&str] = &["runbook", "incident", "page", "template"];
const RUNBOOK_STATUS: &[&str] = &["active", "draft", "deprecated"];
const INCIDENT_STATUS: &[&str] = &["investigating", "identified", "mitigated", "resolved", "closed"];
const POSTMORTEM: &[&str] = &["draft", "review", "published"];

const COMMON: &[Field] = &[
    f("kind", Ty::Enum(KINDS), false),
    f("sitrep", Ty::Map, false),
    f("title", Ty::Str, false),
    f("description", Ty::Str, false),
    f("tags", Ty::List, false),
    f("aliases", Ty::List, false),
    f("private", Ty::Bool, false),
    f("draft", Ty::Bool, false),
    f("weight", Ty::Any, false),
    f("date", Ty::Date, false),
];
const RUNBOOK: &[Field] = &[
    f("title", Ty::Str, true),
    f("owner", Ty::Str, true),
    f("last_reviewed", Ty::Date, true),
    f("review_every", Ty::Duration, false),
    f("services", Ty::List, false),
    f("alerts", Ty::List, false),
    f("status", Ty::Enum(RUNBOOK_STATUS), false),
    f("contacts", Ty::Contacts, false),
];
const INCIDENT: &[Field] = &[
    f("id", Ty::Str, true),
    f("title", Ty::Str, true),
    f("severity", Ty::Str, true),
    f("status", Ty::Enum(INCIDENT_STATUS), true),
    f("started", Ty::Timestamp, true),
    f("detected", Ty::Timestamp, false),
    f("acknowledged", Ty::Timestamp, false),
    f("mitigated", Ty::Timestamp, false),
    f("resolved", Ty::Timestamp, false),
    f("services", Ty::List, false),
    f("commander", Ty::Str, false),
    f("authors", Ty::List, false),
    f("runbooks", Ty::List, false),
    f("postmortem", Ty::Enum(POSTMORTEM), false),
];

fn schema(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Runbook => RUNBOOK,
        Kind::Incident => INCIDENT,
        Kind::Page | Kind::Template => &[],
    }
}

/// Every front-matter key `read` accepts for `kind` (its schema plus the keys every document
/// may carry; site-defined fields excluded), sorted and without duplicates.
pub fn accepted_keys(kind: Kind) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = schema(kind).iter().chain(COMMON).map(|f| f.name).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The keys `kind` requires, in schema order.
pub fn required_keys(kind: Kind) -> Vec<&'static str> {
    schema(kind).iter().filter(|f| f.required).map(|f| f.name).collect()
}

/// Keys of `kind` that hold a calendar date (`false`) or a timestamp (`true`).
pub fn date_keys(kind: Kind) -> Vec<(&'static str, bool)> {
    schema(kind)
        .iter()
        .chain(COMMON)
        .filter_map(|f| match f.ty {
            Ty::Date => Some((f.name, false)),
            Ty::Timestamp => Some((f.name, true)),
            _ => None,
        })
        .collect()
}

/// Everything needed to point at keys.
pub struct MetaSource<'a> {
    /// The document text.
    pub text: &'a str,
    /// Parsed mapping.
    pub map: &'a Mapping,
    /// Key positions.
    pub keys: &'a [KeyPos],
    /// The opening `---` line (for absent keys).
    pub open: Range<usize>,
}

impl MetaSource<'_> {
    fn key(&self, name: &str) -> Option<&KeyPos> {
        self.keys.iter().find(|k| k.name == name)
    }
    fn value_span(&self, name: &str) -> Range<usize> {
        match self.key(name) {
            Some(k) if !k.value.is_empty() => k.value.clone(),
            Some(k) => k.key.clone(),
            None => self.open.clone(),
        }
    }
}

/// Scalar as text (strings, numbers, booleans).
pub fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar(&t.value),
        _ => None,
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Sequence(s) => s.is_empty(),
        Value::Mapping(m) => m.is_empty(),
        _ => false,
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// Validate `src.map` for `kind` and extract typed metadata.
pub fn read(kind: Kind, src: &MetaSource<'_>, config: &Config) -> (Meta, Vec<MetaIssue>) {
    let mut issues = Vec::new();
    let fields = schema(kind);
    let custom: &[FieldSpec] = match kind {
        Kind::Runbook => &config.fields.runbook,
        Kind::Incident => &config.fields.incident,
        Kind::Page => &config.fields.page,
        Kind::Template => &[],
    };
    let tz = &config.timezone;

    for field in fields {
        let v = src.map.get(field.name);
        if field.required && v.is_none_or(is_empty) {
            let (span, what) = match v {
                Some(_) => (src.value_span(field.name), "is empty"),
                None => (src.open.clone(), "is missing"),
            };
            issues.push(MetaIssue {
                kind: IssueKind::Required,
                span,
                message: format!("{} front-matter key `{}` {what}", kind.as_str(), field.name),
                help: Some(if field.name == "last_reviewed" {
                    // A fixed example date would itself be stale: ask for the real one.
                    "add `last_reviewed:` with the date the runbook was last walked through (YYYY-MM-DD)".to_string()
                } else {
                    format!("add `{}: {}` to the front-matter", field.name, example_for(field.name, field.ty))
                }),
            });
        }
    }
    for spec in custom {
        let v = src.map.get(spec.name.as_str());
        if spec.required && v.is_none_or(is_empty) {
            issues.push(MetaIssue {
                kind: IssueKind::Required,
                span: if v.is_some() { src.value_span(&spec.name) } else { src.open.clone() },
                message: format!("site field `{}` is required for a {}", spec.name, kind.as_str()),
                help: Some(format!("add `{}:` (defined under `fields:` in sitrep.yaml)", spec.name)),
            });
        }
    }

    for (k, v) in src.map {
        let Some(name) = k.as_str() else {
            issues.push(MetaIssue {
                kind: IssueKind::Type,
                span: src.open.clone(),
                message: format!("front-matter key {} is not text", scalar(k).unwrap_or_else(|| type_name(k).into())),
                help: None,
            });
            continue;
        };
        if v.is_null() {
            continue;
        }
        let field = fields.iter().chain(COMMON).find(|f| f.name == name);
        if let Some(field) = field {
            if let Some(msg) = check_type(field.ty, v, tz) {
                issues.push(MetaIssue {
                    kind: IssueKind::Type,
                    span: src.value_span(name),
                    message: format!("`{name}`: {msg}"),
                    help: Some(format!(
                        "write it as `{name}: {}`",
                        nearest_value(field.ty, v).unwrap_or(example_for(name, field.ty))
                    )),
                });
            }
        } else if let Some(spec) = custom.iter().find(|s| s.name == name) {
            if let Some(msg) = check_custom(spec, v, tz) {
                issues.push(MetaIssue {
                    kind: IssueKind::Type,
                    span: src.value_span(name),
                    message: format!("`{name}`: {msg}"),
                    help: None,
                });
            }
        } else {
            let candidates = fields.iter().chain(COMMON).map(|f| f.name).chain(custom.iter().map(|s| s.name.as_str()));
            let help = match did_you_mean(name, candidates) {
                Some(s) => {
                    format!("did you mean `{s}`? (or declare it under `fields.{}` in sitrep.yaml)", kind.as_str())
                }
                None => format!("remove it, or declare it under `fields.{}` in sitrep.yaml", kind.as_str()),
            };
            let span = src.key(name).map_or(src.open.clone(), |k| k.key.clone());
            issues.push(MetaIssue {
                kind: IssueKind::UnknownKey,
                span,
                message: format!("unknown {} front-matter key `{name}`", kind.as_str()),
                help: Some(help),
            });
        }
    }

    let get_str = |n: &str| src.map.get(n).and_then(scalar).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let get_list = |n: &str| list(src.map.get(n));
    let get_ts = |n: &str| src.map.get(n).and_then(scalar).and_then(|s| parse_timestamp(&s, tz));
    let runbooks = {
        let names = get_list("runbooks");
        let spans = src.key("runbooks").map(|k| k.items.clone()).unwrap_or_default();
        names
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                let span = spans.get(i).cloned().unwrap_or_else(|| src.value_span("runbooks"));
                (n, span)
            })
            .collect()
    };
    let allow = match src.map.get("sitrep") {
        Some(Value::Mapping(m)) => list(m.get("allow")),
        _ => Vec::new(),
    };
    let meta = Meta {
        title: get_str("title"),
        description: get_str("description"),
        tags: get_list("tags"),
        aliases: get_list("aliases"),
        private: matches!(src.map.get("private"), Some(Value::Bool(true))),
        allow,
        owner: get_str("owner"),
        last_reviewed: get_str("last_reviewed").and_then(|s| parse_date(&s)),
        review_every_days: get_str("review_every").and_then(|s| parse_duration_days(&s)),
        services: get_list("services"),
        alerts: get_list("alerts"),
        status: get_str("status").map(|s| s.to_lowercase()),
        contacts: contacts(src.map.get("contacts")),
        id: get_str("id"),
        severity: get_str("severity"),
        started: get_ts("started"),
        detected: get_ts("detected"),
        acknowledged: get_ts("acknowledged"),
        mitigated: get_ts("mitigated"),
        resolved: get_ts("resolved"),
        commander: get_str("commander"),
        authors: get_list("authors"),
        runbooks,
        postmortem: get_str("postmortem").map(|s| s.to_lowercase()),
    };
    (meta, issues)
}

fn list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Sequence(s)) => {
            s.iter().filter_map(scalar).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
        }
        Some(v) => scalar(v).map(|s| s.trim().to_string()).into_iter().filter(|s| !s.is_empty()).collect(),
        None => Vec::new(),
    }
}

fn contacts(v: Option<&Value>) -> Vec<Contact> {
    let Some(Value::Sequence(items)) = v else {
        return Vec::new();
    };
    items
        .iter()
        .map(|item| match item {
            Value::Mapping(m) => {
                let get = |keys: &[&str]| keys.iter().find_map(|k| m.get(*k).and_then(scalar)).unwrap_or_default();
                Contact {
                    role: get(&["role"]),
                    name: get(&["name", "who"]),
                    reach: get(&["reach", "how", "contact", "email", "phone", "slack", "pager", "url"]),
                }
            }
            other => Contact { name: scalar(other).unwrap_or_default(), ..Default::default() },
        })
        .collect()
}

/// The allowed value a wrong one means: a word of it (`Resolved.`, `✅ Resolved`,
/// `status: fixed`), or a word people use for it (`done`, `in progress`).
fn nearest_value(ty: Ty, v: &Value) -> Option<&'static str> {
    let Ty::Enum(allowed) = ty else { return None };
    let text = scalar(v)?.to_lowercase();
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // (word, value): the first whose value the field allows (`done` is `resolved` for an
    // incident's status, `published` for its postmortem).
    const SAID: &[(&str, &str)] = &[
        ("done", "resolved"),
        ("done", "published"),
        ("fixed", "resolved"),
        ("complete", "resolved"),
        ("complete", "published"),
        ("completed", "resolved"),
        ("completed", "published"),
        ("final", "published"),
        ("progress", "investigating"),
        ("progress", "draft"),
        ("ongoing", "investigating"),
        ("open", "investigating"),
        ("active", "investigating"),
        ("monitoring", "mitigated"),
        ("wip", "draft"),
        ("review", "review"),
        ("reviewing", "review"),
        ("retired", "deprecated"),
        ("archived", "deprecated"),
        ("inactive", "deprecated"),
        ("obsolete", "deprecated"),
        ("current", "active"),
        ("live", "active"),
    ];
    words
        .iter()
        .find_map(|w| allowed.iter().find(|a| *a == w))
        .or_else(|| {
            words
                .iter()
                .find_map(|w| SAID.iter().filter(|(s, _)| s == w).find_map(|(_, a)| allowed.iter().find(|x| *x == a)))
        })
        .copied()
}

fn example_for(name: &str, ty: Ty) -> &'static str {
    match name {
        "owner" => "team-payments",
        "commander" => "Ana Ruiz",
        "id" => "INC-2026-001",
        "severity" => "SEV2",
        "title" => "\"Database failover\"",
        _ => example(ty),
    }
}

fn example(ty: Ty) -> &'static str {
    match ty {
        Ty::Str => "text",
        Ty::Date => "2026-03-01",
        Ty::Timestamp => "2026-03-01T14:05:00Z",
        Ty::Duration => "90d",
        Ty::List => "[a, b]",
        Ty::Enum(v) => v.first().copied().unwrap_or(""),
        Ty::Bool => "true",
        Ty::Contacts => "[{role: primary, name: Ana, reach: ana@example.org}]",
        Ty::Map => "{allow: [rule/id]}",
        Ty::Any => "value",
    }
}

fn check_type(ty: Ty, v: &Value, tz: &jiff::tz::TimeZone) -> Option<String> {
    let s = scalar(v);
    match ty {
        Ty::Any => None,
        Ty::Str => match v {
            Value::Sequence(_) | Value::Mapping(_) => Some(format!("expected text, found {}", type_name(v))),
            _ => None,
        },
        Ty::Bool => (!matches!(v, Value::Bool(_))).then(|| format!("expected true or false, found {}", type_name(v))),
        Ty::Date => match s {
            Some(s) if parse_date(&s).is_some() => None,
            Some(s) => Some(format!("`{s}` is not a date (YYYY-MM-DD)")),
            None => Some(format!("expected a date, found {}", type_name(v))),
        },
        Ty::Timestamp => match s {
            Some(s) if parse_timestamp(&s, tz).is_some() => None,
            Some(s) => Some(format!("`{s}` is not a timestamp (e.g. 2026-03-01T14:05:00Z)")),
            None => Some(format!("expected a timestamp, found {}", type_name(v))),
        },
        Ty::Duration => match s {
            Some(s) if parse_duration_days(&s).is_some() => None,
            Some(s) => Some(format!("`{s}` is not a duration (90d, 12w, 6m, 1y)")),
            None => Some(format!("expected a duration, found {}", type_name(v))),
        },
        Ty::List => match v {
            Value::Sequence(items) => items
                .iter()
                .find(|i| scalar(i).is_none())
                .map(|i| format!("list items must be text, found {}", type_name(i))),
            _ => Some(format!("expected a list such as [a, b], found {}", type_name(v))),
        },
        Ty::Enum(allowed) => match s {
            Some(s) if allowed.contains(&s.to_lowercase().as_str()) => None,
            Some(s) => Some(format!("`{s}` is not one of {}", allowed.join(", "))),
            None => Some(format!("expected one of {}, found {}", allowed.join(", "), type_name(v))),
        },
        Ty::Contacts => match v {
            Value::Sequence(items) => items
                .iter()
                .find(|i| !matches!(i, Value::Mapping(_) | Value::String(_)))
                .map(|i| format!("each contact must be a mapping with role, name and reach, found {}", type_name(i))),
            _ => Some(format!("expected a list of contacts, found {}", type_name(v))),
        },
        Ty::Map => (!matches!(v, Value::Mapping(_))).then(|| format!("expected a mapping, found {}", type_name(v))),
    }
}

fn check_custom(spec: &FieldSpec, v: &Value, tz: &jiff::tz::TimeZone) -> Option<String> {
    let ty = match spec.ty.as_str() {
        "date" => Ty::Date,
        "timestamp" => Ty::Timestamp,
        "bool" => Ty::Bool,
        "list" => Ty::List,
        "number" => {
            return (!matches!(v, Value::Number(_))).then(|| format!("expected a number, found {}", type_name(v)));
        }
        _ => Ty::Str,
    };
    if let Some(m) = check_type(ty, v, tz) {
        return Some(m);
    }
    if spec.values.is_empty() {
        return None;
    }
    let values: Vec<String> = match v {
        Value::Sequence(s) => s.iter().filter_map(scalar).collect(),
        other => scalar(other).into_iter().collect(),
    };
    values.iter().find(|x| !spec.values.contains(x)).map(|x| format!("`{x}` is not one of {}", spec.values.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_value_is_answered_with_the_one_it_means() {
        let s = |t: &str| Value::String(t.to_string());
        let status = Ty::Enum(INCIDENT_STATUS);
        assert_eq!(nearest_value(status, &s("Resolved.")), Some("resolved"));
        assert_eq!(nearest_value(status, &s("✅ Resolved")), Some("resolved"));
        assert_eq!(nearest_value(status, &s("Done")), Some("resolved"));
        assert_eq!(nearest_value(status, &s("In Progress")), Some("investigating"));
        assert_eq!(nearest_value(status, &s("banana")), None);
        assert_eq!(nearest_value(Ty::Enum(RUNBOOK_STATUS), &s("Active ✅")), Some("active"));
        assert_eq!(nearest_value(Ty::Enum(RUNBOOK_STATUS), &s("retired")), Some("deprecated"));
        assert_eq!(nearest_value(Ty::Enum(RUNBOOK_STATUS), &s("WIP")), Some("draft"));
        assert_eq!(nearest_value(Ty::Enum(RUNBOOK_STATUS), &s("odd")), None);
        assert_eq!(nearest_value(Ty::Enum(POSTMORTEM), &s("done")), Some("published"));
        assert_eq!(nearest_value(Ty::Str, &s("x")), None);
    }
}
