//! The brand's files: fonts and logo, read relative to the campaign file and checked once.

use super::super::Logo;
use super::super::input::{MAX_FONT_BYTES, MAX_IMAGE_BYTES, read_bounded};
use super::super::wording::lower_first;
use super::{Ctx, sp};
use crate::campaign::model::S;
use crate::vocab::{Bitmap, FontFile};

pub(super) fn font(cx: &mut Ctx, given: Option<&S<String>>, bundled: &str, role: &str) -> Option<FontFile> {
    let Some(p) = given else {
        let bytes = crate::fonts::bundled(bundled).expect("bundled font");
        return Some(FontFile::new(format!("<bundled>/{bundled}").into(), bytes.to_vec()));
    };
    let path = cx.dir.join(&p.value);
    let bytes = match read_bounded(&path, MAX_FONT_BYTES) {
        Ok(b) => b,
        Err(e) => {
            cx.err_hint(
                sp(p),
                format!("brand.fonts.{role}: cannot read {}: {e}", p.value),
                "give a TTF or OTF file; the path is relative to the campaign file's folder",
            );
            return None;
        }
    };
    if let Err(e) = crate::fonts::check(&bytes) {
        cx.err_hint(
            sp(p),
            format!("brand.fonts.{role}: {} is not a usable font ({})", p.value, lower_first(&e)),
            "give a TrueType (.ttf) or OpenType (.otf) file",
        );
        return None;
    }
    Some(FontFile::new(path, bytes))
}

pub(super) fn logo(cx: &mut Ctx, l: &S<String>) -> Option<Logo> {
    let path = cx.dir.join(&l.value);
    let decoded = read_bounded(&path, MAX_IMAGE_BYTES).and_then(|b| decode_image(&b));
    match decoded {
        Ok(img) => {
            let rgba = img.to_rgba8();
            let (width, height) = (rgba.width(), rgba.height());
            Some(Logo { path, bitmap: Bitmap::new(rgba.into_raw(), width, height), span: sp(l) })
        }
        Err(e) => {
            cx.err_hint(
                sp(l),
                format!("brand.logo: cannot load {}: {e}", l.value),
                "give a PNG or JPEG file; the path is relative to the campaign file's folder",
            );
            None
        }
    }
}

/// The most pixels an image may have: a 24-megapixel photo and then some (4 bytes a pixel: at
/// most 160 MB decoded). Checked from the header, before anything is decoded.
pub(super) const MAX_IMAGE_PIXELS: u64 = 40_000_000;

/// A PNG or JPEG, decoded only once its header says it is of a size we can afford.
fn decode_image(b: &[u8]) -> Result<image::DynamicImage, String> {
    let fmt = image::guess_format(b).map_err(|_| "it is not a PNG or JPEG image".to_string())?;
    if !matches!(fmt, image::ImageFormat::Png | image::ImageFormat::Jpeg) {
        return Err(format!("it is {fmt:?}, not PNG or JPEG"));
    }
    let reader = || image::ImageReader::with_format(std::io::Cursor::new(b), fmt);
    let (w, h) = reader().into_dimensions().map_err(|e| lower_first(&e.to_string()))?;
    if u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS {
        return Err(format!("it is {w} × {h} pixels; at most {} megapixels are read (scale it down)", MAX_IMAGE_PIXELS / 1_000_000));
    }
    let mut r = reader();
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_IMAGE_PIXELS * 8);
    r.limits(limits);
    r.decode().map_err(|e| lower_first(&e.to_string()))
}
