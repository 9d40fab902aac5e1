//! `sitrep serve`: build into memory, serve over HTTP, rebuild on every change, push live
//! reloads; never stops on a mistake in the site.

pub mod http;
pub mod overlay;
pub mod state;
pub mod watch;

use crate::cli::{Common, ServeArgs};
use crate::error::Error;
use state::Builder;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc;
use tokio::sync::broadcast;

/// Run the server until Ctrl-C.
pub fn run(args: &ServeArgs, common: &Common) -> Result<u8, Error> {
    let site_dir =
        args.site.canonicalize().map_err(|e| Error::Usage(format!("site directory {}: {e}", args.site.display())))?;
    let ip: IpAddr = args.bind.parse().map_err(|_| Error::Usage(format!("--bind {}: not an IP address", args.bind)))?;
    let addr = SocketAddr::new(ip, args.port);
    let listener = std::net::TcpListener::bind(addr).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            Error::Usage(format!("port {} is already in use on {}: choose another with --port", args.port, args.bind))
        } else {
            Error::Usage(format!("cannot listen on {addr}: {e}"))
        }
    })?;
    listener.set_nonblocking(true).map_err(|e| Error::Other(format!("listener: {e}")))?;
    let local = listener.local_addr().map_err(|e| Error::Other(format!("listener: {e}")))?;
    if !ip.is_loopback() {
        eprintln!("warning: serving on {ip}, which other machines can reach; the preview has no authentication");
    }
    let url =
        format!("http://{}/", if ip.is_loopback() { format!("localhost:{}", local.port()) } else { local.to_string() });
    let builder = Builder::new(&site_dir, common, args.drafts, url.clone());
    let shared = builder.shared.clone();
    let (events_tx, _) = broadcast::channel::<String>(64);
    let (fs_tx, fs_rx) = mpsc::channel::<Vec<PathBuf>>();
    let watcher = watch::start(&site_dir, builder.config_path(), args.poll, fs_tx).map_err(Error::Other)?;
    println!("Serving {} at {url} ({}; Ctrl-C to stop)", site_dir.display(), watcher.describe());
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    if args.open {
        let _ = std::process::Command::new(if cfg!(target_os = "macos") { "open" } else { "xdg-open" })
            .arg(&url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
    }
    let tx = events_tx.clone();
    std::thread::Builder::new()
        .name("sitrep-rebuild".into())
        .stack_size(256 << 20)
        .spawn(move || rebuild_loop(builder, watcher, fs_rx, tx))
        .map_err(|e| Error::Other(format!("rebuild thread: {e}")))?;
    let app = http::App { snap: shared, events: events_tx, loopback: ip.is_loopback() };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Other(format!("runtime: {e}")))?;
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|e| Error::Other(format!("listener: {e}")))?;
        axum::serve(listener, http::router(app))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
                eprintln!("sitrep: stopping");
                // Open event streams never end by themselves: give requests a moment, then go.
                tokio::spawn(async {
                    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                    std::process::exit(0);
                });
            })
            .await
            .map_err(|e| Error::Other(format!("server: {e}")))
    })?;
    Ok(0)
}

/// Wait for batches of changed paths, coalesce what arrived meanwhile, rebuild, announce.
fn rebuild_loop(
    mut builder: Builder,
    mut watcher: watch::Watcher,
    rx: mpsc::Receiver<Vec<PathBuf>>,
    events: broadcast::Sender<String>,
) {
    use std::time::{Duration, Instant};
    let mut last_rebuild = Instant::now() - Duration::from_secs(60);
    while let Ok(mut paths) = rx.recv() {
        // A lone edit rebuilds at once. Changes arriving right after a rebuild mean a burst (a
        // script, a checkout, an editor saving many files): wait for it to go quiet, so a burst
        // costs a handful of rebuilds instead of one per save.
        if last_rebuild.elapsed() < Duration::from_millis(200) {
            let burst_start = Instant::now();
            while burst_start.elapsed() < Duration::from_secs(1) {
                match rx.recv_timeout(Duration::from_millis(100)) {
                    Ok(more) => paths.extend(more),
                    Err(_) => break,
                }
            }
        }
        while let Ok(more) = rx.try_recv() {
            paths.extend(more);
        }
        watcher.refresh();
        let change = watch::classify(&paths, builder.site_dir(), builder.config_path());
        if change.is_empty() {
            continue;
        }
        let outcome = builder.rebuild(change);
        last_rebuild = Instant::now();
        if outcome.changed_files > 0 || outcome.overlay_changed {
            let generation = builder.shared.read().expect("snapshot lock").generation;
            let css_only = outcome.css_only && !outcome.overlay_changed;
            let _ = events.send(serde_json::json!({"generation": generation, "css_only": css_only}).to_string());
        }
    }
}
