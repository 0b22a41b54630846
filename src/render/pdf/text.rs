//! Shaped glyph runs → real PDF text (krilla `draw_glyphs`): embedded subset fonts with a
//! ToUnicode map, so copy/paste and `pdftotext` give the copy back.

use crate::layout::scene::{GlyphRun, TextBlock};
use krilla::geom::Point;
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use std::collections::HashMap;
use std::sync::Arc;

/// One krilla `Font` per font file: krilla embeds one subset per `Font` value, so building a
/// new one per run would embed the same font many times.
#[derive(Default)]
pub struct FontCache {
    /// Keyed by the shared bytes' address: every run of a campaign font holds the same `Arc`
    /// (campaign fonts are single-face files, index 0).
    fonts: HashMap<*const Vec<u8>, Option<Font>>,
}

impl FontCache {
    fn get(&mut self, bytes: &Arc<Vec<u8>>) -> Option<Font> {
        self.fonts.entry(Arc::as_ptr(bytes)).or_insert_with(|| Font::new(krilla::Data::from(bytes.clone()), 0)).clone()
    }
}

pub fn draw(surface: &mut Surface, t: &TextBlock, fonts: &mut FontCache) {
    super::set_fill(surface, t.colour);
    for run in &t.runs {
        // Fonts were checked when the campaign loaded; a font krilla cannot read has no glyphs
        // we could place, and preflight reports missing text from the scene.
        let Some(font) = fonts.get(&run.font.bytes) else { continue };
        let (start, glyphs) = krilla_glyphs(run);
        if glyphs.is_empty() {
            continue;
        }
        surface.draw_glyphs(start, &glyphs, font, &t.text, run.size_mm, false);
    }
}

/// The scene stores each glyph's absolute pen position; krilla wants a start point plus
/// advances and offsets in em units. Offsets take up whatever the advances do not explain, so
/// the glyphs land exactly where the raster backend draws them. krilla's y offset points up.
fn krilla_glyphs(run: &GlyphRun) -> (Point, Vec<KrillaGlyph>) {
    let Some(first) = run.glyphs.first() else { return (Point::from_xy(0.0, 0.0), Vec::new()) };
    let size = run.size_mm;
    let start = Point::from_xy(first.x, first.y);
    let mut pen = first.x;
    let glyphs = run
        .glyphs
        .iter()
        .map(|g| {
            let kg = KrillaGlyph::new(GlyphId::new(g.id), g.advance / size, (g.x - pen) / size, (start.y - g.y) / size, 0.0, g.text.clone(), None);
            pen += g.advance;
            kg
        })
        .collect();
    (start, glyphs)
}
