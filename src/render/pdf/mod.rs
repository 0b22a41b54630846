//! Scene → print PDF (krilla): CMYK vector artwork at the format's supply scale, real text in
//! embedded subset fonts, trim/bleed boxes, crop marks, and PDF/X-4 when a profile is given.
//!
//! The page is drawn from the same scene as the PNG proof; nothing is laid out again here.
//! Geometry: the page surface is the MediaBox, y down (krilla's convention). Scene items are drawn
//! under one transform that maps scene mm (origin at the trim's top-left) to page points, so
//! every item file works in scene units; crop marks are drawn in page points.

mod cmyk_pixels;
mod image;
mod marks;
mod pdfx;
mod qr;
mod text;

use crate::layout::{ItemKind, Scene};
use crate::vocab::format::{MAX_PAGE_MM, crop_mark_margin_pt};
use crate::vocab::units::{PT_PER_MM, Rect};
use crate::vocab::{Colour, Timestamp};
use krilla::color::cmyk;
use krilla::configure::{ConfigurationBuilder, PdfVersion};
use krilla::geom::{PathBuilder, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::{Document, SerializeSettings};

/// Everything the backend reads besides the scene (resolved by the plan).
pub use crate::vocab::settings::PdfSettings as PdfOptions;

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
        let margin = if crop_marks { crop_mark_margin_pt() } else { 0.0 };
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

/// Draw `scene` as a one-page print PDF.
pub fn render(scene: &Scene, opts: &PdfOptions) -> Result<Vec<u8>, String> {
    if !(opts.scale > 0.0 && opts.scale.is_finite()) {
        return Err(format!("print scale must be a positive number, got {}", opts.scale));
    }
    let profile = opts.output_profile.as_deref();

    let g = Geometry::new(scene, opts.scale, opts.crop_marks);
    let (mw, mh) = g.media();
    if mw.max(mh) > MAX_PAGE_MM * PT_PER_MM {
        return Err(format!("{}: page is {:.0} × {:.0} pt, past PDF's 14,400 pt page limit; hint: supply it at a smaller scale", scene.key, mw, mh));
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
    let date = opts.created;
    let mut doc = Document::new_with(settings);
    doc.set_metadata(
        Metadata::new()
            .title(opts.title.clone())
            .creator(CREATOR.into())
            .producer(producer())
            .creation_date(krilla_date(&date))
            .document_id(opts.title.clone()),
    );

    let page_settings = PageSettings::from_wh(mw, mh).ok_or("empty page")?.with_bleed_box(Some(g.bleed_box())).with_trim_box(Some(g.trim_box()));
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
        Some(p) => pdfx::make_pdfx4(pdf, p, &opts.title, &date),
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

fn krilla_date(d: &Timestamp) -> DateTime {
    DateTime::new(d.year).month(d.month).day(d.day).hour(d.hour).minute(d.minute).second(d.second).utc_offset_hour(0).utc_offset_minute(0)
}
