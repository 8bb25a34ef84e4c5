//! The browser that prints the PDF: Chromium (or Google Chrome, Edge), found
//! on the machine and run headless, one process per print with its own
//! throw-away profile and a time limit.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// `HANDBOOK_CHROMIUM`: the browser to use, a path or a program name.
pub(crate) const ENV_PROGRAM: &str = "HANDBOOK_CHROMIUM";
/// `HANDBOOK_CHROMIUM_TIMEOUT`: seconds one print may take (default 600).
pub(crate) const ENV_TIMEOUT: &str = "HANDBOOK_CHROMIUM_TIMEOUT";

/// Program names looked up on `PATH`, in this order.
const NAMES: [&str; 7] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "msedge",
];

/// Where the installers put the browsers on macOS and Windows (not on `PATH`).
const APP_PATHS: [&str; 5] = [
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
];

/// The error when no browser is found: what is missing and how to get it.
const NOT_FOUND: &str = "--pdf needs Chromium (or Google Chrome) to print the handbook, and none was found
  help: install Chromium and build again:
          Debian, Ubuntu: sudo apt-get install chromium
          Fedora:         sudo dnf install chromium
          macOS:          brew install --cask chromium
          Windows:        install Google Chrome
        or set HANDBOOK_CHROMIUM to the browser's program
  note: looked on PATH for chromium, chromium-browser, google-chrome, google-chrome-stable, chrome, microsoft-edge and msedge";

/// Characters a `file://` URL path escapes.
const PATH_ESCAPES: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// A browser that can print to PDF.
#[derive(Debug, Clone)]
pub(crate) struct Chromium {
    program: PathBuf,
    timeout: Duration,
}

impl Chromium {
    /// Finds the browser: `HANDBOOK_CHROMIUM`, else the usual names on
    /// `PATH`, else the usual install folders. The error says how to install one.
    pub(crate) fn find() -> Result<Chromium, String> {
        let timeout = match env::var(ENV_TIMEOUT) {
            Ok(s) => s.trim().parse::<u64>().map_err(|_| {
                format!("{ENV_TIMEOUT}='{s}' is not a number of seconds\n  help: unset it, or write e.g. {ENV_TIMEOUT}=900")
            })?,
            Err(_) => 600,
        };
        let timeout = Duration::from_secs(timeout.max(1));
        if let Some(wanted) = env::var_os(ENV_PROGRAM).filter(|s| !s.is_empty()) {
            let wanted = PathBuf::from(wanted);
            let program = if wanted.components().count() > 1 {
                is_program(&wanted).then_some(wanted.clone())
            } else {
                on_path(&wanted.to_string_lossy())
            };
            return program
                .map(|program| Chromium { program, timeout })
                .ok_or_else(|| {
                    format!(
                        "{ENV_PROGRAM} is set to '{}', which is not a program\n  help: point it at Chromium or Google Chrome, or unset it to search PATH",
                        wanted.display()
                    )
                });
        }
        NAMES
            .iter()
            .find_map(|name| on_path(name))
            .or_else(|| APP_PATHS.iter().map(PathBuf::from).find(|p| is_program(p)))
            .map(|program| Chromium { program, timeout })
            .ok_or_else(|| NOT_FOUND.to_string())
    }

    /// The browser's program.
    pub(crate) fn program(&self) -> &Path {
        &self.program
    }

    /// Prints the page `html` to `pdf` (A4 and margins from the page's CSS,
    /// an outline from its headings, tagged), with a fresh profile in
    /// `profile`, so a browser the user has open is never touched.
    pub(crate) fn print(&self, html: &Path, pdf: &Path, profile: &Path) -> Result<(), String> {
        let _ = fs::remove_file(pdf);
        fs::create_dir_all(profile).map_err(|e| format!("cannot prepare the browser: {e}"))?;
        let log_path = profile.join("chromium.log");
        let log =
            fs::File::create(&log_path).map_err(|e| format!("cannot prepare the browser: {e}"))?;
        let mut child = Command::new(&self.program)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-default-apps",
                "--disable-extensions",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check",
                "--mute-audio",
                "--no-pdf-header-footer",
                "--generate-pdf-document-outline",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(file_url(html))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.program.display()))?;
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() > self.timeout => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!(
                        "{} did not finish printing within {} s\n  help: a very long handbook may need more time: set {ENV_TIMEOUT} (seconds)",
                        self.program.display(),
                        self.timeout.as_secs()
                    ));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
                Err(e) => return Err(format!("cannot wait for the browser: {e}")),
            }
        };
        let printed = fs::metadata(pdf).is_ok_and(|m| m.len() > 0);
        if status.success() && printed {
            return Ok(());
        }
        let log = fs::read_to_string(&log_path).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(8).collect();
        Err(format!(
            "{} could not print the handbook ({status})\n{}",
            self.program.display(),
            tail.into_iter()
                .rev()
                .map(|l| format!("  | {l}"))
                .collect::<Vec<_>>()
                .join("\n")
        ))
    }
}

/// The `file://` URL of an absolute path.
pub(crate) fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let text = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    format!("file://{}", utf8_percent_encode(&text, PATH_ESCAPES))
}

/// A program by name on `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path).find_map(|dir| {
        let candidate = dir.join(name);
        if is_program(&candidate) {
            return Some(candidate);
        }
        let exe = dir.join(format!("{name}.exe"));
        (cfg!(windows) && is_program(&exe)).then_some(exe)
    })
}

/// A file that can be run.
fn is_program(path: &Path) -> bool {
    let Ok(meta) = fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_what_a_url_cannot_hold() {
        assert_eq!(
            file_url(Path::new("/tmp/Min håndbog/print/#x.html")),
            "file:///tmp/Min%20h%C3%A5ndbog/print/%23x.html"
        );
        assert_eq!(
            file_url(Path::new(r"C:\a b\x.html")),
            "file:///C:/a%20b/x.html"
        );
    }
}
