//! `handbook serve` against a temporary copy of the kommune fixture: edits
//! appear, reload events arrive, bursts rebuild once, errors show in the page
//! while the last good page stays, and no request leaves the site.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::common::{fixture, write};

/// A running preview server, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
    _dir: TempDir,
    root: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(extra: &[&str]) -> Server {
    let dir = fixture("kommune");
    let root = dir.path().to_path_buf();
    start_in(dir, &root, extra)
}

fn start_in(dir: TempDir, root: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start handbook serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("read the serving line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server {
        child,
        addr,
        _dir: dir,
        root: root.to_path_buf(),
    }
}

/// A raw HTTP/1.1 request; returns (status, headers, body).
fn request(addr: &str, method: &str, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

fn get(server: &Server, path: &str) -> (u16, String) {
    let (status, _, body) = request(&server.addr, "GET", path);
    (status, body)
}

fn generation(server: &Server) -> u64 {
    let (_, body) = get(server, "/__handbook/status");
    body.split("\"generation\":")
        .nth(1)
        .and_then(|r| r.split([',', '}']).next())
        .and_then(|n| n.parse().ok())
        .unwrap()
}

/// Waits until `check` holds, or fails after 10 s.
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("timed out waiting for: {what}");
}

/// The first chapter page of the fixture and a phrase in it.
const PAGE: &str = "content/om-haandbogen.md";

fn page_url(server: &Server) -> String {
    let (status, _) = get(server, "/om-haandbogen/");
    assert_eq!(status, 200, "the fixture page is served");
    "/om-haandbogen/".to_string()
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} contains {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_edit_appears_and_a_reload_event_arrives() {
    let server = start(&[]);
    let url = page_url(&server);
    let mut reader = event_stream(&server.addr);
    edit(
        &server.root,
        PAGE,
        "Håndbogen beskriver",
        "Redigeret-i-testen. Håndbogen beskriver",
    );
    let mut line = String::new();
    while !line.starts_with("event: reload") {
        line.clear();
        reader
            .read_line(&mut line)
            .expect("a reload event after the save");
    }
    let (_, body) = get(&server, &url);
    assert!(body.contains("Redigeret-i-testen"), "the edit is served");
    assert!(
        body.contains("/__handbook/events"),
        "served pages carry the reload script"
    );
}

/// The build a served page shows, as its reload script names it.
fn served_build(page: &str) -> String {
    page.split("var served = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the reload script names its build")
        .to_string()
}

/// The `data:` of an event stream's `hello`.
fn hello_build(addr: &str) -> String {
    let mut reader = event_stream(addr);
    let mut line = String::new();
    reader.read_line(&mut line).expect("the hello data");
    line.trim()
        .strip_prefix("data: ")
        .expect("data line")
        .to_string()
}

#[test]
fn a_save_before_the_event_stream_opens_still_reloads_the_page() {
    // A page loaded at one build whose stream opens after the next rebuild:
    // the stream's hello names another build, so the page reloads itself.
    let server = start(&[]);
    let (_, page) = get(&server, "/om-haandbogen/");
    let before = served_build(&page);
    assert_eq!(hello_build(&server.addr), before, "same build: no reload");
    let seen = generation(&server);
    edit(
        &server.root,
        PAGE,
        "Håndbogen beskriver",
        "Gemt-tidligt. Håndbogen beskriver",
    );
    eventually("the rebuild", || generation(&server) > seen);
    let after = hello_build(&server.addr);
    assert_ne!(after, before, "the stream names the new build");
    let (_, page) = get(&server, "/om-haandbogen/");
    assert_eq!(
        served_build(&page),
        after,
        "a new page names the build it shows"
    );
    assert!(page.contains("if (e.data !== served) reload();"), "{page}");
}

#[test]
fn an_atomic_rename_save_is_seen() {
    let server = start(&[]);
    let url = page_url(&server);
    let path = server.root.join(PAGE);
    let text = std::fs::read_to_string(&path).unwrap();
    let tmp = server.root.join("content/.om-haandbogen.md.tmp1234");
    std::fs::write(
        &tmp,
        text.replacen(
            "Håndbogen beskriver",
            "Omdøbt-gemning. Håndbogen beskriver",
            1,
        ),
    )
    .unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    eventually("the renamed file's text is served", || {
        get(&server, &url).1.contains("Omdøbt-gemning")
    });
}

#[test]
fn two_hundred_files_changed_at_once_rebuild_once() {
    let _quiet = crate::common::cpu_heavy_lock();
    let server = start(&[]);
    let before = generation(&server);
    for i in 0..200 {
        write(
            &server.root,
            &format!("content/mange/side-{i:03}.md"),
            format!("---\ntitle: Side {i}\n---\n\nTekst {i}.\n"),
        );
    }
    eventually("the new pages are served", || {
        get(&server, "/mange/side-199/").0 == 200
    });
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        generation(&server),
        before + 1,
        "one rebuild for the whole burst"
    );
}

