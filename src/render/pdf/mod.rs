//! Scene → print PDF (krilla): CMYK vector artwork at the format's supply scale, real text in
//! embedded subset fonts, trim/bleed boxes, crop marks, and PDF/X-4 when a profile is given.
//!
//! The page is drawn from the same scene as the PNG proof; nothing is laid out again here.
//! Geometry: the page surface is the MediaBox, y down (krilla's convention). Scene items are drawn
//! under one transform that maps scene mm (origin at the trim's top-left) to page points, so
//! every item file works in scene units; crop marks are drawn in page points.

mod image;
mod marks;
mod pdfx;
mod qr;
mod text;

use crate::campaign::Colour;
use crate::layout::{ItemKind, Scene};
use crate::units::{Rect, PT_PER_MM};
use krilla::color::cmyk;
use krilla::configure::{ConfigurationBuilder, PdfVersion};
use krilla::geom::{PathBuilder, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::{Document, SerializeSettings};
use std::path::PathBuf;

pub struct PdfOptions {
    /// Supply scale of the artwork (0.1 for a 48-sheet).
    pub scale: f32,
    pub crop_marks: bool,
    /// A CMYK output ICC profile (path, bytes): makes the file PDF/X-4.
    pub output_profile: Option<(PathBuf, Vec<u8>)>,
    pub title: String,
}

/// Page geometry in PDF points, in krilla's y-down page space (origin at the MediaBox's top-left).
#[derive(Clone, Copy, Debug)]
struct Geometry {
    /// Points per scene millimetre (scale × 72 / 25.4).
    k: f32,
    /// Space between the BleedBox and the MediaBox on each side (room for crop marks).
    margin: f32,
    bleed: f32,
    trim_w: f32,
    trim_h: f32,
}

impl Geometry {
    fn new(scene: &Scene, scale: f32, crop_marks: bool) -> Geometry {
        let k = scale * PT_PER_MM;
        let bleed = scene.bleed_mm * k;
        let margin = if crop_marks { marks::margin_pt() } else { 0.0 };
        Geometry { k, margin, bleed, trim_w: scene.width_mm * k, trim_h: scene.height_mm * k }
    }
    fn media(&self) -> (f32, f32) {
        let e = 2.0 * (self.margin + self.bleed);
        (self.trim_w + e, self.trim_h + e)
    }
    /// Top-left of the trim box on the page.
    fn trim_origin(&self) -> f32 {
        self.margin + self.bleed
    }
    fn trim_box(&self) -> krilla::geom::Rect {
        let o = self.trim_origin();
        krilla::geom::Rect::from_xywh(o, o, self.trim_w, self.trim_h).expect("non-empty trim")
    }
    fn bleed_box(&self) -> krilla::geom::Rect {
        let o = self.margin;
        krilla::geom::Rect::from_xywh(o, o, self.trim_w + 2.0 * self.bleed, self.trim_h + 2.0 * self.bleed).expect("non-empty bleed")
    }
    /// Scene mm → page points.
    fn scene_transform(&self) -> Transform {
        let o = self.trim_origin();
        Transform::from_row(self.k, 0.0, 0.0, self.k, o, o)
    }
}

/// PDF's page-size limit (14,400 units, ISO 32000-1 Annex C), in mm.
pub const MAX_PAGE_MM: f32 = 14_400.0 / PT_PER_MM;

/// Length of the page's longer side, in mm, for a trim side of `side_mm` at full size: the one
/// rule both campaign validation and this backend apply (crop-mark margin included).
pub fn page_mm(side_mm: f32, bleed_mm: f32, scale: f32) -> f32 {
    (side_mm + 2.0 * bleed_mm) * scale + 2.0 * marks::margin_pt() / PT_PER_MM
}

/// File name part naming the supply scale: 0.1 → "10pct", 0.125 → "12_5pct".
pub fn file_suffix(scale: f32) -> String {
    let pct = (scale as f64 * 1000.0).round() / 10.0;
    if pct.fract() == 0.0 { format!("{pct:.0}pct") } else { format!("{pct:.1}pct").replace('.', "_") }
}

/// Draw `scene` as a one-page print PDF.
pub fn render(scene: &Scene, opts: &PdfOptions) -> Result<Vec<u8>, String> {
    if !(opts.scale > 0.0 && opts.scale.is_finite()) {
        return Err(format!("print scale must be a positive number, got {}", opts.scale));
    }
    let profile = match &opts.output_profile {
        Some((path, bytes)) => Some(pdfx::Profile::parse(path, bytes)?),
        None => None,
    };

    let g = Geometry::new(scene, opts.scale, opts.crop_marks);
    let (mw, mh) = g.media();
    if mw.max(mh) > MAX_PAGE_MM * PT_PER_MM {
        return Err(format!(
            "{}: page is {:.0} × {:.0} pt, past PDF's 14,400 pt page limit; hint: supply it at a smaller scale",
            scene.key, mw, mh
        ));
    }

    let configuration = ConfigurationBuilder::new()
        // PDF/X-4 is defined on PDF 1.6; plain files use it too so both paths share one base.
        .with_version(PdfVersion::Pdf16)
        .finish()
        .map_err(|e| format!("pdf configuration: {e:?}"))?;
    let settings = SerializeSettings {
        configuration,
        // The PDF/X update writes its own XMP (krilla's says RenditionClass "proof").
        xmp_metadata: profile.is_none(),
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    let date = creation_date();
    let mut doc = Document::new_with(settings);
    doc.set_metadata(
        Metadata::new()
            .title(opts.title.clone())
            .creator(CREATOR.into())
            .producer(producer())
            .creation_date(date.krilla())
            .document_id(opts.title.clone()),
    );

    let page_settings = PageSettings::from_wh(mw, mh)
        .ok_or("empty page")?
        .with_bleed_box(Some(g.bleed_box()))
        .with_trim_box(Some(g.trim_box()));
    let mut page = doc.start_page_with(page_settings);
    let mut surface = page.surface();
    let drawn = draw_scene(&mut surface, scene, &g);
    if opts.crop_marks {
        marks::draw(&mut surface, &g);
    }
    surface.finish();
    page.finish();
    drawn.map_err(|e| format!("{}: {e}", scene.key))?;
    let pdf = doc.finish().map_err(|e| format!("{}: pdf export failed: {e:?}", scene.key))?;

    match profile {
        Some(p) => pdfx::make_pdfx4(pdf, &p, &opts.title, &date),
        None => Ok(pdf),
    }
}

fn draw_scene(surface: &mut Surface, scene: &Scene, g: &Geometry) -> Result<(), String> {
    surface.push_transform(&g.scene_transform());
    // Nothing may spill into the mark area, whatever the scene holds.
    let bleed = scene.bleed_box();
    if let Some(clip) = rect_path(bleed) {
        surface.push_clip_path(&clip, &FillRule::NonZero);
    }
    fill_rect(surface, bleed, scene.background);
    let mut fonts = text::FontCache::default();
    for item in &scene.items {
        match &item.kind {
            ItemKind::Fill { rect, colour } => fill_rect(surface, *rect, *colour),
            ItemKind::Text(t) => text::draw(surface, t, &mut fonts),
            ItemKind::Qr(q) => qr::draw(surface, q),
            ItemKind::Image(img) => image::draw(surface, img)?,
        }
    }
    surface.pop();
    surface.pop();
    Ok(())
}

/// A brand colour as krilla DeviceCMYK (krilla keeps 8 bits per channel).
fn cmyk(c: Colour) -> cmyk::Color {
    let [c, m, y, k] = c.cmyk.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8);
    cmyk::Color::new(c, m, y, k)
}

fn set_fill(surface: &mut Surface, c: Colour) {
    surface.set_stroke(None);
    surface.set_fill(Some(Fill { paint: cmyk(c).into(), opacity: NormalizedF32::ONE, rule: FillRule::NonZero }));
}

fn rect_path(r: Rect) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    pb.push_rect(krilla::geom::Rect::from_xywh(r.x, r.y, r.w, r.h)?);
    pb.finish()
}

