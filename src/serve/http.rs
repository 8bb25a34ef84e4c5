//! Answering requests: safe paths, content types, the reload event stream,
//! and the error overlay on every page while the sources have errors.

use std::hash::BuildHasher;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Request, Response, StatusCode};

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::inject::{self, Problems};
use super::state::{Preview, Rendered, Snapshot};
use crate::diagnostics::internal::InternalError;
use crate::diagnostics::{Diagnostic, report};
use crate::render::theme::fingerprint;

/// The URL of the reload event stream.
pub(crate) const EVENTS: &str = "/__handbook/events";
/// A small JSON status (generation, errors), for tests and tools.
pub(crate) const STATUS: &str = "/__handbook/status";

/// Answers one request; runs on its own thread.
pub(crate) fn handle(preview: &Preview, request: Request, server_id: &str) {
    let url = request.url().to_string();
    let path_part = url.split(['?', '#']).next().unwrap_or("/");
    match path_part {
        EVENTS => events(preview, request, server_id),
        STATUS => status(preview, request),
        _ => match output_path(path_part) {
            Ok(path) => serve_output(preview, request, server_id, &path),
            Err(code) => forbidden(request, code),
        },
    }
}

/// The build's generation and how many problems it has, as JSON.
fn status(preview: &Preview, request: Request) {
    let state = preview.state();
    let body = format!(
        "{{\"generation\":{},\"errors\":{},\"internal\":{}}}",
        state.generation,
        state.errors.len(),
        state.internal.is_some()
    );
    respond(request, 200, "application/json", body.into_bytes());
}

/// Answers with the output at `path` of the build served now, its problems
/// shown over every page; a folder without its `/` is redirected.
fn serve_output(preview: &Preview, request: Request, server_id: &str, path: &str) {
    let state = preview.state();
    let served = format!("{server_id}/{}", state.generation);
    let problems = Problems {
        errors: &state.errors,
        internal: state.internal.as_ref(),
    };
    let Some(snapshot) = &state.snapshot else {
        return error_page(request, problems, &served);
    };
    let strings = &snapshot.theme.strings;
    let rendered = match render_caught(snapshot, path) {
        Ok(rendered) => rendered,
        Err(error) => {
            let problems = Problems {
                internal: Some(&error),
                ..problems
            };
            return error_page(request, problems, &served);
        }
    };
    match rendered.as_deref() {
        Some(Rendered::Bytes(bytes)) => {
            if path.ends_with(".html") {
                let body = inject::into_page(bytes, problems, strings, &served);
                respond(request, 200, content_type(path), body);
            } else {
                respond_cacheable(request, content_type(path), bytes.clone());
            }
        }
        Some(Rendered::File(src)) => match read_inside(&preview.root, src) {
            Some(bytes) => respond_cacheable(request, content_type(path), bytes),
            None => forbidden(request, 403),
        },
        Some(Rendered::Failed(template_errors)) => {
            report::eprint_all(template_errors);
            let all: Vec<Diagnostic> = state
                .errors
                .iter()
                .chain(template_errors)
                .cloned()
                .collect();
            let problems = Problems {
                errors: &all,
                ..problems
            };
            error_page(request, problems, &served);
        }
        None if snapshot
            .manifest
            .contains_key(&format!("{path}/index.html")) =>
        {
            let location = format!("/{path}/");
            let response = Response::empty(301).with_header(header("Location", &location));
            let _ = request.respond(response);
        }
        None => {
            let body = match snapshot.render("404.html").as_deref() {
                Some(Rendered::Bytes(b)) => inject::into_page(b, problems, strings, &served),
                _ => b"404\n".to_vec(),
            };
            respond(request, 404, "text/html; charset=utf-8", body);
        }
    }
}

/// Renders a page on this request's thread: a panic there is answered, not lost.
fn render_caught(snapshot: &Snapshot, path: &str) -> Result<Option<Arc<Rendered>>, InternalError> {
    catch_unwind(AssertUnwindSafe(|| snapshot.render(path))).map_err(|payload| {
        let error = InternalError::from_panic(payload);
        eprintln!("{error}");
        error
    })
}

/// The page that lists the problems in place of the site.
fn error_page(request: Request, problems: Problems, served: &str) {
    let page = inject::error_page(problems, served);
    respond(request, 500, "text/html; charset=utf-8", page.into_bytes());
}

/// Refuses a path that is not the site's.
fn forbidden(request: Request, status: u16) {
    respond(
        request,
        status,
        "text/plain; charset=utf-8",
        b"Forbidden\n".to_vec(),
    );
}

