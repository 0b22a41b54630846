//! The print run of one artwork group: its pools of sites, each week's split, and which site
//! shows which artwork each week (the site plan).
//!
//! **Pools.** The placements of a group (one format with the same QR and roadside settings)
//! that post the same languages with the same spares are one pool: in each week their sites
//! are summed, then shared by [`split_week`] — so two contracts of 150 and 50 phone boxes in
//! the same weeks are 200 sites split once, not two splits added up (which skews rotation).
//! Placements posting other languages or spares make another pool of the same artworks.
//!
//! **Sites.** Each placement's sites are numbered within the group, placement after placement
//! (a 150-site and a 50-site contract: sites 1–150 and 151–200); a site belongs to one
//! placement, so a second contract's sites are never assumed to carry the first one's posters.
//! A week uses the sites of the pool's placements that run that week. Each week every site
//! keeps last week's artwork while that artwork's share this week allows (in site order), and
//! the sites left over take the artworks still short, in split order. That keeps as many sites
//! unchanged as any assignment can: an artwork kept at `min(sites showing it last week, its
//! share now)` sites is the most possible. A site not used in a week (its placement does not
//! run, or the schedule is empty) is bare, so the next week posts it anew.
//!
//! **Copies.** With `reposting: changes` an artwork's copies in a week are the sites that newly
//! show it; with `weekly`, every site showing it. Spares are the pool's `spares` of each
//! artwork's copies in each week it posts any.

use super::quantity::split_week;
use crate::campaign::{Campaign, Spares};
use crate::vocab::settings::Reposting;
use std::collections::BTreeMap;

/// An artwork of the group: (message index, language index into `campaign.languages`).
pub type Artwork = (usize, usize);

/// One artwork's copies in one week.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WeekCopies {
    /// New copies posted (all shown ones with weekly reposting).
    pub posted: u64,
    pub spares: u64,
}

/// Consecutive sites of a group showing one artwork in one week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub week: u32,
    /// 1-based site number within the group.
    pub first: u64,
    pub count: u64,
    pub artwork: Artwork,
    /// The site gets a new copy this week.
    pub new: bool,
}

#[derive(Debug, Default)]
pub struct GroupRun {
    /// Per artwork, per week it is shown.
    pub copies: BTreeMap<Artwork, BTreeMap<u32, WeekCopies>>,
    /// By pool, then week, then site.
    pub runs: Vec<Run>,
}

/// Rotate the group made of placements `members`.
pub fn rotate(c: &Campaign, members: &[usize]) -> GroupRun {
    let mut pools: Vec<(Vec<usize>, Spares, Vec<usize>)> = Vec::new();
    for &pi in members {
        let p = &c.placements[pi];
        let langs: Vec<usize> = c.languages.iter().enumerate().filter(|(_, l)| p.languages.contains(l)).map(|(i, _)| i).collect();
        match pools.iter_mut().find(|(l, s, _)| *l == langs && *s == p.spares) {
            Some(pool) => pool.2.push(pi),
            None => pools.push((langs, p.spares, vec![pi])),
        }
    }
    let mut out = GroupRun::default();
    let mut offset = 0u64;
    let weekly = c.print.reposting == Reposting::Weekly;
    for (langs, spares, placements) in &pools {
        // Each placement's sites: (first site number, count).
        let mut own: Vec<(u64, u64)> = Vec::new();
        for &pi in placements {
            let n = u64::from(c.placements[pi].sites.unwrap_or(0));
            own.push((offset + 1, n));
            offset += n;
        }
        let mut prev: Vec<(u64, u64, Artwork)> = Vec::new();
        for week in 1..=c.weeks {
            let active: Vec<(u64, u64)> = placements.iter().zip(&own).filter(|(pi, _)| c.placements[**pi].weeks.contains(&week)).map(|(_, s)| *s).collect();
            let sites: u64 = active.iter().map(|(_, n)| n).sum();
            let msgs = c.schedule.get(week as usize - 1).map(Vec::as_slice).unwrap_or(&[]);
            if sites == 0 || msgs.is_empty() || langs.is_empty() {
                prev.clear();
                continue;
            }
            let split = split_week(sites, msgs.len(), langs.len());
            let mut quota: Vec<(Artwork, u64)> = split.iter().enumerate().map(|(i, &n)| ((msgs[i / langs.len()], langs[i % langs.len()]), n)).collect();
            let runs = assign(&prev, &active, &mut quota);
            // Spares are per pool: its own `spares:` on its own copies.
            let mut posted: BTreeMap<Artwork, u64> = BTreeMap::new();
            for &(first, count, artwork, kept) in &runs {
                let new = weekly || !kept;
                out.runs.push(Run { week, first, count, artwork, new });
                let wc = out.copies.entry(artwork).or_default().entry(week).or_default();
                if new {
                    wc.posted += count;
                    *posted.entry(artwork).or_default() += count;
                }
            }
            for (artwork, n) in posted {
                out.copies.entry(artwork).or_default().entry(week).or_default().spares += spares.for_copies(n);
            }
            prev = runs.iter().map(|&(f, n, a, _)| (f, n, a)).collect();
        }
    }
    out
}

