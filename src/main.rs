//! The `handbook` command line: parses arguments, runs a command, maps the
//! result to an exit code (0 success, 1 content errors, 2 usage, I/O or
//! internal errors).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use handbook::{
    BuildOptions, Fatal, GoLive, InternalError, Outcome, Publish, ReleaseError, ReleaseOptions,
};

#[derive(Parser)]
#[command(
    name = "handbook",
    version,
    about = "Build implementation handbooks into navigable websites"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: <root>/public).
    #[command(
        after_help = "Examples:\n  handbook build --root my-handbook --strict\n  handbook build --pdf --zip --base-url https://org.github.io/handbog/"
    )]
    Build {
        /// The handbook folder (holds handbook.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder; replaced as a whole when the build succeeds.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include pages with `status: draft`.
        #[arg(long)]
        drafts: bool,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// The public URL of the site, for sitemap.xml and feed.xml (overrides handbook.yaml).
        #[arg(long)]
        base_url: Option<String>,
        /// The go-live date, YYYY-MM-DD: prints every week as dates and writes
        /// the calendar files (overrides go_live.date of handbook.yaml).
        #[arg(long, value_name = "DATE", value_parser = parse_go_live)]
        go_live: Option<GoLive>,
        /// Also write the whole handbook as a PDF in every version's folder
        /// (haandbog.pdf); needs Chromium or Google Chrome (HANDBOOK_CHROMIUM).
        #[arg(long)]
        pdf: bool,
        /// Also write every version as a zip file that works offline from
        /// file:// after unzipping (haandbog-<version>.zip).
        #[arg(long)]
        zip: bool,
        /// Print where the time went: load, resolve, render, search index, write.
        #[arg(long)]
        timings: bool,
    },
    /// Validate the handbook like `build`, but write nothing.
    #[command(after_help = "Example:\n  handbook check --root my-handbook --strict")]
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// Check drafts too.
        #[arg(long)]
        drafts: bool,
        /// Print where the time went: load, resolve, render, search index.
        #[arg(long)]
        timings: bool,
    },
    /// Preview the handbook with live reload; errors show in the browser.
    #[command(after_help = "Example:\n  handbook serve --root my-handbook --open")]
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on; anything but loopback lets other machines in.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port (0: any free port); a busy port moves to the next free one.
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
        /// Show drafts (the default in serve; kept for symmetry with build).
        #[arg(long, default_value_t = true)]
        drafts: bool,
        /// Poll for changes instead of native file events (network drives, containers).
        #[arg(long)]
        poll: bool,
        /// The go-live date, YYYY-MM-DD, as for build.
        #[arg(long, value_name = "DATE", value_parser = parse_go_live)]
        go_live: Option<GoLive>,
    },
    /// Release the working copy as a numbered version (snapshot in versions/<version>/).
    #[command(
        after_help = "Example:\n  handbook release 1.0 --date 2016-09-21 --notes \"Første udgave.\""
    )]
    Release {
        /// The version number, e.g. 1.0 or 2.1.
        version: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The release date, YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
        /// What changed, for the version history and the feed.
        #[arg(long)]
        notes: Option<String>,
    },
    /// Create a page of a type with its front matter skeleton.
    #[command(
        after_help = "Example:\n  handbook new rolle \"Lokal KY-træner\"\n  handbook new fase \"Klargøring\" --root my-handbook"
    )]
    New {
        /// The page type: fase, rolle, vejledning, skabelon, uddannelse, laesevejledning or side
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(page_types()))]
        kind: String,
        /// The page title; the file name is its slug.
        title: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write JSON Schemas of handbook.yaml and of each page type's front matter, for editors.
    #[command(
        after_help = "Example:\n  handbook schema --root my-handbook\n  handbook schema --out schemas"
    )]
    Schema {
        /// A handbook whose own ids (roles, phases, ...) the schemas offer as completions.
        #[arg(long)]
        root: Option<PathBuf>,
        /// The folder to write to (default: <root>/schemas, or ./schemas without --root).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Create a minimal handbook that builds without warnings.
    #[command(
        after_help = "Example:\n  handbook init my-handbook && handbook build --root my-handbook"
    )]
    Init {
        /// The folder to create (must be empty or not exist).
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A panic is a bug in handbook, never the content's fault: say so, name
    // the file being processed, and keep to the documented exit codes.
    std::panic::catch_unwind(|| run(cli)).unwrap_or_else(|payload| {
        eprintln!(
            "error: {}\n  help: this is a bug in handbook; please report it with the file named above",
            InternalError::from_panic(payload)
        );
        ExitCode::from(2)
    })
}

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build {
            root,
            out,
            drafts,
            strict,
            base_url,
            go_live,
            pdf,
            zip,
            timings,
        } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let options = BuildOptions {
                drafts,
                base_url,
                go_live,
                publish: Publish { pdf, zip },
            };
            finish(
                handbook::run(&root, Some(&out), options, strict),
                Some(&out),
                timings,
            )
        }
        Command::Check {
            root,
            strict,
            drafts,
            timings,
        } => finish(
            handbook::run(
                &root,
                None,
                BuildOptions {
                    drafts,
                    ..BuildOptions::default()
                },
                strict,
            ),
            None,
            timings,
        ),
        Command::Serve {
            root,
            bind,
            port,
            open,
            drafts,
            poll,
            go_live,
        } => report(handbook::serve(handbook::ServeOptions {
            root,
            bind,
            port,
            open,
            poll,
            drafts,
            go_live,
        })),
        Command::Release {
            version,
            root,
            date,
            notes,
        } => {
            let options = ReleaseOptions {
                root,
                version,
                date,
                notes,
            };
            match handbook::release(&options) {
                Ok(path) => {
                    println!("released {} into {}", options.version, path.display());
                    ExitCode::SUCCESS
                }
                Err(ReleaseError::Content(errors)) => {
                    eprintln!(
                        "failed: {errors} error{}; nothing was released",
                        plural(errors)
                    );
                    ExitCode::from(1)
                }
                Err(ReleaseError::Usage(e)) => report(Err(e)),
            }
        }
        Command::New { kind, title, root } => {
            report(handbook::new_page(&root, &kind, &title).map(|path| {
                println!("created {}", path.display());
            }))
        }
        Command::Schema { root, out } => {
            let out = out.unwrap_or_else(|| {
                root.as_deref()
                    .unwrap_or(Path::new("."))
                    .join(handbook::SCHEMA_DIR)
            });
            report(handbook::write_schemas(root.as_deref(), &out).map(|files| {
                println!("wrote {} schemas into {}", files.len(), out.display());
            }))
        }
        Command::Init { dir } => report(handbook::init(&dir).map(|()| {
            println!(
                "created a handbook in {}\n  next: handbook build --root {}",
                dir.display(),
                dir.display()
            );
        })),
    }
}

