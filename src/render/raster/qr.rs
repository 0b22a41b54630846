//! QR block → light tile plus one path of dark run rectangles (no seams between modules).

use crate::layout::scene::QrBlock;
use crate::qr::QUIET_ZONE;
use tiny_skia::{FillRule, PathBuilder, Pixmap, Rect, Transform};

pub fn draw(pm: &mut Pixmap, q: &QrBlock, to_px: Transform) {
    super::fill_rect(pm, q.rect, to_px, &super::paint(q.light));
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
        pm.fill_path(&path, &super::paint(q.dark), FillRule::Winding, to_px, None);
    }
}
