//! The built-in format catalogue (docs/formats.md), and the single `Format` type every stage
//! reads; the page-size rule print PDFs obey. Where no source was found for a value, the
//! description says "assumed" and a campaign can override it.

use super::units::{CSS_PX_PER_MM, PT_PER_MM, Rect, Sides};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Print,
    Social,
    Screen,
}

impl Kind {
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Print => "print",
            Kind::Social => "social",
            Kind::Screen => "screen",
        }
    }
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "print" => Some(Kind::Print),
            "social" => Some(Kind::Social),
            "screen" => Some(Kind::Screen),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileType {
    Png,
    Jpeg,
}

impl FileType {
    pub fn ext(&self) -> &'static str {
        match self {
            FileType::Png => "png",
            FileType::Jpeg => "jpg",
        }
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Format {
    pub id: String,
    pub kind: Kind,
    pub description: String,
    /// Trim size at full size in mm. For social/screen formats this is the pixel size at
    /// CSS density (see `units::CSS_PX_PER_MM`), so layout works in one unit.
    pub width_mm: f32,
    pub height_mm: f32,
    /// Raster formats: the exact pixel size of the file.
    pub px: Option<(u32, u32)>,
    /// Print: the scale the PDF is supplied at.
    pub scale: f32,
    /// Print: bleed at full size.
    pub bleed_mm: f32,
    /// Margin inside the trim kept free of copy (print safe area, or platform overlay zones),
    /// in scene mm.
    pub safe: Sides,
    /// Typical reading distance; drives legibility minimums. `None` for social formats,
    /// whose rule is in pixels.
    pub viewing_m: Option<f32>,
    /// Physical size of the display for screens (for legibility), in mm.
    pub display_mm: Option<(f32, f32)>,
    pub roadside: bool,
    pub file: FileType,
    pub max_bytes: Option<u64>,
    /// Print posted in paper panels (a 48-sheet is 12 sheets of 1016 × 1524 mm): the panel
    /// size at full size. Its seams are where pasted sheets meet and may gap or overlap by a
    /// few millimetres, so small copy and the helpline's digits are kept off them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paper_panel_mm: Option<(f32, f32)>,
}

impl Format {
    #[allow(clippy::too_many_arguments)] // a catalogue row: one argument per column
    pub fn print(id: &str, w: f32, h: f32, scale: f32, bleed: f32, safe: Sides, view: f32, roadside: bool, desc: &str) -> Format {
        Format {
            id: id.into(),
            kind: Kind::Print,
            description: desc.into(),
            width_mm: w,
            height_mm: h,
            px: None,
            scale,
            bleed_mm: bleed,
            safe,
            viewing_m: Some(view),
            display_mm: None,
            roadside,
            file: FileType::Png,
            max_bytes: None,
            paper_panel_mm: None,
        }
    }

    /// The same format, posted in paper panels of this size (full size, mm).
    pub fn in_panels(mut self, w: f32, h: f32) -> Format {
        self.paper_panel_mm = Some((w, h));
        self
    }

    #[allow(clippy::too_many_arguments)] // a catalogue row: one argument per column
    pub fn raster(id: &str, kind: Kind, w: u32, h: u32, safe_px: Sides, max_mb: u64, file: FileType, desc: &str) -> Format {
        Format {
            id: id.into(),
            kind,
            description: desc.into(),
            width_mm: w as f32 / CSS_PX_PER_MM,
            height_mm: h as f32 / CSS_PX_PER_MM,
            px: Some((w, h)),
            scale: 1.0,
            bleed_mm: 0.0,
            safe: safe_px.scaled(1.0 / CSS_PX_PER_MM),
            viewing_m: None,
            display_mm: None,
            roadside: false,
            file,
            max_bytes: Some(max_mb * 1_000_000),
            paper_panel_mm: None,
        }
    }

    /// Pixels per scene millimetre of a pixel format's file; `None` for print. Layout snaps to
    /// this grid and preflight reports in these pixels; the raster backend draws at it.
    pub fn px_per_mm(&self) -> Option<f32> {
        self.px.map(|(w, _)| w as f32 / self.width_mm)
    }

    /// A scene coordinate moved onto the file's pixel grid (pixel formats; print keeps it): a
    /// QR code placed there has crisp module edges.
    pub fn snap_to_px(&self, mm: f32) -> f32 {
        self.px_per_mm().map_or(mm, |k| (mm * k).round() / k)
    }

