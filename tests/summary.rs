//! What a render says it did, read from `--format json` (the machine-readable summary), and a
//! finding repeated on many assets printed once with the list of assets.

mod common;
use common::*;
use serde_json::Value;

fn render_json(campaign: &std::path::Path, out: &std::path::Path) -> Value {
    let o = render(campaign, out, &["--format", "json"]);
    assert!(o.status.code() == Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("JSON on stdout")
}

fn names(v: &Value, key: &str) -> Vec<String> {
    v["summary"][key].as_array().unwrap_or_else(|| panic!("summary.{key} in {v}")).iter().map(|x| x.as_str().unwrap().to_string()).collect()
}

#[test]
fn a_render_reports_what_it_created_changed_and_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let c = tmp.path().join("c.yaml");
    let text = std::fs::read_to_string(bundled()).unwrap();
    std::fs::write(&c, &text).unwrap();
    let out = tmp.path().join("out");

    let first = render_json(&c, &out);
    let created = names(&first, "created");
    assert!(created.len() > 40 && names(&first, "changed").is_empty() && names(&first, "removed").is_empty(), "{}", first["summary"]);
    assert!(created.iter().any(|f| f == "manifest.json") && created.iter().any(|f| f == "proof.html"));
    assert_eq!(first["summary"]["files_written"].as_u64(), Some(created.len() as u64));

    let again = render_json(&c, &out);
    assert_eq!(again["summary"]["files_written"].as_u64(), Some(0), "an unchanged rerun writes nothing");

    // Rename a message: its files are new, the old ones removed, the campaign files changed.
    std::fs::write(&c, text.replace("you-will-be-caught", "you-will-be-found")).unwrap();
    let renamed = render_json(&c, &out);
    let (new, changed, removed) = (names(&renamed, "created"), names(&renamed, "changed"), names(&renamed, "removed"));
    assert!(!new.is_empty() && new.iter().all(|f| f.contains("you-will-be-found") || !f.contains('/')), "{new:?}");
    assert!(!removed.is_empty() && removed.iter().all(|f| f.contains("you-will-be-caught")), "{removed:?}");
    assert!(changed.iter().any(|f| f == "manifest.json"), "{changed:?}");
    for f in &removed {
        assert!(!out.join("stop-it-now-scotland-2019").join(f).exists(), "{f} still there");
    }

    // -v lists them in text.
    std::fs::write(&c, &text).unwrap();
    let o = render(&c, &out, &["-v"]);
    let err = stderr(&o);
    assert!(err.contains(" new, ") && err.contains("  removed  print/billboard-48_you-will-be-found"), "{err}");
}

#[test]
fn a_finding_on_many_assets_is_printed_once_with_their_list() {
    // The bundled text with a campaign-wide cause of one warning on every social asset: no
    // caption on a message posted on several platforms is one finding; an over-long alt text
    // written once is found on each social asset of the message.
    let tmp = tempfile::tempdir().unwrap();
    let c = tmp.path().join("c.yaml");
    let long_alt = "You will be caught. Helpline 0808 1000 900, Mon–Fri 9am–5pm. stopitnow.org.uk. ".repeat(2);
    let text = std::fs::read_to_string(bundled()).unwrap();
    let at = text.find("  - id: you-will-be-caught\n").unwrap();
    let end = at + text[at..].find('\n').unwrap() + 1;
    std::fs::write(&c, format!("{}    alt: \"{}\"\n{}", &text[..end], long_alt.trim(), &text[end..])).unwrap();
    let o = billposter(&["check", c.to_str().unwrap()]);
    let err = stderr(&o);
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("warning[alt-text]")).collect();
    assert_eq!(warnings.len(), 1, "one line for the repeated finding:\n{err}");
    let on = err.lines().skip_while(|l| !l.contains("warning[alt-text]")).find(|l| l.trim_start().starts_with("on ")).unwrap();
    assert!(on.contains("assets: ") && on.contains("instagram-square/you-will-be-caught/en-GB") && on.contains("x-post/you-will-be-caught/en-GB"), "{on}");
}
