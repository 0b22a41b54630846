//! `manifest.json`: what was made, where, and what each QR encodes.

use serde::Serialize;

#[derive(Serialize, Debug, Clone)]
pub struct Manifest {
    pub campaign: String,
    pub assets: Vec<Entry>,
}

#[derive(Serialize, Debug, Clone)]
pub struct Entry {
    pub path: String,
    pub kind: &'static str,
    pub format: String,
    pub message: String,
    pub language: String,
    pub width_px: u32,
    pub height_px: u32,
    pub qr: bool,
    pub link: Option<String>,
    pub proof: Option<String>,
    pub alt: Option<String>,
    pub weeks: Vec<u32>,
    pub sha256: String,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let d = sha2::Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

impl Manifest {
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("manifest serialises");
        s.push('\n');
        s
    }
}
