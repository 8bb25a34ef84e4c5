//! The list of every output file and what makes it. `build` renders the whole
//! list; the preview server renders one entry when a browser asks for it.

use std::collections::HashSet;
use std::path::PathBuf;

use super::{Output, Renderer, feeds};
use crate::diagnostics::Pos;
use crate::resolve::Target;

/// What produces one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Page(Target),
    /// `/` when the handbook has no `content/index.md`.
    GeneratedFront,
    Print,
    NotFound,
    Sitemap,
    Feed,
    /// An alias: a redirect page in `folder` to page `page`.
    Redirect {
        page: usize,
        folder: String,
    },
    /// A theme asset by name.
    Asset(String),
    /// A file copied byte for byte (attachment or `static/`).
    Copy(PathBuf),
}

impl Renderer<'_> {
    /// Every output path with its entry; generated files win over copied ones,
    /// and a copied file that collides is reported at its source.
    pub fn manifest(&self) -> Vec<(String, Entry)> {
        let site = self.site;
        let mut list: Vec<(String, Entry)> = site
            .order
            .iter()
            .map(|t| (format!("{}index.html", site.url(*t)), Entry::Page(*t)))
            .collect();
        if site.front.is_none() {
            list.push(("index.html".into(), Entry::GeneratedFront));
        }
        list.push(("print/index.html".into(), Entry::Print));
        list.push(("404.html".into(), Entry::NotFound));
        list.push(("sitemap.xml".into(), Entry::Sitemap));
        list.push(("feed.xml".into(), Entry::Feed));
        for (path, page, folder) in feeds::aliases(self) {
            list.push((path, Entry::Redirect { page, folder }));
        }
        for name in self.theme.assets.keys() {
            list.push((format!("assets/{name}"), Entry::Asset(name.clone())));
        }
        let content = site.root.join("content");
        for a in &site.attachments {
            list.push((a.rel.clone(), Entry::Copy(content.join(&a.rel))));
        }
        for f in feeds::site_static(self) {
            if let Output::Copy(src) = f.content {
                list.push((f.path, Entry::Copy(src)));
            }
        }
        let mut seen = HashSet::new();
        list.retain(|(path, entry)| {
            if seen.insert(path.clone()) {
                return true;
            }
            if let Entry::Copy(src) = entry {
                self.diags.error_help(
                    src,
                    Pos::FILE,
                    format!("this file would overwrite the generated /{path}"),
                    Some("rename or move the file".into()),
                );
            }
            false
        });
        list
    }

    /// Renders one entry.
    pub fn render_entry(&self, entry: &Entry) -> Option<Output> {
        let html = match entry {
            Entry::Page(t) => self.page(*t),
            Entry::GeneratedFront => self.generated_front(),
            Entry::Print => self.print(),
            Entry::NotFound => self.not_found(),
            Entry::Sitemap => return Some(feeds::sitemap(self).content),
            Entry::Feed => return Some(feeds::feed(self).content),
            Entry::Redirect { page, folder } => feeds::redirect(self, *page, folder),
            Entry::Asset(name) => {
                return self
                    .theme
                    .assets
                    .get(name)
                    .map(|b| Output::Bytes(b.clone()));
            }
            Entry::Copy(src) => return Some(Output::Copy(src.clone())),
        };
        html.map(|h| Output::Bytes(h.into_bytes()))
    }
}
