//! `placements:` — which formats run, where, how many sites and which weeks; roadside and QR
//! settings resolved.

use super::super::model::{self as m, QrSetting, SparesModel};
use super::super::{Field, Placement, Spares};
use super::text::{did_you_mean, known};
use super::{Ctx, sp};
use crate::vocab::settings::{PostingTimes, Reposting};
use crate::vocab::{Code, Format, Kind};

/// A print run larger than this per week is a typo, and would overflow quantity sums.
const MAX_SITES: u32 = 1_000_000;
/// The most posters one campaign may order: every print placement's sites × its weeks, summed
/// (what weekly reposting would print, before spares). A million posters is past any run a
/// charity campaign books, and bounds the site plan (one row per site per week).
const MAX_RUN: u64 = 1_000_000;
/// Default `print.supply_working_days`: Clear Channel asks for copies 10 working days before live.
const SUPPLY_WORKING_DAYS: u32 = 10;

pub(super) fn placements(cx: &mut Ctx, f: &m::FileModel, catalogue: &[Format], schedule: &[Vec<usize>], weeks: u32, languages: &[String]) -> Vec<Placement> {
    let mut placements = Vec::new();
    let mut run: u64 = 0;
    if f.placements.value.is_empty() {
        cx.err(sp(&f.placements), "placements is empty; expected at least one placement");
    }
    for pl in &f.placements.value {
        let p = &pl.value;
        let fid = &p.format.value;
        let Some(fmt) = catalogue.iter().find(|x| &x.id == fid) else {
            cx.err_hint(
                sp(&p.format),
                format!("placement format {fid:?} is not a known format"),
                did_you_mean(
                    fid,
                    known("formats (or define it under formats:)", catalogue.iter().map(|x| x.id.as_str())),
                    catalogue.iter().map(|x| x.id.as_str()),
                ),
            );
            continue;
        };
        let sites = match (&p.sites, fmt.kind) {
            (None, Kind::Print) => {
                cx.err_hint(sp(pl), format!("placement {fid} needs sites"), "print placements say how many sites are posted each week, e.g. sites: 40");
                None
            }
            (Some(s), Kind::Print) if s.value == 0 => {
                cx.err(sp(s), format!("placement {fid}: sites must be at least 1"));
                None
            }
            (Some(s), Kind::Print) if s.value > MAX_SITES => {
                cx.err(sp(s), format!("placement {fid}: sites is {}; expected at most {MAX_SITES}", s.value));
                None
            }
            (Some(s), Kind::Print) => Some(s.value),
            (Some(s), k) => {
                cx.err_hint(sp(s), format!("placement {fid} is a {} format and takes no sites", k.as_str()), "sites is the print quantity; remove it here");
                None
            }
            (None, _) => None,
        };
        let mut pweeks: Vec<u32> = Vec::new();
        match &p.weeks {
            None => pweeks.extend(1..=weeks.clamp(1, 52)),
            Some(ws) => {
                if ws.value.is_empty() {
                    cx.err(sp(ws), format!("placement {fid}: weeks is empty"));
                }
                for w in &ws.value {
                    if w.value < 1 || w.value > weeks {
                        cx.err(sp(w), format!("placement {fid}: week {} is outside the campaign's weeks 1 to {weeks}", w.value));
                    } else if pweeks.contains(&w.value) {
                        cx.err(sp(w), format!("placement {fid}: week {} is listed twice", w.value));
                    } else {
                        pweeks.push(w.value);
                    }
                }
                pweeks.sort_unstable();
            }
        }
        let roadside = p.roadside.as_ref().map(|r| r.value).unwrap_or(fmt.roadside);
        let qr = match p.qr.as_ref().map(|q| q.value).unwrap_or(QrSetting::Auto) {
            QrSetting::Auto => !roadside,
            QrSetting::On => {
                if roadside {
                    cx.warn(
                        Code::Roadside,
                        sp(p.qr.as_ref().expect("qr given")),
                        format!("placement {fid}: a QR code is forced onto a roadside placement; a QR invites drivers to use a phone (Highway Code rule 149)"),
                    );
                }
                true
            }
            QrSetting::Off => false,
        };
        let idle: Vec<String> = pweeks.iter().filter(|w| schedule.get(**w as usize - 1).is_some_and(|m| m.is_empty())).map(|w| w.to_string()).collect();
        if !idle.is_empty() {
            cx.warn(
                Code::Schedule,
                sp(pl),
                format!("placement {fid} runs in week {} but the schedule posts no message then; nothing is made for those weeks", idle.join(", ")),
            );
        }
        let langs = placement_languages(cx, fid, p.languages.as_ref(), languages);
        let spares = p.spares.as_ref().map(|s| spares(cx, fid, s)).unwrap_or_default();
        run += u64::from(sites.unwrap_or(0)) * pweeks.len() as u64;
        placements.push(Placement {
            format: Field { value: fid.clone(), span: sp(&p.format) },
            sites,
            weeks: pweeks,
            roadside,
            qr,
            languages: langs,
            spares,
            layout: p.layout.as_ref().and_then(|l| super::photo::layout(cx, l, &format!("placement {fid}: "))),
            span: sp(pl),
        });
    }
    if run > MAX_RUN {
        cx.err_hint(
            sp(&f.placements),
            format!("the print run is {run} posters (sites × weeks over every print placement); expected at most {MAX_RUN}"),
            "check sites: it is the number of sites posted each week, not a total",
        );
    }
    placements
}

