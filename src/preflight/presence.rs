//! `presence`: the helpline number, web address and imprint on every asset, exactly as given,
//! the hours where given — and visible: every line on the page and inside the safe area, not
//! painted over by a later item, and drawn at a real size. A line pushed above the top of a
//! 48-sheet is in the scene but not on the poster; it is absent.

use super::{EPS, mm, overflow, rect};
use crate::layout::scene::TextBlock;
use crate::layout::{ItemKind, Role, Scene};
use crate::plan::{AssetSpec, Text};
use crate::render::raster::Raster;
use crate::vocab::units::Rect;
use crate::vocab::{Code, Diagnostic};

/// The texts every asset must show, with where the campaign gives them and the text drawn.
fn wanted(spec: &AssetSpec) -> Vec<(Role, &Text, String)> {
    let copy = &spec.copy;
    let mut want: Vec<(Role, &Text)> = vec![(Role::Helpline, &copy.helpline), (Role::Website, &copy.website), (Role::Imprint, &copy.imprint)];
    if let Some(h) = &copy.hours {
        want.push((Role::Hours, h));
    }
    want.into_iter()
        .map(|(role, text)| {
            // The imprint is printed with the photo credit after it, where there is one.
            let expected = if role == Role::Imprint { copy.imprint_line() } else { text.text.clone() };
            (role, text, expected)
        })
        .collect()
}

pub fn check(spec: &AssetSpec, scene: &Scene, out: &mut Vec<Diagnostic>) {
    for (role, text, expected) in wanted(spec) {
        let expected = expected.as_str();
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
            // A no-break space is a space that only steers line breaking.
            Some((_, t)) if !same_words(&t.text, expected) || t.runs.is_empty() => {
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

/// Equal but for no-break spaces, which the layout uses to keep names and numbers unbroken.
fn same_words(shown: &str, expected: &str) -> bool {
    shown.chars().map(|c| if c == '\u{a0}' { ' ' } else { c }).eq(expected.chars().map(|c| if c == '\u{a0}' { ' ' } else { c }))
}

/// Share of a line's box that must be drawn in (or near) the text colour for the line to count
/// as drawn. Digits and letters ink 15–40% of their line box; a box with under 2% is empty or
/// holds a stray edge, not a line of text.
const MIN_INK_SHARE: f32 = 0.02;

/// Presence confirmed on the rendered pixels: every line of each required text that the scene
/// places on the page has ink of its colour where the scene says it is. Catches what the scene
/// cannot show: a glyph outline that drew nothing, a backend that skipped or misplaced the text.
pub fn check_pixels(spec: &AssetSpec, scene: &Scene, r: &Raster, out: &mut Vec<Diagnostic>) {
    for (role, text, expected) in wanted(spec) {
        let Some(t) = scene.items.iter().find_map(|it| match &it.kind {
            ItemKind::Text(t) if it.role == role && same_words(&t.text, &expected) => Some(t),
            _ => None,
        }) else {
            continue; // absent or different: reported by `check` from the scene
        };
        let trim = scene.trim();
        for line in t.lines.iter().filter(|l| trim.contains(&l.rect, EPS)) {
            let share = ink_share(t, line.rect, r);
            if share < MIN_INK_SHARE {
                let shown = &t.text[line.text.clone()];
                out.push(
                    Diagnostic::error(Code::Presence, format!("the {} line {shown:?} is in the layout but not in the rendered image", role.as_str()))
                        .measured(format!("{:.1}% of its box inked", share * 100.0), format!("≥ {:.0}%", MIN_INK_SHARE * 100.0))
                        .at(spec.source.as_path(), text.span),
                );
                break;
            }
        }
    }
}

/// Share of the pixels in `rect` at least half-way from the box's backdrop to the text colour.
/// The backdrop is the box's most common colour among pixels that are not near the text colour.
fn ink_share(t: &TextBlock, rect: Rect, r: &Raster) -> f32 {
    let k = r.px_per_mm;
    let (x0, y0) = ((rect.x * k).floor().max(0.0) as u32, (rect.y * k).floor().max(0.0) as u32);
    let (x1, y1) = (((rect.right() * k).ceil() as u32).min(r.width), ((rect.bottom() * k).ceil() as u32).min(r.height));
    if x1 <= x0 || y1 <= y0 {
        return 0.0;
    }
    let ink = t.colour.srgb.map(i32::from);
    let dist = |p: [i32; 3]| (0..3).map(|i| (p[i] - ink[i]).abs()).sum::<i32>();
    let pixel = |x: u32, y: u32| {
        let i = ((y * r.width + x) * 3) as usize;
        [i32::from(r.rgb[i]), i32::from(r.rgb[i + 1]), i32::from(r.rgb[i + 2])]
    };
    // Counted in runs of one colour (a flat backdrop is a few runs a row, not a map update a
    // pixel); the most common colour, ties to the smallest, whatever the map's order.
    let mut counts: std::collections::HashMap<[i32; 3], u32> = std::collections::HashMap::new();
    for y in y0..y1 {
        let mut run: Option<([i32; 3], u32)> = None;
        for x in x0..x1 {
            let p = pixel(x, y);
            if dist(p) <= 24 {
                continue;
            }
            match &mut run {
                Some((c, n)) if *c == p => *n += 1,
                _ => {
                    if let Some((c, n)) = run.replace((p, 1)) {
                        *counts.entry(c).or_default() += n;
                    }
                }
            }
        }
        if let Some((c, n)) = run {
            *counts.entry(c).or_default() += n;
        }
    }
    let Some((backdrop, _)) = counts.into_iter().max_by_key(|&(p, n)| (n, std::cmp::Reverse(p))) else {
        return 1.0; // every pixel is the text colour
    };
    let gap = dist(backdrop);
    let mut inked = 0u32;
    for y in y0..y1 {
        for x in x0..x1 {
            inked += (2 * dist(pixel(x, y)) <= gap) as u32;
        }
    }
    inked as f32 / ((x1 - x0) * (y1 - y0)) as f32
}
