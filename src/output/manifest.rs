//! `manifest.json`: what was made, where, and what each QR encodes.

use serde::{Deserialize, Serialize};

#[derive(Serialize, Debug, Clone)]
pub struct Manifest {
    pub campaign: String,
    pub assets: Vec<Entry>,
    /// Present after a full render (not with `--only`/`--message`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub print_order: Option<super::print_order::PrintOrder>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posting_plan: Option<super::posting_plan::PostingPlan>,
}

pub use crate::vocab::diag::Finding;

#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct Entry {
    pub path: String,
    pub kind: String,
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
    /// Preflight findings (warnings, or errors written with `--allow-findings`).
    pub findings: Vec<Finding>,
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

/// A partial render (`--only`, `--message`) updates the entries it rendered and keeps the rest
/// of an existing manifest, so the folder's manifest still describes every file in it.
pub fn merge_into_existing(dir: &std::path::Path, m: &Manifest) -> String {
    let fresh: serde_json::Value = serde_json::to_value(m).expect("manifest serialises");
    let Ok(text) = super::read_small(&dir.join("manifest.json")).map(|b| String::from_utf8_lossy(&b).into_owned()) else { return m.to_json() };
    let Ok(mut old) = serde_json::from_str::<serde_json::Value>(&text) else { return m.to_json() };
    if old.get("campaign") != fresh.get("campaign") {
        return m.to_json();
    }
    let new_assets = fresh["assets"].as_array().cloned().unwrap_or_default();
    let mut assets: Vec<serde_json::Value> = old["assets"].as_array().cloned().unwrap_or_default();
    for a in new_assets {
        match assets.iter_mut().find(|o| o["path"] == a["path"]) {
            Some(slot) => *slot = a,
            None => assets.push(a),
        }
    }
    old["assets"] = serde_json::Value::Array(assets);
    let mut s = serde_json::to_string_pretty(&old).expect("manifest serialises");
    s.push('\n');
    s
}
