//! Crop marks: hairlines in registration colour (Separation /All, so they print on every
//! plate), outside the BleedBox, drawn in page points (they are for the file as supplied).

use super::Geometry;
use crate::vocab::format::{MARK_GAP_PT, MARK_LEN_PT};
use krilla::color::{cmyk, separation};
use krilla::geom::PathBuilder;
use krilla::paint::{LineCap, Stroke};
use krilla::surface::Surface;

pub const MARK_WIDTH_PT: f32 = 0.25;

/// Distance from the trim edge to the start of each mark.
pub fn offset_pt(bleed_pt: f32) -> f32 {
    bleed_pt + MARK_GAP_PT
}

pub fn registration() -> separation::Color {
    let space = separation::SeparationSpace::new(separation::SeparationColorant::AllColorants, cmyk::Color::new(255, 255, 255, 255).into());
    separation::Color::new(255, space)
}

pub fn draw(surface: &mut Surface, g: &Geometry) {
    let o = g.trim_origin();
    let off = offset_pt(g.bleed);
    let end = off + MARK_LEN_PT;
    let mut pb = PathBuilder::new();
    for (cx, dx) in [(o, -1.0), (o + g.trim_w, 1.0)] {
        for (cy, dy) in [(o, -1.0), (o + g.trim_h, 1.0)] {
            // Each mark continues a trim edge outwards from the corner.
            pb.move_to(cx + dx * off, cy);
            pb.line_to(cx + dx * end, cy);
            pb.move_to(cx, cy + dy * off);
            pb.line_to(cx, cy + dy * end);
        }
    }
    let Some(path) = pb.finish() else { return };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: krilla::color::Color::from(registration()).into(),
        width: MARK_WIDTH_PT,
        line_cap: LineCap::Butt,
        ..Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}
