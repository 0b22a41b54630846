//! sRGB pixels → CMYK bytes by the documented naive rule (`Colour::from_srgb`), through tables:
//! a photograph is millions of pixels, and the rule's divisions per pixel were a fifth of a
//! print PDF's time.
//!
//! Under the rule, K depends only on the largest channel and each of C, M, Y only on its own
//! channel and that largest one; so a 256 × 256 table of the rule's own results (each entry
//! computed by `Colour::from_srgb`, rounded the same way) gives the same bytes for every pixel.

use crate::vocab::Colour;
use crate::vocab::photo::to_u8;
use std::sync::OnceLock;

struct Tables {
    /// `[max][v]`: the C (or M, Y) byte of a channel `v` when the largest channel is `max`.
    ink: Vec<[u8; 256]>,
    /// `[max]`: the K byte.
    black: [u8; 256],
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| Tables {
        ink: (0..=255u8).map(|max| std::array::from_fn(|v| to_u8(Colour::from_srgb([(v as u8).min(max), max, 0]).cmyk[0] * 255.0))).collect(),
        black: std::array::from_fn(|max| to_u8(Colour::from_srgb([max as u8, 0, 0]).cmyk[3] * 255.0)),
    })
}

/// The CMYK bytes of opaque sRGB pixels given as RGBA (alpha not read), four per pixel: for
/// each, `Colour::from_srgb(rgb).cmyk` × 255, rounded (the logo's pixels; a photograph's go to
/// the JPEG encoder a row at a time, `RgbaAsCmyk`).
pub(super) fn from_rgba(rgba: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rgba.len());
    for px in rgba.chunks_exact(4) {
        out.extend_from_slice(&cmyk_by(tables(), px));
    }
    out
}

fn cmyk_by(t: &Tables, px: &[u8]) -> [u8; 4] {
    let max = px[0].max(px[1]).max(px[2]) as usize;
    let ink = &t.ink[max];
    [ink[px[0] as usize], ink[px[1] as usize], ink[px[2] as usize], t.black[max]]
}

/// Opaque RGBA pixels as the JPEG encoder's CMYK rows, converted a row at a time as it asks for
/// them (`from_rgba`'s bytes, without an 11 MP photo's 45 MB CMYK copy). Stored inverted, as
/// Adobe's CMYK JPEGs are (the encoder's own CMYK input does the same).
pub(super) struct RgbaAsCmyk<'a> {
    pub rgba: &'a [u8],
    pub width: u16,
    pub height: u16,
}

impl jpeg_encoder::ImageBuffer for RgbaAsCmyk<'_> {
    fn get_jpeg_color_type(&self) -> jpeg_encoder::JpegColorType {
        jpeg_encoder::JpegColorType::Cmyk
    }
    fn width(&self) -> u16 {
        self.width
    }
    fn height(&self) -> u16 {
        self.height
    }
    fn fill_buffers(&self, y: u16, buffers: &mut [Vec<u8>; 4]) {
        // The encoder repeats the last row itself to fill its last block: `y` is a real row.
        let (row, y) = (usize::from(self.width) * 4, usize::from(y));
        let t = tables();
        for b in buffers.iter_mut() {
            b.reserve(usize::from(self.width));
        }
        for px in self.rgba[y * row..(y + 1) * row].chunks_exact(4) {
            let c = cmyk_by(t, px);
            for (b, v) in buffers.iter_mut().zip(c) {
                b.push(255 - v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_give_the_rule_s_bytes_for_every_colour() {
        for r in 0..=255u8 {
            let rgba: Vec<u8> = (0..=255u8).flat_map(|g| (0..=255u8).flat_map(move |b| [r, g, b, 255])).collect();
            let direct: Vec<u8> = rgba.chunks_exact(4).flat_map(|p| Colour::from_srgb([p[0], p[1], p[2]]).cmyk.map(|v| (v * 255.0).round() as u8)).collect();
            assert!(from_rgba(&rgba) == direct, "a colour with red {r} differs");
        }
    }

    /// The row-at-a-time CMYK gives the encoder exactly the JPEG its own CMYK input does.
    #[test]
    fn a_jpeg_from_rows_is_the_jpeg_from_the_converted_copy() {
        let (w, h) = (37u16, 21u16);
        let rgba: Vec<u8> = (0..u32::from(w) * u32::from(h)).flat_map(|i| [(i * 7) as u8, (i * 13 / 3) as u8, (255 - i % 256) as u8, 255]).collect();
        let mut whole = Vec::new();
        jpeg_encoder::Encoder::new(&mut whole, 90).encode(&from_rgba(&rgba), w, h, jpeg_encoder::ColorType::Cmyk).unwrap();
        let mut rows = Vec::new();
        jpeg_encoder::Encoder::new(&mut rows, 90).encode_image(RgbaAsCmyk { rgba: &rgba, width: w, height: h }).unwrap();
        assert!(whole == rows);
    }
}
