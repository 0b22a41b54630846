//! `fit`: no text outside the safe area (platform overlays included) or its region, nothing
//! overlapping, the QR inside the safe area.

use super::{EPS, overflow, rect};
use crate::layout::{ItemKind, Role, Scene};
use crate::plan::AssetSpec;
use crate::vocab::units::Rect;
use crate::vocab::{Code, Diagnostic};

pub fn check(spec: &AssetSpec, scene: &Scene, out: &mut Vec<Diagnostic>) {
    let mut placed: Vec<(&str, Rect)> = Vec::new();
    for item in &scene.items {
        let rects: Vec<Rect> = match &item.kind {
            ItemKind::Text(t) => t.lines.iter().map(|l| l.rect).collect(),
            ItemKind::Qr(q) => vec![q.rect],
            // A photograph fills its region into the bleed by design; the logo is copy-like.
            ItemKind::Image(_) if item.role == Role::Photo => continue,
            ItemKind::Image(i) => vec![i.rect],
            ItemKind::Fill { .. } => continue,
        };
        for r in &rects {
            if !scene.safe.contains(r, EPS) {
                out.push(
                    Diagnostic::error(
                        Code::Fit,
                        format!("{} lies {:.1} mm outside the safe area (margins and platform overlays)", item.role.as_str(), overflow(r, &scene.safe)),
                    )
                    .measured(rect(r), format!("inside {}", rect(&scene.safe)))
                    .at(spec.source.as_path(), item.span),
                );
                break;
            }
            if !item.region.contains(r, EPS) {
                out.push(
                    Diagnostic::error(Code::Fit, format!("{} overflows the region it was given by {:.1} mm", item.role.as_str(), overflow(r, &item.region)))
                        .measured(rect(r), format!("inside {}", rect(&item.region)))
                        .at(spec.source.as_path(), item.span),
                );
                break;
            }
            if let Some((other, o)) = placed.iter().find(|(_, o)| o.intersects(r)) {
                let (w, h) = (r.right().min(o.right()) - r.x.max(o.x), r.bottom().min(o.bottom()) - r.y.max(o.y));
                out.push(
                    Diagnostic::error(Code::Fit, format!("{} overlaps the {other} by {w:.1} × {h:.1} mm", item.role.as_str()))
                        .measured(format!("{w:.1} × {h:.1} mm overlap"), "no overlap")
                        .at(spec.source.as_path(), item.span),
                );
                break;
            }
        }
        let role = item.role.as_str();
        placed.extend(rects.into_iter().map(|r| (role, r)));
    }
}
