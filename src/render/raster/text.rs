//! Glyph runs → one filled path per run, outlines from skrifa at the run's size.

use crate::layout::scene::TextBlock;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, GlyphId, MetadataProvider};
use tiny_skia::{FillRule, PathBuilder, Pixmap, Transform};

/// Pen that writes outline commands, offset to the glyph's position, into a path.
/// Font outlines are y-up; the scene is y-down.
struct Pen<'a> {
    pb: &'a mut PathBuilder,
    x: f32,
    y: f32,
}

impl OutlinePen for Pen<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.pb.move_to(self.x + x, self.y - y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.pb.line_to(self.x + x, self.y - y);
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.pb.quad_to(self.x + cx0, self.y - cy0, self.x + x, self.y - y);
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.pb.cubic_to(self.x + cx0, self.y - cy0, self.x + cx1, self.y - cy1, self.x + x, self.y - y);
    }
    fn close(&mut self) {
        self.pb.close();
    }
}

pub fn draw(pm: &mut Pixmap, t: &TextBlock, to_px: Transform) {
    let paint = super::paint(t.colour);
    for run in &t.runs {
        let Ok(font) = FontRef::new(&run.font.bytes) else { continue };
        let outlines = font.outline_glyphs();
        // Outlines are drawn at the pixel size so curves flatten at device resolution.
        let scale = to_px.sx;
        let settings = || DrawSettings::unhinted(Size::new(run.size_mm * scale), LocationRef::default());
        let mut pb = PathBuilder::new();
        for g in &run.glyphs {
            if let Some(glyph) = outlines.get(GlyphId::new(g.id)) {
                let mut pen = Pen { pb: &mut pb, x: g.x * to_px.sx + to_px.tx, y: g.y * to_px.sy + to_px.ty };
                let _ = glyph.draw(settings(), &mut pen);
            }
        }
        if let Some(path) = pb.finish() {
            pm.fill_path(&path, &paint, FillRule::Winding, Transform::identity(), None);
        }
    }
}
