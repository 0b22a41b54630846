//! Scene → pixels (tiny-skia, anti-aliased, sRGB) → PNG/JPEG. Two entry points, each with
//! one options value: [`render`] draws a scene, [`encode`] makes the file.

mod encode;
mod qr;
mod text;

pub use crate::vocab::settings::{Encoding, PngLevel};
pub use encode::encode;

use crate::layout::{ItemKind, Scene};
use crate::vocab::units::Rect;
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Transform};

/// Pixels of the trim area, opaque RGB8, with the density they were drawn at.
pub struct Raster {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
    pub px_per_mm: f32,
}

/// The pixel size to draw a scene's trim area at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RasterOptions {
    pub width: u32,
    pub height: u32,
}

pub fn paint(c: crate::vocab::Colour) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color(Color::from_rgba8(c.srgb[0], c.srgb[1], c.srgb[2], 255));
    p.anti_alias = true;
    p
}

/// Draw the trim area of `scene` at the options' pixel size.
pub fn render(scene: &Scene, opts: &RasterOptions) -> Raster {
    let RasterOptions { width, height } = *opts;
    let sx = width as f32 / scene.width_mm;
    let sy = height as f32 / scene.height_mm;
    let mut pm = Pixmap::new(width, height).expect("non-zero raster size");
    let bg = scene.background.srgb;
    pm.fill(Color::from_rgba8(bg[0], bg[1], bg[2], 255));
    let to_px = Transform::from_scale(sx, sy);
    for item in &scene.items {
        match &item.kind {
            ItemKind::Fill { rect, colour } => fill_rect(&mut pm, *rect, to_px, &paint(*colour)),
            ItemKind::Text(t) => text::draw(&mut pm, t, to_px),
            ItemKind::Qr(q) => qr::draw(&mut pm, q, to_px),
            ItemKind::Image(img) => draw_image(&mut pm, img, to_px),
        }
    }
    Raster { width, height, rgb: to_rgb(pm), px_per_mm: sx }
}

fn fill_rect(pm: &mut Pixmap, r: Rect, t: Transform, p: &Paint) {
    if let Some(rect) = tiny_skia::Rect::from_xywh(r.x, r.y, r.w, r.h) {
        let path = PathBuilder::from_rect(rect);
        pm.fill_path(&path, p, FillRule::Winding, t, None);
    }
}

fn draw_image(pm: &mut Pixmap, item: &crate::layout::scene::ImageItem, t: Transform) {
    // A print photo's proof version, when it was made for this density (drawn 1:1 below).
    let img = item.proof.as_ref().unwrap_or(&item.bitmap);
    // tiny-skia reads premultiplied pixels. An opaque bitmap (every photograph) is its own
    // premultiplied form: drawn from the shared pixels, not from a copy made per asset.
    let premultiplied;
    let src = if img.rgba.chunks_exact(4).all(|px| px[3] == 255) {
        tiny_skia::PixmapRef::from_bytes(&img.rgba, img.width, img.height)
    } else {
        let mut data = Vec::with_capacity(img.rgba.len());
        for px in img.rgba.chunks_exact(4) {
            let a = px[3] as u16;
            data.extend_from_slice(&[(px[0] as u16 * a / 255) as u8, (px[1] as u16 * a / 255) as u8, (px[2] as u16 * a / 255) as u8, px[3]]);
        }
        let Some(size) = tiny_skia::IntSize::from_wh(img.width, img.height) else { return };
        let Some(p) = Pixmap::from_vec(data, size) else { return };
        premultiplied = p;
        Some(premultiplied.as_ref())
    };
    let Some(src) = src else { return };
    let r = item.rect;
    let scale = Transform::from_row(r.w / img.width as f32, 0.0, 0.0, r.h / img.height as f32, r.x, r.y).post_concat(t);
    // A photo resampled to the raster's own density needs no filtering; a smaller logo or a
    // print photo drawn into a proof does (bilinear: a proof is for looking at).
    let (kx, ky) = (r.w * t.sx / img.width as f32, r.h * t.sy / img.height as f32);
    let quality = if (kx - 1.0).abs() < 0.01 && (ky - 1.0).abs() < 0.01 {
        tiny_skia::FilterQuality::Nearest
    } else if img.width * img.height > PHOTO_FILTER_PIXELS {
        tiny_skia::FilterQuality::Bilinear
    } else {
        tiny_skia::FilterQuality::Bicubic
    };
    let paint = tiny_skia::PixmapPaint { quality, ..Default::default() };
    pm.draw_pixmap(0, 0, src, &paint, scale, None);
}

/// Bitmaps larger than this (photographs) are drawn with a bilinear filter: bicubic on a
/// 10-megapixel proof costs seconds and shows nothing bilinear does not.
const PHOTO_FILTER_PIXELS: u32 = 1_000_000;

/// The scene is opaque (a background fills it), so premultiplied RGBA is plain RGB + 255.
/// Compacted in place: a 48-sheet proof never holds two full-size pixel buffers.
fn to_rgb(pm: Pixmap) -> Vec<u8> {
    let mut data = pm.take();
    let n = data.len() / 4;
    for i in 0..n {
        data.copy_within(i * 4..i * 4 + 3, i * 3);
    }
    data.truncate(n * 3);
    data.shrink_to_fit();
    data
}
