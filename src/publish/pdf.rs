//! The whole handbook as one PDF: `/print/` printed by Chromium in passes
//! until the page numbers in its contents hold (Chromium has no CSS
//! `target-counter()`), then finished with lopdf: the title in the document
//! information, the release date as its only date, the tags named the same
//! in every run (`tags`), and links to the site's
//! pages pointing at the published site instead of the folder it was printed from.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use lopdf::{Dictionary, Document, Object, ObjectId};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use super::chromium::Chromium;
use super::tags;
use crate::render::Renderer;
use crate::render::print::PageNumbers;

/// The file name of the print source, beside `print/index.html` so its relative links hold.
const SOURCE: &str = ".haandbog-pdf.html";

/// Passes after which the page numbers are taken as they are (they settle in two or three).
const MAX_PASSES: usize = 4;

/// Characters a URI in the PDF escapes (URIs in a PDF are 7-bit ASCII).
const URI_ESCAPES: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'(')
    .add(b')')
    .add(b'\\');

/// What the finished PDF says about itself and where its links point.
#[derive(Debug, Clone)]
pub(crate) struct PdfMeta {
    /// The document title: "Implementeringshåndbog for KY, version 1.0".
    pub title: String,
    /// The release date (`2016-09-21`): the document's only date.
    pub date: Option<String>,
    /// The URL the version is published at (`https://example.org/ky/1.0/`);
    /// without it, links to the site's pages are relative to the PDF's place.
    pub base: Option<String>,
}

/// Prints the handbook of `renderer`, whose site (with file links) is
/// written to `site_dir`, and returns the finished PDF. `work` holds the
/// passes and the browser's profile.
pub(crate) fn make(
    renderer: &Renderer,
    site_dir: &Path,
    work: &Path,
    chromium: &Chromium,
    meta: &PdfMeta,
) -> Result<Vec<u8>, String> {
    let source = site_dir.join("print").join(SOURCE);
    let pass = work.join("pass.pdf");
    let profile = work.join("chromium-profile");
    let mut numbers = PageNumbers::new();
    let mut doc = None;
    let mut html = String::new();
    for _ in 0..MAX_PASSES {
        html = renderer
            .pdf_document(&numbers)
            .ok_or("the print view could not be rendered (see the errors above)")?;
        fs::write(&source, &html).map_err(|e| format!("cannot write {}: {e}", source.display()))?;
        chromium.print(&source, &pass, &profile)?;
        let bytes = fs::read(&pass).map_err(|e| format!("cannot read the PDF: {e}"))?;
        let printed = Document::load_mem(&bytes).map_err(|e| {
            format!(
                "{} wrote a PDF that cannot be read: {e}",
                chromium.program().display()
            )
        })?;
        let found = destination_pages(&printed);
        let settled = found == numbers;
        numbers = found;
        doc = Some(printed);
        if settled {
            break;
        }
    }
    let _ = fs::remove_file(&source);
    let _ = fs::remove_dir_all(&profile);
    let mut doc = doc.ok_or("no PDF was printed")?;
    let site_dir = site_dir
        .canonicalize()
        .unwrap_or_else(|_| site_dir.to_path_buf());
    finish(&mut doc, meta, &site_dir);
    repair_outline(&mut doc, &heading_texts(&html));
    tags::renumber_ids(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| format!("cannot write the PDF: {e}"))?;
    Ok(out)
}

/// The page (1-based) of each named destination: the element ids that
/// Chromium writes for the targets of links inside the document.
pub(crate) fn destination_pages(doc: &Document) -> PageNumbers {
    let pages: HashMap<ObjectId, usize> = doc
        .get_pages()
        .into_iter()
        .map(|(n, id)| (id, n as usize))
        .collect();
    let mut out = PageNumbers::new();
    let Some(dests) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Dests").ok())
        .and_then(|d| deref(doc, d).as_dict().ok())
    else {
        return out;
    };
    for (name, value) in dests.iter() {
        let target = match deref(doc, value) {
            Object::Array(a) => Some(a),
            Object::Dictionary(d) => d.get(b"D").ok().and_then(|d| d.as_array().ok()),
            _ => None,
        };
        let page = target
            .and_then(|a| a.first())
            .and_then(|p| p.as_reference().ok())
            .and_then(|id| pages.get(&id));
        if let Some(page) = page {
            out.insert(String::from_utf8_lossy(name).into_owned(), *page);
        }
    }
    out
}

