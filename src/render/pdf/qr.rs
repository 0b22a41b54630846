//! QR block → light tile, then every dark run as one filled path: modules that touch share
//! one fill, so no viewer can show hairline seams between them.

use crate::layout::scene::QrBlock;
use krilla::geom::{PathBuilder, Rect};
use krilla::surface::Surface;

pub fn draw(surface: &mut Surface, q: &QrBlock) {
    super::fill_rect(surface, q.rect, q.light);
    let mut pb = PathBuilder::new();
    for r in q.dark_rects() {
        if let Some(r) = Rect::from_xywh(r.x, r.y, r.w, r.h) {
            pb.push_rect(r);
        }
    }
    if let Some(path) = pb.finish() {
        super::set_fill(surface, q.dark);
        surface.draw_path(&path);
    }
}