#[test]
fn a_broken_page_shows_the_overlay_and_the_old_page_stays() {
    let server = start(&[]);
    let url = page_url(&server);
    let good = get(&server, &url).1;
    assert!(!good.contains("role=\"alert\""));
    write(
        &server.root,
        "content/brudt.md",
        "---\ntitle: Brudt\nsummary: [ikke lukket\n---\n\nTekst.\n",
    );
    eventually("the overlay appears", || {
        get(&server, &url).1.contains("id=\"handbook-fejl\"")
    });
    let broken = get(&server, &url).1;
    assert!(broken.contains("role=\"alert\""));
    assert!(
        broken.contains("content/brudt.md:3:"),
        "the overlay names the file and line: {broken}"
    );
    // The page itself; its reload script names another build.
    let article = |html: &str| {
        let main = html.split("<main").nth(1).unwrap_or_default();
        main.split("</main>").next().unwrap_or_default().to_string()
    };
    assert_eq!(
        article(&broken),
        article(&good),
        "the last good page is still served"
    );
    std::fs::remove_file(server.root.join("content/brudt.md")).unwrap();
    eventually("the overlay goes away", || {
        !get(&server, &url).1.contains("id=\"handbook-fejl\"")
    });
}

#[test]
fn requests_never_leave_the_site() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("hemmelig.txt"), "HEMMELIGT").unwrap();
    let dir = fixture("kommune");
    let root = dir.path().to_path_buf();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("hemmelig.txt"),
        root.join("content/link.txt"),
    )
    .unwrap();
    let server = start_in(dir, &root, &[]);
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%5c..%5cetc%5cpasswd",
        "/assets/../../../../etc/passwd",
        "//etc/passwd",
        "/link.txt",
    ] {
        let (status, _, body) = request(&server.addr, "GET", path);
        assert!(
            status == 403 || status == 404 || status == 400,
            "{path} → {status}"
        );
        assert!(
            !body.contains("root:") && !body.contains("HEMMELIGT"),
            "{path} leaked a file"
        );
    }
}

#[test]
fn content_types_head_and_404() {
    let server = start(&[]);
    let (status, head, _) = request(&server.addr, "GET", "/assets/handbook.css");
    assert_eq!(status, 200);
    assert!(
        head.to_lowercase().contains("content-type: text/css"),
        "{head}"
    );
    let (status, head, body) = request(&server.addr, "HEAD", "/");
    assert_eq!(status, 200);
    assert!(head.to_lowercase().contains("content-type: text/html"));
    assert!(body.is_empty(), "HEAD has no body");
    let (status, body) = get(&server, "/findes-ikke/");
    assert_eq!(status, 404);
    assert!(body.contains("<h1"), "the 404 page is served");
    let (status, head, _) = request(&server.addr, "GET", "/roller");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /roller/"), "{head}");
}

