//! ICC output profiles: parsed and checked once when the campaign loads (so a bad profile is a
//! located campaign error, not a failure on every print asset), then shared by every print
//! asset's PDF settings and read by the PDF/X writer.

use serde::{Serialize, Serializer};
use sha2::{Digest, Sha256};
use std::path::Path;

/// A CMYK output (printer) profile, checked enough that the output intent is meaningful.
pub struct Profile {
    pub bytes: Vec<u8>,
    pub description: String,
    pub digest: [u8; 32],
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Profile({:?}, {} bytes)", self.description, self.bytes.len())
    }
}

/// What reaches a PDF: the profile's bytes and description.
impl Serialize for Profile {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (&self.description, &self.digest[..]).serialize(s)
    }
}

impl Profile {
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Profile, String> {
        let bad = |why: &str| {
            Err(format!("output profile {}: {why}; hint: give the printer's CMYK output profile (an .icc file, e.g. PSO Coated v3 or FOGRA39)", path.display()))
        };
        if bytes.len() < 132 || &bytes[36..40] != b"acsp" {
            return bad("not an ICC profile");
        }
        let declared = u32::from_be_bytes(bytes[0..4].try_into().unwrap()) as usize;
        if declared != bytes.len() {
            return bad(&format!("the header says {declared} bytes but the file has {}", bytes.len()));
        }
        if &bytes[16..20] != b"CMYK" {
            return bad(&format!("its colour space is {}, not CMYK", String::from_utf8_lossy(&bytes[16..20]).trim()));
        }
        if &bytes[12..16] != b"prtr" {
            return bad(&format!("it is a '{}' profile, not an output ('prtr') profile", String::from_utf8_lossy(&bytes[12..16]).trim()));
        }
        let description = description(bytes)
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "CMYK".into()));
        Ok(Profile { bytes: bytes.to_vec(), description, digest: Sha256::digest(bytes).into() })
    }
}

/// The profile's 'desc' tag: ICC v2 textDescriptionType or v4 multiLocalizedUnicodeType.
fn description(icc: &[u8]) -> Option<String> {
    let be32 = |at: usize| icc.get(at..at + 4).map(|b| u32::from_be_bytes(b.try_into().unwrap()) as usize);
    let count = be32(128)?;
    let (offset, size) = (0..count.min(1000)).find_map(|i| {
        let e = 132 + 12 * i;
        (icc.get(e..e + 4)? == b"desc").then(|| Some((be32(e + 4)?, be32(e + 8)?)))?
    })?;
    let tag = icc.get(offset..offset.checked_add(size)?)?;
    match tag.get(0..4)? {
        b"desc" => {
            let n = u32::from_be_bytes(tag.get(8..12)?.try_into().ok()?) as usize;
            let text = tag.get(12..12 + n)?;
            Some(String::from_utf8_lossy(text).trim_end_matches('\0').to_string())
        }
        b"mluc" => {
            let len = u32::from_be_bytes(tag.get(20..24)?.try_into().ok()?) as usize;
            let off = u32::from_be_bytes(tag.get(24..28)?.try_into().ok()?) as usize;
            let units: Vec<u16> = tag.get(off..off + len)?.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            Some(String::from_utf16_lossy(&units).trim_end_matches('\0').to_string())
        }
        _ => None,
    }
}
