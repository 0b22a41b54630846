//! Brand colours. Each colour carries both an sRGB value (for raster output and contrast
//! checks) and a CMYK value (for print PDFs), resolved once here so backends never convert.
//!
//! Rules (documented in the README):
//! - `{cmyk: [C, M, Y, K]}` is what print PDFs carry, as DeviceCMYK. krilla 0.8 stores each
//!   ink in 8 bits (`krilla::color::cmyk::Color::new(u8, …)`), so a percentage is written to
//!   the nearest 1/255 (within 0.2 percentage points: 30% is written as 77/255 = 30.2%), the
//!   finest a PDF written by krilla can hold. Its sRGB is the naive
//!   `R = 255 × (1 − C)(1 − K)` (no ICC profile: a preview only).
//! - `"#RRGGBB"` is converted to CMYK by the naive GCR formula `K = 1 − max(R, G, B)`,
//!   `C = (1 − R − K) / (1 − K)` etc. Exact brand colour in print needs CMYK values from the
//!   printer, given as `{cmyk: …}`.

#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Colour {
    pub srgb: [u8; 3],
    /// 0.0..=1.0 each.
    pub cmyk: [f32; 4],
}

impl Colour {
    pub fn from_hex(s: &str) -> Option<Colour> {
        let h = s.strip_prefix('#')?;
        if h.len() != 6 || !h.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(0);
        Some(Colour::from_srgb([p(0), p(2), p(4)]))
    }

    pub fn from_srgb(rgb: [u8; 3]) -> Colour {
        let [r, g, b] = rgb.map(|v| v as f32 / 255.0);
        let k = 1.0 - r.max(g).max(b);
        let cmyk = if k >= 1.0 { [0.0, 0.0, 0.0, 1.0] } else { [(1.0 - r - k) / (1.0 - k), (1.0 - g - k) / (1.0 - k), (1.0 - b - k) / (1.0 - k), k] };
        Colour { srgb: rgb, cmyk }
    }

    /// `pct` in percent, 0..=100.
    pub fn from_cmyk_percent(pct: [f32; 4]) -> Colour {
        let [c, m, y, k] = pct.map(|v| (v / 100.0).clamp(0.0, 1.0));
        let ch = |x: f32| ((1.0 - x) * (1.0 - k) * 255.0).round() as u8;
        Colour { srgb: [ch(c), ch(m), ch(y)], cmyk: [c, m, y, k] }
    }

    /// WCAG 2.x relative luminance of the sRGB value.
    pub fn luminance(&self) -> f64 {
        let lin = |v: u8| {
            let c = v as f64 / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * lin(self.srgb[0]) + 0.7152 * lin(self.srgb[1]) + 0.0722 * lin(self.srgb[2])
    }

    /// WCAG 2.x contrast ratio, 1.0..=21.0.
    pub fn contrast(&self, other: &Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// `#RRGGBB` of the sRGB value.
    pub fn hex(&self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.srgb[0], self.srgb[1], self.srgb[2])
    }

    /// The shade of this colour nearest to it (mixed with black or with white, whichever needs
    /// less) that reaches `ratio` against `on`; `None` when neither black nor white does.
    pub fn nearest_passing(&self, on: &Colour, ratio: f64) -> Option<Colour> {
        if self.contrast(on) >= ratio {
            return Some(*self);
        }
        let mix = |to: u8, t: f64| Colour::from_srgb(self.srgb.map(|v| (v as f64 + (to as f64 - v as f64) * t).round() as u8));
        (1..=100)
            .map(|step| step as f64 / 100.0)
            .find_map(|t| [mix(0, t), mix(255, t)].into_iter().filter(|c| c.contrast(on) >= ratio).min_by(|a, b| a.contrast(on).total_cmp(&b.contrast(on))))
    }

    pub const WHITE: Colour = Colour { srgb: [255, 255, 255], cmyk: [0.0, 0.0, 0.0, 0.0] };
    pub const BLACK: Colour = Colour { srgb: [0, 0, 0], cmyk: [0.0, 0.0, 0.0, 1.0] };
}

/// Rich enough to read as black, without the 400% ink of a CMYK black made from RGB 0,0,0.
pub const NEAR_BLACK: Colour = Colour { srgb: [0x1A, 0x1A, 0x1A], cmyk: [0.0, 0.0, 0.0, 0.9] };

/// The contrast every text needs against what is behind it (WCAG 2.x AA, formats rule).
pub const TEXT_CONTRAST: f64 = 4.5;
/// The contrast the helpline number should have (formats rule: below it, a warning).
pub const HELPLINE_CONTRAST: f64 = 7.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_passing_shade_is_a_small_step_that_passes() {
        let teal = Colour::from_hex("#00796B").unwrap();
        let yellow = Colour::from_hex("#FFC20E").unwrap();
        assert!(teal.contrast(&yellow) < 4.5);
        let fix = teal.nearest_passing(&yellow, 4.5).expect("a darker teal passes");
        assert!(fix.contrast(&yellow) >= 4.5, "{}", fix.hex());
        assert!(fix.srgb.iter().zip(teal.srgb).all(|(a, b)| *a <= b), "darker, not lighter: {}", fix.hex());
        assert_eq!(yellow.nearest_passing(&yellow, 21.0), None);
        assert_eq!(Colour::WHITE.hex(), "#FFFFFF");
    }
    #[test]
    fn wcag_contrast_matches_reference() {
        assert!((Colour::WHITE.contrast(&Colour::BLACK) - 21.0).abs() < 1e-9);
        let grey = Colour::from_hex("#777777").unwrap();
        assert!((grey.contrast(&Colour::WHITE) - 4.48).abs() < 0.01);
    }
    #[test]
    fn hex_to_cmyk_rule() {
        let c = Colour::from_hex("#0B2545").unwrap();
        assert!((c.cmyk[3] - (1.0 - 69.0 / 255.0)).abs() < 1e-6);
        assert_eq!(Colour::from_cmyk_percent([0.0, 0.0, 0.0, 100.0]).srgb, [0, 0, 0]);
    }
}
