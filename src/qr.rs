//! Link → QR module matrix. No drawing here: each backend draws modules its own best way and
//! preflight measures them.

use crate::vocab::Format;
use qrcode::{EcLevel, QrCode};

/// Modules of light margin around the symbol (ISO/IEC 18004 requires 4).
pub const QUIET_ZONE: u32 = 4;

/// Pixels per module a phone must see (`Format::phone_px_per_mm`) to scan a code: the smallest
/// size from which zbarimg read every code of the calibration corpus in tests/qr_agreement.rs
/// (1,530 codes: it read 6% at 1.0–1.5, 68% at 1.5–2.0, 99.3% at 2.0–2.5 and all from 2.5 up).
pub const MIN_PHONE_PX_PER_MODULE: f32 = 2.5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Ec {
    M,
    Q,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct QrMatrix {
    /// Modules per side, without the quiet zone.
    pub size: u32,
    /// Row-major, `true` = dark.
    pub dark: Vec<bool>,
    pub ec: Ec,
}

impl QrMatrix {
    pub fn encode(data: &str, ec: Ec) -> Result<QrMatrix, String> {
        let level = match ec {
            Ec::M => EcLevel::M,
            Ec::Q => EcLevel::Q,
        };
        let code = QrCode::with_error_correction_level(data.as_bytes(), level).map_err(|e| format!("cannot encode QR: {e}"))?;
        let size = code.width() as u32;
        let dark = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
        Ok(QrMatrix { size, dark, ec })
    }

    pub fn is_dark(&self, x: u32, y: u32) -> bool {
        self.dark[(y * self.size + x) as usize]
    }

    /// Horizontal runs of dark modules as (row, first column, length): both backends draw
    /// these as rectangles, one path, so no hairline seams appear between modules.
    pub fn dark_runs(&self) -> Vec<(u32, u32, u32)> {
        let mut runs = Vec::new();
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if self.is_dark(x, y) {
                    let start = x;
                    while x < self.size && self.is_dark(x, y) {
                        x += 1;
                    }
                    runs.push((y, start, x - start));
                } else {
                    x += 1;
                }
            }
        }
        runs
    }

    /// Smallest symbol width (quiet zone excluded) for this code on `f`, in scene mm: the
    /// format's rule, or enough for a phone to see `MIN_PHONE_PX_PER_MODULE` across each of
    /// this code's modules, whichever is larger. A long link needs more modules, so more room.
    pub fn min_symbol_mm(&self, f: &Format) -> f32 {
        f.min_qr_symbol_mm().max(self.size as f32 * MIN_PHONE_PX_PER_MODULE / f.phone_px_per_mm())
    }

    /// Modules per side including the quiet zone on both sides.
    pub fn total_modules(&self) -> u32 {
        self.size + 2 * QUIET_ZONE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::format::builtin;

    #[test]
    fn a_long_link_gets_room_for_its_modules() {
        let f = builtin().into_iter().find(|f| f.id == "six-sheet").expect("six-sheet is built in");
        let short = QrMatrix::encode("https://stopitnow.org.uk/", Ec::Q).unwrap();
        let long = QrMatrix::encode(&format!("https://stopitnow.org.uk/?utm_content={}", "x".repeat(400)), Ec::Q).unwrap();
        // The short code: the format's rule (viewing distance ÷ 10) decides.
        assert_eq!(short.min_symbol_mm(&f), f.min_qr_symbol_mm());
        // The long one: a phone must see 2.5 px on each of its modules.
        let need = long.size as f32 * MIN_PHONE_PX_PER_MODULE / f.phone_px_per_mm();
        assert!(need > f.min_qr_symbol_mm(), "{need} mm");
        assert_eq!(long.min_symbol_mm(&f), need);
    }
}
