//! The print run of one artwork group: its pools of sites, each week's split, and which site
//! shows which artwork each week (the site plan).
//!
//! **Pools.** The placements of a group (one format with the same QR and roadside settings)
//! that post the same languages with the same spares are one pool: in each week their sites
//! are summed, then shared by [`split_week`] — so two contracts of 150 and 50 phone boxes in
//! the same weeks are 200 sites split once, not two splits added up (which skews rotation).
//! Placements posting other languages or spares make another pool of the same artworks.
//!
//! **Sites.** A pool's sites are numbered 1..=S (in the group, after the earlier pools' sites);
//! week `w` uses sites 1..=S_w. Each week every site keeps last week's artwork while that
//! artwork's share this week allows (in site order), and the sites left over take the artworks
//! still short, in split order. That keeps as many sites unchanged as any assignment can: an
//! artwork kept at `min(sites showing it last week, its share now)` sites is the most possible.
//! A week the pool does not run (or whose schedule is empty) leaves its sites bare, so the next
//! week posts every site anew.
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
    /// Sites showing it.
    pub shown: u64,
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
    for (langs, spares, placements) in &pools {
        let mut prev: Vec<(Artwork, u64)> = Vec::new();
        let mut most = 0u64;
        for week in 1..=c.weeks {
            let sites: u64 = placements.iter().map(|&pi| &c.placements[pi]).filter(|p| p.weeks.contains(&week)).map(|p| u64::from(p.sites.unwrap_or(0))).sum();
            let msgs = c.schedule.get(week as usize - 1).map(Vec::as_slice).unwrap_or(&[]);
            if sites == 0 || msgs.is_empty() || langs.is_empty() {
                prev.clear();
                continue;
            }
            most = most.max(sites);
            let split = split_week(sites, msgs.len(), langs.len());
            let mut quota: Vec<(Artwork, u64)> = split.iter().enumerate().map(|(i, &n)| ((msgs[i / langs.len()], langs[i % langs.len()]), n)).collect();
            let runs = assign(&prev, &mut quota, sites);
            let weekly = c.print.reposting == Reposting::Weekly;
            let mut site = offset + 1;
            for &(artwork, count, kept) in &runs {
                let new = weekly || !kept;
                out.runs.push(Run { week, first: site, count, artwork, new });
                site += count;
                let wc = out.copies.entry(artwork).or_default().entry(week).or_default();
                wc.shown += count;
                if new {
                    wc.posted += count;
                }
            }
            // Spares are per pool: its own `spares:` on its own copies.
            let mut posted: BTreeMap<Artwork, u64> = BTreeMap::new();
            for &(artwork, count, kept) in &runs {
                if weekly || !kept {
                    *posted.entry(artwork).or_default() += count;
                }
            }
            for (artwork, n) in posted {
                out.copies.entry(artwork).or_default().entry(week).or_default().spares += spares.for_copies(n);
            }
            prev = merge(&runs);
        }
        offset += most;
    }
    out
}

/// This week's runs `(artwork, sites, kept from last week)` over sites 1..=`sites`, given last
/// week's runs `prev` and each artwork's share in `quota` (used up here).
fn assign(prev: &[(Artwork, u64)], quota: &mut [(Artwork, u64)], sites: u64) -> Vec<(Artwork, u64, bool)> {
    // First pass: keep what last week showed where the share allows; `None` marks a gap.
    let mut slots: Vec<(Option<Artwork>, u64)> = Vec::new();
    let mut pos = 0u64;
    for &(artwork, len) in prev {
        if pos >= sites {
            break;
        }
        let len = len.min(sites - pos);
        let left = quota.iter_mut().find(|(a, _)| *a == artwork).map(|(_, q)| q);
        let keep = left.map(|q| {
            let k = len.min(*q);
            *q -= k;
            k
        });
        let keep = keep.unwrap_or(0);
        if keep > 0 {
            slots.push((Some(artwork), keep));
        }
        if len > keep {
            slots.push((None, len - keep));
        }
        pos += len;
    }
    if pos < sites {
        slots.push((None, sites - pos));
    }
    // Second pass: fill the gaps with the artworks still short, in split order.
    let mut out: Vec<(Artwork, u64, bool)> = Vec::new();
    let mut next = 0usize;
    for (artwork, len) in slots {
        if let Some(a) = artwork {
            out.push((a, len, true));
            continue;
        }
        let mut gap = len;
        while gap > 0 && next < quota.len() {
            let (a, q) = &mut quota[next];
            if *q == 0 {
                next += 1;
                continue;
            }
            let n = gap.min(*q);
            *q -= n;
            gap -= n;
            out.push((*a, n, false));
        }
    }
    // Adjacent runs of one artwork and kind are one run.
    let mut merged: Vec<(Artwork, u64, bool)> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if last.0 == r.0 && last.2 == r.2 => last.1 += r.1,
            _ => merged.push(r),
        }
    }
    merged
}

/// The runs as next week sees them: what each site shows, new or not.
fn merge(runs: &[(Artwork, u64, bool)]) -> Vec<(Artwork, u64)> {
    let mut out: Vec<(Artwork, u64)> = Vec::with_capacity(runs.len());
    for &(a, n, _) in runs {
        match out.last_mut() {
            Some(last) if last.0 == a => last.1 += n,
            _ => out.push((a, n)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_keep_their_artwork_where_the_shares_allow() {
        // Week 1: 40 sites of A. Week 2: A, B, C share 14/13/13.
        let mut q = vec![((0, 0), 14), ((1, 0), 13), ((2, 0), 13)];
        let runs = assign(&[((0, 0), 40)], &mut q, 40);
        assert_eq!(runs, [((0, 0), 14, true), ((1, 0), 13, false), ((2, 0), 13, false)]);
        // Week 3: C, A, B share 14/13/13: one site changes, to C.
        let mut q = vec![((2, 0), 14), ((0, 0), 13), ((1, 0), 13)];
        let runs = assign(&merge(&runs), &mut q, 40);
        assert_eq!(runs, [((0, 0), 13, true), ((2, 0), 1, false), ((1, 0), 13, true), ((2, 0), 13, true)]);
    }

    #[test]
    fn fewer_sites_than_last_week_and_new_sites() {
        let mut q = vec![((0, 0), 3), ((1, 0), 3)];
        assert_eq!(assign(&[((1, 0), 10)], &mut q, 6), [((1, 0), 3, true), ((0, 0), 3, false)]);
        let mut q = vec![((0, 0), 5), ((1, 0), 5)];
        assert_eq!(assign(&[((1, 0), 2)], &mut q, 10), [((1, 0), 2, true), ((0, 0), 5, false), ((1, 0), 3, false)]);
    }
}
