//! Serve latency benchmark: time from writing one document to the live-reload event.
//!
//! `cargo run --release --example serve-latency -- --site DIR [--edits 20] [--binary target/release/sitrep]`
//!
//! Starts `sitrep serve DIR --port 0`, subscribes to its event stream, then edits the body of one
//! incident `--edits` times (300 ms apart) and prints min / median / p90 / max latency in ms.
//! The file is restored afterwards. Std only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned().unwrap_or_else(|| default.to_string())
}

fn first_incident(dir: &Path) -> Option<PathBuf> {
    let mut stack = vec![dir.join("content")];
    let mut found = Vec::new();
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).ok()?.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") && p.to_string_lossy().contains("incidents") {
                found.push(p);
            }
        }
    }
    found.sort();
    found.into_iter().next()
}

fn get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n").ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

fn main() {
    let site = PathBuf::from(arg("--site", "."));
    let edits: usize = arg("--edits", "20").parse().expect("--edits N");
    let binary = arg("--binary", "target/release/sitrep");
    let doc = first_incident(&site).expect("an incident under content/");
    let original = std::fs::read_to_string(&doc).expect("read document");
    let started = Instant::now();
    let mut child = Command::new(&binary)
        .args(["serve", site.to_str().unwrap(), "--port", "0", "-q", "--today", "2026-11-01"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start sitrep serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).expect("serve prints its address");
    let port: u16 = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|hp| hp.rsplit(':').next())
        .and_then(|p| p.parse().ok())
        .expect("port");
    while get(port, "/__sitrep/status").is_none() {
        std::thread::sleep(Duration::from_millis(20));
    }
    eprintln!("serve-latency: initial build and start: {:.2} s", started.elapsed().as_secs_f64());
    let mut sse = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(sse, "GET /__sitrep/events HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n").unwrap();
    let (tx, rx) = mpsc::channel::<Instant>();
    std::thread::spawn(move || {
        for l in BufReader::new(sse).lines().map_while(Result::ok) {
            if l.starts_with("data:") && tx.send(Instant::now()).is_err() {
                break;
            }
        }
    });
    std::thread::sleep(Duration::from_millis(300));
    let mut ms = Vec::new();
    for i in 0..edits {
        let text = original.replacen(
            "## Summary\n",
            &format!("## Summary\n\nEdit number {i} for the latency benchmark.\n"),
            1,
        );
        let t0 = Instant::now();
        std::fs::write(&doc, text).expect("write");
        match rx.recv_timeout(Duration::from_secs(10)) {
            Ok(t) => ms.push(t.duration_since(t0).as_secs_f64() * 1000.0),
            Err(_) => eprintln!("serve-latency: edit {i}: no reload event within 10 s"),
        }
        std::thread::sleep(Duration::from_millis(300));
        while rx.try_recv().is_ok() {}
    }
    std::fs::write(&doc, &original).expect("restore");
    let _ = child.kill();
    let _ = child.wait();
    ms.sort_by(f64::total_cmp);
    if ms.is_empty() {
        eprintln!("serve-latency: no measurements");
        std::process::exit(1);
    }
    let pick = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    println!(
        "edits={} min_ms={:.0} median_ms={:.0} p90_ms={:.0} max_ms={:.0}",
        ms.len(),
        ms[0],
        pick(0.5),
        pick(0.9),
        ms[ms.len() - 1]
    );
}
