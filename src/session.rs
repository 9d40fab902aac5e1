//! What every subcommand starts from: the site directory, its configuration, "today" and the
//! loaded, parsed site.

use crate::cli::Common;
use crate::config::Config;
use crate::error::Error;
use crate::model::Site;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// A loaded site, ready for check or render.
pub struct Session {
    /// The site directory (canonical).
    pub site_dir: PathBuf,
    /// The configuration.
    pub config: Config,
    /// The parsed site.
    pub site: Site,
    /// `-q`.
    pub quiet: bool,
}

impl Session {
    /// Load the configuration and every document of `site_dir`.
    pub fn open(site_dir: &Path, common: &Common) -> Result<Session, Error> {
        let site_dir =
            site_dir.canonicalize().map_err(|e| Error::Usage(format!("site directory {}: {e}", site_dir.display())))?;
        if !site_dir.is_dir() {
            return Err(Error::Usage(format!("{} is not a directory", site_dir.display())));
        }
        let config = match &common.config {
            Some(p) => Config::load(p, true)?,
            None => Config::load(&site_dir.join("sitrep.yaml"), false)?,
        };
        let today = today(common.today.as_deref(), &config)?;
        let content = site_dir.join("content");
        if !content.is_dir() {
            return Err(Error::Usage(format!(
                "{} has no content/ directory: put the Markdown documents in {}",
                site_dir.display(),
                content.display()
            )));
        }
        let loaded = crate::load::load_content(&content)?;
        crate::timings::lap("load");
        let content = content.canonicalize().map_err(|e| Error::Io { path: content.clone(), source: e })?;
        let site = Site::build(loaded, content, &config, today);
        crate::timings::lap("model");
        Ok(Session { site_dir, config, site, quiet: common.quiet })
    }
}

/// "Today": `--today`, else `SOURCE_DATE_EPOCH`, else the clock; in the site's time zone.
pub fn today(flag: Option<&str>, config: &Config) -> Result<Date, Error> {
    if let Some(s) = flag {
        return s.parse::<Date>().map_err(|e| Error::Usage(format!("--today `{s}`: expected YYYY-MM-DD ({e})")));
    }
    let ts = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => {
            let secs: i64 = v
                .trim()
                .parse()
                .map_err(|_| Error::Usage(format!("SOURCE_DATE_EPOCH `{v}` is not a number of seconds")))?;
            jiff::Timestamp::from_second(secs).map_err(|e| Error::Usage(format!("SOURCE_DATE_EPOCH `{v}`: {e}")))?
        }
        _ => jiff::Timestamp::now(),
    };
    Ok(ts.to_zoned(config.timezone.clone()).date())
}
