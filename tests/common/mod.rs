//! Shared helpers for integration tests: run the real binary, read what it wrote.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn bundled() -> PathBuf {
    root().join("campaigns/stop-it-now-scotland.yaml")
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

pub fn billposter(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_billposter")).args(args).output().expect("run billposter");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "billposter panicked:\n{stderr}");
    out
}

pub fn render(campaign: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["render", campaign.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    billposter(&args)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn manifest(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("manifest.json")).expect("manifest.json written");
    serde_json::from_str(&text).expect("manifest is JSON")
}

/// Decode every QR code in an image file with zbarimg (zbar-tools): an independent reader,
/// never one of the decoders preflight itself uses (rxing, rqrr). Returns the payloads.
pub fn decode_qr(path: &Path) -> Vec<String> {
    let out =
        Command::new("zbarimg").args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"]).arg(path).output().expect("zbarimg runs (apt install zbar-tools)");
    String::from_utf8(out.stdout).expect("zbarimg prints UTF-8").lines().map(str::to_string).collect()
}

/// All files below `dir`, relative, sorted.
pub fn files_below(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(base: &Path, d: &Path, out: &mut Vec<String>) {
        if let Ok(rd) = std::fs::read_dir(d) {
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(base, &p, out);
                } else {
                    out.push(p.strip_prefix(base).unwrap().to_string_lossy().into_owned());
                }
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Plan and lay out a loaded campaign's selected assets through the library, as a render does.
pub fn lay_out(
    c: &billposter::campaign::Campaign,
    sel: &billposter::plan::Selection,
) -> Vec<(billposter::plan::AssetSpec, billposter::layout::Scene, Vec<billposter::vocab::Diagnostic>)> {
    {
        let p = billposter::plan::plan(c, sel, billposter::vocab::Timestamp::FIXED);
        billposter::pipeline::layout_all(p.assets, &p.context)
    }
}

// ---- campaigns written in the test ----

/// Load a campaign from YAML text through the real loader; panics with the findings if it
/// does not load.
pub fn load_yaml(yaml: &str) -> billposter::campaign::Campaign {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("campaign.yaml");
    std::fs::write(&path, yaml).unwrap();
    match billposter::campaign::load(&path) {
        Ok((c, _warnings)) => c,
        Err(d) => panic!("fixture does not load:\n{d}"),
    }
}

/// The head of a campaign file; the test appends `languages`, messages, schedule, placements.
pub fn head(weeks: u32, languages: &str) -> String {
    format!(
        "version: 1
campaign:
  id: test-campaign
  name: Test
  organisation: Test Org
  languages: {languages}
  start: 2019-03-18
  weeks: {weeks}
contact:
  helpline: \"0808 1000 900\"
  hours: \"Mon-Fri 9am-5pm\"
  website: example.org
  link: \"https://example.org/\"
"
    )
}

/// The smallest file the profile check accepts as a CMYK output profile: a 132-byte ICC header
/// with no tags (enough for code that only needs a profile to be present).
pub fn cmyk_profile() -> Vec<u8> {
    let mut b = vec![0u8; 132];
    b[0..4].copy_from_slice(&132u32.to_be_bytes());
    b[12..16].copy_from_slice(b"prtr");
    b[16..20].copy_from_slice(b"CMYK");
    b[36..40].copy_from_slice(b"acsp");
    b
}
