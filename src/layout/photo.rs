//! The photograph in a composition: where it goes (split: a side or the top; photo: the whole
//! bleed box), which part of the photo fills that place (the largest crop of the region's shape
//! that keeps the focal point, as central as the photo allows), at what pixel size it is
//! resampled, and — where copy sits on it — the text colour and the scrim its pixels need.

use super::style;
use crate::plan::PhotoSpec;
use crate::vocab::photo::contrast_of;
use crate::vocab::units::{MM_PER_INCH, Rect};
use crate::vocab::{Bitmap, Colour, Format};

/// Where a split layout puts the photograph (into the bleed on its outer sides) and the safe
/// area left for the copy. Wide formats: the left side; tall and square: the top.
pub(super) fn split(f: &Format, safe: Rect, wide: bool) -> (Rect, Rect) {
    let b = f.bleed_mm;
    if wide {
        // A 4:1 board gives the photo a smaller share of its width than a 2:1 post: the copy
        // column needs the height-limited headline's width either way.
        let share = (style::SPLIT_WIDE_SHARE - style::SPLIT_WIDE_SHARE_PER_ASPECT * (f.aspect() - 2.0).max(0.0)).max(style::SPLIT_WIDE_SHARE_MIN);
        let w = safe.x + share * safe.w;
        let photo = Rect::new(-b, -b, w + b, f.height_mm + 2.0 * b);
        let margin = safe.x;
        let copy = Rect::new(w + margin, safe.y, safe.right() - w - margin, safe.h);
        (photo, copy)
    } else {
        // Squarer pages keep less of their height for the photo: the copy needs its stack.
        let share = (style::SPLIT_TALL_SHARE * (f.height_mm / f.width_mm) / style::SPLIT_TALL_FULL_ASPECT).min(style::SPLIT_TALL_SHARE);
        let h = safe.y + share * safe.h;
        let photo = Rect::new(-b, -b, f.width_mm + 2.0 * b, h + b);
        let margin = (f.width_mm - safe.right()).max(safe.x);
        let copy = Rect::new(safe.x, h + margin, safe.w, safe.bottom() - h - margin);
        (photo, copy)
    }
}

/// The largest crop of the source with `region`'s shape, centred on the focus where the photo
/// allows, in source pixels `[x, y, w, h]`.
pub(super) fn crop(p: &PhotoSpec, region: Rect) -> [u32; 4] {
    let (pw, ph) = (p.photo.width as f32, p.photo.height as f32);
    let aspect = region.w / region.h;
    let (w, h) = if pw / ph > aspect { (ph * aspect, ph) } else { (pw, pw / aspect) };
    let place = |focus: f32, len: f32, full: f32| (focus * full - len / 2.0).clamp(0.0, full - len);
    let (x, y) = (place(p.focus[0], w, pw), place(p.focus[1], h, ph));
    let (w, h) = (w.round().max(1.0) as u32, h.round().max(1.0) as u32);
    [x.round() as u32, y.round() as u32, w.min(p.photo.width), h.min(p.photo.height)]
}

/// The pixel size the crop is resampled to: pixel formats at their own density; print at the
/// resolution its viewing distance needs at full size (`Format::min_photo_ppi`, the preflight rule's
/// threshold, with headroom), never more than the crop has — a 24 MP camera file is not
/// embedded whole in a six-sheet supplied at 25%.
pub(super) fn target_px(f: &Format, region: Rect, crop: [u32; 4]) -> (u32, u32) {
    let (w, h) = match f.px_per_mm() {
        Some(k) => (region.w * k, region.h * k),
        None => {
            let ppi = f.min_photo_ppi();
            let w = (region.w / MM_PER_INCH * ppi).min(crop[2] as f32);
            (w, w * region.h / region.w)
        }
    };
    (w.round().max(1.0) as u32, h.round().max(1.0) as u32)
}

/// The pixel size of the photo in a print asset's proof (`proof_px`: the trim area's raster
/// size), when the proof's density differs from the print's; `None` on pixel formats, whose
/// bitmap is already at the raster's density.
pub(super) fn proof_px(f: &Format, (w, h): (u32, u32), region: Rect) -> Option<(u32, u32)> {
    if f.px_per_mm().is_some() {
        return None;
    }
    let (kx, ky) = (w as f32 / f.width_mm, h as f32 / f.height_mm);
    Some(((region.w * kx).round().max(1.0) as u32, (region.h * ky).round().max(1.0) as u32))
}

/// A bitmap's pixel box under `r` (scene mm), for a bitmap drawn over `at`.
pub fn pixel_box(bitmap: &Bitmap, at: Rect, r: Rect) -> [u32; 4] {
    let sx = bitmap.width as f32 / at.w;
    let sy = bitmap.height as f32 / at.h;
    let x0 = ((r.x - at.x) * sx).floor().clamp(0.0, bitmap.width as f32) as u32;
    let y0 = ((r.y - at.y) * sy).floor().clamp(0.0, bitmap.height as f32) as u32;
    let x1 = ((r.right() - at.x) * sx).ceil().clamp(0.0, bitmap.width as f32) as u32;
    let y1 = ((r.bottom() - at.y) * sy).ceil().clamp(0.0, bitmap.height as f32) as u32;
    [x0, y0, x1, y1]
}

