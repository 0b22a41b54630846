//! Nothing published unchecked: placeholders in captions and alt text, and the copy checks
//! (wrong numbers, foreign web addresses, stale hours) on every text a campaign publishes, in
//! every language; and no false alarm on dates, years, counts and percentages.

mod common;
use billposter::campaign::Campaign;
use billposter::plan::{Selection, plan};
use billposter::preflight::check_copy;
use billposter::vocab::{Diagnostic, Timestamp};
use common::{billposter, head, load_yaml};

fn findings(c: &Campaign) -> Vec<Diagnostic> {
    check_copy(&plan(c, &Selection::default(), Timestamp::FIXED))
}

fn bilingual(messages: &str) -> Campaign {
    let yaml = format!(
        "{}  other_numbers: [\"0131 556 3535\"]\nmessages:\n{messages}placements:\n  - format: phone-box\n    sites: 4\n  - format: instagram-square\n  - format: x-post\n",
        head(2, "[en-GB, gd]")
    );
    load_yaml(&yaml)
}

/// A text field of a message, the same in both languages except for `gd`'s own words.
fn field(name: &str, en: &str, gd: &str) -> String {
    format!("    {name}: {{en-GB: \"{en}\", gd: \"{gd}\"}}\n")
}

#[test]
fn placeholders_expand_per_language_and_asset() {
    let yaml = format!(
        "{}messages:
  - id: a
    headline: Get help
    caption: {{en-GB: \"Call {{helpline}} ({{hours}}) or see {{website}}: {{link}} {{{{x}}}}\", gd: \"Fòn {{helpline}}\"}}
    alt: \"Poster: call {{helpline}}, {{hours}}, Get help\"
placements:
  - format: instagram-square
  - format: x-post
",
        head(1, "[en-GB, gd]").replace("  hours: \"Mon-Fri 9am-5pm\"\n", "  hours: {en-GB: \"Mon-Fri 9am-5pm\", gd: \"DiL-DiH 9m-5f\"}\n")
    );
    let p = plan(&load_yaml(&yaml), &Selection::default(), Timestamp::FIXED);
    let get = |key: &str| p.assets.iter().find(|a| a.key == key).expect(key);
    let sq = get("instagram-square/a/en-GB");
    let caption = &sq.caption.as_ref().unwrap().text;
    assert!(caption.starts_with("Call 0808 1000 900 (Mon-Fri 9am-5pm) or see example.org: https://example.org/?"), "{caption}");
    assert!(caption.contains("utm_source=instagram-square") && caption.ends_with("{x}"), "{caption}");
    let x = get("x-post/a/en-GB");
    assert!(x.caption.as_ref().unwrap().text.contains("utm_source=x-post"), "each asset its own tracked link");
    assert_eq!(get("x-post/a/gd").caption.as_ref().unwrap().text, "Fòn 0808 1000 900");
    assert_eq!(get("x-post/a/gd").alt.as_ref().unwrap().text, "Poster: call 0808 1000 900, DiL-DiH 9m-5f, Get help");
    assert!(check_copy(&p).is_empty(), "{:?}", check_copy(&p));
}

#[test]
fn a_placeholder_without_a_value_is_refused() {
    let yaml = format!("{}messages:\n  - id: a\n    headline: Hi\n    caption: \"{{helpline_note}}\"\nplacements:\n  - format: x-post\n", head(1, "[en-GB]"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    std::fs::write(&path, yaml).unwrap();
    let o = billposter(&["check", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("c.yaml:17:14: error[campaign]: message a: caption: {helpline_note} but contact.helpline_note is not given"), "{err}");
}

/// Every field, every language: a wrong number is an error naming both numbers; a foreign
/// domain and stale hours are warnings; each at its field.
#[test]
fn wrong_numbers_foreign_domains_and_stale_hours_in_every_field_and_language() {
    let faults = [
        ("0800 999 9999", "copy", "phone number 0800 999 9999, which is not the helpline 0808 1000 900"),
        ("see evil-example.com", "copy", "web address evil-example.com"),
        ("open Mon-Sat 9am-8pm", "copy", "opening hours that differ from contact.hours"),
    ];
    for (fault, code, message) in faults {
        for field_name in ["headline", "body", "caption", "alt"] {
            for lang in ["en-GB", "gd"] {
                let (en, gd) = if lang == "en-GB" { (format!("Text {fault}"), "Teacsa".to_string()) } else { ("Text".to_string(), format!("Teacsa {fault}")) };
                let mut msg = String::from("  - id: m\n");
                if field_name != "headline" {
                    msg.push_str("    headline: Get help 0808 1000 900\n");
                }
                msg.push_str(&field(field_name, &en, &gd));
                if field_name != "alt" {
                    msg.push_str("    alt: \"Get help 0808 1000 900, Mon-Fri 9am-5pm\"\n");
                }
                let f = findings(&bilingual(&msg));
                let line = 16 + if field_name == "headline" { 1 } else { 2 };
                let hit: Vec<_> = f.iter().filter(|d| d.code == code && d.message.contains(message)).collect();
                assert_eq!(hit.len(), 1, "{field_name} {lang} {fault}: {f:#?}");
                let d = hit[0];
                assert!(d.message.contains(&format!("{field_name} ({lang})")), "{}", d.message);
                assert_eq!(d.span.line, line, "{field_name} {lang}: {d:?}");
                assert_eq!(d.is_error(), fault.starts_with("0800"), "{d:?}");
                assert_eq!(f.len(), 1, "only the fault: {f:#?}");
            }
        }
    }
}

/// No false alarm: the helpline written other ways, an allowed other number, the campaign's
/// own site, and numbers that are not phone numbers.
#[test]
fn the_campaigns_own_details_and_plain_numbers_pass() {
    let msg = concat!(
        "  - id: m\n",
        "    headline: \"Since 2019, 40 sites and 150 phone boxes: 1 in 10 (10%) people, 24/7\"\n",
        "    body: \"Call +44 (0)808 1000 900 or 0808-1000-900, office 0131 556 3535, from 18/03/2019 or 2019-03-18.\"\n",
        "    caption: \"Open Monday to Friday, 9 am to 5 pm: www.example.org/help, e.g. 3.5 million views #stop.it\"\n",
        "    alt: \"Get help 0808 1000 900, Mon-Fri 9am-5pm. https://example.org/\"\n",
    );
    let f = findings(&bilingual(msg));
    assert!(f.is_empty(), "{f:#?}");
}

/// End to end: a wrong number blocks the run (exit 1), reported once at its field even though
/// the caption reaches several assets.
#[test]
fn a_wrong_number_blocks_the_run_once() {
    let yaml = format!(
        "{}messages:\n  - id: a\n    headline: Get help\n    caption: \"Call 0800 999 9999\"\nplacements:\n  - format: instagram-square\n  - format: x-post\n",
        head(1, "[en-GB]")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    std::fs::write(&path, yaml).unwrap();
    let o = billposter(&["check", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(err.matches("error[copy]").count(), 1, "{err}");
    assert!(err.contains("c.yaml:17:14: error[copy]: message a: caption (en-GB) names the phone number 0800 999 9999"), "{err}");
}
