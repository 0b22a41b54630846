//! Preflight: one fixture per check that fails it, with the code and campaign location pinned,
//! and proof that the bundled campaign is clean.

mod common;
use common::*;
use serde_json::Value;

fn check_json(campaign: &std::path::Path, extra: &[&str]) -> (Option<i32>, Vec<Value>) {
    let mut args = vec!["check", campaign.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let out = billposter(&args);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("JSON on stdout: {e}\n{}", stderr(&out)));
    (out.status.code(), v["findings"].as_array().unwrap().clone())
}

/// (fixture, exit code, code, severity, line, column, fragment of the message)
const CASES: &[(&str, i32, &str, &str, u64, u64, &str)] = &[
    ("low-contrast.yaml", 1, "contrast", "error", 18, 15, "headline text does not stand out"),
    ("low-contrast.yaml", 1, "contrast", "error", 12, 13, "helpline text does not stand out"),
    ("kiosk-25m.yaml", 1, "qr", "error", 12, 9, "too small to scan from 25 m"),
    ("kiosk-25m.yaml", 1, "fit", "error", 9, 13, "helpline does not fit on one line at a legible size"),
    ("qr-too-small.yaml", 1, "qr", "error", 12, 9, "too small to scan from 8 m"),
    ("no-hours.yaml", 0, "presence", "warning", 9, 3, "contact.hours is not given"),
    ("caption-too-long.yaml", 1, "caption", "error", 16, 14, "X allows 280"),
    ("file-too-big.yaml", 1, "file-size", "error", 18, 13, "larger than the platform accepts"),
    ("alt-too-long.yaml", 1, "alt-text", "error", 17, 10, "longer than X accepts"),
];

#[test]
fn each_fixture_fails_its_check_at_the_right_place() {
    for &(file, exit, code, severity, line, column, fragment) in CASES {
        let path = fixture(&format!("preflight/{file}"));
        let (status, findings) = check_json(&path, &[]);
        assert_eq!(status, Some(exit), "{file}: exit code; findings: {findings:#?}");
        let hit = findings.iter().find(|f| f["code"] == code && f["message"].as_str().unwrap().contains(fragment));
        let f = hit.unwrap_or_else(|| panic!("{file}: no {code} finding containing {fragment:?} in {findings:#?}"));
        assert_eq!(f["severity"], severity, "{file}");
        assert_eq!((f["line"].as_u64(), f["column"].as_u64()), (Some(line), Some(column)), "{file}: location of {f}");
        assert!(f["file"].as_str().unwrap().ends_with(file), "{file}: {f}");
        for key in ["code", "severity", "asset", "message", "measured", "required", "file", "line", "column"] {
            assert!(f.get(key).is_some(), "{file}: schema lacks {key}");
        }
    }
}

#[test]
fn measured_and_required_values_are_reported() {
    let (_, findings) = check_json(&fixture("preflight/qr-too-small.yaml"), &[]);
    let f = findings.iter().find(|f| f["code"] == "qr").unwrap();
    assert_eq!(f["asset"], "phone-box/help/en-GB");
    assert!(f["measured"].as_str().unwrap().ends_with(" mm"));
    assert_eq!(f["required"], "≥ 800.0 mm (viewing distance ÷ 10, never below 20 mm)");
}

#[test]
fn bundled_campaign_has_no_blocking_finding() {
    let (status, findings) = check_json(&bundled(), &[]);
    assert_eq!(status, Some(0), "{findings:#?}");
    assert!(findings.iter().all(|f| f["severity"] == "warning"), "{findings:#?}");
    // Warnings block only when asked to.
    if !findings.is_empty() {
        let (status, _) = check_json(&bundled(), &["--deny-warnings"]);
        assert_eq!(status, Some(1));
    }
}

#[test]
fn render_refuses_to_write_with_blocking_findings_unless_allowed() {
    let tmp = tempfile::tempdir().unwrap();
    let path = fixture("preflight/low-contrast.yaml");
    let out = render(&path, tmp.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(files_below(tmp.path()).is_empty(), "nothing may be written");
    let out = render(&path, tmp.path(), &["--allow-findings"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let m = manifest(&tmp.path().join("preflight-test"));
    let findings = m["assets"][0]["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["code"] == "contrast"), "manifest records the findings: {findings:#?}");
}

#[test]
fn the_table_groups_findings_by_asset() {
    let out = billposter(&["check", fixture("preflight/low-contrast.yaml").to_str().unwrap()]);
    let text = stderr(&out);
    assert!(text.contains("instagram-square/help/en-GB\n  "), "{text}");
    assert!(text.contains("error[contrast]"), "{text}");
    assert!(text.contains("(measured 1.66:1, required ≥ 4.5:1)"), "{text}");
}
