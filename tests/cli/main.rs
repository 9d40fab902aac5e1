//! Integration tests: the real `sitrep` binary on fixture sites.

mod authoring;
mod browser;
mod build;
mod common;
mod fix;
mod formats;
mod import;
mod options;
mod robustness;
mod rules;
mod serve;
mod team;
mod tooling;