/// The output path for a URL path, or the status to refuse it with.
/// Refuses `..`, percent-encoded dots, backslashes, NUL and invalid UTF-8;
/// a `%` without two hex digits after it stays as written (and names no file).
pub(crate) fn output_path(url_path: &str) -> Result<String, u16> {
    let decoded = crate::percent::decode(url_path).ok_or(400u16)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return Err(403);
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments
        .iter()
        .any(|s| *s == ".." || *s == "." || s.contains(':'))
    {
        return Err(403);
    }
    let joined = segments.join("/");
    Ok(if joined.is_empty() {
        "index.html".to_string()
    } else if decoded.ends_with('/') {
        format!("{joined}/index.html")
    } else {
        joined
    })
}

/// Reads a copied file only when it really lies inside the handbook's
/// `content/` or `static/` (a symlink may point elsewhere).
fn read_inside(root: &Path, src: &Path) -> Option<Vec<u8>> {
    let real = src.canonicalize().ok()?;
    let allowed: Vec<PathBuf> = ["content", "static"]
        .iter()
        .filter_map(|d| root.join(d).canonicalize().ok())
        .collect();
    allowed
        .iter()
        .any(|dir| real.starts_with(dir))
        .then(|| std::fs::read(&real).ok())
        .flatten()
}

/// The Content-Type for an output path.
pub(crate) fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn respond(request: Request, status: u16, content_type: &str, body: Vec<u8>) {
    let response = Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

/// Answers with a file that is not a page (style sheet, script, image, search
/// index). Asked for with its fingerprint (`handbook.css?v=1a2b3c4d`, as the
/// theme's pages link their assets), the browser keeps it for good: that URL
/// names these bytes, and a reload does not even ask again. Otherwise the
/// browser may keep it but must ask each time (`no-cache` with an `ETag` of
/// its bytes), so an unchanged file costs a `304` while an edited one shows
/// at once.
fn respond_cacheable(request: Request, content_type: &str, body: Vec<u8>) {
    let tag = format!("\"{:016x}\"", rustc_hash::FxBuildHasher.hash_one(&body));
    let fresh = request
        .headers()
        .iter()
        .any(|h| h.field.equiv("If-None-Match") && h.value.as_str() == tag);
    let named = query_value(request.url(), "v").is_some_and(|v| v == fingerprint(&body));
    let cache = if named {
        "max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let response = if fresh {
        Response::from_data(Vec::new()).with_status_code(StatusCode(304))
    } else {
        Response::from_data(body)
            .with_status_code(StatusCode(200))
            .with_header(header("Content-Type", content_type))
    };
    let _ = request.respond(
        response
            .with_header(header("Cache-Control", cache))
            .with_header(header("ETag", &tag)),
    );
}

/// The value of `name` in the query of `url` (`/a.css?v=1` → `1` for `v`).
fn query_value<'u>(url: &'u str, name: &str) -> Option<&'u str> {
    let (_, query) = url.split_once('?')?;
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// A Server-Sent Events stream: `hello` with the server's id and generation, then `reload`
/// after each rebuild; a comment every 15 s finds closed tabs, whose thread ends.
fn events(preview: &Preview, request: Request, server_id: &str) {
    let (_, _, mut seen) = preview.current();
    let mut out = request.into_writer();
    // `hello` names the build served now: a page of another build reloads.
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\nevent: hello\ndata: {server_id}/{seen}\n\n"
    );
    if out
        .write_all(head.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let now = preview.wait_for_change(seen, Duration::from_secs(15));
        let message = if now != seen {
            format!("event: reload\ndata: {now}\n\n")
        } else {
            ": ping\n\n".to_string()
        };
        seen = now;
        if out
            .write_all(message.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_never_leave_the_site() {
        assert_eq!(output_path("/").unwrap(), "index.html");
        assert_eq!(output_path("/roller/a/").unwrap(), "roller/a/index.html");
        assert_eq!(
            output_path("/assets/handbook.css").unwrap(),
            "assets/handbook.css"
        );
        assert_eq!(output_path("/sk%C3%A6ring/").unwrap(), "skæring/index.html");
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2E%2E/%2e%2e/x",
            "/a\\..\\b",
            "/%00",
            "/C:/x",
            "/./a",
        ] {
            assert!(output_path(bad).is_err(), "{bad}");
        }
        assert_eq!(output_path("/%FF"), Err(400), "not UTF-8");
        assert_eq!(
            output_path("/%zz").unwrap(),
            "%zz",
            "a stray % names no file"
        );
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("x.XLSX"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