/// This week's runs `(first site, sites, artwork, kept from last week)` over the `active` site
/// ranges `(first, count)`, given last week's runs `prev` (ascending, `(first, count, artwork)`)
/// and each artwork's share in `quota` (used up here).
fn assign(prev: &[(u64, u64, Artwork)], active: &[(u64, u64)], quota: &mut [(Artwork, u64)]) -> Vec<(u64, u64, Artwork, bool)> {
    // First pass: keep what last week showed where the share allows; `None` marks a gap.
    let mut slots: Vec<(u64, u64, Option<Artwork>)> = Vec::new();
    for &(start, n) in active {
        let end = start + n;
        let mut at = start;
        for &(pf, pc, artwork) in prev.iter().filter(|(pf, pc, _)| pf + pc > start && *pf < end) {
            let (from, to) = (pf.max(at), (pf + pc).min(end));
            if from > at {
                slots.push((at, from - at, None));
            }
            let len = to - from;
            let keep = quota.iter_mut().find(|(a, _)| *a == artwork).map_or(0, |(_, q)| {
                let k = len.min(*q);
                *q -= k;
                k
            });
            if keep > 0 {
                slots.push((from, keep, Some(artwork)));
            }
            if len > keep {
                slots.push((from + keep, len - keep, None));
            }
            at = to;
        }
        if at < end {
            slots.push((at, end - at, None));
        }
    }
    // Second pass: fill the gaps with the artworks still short, in split order.
    let mut out: Vec<(u64, u64, Artwork, bool)> = Vec::new();
    let mut next = 0usize;
    for (first, len, artwork) in slots {
        if let Some(a) = artwork {
            out.push((first, len, a, true));
            continue;
        }
        let (mut at, mut gap) = (first, len);
        while gap > 0 && next < quota.len() {
            let (a, q) = &mut quota[next];
            if *q == 0 {
                next += 1;
                continue;
            }
            let n = gap.min(*q);
            *q -= n;
            out.push((at, n, *a, false));
            at += n;
            gap -= n;
        }
    }
    // Adjacent runs of one artwork and kind are one run.
    let mut merged: Vec<(u64, u64, Artwork, bool)> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if last.0 + last.1 == r.0 && last.2 == r.2 && last.3 == r.3 => last.1 += r.1,
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_keep_their_artwork_where_the_shares_allow() {
        // Week 1: 40 sites of A. Week 2: A, B, C share 14/13/13.
        let mut q = vec![((0, 0), 14), ((1, 0), 13), ((2, 0), 13)];
        let runs = assign(&[(1, 40, (0, 0))], &[(1, 40)], &mut q);
        assert_eq!(runs, [(1, 14, (0, 0), true), (15, 13, (1, 0), false), (28, 13, (2, 0), false)]);
        // Week 3: C, A, B share 14/13/13: one site changes, to C.
        let prev: Vec<_> = runs.iter().map(|&(f, n, a, _)| (f, n, a)).collect();
        let mut q = vec![((2, 0), 14), ((0, 0), 13), ((1, 0), 13)];
        let runs = assign(&prev, &[(1, 40)], &mut q);
        assert_eq!(runs, [(1, 13, (0, 0), true), (14, 1, (2, 0), false), (15, 13, (1, 0), true), (28, 13, (2, 0), true)]);
    }

    #[test]
    fn another_placements_sites_start_bare() {
        // Sites 1-10 showed B; this week sites 1-10 and a second contract's 11-16 share A 8, B 8.
        let mut q = vec![((0, 0), 8), ((1, 0), 8)];
        let runs = assign(&[(1, 10, (1, 0))], &[(1, 10), (11, 6)], &mut q);
        assert_eq!(runs, [(1, 8, (1, 0), true), (9, 8, (0, 0), false)]);
        // Only the second contract runs: nothing carries over from sites 1-10.
        let mut q = vec![((1, 0), 6)];
        assert_eq!(assign(&[(1, 10, (1, 0))], &[(11, 6)], &mut q), [(11, 6, (1, 0), false)]);
    }
}