/// Prints the diagnostics and the summary line of a build or check.
/// With `timings`, the time of each stage follows.
fn finish(result: Result<Outcome, Fatal>, out: Option<&Path>, timings: bool) -> ExitCode {
    let code = ExitCode::from(handbook::exit_code(&result));
    let outcome = match result {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return code;
        }
    };
    handbook::eprint_all(&outcome.diagnostics);
    summarise(&outcome, out);
    if timings {
        println!("{}", outcome.timings);
    }
    code
}

/// The last line of a build or check: what was made, or that it failed.
fn summarise(outcome: &Outcome, out: Option<&Path>) {
    let (errors, warnings) = (outcome.errors(), outcome.warnings());
    if outcome.failed {
        eprintln!(
            "failed: {errors} error{}, {warnings} warning{}{}",
            plural(errors),
            plural(warnings),
            if out.is_some() {
                "; the previous output was left as it was"
            } else {
                ""
            }
        );
        return;
    }
    let ms = outcome.elapsed.as_secs_f64() * 1000.0;
    let files = match outcome.written {
        Some(w) if w == Default::default() => "; the output was up to date".to_string(),
        Some(w) => format!(
            "; {} file{} written, {} unchanged, {} removed",
            w.changed,
            plural(w.changed),
            w.unchanged,
            w.removed
        ),
        None => String::new(),
    };
    match out {
        Some(out) => println!(
            "built {} pages and {} attachments into {} ({warnings} warning{}) in {ms:.0} ms{files}",
            outcome.pages,
            outcome.attachments,
            out.display(),
            plural(warnings)
        ),
        None => println!(
            "checked {} pages ({warnings} warning{}) in {ms:.0} ms",
            outcome.pages,
            plural(warnings)
        ),
    }
}

fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// `--go-live 2017-06-12`.
fn parse_go_live(text: &str) -> Result<GoLive, String> {
    GoLive::parse(text).ok_or_else(|| format!("'{text}' is not a date like 2017-06-12"))
}

/// The page types `handbook new` writes: the names of the schema tables.
fn page_types() -> Vec<&'static str> {
    handbook::page_schemas().iter().map(|p| p.name).collect()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
