//! `handbook serve`: a live preview. Builds the working copy in memory,
//! serves it with tiny_http (one thread per request), watches the sources and
//! reloads every open tab after each rebuild; errors show in the page.

pub(crate) mod http;
pub(crate) mod inject;
pub(crate) mod state;
pub(crate) mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::resolve::BuildOptions;
use state::Preview;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    pub open: bool,
    pub poll: bool,
    pub drafts: bool,
    /// The go-live date (`--go-live`): dates in the pages and calendar files.
    pub go_live: Option<crate::calendar::GoLive>,
}

/// How many ports after a busy one are tried.
const PORT_TRIES: u16 = 20;

/// A preview that is built, watched and listening, ready to answer requests.
pub(crate) struct Server {
    pub preview: Arc<Preview>,
    /// The address it listens on (the port may differ from the one asked for).
    pub addr: SocketAddr,
    http: tiny_http::Server,
}

/// Builds the working copy, starts watching it and binds the port.
pub(crate) fn start(options: &ServeOptions) -> Result<Server, String> {
    let preview = Arc::new(Preview::new(
        &options.root,
        BuildOptions {
            drafts: options.drafts,
            go_live: options.go_live,
            ..BuildOptions::default()
        },
    ));
    crate::diagnostics::report::eprint_all(&preview.rebuild_safely(&[], false)?);
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}, which other machines can reach; the preview shows drafts\n  help: leave out --bind to serve on 127.0.0.1 only",
            options.bind
        );
    }
    let (http, addr) = bind(options.bind, options.port)?;
    if options.port != 0 && addr.port() != options.port {
        eprintln!(
            "port {} is in use; serving on port {} instead (choose one with --port)",
            options.port,
            addr.port()
        );
    }
    watch::spawn(preview.clone(), options.poll)?;
    Ok(Server {
        preview,
        addr,
        http,
    })
}

impl Server {
    /// Answers requests, each on a thread of its own, until the process is stopped.
    pub(crate) fn serve_forever(self) {
        let server_id = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
            .to_string();
        for request in self.http.incoming_requests() {
            let preview = self.preview.clone();
            let server_id = server_id.clone();
            std::thread::spawn(move || http::handle(&preview, request, &server_id));
        }
    }
}

/// Runs the preview until the process is stopped.
pub fn run(options: ServeOptions) -> Result<(), String> {
    let server = start(&options)?;
    let url = format!("http://{}/", server.addr);
    println!("serving {} at {url} (Ctrl-C stops)", options.root.display());
    if options.open {
        open_browser(&url);
    }
    server.serve_forever();
    Ok(())
}

