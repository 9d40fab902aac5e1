//! Integration tests: the real `sitrep` binary on fixture sites.

mod browser;
mod build;
mod common;
mod formats;
mod options;
mod robustness;
mod rules;
mod team;
