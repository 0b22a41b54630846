//! Caption lengths as platforms count them; X's weighted count approximated from below.

use crate::plan::Counting;

pub fn caption_length(text: &str, counting: Counting) -> usize {
    match counting {
        Counting::Chars => text.chars().count(),
        Counting::XWeighted => x_weighted_length(text),
    }
}

/// A caption's length as X counts it (twitter-text configuration v3, docs.x.com "Counting
/// characters"): code points in U+0000–10FF, U+2000–200D, U+2010–201F and U+2032–2037 count 1,
/// all others 2; an emoji counts 2 however many code points it takes; a link counts 23.
///
/// Without twitter-text's link parser and emoji tables, this approximates, choosing where in
/// doubt to count less than X does (an error must be certain): a word starting `http://` or
/// `https://` is a link (23); a word with a dot inside, which X may or may not link
/// (`stopitnow.org.uk`), counts the lesser of its own length and 23; an emoji sequence is a
/// character followed by variation selectors, skin tones, tags, keycap marks or ZWJ-joined
/// characters, or a pair of regional indicators (a flag). The one way it can count more: no NFC
/// normalisation is done, so decomposed accents count 2 where X counts 1 (YAML text typed by
/// people is nearly always NFC already).
pub fn x_weighted_length(text: &str) -> usize {
    let mut n = 0;
    let mut word = String::new();
    for ch in text.chars() {
        if ch.is_whitespace() {
            n += x_word_length(&word) + x_weight(ch);
            word.clear();
        } else {
            word.push(ch);
        }
    }
    n + x_word_length(&word)
}

fn x_weight(c: char) -> usize {
    match c as u32 {
        0..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => 2,
    }
}

fn x_word_length(word: &str) -> usize {
    const LEAD: &[char] = &['(', '[', '"', '\'', '<', '“', '‘'];
    const TRAIL: &[char] = &['.', ',', ':', ';', '!', '?', ')', ']', '"', '\'', '>', '”', '’'];
    let core = word.trim_start_matches(LEAD).trim_end_matches(TRAIL);
    if core.is_empty() {
        return x_weighted_chars(word);
    }
    let start = word.len() - word.trim_start_matches(LEAD).len();
    let (lead, rest) = word.split_at(start);
    let trail = &rest[core.len()..];
    let punct = x_weighted_chars(lead) + x_weighted_chars(trail);
    let lower = core.to_ascii_lowercase();
    let scheme = ["https://", "http://"].into_iter().find(|s| lower.starts_with(s));
    if let Some(s) = scheme
        && core.len() > s.len()
    {
        return punct + 23;
    }
    let own = x_weighted_chars(core);
    let dotted = core.split('.').count() > 1 && core.split('.').all(|p| !p.is_empty()) && !core.contains('@');
    punct + if dotted { own.min(23) } else { own }
}

fn x_weighted_chars(s: &str) -> usize {
    let weight = x_weight;
    let joins = |c: char| matches!(c as u32, 0xFE0E | 0xFE0F | 0x20E3 | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F);
    let regional = |c: char| (0x1F1E6..=0x1F1FF).contains(&(c as u32));
    let mut n = 0;
    let mut prev: Option<char> = None;
    let mut after_zwj = false;
    let mut open_flag = false;
    for c in s.chars() {
        if prev.is_some() && joins(c) {
            // part of the previous emoji
        } else if after_zwj {
            after_zwj = false;
        } else if c == '\u{200D}' && prev.is_some_and(|p| weight(p) == 2 || joins(p)) {
            after_zwj = true;
        } else if regional(c) && open_flag {
            open_flag = false;
        } else {
            open_flag = regional(c);
            n += weight(c);
        }
        prev = Some(c);
    }
    n
}
