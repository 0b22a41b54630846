//! What a language tag tells: its writing direction, and the words and
//! punctuation billposter writes itself into an asset (the generated alt text's "Helpline"
//! label), so no English reaches another language's asset.

use serde::Serialize;

/// The direction a language is written in; a right-to-left asset's composition is mirrored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Ltr,
    Rtl,
}

/// The primary language subtag, lower case: `en-GB` → `en`.
pub fn base(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}

/// A script subtag decides (`pa-Arab` is Shahmukhi, right to left; `az-Latn` left to right);
/// otherwise the language's usual script does.
pub fn direction(tag: &str) -> Direction {
    let rtl_script = |s: &str| matches!(s, "arab" | "hebr" | "syrc" | "thaa" | "nkoo" | "adlm" | "rohg" | "mand" | "samr");
    if let Some(script) = tag.split(['-', '_']).skip(1).find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic())) {
        return if rtl_script(&script.to_ascii_lowercase()) { Direction::Rtl } else { Direction::Ltr };
    }
    match base(tag).as_str() {
        "ar" | "ur" | "fa" | "he" | "iw" | "yi" | "ps" | "sd" | "ug" | "ckb" | "dv" | "prs" => Direction::Rtl,
        _ => Direction::Ltr,
    }
}

/// The built-in word for the helpline label, by primary language (the label reads the same in
/// every regional variant of these: `en-GB`, `en-US`, `pa-IN`, `ar-EG`).
pub fn built_in_helpline(tag: &str) -> Option<&'static str> {
    Some(match base(tag).as_str() {
        "en" => "Helpline",
        "gd" => "Loidhne-chuideachaidh",
        "cy" => "Llinell gymorth",
        "pl" => "Telefon zaufania",
        "ur" => "ہیلپ لائن",
        "ar" => "خط المساعدة",
        "pa" if direction(tag) == Direction::Ltr => "ਹੈਲਪਲਾਈਨ",
        _ => return None,
    })
}

/// Sentence punctuation for generated text: Urdu ends a sentence with ۔ and Arabic script
/// separates with ، (a Latin comma in an Arabic sentence is a typo to its readers).
pub struct Punctuation {
    pub comma: &'static str,
    pub full_stop: &'static str,
    /// Characters that already end a sentence.
    pub ends: &'static [char],
}

pub fn punctuation(tag: &str) -> Punctuation {
    let ends: &[char] = &['.', '!', '?', '۔', '؟', '।'];
    match base(tag).as_str() {
        "ur" => Punctuation { comma: "،", full_stop: "۔", ends },
        _ if direction(tag) == Direction::Rtl => Punctuation { comma: "،", full_stop: ".", ends },
        _ => Punctuation { comma: ",", full_stop: ".", ends },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions() {
        for t in ["ar", "ur", "ur-PK", "fa", "he", "pa-Arab"] {
            assert_eq!(direction(t), Direction::Rtl, "{t}");
        }
        for t in ["en-GB", "gd", "pl", "pa", "pa-Guru", "zh-Hans", "az-Latn"] {
            assert_eq!(direction(t), Direction::Ltr, "{t}");
        }
    }

    #[test]
    fn built_in_words_match_the_base_language_only() {
        assert_eq!(built_in_helpline("en-GB"), Some("Helpline"));
        assert_eq!(built_in_helpline("pl-PL"), Some("Telefon zaufania"));
        assert_eq!(built_in_helpline("pa-Arab"), None, "Shahmukhi is not written in Gurmukhi");
        assert_eq!(built_in_helpline("fa"), None);
    }
}
