//! QR block → light tile plus one path of dark run rectangles (no seams between modules).

use crate::layout::scene::QrBlock;
use tiny_skia::{FillRule, PathBuilder, Pixmap, Rect, Transform};

pub fn draw(pm: &mut Pixmap, q: &QrBlock, to_px: Transform) {
    super::fill_rect(pm, q.rect, to_px, &super::paint(q.light));
    let mut pb = PathBuilder::new();
    for r in q.dark_rects() {
        if let Some(r) = Rect::from_xywh(r.x, r.y, r.w, r.h) {
            pb.push_rect(r);
        }
    }
    if let Some(path) = pb.finish() {
        pm.fill_path(&path, &super::paint(q.dark), FillRule::Winding, to_px, None);
    }
}
