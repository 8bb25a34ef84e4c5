//! What the preview adds to served pages (never to `build` output): the
//! live-reload script and, while the sources have errors or the last rebuild
//! failed inside handbook, an overlay listing them.

use crate::diagnostics::Diagnostic;
use crate::diagnostics::internal::InternalError;
use crate::diagnostics::report;
use crate::render::markdown::escape;
use crate::render::theme::Strings;

/// Reconnects by itself (EventSource), reloads on `reload` or when the
/// stream's `hello` names another build than the page shows (a rebuild while
/// the page loaded, or a restarted server), and keeps the scroll position of
/// the same page. `__SERVED__` stands for the build the page shows.
const SCRIPT: &str = r#"<script>
(function () {
  var key = "handbook-scroll:" + location.pathname;
  var y = sessionStorage.getItem(key);
  if (y !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, +y); });
  }
  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }
  var served = "__SERVED__";
  var events = new EventSource("/__handbook/events");
  events.addEventListener("hello", function (e) {
    if (e.data !== served) reload();
  });
  events.addEventListener("reload", reload);
  var overlay = document.getElementById("handbook-fejl");
  if (overlay) overlay.focus();
})();
</script>
"#;

/// What the overlay shows: the content errors of the last good rebuild and
/// the panic that stopped the last rebuild, if one did.
#[derive(Clone, Copy)]
pub(crate) struct Problems<'a> {
    pub errors: &'a [Diagnostic],
    pub internal: Option<&'a InternalError>,
}

/// The overlay with every problem, or nothing when there are none.
pub(crate) fn overlay(problems: Problems, strings: &Strings) -> String {
    let section = |title: &str, intro: &str, items: &[String]| {
        let list: String = items
            .iter()
            .map(|item| format!("<li><pre>{}</pre></li>", escape(item)))
            .collect();
        format!(
            "<h2 style=\"margin:0 0 .25rem;font-size:1.25rem;color:#b00020\">{}</h2><p style=\"margin:0 0 .5rem\">{}</p>\
<ul style=\"list-style:none;margin:0 0 1rem;padding:0\">{list}</ul>",
            escape(title),
            escape(intro)
        )
    };
    let mut sections = String::new();
    if let Some(e) = problems.internal {
        let mut text = String::new();
        if let Some(file) = &e.file {
            text = format!(
                "{}: {}\n",
                strings.get("preview_internal_file"),
                crate::diagnostics::display_path(file)
            );
        }
        text.push_str(&e.message);
        sections.push_str(&section(
            &strings.get("preview_internal_title"),
            &strings.get("preview_internal_intro"),
            &[text],
        ));
    }
    if !problems.errors.is_empty() {
        sections.push_str(&section(
            &strings.get("preview_errors_title"),
            &strings.get("preview_errors_intro"),
            &report::plain(problems.errors),
        ));
    }
    if sections.is_empty() {
        return String::new();
    }
    format!(
        "<div id=\"handbook-fejl\" role=\"alert\" tabindex=\"-1\" lang=\"da\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;background:#fff;color:#1a1a1a;border-top:6px solid #b00020;box-shadow:0 -4px 16px rgba(0,0,0,.35);padding:1rem 1.5rem;font:16px/1.5 system-ui,sans-serif\">\
{sections}<style>#handbook-fejl pre{{white-space:pre-wrap;margin:.25rem 0;font:14px/1.4 ui-monospace,monospace}}#handbook-fejl:focus{{outline:3px solid #ffbf47}}</style></div>\n"
    )
}

/// The live-reload script of a page that shows the build `served`
/// (`<server id>/<generation>`, as the event stream's `hello` says it).
fn script(served: &str) -> String {
    let served: String = served
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '-')
        .collect();
    SCRIPT.replace("__SERVED__", &served)
}

/// A served HTML page with the overlay after `<body ...>` and the script before
/// `</body>`; `served` names the build the page shows (see [`script`]).
pub(crate) fn into_page(
    html: &[u8],
    problems: Problems,
    strings: &Strings,
    served: &str,
) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let overlay = overlay(problems, strings);
    let script = script(served);
    let body_open = text
        .find("<body")
        .and_then(|i| text[i..].find('>').map(|j| i + j + 1));
    let body_close = text.rfind("</body>");
    let mut out = String::with_capacity(text.len() + overlay.len() + script.len());
    match (body_open, body_close) {
        (Some(open), Some(close)) if open <= close => {
            out.push_str(&text[..open]);
            out.push_str(&overlay);
            out.push_str(&text[open..close]);
            out.push_str(&script);
            out.push_str(&text[close..]);
        }
        _ => {
            out.push_str(&overlay);
            out.push_str(&text);
            out.push_str(&script);
        }
    }
    out.into_bytes()
}

/// A page for when nothing could be built at all (not even the theme loaded,
/// so the default theme's strings are used).
pub(crate) fn error_page(problems: Problems, served: &str) -> String {
    let strings = Strings::built_in();
    let title = escape(&strings.get(if problems.internal.is_some() {
        "preview_internal_title"
    } else {
        "preview_errors_title"
    }));
    let overlay = overlay(problems, &strings);
    format!(
        "<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>{overlay}<main><h1>{title}</h1></main>{}</body></html>",
        script(served)
    )
}
