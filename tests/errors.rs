//! The error contract (docs/campaign-format.md; README "Exit codes"): a
//! malformed campaign file is refused with exit code 2 and a located message,
//! `FILE:LINE:COLUMN: error[code]: message`, that names the field and what was expected;
//! never a panic, and nothing is written.
//!
//! Each fixture in tests/fixtures/bad is `BASE` below with one fault (its first line says
//! which), except `three-errors.yaml` (three independent faults, all reported in one run),
//! and the files that cannot be one edit from a campaign: empty.yaml, binary.yaml.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_billposter");

/// The valid campaign the fixtures are made from; line numbers below count from its line 1.
const BASE: &str = r#"# fault: none, this is the valid campaign the fixtures differ from
version: 1

campaign:
  id: test-campaign
  name: "Test campaign"
  organisation: "Test Organisation"
  start: 2019-03-18
  weeks: 4

contact:
  helpline: "0808 1000 900"
  hours: "Mon–Fri 9am–5pm"
  website: "stopitnow.org.uk"
  link: "https://www.stopitnow.org.uk/"

messages:
  - id: get-help
    headline: "Worried about your online behaviour? Get help."

placements:
  - format: phone-box
    sites: 10
  - format: instagram-square
"#;

/// (fixture, line, column, message fragment): the one error each fixture must produce.
const CASES: &[(&str, u32, u32, &str)] = &[
    // wrong types
    ("weeks-word.yaml", 9, 10, "campaign.weeks: expected a whole number (0 or more), found the text \"four\""),
    ("weeks-negative.yaml", 9, 10, "campaign.weeks: expected a whole number (0 or more), found the number -4"),
    ("sites-string.yaml", 23, 12, "placements[0].sites: expected a whole number (0 or more), found the text \"many\""),
    ("messages-not-a-list.yaml", 18, 3, "messages: expected a list, found a mapping"),
    ("qr-maybe.yaml", 25, 9, "placements[1].qr: expected auto, on or off, found the text \"maybe\""),
    ("headline-number.yaml", 19, 15, "messages[0].headline: expected a text, or a map of language tag to text, found the number 2019"),
    ("contact-null.yaml", 11, 8, "contact: expected a mapping, found nothing (an empty value)"),
    ("brand-fonts-text.yaml", 12, 10, "brand.fonts: expected a mapping, found the text \"fonts/Bold.ttf\""),
    // unknown keys, duplicate keys, missing keys
    ("unknown-top-key.yaml", 21, 1, "unknown key `placement` at the top level"),
    ("unknown-contact-key.yaml", 13, 3, "contact: unknown key `phone`"),
    ("unknown-message-key.yaml", 19, 5, "messages[0]: unknown key `subtitle`"),
    ("colour-cmyk-key.yaml", 12, 12, "brand.accent: unknown key `rgb`"),
    ("duplicate-key.yaml", 7, 3, "campaign: key `name` is given twice"),
    ("contact-missing.yaml", 2, 1, "missing required key `contact` at the top level"),
    ("helpline-missing.yaml", 11, 1, "contact: missing required key `helpline`"),
    ("version-missing.yaml", 3, 1, "missing required key `version` at the top level"),
    ("placement-no-format.yaml", 24, 5, "placements[1]: missing required key `format`"),
    // values
    ("version-2.yaml", 2, 10, "unsupported version 2; expected 1"),
    ("date-feb-30.yaml", 8, 10, "campaign.start \"2019-02-30\" is not a date"),
    ("date-uk-order.yaml", 8, 10, "campaign.start \"18/03/2019\" is not a date"),
    ("weeks-53.yaml", 9, 10, "campaign.weeks is 53; expected 1 to 52"),
    ("colour-short-hex.yaml", 12, 15, "brand.background \"#12345\" is not a colour"),
    ("colour-cmyk-three.yaml", 12, 16, "brand.text.cmyk: expected four numbers [C, M, Y, K], each 0 to 100; found 3"),
    ("colour-cmyk-range.yaml", 12, 28, "brand.accent: cmyk K is 120; expected a percentage from 0 to 100"),
    ("link-ftp.yaml", 15, 9, "contact.link \"ftp://stopitnow.org.uk/\" is not an absolute http(s) URL"),
    ("link-relative.yaml", 15, 9, "contact.link \"stopitnow.org.uk\" is not an absolute http(s) URL"),
    ("link-too-long.yaml", 15, 9, "contact.link is 1729 bytes long; at most 300 fit a QR code"),
    ("helpline-letters.yaml", 12, 13, "contact.helpline \"0808 STOP IT\" is not a phone number"),
    ("campaign-id-invalid.yaml", 5, 7, "campaign.id \"Stop_It_Now\" is not a valid id"),
    ("campaign-id-dotdot.yaml", 5, 7, "campaign.id \"../etc\" is not a valid id"),
    ("message-id-slash.yaml", 18, 9, "message id \"a/b\" is not a valid id"),
    ("messages-empty.yaml", 17, 11, "messages is empty; expected at least one message"),
    ("messages-duplicate-id.yaml", 20, 9, "message id get-help is used twice"),
    ("placeholder-unknown.yaml", 20, 14, "message get-help: caption: unknown placeholder `{phone}`"),
    // strict values: nothing taken other than as written
    ("colour-unquoted-hash.yaml", 12, 3, "brand.background has no value"),
    ("binary-tag.yaml", 19, 15, "tag `!!binary` is not part of the campaign format"),
    ("link-credentials.yaml", 15, 9, "contact.link carries a user name or password"),
    ("link-newline.yaml", 15, 9, "contact.link contains the control character U+000A"),
    ("link-no-host.yaml", 15, 9, "contact.link \"https:///help\" is not an absolute http(s) URL"),
    ("link-backslash.yaml", 15, 9, "contains a space or backslash; a QR code would encode a different address"),
    ("link-bidi.yaml", 15, 9, "contact.link contains the invisible character U+2066"),
    ("website-bidi.yaml", 14, 12, "contact.website contains the invisible character U+202E"),
    ("helpline-zero-width.yaml", 12, 13, "contact.helpline contains the invisible character U+200B"),
    ("translation-as-key.yaml", 20, 5, "messages[0]: unknown key `gd`"),
    ("language-missing.yaml", 21, 7, "message get-help: headline: no text for language gd"),
    ("language-unknown.yaml", 13, 37, "contact.hours: language fr is not in campaign.languages"),
    // references between sections
    ("unknown-format.yaml", 24, 13, "placement format \"instagram-squares\" is not a known format"),
    ("schedule-unknown-message.yaml", 23, 26, "schedule week 1: unknown message id \"get-hlep\""),
    ("schedule-week-5.yaml", 24, 11, "schedule week 5 is outside the campaign's weeks 1 to 4"),
    ("placement-week-0.yaml", 24, 13, "placement phone-box: week 0 is outside the campaign's weeks 1 to 4"),
    ("print-without-sites.yaml", 22, 5, "placement phone-box needs sites"),
    ("social-with-sites.yaml", 25, 12, "placement instagram-square is a social format and takes no sites"),
    // limits (no file, however hostile, costs more than ~1 GiB and 20 s)
    ("format-sliver.yaml", 27, 16, "format phone-box: height_mm 0.01 mm leaves no room for copy; a print format is at least 10 mm a side"),
    ("headline-too-long.yaml", 19, 15, "message get-help: headline is 2003 characters long; a text may be at most 2000"),
    ("placement-language-unknown.yaml", 24, 17, "placement phone-box: language fr is not in campaign.languages"),
    ("spares-word.yaml", 24, 13, "placement phone-box: spares \"lots\" is not a percent or a count"),
    ("reposting-daily.yaml", 26, 14, "print.reposting \"daily\" is not changes or weekly"),
    ("posting-time-25.yaml", 26, 9, "posting.time \"25:00\" is not a time"),
    ("layout-without-photo.yaml", 21, 9, "layout split needs a photograph, and message get-help has none"),
    ("image-missing.yaml", 21, 8, "image: cannot load no-such-photo.jpg: no such file"),
    // files the campaign names
    ("font-missing.yaml", 13, 15, "brand.fonts.headline: cannot read no-such-font.ttf: no such file"),
    ("font-not-a-font.yaml", 13, 11, "brand.fonts.body: not-a-font.ttf is not a usable font"),
    ("logo-not-an-image.yaml", 12, 9, "brand.logo: cannot load not-a-font.ttf: it is not a PNG or JPEG image"),
    // not YAML, or hostile YAML
    ("empty.yaml", 1, 1, "the file holds no campaign"),
    ("binary.yaml", 1, 1, "the file is not UTF-8 text: byte 0x89 at line 1, column 1"),
    ("syntax-error.yaml", 24, 12, "yaml syntax error: this `[` is never closed (noticed at line 25, column 11"),
    ("bad-indentation.yaml", 14, 4, "yaml syntax error: while parsing a block mapping, did not find expected key"),
    ("over-indented-key.yaml", 7, 4, "yaml syntax error: while parsing a block mapping, did not find expected key"),
    ("tab-indent.yaml", 9, 1, "yaml syntax error: while scanning a plain scalar, found a tab"),
    ("two-documents.yaml", 25, 1, "the file holds more than one YAML document; a campaign is exactly one"),
    ("custom-tag.yaml", 6, 9, "tag `!upper` is not part of the campaign format"),
    ("unknown-anchor.yaml", 13, 10, "alias `*opening-hours` refers to an anchor `&opening-hours` that is not defined before it"),
    ("text-bomb.yaml", 9, 13, "the file's texts add up to more than 8 MiB"),
    ("alias-bomb.yaml", 3, 40, "aliases expand to more than 10000 values; refused as a possible alias bomb (billion laughs)"),
    ("deep-nesting-flow.yaml", 19, 35, "the file nests lists and mappings more than 20 levels deep"),
    ("deep-nesting-block.yaml", 20, 41, "the file nests lists and mappings more than 20 levels deep"),
    // generated words
    ("words-missing.yaml", 8, 22, "language fa has no built-in words for the text billposter writes into its alt text; missing: words.fa.helpline"),
];

