//! Every CSV the tool writes is RFC 4180 and safe to open in a spreadsheet: a caption or alt
//! text that begins like a formula (`=HYPERLINK(…)`, `+44 …`) is neutralised with a leading `'`
//! and quoted, in every CSV it reaches. Checked on a real render, reading the files back with a
//! CSV parser written here.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_billposter");

const CAMPAIGN: &str = r#"version: 1
campaign:
  id: csv-safety
  name: CSV safety
  organisation: Test Org
  start: 2019-03-18
  weeks: 1
contact:
  helpline: "+44 808 1000 900"
  hours: "Mon-Fri 9am-5pm"
  website: example.org
  link: "https://example.org/"
messages:
  - id: a
    headline: Get help now
    caption: '=HYPERLINK("https://example.org/","Get help")'
    alt: "+44 808 1000 900: Get help now, Mon-Fri 9am-5pm. example.org"
placements:
  - format: instagram-square
  - format: d6
  - format: phone-box
    sites: 2
"#;

/// RFC 4180 records of `text` (CRLF line ends, quoted fields with doubled quotes).
fn parse(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => {
                assert!(c != '\r' && c != '\n', "bare line break outside quotes");
                field.push(c);
            }
        }
    }
    assert!(!quoted && field.is_empty() && record.is_empty(), "the file ends mid-record");
    records
}

#[test]
fn formula_leading_fields_are_neutralised_in_every_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("campaign.yaml");
    std::fs::write(&file, CAMPAIGN).unwrap();
    let out = tmp.path().join("out");
    let o = Command::new(BIN).arg("render").arg(&file).arg("--out").arg(&out).arg("--allow-findings").output().unwrap();
    let dir = out.join("csv-safety");
    assert!(dir.join("posting-plan.csv").exists(), "not written: {}", String::from_utf8_lossy(&o.stderr));
    let mut csvs: Vec<String> =
        std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".csv")).collect();
    csvs.sort();
    assert_eq!(csvs, ["posting-plan.csv", "print-order.csv", "print-totals.csv", "screen-schedule.csv", "site-plan.csv"]);
    let mut neutralised = Vec::new();
    for name in &csvs {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(!text.starts_with('\u{feff}'), "{name}: no byte-order mark");
        let records = parse(&text);
        let width = records[0].len();
        for r in &records {
            assert_eq!(r.len(), width, "{name}: {r:?}");
            for f in r {
                assert!(!f.starts_with(['=', '+', '-', '@', '\t', '\r']), "{name}: a field a spreadsheet would run: {f:?}");
                if f.starts_with('\'') {
                    neutralised.push((name.as_str(), f.clone()));
                }
            }
        }
    }
    let caption = "'=HYPERLINK(\"https://example.org/\",\"Get help\")".to_string();
    let alt = "'+44 808 1000 900: Get help now, Mon-Fri 9am-5pm. example.org".to_string();
    assert_eq!(neutralised, [("posting-plan.csv", caption), ("posting-plan.csv", alt.clone()), ("screen-schedule.csv", alt)]);
}
