//! Starting a campaign: `billposter init` writes a starter that `check` accepts, and the JSON
//! Schema editors use agrees with the loader — it accepts the bundled and starter campaigns and
//! rejects the typos the loader rejects (read by an independent validator, the jsonschema crate).

mod common;
use common::*;
use serde_json::Value;

fn schema() -> Value {
    let out = billposter(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).expect("the schema is JSON")
}

fn yaml_as_json(text: &str) -> Value {
    serde_saphyr::from_str::<Value>(text).expect("YAML reads as JSON values")
}

fn errors(schema: &Value, doc: &Value) -> Vec<String> {
    let v = jsonschema::validator_for(schema).expect("a valid JSON Schema");
    v.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn init_writes_a_starter_that_check_accepts_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("campaign.yaml");
    let out = billposter(&["init", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("PLACEHOLDER: replace with your real helpline"), "the placeholder helpline is marked");
    assert!(text.starts_with("# yaml-language-server: $schema=campaign.schema.json"));
    assert!(tmp.path().join("campaign.schema.json").exists(), "the schema is written beside it");

    let check = billposter(&["check", path.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "the starter passes check:\n{}", stderr(&check));
    assert!(!stderr(&check).contains("error["), "{}", stderr(&check));

    std::fs::write(&path, "mine").unwrap();
    let again = billposter(&["init", path.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine", "init never overwrites a campaign");
}

#[test]
fn the_shipped_schema_is_the_one_the_tool_prints() {
    let shipped: Value = serde_json::from_str(&std::fs::read_to_string(root().join("docs/campaign.schema.json")).unwrap()).unwrap();
    assert_eq!(shipped, schema(), "docs/campaign.schema.json is stale: regenerate it with `billposter schema > docs/campaign.schema.json`");
    let bundled = std::fs::read_to_string(bundled()).unwrap();
    assert!(bundled.starts_with("# yaml-language-server: $schema=../docs/campaign.schema.json"));
}

#[test]
fn the_schema_accepts_real_campaigns_and_rejects_typos() {
    let s = schema();
    let mut accepted = 0;
    let starter = include_str!("../src/cli/starter.yaml");
    for (name, text) in [("bundled", std::fs::read_to_string(bundled()).unwrap()), ("starter", starter.to_string())]
        .into_iter()
        .chain(["good/bilingual.yaml", "good/two-contracts.yaml", "good/with-logo.yaml"].map(|f| (f, std::fs::read_to_string(fixture(f)).unwrap())))
    {
        let e = errors(&s, &yaml_as_json(&text));
        assert!(e.is_empty(), "{name}: {e:?}");
        accepted += 1;
    }
    let bundled = std::fs::read_to_string(bundled()).unwrap();
    let cases = [
        ("a misspelt key", bundled.replacen("placements:", "placement:", 1)),
        ("a misspelt message key", bundled.replacen("    headline:", "    headlin:", 1)),
        ("an unquoted colour (a YAML comment: no value)", bundled.replacen("  background: \"#0B2545\"", "  background: #0B2545", 1)),
        ("qr: maybe", bundled.replacen("    sites: 150", "    sites: 150\n    qr: maybe", 1)),
        ("weeks: 53", bundled.replacen("  weeks: 4", "  weeks: 53", 1)),
    ];
    for (what, text) in &cases {
        let e = errors(&s, &yaml_as_json(text));
        assert!(!e.is_empty(), "the schema accepts {what}");
    }
    eprintln!("{accepted} campaigns accepted, {} typos rejected", cases.len());
}