    /// Aspect ratio width / height.
    pub fn aspect(&self) -> f32 {
        self.width_mm / self.height_mm
    }

    /// Legibility minimum: the smallest cap height any line may have, in scene mm.
    /// Print and screen: viewing distance × k (2.8 mm/m roadside, 5 mm/m pedestrian), measured
    /// on the physical panel. Social: 28 px per 1080 px of width, taken as font size, so the
    /// caller passes the font's cap-height ratio.
    pub fn min_cap_mm(&self, cap_ratio: f32) -> f32 {
        match (self.kind, self.viewing_m) {
            (Kind::Social, _) | (_, None) => self.min_social_text_mm() * cap_ratio,
            (_, Some(d)) => {
                let k = if self.roadside { 2.8 } else { 5.0 };
                let physical = d * k;
                // A screen's scene is in CSS px; map the physical minimum onto it.
                match self.display_mm {
                    Some((dw, _)) => physical * self.width_mm / dw,
                    None => physical,
                }
            }
        }
    }

    /// The resolution a photograph needs at full size for this format's viewing distance:
    /// max(30, 180 ÷ distance in m) ppi (formats.md); preflight warns below it and fails below
    /// half, and the print PDF embeds the photo at it. Social and screen formats have none: 30.
    pub fn min_photo_ppi(&self) -> f32 {
        const PPI_METRES: f32 = 180.0;
        const PPI_FLOOR: f32 = 30.0;
        self.viewing_m.map_or(PPI_FLOOR, |d| (PPI_METRES / d).max(PPI_FLOOR))
    }

    /// Smallest QR symbol width (quiet zone excluded), in scene mm: print ≥ viewing distance ÷ 10
    /// and never below 20 mm at full size; screens and social ≥ 240 px per 1080 px of width.
    pub fn min_qr_symbol_mm(&self) -> f32 {
        match (self.kind, self.viewing_m) {
            (Kind::Print, Some(d)) => (d * 1000.0 / 10.0).max(20.0),
            (Kind::Print, None) => 20.0,
            _ => 240.0 / 1080.0 * self.width_mm,
        }
    }

    /// Pixels per scene mm as a phone camera sees the artwork: print from the viewing distance
    /// (scene mm are full size); screens from theirs, over the displayed width; social at the size
    /// a phone shows it (1,080 device px across a full-width feed image). The camera: 3,000 px
    /// across a 70° field of view (a 12 MP main camera resolves ~4,000; scanning apps often use
    /// a video stream).
    pub fn phone_px_per_mm(&self) -> f32 {
        const PHONE_PX: f32 = 3000.0;
        const FOV_TAN_HALF: f32 = 0.7; // tan(35°)
        let at = |d: f32| PHONE_PX / (2.0 * d * 1000.0 * FOV_TAN_HALF);
        match (self.kind, self.viewing_m, self.display_mm) {
            (Kind::Print, Some(d), _) => at(d),
            (Kind::Screen, Some(d), Some((dw, _))) => at(d) * dw / self.width_mm,
            _ => 1080.0 / self.width_mm,
        }
    }

    /// Smallest font size on social images, in scene mm: 28 px per 1080 px of width.
    pub fn min_social_text_mm(&self) -> f32 {
        28.0 / 1080.0 * self.width_mm
    }

    /// The trim box grown by the bleed, in scene mm: what a full-bleed fill or photo covers.
    pub fn bleed_rect(&self) -> Rect {
        Rect::new(0.0, 0.0, self.width_mm, self.height_mm).outset(self.bleed_mm)
    }

    /// The scene rectangle kept free of copy.
    pub fn safe_rect(&self) -> Rect {
        Rect::new(0.0, 0.0, self.width_mm, self.height_mm).inset(self.safe)
    }