#[test]
fn go_live_dates_the_preview_and_serves_the_calendar_files() {
    let server = start(&["--go-live", "2017-06-12"]);
    let (status, body) = get(&server, "/faser/klargoering/");
    assert_eq!(status, 200);
    assert!(body.contains("<span class=\"uge__dato\"> · 29. maj – 2. juni 2017 (uge 22)</span>"));
    let (status, head, body) = request(&server.addr, "GET", "/opgaver/konsulent/plan.ics");
    assert_eq!(status, 200);
    assert!(
        head.to_lowercase().contains("content-type: text/calendar"),
        "{head}"
    );
    assert!(body.starts_with("BEGIN:VCALENDAR\r\n"));
}

#[test]
fn a_busy_port_moves_to_the_next_free_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let dir = fixture("kommune");
    let root = dir.path().to_path_buf();
    let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let _ = child.wait();
    assert!(line.contains("http://127.0.0.1:"), "{line}");
    assert!(
        !line.contains(&format!(":{port}/")),
        "moved off the busy port: {line}"
    );
    assert!(
        stderr.contains(&format!("port {port} is in use")),
        "{stderr}"
    );
}

/// Opens a reload event stream and reads until its `hello`.
fn event_stream(addr: &str) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(stream, "GET /__handbook/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while !line.starts_with("event: hello") {
        line.clear();
        reader.read_line(&mut line).expect("the hello event");
    }
    reader
}

/// 30 damaged saves (seeded mutants of the handbook, `HANDBOOK_MUTATE_ROOT`
/// or the kommune fixture), each followed by a good save, with 50 event
/// streams open: every save is noticed, every good save is shown without an
/// overlay, and afterwards 200 parallel requests are all answered.
#[test]
fn thirty_damaged_saves_under_load() {
    let (dir, original) = crate::robust::damageable_copy();
    let root = dir.path().to_path_buf();
    let server = start_in(dir, &root, &[]);
    let mut streams: Vec<_> = (0..50).map(|_| event_stream(&server.addr)).collect();
    let front = "content/index.md";
    let front_text = String::from_utf8_lossy(original.bytes(front)).into_owned();
    let mut saves = 0;
    for index in 0.. {
        if saves == 30 {
            break;
        }
        let mutant = original.mutant(7, index);
        // A save the watcher ignores by design (an editor's backup file) is not a save.
        let seen = mutant
            .changes
            .iter()
            .any(|(rel, _)| !rel.split('/').any(handbook::is_ignored_name));
        if !seen {
            continue;
        }
        saves += 1;
        let before = generation(&server);
        original.apply(&mutant);
        eventually(
            &format!("damaged save {saves} ({}) is noticed", mutant.description),
            || generation(&server) > before,
        );
        let damaged = generation(&server);
        original.restore(&mutant);
        let marker = format!("God-gemning-{saves}");
        write(&root, front, format!("{front_text}\n{marker}\n"));
        eventually(&format!("good save {saves} is shown"), || {
            let (status, body) = get(&server, "/");
            status == 200
                && generation(&server) > damaged
                && body.contains(&marker)
                && !body.contains("id=\"handbook-fejl\"")
        });
    }
    let answers: Vec<_> = (0..200)
        .map(|k| {
            let addr = server.addr.clone();
            std::thread::spawn(move || {
                let path = [
                    "/",
                    "/__handbook/status",
                    "/assets/handbook.css",
                    "/sitemap.xml",
                ][k % 4];
                request(&addr, "GET", path).0
            })
        })
        .collect();
    let statuses: Vec<u16> = answers.into_iter().map(|t| t.join().unwrap()).collect();
    assert!(
        statuses.iter().all(|s| *s == 200),
        "every parallel request answered: {statuses:?}"
    );
    for stream in &mut streams {
        let mut line = String::new();
        while !line.starts_with("event: reload") {
            line.clear();
            stream
                .read_line(&mut line)
                .expect("the stream is still open");
        }
    }
}
