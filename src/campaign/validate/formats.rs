//! Custom formats and overrides of built-in ones (`formats:`), checked field by field.

use super::super::model::{self as m, S};
use super::{Ctx, is_valid_id, sp};
use crate::vocab::format::{MAX_PAGE_MM, page_mm};
use crate::vocab::units::{CSS_PX_PER_MM, Sides};
use crate::vocab::{FileType, Format, Kind, Span};

/// The smallest side of a print format (a business card is 55 mm; 10 mm leaves room for nothing
/// but is not absurd), and the longest a format may be for its width.
const MIN_PRINT_MM: f32 = 10.0;
const MAX_ASPECT: f32 = 20.0;
/// The smallest supply scale (1:100; printers ask for 1:10 or 1:4).
const MIN_SCALE: f32 = 0.01;

pub(super) fn custom_format(cx: &mut Ctx, fm: &m::FormatModel, catalogue: &[Format]) -> Option<Format> {
    let id = &fm.id.value;
    if !is_valid_id(id) {
        cx.err_hint(sp(&fm.id), format!("format id {id:?} is not a valid id"), "use lowercase letters, digits and '-'");
        return None;
    }
    let base = catalogue.iter().find(|x| &x.id == id).cloned();
    let kind = match (&fm.kind, &base) {
        (Some(k), _) => match Kind::parse(&k.value) {
            Some(kind) => kind,
            None => {
                cx.err(sp(k), format!("format {id}: kind {:?} is not print, social or screen", k.value));
                return None;
            }
        },
        (None, Some(b)) => b.kind,
        (None, None) => {
            cx.err_hint(sp(&fm.id), format!("format {id} is new and needs a kind"), "kind: print, social or screen");
            return None;
        }
    };
    let positive = |cx: &mut Ctx, v: &Option<S<f32>>, name: &str| -> Option<f32> {
        let s = v.as_ref()?;
        if !(s.value.is_finite() && s.value > 0.0) {
            cx.err(sp(s), format!("format {id}: {name} must be a positive number"));
            return None;
        }
        Some(s.value)
    };
    let wrong_kind = |cx: &mut Ctx, present: bool, span: Span, name: &str| {
        if present {
            cx.err(span, format!("format {id}: {name} does not apply to a {} format", kind.as_str()));
        }
    };
    let viewing = positive(cx, &fm.viewing_distance_m, "viewing_distance_m");
    let roadside = fm.roadside.as_ref().map(|r| r.value);
    let desc = fm.description.as_ref().map(|d| d.value.clone());
    if kind == Kind::Print {
        for (v, n) in [(&fm.width_px, "width_px"), (&fm.height_px, "height_px"), (&fm.safe_px, "safe_px")] {
            wrong_kind(cx, v.is_some(), v.as_ref().map(sp).unwrap_or_default(), n);
        }
        let base = base.filter(|b| b.kind == Kind::Print);
        let w = positive(cx, &fm.width_mm, "width_mm").or(base.as_ref().map(|b| b.width_mm));
        let h = positive(cx, &fm.height_mm, "height_mm").or(base.as_ref().map(|b| b.height_mm));
        let (Some(w), Some(h)) = (w, h) else {
            cx.err_hint(sp(&fm.id), format!("format {id}: a print format needs width_mm and height_mm"), "the trim size at full size, in mm");
            return None;
        };
        // A sliver (100 × 0.01 mm) has no room for copy and would ask the QR check for
        // gigabytes: refused here, at the field's line.
        for (v, n, mm) in [(&fm.width_mm, "width_mm", w), (&fm.height_mm, "height_mm", h)] {
            if mm < MIN_PRINT_MM {
                cx.err_hint(
                    v.as_ref().map(sp).unwrap_or_else(|| sp(&fm.id)),
                    format!("format {id}: {n} {mm} mm leaves no room for copy; a print format is at least {MIN_PRINT_MM} mm a side"),
                    "give the trim size at full size, in mm (e.g. width_mm: 1160, height_mm: 1760)",
                );
                return None;
            }
        }
        if w.max(h) / w.min(h) > MAX_ASPECT {
            cx.err_hint(sp(&fm.id), format!("format {id}: {w} × {h} mm is longer than {MAX_ASPECT}:1; no layout fits it"), "check width_mm and height_mm");
            return None;
        }
        let scale = positive(cx, &fm.scale, "scale").or(base.as_ref().map(|b| b.scale)).unwrap_or(1.0);
        if scale < MIN_SCALE {
            cx.err_hint(
                fm.scale.as_ref().map(sp).unwrap_or_default(),
                format!("format {id}: scale {scale} is below {MIN_SCALE}; no printer takes artwork that small"),
                "supply at full size (1) or a printer's usual scale, e.g. scale: 0.1",
            );
            return None;
        }
        if scale > 1.0 {
            cx.err(
                fm.scale.as_ref().map(sp).unwrap_or_default(),
                format!("format {id}: scale {scale} is above 1; artwork is supplied at full size or smaller"),
            );
        }
        let bleed = fm.bleed_mm.as_ref().map(|b| b.value).or(base.as_ref().map(|b| b.bleed_mm)).unwrap_or(3.0);
        let page = page_mm(w.max(h), bleed, scale);
        if page > MAX_PAGE_MM {
            cx.err_hint(
                sp(&fm.id),
                format!("format {id}: its PDF page would be {page:.0} mm at scale {scale}, past PDF's {:.0} mm page limit", MAX_PAGE_MM),
                "supply at a smaller scale, e.g. scale: 0.1",
            );
        }
        if !(0.0..=100.0).contains(&bleed) {
            cx.err(fm.bleed_mm.as_ref().map(sp).unwrap_or_default(), format!("format {id}: bleed_mm {bleed} is outside 0 to 100"));
        }
        let safe = match &fm.safe_mm {
            Some(s) if s.value >= 0.0 && 2.0 * s.value < w.min(h) => Sides::all(s.value),
            Some(s) => {
                cx.err(sp(s), format!("format {id}: safe_mm {} leaves no room for copy", s.value));
                Sides::all(0.0)
            }
            None => base.as_ref().map(|b| b.safe).unwrap_or(Sides::all((w.min(h) * 0.03).max(10.0))),
        };
        let viewing = viewing.or(base.as_ref().and_then(|b| b.viewing_m)).unwrap_or(3.0);
        let roadside = roadside.or(base.as_ref().map(|b| b.roadside)).unwrap_or(id.starts_with("billboard-"));
        let description =
            desc.or(base.as_ref().map(|b| format!("{} (overridden by the campaign)", b.description))).unwrap_or_else(|| "custom print format".into());
        let mut f = Format::print(id, w, h, scale, bleed, safe, viewing, roadside, &description);
        if let Some(b) = fm.file.as_ref() {
            wrong_kind(cx, true, sp(b), "file");
        }
        f.max_bytes = fm.max_bytes.as_ref().map(|m| m.value);
        Some(f)
    } else {
        for (v, n) in [(&fm.width_mm, "width_mm"), (&fm.height_mm, "height_mm"), (&fm.scale, "scale"), (&fm.bleed_mm, "bleed_mm"), (&fm.safe_mm, "safe_mm")] {
            // A screen's width_mm/height_mm is its physical display size (for legibility).
            if kind == Kind::Screen && (n == "width_mm" || n == "height_mm") {
                continue;
            }
            wrong_kind(cx, v.is_some(), v.as_ref().map(sp).unwrap_or_default(), n);
        }
        let base = base.filter(|b| b.kind != Kind::Print);
        let px = |v: &Option<S<u32>>, name: &str, cx: &mut Ctx| -> Option<u32> {
            let s = v.as_ref()?;
            if !(16..=10_000).contains(&s.value) {
                cx.err(sp(s), format!("format {id}: {name} {} is outside 16 to 10000", s.value));
                return None;
            }
            Some(s.value)
        };
        let w = px(&fm.width_px, "width_px", cx).or(base.as_ref().and_then(|b| b.px.map(|p| p.0)));
        let h = px(&fm.height_px, "height_px", cx).or(base.as_ref().and_then(|b| b.px.map(|p| p.1)));
        let (Some(w), Some(h)) = (w, h) else {
            cx.err_hint(sp(&fm.id), format!("format {id}: a {} format needs width_px and height_px", kind.as_str()), "the image size in pixels");
            return None;
        };
        if w.max(h) as f32 / w.min(h) as f32 > MAX_ASPECT {
            cx.err_hint(sp(&fm.id), format!("format {id}: {w} × {h} px is longer than {MAX_ASPECT}:1; no layout fits it"), "check width_px and height_px");
            return None;
        }
        let file = match fm.file.as_ref().map(|f| f.value.as_str()) {
            None => base.as_ref().map(|b| b.file).unwrap_or(FileType::Png),
            Some("png") => FileType::Png,
            Some("jpeg" | "jpg") => FileType::Jpeg,
            Some(other) => {
                cx.err(sp(fm.file.as_ref().expect("given")), format!("format {id}: file {other:?} is not png or jpeg"));
                FileType::Png
            }
        };
        let safe_px = match fm.safe_px.as_ref() {
            Some(s) if 2 * s.value < w.min(h) => Some(Sides::all(s.value as f32)),
            Some(s) => {
                cx.err(sp(s), format!("format {id}: safe_px {} leaves no room for copy", s.value));
                None
            }
            None => None,
        };
        let description = desc
            .or(base.as_ref().map(|b| format!("{} (overridden by the campaign)", b.description)))
            .unwrap_or_else(|| format!("custom {} format", kind.as_str()));
        let mut f = Format::raster(id, kind, w, h, Sides::all(0.0), 0, file, &description);
        f.safe = match (safe_px, &base) {
            (Some(s), _) => s.scaled(1.0 / CSS_PX_PER_MM),
            // Keep a base's overlay zones, scaled to the new size.
            (None, Some(b)) => b.safe.scaled(f.width_mm / b.width_mm),
            (None, None) => Sides::all(w.min(h) as f32 * 0.05 / CSS_PX_PER_MM),
        };
        f.max_bytes = fm.max_bytes.as_ref().map(|m| m.value).or(base.as_ref().and_then(|b| b.max_bytes));
        f.viewing_m = viewing.or(base.as_ref().and_then(|b| b.viewing_m));
        let dw = positive(cx, &fm.width_mm, "width_mm");
        let dh = positive(cx, &fm.height_mm, "height_mm");
        f.display_mm = match (dw, dh) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => base.as_ref().and_then(|b| b.display_mm),
        };
        if kind == Kind::Screen && f.viewing_m.is_some() && f.display_mm.is_none() {
            cx.err_hint(
                sp(&fm.id),
                format!("format {id}: a screen with a viewing distance needs its display size"),
                "add width_mm and height_mm of the visible screen",
            );
        }
        f.roadside = roadside.unwrap_or(false);
        Some(f)
    }
}
