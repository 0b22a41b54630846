//! `layout:` and `image:` — which composition, which photograph. A photograph is read and
//! decoded here, once per file however many messages name it, with its EXIF orientation
//! applied, and checked: a format we cannot read, a file too large to decode, or pixels we
//! cannot turn into sRGB are located errors, never a poster silently drawn without its photo.

use super::super::input::{MAX_IMAGE_BYTES, read_bounded};
use super::super::model::{ImageModel, S, TextModel};
use super::super::wording::lower_first;
use super::super::{Field, Image, Localised};
use super::brand::MAX_IMAGE_PIXELS;
use super::{Ctx, sp};
use crate::vocab::photo::{Photo, UNREADABLE_HINT};
use crate::vocab::settings::Layout;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Photos already decoded in this load, by path: one decode per file.
pub(super) type Decoded = HashMap<PathBuf, Option<Arc<Photo>>>;

pub(super) fn layout(cx: &mut Ctx, l: &S<String>, whose: &str) -> Option<Field<Layout>> {
    match Layout::parse(l.value.trim()) {
        Some(value) => Some(Field { value, span: sp(l) }),
        None => {
            cx.err_hint(sp(l), format!("{whose}layout {:?} is not a layout", l.value), "write layout: band, split or photo");
            None
        }
    }
}

/// `image:`; `Some(None)` for `none` (messages only).
pub(super) fn image(
    cx: &mut Ctx,
    m: &S<ImageModel>,
    whose: &str,
    decoded: &mut Decoded,
    text: &mut dyn FnMut(&mut Ctx, &S<TextModel>, &str) -> Localised,
) -> Option<Option<Image>> {
    let (path, span, focus, alt, credit) = match &m.value {
        ImageModel::Path(p) if p.trim() == "none" => return Some(None),
        ImageModel::Path(p) => (p.clone(), sp(m), None, None, None),
        ImageModel::Map(map) => (map.path.value.clone(), sp(&map.path), map.focus.as_ref(), map.alt.as_ref(), map.credit.as_ref()),
    };
    let focus = match focus {
        None => [0.5, 0.5],
        Some(f) => match f.value.as_slice() {
            [x, y] if (0.0..=1.0).contains(&x.value) && (0.0..=1.0).contains(&y.value) => [x.value, y.value],
            _ => {
                cx.err_hint(
                    sp(f),
                    format!("{whose}image.focus is not a point in the photo"),
                    "write focus: [x, y], each from 0 (left, top) to 1 (right, bottom)",
                );
                [0.5, 0.5]
            }
        },
    };
    let alt = alt.map(|t| text(cx, t, &format!("{whose}image.alt")));
    let credit = credit.map(|t| text(cx, t, &format!("{whose}image.credit")));
    let full = cx.dir.join(&path);
    let photo = match decoded.get(&full) {
        Some(p) => p.clone(),
        None => {
            let failed = format!("{whose}image: cannot load {path}");
            let p = match read_bounded(&full, MAX_IMAGE_BYTES).and_then(|b| decode(b, failed.clone())) {
                Ok(p) => Some(Arc::new(p)),
                Err(e) => {
                    cx.err_hint(span, format!("{failed}: {e}"), UNREADABLE_HINT);
                    None
                }
            };
            decoded.insert(full.clone(), p.clone());
            p
        }
    }?;
    Some(Some(Image { path: full, photo, focus, alt, credit, span }))
}