/// (fixture, hint fragment): hints that carry the fix.
const HINTS: &[(&str, &str)] = &[
    ("unknown-top-key.yaml", "hint: did you mean `placements`? the top level takes `version`, `campaign`"),
    ("unknown-contact-key.yaml", "hint: contact takes `helpline`, `hours`, `helpline_note`, `website`, `link`, `short_link`, `other_numbers` and `tracking`"),
    ("duplicate-key.yaml", "hint: the first `name` is at line 6"),
    ("helpline-missing.yaml", "hint: add helpline: \"0808 1000 900\""),
    ("weeks-word.yaml", "hint: the campaign's length in weeks, 1 to 52"),
    ("unknown-format.yaml", "hint: did you mean instagram-square?"),
    ("schedule-unknown-message.yaml", "hint: did you mean get-help?"),
    ("messages-duplicate-id.yaml", "hint: the first get-help is at line 18"),
    ("syntax-error.yaml", "hint: close it with `]`"),
    ("alias-bomb.yaml", "hint: the expansion was stopped while repeating the anchored value here"),
    ("date-uk-order.yaml", "hint: write an ISO date, e.g. 2019-03-18"),
    ("headline-number.yaml", "hint: put the text in quotes"),
    ("tab-indent.yaml", "hint: indent with spaces"),
    ("over-indented-key.yaml", "hint: check the indentation: the keys of one mapping must start in the same column"),
    ("bad-indentation.yaml", "hint: check the indentation"),
    (
        "brand-fonts-text.yaml",
        "hint: fonts: a mapping of font files, written on the lines below it and indented: `headline: fonts/Bold.ttf` and `body: fonts/Regular.ttf`",
    ),
    ("placement-language-unknown.yaml", "hint: use one of en-GB, or add it to campaign.languages"),
    ("spares-word.yaml", "hint: write a percent such as spares: 10% or a count such as spares: 3"),
    ("colour-unquoted-hash.yaml", "hint: a # starts a comment in YAML: quote colours, e.g. background: \"#00796B\""),
    ("binary-tag.yaml", "hint: write the value itself"),
    ("placeholder-unknown.yaml", "hint: placeholders are {helpline}, {hours}, {helpline_note}, {website} and {link}"),
    ("link-credentials.yaml", "hint: leave out the `user:password@` part"),
    ("translation-as-key.yaml", "hint: a translation goes inside each text, as a map by language, e.g. headline: {en-GB: \"Get help\", gd: \"…\"}"),
];

