//! The brand's files: fonts and logo, read relative to the campaign file and checked once.

use super::super::Logo;
use super::super::wording::{io_reason, lower_first};
use super::{Ctx, sp};
use crate::campaign::model::S;
use crate::vocab::{Bitmap, FontFile};

pub(super) fn font(cx: &mut Ctx, given: Option<&S<String>>, bundled: &str, role: &str) -> Option<FontFile> {
    let Some(p) = given else {
        let bytes = crate::fonts::bundled(bundled).expect("bundled font");
        return Some(FontFile::new(format!("<bundled>/{bundled}").into(), bytes.to_vec()));
    };
    let path = cx.dir.join(&p.value);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            cx.err_hint(
                sp(p),
                format!("brand.fonts.{role}: cannot read {}: {}", p.value, io_reason(&e)),
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
    let decoded = std::fs::read(&path).map_err(|e| io_reason(&e)).and_then(|b| {
        let fmt = image::guess_format(&b).map_err(|_| "it is not a PNG or JPEG image".to_string())?;
        if !matches!(fmt, image::ImageFormat::Png | image::ImageFormat::Jpeg) {
            return Err(format!("it is {fmt:?}, not PNG or JPEG"));
        }
        image::load_from_memory_with_format(&b, fmt).map_err(|e| lower_first(&e.to_string()))
    });
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
