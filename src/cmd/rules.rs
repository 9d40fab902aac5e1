//! `sitrep rules [RULE_ID]`: the catalogue, printed from the rules' own metadata.

use crate::check::{rule, RULES};
use crate::config::did_you_mean;
use crate::error::Error;

/// The README's rule table, generated (a test keeps the README in sync).
pub fn markdown_table() -> String {
    let mut s = String::from("| id | default | what it checks |\n|---|---|---|\n");
    for r in RULES {
        s.push_str(&format!("| `{}` | {} | {} |\n", r.id, r.level, r.summary.replace('|', "\\|")));
    }
    s
}

/// Print the catalogue or one rule's docs.
pub fn run(id: Option<&str>, markdown: bool) -> Result<String, Error> {
    match id {
        Some(id) => {
            let r = rule(id).ok_or_else(|| {
                let hint = did_you_mean(id, RULES.iter().map(|r| r.id))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                Error::Usage(format!("no rule `{id}`{hint} (`sitrep rules` lists them)"))
            })?;
            Ok(format!("{} (default: {})\n{}\n\n{}", r.id, r.level, r.summary, r.docs))
        }
        None if markdown => Ok(markdown_table()),
        None => {
            let w = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
            Ok(RULES.iter().map(|r| format!("{:w$}  {:7}  {}\n", r.id, r.level.as_str(), r.summary)).collect())
        }
    }
}
