//! QR block → light tile, then every dark run as one filled path: modules that touch share
//! one fill, so no viewer can show hairline seams between them.

use crate::layout::scene::QrBlock;
use crate::qr::QUIET_ZONE;
use krilla::geom::{PathBuilder, Rect};
use krilla::surface::Surface;

pub fn draw(surface: &mut Surface, q: &QrBlock) {
    super::fill_rect(surface, q.rect, q.light);
    let m = q.module_mm;
    let mut pb = PathBuilder::new();
    for (row, col, len) in q.matrix.dark_runs() {
        let x = q.rect.x + (col + QUIET_ZONE) as f32 * m;
        let y = q.rect.y + (row + QUIET_ZONE) as f32 * m;
        if let Some(r) = Rect::from_xywh(x, y, len as f32 * m, m) {
            pb.push_rect(r);
        }
    }
    if let Some(path) = pb.finish() {
        super::set_fill(surface, q.dark);
        surface.draw_path(&path);
    }
}