/// `placements[].languages`: a subset of `campaign.languages`, returned in campaign order.
fn placement_languages(cx: &mut Ctx, fid: &str, given: Option<&m::S<Vec<m::S<String>>>>, languages: &[String]) -> Vec<String> {
    let Some(list) = given else { return languages.to_vec() };
    if list.value.is_empty() {
        cx.err_hint(sp(list), format!("placement {fid}: languages is empty"), "leave languages out to post every campaign language");
        return languages.to_vec();
    }
    let mut seen: Vec<&str> = Vec::new();
    for l in &list.value {
        if !languages.contains(&l.value) {
            cx.err_hint(
                sp(l),
                format!("placement {fid}: language {} is not in campaign.languages", l.value),
                format!("use one of {}, or add it to campaign.languages", languages.join(", ")),
            );
        } else if seen.contains(&l.value.as_str()) {
            cx.err(sp(l), format!("placement {fid}: language {} is listed twice", l.value));
        } else {
            seen.push(&l.value);
        }
    }
    if seen.is_empty() {
        return languages.to_vec();
    }
    languages.iter().filter(|l| seen.contains(&l.as_str())).cloned().collect()
}

/// `placements[].spares`: `"10%"` (up to two decimals, at most 100%) or a count.
fn spares(cx: &mut Ctx, fid: &str, s: &m::S<SparesModel>) -> Spares {
    let hint = "write a percent such as spares: 10% or a count such as spares: 3";
    match &s.value {
        SparesModel::Count(0) => Spares::None,
        SparesModel::Count(n) if *n <= u64::from(MAX_SITES) => Spares::Count(*n),
        SparesModel::Count(n) => {
            cx.err_hint(sp(s), format!("placement {fid}: spares is {n}; expected at most {MAX_SITES}"), hint);
            Spares::None
        }
        SparesModel::Text(t) => match percent_basis(t) {
            Some(0) => Spares::None,
            Some(bp) if bp <= 10_000 => Spares::Basis(bp),
            Some(_) => {
                cx.err_hint(sp(s), format!("placement {fid}: spares is {}; expected at most 100%", t.trim()), hint);
                Spares::None
            }
            None => {
                cx.err_hint(sp(s), format!("placement {fid}: spares {t:?} is not a percent or a count"), hint);
                Spares::None
            }
        },
    }
}

/// `"12.5%"` → 1250 hundredths of a percent; `None` unless digits, at most two decimals, `%`.
fn percent_basis(t: &str) -> Option<u64> {
    let n = t.trim().strip_suffix('%')?.trim_end();
    let (whole, frac) = n.split_once('.').unwrap_or((n, ""));
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 6 || frac.len() > 2 || !digits(whole) || !digits(frac) {
        return None;
    }
    let frac: u64 = format!("{frac:0<2}").parse().ok()?;
    Some(whole.parse::<u64>().ok()? * 100 + frac)
}

/// `print.supply_working_days` and `print.reposting`.
pub(super) fn print_run(cx: &mut Ctx, pm: Option<&m::PrintModel>) -> (u32, Reposting) {
    let days = match pm.and_then(|p| p.supply_working_days.as_ref()) {
        None => SUPPLY_WORKING_DAYS,
        Some(d) if d.value > 260 => {
            cx.err_hint(
                sp(d),
                format!("print.supply_working_days is {}; expected at most 260 (a year)", d.value),
                "the printer's lead time in working days, e.g. 10",
            );
            SUPPLY_WORKING_DAYS
        }
        Some(d) => d.value,
    };
    let reposting = match pm.and_then(|p| p.reposting.as_ref()) {
        None => Reposting::Changes,
        Some(r) => match r.value.as_str() {
            "changes" => Reposting::Changes,
            "weekly" => Reposting::Weekly,
            other => {
                cx.err_hint(
                    sp(r),
                    format!("print.reposting {other:?} is not changes or weekly"),
                    "reposting: changes (a new copy only where the artwork changes) or weekly",
                );
                Reposting::Changes
            }
        },
    };
    (days, reposting)
}

/// `posting.time` and `posting.spread_days`.
pub(super) fn posting_times(cx: &mut Ctx, pm: Option<&m::PostingModel>) -> PostingTimes {
    let mut t = PostingTimes::default();
    if let Some(time) = pm.and_then(|p| p.time.as_ref()) {
        match time.value.split_once(':').and_then(|(h, m)| Some((h.parse::<u32>().ok()?, m.parse::<u32>().ok()?, m.len()))) {
            Some((h, mi, 2)) if h < 24 && mi < 60 => (t.hour, t.minute) = (h, mi),
            _ => cx.err_hint(sp(time), format!("posting.time {:?} is not a time", time.value), "write a 24-hour time in quotes, e.g. time: \"10:00\""),
        }
    }
    if let Some(d) = pm.and_then(|p| p.spread_days.as_ref()) {
        if (1..=7).contains(&d.value) {
            t.spread_days = d.value;
        } else {
            cx.err_hint(sp(d), format!("posting.spread_days is {}; expected 1 to 7", d.value), "the days of each week the posts are spread over, e.g. 5");
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::percent_basis;

    #[test]
    fn percents_are_read_exactly() {
        assert_eq!(percent_basis("10%"), Some(1000));
        assert_eq!(percent_basis("12.5%"), Some(1250));
        assert_eq!(percent_basis(" 0.25 %"), Some(25));
        assert_eq!(percent_basis("10"), None);
        assert_eq!(percent_basis("-5%"), None);
        assert_eq!(percent_basis("1.234%"), None);
        assert_eq!(percent_basis("%"), None);
    }
}
