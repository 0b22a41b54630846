//! The brand's files: fonts and logo, read relative to the campaign file and checked once.

use super::super::Logo;
use super::super::input::{MAX_FONT_BYTES, MAX_IMAGE_BYTES, read_bounded};
use super::super::wording::lower_first;
use super::{Ctx, sp};
use crate::campaign::model::{LogoModel, S};
use crate::vocab::settings::{LogoPosition, LogoSize};
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

pub(super) fn logo(cx: &mut Ctx, l: &S<LogoModel>) -> Option<Logo> {
    let (path, on_light, size, position) = match &l.value {
        LogoModel::Path(p) => (S { value: p.clone(), referenced: l.referenced, defined: l.defined }, None, None, None),
        LogoModel::Map(m) => (m.path.clone(), m.on_light.as_ref(), m.size.as_ref(), m.position.as_ref()),
    };
    let size = match size {
        None => LogoSize::default(),
        Some(s) => LogoSize::parse(s.value.trim()).unwrap_or_else(|| {
            cx.err_hint(sp(s), format!("brand.logo.size {:?} is not a size", s.value), "write size: small, medium or large");
            LogoSize::default()
        }),
    };
    let position = match position {
        None => LogoPosition::default(),
        Some(s) => LogoPosition::parse(s.value.trim()).unwrap_or_else(|| {
            cx.err_hint(
                sp(s),
                format!("brand.logo.position {:?} is not a position", s.value),
                "write position: foot, top-left, top-right, bottom-left or bottom-right",
            );
            LogoPosition::default()
        }),
    };
    let on_light = match on_light {
        Some(v) => Some(logo_bitmap(cx, v, "brand.logo.on_light")?.1),
        None => None,
    };
    let (full, bitmap) = logo_bitmap(cx, &path, "brand.logo")?;
    Some(Logo { path: full, bitmap, on_light, size, position, span: sp(&path) })
}

fn logo_bitmap(cx: &mut Ctx, l: &S<String>, what: &str) -> Option<(std::path::PathBuf, Bitmap)> {
    let path = cx.dir.join(&l.value);
    let decoded = read_bounded(&path, MAX_IMAGE_BYTES).and_then(|b| decode_image(&b));
    match decoded {
        Ok(img) => {
            let rgba = img.to_rgba8();
            let (width, height) = (rgba.width(), rgba.height());
            Some((path, Bitmap::new(rgba.into_raw(), width, height)))
        }
        Err(e) => {
            cx.err_hint(sp(l), format!("{what}: cannot load {}: {e}", l.value), "give a PNG or JPEG file; the path is relative to the campaign file's folder");
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
