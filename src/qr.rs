//! Link → QR module matrix. No drawing here: each backend draws modules its own best way and
//! preflight measures them.

use qrcode::{EcLevel, QrCode};

/// Modules of light margin around the symbol (ISO/IEC 18004 requires 4).
pub const QUIET_ZONE: u32 = 4;

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

    /// Modules per side including the quiet zone on both sides.
    pub fn total_modules(&self) -> u32 {
        self.size + 2 * QUIET_ZONE
    }
}
