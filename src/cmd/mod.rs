//! One file per subcommand; each loads, calls the pipeline and reports.

pub mod build;
pub mod check;
pub mod rules;
pub mod serve;