    /// Where the paper panels meet, in scene mm: the x of each vertical seam and the y of each
    /// horizontal one (none for a format printed in one piece or shown on a screen).
    pub fn seams(&self) -> (Vec<f32>, Vec<f32>) {
        let Some((pw, ph)) = self.paper_panel_mm else { return (vec![], vec![]) };
        let inner = |size: f32, step: f32| (1..).map(move |i| i as f32 * step).take_while(move |&v| v < size - 1.0);
        (inner(self.width_mm, pw).collect(), inner(self.height_mm, ph).collect())
    }
}

/// The catalogue as shipped, in the order `billposter formats` prints it.
pub fn builtin() -> Vec<Format> {
    let social = |id: &str, w, h, safe: Sides, mb, desc: &str| Format::raster(id, Kind::Social, w, h, safe, mb, FileType::Png, desc);
    let mut d6 = Format::raster(
        "d6",
        Kind::Screen,
        1080,
        1920,
        Sides::all(54.0),
        1,
        FileType::Jpeg,
        "digital 6-sheet and digital phone kiosks (Adshel Live), JPEG ≤ 1 MB; display size assumed (84-inch class, 1046 × 1860 mm); 5% margin assumed",
    );
    d6.viewing_m = Some(3.0);
    d6.display_mm = Some((1046.0, 1860.0));
    vec![
        Format::print(
            "billboard-48",
            6096.0,
            3048.0,
            0.1,
            10.0,
            Sides::xy(200.0, 150.0),
            50.0,
            true,
            "48-sheet roadside billboard; 12 paper panels 1016 × 1524: small copy kept off seams where possible",
        )
        .in_panels(1016.0, 1524.0),
        Format::print("billboard-96", 12192.0, 3048.0, 0.1, 10.0, Sides::xy(400.0, 150.0), 60.0, true, "96-sheet roadside billboard"),
        Format::print("six-sheet", 1200.0, 1800.0, 0.25, 8.0, Sides::all(30.0), 3.0, false, "6-sheet bus shelter / street furniture"),
        Format::print(
            "phone-box",
            1200.0,
            1800.0,
            0.25,
            8.0,
            Sides::all(30.0),
            2.0,
            false,
            "phone box / kiosk panel; size assumed (6-sheet class), no owner spec found",
        ),
        d6,
        social("instagram-square", 1080, 1080, Sides::all(64.0), 8, "Instagram feed, square"),
        social("instagram-portrait", 1080, 1350, Sides::all(64.0), 8, "Instagram feed, portrait; grid preview crops to 3:4"),
        social(
            "instagram-story",
            1080,
            1920,
            // Meta's Stories safe zone: ~14% top and ~20% bottom, the larger of % and px at
            // 1080 × 1920. Text and QR stay inside; the ground fills the rest.
            Sides { top: 269.0, bottom: 384.0, left: 65.0, right: 65.0 },
            8,
            "Instagram Stories; copy kept inside Meta's Stories safe zone (269 px top, 384 px bottom, 65 px sides)",
        ),
        social("facebook-link", 1200, 630, Sides::all(40.0), 10, "Facebook link / feed card"),
        social("x-post", 1200, 675, Sides::all(40.0), 5, "X (Twitter) in-stream image"),
        social("linkedin-post", 1200, 627, Sides::all(40.0), 5, "LinkedIn shared-link image"),
    ]
}

/// Crop marks (print PDFs): clear space between the bleed edge and a mark, so a mark never
/// touches bleed artwork even when the trim is off by a little; the mark's length; paper left
/// beyond its outer end. In points of the supplied page.
pub const MARK_GAP_PT: f32 = 1.0 * PT_PER_MM;
pub const MARK_LEN_PT: f32 = 6.0 * PT_PER_MM;
pub const MARK_SLACK_PT: f32 = 1.0 * PT_PER_MM;

/// Space the crop marks need between the BleedBox and the MediaBox.
pub fn crop_mark_margin_pt() -> f32 {
    MARK_GAP_PT + MARK_LEN_PT + MARK_SLACK_PT
}

/// PDF's page-size limit (14,400 units, ISO 32000-1 Annex C), in mm.
pub const MAX_PAGE_MM: f32 = 14_400.0 / PT_PER_MM;

/// Length of the page's longer side, in mm, for a trim side of `side_mm` at full size: the one
/// rule both campaign validation and the PDF backend apply (crop-mark margin included).
pub fn page_mm(side_mm: f32, bleed_mm: f32, scale: f32) -> f32 {
    (side_mm + 2.0 * bleed_mm) * scale + 2.0 * crop_mark_margin_pt() / PT_PER_MM
}

/// File name part naming a print file's supply scale: 0.1 → "10pct", 0.125 → "12_5pct".
pub fn scale_suffix(scale: f32) -> String {
    let pct = (scale as f64 * 1000.0).round() / 10.0;
    if pct.fract() == 0.0 { format!("{pct:.0}pct") } else { format!("{pct:.1}pct").replace('.', "_") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_names_the_scale() {
        assert_eq!(scale_suffix(0.1), "10pct");
        assert_eq!(scale_suffix(0.25), "25pct");
        assert_eq!(scale_suffix(1.0), "100pct");
        assert_eq!(scale_suffix(0.125), "12_5pct");
    }
}