/// An object with a reference followed.
fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map_or(object, |(_, o)| o)
}

/// Makes the printed PDF the same for the same content: the title and the
/// release date in the document information (no time of printing, no file
/// identifier), and links to files of the printed site rewritten by [`site_link`].
fn finish(doc: &mut Document, meta: &PdfMeta, site_dir: &Path) {
    doc.trailer.remove(b"ID");
    let info_id = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|i| i.as_reference().ok());
    let mut info = info_id
        .and_then(|id| doc.get_dictionary(id).ok().cloned())
        .unwrap_or_default();
    info.set("Title", lopdf::text_string(&meta.title));
    info.set("Creator", Object::string_literal("handbook"));
    info.remove(b"CreationDate");
    info.remove(b"ModDate");
    if let Some(date) = meta.date.as_deref().and_then(pdf_date) {
        info.set("CreationDate", Object::string_literal(date.clone()));
        info.set("ModDate", Object::string_literal(date));
    }
    match info_id {
        Some(id) => {
            doc.objects.insert(id, Object::Dictionary(info));
        }
        None => {
            let id = doc.add_object(Object::Dictionary(info));
            doc.trailer.set("Info", Object::Reference(id));
        }
    }
    let rewrite = |uri: &str| site_link(uri, site_dir, meta.base.as_deref());
    for object in doc.objects.values_mut() {
        fix_links(object, &rewrite);
    }
}

/// Chromium joins the lines of a wrapped heading without a space in the
/// outline ("forBorgerportalen"): each outline title that is a heading of
/// the document but for its spaces gets the heading's text back.
fn repair_outline(doc: &mut Document, headings: &[String]) {
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
            .collect()
    };
    let by_letters: HashMap<String, &String> = headings.iter().map(|h| (squeeze(h), h)).collect();
    for object in doc.objects.values_mut() {
        let Object::Dictionary(item) = object else {
            continue;
        };
        if !item.has(b"Parent") {
            continue;
        }
        let Some(title) = item
            .get(b"Title")
            .ok()
            .and_then(|t| lopdf::decode_text_string(t).ok())
        else {
            continue;
        };
        if let Some(heading) = by_letters.get(&squeeze(&title))
            && **heading != title
        {
            item.set("Title", lopdf::text_string(heading));
        }
    }
}

/// The text of every heading (`<h1>` to `<h6>`) of an HTML page, without
/// soft hyphens.
fn heading_texts(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        rest = &rest[at + 2..];
        let Some(level) = rest.chars().next().filter(|c| ('1'..='6').contains(c)) else {
            continue;
        };
        let Some(end) = rest.find(&format!("</h{level}>")) else {
            break;
        };
        let inner = rest[..end].split_once('>').map_or("", |(_, t)| t);
        let text = crate::render::tables::text_of(inner)
            .replace('\u{ad}', "")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&amp;", "&");
        out.push(text);
        rest = &rest[end..];
    }
    out
}

/// What becomes of a link's URI in the finished PDF.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum LinkFix {
    /// Not a file of the printed site: left as it is.
    Keep,
    /// A page or file of the site: its place on the published site.
    Replace(String),
    /// Another file of the machine that printed it: no link.
    Drop,
}