/// Three independent semantic errors, all reported in one run.
const THREE: &[(u32, u32, &str)] = &[
    (8, 10, "campaign.start \"2019-02-30\" is not a date"),
    (12, 13, "contact.helpline \"call us\" is not a phone number"),
    (24, 13, "placement format \"instagram-squares\" is not a known format"),
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad").join(name)
}

struct Run {
    code: Option<i32>,
    stderr: String,
    elapsed: Duration,
    /// Everything under the temp dir after the run (it starts empty; --out is inside it).
    written: Vec<PathBuf>,
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read temp dir") {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            walk(&p, out);
        }
        out.push(p);
    }
}

/// `billposter <cmd> FILE [--out TMP/out]` in a fresh, empty temp dir.
fn run(cmd: &str, file: &Path) -> Run {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut c = Command::new(BIN);
    c.arg(cmd).arg(file).current_dir(tmp.path());
    if cmd == "render" {
        c.arg("--out").arg(tmp.path().join("out"));
    }
    let start = Instant::now();
    let o = c.output().expect("run billposter");
    let elapsed = start.elapsed();
    let mut written = Vec::new();
    walk(tmp.path(), &mut written);
    Run { code: o.status.code(), stderr: String::from_utf8_lossy(&o.stderr).into_owned(), elapsed, written }
}

