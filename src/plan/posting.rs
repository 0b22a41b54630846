//! The day each social post goes out. In each campaign week, the posts of one format are spread
//! over the first `posting.spread_days` days (`PostingTimes::day`): the `k`-th of `n`, counted in
//! plan order, on day `k × days / n`. Decided once here, over every social artwork of the
//! campaign whatever the selection (a filtered run gives a post the day a full run gives it);
//! the posting plan only formats it.

use super::AssetSpec;
use crate::vocab::settings::PostingTimes;
use std::collections::HashMap;

/// One social artwork of the campaign, selected or not, in plan order.
pub(super) struct Slot {
    pub format: String,
    /// Weeks it runs, ascending.
    pub weeks: Vec<u32>,
    /// Its index in the plan's assets, when the selection keeps it.
    pub asset: Option<usize>,
}

/// Set `posted_on` on every posting of the selected social assets. One pass to count the posts
/// of each (format, week), one to number them: linear in the number of posts.
pub(super) fn spread(slots: &[Slot], assets: &mut [AssetSpec], times: &PostingTimes) {
    let mut n: HashMap<(&str, u32), usize> = HashMap::new();
    for s in slots {
        for &w in &s.weeks {
            *n.entry((&s.format, w)).or_default() += 1;
        }
    }
    let mut k: HashMap<(&str, u32), usize> = HashMap::new();
    for s in slots {
        for &w in &s.weeks {
            let i = k.entry((&s.format, w)).or_default();
            if let Some(a) = s.asset
                && let Some(p) = assets[a].postings.iter_mut().find(|p| p.week == w)
            {
                p.posted_on = Some(p.date.add_days(i64::from(times.day(*i, n[&(s.format.as_str(), w)]))));
            }
            *i += 1;
        }
    }
}
