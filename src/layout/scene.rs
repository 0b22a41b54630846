//! The backend-neutral scene: everything one asset shows, positioned in millimetres from the
//! trim box's top-left corner (y down). Backends draw exactly this and nothing else; preflight
//! measures exactly this. It serialises (spans left out) for the render cache's key.

use crate::qr::QrMatrix;
use crate::vocab::Span;
use crate::vocab::units::Rect;
use crate::vocab::{Bitmap, Colour, FontFile};
use serde::Serialize;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Background,
    Band,
    Headline,
    Body,
    HelplineNote,
    Helpline,
    Hours,
    Website,
    Imprint,
    Qr,
    Logo,
    /// The photograph (split and photo layouts).
    Photo,
    /// The panel of background colour the band and small print sit on over a photograph.
    Panel,
}

impl Role {
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Background => "background",
            Role::Band => "band",
            Role::Headline => "headline",
            Role::Body => "body",
            Role::HelplineNote => "helpline-note",
            Role::Helpline => "helpline",
            Role::Hours => "hours",
            Role::Website => "website",
            Role::Imprint => "imprint",
            Role::Qr => "qr",
            Role::Logo => "logo",
            Role::Photo => "photo",
            Role::Panel => "panel",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Scene {
    pub key: String,
    pub width_mm: f32,
    pub height_mm: f32,
    pub bleed_mm: f32,
    /// Area kept free of copy (safe margin, platform overlays).
    pub safe: Rect,
    pub background: Colour,
    pub items: Vec<Item>,
}

/// The colour a graphic at `rect` sits on among `painted` (the items drawn before it): the last
/// fill or photograph under it, else `background`. On a photograph, the mean colour of its
/// pixels there: a logo in the corner of a photo is judged against the photo, not the brand's
/// background.
pub fn surface_under(painted: &[Item], background: Colour, rect: Rect) -> Colour {
    let mut surface = background;
    for it in painted {
        match &it.kind {
            ItemKind::Fill { rect: r, colour } if r.intersects(&rect) => surface = *colour,
            ItemKind::Image(img) if it.role == Role::Photo && img.rect.intersects(&rect) => {
                if let Some(mean) = mean_colour(&img.bitmap, super::photo::pixel_box(&img.bitmap, img.rect, rect)) {
                    surface = mean;
                }
            }
            _ => {}
        }
    }
    surface
}

/// The mean sRGB colour of a bitmap's pixels inside `[x0, y0, x1, y1)`; `None` when empty.
fn mean_colour(b: &Bitmap, [x0, y0, x1, y1]: [u32; 4]) -> Option<Colour> {
    let (x1, y1) = (x1.min(b.width), y1.min(b.height));
    let (mut sum, mut n) = ([0u64; 3], 0u64);
    for y in y0..y1 {
        for x in x0..x1 {
            let i = ((y * b.width + x) * 4) as usize;
            for (c, s) in sum.iter_mut().enumerate() {
                *s += u64::from(b.rgba[i + c]);
            }
            n += 1;
        }
    }
    (n > 0).then(|| Colour::from_srgb(sum.map(|s| (s / n) as u8)))
}

impl Scene {
    pub fn trim(&self) -> Rect {
        Rect::new(0.0, 0.0, self.width_mm, self.height_mm)
    }
    pub fn bleed_box(&self) -> Rect {
        Rect::new(0.0, 0.0, self.width_mm, self.height_mm).outset(self.bleed_mm)
    }
    pub fn texts(&self) -> impl Iterator<Item = (&Item, &TextBlock)> {
        self.items.iter().filter_map(|i| match &i.kind {
            ItemKind::Text(t) => Some((i, t)),
            _ => None,
        })
    }
    pub fn qr(&self) -> Option<&QrBlock> {
        self.items.iter().find_map(|i| match &i.kind {
            ItemKind::Qr(q) => Some(q),
            _ => None,
        })
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub role: Role,
    /// Where in the campaign file this item's content came from (reaches no file).
    #[serde(skip)]
    pub span: Span,
    /// The region layout gave this item; its content lies inside it.
    pub region: Rect,
    pub kind: ItemKind,
}

#[derive(Clone, Debug, Serialize)]
pub enum ItemKind {
    /// A filled rectangle; may extend into the bleed.
    Fill {
        rect: Rect,
        colour: Colour,
    },
    Text(TextBlock),
    Qr(QrBlock),
    Image(ImageItem),
}

#[derive(Clone, Debug, Serialize)]
pub struct TextBlock {
    /// The source text; glyph clusters index into it.
    pub text: String,
    pub size_mm: f32,
    pub cap_height_mm: f32,
    pub colour: Colour,
    pub lines: Vec<TextLine>,
    pub runs: Vec<GlyphRun>,
    /// Union of the line boxes (advance width × line height).
    pub bounds: Rect,
}

#[derive(Clone, Debug, Serialize)]
pub struct TextLine {
    pub text: Range<usize>,
    pub baseline_y: f32,
    pub rect: Rect,
}

/// Glyphs of one font on one line, already shaped and positioned.
#[derive(Clone, Debug, Serialize)]
pub struct GlyphRun {
    pub font: FontFile,
    pub size_mm: f32,
    pub glyphs: Vec<Glyph>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Glyph {
    pub id: u32,
    /// Pen position on the baseline, in scene mm.
    pub x: f32,
    pub y: f32,
    pub advance: f32,
    /// Byte range of the source text this glyph draws (ligatures cover several characters).
    pub text: Range<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct QrBlock {
    pub matrix: QrMatrix,
    /// The whole code including its quiet zone.
    pub rect: Rect,
    pub module_mm: f32,
    pub dark: Colour,
    pub light: Colour,
    pub link: String,
}

impl QrBlock {
    /// The dark modules as rectangles, one per horizontal run: both backends fill these as one
    /// path, so touching modules share one fill and no hairline seams appear between them.
    pub fn dark_rects(&self) -> impl Iterator<Item = Rect> + '_ {
        let (m, q) = (self.module_mm, crate::qr::QUIET_ZONE);
        self.matrix
            .dark_runs()
            .into_iter()
            .map(move |(row, col, len)| Rect::new(self.rect.x + (col + q) as f32 * m, self.rect.y + (row + q) as f32 * m, len as f32 * m, m))
    }

    /// The symbol without the quiet zone.
    pub fn symbol_rect(&self) -> Rect {
        let q = crate::qr::QUIET_ZONE as f32 * self.module_mm;
        Rect::new(self.rect.x + q, self.rect.y + q, self.rect.w - 2.0 * q, self.rect.h - 2.0 * q)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ImageItem {
    pub rect: Rect,
    pub bitmap: Bitmap,
    /// A photograph: the size of its crop in the source photo's pixels (its effective
    /// resolution); `None` for the logo.
    pub source_px: Option<[u32; 2]>,
    /// A print photograph once more, resampled from the source for the asset's proof density
    /// (`bitmap` is at the print's supply resolution): the raster draws it pixel for pixel
    /// instead of filtering 11 MP down per proof, and a proof shows a proper resample. `None`:
    /// `bitmap` is already at the raster's density, or is a logo.
    pub proof: Option<Bitmap>,
}
