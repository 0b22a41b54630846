//! Which placements make the same artwork.

use crate::campaign::{Campaign, Placement};

/// Placements of one format with the same QR, roadside and layout settings make the same artwork (two
/// contracts for phone boxes, say, weeks 1–2 and 3–4): they are one group, whose artwork runs
/// in the union of their weeks and whose print quantity is the sum of their sites. A format
/// placed with different settings makes a second artwork, named `<format>-2`.
pub(super) fn groups(c: &Campaign) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    let mut per_format: Vec<(&str, usize)> = Vec::new();
    for (pi, p) in c.placements.iter().enumerate() {
        let same = |q: &Placement| {
            q.format.value == p.format.value
                && q.qr == p.qr
                && q.roadside == p.roadside
                && q.layout.as_ref().map(|l| l.value) == p.layout.as_ref().map(|l| l.value)
        };
        if let Some(g) = out.iter_mut().find(|(_, members)| same(&c.placements[members[0]])) {
            g.1.push(pi);
            continue;
        }
        let n = match per_format.iter_mut().find(|(f, _)| *f == p.format.value) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                per_format.push((&p.format.value, 1));
                1
            }
        };
        let label = if n == 1 { p.format.value.clone() } else { format!("{}-{n}", p.format.value) };
        out.push((label, vec![pi]));
    }
    out
}
