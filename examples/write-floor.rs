//! The file-system floor of a build: how long this machine takes to create an output tree of
//! the same shape (directories, files, sizes, hard links) when nothing is rendered at all.
//!
//! ```text
//! cargo run --release --example write-floor -- manifest BUILT_DIR > tree.txt
//! cargo run --release --example write-floor -- write tree.txt OUT_DIR
//! ```
//!
//! `manifest` lists a built site (one line per directory, file or second name of a file);
//! `write` creates the same tree under OUT_DIR (which must not exist) the way `sitrep build`
//! does: files in parallel on one thread per core, each file's directory created on first use,
//! bytes of the listed size written in one call, second names as hard links. `bench/run.sh`
//! times `write` next to the build, so the growth of the build's time from 10,000 to 100,000
//! documents can be compared with the growth of the file system's own cost for that output.

use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

enum Entry {
    Dir(String),
    File(u64, String),
    Link(String, String),
}

fn usage() -> ! {
    eprintln!("usage: write-floor manifest BUILT_DIR | write MANIFEST OUT_DIR");
    std::process::exit(2)
}

fn fail(what: &str, path: &Path, e: std::io::Error) -> ! {
    eprintln!("write-floor: {what} {}: {e}", path.display());
    std::process::exit(1)
}

/// Every entry under `root` (relative, `/`-separated), directories before what they hold.
fn walk(root: &Path) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut first_name: HashMap<(u64, u64), String> = HashMap::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = root.join(&rel);
        let mut names: Vec<_> = match std::fs::read_dir(&dir) {
            Ok(rd) => rd.map(|e| e.unwrap_or_else(|e| fail("reading", &dir, e)).file_name()).collect(),
            Err(e) => fail("reading", &dir, e),
        };
        names.sort();
        for name in names.into_iter().rev() {
            let child = rel.join(&name);
            let text = child.to_string_lossy().replace('\\', "/");
            let path = root.join(&child);
            let meta = std::fs::symlink_metadata(&path).unwrap_or_else(|e| fail("reading", &path, e));
            if meta.is_dir() {
                out.push(Entry::Dir(text));
                stack.push(child);
            } else if meta.nlink() > 1 {
                match first_name.get(&(meta.dev(), meta.ino())) {
                    Some(first) => out.push(Entry::Link(first.clone(), text)),
                    None => {
                        first_name.insert((meta.dev(), meta.ino()), text.clone());
                        out.push(Entry::File(meta.len(), text));
                    }
                }
            } else {
                out.push(Entry::File(meta.len(), text));
            }
        }
    }
    out
}

/// One manifest line: kind, size or link target, path, separated by tabs.
fn line(e: &Entry) -> String {
    match e {
        Entry::Dir(p) => format!("d\t\t{p}"),
        Entry::File(n, p) => format!("f\t{n}\t{p}"),
        Entry::Link(t, p) => format!("l\t{t}\t{p}"),
    }
}

fn read_manifest(path: &Path) -> Vec<Entry> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| fail("reading", path, e));
    text.lines()
        .map(|line| {
            let mut f = line.splitn(3, '\t');
            match (f.next(), f.next(), f.next()) {
                (Some("d"), Some(_), Some(p)) => Entry::Dir(p.into()),
                (Some("f"), Some(n), Some(p)) => Entry::File(n.parse().unwrap_or_else(|_| usage()), p.into()),
                (Some("l"), Some(t), Some(p)) => Entry::Link(t.into(), p.into()),
                _ => usage(),
            }
        })
        .collect()
}

fn write_tree(entries: &[Entry], out: &Path) {
    std::fs::create_dir(out).unwrap_or_else(|e| fail("creating", out, e));
    let largest = entries.iter().map(|e| if let Entry::File(n, _) = e { *n } else { 0 }).max().unwrap_or(0);
    let bytes = vec![b'x'; largest as usize];
    let made = std::sync::Mutex::new(std::collections::HashSet::<PathBuf>::new());
    let parent_of = |rel: &str| {
        let path = out.join(rel);
        if let Some(parent) = path.parent() {
            if !made.lock().expect("dir set").contains(parent) {
                std::fs::create_dir_all(parent).unwrap_or_else(|e| fail("creating", parent, e));
                made.lock().expect("dir set").insert(parent.to_path_buf());
            }
        }
        path
    };
    entries.par_iter().for_each(|e| match e {
        Entry::File(n, rel) => {
            let path = parent_of(rel);
            std::fs::write(&path, &bytes[..*n as usize]).unwrap_or_else(|e| fail("writing", &path, e));
        }
        Entry::Dir(..) | Entry::Link(..) => {}
    });
    entries.par_iter().for_each(|e| {
        if let Entry::Link(target, rel) = e {
            let path = parent_of(rel);
            std::fs::hard_link(out.join(target), &path).unwrap_or_else(|e| fail("linking", &path, e));
        }
    });
    // Directories that hold no file (a build creates none, but the tree is copied as it is).
    for e in entries {
        if let Entry::Dir(rel) = e {
            let path = out.join(rel);
            if !made.lock().expect("dir set").contains(&path) {
                std::fs::create_dir_all(&path).unwrap_or_else(|e| fail("creating", &path, e));
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, dir] if cmd == "manifest" => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            for e in walk(Path::new(dir)) {
                writeln!(stdout, "{}", line(&e)).unwrap_or_else(|e| fail("writing", Path::new("stdout"), e));
            }
        }
        [cmd, manifest, out] if cmd == "write" => write_tree(&read_manifest(Path::new(manifest)), Path::new(out)),
        _ => usage(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(entries: &[Entry]) -> Vec<String> {
        entries.iter().map(|e| line(e).replace('\t', " ")).collect()
    }

    #[test]
    fn the_written_tree_has_the_built_trees_shape() {
        let tmp = tempfile::tempdir().unwrap();
        let built = tmp.path().join("built");
        std::fs::create_dir_all(built.join("incidents/inc-1")).unwrap();
        std::fs::create_dir_all(built.join("alerts/DiskFull")).unwrap();
        std::fs::create_dir_all(built.join("empty/inner")).unwrap();
        std::fs::write(built.join("index.html"), "home page").unwrap();
        std::fs::write(built.join("incidents/inc-1/index.html"), vec![b'a'; 70_000]).unwrap();
        std::fs::write(built.join("runbook.html"), "redirect").unwrap();
        std::fs::hard_link(built.join("runbook.html"), built.join("alerts/DiskFull/index.html")).unwrap();

        let entries = walk(&built);
        let manifest = tmp.path().join("tree.txt");
        std::fs::write(&manifest, entries.iter().map(|e| line(e) + "\n").collect::<String>()).unwrap();
        let copy = tmp.path().join("copy");
        write_tree(&read_manifest(&manifest), &copy);

        let (a, b) = (listing(&entries), listing(&walk(&copy)));
        assert_eq!(a, b);
        assert!(a.contains(&"f 70000 incidents/inc-1/index.html".to_string()), "{a:?}");
        assert!(a.contains(&"d  empty/inner".to_string()), "{a:?}");
        // The second name of a file stays a second name, whichever of the two is listed first.
        assert_eq!(a.iter().filter(|l| l.starts_with("l ")).count(), 1, "{a:?}");
        let meta = std::fs::metadata(copy.join("alerts/DiskFull/index.html")).unwrap();
        assert_eq!(meta.nlink(), 2);
    }
}
