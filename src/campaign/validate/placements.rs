//! `placements:` — which formats run, where, how many sites and which weeks; roadside and QR
//! settings resolved.

use super::super::model::{self as m, QrSetting};
use super::super::{Field, Placement};
use super::text::{did_you_mean, known};
use super::{Ctx, sp};
use crate::vocab::{Code, Format, Kind};

/// A print run larger than this per week is a typo, and would overflow quantity sums.
const MAX_SITES: u32 = 1_000_000;

pub(super) fn placements(cx: &mut Ctx, f: &m::FileModel, catalogue: &[Format], schedule: &[Vec<usize>], weeks: u32) -> Vec<Placement> {
    let mut placements = Vec::new();
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
        placements.push(Placement { format: Field { value: fid.clone(), span: sp(&p.format) }, sites, weeks: pweeks, roadside, qr, span: sp(pl) });
    }
    placements
}
