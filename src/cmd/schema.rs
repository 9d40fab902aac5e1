//! `sitrep schema runbook|incident|config`: print a JSON Schema generated from the Rust types.

use crate::cli::{Common, SchemaArgs, SchemaTarget};
use crate::config::Config;
use crate::error::Error;
use crate::schema::{schema, Target};

/// The schema as pretty JSON.
pub fn run(args: &SchemaArgs, common: &Common) -> Result<String, Error> {
    let config = match &common.config {
        Some(p) => Config::load(p, true)?,
        None => Config::load(&args.site.join("sitrep.yaml"), false)?,
    };
    let target = match args.target {
        SchemaTarget::Runbook => Target::Runbook,
        SchemaTarget::Incident => Target::Incident,
        SchemaTarget::Config => Target::Config,
    };
    let s = schema(target, &config);
    Ok(serde_json::to_string_pretty(&s).expect("a schema is JSON") + "\n")
}
