//! `presence`: the helpline number, web address and imprint on every asset, exactly as given,
//! the hours where given — and visible: every line on the page and inside the safe area, not
//! painted over by a later item, and drawn at a real size. A line pushed above the top of a
//! 48-sheet is in the scene but not on the poster; it is absent.

use super::mm;
use crate::layout::{ItemKind, Role, Scene};
use crate::plan::{AssetSpec, Text};
use crate::vocab::units::Rect;
use crate::vocab::{Code, Diagnostic};

/// Float tolerance in scene mm, as `fit` uses.
const EPS: f32 = 0.05;

pub fn check(spec: &AssetSpec, scene: &Scene, out: &mut Vec<Diagnostic>) {
    let copy = &spec.copy;
    let mut want: Vec<(Role, &Text)> = vec![(Role::Helpline, &copy.helpline), (Role::Website, &copy.website), (Role::Imprint, &copy.imprint)];
    if let Some(h) = &copy.hours {
        want.push((Role::Hours, h));
    }
    let imprint_line = copy.imprint_line();
    for (role, text) in want {
        // The imprint is printed with the photo credit after it, where there is one.
        let expected = if role == Role::Imprint { imprint_line.as_str() } else { text.text.as_str() };
        let found = scene.items.iter().enumerate().find_map(|(i, it)| match &it.kind {
            ItemKind::Text(t) if it.role == role => Some((i, t)),
            _ => None,
        });
        let at = |d: Diagnostic| d.at(spec.source.as_path(), text.span);
        let what = role.as_str();
        let (index, t) = match found {
            None => {
                out.push(at(Diagnostic::error(Code::Presence, format!("the {what} is missing")).measured("absent", text.text.clone())));
                continue;
            }
            Some((_, t)) if t.text != expected || t.runs.is_empty() => {
                out.push(at(
                    Diagnostic::error(Code::Presence, format!("the {what} shown differs from the campaign's")).measured(t.text.clone(), expected.to_string())
                ));
                continue;
            }
            Some(x) => x,
        };
        if t.lines.is_empty() || t.cap_height_mm <= 0.0 || t.size_mm <= 0.0 {
            out.push(at(Diagnostic::error(Code::Presence, format!("the {what} is not drawn at a readable size"))
                .measured(format!("cap height {}", mm(t.cap_height_mm)), "> 0 mm")));
            continue;
        }
        let trim = scene.trim();
        if let Some(r) = t.lines.iter().map(|l| l.rect).find(|r| !trim.contains(r, EPS)) {
            out.push(at(Diagnostic::error(Code::Presence, format!("the {what} is not on the page: {} of it lies outside the trim", mm(overflow(&r, &trim))))
                .measured(rect(&r), format!("inside {}", rect(&trim)))));
            continue;
        }
        if let Some(r) = t.lines.iter().map(|l| l.rect).find(|r| !scene.safe.contains(r, EPS)) {
            out.push(at(Diagnostic::error(
                Code::Presence,
                format!("the {what} lies {} outside the safe area, where it may be trimmed or covered", mm(overflow(&r, &scene.safe))),
            )
            .measured(rect(&r), format!("inside {}", rect(&scene.safe)))));
            continue;
        }
        // Items are painted in order: anything opaque after the text is on top of it.
        let cover = scene.items[index + 1..].iter().find_map(|it| {
            let r = match &it.kind {
                ItemKind::Fill { rect, .. } => *rect,
                ItemKind::Image(i) => i.rect,
                ItemKind::Qr(q) => q.rect,
                ItemKind::Text(_) => return None,
            };
            t.lines.iter().any(|l| l.rect.intersects(&r)).then_some(it.role.as_str())
        });
        if let Some(other) = cover {
            out.push(at(
                Diagnostic::error(Code::Presence, format!("the {what} is covered by the {other}")).measured(format!("under the {other}"), "nothing on top")
            ));
        }
    }
}

/// How far `r` reaches outside `c`, in mm (the largest of the four sides).
pub(super) fn overflow(r: &Rect, c: &Rect) -> f32 {
    [c.x - r.x, c.y - r.y, r.right() - c.right(), r.bottom() - c.bottom()].into_iter().fold(0.0, f32::max)
}

pub(super) fn rect(r: &Rect) -> String {
    format!("{:.1},{:.1} {:.1}×{:.1} mm", r.x, r.y, r.w, r.h)
}
