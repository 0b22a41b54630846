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
    ("NotoSans-Bold.ttf", include_bytes!("../fonts/NotoSans-Bold.ttf")),
    ("NotoSans-Regular.ttf", include_bytes!("../fonts/NotoSans-Regular.ttf")),
    ("NotoNaskhArabic-Bold.ttf", include_bytes!("../fonts/NotoNaskhArabic-Bold.ttf")),
    ("NotoNaskhArabic-Regular.ttf", include_bytes!("../fonts/NotoNaskhArabic-Regular.ttf")),
    ("NotoSansGurmukhi-Bold.ttf", include_bytes!("../fonts/NotoSansGurmukhi-Bold.ttf")),
    ("NotoSansGurmukhi-Regular.ttf", include_bytes!("../fonts/NotoSansGurmukhi-Regular.ttf")),
];

/// The bundled fallback chain, (bold, regular) per entry, in the order a character the brand
/// font lacks is looked for: Latin, Greek and Cyrillic with every European diacritic (Welsh ŵ ŷ,
/// Esperanto ĉ and Cyrillic are missing from Atkinson Hyperlegible), Arabic script (Arabic,
/// Urdu, Persian in Naskh), Gurmukhi (Punjabi). The headline (bold) falls back to the bold
/// files, the body to the regular ones, so a fallback letter keeps the weight around it.
const FALLBACK: &[(&str, &str)] = &[
    ("NotoSans-Bold.ttf", "NotoSans-Regular.ttf"),
    ("NotoNaskhArabic-Bold.ttf", "NotoNaskhArabic-Regular.ttf"),
    ("NotoSansGurmukhi-Bold.ttf", "NotoSansGurmukhi-Regular.ttf"),
];

/// The bundled fallback fonts for a role, in chain order (hashed once per process).
pub fn bundled_fallback(role: FontRole) -> Vec<FontFile> {
    static CHAINS: std::sync::OnceLock<[Vec<FontFile>; 2]> = std::sync::OnceLock::new();
    let chains = CHAINS.get_or_init(|| {
        let load = |name: &str| FontFile::new(format!("<bundled>/{name}").into(), bundled(name).expect("bundled font").to_vec());
        [FALLBACK.iter().map(|(b, _)| load(b)).collect(), FALLBACK.iter().map(|(_, r)| load(r)).collect()]
    });
    match role {
        FontRole::Headline => chains[0].clone(),
        FontRole::Body => chains[1].clone(),
    }
}

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
/// query can never reach a system font. Each role's family list is its brand font, then its
/// fallback chain (the campaign's fallback fonts, then the bundled ones of the same weight):
/// parley gives each character cluster the first font in the list that draws it, so the
/// result depends only on these files. Not `Sync`: make one per worker thread.
pub struct FontKit {
    pub cx: FontContext,
    pub layout: parley::LayoutContext<()>,
    headline: FontFile,
    body: FontFile,
    /// Every registered font by blob id, for finding the file a shaped run came from.
    blobs: Vec<(u64, FontFile)>,
    /// Family names per role, in query order (headline, body).
    families: [Vec<String>; 2],
    /// Digests of every font in both chains, to tell whether a kit fits an asset.
    digests: Vec<[u8; 32]>,
}

impl FontKit {
    /// A kit with the bundled fallback chain.
    pub fn new(headline: &FontFile, body: &FontFile) -> FontKit {
        FontKit::with_fallback(headline, body, &bundled_fallback(FontRole::Headline), &bundled_fallback(FontRole::Body))
    }

    /// A kit whose roles fall back, in order, to these fonts.
    pub fn with_fallback(headline: &FontFile, body: &FontFile, headline_fallback: &[FontFile], body_fallback: &[FontFile]) -> FontKit {
        let mut collection = Collection::new(CollectionOptions { shared: false, system_fonts: false });
        let mut blobs = Vec::new();
        let mut register = |f: &FontFile, family: &str| {
            let blob = Blob::new(f.bytes.clone() as Arc<dyn AsRef<[u8]> + Send + Sync>);
            blobs.push((blob.id(), f.clone()));
            collection.register_fonts(blob, Some(FontInfoOverride { family_name: Some(family), ..Default::default() }));
        };
        let mut families: [Vec<String>; 2] = [vec![], vec![]];
        for (slot, role, brand, chain) in [(0, FontRole::Headline, headline, headline_fallback), (1, FontRole::Body, body, body_fallback)] {
            register(brand, role.family());
            families[slot].push(role.family().to_string());
            for (i, f) in chain.iter().enumerate() {
                let name = format!("{}-fallback-{i}", role.family());
                register(f, &name);
                families[slot].push(name);
            }
        }
        let digests = std::iter::once(headline).chain(headline_fallback).chain(std::iter::once(body)).chain(body_fallback).map(|f| f.digest).collect();
        FontKit {
            cx: FontContext { collection, source_cache: SourceCache::default() },
            layout: parley::LayoutContext::new(),
            headline: headline.clone(),
            body: body.clone(),
            blobs,
            families,
            digests,
        }
    }

    /// Was this kit built from these fonts and chains?
    pub fn is_for(&self, headline: &FontFile, body: &FontFile, headline_fallback: &[FontFile], body_fallback: &[FontFile]) -> bool {
        let want = std::iter::once(headline).chain(headline_fallback).chain(std::iter::once(body)).chain(body_fallback).map(|f| &f.digest);
        self.digests.iter().eq(want)
    }

    /// The font file a shaped run's blob came from.
    pub fn file_for_blob(&self, blob_id: u64) -> Option<&FontFile> {
        self.blobs.iter().find(|(id, _)| *id == blob_id).map(|(_, f)| f)
    }

    /// A role's family names, in query order: its brand font, then its fallback chain.
    pub fn families(&self, role: FontRole) -> &[String] {
        match role {
            FontRole::Headline => &self.families[0],
            FontRole::Body => &self.families[1],
        }
    }

    pub fn file(&self, role: FontRole) -> &FontFile {
        match role {
            FontRole::Headline => &self.headline,
            FontRole::Body => &self.body,
        }
    }
}