/// A PNG, JPEG or WebP, orientation applied, as opaque sRGB. 16-bit PNGs are reduced to 8 bits;
/// CMYK JPEGs are converted by the decoder; transparency is flattened on white.
///
/// The header is read here: a file that is not such an image, or too large, is a located error
/// of the load. Its pixels are decoded on a thread of their own while the run goes on
/// (`Photo::decoding`); should that fail past a good header (a truncated file), the run reports
/// `failed` at the image and writes nothing (`pipeline::run`).
fn decode(b: Vec<u8>, failed: String) -> Result<Photo, String> {
    let fmt = image::guess_format(&b).map_err(|_| "it is not a PNG, JPEG or WebP image".to_string())?;
    if !matches!(fmt, ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP) {
        return Err(format!("it is {fmt:?}, not PNG, JPEG or WebP"));
    }
    let (w, h) = reader(&b, fmt).into_dimensions().map_err(|e| lower_first(&e.to_string()))?;
    if u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS {
        return Err(format!("it is {w} × {h} pixels; at most {} megapixels are read (scale it down)", MAX_IMAGE_PIXELS / 1_000_000));
    }
    let orientation = decoder(&b, fmt)?.orientation().map_err(|e| lower_first(&e.to_string()))?;
    // Turned a quarter, the photo's width is the file's height.
    let (w, h) = if matches!(orientation, Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH) {
        (h, w)
    } else {
        (w, h)
    };
    let mut digest = Sha256::new();
    digest.update(&b);
    digest.update([orientation_code(orientation)]);
    Ok(Photo::decoding(w, h, digest.finalize().into(), move || pixels(&b, fmt).map_err(|e| format!("{failed}: {e}"))))
}

fn reader(b: &[u8], fmt: ImageFormat) -> ImageReader<std::io::Cursor<&[u8]>> {
    ImageReader::with_format(std::io::Cursor::new(b), fmt)
}

fn decoder(b: &[u8], fmt: ImageFormat) -> Result<impl ImageDecoder + '_, String> {
    let mut dec = reader(b, fmt).into_decoder().map_err(|e| lower_first(&e.to_string()))?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_IMAGE_PIXELS * 8);
    dec.set_limits(limits).map_err(|e| lower_first(&e.to_string()))?;
    Ok(dec)
}

/// The decoded pixels, oriented, opaque RGB8.
fn pixels(b: &[u8], fmt: ImageFormat) -> Result<Vec<u8>, String> {
    let mut dec = decoder(b, fmt)?;
    let orientation = dec.orientation().map_err(|e| lower_first(&e.to_string()))?;
    let mut img = DynamicImage::from_decoder(dec).map_err(|e| lower_first(&e.to_string()))?;
    img.apply_orientation(orientation);
    if !img.color().has_alpha() {
        return Ok(img.into_rgb8().into_raw());
    }
    // Transparent areas on white: what paper shows.
    let rgba = img.into_rgba8();
    let mut out = Vec::with_capacity(rgba.len() / 4 * 3);
    for p in rgba.pixels() {
        let a = p[3] as u32;
        out.extend((0..3).map(|c| ((p[c] as u32 * a + 255 * (255 - a) + 127) / 255) as u8));
    }
    Ok(out)
}

fn orientation_code(o: image::metadata::Orientation) -> u8 {
    o.to_exif()
}

/// Every message a split or photo layout reaches must have a photograph: the error points at
/// the `layout:` that asks for one, once per message.
pub(super) fn photos_for_layouts(
    cx: &mut Ctx,
    placements: &[super::Placement],
    messages: &[super::Message],
    layout: Option<&Field<Layout>>,
    image: Option<&Image>,
) {
    let mut said: Vec<(crate::vocab::Span, usize)> = Vec::new();
    for p in placements {
        for (mi, m) in messages.iter().enumerate() {
            let Some(l) = p.layout.as_ref().or(m.layout.as_ref()).or(layout) else { continue };
            let has_photo = match &m.image {
                Some(own) => own.is_some(),
                None => image.is_some(),
            };
            if l.value == Layout::Band || has_photo || said.contains(&(l.span, mi)) {
                continue;
            }
            said.push((l.span, mi));
            cx.err_hint(
                l.span,
                format!("layout {} needs a photograph, and message {} has none", l.value.as_str(), m.id.value),
                format!("add image: photos/….jpg to message {} or to the campaign, or use layout: band for it", m.id.value),
            );
        }
    }
}