/// Binds `port`, or the next free one when it is taken.
fn bind(ip: IpAddr, port: u16) -> Result<(tiny_http::Server, SocketAddr), String> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES)
    };
    let mut error = String::new();
    for p in port..=last {
        match tiny_http::Server::http(SocketAddr::new(ip, p)) {
            Ok(server) => {
                let addr = server
                    .server_addr()
                    .to_ip()
                    .unwrap_or(SocketAddr::new(ip, p));
                return Ok((server, addr));
            }
            Err(e) => error = e.to_string(),
        }
    }
    Err(format!(
        "cannot listen on {ip}:{port}: {error}\n  help: choose another port with --port"
    ))
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(command)
        .arg(url)
        .spawn()
        .is_err()
    {
        eprintln!("could not open a browser; open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::path::Path;
    use std::time::{Duration, Instant};

    use super::*;

    fn get(addr: SocketAddr, path: &str) -> String {
        get_with(addr, path, "")
    }

    /// The whole answer to a GET of `path` with extra `headers` (each line
    /// ending in CRLF).
    fn get_with(addr: SocketAddr, path: &str, headers: &str) -> String {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: x\r\n{headers}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut body = String::new();
        stream.read_to_string(&mut body).unwrap();
        body
    }

    fn eventually(what: &str, mut check: impl FnMut() -> bool) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if check() {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("timed out waiting for: {what}");
    }

    /// A copy of the kommune fixture to edit.
    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        crate::versions::release::copy_tree(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kommune"),
            dir.path(),
        )
        .unwrap();
        dir
    }

    /// A preview of `root` on a free port of 127.0.0.1.
    fn serve(root: &Path) -> Server {
        start(&ServeOptions {
            root: root.to_path_buf(),
            bind: "127.0.0.1".parse().unwrap(),
            port: 0,
            open: false,
            poll: false,
            drafts: true,
            go_live: None,
        })
        .unwrap()
    }

    /// The address of a preview of `root` answering requests in the background.
    fn serving(root: &Path) -> SocketAddr {
        let server = serve(root);
        let addr = server.addr;
        std::thread::spawn(move || server.serve_forever());
        addr
    }

    #[test]
    fn a_rebuild_that_panics_shows_an_overlay_and_the_next_save_is_served() {
        let dir = fixture();
        let server = serve(dir.path());
        let (preview, addr) = (server.preview.clone(), server.addr);
        std::thread::spawn(move || server.serve_forever());
        let page = "/om-haandbogen/";
        let first = get(addr, page);
        assert!(!first.contains("id=\"handbook-fejl\""), "{first}");

        let source = dir.path().join("content/om-haandbogen.md");
        let text = std::fs::read_to_string(&source).unwrap();
        *preview.panic_on.lock().unwrap() = Some("om-haandbogen.md".into());
        std::fs::write(&source, format!("{text}\nFørste-gemning.\n")).unwrap();
        eventually("the panic is caught", || preview.state().internal.is_some());
        let shown = get(addr, page);
        assert!(shown.starts_with("HTTP/1.1 200"), "{shown}");
        assert!(shown.contains("Intern fejl i handbook under genopbygning"));
        assert!(shown.contains("om-haandbogen.md"), "names the file");
        assert!(
            shown.contains("test panic in om-haandbogen.md"),
            "the message"
        );
        assert!(
            !shown.contains("Første-gemning"),
            "the last good page stays"
        );
        assert!(get(addr, "/__handbook/status").contains("\"internal\":true"));

        *preview.panic_on.lock().unwrap() = None;
        std::fs::write(&source, format!("{text}\nAnden-gemning.\n")).unwrap();
        eventually("the next save is served", || {
            get(addr, page).contains("Anden-gemning")
        });
        let shown = get(addr, page);
        assert!(
            !shown.contains("id=\"handbook-fejl\""),
            "the overlay is gone"
        );
        assert!(preview.state().internal.is_none());
    }

    /// While only content changes, a rebuild uses the theme it has; a change
    /// to the theme loads it afresh, and its new strings show.
    #[test]
    fn the_theme_is_loaded_again_only_when_it_may_have_changed() {
        let dir = fixture();
        let preview = Preview::new(dir.path(), crate::resolve::BuildOptions::default());
        let theme = || preview.state().snapshot.unwrap().theme.clone();
        preview.rebuild_safely(&[], false).unwrap();
        let first = theme();
        preview
            .rebuild_safely(&["om-haandbogen.md".into()], true)
            .unwrap();
        assert!(
            Arc::ptr_eq(&first, &theme()),
            "kept while only content changed"
        );

        let strings = dir.path().join("themes/default/strings");
        std::fs::create_dir_all(&strings).unwrap();
        std::fs::write(strings.join("da.yaml"), "search_title: Find i håndbogen\n").unwrap();
        preview.rebuild_safely(&[], false).unwrap();
        assert!(!Arc::ptr_eq(&first, &theme()), "loaded again");
        assert_eq!(theme().strings.get("search_title"), "Find i håndbogen");
    }

    /// Style sheets and scripts carry an ETag: asked again unchanged, the
    /// answer is a `304` without a body; pages are never kept.
    #[test]
    fn unchanged_assets_are_answered_not_modified() {
        let dir = fixture();
        let addr = serving(dir.path());
        let css = get(addr, "/assets/handbook.css");
        assert!(css.starts_with("HTTP/1.1 200"), "{css}");
        assert!(css.contains("Cache-Control: no-cache"), "{css}");
        let tag = css
            .lines()
            .find_map(|l| l.strip_prefix("ETag: "))
            .expect("an ETag")
            .to_string();
        let again = |tag: &str| {
            get_with(
                addr,
                "/assets/handbook.css",
                &format!("If-None-Match: {tag}\r\n"),
            )
        };
        assert!(again(&tag).starts_with("HTTP/1.1 304"));
        assert!(again("\"other\"").starts_with("HTTP/1.1 200"));
        assert!(get(addr, "/om-haandbogen/").contains("Cache-Control: no-store"));
    }

    /// A page links its assets with their fingerprints; asked for by that
    /// URL, an asset is kept for good (a reload does not ask again), by an
    /// old fingerprint it must be asked for again.
    #[test]
    fn assets_asked_for_by_fingerprint_are_kept() {
        let dir = fixture();
        let addr = serving(dir.path());
        let page = get(addr, "/om-haandbogen/");
        let href = page
            .split("href=\"")
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .find(|h| h.contains("handbook.css?v="))
            .expect("the style sheet's link");
        let url = href.replace("../", "/");
        let css = get(addr, &url);
        assert!(css.starts_with("HTTP/1.1 200"), "{css}");
        assert!(
            css.contains("Cache-Control: max-age=31536000, immutable"),
            "{css}"
        );
        let stale = get(addr, "/assets/handbook.css?v=00000000");
        assert!(stale.contains("Cache-Control: no-cache"), "{stale}");
    }
}
