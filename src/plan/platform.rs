//! Which platform a format posts to and what it does with a caption.
//!
//! Caption limits (sources: docs.x.com "Counting characters", and the publishing-API limit
//! tables of Ayrshare and Upload-Post for the others):
//!
//! | format id | platform | limit |
//! |---|---|---|
//! | `instagram-*` | Instagram | 2,200 characters |
//! | `x-*` | X | 280, weighted as X counts |
//! | `facebook-*` | Facebook | 63,206 characters |
//! | `linkedin-*` | LinkedIn | 3,000 characters |
//! | `bluesky-*` | Bluesky | 300 (Bluesky counts graphemes; counted here as characters, which is never fewer) |
//! | other social | the id's first part | not checked |
//!
//! Screens take no caption, and neither do stories (a format id ending in `-story`: Instagram
//! Stories have no caption field).

use crate::vocab::{Format, Kind};

/// How a platform counts a caption's length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counting {
    /// Unicode scalar values.
    Chars,
    /// X's weighted count (see `output::posting_plan::x_weighted_length`).
    XWeighted,
}

/// What a format does with a caption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptionRule {
    /// Print, screens and stories: no caption.
    NoCaption,
    /// A social platform whose limit billposter does not know.
    Unchecked,
    Limit {
        max: usize,
        counting: Counting,
    },
}

/// The platform an asset is posted on, as the posting plan names it, and its caption rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Platform {
    pub name: String,
    pub rule: CaptionRule,
}

/// The platform name and caption rule for a format, by its id (see the module table).
/// Overriding a built-in format keeps its id, so it keeps its platform.
pub fn platform(f: &Format) -> Platform {
    use CaptionRule::*;
    if f.kind != Kind::Social {
        return Platform { name: f.kind.as_str().to_string(), rule: NoCaption };
    }
    let id = f.id.as_str();
    let (name, rule) = if id.starts_with("instagram-") {
        ("Instagram", Limit { max: 2_200, counting: Counting::Chars })
    } else if id.starts_with("x-") {
        ("X", Limit { max: 280, counting: Counting::XWeighted })
    } else if id.starts_with("facebook-") {
        ("Facebook", Limit { max: 63_206, counting: Counting::Chars })
    } else if id.starts_with("bluesky-") {
        ("Bluesky", Limit { max: 300, counting: Counting::Chars })
    } else if id.starts_with("linkedin-") {
        ("LinkedIn", Limit { max: 3_000, counting: Counting::Chars })
    } else {
        (id.split('-').next().unwrap_or(id), Unchecked)
    };
    let rule = if id.ends_with("-story") { NoCaption } else { rule };
    Platform { name: name.to_string(), rule }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bluesky_captions_have_their_300_limit() {
        let mut f = crate::vocab::format::builtin().into_iter().find(|f| f.id == "x-post").expect("x-post");
        f.id = "bluesky-square".into();
        assert_eq!(platform(&f), Platform { name: "Bluesky".into(), rule: CaptionRule::Limit { max: 300, counting: Counting::Chars } });
    }
}