fn located(file: &Path, line: u32, col: u32) -> String {
    format!("{}:{line}:{col}: ", file.display())
}

/// What every refusal has in common.
fn assert_refused(name: &str, r: &Run) {
    assert!(!r.stderr.contains("panicked"), "{name}: panicked:\n{}", r.stderr);
    assert_ne!(r.code, Some(101), "{name}: exit 101 (panic):\n{}", r.stderr);
    assert_eq!(r.code, Some(2), "{name}: exit code:\n{}", r.stderr);
    assert!(r.written.is_empty(), "{name}: wrote {:?}", r.written);
    for line in r.stderr.lines().filter(|l| l.contains("error[")) {
        let msg = line.split_once("]: ").map(|(_, m)| m).unwrap_or(line);
        assert!(!msg.starts_with(char::is_uppercase), "{name}: message not lowercase: {line}");
    }
}

#[test]
fn every_fixture_is_refused_at_its_fault() {
    let mut failures = Vec::new();
    for &(name, line, col, fragment) in CASES {
        let file = fixture(name);
        let r = run("render", &file);
        assert_refused(name, &r);
        let want = format!("{}error[", located(&file, line, col));
        let errors = r.stderr.lines().filter(|l| l.contains("error[")).count();
        if !r.stderr.contains(&want) || !r.stderr.contains(fragment) || errors != 1 {
            failures.push(format!("{name}: want exactly one error at {line}:{col} with {fragment:?}; got {errors}:\n{}", r.stderr));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn hints_carry_the_fix() {
    for &(name, hint) in HINTS {
        let r = run("render", &fixture(name));
        assert_refused(name, &r);
        assert!(r.stderr.contains(hint), "{name}: want {hint:?} in:\n{}", r.stderr);
    }
}

#[test]
fn all_errors_of_a_file_are_reported_in_one_run() {
    let file = fixture("three-errors.yaml");
    let r = run("render", &file);
    assert_refused("three-errors.yaml", &r);
    for &(line, col, fragment) in THREE {
        let want = format!("{}error[campaign]: {fragment}", located(&file, line, col));
        assert!(r.stderr.contains(&want), "want {want:?} in:\n{}", r.stderr);
    }
    assert_eq!(r.stderr.lines().filter(|l| l.contains("error[")).count(), 3, "{}", r.stderr);
}

#[test]
fn hostile_files_fail_fast() {
    for name in ["alias-bomb.yaml", "text-bomb.yaml", "deep-nesting-flow.yaml", "deep-nesting-block.yaml", "binary.yaml"] {
        let r = run("render", &fixture(name));
        assert_refused(name, &r);
        assert!(!r.stderr.contains("overflow"), "{name}:\n{}", r.stderr);
        assert!(r.elapsed < Duration::from_secs(1), "{name} took {:?}", r.elapsed);
    }
}

#[test]
fn check_refuses_the_same_files() {
    for &(name, line, col, fragment) in
        CASES.iter().filter(|c| ["unknown-contact-key.yaml", "date-feb-30.yaml", "alias-bomb.yaml", "font-not-a-font.yaml", "empty.yaml"].contains(&c.0))
    {
        let file = fixture(name);
        let r = run("check", &file);
        assert_refused(name, &r);
        assert!(r.stderr.contains(&located(&file, line, col)) && r.stderr.contains(fragment), "check {name}:\n{}", r.stderr);
    }
    let r = run("check", &fixture("three-errors.yaml"));
    assert_refused("three-errors.yaml", &r);
    assert_eq!(r.stderr.lines().filter(|l| l.contains("error[")).count(), 3, "{}", r.stderr);
}

#[test]
fn a_missing_campaign_file_is_exit_2() {
    let file = fixture("no-such-campaign.yaml");
    let r = run("render", &file);
    assert_refused("no-such-campaign.yaml", &r);
    assert!(r.stderr.contains("cannot read campaign file: no such file"), "{}", r.stderr);
}

#[test]
fn every_fixture_is_in_the_table() {
    let mut names: Vec<String> = std::fs::read_dir(fixture(""))
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    let listed: Vec<&str> = CASES.iter().map(|c| c.0).chain(["three-errors.yaml"]).collect();
    let missing: Vec<&String> = names.iter().filter(|n| !listed.contains(&n.as_str())).collect();
    assert!(missing.is_empty(), "fixtures without a row: {missing:?}");
    assert!(CASES.len() >= 24);
}

/// The fixtures are one fault away from a campaign that renders: the base renders, and every
/// single-fault fixture differs from it (the first line aside) in a few lines.
#[test]
fn the_base_campaign_renders() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("base.yaml");
    std::fs::write(&file, BASE).expect("write base");
    let o = Command::new(BIN).args(["render", "base.yaml", "--out", "out"]).current_dir(tmp.path()).output().expect("run billposter");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(tmp.path().join("out/test-campaign").is_dir(), "{stderr}");

    let base: Vec<&str> = BASE.lines().skip(1).collect();
    for &(name, ..) in CASES {
        if matches!(name, "empty.yaml" | "binary.yaml" | "alias-bomb.yaml" | "text-bomb.yaml" | "deep-nesting-flow.yaml" | "deep-nesting-block.yaml") {
            continue;
        }
        let text = std::fs::read_to_string(fixture(name)).expect("fixture");
        assert!(text.starts_with("# fault: "), "{name}: first line should say the fault");
        let lines: Vec<&str> = text.lines().skip(1).collect();
        // Lines kept from the base, in order: the longest common subsequence.
        let mut lcs = vec![vec![0usize; lines.len() + 1]; base.len() + 1];
        for (i, b) in base.iter().enumerate() {
            for (j, l) in lines.iter().enumerate() {
                lcs[i + 1][j + 1] = if b == l { lcs[i][j] + 1 } else { lcs[i][j + 1].max(lcs[i + 1][j]) };
            }
        }
        let kept = lcs[base.len()][lines.len()];
        let changed = (base.len() - kept) + (lines.len() - kept);
        assert!(changed <= 8, "{name}: differs from the base in {changed} lines");
    }
}

#[test]
fn every_unknown_key_of_a_file_is_reported_in_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(env!("CARGO_MANIFEST_DIR").to_string() + "/campaigns/stop-it-now-scotland.yaml").unwrap();
    let text = base
        .replace("  website: \"stopitnow.org.uk\"", "  web: \"stopitnow.org.uk\"")
        .replace("  - format: phone-box\n    sites: 150", "  - format: phone-box\n    site: 150")
        .replace("version: 1", "version: 1\ncolour: red");
    let path = tmp.path().join("c.yaml");
    std::fs::write(&path, &text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_billposter")).args(["check", path.to_str().unwrap()]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    for want in ["unknown key `colour` at the top level", "contact: unknown key `web`", "placements[1]: unknown key `site`"] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    assert!(err.contains("did you mean `sites`?"), "{err}");
}