fn fill_rect(surface: &mut Surface, r: Rect, c: Colour) {
    if let Some(path) = rect_path(r) {
        set_fill(surface, c);
        surface.draw_path(&path);
    }
}

const CREATOR: &str = "billposter";

fn producer() -> String {
    format!("billposter {} (krilla 0.8.2)", env!("CARGO_PKG_VERSION"))
}

/// The one date a file carries: `SOURCE_DATE_EPOCH` when set (reproducible builds), otherwise a
/// fixed date, so reruns are byte-identical.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Date {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
}

const FIXED_DATE: Date = Date { year: 2000, month: 1, day: 1, hour: 0, minute: 0, second: 0 };

fn creation_date() -> Date {
    std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).and_then(Date::from_unix).unwrap_or(FIXED_DATE)
}

impl Date {
    /// UTC calendar time of a Unix timestamp.
    fn from_unix(t: i64) -> Option<Date> {
        let d = crate::campaign::Date::from_days(t.div_euclid(86_400));
        let secs = t.rem_euclid(86_400);
        if !(1..=9999).contains(&d.year) {
            return None;
        }
        Some(Date { year: d.year as u16, month: d.month as u8, day: d.day as u8, hour: (secs / 3600) as u8, minute: (secs / 60 % 60) as u8, second: (secs % 60) as u8 })
    }

    fn krilla(&self) -> DateTime {
        DateTime::new(self.year)
            .month(self.month)
            .day(self.day)
            .hour(self.hour)
            .minute(self.minute)
            .second(self.second)
            .utc_offset_hour(0)
            .utc_offset_minute(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_names_the_scale() {
        assert_eq!(file_suffix(0.1), "10pct");
        assert_eq!(file_suffix(0.25), "25pct");
        assert_eq!(file_suffix(1.0), "100pct");
        assert_eq!(file_suffix(0.125), "12_5pct");
    }

    #[test]
    fn unix_time_to_calendar() {
        assert_eq!(Date::from_unix(0), Some(Date { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 }));
        // 2019-03-18T09:30:15Z
        assert_eq!(Date::from_unix(1_552_901_415), Some(Date { year: 2019, month: 3, day: 18, hour: 9, minute: 30, second: 15 }));
        assert_eq!(Date::from_unix(951_782_400).map(|d| (d.month, d.day)), Some((2, 29))); // 2000-02-29
    }
}