/// A veil painted over the photo behind a block of copy (`Scrim::paint`), in scene units: the
/// same scrim is painted into each resolution of the photo the backends draw.
#[derive(Clone, Copy, Debug)]
pub(super) struct Scrim {
    block: Rect,
    fade_mm: f32,
    veil: [u8; 3],
    alpha: f32,
}

/// The text colour and scrim for copy set on a photograph. Candidates: the brand's text colour,
/// white and near-black; each is tried with no scrim, then with a scrim of the opposite tone in
/// steps until every line passes. The one needing the least scrim wins (the brand colour on a
/// tie). Returns the colour and the scrim to paint (`None`: none needed) into the pixels every
/// backend draws and preflight measures.
pub(super) fn text_on_photo(bitmap: &Bitmap, at: Rect, lines: &[Rect], brand: Colour, near_black: Colour, fade_mm: f32) -> (Colour, Option<Scrim>) {
    let Some(block) = lines.iter().copied().reduce(|a, b| {
        let (x, y) = (a.x.min(b.x), a.y.min(b.y));
        Rect::new(x, y, a.right().max(b.right()) - x, a.bottom().max(b.bottom()) - y)
    }) else {
        return (brand, None);
    };
    // The pixels behind the lines, sampled on a grid of at most `SCRIM_SAMPLES` per line: the
    // search below tries many scrims, and the scrim is uniform over the block, so each try is a
    // blend of these samples. Preflight later measures every pixel of the result.
    let samples: Vec<Vec<[u8; 3]>> = lines
        .iter()
        .map(|l| {
            let [x0, y0, x1, y1] = pixel_box(bitmap, at, *l);
            let n = ((x1 - x0) as u64 * (y1 - y0) as u64).max(1);
            let step = ((n as f64 / style::SCRIM_SAMPLES as f64).sqrt().ceil() as usize).max(1);
            let mut v = Vec::new();
            for y in (y0..y1).step_by(step) {
                for x in (x0..x1).step_by(step) {
                    let i = (y as usize * bitmap.width as usize + x as usize) * 4;
                    v.push([bitmap.rgba[i], bitmap.rgba[i + 1], bitmap.rgba[i + 2]]);
                }
            }
            v
        })
        .collect();
    let need = style::PHOTO_TEXT_CONTRAST;
    let mut best: Option<(u32, Colour, [u8; 3])> = None;
    for colour in [brand, Colour::WHITE, near_black] {
        let veil = if colour.luminance() > 0.18 { [0u8, 0, 0] } else { [255u8, 255, 255] };
        for step in 0..=style::SCRIM_STEPS {
            if best.as_ref().is_some_and(|(s, _, _)| *s <= step) {
                break;
            }
            let a = step as f32 / style::SCRIM_STEPS as f32 * style::SCRIM_MAX;
            let blend = |p: &[u8; 3]| -> [u8; 3] { std::array::from_fn(|c| blend(p[c], veil[c], a)) };
            if samples.iter().all(|s| contrast_of(s.iter().map(blend), &colour).is_none_or(|c| c >= need)) {
                best = Some((step, colour, veil));
                break;
            }
        }
    }
    match best {
        Some((0, c, _)) => (c, None),
        Some((step, c, veil)) => (c, Some(Scrim { block, fade_mm, veil, alpha: step as f32 / style::SCRIM_STEPS as f32 * style::SCRIM_MAX })),
        // No candidate passes even at the strongest scrim: keep the brand colour on the strongest
        // scrim; preflight measures it and reports the pair.
        None => (brand, Some(Scrim { block, fade_mm, veil: [0, 0, 0], alpha: style::SCRIM_MAX })),
    }
}

/// One channel of a pixel under a veil of `alpha`.
fn blend(p: u8, veil: u8, alpha: f32) -> u8 {
    (p as f32 * (1.0 - alpha) + veil as f32 * alpha).round() as u8
}

impl Scrim {
    /// `bitmap` (drawn over `at`) with the scrim painted in.
    pub(super) fn paint(&self, bitmap: &Bitmap, at: Rect) -> Bitmap {
        scrim(bitmap, at, self.block, self.fade_mm, self.veil, self.alpha)
    }
}

/// Darken (or lighten) the photo behind a block of text: full strength from the photo's top
/// edge to just below the block, then fading out over `fade_mm`, across the photo's width —
/// the gradient a designer draws behind a headline.
fn scrim(bitmap: &Bitmap, at: Rect, block: Rect, fade_mm: f32, veil: [u8; 3], alpha: f32) -> Bitmap {
    let sy = bitmap.height as f32 / at.h;
    let full_to = ((block.bottom() - at.y) * sy).max(0.0);
    let fade = (fade_mm * sy).max(1.0);
    let mut rgba = bitmap.rgba.as_ref().clone();
    let row_bytes = bitmap.width as usize * 4;
    for (y, row) in rgba.chunks_exact_mut(row_bytes).enumerate() {
        let yf = y as f32 + 0.5;
        let a = if yf <= full_to { alpha } else { alpha * (1.0 - (yf - full_to) / fade).max(0.0) };
        if a <= 0.0 {
            break;
        }
        for px in row.chunks_exact_mut(4) {
            for c in 0..3 {
                px[c] = blend(px[c], veil[c], a);
            }
        }
    }
    Bitmap::new(rgba, bitmap.width, bitmap.height)
}
