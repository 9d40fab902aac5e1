//! One file per subcommand; each loads, calls the pipeline and reports.

pub mod build;
pub mod check;
pub mod completions;
pub mod fix;
pub mod import;
pub mod init;
pub mod man;
pub mod new;
pub mod rules;
pub mod schema;
pub mod serve;
