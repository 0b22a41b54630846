//! How one week's sites are shared: between that week's messages, then between languages.
//!
//! A site shows one poster a week. A pool of `S` sites in a week whose schedule lists `k`
//! messages gives each `S / k`, and the first `S % k` (schedule order) one more (40 sites,
//! 3 messages: 14, 13, 13). Each message's sites are then split between the pool's `L`
//! languages the same way, except that the languages that get the extra site take turns
//! across the week's messages (a cursor carries on from one message to the next): 21 sites,
//! 3 messages, 3 languages give 7 per message and 3/2/2, 2/3/2, 2/2/3, so every language
//! also gets 7. No artwork's share that week differs from another's by more than one, and
//! the shares add up to exactly `S`.

/// Share `total` between `n` parties as evenly as possible, earlier ones first: party `index`
/// gets `total / n`, plus one if `index < total % n`. An index outside `0..n` gets 0.
pub fn share(total: u64, n: usize, index: usize) -> u64 {
    if index >= n {
        return 0;
    }
    let n = n as u64;
    total / n + u64::from((index as u64) < total % n)
}

/// One week's copies per (message, language) slot, message-major (`messages × languages`
/// values), as the module documentation says.
pub fn split_week(sites: u64, messages: usize, languages: usize) -> Vec<u64> {
    let mut out = Vec::with_capacity(messages * languages);
    if languages == 0 {
        return out;
    }
    let mut cursor = 0usize;
    for i in 0..messages {
        let m = share(sites, messages, i);
        let (base, extra) = (m / languages as u64, (m % languages as u64) as usize);
        for j in 0..languages {
            // Language j gets an extra copy when it is among the `extra` languages from the cursor.
            let gets = (j + languages - cursor) % languages < extra;
            out.push(base + u64::from(gets));
        }
        cursor = (cursor + extra) % languages;
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

    #[test]
    fn languages_take_turns_for_the_extra_site() {
        assert_eq!(split_week(21, 3, 3), [3, 2, 2, 2, 3, 2, 2, 2, 3]);
        assert_eq!(split_week(21, 1, 3), [7, 7, 7]);
        assert_eq!(split_week(41, 3, 1), [14, 14, 13]);
        assert_eq!(split_week(2, 3, 1), [1, 1, 0]);
    }

    /// Properties over many sizes: shares sum to the sites, no two differ by more than one,
    /// and each message's and each language's totals are even too.
    #[test]
    fn splits_are_even_and_complete() {
        for sites in 0..200u64 {
            for k in 1..6 {
                for l in 1..5 {
                    let v = split_week(sites, k, l);
                    assert_eq!(v.iter().sum::<u64>(), sites);
                    let (lo, hi) = (v.iter().min().unwrap(), v.iter().max().unwrap());
                    assert!(hi - lo <= 1, "{sites} sites, {k} messages, {l} languages: {v:?}");
                    let per_msg: Vec<u64> = v.chunks(l).map(|c| c.iter().sum()).collect();
                    assert!(per_msg.iter().max().unwrap() - per_msg.iter().min().unwrap() <= 1);
                    let per_lang: Vec<u64> = (0..l).map(|j| v.iter().skip(j).step_by(l).sum()).collect();
                    assert!(per_lang.iter().max().unwrap() - per_lang.iter().min().unwrap() <= 1, "{sites}/{k}/{l}: {v:?}");
                }
            }
        }
    }
}
