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
