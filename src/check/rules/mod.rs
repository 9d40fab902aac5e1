//! The rule registry: one file per rule; registering a rule is one line in `RULES`.

use super::Rule;

mod file_unreadable;
mod frontmatter_missing;
mod frontmatter_required;
mod frontmatter_syntax;
mod frontmatter_type;
mod frontmatter_unknown_key;
mod html_unclosed;
mod incident_action_item_due;
mod incident_action_item_overdue;
mod incident_action_item_owner;
mod incident_duplicate_id;
mod incident_postmortem_overdue;
mod incident_timeline_format;
mod incident_timeline_order;
mod incident_timestamp_order;
mod incident_unknown_runbook;
mod incident_unknown_severity;
mod link_anchor;
mod link_broken;
mod link_unpublished;
mod placeholder_contact;
mod placeholder_text;
mod runbook_stale;
mod section_empty;
mod section_missing;
mod security_secret;
mod site_duplicate_url;
mod text_mojibake;

/// Every rule, in catalogue order.
pub static RULES: &[&Rule] = &[
    &file_unreadable::RULE,
    &frontmatter_syntax::RULE,
    &frontmatter_missing::RULE,
    &frontmatter_required::RULE,
    &frontmatter_type::RULE,
    &frontmatter_unknown_key::RULE,
    &section_missing::RULE,
    &section_empty::RULE,
    &placeholder_contact::RULE,
    &placeholder_text::RULE,
    &link_broken::RULE,
    &link_anchor::RULE,
    &link_unpublished::RULE,
    &html_unclosed::RULE,
    &incident_duplicate_id::RULE,
    &incident_unknown_severity::RULE,
    &incident_timestamp_order::RULE,
    &incident_timeline_order::RULE,
    &incident_timeline_format::RULE,
    &incident_unknown_runbook::RULE,
    &incident_action_item_owner::RULE,
    &incident_action_item_due::RULE,
    &incident_action_item_overdue::RULE,
    &incident_postmortem_overdue::RULE,
    &runbook_stale::RULE,
    &security_secret::RULE,
    &text_mojibake::RULE,
    &site_duplicate_url::RULE,
];

use crate::model::{Doc, Kind, Site};

/// Documents that rules about content read: readable, not templates.
pub(crate) fn checked_docs(site: &Site) -> impl Iterator<Item = (usize, &Doc)> {
    site.docs.iter().enumerate().filter(|(_, d)| d.unreadable.is_none() && d.kind != Kind::Template)
}

/// Front-matter findings of one kind, as produced by the schema in `model::meta`.
pub(crate) fn meta_findings(cx: &super::Ctx<'_>, kind: crate::model::meta::IssueKind) -> Vec<super::Finding> {
    checked_docs(cx.site)
        .flat_map(|(i, d)| {
            d.meta_issues.iter().filter(move |m| m.kind == kind).map(move |m| super::Finding {
                doc: i,
                span: m.span.clone(),
                message: m.message.clone(),
                help: m.help.clone(),
                target: None,
            })
        })
        .collect()
}
