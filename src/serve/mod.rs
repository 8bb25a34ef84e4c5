//! `handbook serve`: a live preview. Builds the working copy in memory,
//! serves it with tiny_http (one thread per request), watches the sources and
//! reloads every open tab after each rebuild; errors show in the page.

pub mod http;
pub mod inject;
pub mod state;
pub mod watch;

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
}

/// How many ports after a busy one are tried.
const PORT_TRIES: u16 = 20;

/// Runs the preview until the process is stopped.
pub fn run(options: ServeOptions) -> Result<(), String> {
    let preview = Arc::new(Preview::new(
        &options.root,
        BuildOptions {
            drafts: options.drafts,
            ..BuildOptions::default()
        },
    ));
    for d in preview.rebuild(&[])? {
        eprintln!("{d}");
    }
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}, which other machines can reach; the preview shows drafts\n  help: leave out --bind to serve on 127.0.0.1 only",
            options.bind
        );
    }
    let (server, addr) = bind(options.bind, options.port)?;
    if options.port != 0 && addr.port() != options.port {
        eprintln!(
            "port {} is in use; serving on port {} instead (choose one with --port)",
            options.port,
            addr.port()
        );
    }
    let url = format!("http://{addr}/");
    println!("serving {} at {url} (Ctrl-C stops)", options.root.display());
    watch::spawn(preview.clone(), options.poll)?;
    if options.open {
        open_browser(&url);
    }
    let server_id = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
        .to_string();
    for request in server.incoming_requests() {
        let preview = preview.clone();
        let server_id = server_id.clone();
        std::thread::spawn(move || http::handle(&preview, request, &server_id));
    }
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
