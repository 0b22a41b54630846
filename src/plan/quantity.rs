//! Print quantities: how many copies of an artwork each of its placements posts each week.
//!
//! A site shows one poster a week. In week `w`, a placement with `sites: S` whose week in the
//! schedule lists `k` messages shares its sites between them in schedule order, as evenly as
//! possible, earlier ones first: each gets `S / k`, and the first `S % k` one more (40 sites,
//! 3 messages: 14, 13, 13). A message's sites that week are then split between the campaign's
//! languages by the same rule, in `campaign.languages` order, so every week the copies of a
//! placement add up to exactly its sites. Quantities always come from the whole campaign
//! schedule, whatever the selection.

use super::Share;
use crate::campaign::Campaign;

/// Share `total` between `n` parties as evenly as possible, earlier ones first: party `index`
/// gets `total / n`, plus one if `index < total % n`. An index outside `0..n` gets 0.
pub fn share(total: u32, n: usize, index: usize) -> u32 {
    if index >= n {
        return 0;
    }
    let n = n as u32;
    total / n + u32::from((index as u32) < total % n)
}

/// Sites of placement `placement` showing message `message` in `week` (1-based), all languages
/// together: 0 when the placement does not run that week or the schedule does not post the
/// message then.
fn message_sites(c: &Campaign, placement: usize, message: usize, week: u32) -> u32 {
    let Some(p) = c.placements.get(placement) else { return 0 };
    let Some(sites) = p.sites else { return 0 };
    if !p.weeks.contains(&week) {
        return 0;
    }
    let Some(msgs) = week.checked_sub(1).and_then(|i| c.schedule.get(i as usize)) else { return 0 };
    match msgs.iter().position(|&m| m == message) {
        Some(i) => share(sites, msgs.len(), i),
        None => 0,
    }
}

/// Copies of one artwork (placement, message, language) for `week`: the message's sites that
/// week, split between `campaign.languages` in order. A language not in the campaign gets 0.
pub(super) fn quantity(c: &Campaign, placement: usize, message: usize, language: &str, week: u32) -> u32 {
    let lang = c.languages.iter().position(|l| l == language).unwrap_or(usize::MAX);
    share(message_sites(c, placement, message, week), c.languages.len(), lang)
}

/// An artwork's copies from each of its placements in each week it is posted (print; a
/// placement without sites contributes 0).
pub(super) fn shares(c: &Campaign, placements: &[usize], message: usize, language: &str, weeks: &[u32]) -> Vec<Share> {
    let mut out = Vec::new();
    for &week in weeks {
        for &placement in placements {
            out.push(Share { placement, week, copies: quantity(c, placement, message, language, week) as u64 });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_is_even_with_earlier_ones_first() {
        assert_eq!((0..3).map(|i| share(40, 3, i)).collect::<Vec<_>>(), [14, 13, 13]);
        assert_eq!((0..3).map(|i| share(150, 3, i)).collect::<Vec<_>>(), [50, 50, 50]);
        assert_eq!((0..2).map(|i| share(7, 2, i)).collect::<Vec<_>>(), [4, 3]);
        assert_eq!((0..3).map(|i| share(2, 3, i)).collect::<Vec<_>>(), [1, 1, 0]);
        assert_eq!(share(5, 2, 2), 0, "an index past the end gets nothing");
        assert_eq!(share(5, 0, 0), 0);
    }
}
