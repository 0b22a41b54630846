//! Typography rules the layout keeps, each checked on real scenes.

mod common;
use billposter::layout::Role;
use billposter::plan::Selection;
use common::*;

/// No line of a headline or body starts with a dash: a spaced dash stays at the end of the line
/// before it ("Talk to us —" / "you don't have to give your name.").
#[test]
fn no_line_starts_with_a_dash() {
    let yaml = format!(
        "{}messages:\n  - id: m\n    headline: \"Worried about someone you know — or about yourself?\"\n    body: \"Talk to us in confidence — you don't have to give your name – and we will listen - always.\"\n    caption: \"Talk to us.\"\nplacements:\n  - format: d6\n  - format: instagram-story\n  - format: instagram-square\n  - format: x-post\n  - format: phone-box\n    sites: 2\n  - format: billboard-96\n    sites: 2\n",
        head(1, "[en-GB]")
    );
    let c = load_yaml(&yaml);
    let mut lines = 0;
    for (spec, scene, _) in lay_out(&c, &Selection::default()) {
        for (item, t) in scene.texts().filter(|(i, _)| matches!(i.role, Role::Headline | Role::Body)) {
            for l in &t.lines {
                let text = t.text[l.text.clone()].trim_start();
                lines += 1;
                assert!(!text.starts_with(['—', '–', '-']), "{} {:?}: a line starts with a dash: {text:?}", spec.key, item.role);
            }
        }
    }
    assert!(lines > 20, "only {lines} lines");
}

/// The imprint breaks only between names: every line holds whole names ("Glasgow / Community
/// Safety Partnership" was seen on a d6), and no line starts with the "·" separator: it stays
/// with the name before it.
#[test]
fn the_imprint_breaks_between_names_only() {
    let names = ["Stop It Now! Scotland", "Police Scotland", "Glasgow Community Safety Partnership", "NHS Greater Glasgow and Clyde", "Scottish Government"];
    let yaml = format!(
        "{}messages:\n  - id: m\n    headline: \"Worried about someone? Talk to us.\"\n    caption: \"Talk to us.\"\nplacements:\n  - format: d6\n  - format: instagram-story\n  - format: instagram-square\n  - format: x-post\n  - format: phone-box\n    sites: 2\n",
        head(1, "[en-GB]").replace(
            "organisation: Test Org",
            &format!("organisation: \"{}\"\n  partners: [{}]", names[0], names[1..].iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", "))
        )
    );
    let c = load_yaml(&yaml);
    let (mut lines, mut wrapped) = (0, 0);
    for (spec, scene, _) in lay_out(&c, &Selection::default()) {
        let (_, t) = scene.texts().find(|(i, _)| i.role == Role::Imprint).expect("an imprint");
        wrapped += (t.lines.len() > 1) as u32;
        for l in &t.lines {
            let text = t.text[l.text.clone()].trim().replace('\u{a0}', " ");
            lines += 1;
            assert!(!text.starts_with('·'), "{}: a line starts with the separator: {text:?}", spec.key);
            for part in text.trim_end_matches(" ·").split(" · ") {
                assert!(names.contains(&part), "{}: a line breaks inside a name: {text:?}", spec.key);
            }
        }
    }
    assert!(wrapped >= 2, "the imprint wraps on {wrapped} formats: the test needs wrapped lines to mean anything");
    assert!(lines >= 10, "only {lines} lines");
}
