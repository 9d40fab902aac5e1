//! The HTTP side of serve (axum): files from the in-memory snapshot with correct MIME types,
//! ETag / If-None-Match and Last-Modified / If-Modified-Since, HEAD, the 404 page, no directory
//! listing, traversal refused; live-reload events over SSE; loopback Host checks against DNS
//! rebinding.

use super::overlay;
use super::state::Snapshot;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;

/// Shared state of the HTTP handlers.
#[derive(Clone)]
pub struct App {
    /// The served site.
    pub snap: Arc<RwLock<Snapshot>>,
    /// Reload events (JSON payloads).
    pub events: broadcast::Sender<String>,
    /// Bound to a loopback address: only loopback Host headers are accepted.
    pub loopback: bool,
}

/// The router: every request passes [`guard`] first.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/__sitrep/events", get(events))
        .route("/__sitrep/status", get(status))
        .fallback(file)
        .layer(axum::middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

/// Request headers larger than this are refused (431).
const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Refuse foreign Host headers on loopback (DNS rebinding) and oversized headers.
async fn guard(State(app): State<App>, req: Request, next: axum::middleware::Next) -> Response {
    let size: usize = req.headers().iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum();
    if size > MAX_HEADER_BYTES {
        return refuse(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, "request headers too large");
    }
    if !host_allowed(&app, req.headers()) {
        return refuse(StatusCode::FORBIDDEN, "Host not allowed: sitrep serve only answers to localhost names");
    }
    next.run(req).await
}

/// Whether the Host header names this machine (when bound to loopback).
fn host_allowed(app: &App, headers: &HeaderMap) -> bool {
    if !app.loopback {
        return true;
    }
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else { return false };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(n, port)| if port.chars().all(|c| c.is_ascii_digit()) { n } else { host })
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name == "::1"
        || name.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

fn refuse(status: StatusCode, why: &str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], format!("{why}\n")).into_response()
}

async fn events(State(app): State<App>) -> Response {
    let rx = app.events.subscribe();
    let stream = BroadcastStream::new(rx)
        .filter_map(|m| m.ok().map(|data| Ok::<_, Infallible>(Event::default().event("reload").data(data))));
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

async fn status(State(app): State<App>) -> Response {
    let snap = app.snap.read().expect("snapshot lock");
    let body = serde_json::json!({
        "generation": snap.generation,
        "rebuilds": snap.rebuilds,
        "files": snap.files.len(),
        "errors": snap.overlay.errors.len(),
        "warnings": snap.overlay.warnings.len(),
        "fatal": snap.overlay.fatal,
    });
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], body.to_string())
        .into_response()
}

/// Map a request path to a snapshot key; `None` for anything that tries to leave the site
/// (`..` in any encoding, backslashes, NUL, `//`, invalid UTF-8).
pub fn resolve(raw_path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw_path).decode_utf8().ok()?;
    if decoded.contains('\\') || decoded.contains('\0') || decoded.starts_with("//") || !decoded.starts_with('/') {
        return None;
    }
    if decoded.split('/').any(|p| p == ".." || p == ".") {
        return None;
    }
    let key = decoded.trim_start_matches('/');
    Some(if key.is_empty() || key.ends_with('/') { format!("{key}index.html") } else { key.to_string() })
}

async fn file(State(app): State<App>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    if parts.method != Method::GET && parts.method != Method::HEAD {
        return refuse(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD");
    }
    let Some(key) = resolve(parts.uri.path()) else {
        return refuse(StatusCode::BAD_REQUEST, "bad path");
    };
    let snap = app.snap.read().expect("snapshot lock");
    let found = snap.files.get(&key).map(|e| (StatusCode::OK, e.clone(), key.clone()));
    let found = match found {
        Some(f) => Some(f),
        // `/incidents/inc-1` → `/incidents/inc-1/` when that is a page.
        None if !key.ends_with(".html") && snap.files.contains_key(&format!("{key}/index.html")) => {
            let location = format!("{}/", parts.uri.path());
            return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, location)]).into_response();
        }
        None => snap.files.get("404.html").map(|e| (StatusCode::NOT_FOUND, e.clone(), "404.html".to_string())),
    };
    let extra = overlay::render(&snap.overlay);
    let fatal_only = snap.files.is_empty();
    drop(snap);
    let Some((status, entry, name)) = found else {
        // No site yet (the very first build failed): show the overlay alone.
        let body = overlay::inject(b"<!doctype html><html><head><meta charset=\"utf-8\"><title>sitrep</title></head><body><h1>No site yet</h1></body></html>", &extra);
        let code = if fatal_only { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::NOT_FOUND };
        return (code, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response();
    };
    let is_html = name.ends_with(".html");
    let mime = if is_html {
        "text/html; charset=utf-8".to_string()
    } else {
        mime_guess::from_path(&name).first_or_octet_stream().essence_str().to_string()
    };
    // HTML carries the live overlay, so its validator covers the overlay too.
    let etag =
        if is_html { format!("\"{}\"", crate::diag::fingerprint(&[&entry.etag, &extra])) } else { entry.etag.clone() };
    let modified = httpdate::fmt_http_date(entry.modified);
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(&mime).expect("mime is ascii"));
    headers.insert(header::ETAG, HeaderValue::from_str(&etag).expect("etag is ascii"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if !is_html {
        headers.insert(header::LAST_MODIFIED, HeaderValue::from_str(&modified).expect("date is ascii"));
    }
    if status == StatusCode::OK {
        let inm = parts.headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok());
        let ims = parts
            .headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok());
        let not_modified = match inm {
            Some(tags) => tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"),
            None => {
                !is_html
                    && ims.is_some_and(|since| entry.modified.duration_since(since).map_or(true, |d| d.as_secs() == 0))
            }
        };
        if not_modified {
            return (StatusCode::NOT_MODIFIED, headers).into_response();
        }
    }
    let body = if is_html { overlay::inject(&entry.bytes, &extra) } else { entry.bytes.to_vec() };
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    let body = if parts.method == Method::HEAD { Body::empty() } else { Body::from(body) };
    (status, headers, body).into_response()
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn traversal_is_refused() {
        assert_eq!(resolve("/").as_deref(), Some("index.html"));
        assert_eq!(resolve("/incidents/").as_deref(), Some("incidents/index.html"));
        assert_eq!(resolve("/static/style.css").as_deref(), Some("static/style.css"));
        assert_eq!(resolve("/a%20b.png").as_deref(), Some("a b.png"));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2E%2E/%2e%2e/x",
            "/a\\..\\b",
            "/a%5c..%5cb",
            "//etc/passwd",
            "/a%00b",
            "/./x",
        ] {
            assert!(resolve(bad).is_none(), "{bad}");
        }
    }
}
