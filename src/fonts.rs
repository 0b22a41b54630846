//! Fonts: the bundled set (compiled into the binary, so output never depends on the machine or
//! the working directory) and the per-thread shaping context built from a campaign's fonts.

use crate::vocab::FontFile;
use parley::FontContext;
use parley::fontique::{Blob, Collection, CollectionOptions, FontInfoOverride, SourceCache};
use skrifa::{FontRef, MetadataProvider};
use std::sync::Arc;

const BUNDLED: &[(&str, &[u8])] = &[
    ("AtkinsonHyperlegible-Bold.ttf", include_bytes!("../fonts/AtkinsonHyperlegible-Bold.ttf")),
    ("AtkinsonHyperlegible-Regular.ttf", include_bytes!("../fonts/AtkinsonHyperlegible-Regular.ttf")),
];

pub fn bundled(name: &str) -> Option<&'static [u8]> {
    BUNDLED.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}

/// Is this a font we can shape and draw? (parses, has a cmap and outlines)
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let f = FontRef::new(bytes).map_err(|e| format!("{e}"))?;
    if f.charmap().map('A').is_none() && f.charmap().map('0').is_none() {
        return Err("it maps neither letters nor digits".into());
    }
    if f.outline_glyphs().format().is_none() {
        return Err("it has no scalable outlines".into());
    }
    Ok(())
}

/// Cap height as a fraction of the font size (OS/2 sCapHeight; 0.7 when the font lacks it).
pub fn cap_ratio(bytes: &[u8]) -> f32 {
    FontRef::new(bytes)
        .ok()
        .and_then(|f| {
            let m = f.metrics(skrifa::instance::Size::unscaled(), skrifa::instance::LocationRef::default());
            m.cap_height.map(|c| c / m.units_per_em as f32)
        })
        .filter(|r| *r > 0.3 && *r < 1.0)
        .unwrap_or(0.7)
}

/// The two typographic roles a campaign's copy uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FontRole {
    Headline,
    Body,
}

impl FontRole {
    pub fn family(&self) -> &'static str {
        match self {
            FontRole::Headline => "billposter-headline",
            FontRole::Body => "billposter-body",
        }
    }
}

/// A parley font context holding exactly the campaign's fonts under role names, so a family
/// query can never reach a system font. Not `Sync`: make one per worker thread.
pub struct FontKit {
    pub cx: FontContext,
    pub layout: parley::LayoutContext<()>,
    headline: FontFile,
    body: FontFile,
    headline_blob: u64,
    body_blob: u64,
}

impl FontKit {
    pub fn new(headline: &FontFile, body: &FontFile) -> FontKit {
        let mut collection = Collection::new(CollectionOptions { shared: false, system_fonts: false });
        let mut register = |f: &FontFile, family: &str| {
            let blob = Blob::new(f.bytes.clone() as Arc<dyn AsRef<[u8]> + Send + Sync>);
            let id = blob.id();
            collection.register_fonts(blob, Some(FontInfoOverride { family_name: Some(family), ..Default::default() }));
            id
        };
        let headline_blob = register(headline, FontRole::Headline.family());
        let body_blob = register(body, FontRole::Body.family());
        FontKit {
            cx: FontContext { collection, source_cache: SourceCache::default() },
            layout: parley::LayoutContext::new(),
            headline: headline.clone(),
            body: body.clone(),
            headline_blob,
            body_blob,
        }
    }

    /// Was this kit built from these two fonts?
    pub fn is_for(&self, headline: &FontFile, body: &FontFile) -> bool {
        self.headline.digest == headline.digest && self.body.digest == body.digest
    }

    /// The campaign font a shaped run's blob came from.
    pub fn file_for_blob(&self, blob_id: u64) -> Option<&FontFile> {
        if blob_id == self.headline_blob {
            Some(&self.headline)
        } else if blob_id == self.body_blob {
            Some(&self.body)
        } else {
            None
        }
    }

    pub fn file(&self, role: FontRole) -> &FontFile {
        match role {
            FontRole::Headline => &self.headline,
            FontRole::Body => &self.body,
        }
    }
}
