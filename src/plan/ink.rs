//! Total area coverage: C + M + Y + K of every colour a print PDF fills with must stay at or
//! under 300% (formats.md, "Ink"): uncoated poster paper is wet-posted, and heavy ink curls it
//! and dries slowly. Only brand colours given as `{cmyk: …}` can exceed it: a `"#RRGGBB"`
//! colour goes through the naive GCR conversion (one of C, M, Y is always 0, so at most ~300%),
//! the QR code is 100% K on paper white, logo pixels are converted the same naive way, and the
//! crop marks' registration colour lies outside the trim.

use crate::campaign::Campaign;
use crate::vocab::{Code, Colour, Diagnostic, Kind};

/// The limit, in percent.
pub const MAX_INK_PERCENT: f32 = 300.0;

/// One warning per brand colour over the limit, when the campaign prints anything.
pub(super) fn ink_findings(c: &Campaign) -> Vec<Diagnostic> {
    let prints = c.placements.iter().any(|p| c.format(&p.format.value).is_some_and(|f| f.kind == Kind::Print));
    if !prints {
        return Vec::new();
    }
    let b = &c.brand;
    let mut out = Vec::new();
    for (name, colour) in [("brand.background", b.background), ("brand.text", b.text), ("brand.accent", b.accent)] {
        let total = coverage(colour);
        // Rounded to a tenth, so a colour given as exactly 300 is never flagged by float error.
        if (total * 10.0).round() / 10.0 > MAX_INK_PERCENT {
            let pct = colour.cmyk.map(|v| (v * 1000.0).round() / 10.0);
            out.push(
                Diagnostic::warning(
                    Code::Pdf,
                    format!(
                        "{name} {{cmyk: [{}, {}, {}, {}]}} is {:.0}% total ink; poster paper takes at most {MAX_INK_PERCENT:.0}% (heavy ink curls wet-posted paper)",
                        pct[0], pct[1], pct[2], pct[3], total
                    ),
                )
                .in_file(&c.file)
                .hint("lower C, M and Y and let K carry the dark (ask the printer for the colour's CMYK at ≤ 300%)"),
            );
        }
    }
    out
}

/// C + M + Y + K in percent.
pub fn coverage(c: Colour) -> f32 {
    c.cmyk.iter().sum::<f32>() * 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_stay_under_the_limit() {
        for rgb in [[0, 0, 0], [1, 0, 0], [11, 37, 69], [255, 194, 14], [0, 1, 1]] {
            assert!(coverage(Colour::from_srgb(rgb)) <= MAX_INK_PERCENT, "{rgb:?}");
        }
        assert!((coverage(Colour::from_cmyk_percent([80.0, 80.0, 80.0, 70.0])) - 310.0).abs() < 0.01);
    }
}
