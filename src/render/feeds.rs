//! Machine-read outputs and copies: alias redirects, `sitemap.xml`,
//! `feed.xml` (Atom, one entry per release) and the site's `static/` files.

use tera::Context;

use super::markdown::escape;
use super::{Output, OutputFile, Renderer};
use crate::model::PageId;
use crate::resolve::refs::alias_url;

/// Every alias as (output path, page, folder of the redirect page).
pub(crate) fn aliases(r: &Renderer) -> Vec<(String, PageId, String)> {
    let site = r.site;
    let mut list = Vec::new();
    for (i, page) in site.pages_with_ids() {
        for alias in &page.meta.aliases {
            let local = alias_url(&alias.value);
            // A version's copy of the old URL lies in the version's folder.
            if local.is_empty() || site.by_url.contains_key(&local) {
                continue;
            }
            let url = format!("{}{local}", r.prefix);
            let (folder, path) = match url.strip_suffix('/') {
                Some(_) => (url.clone(), format!("{url}index.html")),
                None => (
                    url.rsplit_once('/')
                        .map_or(String::new(), |(f, _)| format!("{f}/")),
                    url.clone(),
                ),
            };
            list.push((path, i, folder));
        }
    }
    list
}

/// The redirect page in `folder` that sends readers to page `index`.
pub(crate) fn redirect(r: &Renderer, index: PageId, folder: &str) -> Option<String> {
    let linker = r.linker(folder.to_string());
    let target = r.site.target_of(index);
    let mut ctx = Context::new();
    ctx.insert("title", &linker.title(target));
    ctx.insert("href", &linker.href(target, None));
    r.theme.render("redirect.html", &ctx, r.diags)
}

/// `/was/`: a redirect to the accessibility statement (the address Danish
/// public bodies' statements are expected at), when handbook.yaml names one.
pub(crate) fn accessibility_redirect(r: &Renderer) -> Option<OutputFile> {
    let url = r.site.config.accessibility_statement.as_ref()?;
    let mut ctx = Context::new();
    ctx.insert("title", &r.theme.strings.get("accessibility_statement"));
    ctx.insert("href", url);
    let html = r.theme.render("redirect.html", &ctx, r.diags)?;
    Some(OutputFile {
        path: "was/index.html".into(),
        content: Output::Bytes(html.into_bytes()),
    })
}

/// The base URL with a trailing slash, or `/` when none is configured.
fn base(r: &Renderer) -> String {
    match r.site.config.base_url.as_deref() {
        Some(b) => format!("{}/", b.trim_end_matches('/')),
        None => "/".to_string(),
    }
}

/// `sitemap.xml` with every page of the handbook.
pub(crate) fn sitemap(r: &Renderer) -> OutputFile {
    let base = base(r);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for target in &r.site.order {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape(&format!("{base}{}{}", r.prefix, r.site.local_url(*target)))
        ));
    }
    xml.push_str(&format!(
        "  <url><loc>{}</loc></url>\n</urlset>\n",
        escape(&format!("{base}print/"))
    ));
    OutputFile {
        path: "sitemap.xml".into(),
        content: Output::Bytes(xml.into_bytes()),
    }
}

/// `feed.xml`: an Atom feed with one entry per release, newest first.
pub(crate) fn feed(r: &Renderer) -> OutputFile {
    let site = r.site;
    let base = base(r);
    let title = r
        .theme
        .strings
        .fill("feed_title", &[("title", &site.config.title)]);
    let mut releases: Vec<_> = site.config.releases.iter().collect();
    releases.sort_by_key(|r| std::cmp::Reverse(r.date));
    let updated = releases
        .first()
        .and_then(|r| r.date)
        .map_or("1970-01-01".to_string(), |d| d.to_string());
    let versions = format!("{base}versioner/");
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"alternate\" href=\"{}\"/>\n  <updated>{updated}T00:00:00Z</updated>\n",
        escape(&site.config.language),
        escape(&title),
        escape(&versions),
        escape(&versions),
    );
    if let Some(publisher) = &site.config.publisher {
        xml.push_str(&format!(
            "  <author><name>{}</name></author>\n",
            escape(publisher)
        ));
    }
    for release in releases {
        let anchor = format!("{versions}#v{}", crate::slug::slugify(&release.version));
        xml.push_str(&format!(
            "  <entry>\n    <title>{} {}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" href=\"{}\"/>\n    <updated>{}T00:00:00Z</updated>\n    <summary>{}</summary>\n  </entry>\n",
            escape(&r.theme.strings.get("version")),
            escape(&release.version),
            escape(&anchor),
            escape(&anchor),
            release.date.map(|d| d.to_string()).unwrap_or_default(),
            escape(&release_summary(r, &release.version, release.notes.as_deref())),
        ));
    }
    xml.push_str("</feed>\n");
    OutputFile {
        path: "feed.xml".into(),
        content: Output::Bytes(xml.into_bytes()),
    }
}

/// The site's own `static/` folder, copied as is.
pub(crate) fn site_static(r: &Renderer) -> Vec<OutputFile> {
    let dir = r.site.root.join("static");
    r.site
        .statics
        .iter()
        .map(|rel| OutputFile {
            path: rel.clone(),
            content: Output::Copy(dir.join(rel)),
        })
        .collect()
}

/// A redirect page at URL folder `from` to the page at `to` (both site-relative).
pub(crate) fn redirect_to(r: &Renderer, from: &str, to: &str) -> Option<String> {
    let linker = r.linker(from.to_string());
    let target = r.site.by_url.get(to).copied()?;
    let mut ctx = Context::new();
    ctx.insert("title", &linker.title(target));
    ctx.insert("href", &linker.href(target, None));
    r.theme.render("redirect.html", &ctx, r.diags)
}

/// A release's notes and, when its snapshot is built, how many pages changed.
fn release_summary(r: &Renderer, version: &str, notes: Option<&str>) -> String {
    let mut text = notes.unwrap_or_default().to_string();
    let changes = r.versions.and_then(|(all, _)| {
        let k = all
            .entries
            .iter()
            .position(|e| !e.draft && e.version == version)?;
        all.changes.get(k)?.as_ref()
    });
    if let Some(changes) = changes {
        use crate::versions::diff::ChangeKind;
        let count = |f: &dyn Fn(&ChangeKind) -> bool| {
            changes
                .pages
                .iter()
                .filter(|c| f(&c.kind))
                .count()
                .to_string()
        };
        let summary = r.theme.strings.fill(
            "feed_changes",
            &[
                ("added", &count(&|k| *k == ChangeKind::Added)),
                (
                    "changed",
                    &count(&|k| matches!(k, ChangeKind::Changed | ChangeKind::Moved { .. })),
                ),
                ("removed", &count(&|k| *k == ChangeKind::Removed)),
            ],
        );
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&summary);
    }
    text
}
