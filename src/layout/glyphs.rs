//! The finding for characters no font in an asset's chain can draw: a located error naming the
//! message, the field, the language and the characters in reading order — never a tofu box on
//! a poster.

use super::scene::Role;
use crate::fonts::FontRole;
use crate::plan::AssetSpec;
use crate::vocab::{Code, Diagnostic, Span};

pub(super) fn missing_glyphs(a: &AssetSpec, role: Role, font: FontRole, span: Span, chars: &[char]) -> Diagnostic {
    let list = chars.iter().map(|c| format!("{c:?} (U+{:04X})", *c as u32)).collect::<Vec<_>>().join(", ");
    // The font the part was shaped with: the helpline and website use the headline font.
    let font = if font == FontRole::Headline { "headline" } else { "body" };
    Diagnostic::error(
        Code::Glyph,
        format!(
            "no font can draw {list} in the {} of message {} ({}): neither the {font} font nor its fallbacks have a glyph for it",
            role.as_str(),
            a.message.id,
            a.language
        ),
    )
    .for_asset(&a.key)
    .at(a.source.as_path(), span)
    .hint("add a font that covers this script under brand.fonts.fallback (e.g. fallback: [fonts/NotoSansSC-Regular.otf]), or under brand.fonts")
}
