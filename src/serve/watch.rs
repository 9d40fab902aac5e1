//! Watching the site for changes: notify with a debouncer (a burst of saves is one rebuild),
//! editor swap/backup/temp files ignored, polling with `--poll` or when native watching fails.

use super::state::Change;
use notify::{PollWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, NoCache, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// How long a path must be quiet before its change is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    kind: Kind,
    site_dir: PathBuf,
    watched: Vec<PathBuf>,
}

enum Kind {
    /// inotify (or the platform's native API).
    Native(Debouncer<notify::RecommendedWatcher, RecommendedCache>),
    /// Polling the file system.
    Poll(Debouncer<PollWatcher, NoCache>),
}

/// The folders watched recursively (when they exist).
fn recursive_targets(site_dir: &Path) -> [PathBuf; 2] {
    [site_dir.join("content"), site_dir.join("themes")]
}

impl Watcher {
    fn watch(&mut self, p: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.kind {
            Kind::Native(d) => d.watch(p, mode),
            Kind::Poll(d) => d.watch(p, mode),
        }
    }

    /// Start watching folders that appeared since (e.g. `themes/` created while serving).
    pub fn refresh(&mut self) {
        for p in recursive_targets(&self.site_dir) {
            if p.is_dir() && !self.watched.contains(&p) && self.watch(&p, RecursiveMode::Recursive).is_ok() {
                self.watched.push(p);
            }
        }
        self.watched.retain(|p| p.exists());
    }

    /// Which kind is running.
    pub fn describe(&self) -> &'static str {
        match self.kind {
            Kind::Native(_) => "native file events",
            Kind::Poll(_) => "polling",
        }
    }
}

/// Editor and OS droppings that never trigger a rebuild.
pub fn ignored(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return true };
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".orig", ".crswap", ".part", "___jb_tmp___", "___jb_old___"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// Sort event paths into a `Change` for the site at `site_dir`.
pub fn classify(paths: &[PathBuf], site_dir: &Path, config_path: &Path) -> Change {
    let content = site_dir.join("content");
    let themes = site_dir.join("themes");
    let mut change = Change::default();
    for p in paths {
        if ignored(p) {
            continue;
        }
        if p == config_path || p.file_name() == config_path.file_name() && p.parent() == config_path.parent() {
            change.config = true;
        } else if p.starts_with(&themes) {
            change.theme = true;
        } else if let Ok(rel) = p.strip_prefix(&content) {
            // Hidden entries inside content/ are not part of the site (the loader skips them too).
            if !rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.')) {
                change.content.insert(p.clone());
            }
        }
    }
    change
}

/// Start watching `content/`, `themes/` and the configuration; batches of changed paths are
/// sent on `tx`. Falls back to polling when native watching cannot start.
pub fn start(site_dir: &Path, config_path: &Path, poll: bool, tx: Sender<Vec<PathBuf>>) -> Result<Watcher, String> {
    let handler = move |res: DebounceEventResult| {
        if let Ok(events) = res {
            // Reading files (our own rebuild included) produces access events: never a change.
            let paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| !matches!(e.event.kind, notify::EventKind::Access(_) | notify::EventKind::Other))
                .flat_map(|e| e.event.paths)
                .collect();
            if !paths.is_empty() {
                let _ = tx.send(paths);
            }
        }
    };
    let targets: Vec<(PathBuf, RecursiveMode)> = [
        (site_dir.to_path_buf(), RecursiveMode::NonRecursive),
        (config_path.parent().unwrap_or(site_dir).to_path_buf(), RecursiveMode::NonRecursive),
    ]
    .into_iter()
    .filter(|(p, _)| p.exists())
    .collect();
    let finish = |kind: Kind| {
        let mut w = Watcher { kind, site_dir: site_dir.to_path_buf(), watched: Vec::new() };
        w.refresh();
        w
    };
    let tick = Some(DEBOUNCE / 4);
    if !poll {
        let native = new_debouncer_opt::<_, notify::RecommendedWatcher, RecommendedCache>(
            DEBOUNCE,
            tick,
            handler.clone(),
            RecommendedCache::new(),
            notify::Config::default(),
        );
        match native {
            Ok(mut d) => {
                let ok = targets.iter().all(|(p, mode)| d.watch(p, *mode).is_ok());
                let ok = ok
                    && recursive_targets(site_dir)
                        .iter()
                        .filter(|p| p.is_dir())
                        .all(|p| d.watch(p, RecursiveMode::Recursive).is_ok());
                if ok {
                    return Ok(finish(Kind::Native(d)));
                }
                eprintln!(
                    "sitrep: native file watching failed (inotify limits or a network file system?); polling instead"
                );
            }
            Err(e) => eprintln!("sitrep: native file watching unavailable ({e}); polling instead"),
        }
    }
    let config = notify::Config::default().with_poll_interval(Duration::from_millis(250)).with_compare_contents(false);
    let mut d = new_debouncer_opt::<_, PollWatcher, NoCache>(DEBOUNCE, tick, handler, NoCache, config)
        .map_err(|e| format!("cannot watch the site: {e}"))?;
    for (p, mode) in &targets {
        d.watch(p, *mode).map_err(|e| format!("cannot watch {}: {e}", p.display()))?;
    }
    Ok(finish(Kind::Poll(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_ignored() {
        for n in ["a.md~", ".a.md.swp", "#a.md#", "4913", "a.md.tmp", ".#a.md", "x___jb_tmp___"] {
            assert!(ignored(Path::new(n)), "{n}");
        }
        assert!(!ignored(Path::new("a.md")));
        let site = Path::new("/s");
        let c = classify(
            &[
                PathBuf::from("/s/content/a.md"),
                PathBuf::from("/s/content/.a.md.swp"),
                PathBuf::from("/s/themes/t/x.html"),
                PathBuf::from("/s/sitrep.yaml"),
            ],
            site,
            Path::new("/s/sitrep.yaml"),
        );
        assert!(c.config && c.theme);
        assert_eq!(c.content.len(), 1);
    }
}