/// Rewrites a `file://` URI into the printed site (`site_dir`) as the
/// published URL: absolute under `base`, else relative to the PDF, which
/// lies at the version's root. A folder's `index.html` becomes the folder.
pub(crate) fn site_link(uri: &str, site_dir: &Path, base: Option<&str>) -> LinkFix {
    let Some(rest) = uri.strip_prefix("file://") else {
        return LinkFix::Keep;
    };
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let (path, fragment) = match rest.split_once('#') {
        Some((p, f)) => (p, format!("#{f}")),
        None => (rest, String::new()),
    };
    let path = crate::percent::decode_lossy(path);
    // file:///C:/x on Windows.
    let path = match path.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() => path[1..].to_string(),
        _ => path,
    };
    let Ok(rel) = PathBuf::from(&path)
        .strip_prefix(site_dir)
        .map(Path::to_path_buf)
    else {
        return LinkFix::Drop;
    };
    let mut rel: String = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    if rel == "index.html" {
        rel.clear();
    } else if let Some(folder) = rel.strip_suffix("/index.html") {
        rel = format!("{folder}/");
    }
    let rel = utf8_percent_encode(&rel, URI_ESCAPES).to_string();
    LinkFix::Replace(match base {
        Some(base) => format!("{}/{rel}{fragment}", base.trim_end_matches('/')),
        None if rel.is_empty() => format!("./{fragment}"),
        None => format!("{rel}{fragment}"),
    })
}

/// Applies `rewrite` to every URI action in an object: in a link's `/A`, or
/// an action object of its own.
fn fix_links(object: &mut Object, rewrite: &dyn Fn(&str) -> LinkFix) {
    match object {
        Object::Dictionary(dict) => fix_dict(dict, rewrite),
        Object::Array(items) => items.iter_mut().for_each(|o| fix_links(o, rewrite)),
        Object::Stream(stream) => fix_dict(&mut stream.dict, rewrite),
        _ => {}
    }
}

fn fix_dict(dict: &mut Dictionary, rewrite: &dyn Fn(&str) -> LinkFix) {
    let fix_of = |action: &Dictionary| {
        action
            .get(b"URI")
            .ok()
            .and_then(|u| u.as_str().ok())
            .map(|u| rewrite(&String::from_utf8_lossy(u)))
    };
    if let Ok(Object::Dictionary(action)) = dict.get(b"A")
        && fix_of(action) == Some(LinkFix::Drop)
    {
        dict.remove(b"A");
    }
    match fix_of(dict) {
        Some(LinkFix::Replace(uri)) => dict.set("URI", Object::string_literal(uri)),
        Some(LinkFix::Drop) => dict.set("URI", Object::string_literal("")),
        _ => {}
    }
    for (_, value) in dict.iter_mut() {
        fix_links(value, rewrite);
    }
}

/// `2016-09-21` as a PDF date, `D:20160921000000Z`.
fn pdf_date(iso: &str) -> Option<String> {
    let b = iso.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shaped.then(|| format!("D:{}{}{}000000Z", &iso[..4], &iso[5..7], &iso[8..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_into_the_printed_site_point_at_the_published_site() {
        let dir = Path::new("/tmp/arbejde/site");
        let fix = |uri: &str, base| site_link(uri, dir, base);
        assert_eq!(fix("https://kombit.dk/", None), LinkFix::Keep);
        assert_eq!(
            fix("file:///tmp/arbejde/site/roller/index.html#ansvar", None),
            LinkFix::Replace("roller/#ansvar".into())
        );
        assert_eq!(
            fix("file:///tmp/arbejde/site/index.html", None),
            LinkFix::Replace("./".into())
        );
        assert_eq!(
            fix(
                "file:///tmp/arbejde/site/skabeloner/m%C3%A5l%20plan.docx",
                Some("https://example.org/ky/1.0/")
            ),
            LinkFix::Replace("https://example.org/ky/1.0/skabeloner/m%C3%A5l%20plan.docx".into())
        );
        assert_eq!(
            fix("file:///home/redaktoer/hemmelig.docx", None),
            LinkFix::Drop
        );
    }

    #[test]
    fn headings_are_read_with_their_text() {
        let html = "<header><h1>Implementeringshåndbog for\nBorgerportalen</h1></header>\
            <h2 id=\"x\"><span class=\"nr\">2</span> Drift &amp; for\u{ad}ankring</h2><hr><h7>x</h7>";
        assert_eq!(
            heading_texts(html),
            [
                "Implementeringshåndbog for Borgerportalen",
                "2 Drift & forankring"
            ]
        );
    }

    #[test]
    fn the_release_date_is_a_pdf_date() {
        assert_eq!(pdf_date("2016-09-21").as_deref(), Some("D:20160921000000Z"));
        assert_eq!(pdf_date("21.09.2016"), None);
    }
}
