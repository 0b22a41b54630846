//! Stage 1: load a campaign file, validate it, resolve defaults. The result, `Campaign`, is
//! everything later stages need and nothing of YAML but the spans that point back into it.

mod budget;
mod files;
mod input;
mod json_schema;
mod load;
mod messages;
pub mod model;
mod parse;
pub mod placeholders;
mod position;
mod schema;
mod tree;
mod validate;
mod wording;

use crate::vocab::icc::Profile;
use crate::vocab::photo::SharedPhoto;
use crate::vocab::settings::{Layout, LogoPosition, LogoSize, PostingTimes, Reposting};
use crate::vocab::{Bitmap, Colour, Date, FontFile, Format, Span};
use std::path::PathBuf;
use std::sync::Arc;

pub use files::{Named, named_files};
pub use json_schema::json_schema;
pub use load::load;

/// A value with the place in the campaign file it came from.
/// Between the names of the imprint line (and before a photo credit): a middle dot tied to the
/// name before it by a no-break space, so a wrapped line never starts with it.
pub const IMPRINT_SEP: &str = "\u{a0}· ";

#[derive(Clone, Debug, PartialEq)]
pub struct Field<T> {
    pub value: T,
    pub span: Span,
}

/// A text in every campaign language, in `Campaign::languages` order.
#[derive(Clone, Debug, PartialEq)]
pub struct Localised {
    pub by_language: Vec<(String, String)>,
    pub span: Span,
}

impl Localised {
    pub fn get(&self, lang: &str) -> &str {
        self.by_language.iter().find(|(l, _)| l == lang).or(self.by_language.first()).map(|(_, t)| t.as_str()).unwrap_or("")
    }
}

#[derive(Clone, Debug)]
pub struct Brand {
    pub background: Colour,
    pub text: Colour,
    pub accent: Colour,
    /// `brand.accent_text`: the band's text colour when the campaign names it.
    pub accent_text: Option<Colour>,
    pub headline_font: FontFile,
    pub body_font: FontFile,
    /// `brand.fonts.fallback`: tried, in order, for characters the brand fonts lack, before
    /// the bundled fallback fonts.
    pub fallback_fonts: Vec<FontFile>,
    pub logo: Option<Logo>,
}

#[derive(Clone, Debug)]
pub struct Logo {
    pub path: PathBuf,
    pub bitmap: Bitmap,
    /// `on_light`: the version for light surfaces; the one that stands out is drawn.
    pub on_light: Option<Bitmap>,
    pub size: LogoSize,
    pub position: LogoPosition,
    pub span: Span,
}

/// A photograph (`image:` on the campaign or a message): decoded once, shared.
#[derive(Clone, Debug)]
pub struct Image {
    pub path: PathBuf,
    pub photo: SharedPhoto,
    /// `[x, y]` in 0..1: the point every crop keeps (default: the centre).
    pub focus: [f32; 2],
    /// Describes the photo, for the alt text.
    pub alt: Option<Localised>,
    /// Printed small with the imprint.
    pub credit: Option<Localised>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Contact {
    pub helpline: Field<String>,
    pub hours: Option<Localised>,
    pub helpline_note: Option<Localised>,
    pub website: Field<String>,
    pub link: Field<String>,
    /// A base URL the campaign controls (ends in `/`): each QR encodes it plus a short code.
    pub short_link: Option<Field<String>>,
    pub tracking: bool,
    /// Other phone numbers copy may name (an office line); any other number is an error.
    pub other_numbers: Vec<Field<String>>,
}

#[derive(Clone, Debug)]
pub struct Message {
    pub id: Field<String>,
    pub headline: Localised,
    pub body: Option<Localised>,
    pub caption: Option<Localised>,
    pub alt: Option<Localised>,
    /// `short.headline` / `short.body`: the copy for formats read at a glance (roadside).
    pub short_headline: Option<Localised>,
    pub short_body: Option<Localised>,
    /// `layout:` on the message (a placement's wins over it).
    pub layout: Option<Field<Layout>>,
    /// `image:` on the message: `None` uses the campaign's, `Some(None)` is `image: none`.
    pub image: Option<Option<Image>>,
}

#[derive(Clone, Debug)]
pub struct Placement {
    pub format: Field<String>,
    /// Sites posted each week (print only).
    pub sites: Option<u32>,
    /// Weeks this placement runs, ascending, 1-based.
    pub weeks: Vec<u32>,
    pub roadside: bool,
    pub qr: bool,
    /// The languages it posts, in `Campaign::languages` order (default: all of them).
    pub languages: Vec<String>,
    pub spares: Spares,
    /// `layout:` on the placement: wins over the message's and the campaign's.
    pub layout: Option<Field<Layout>>,
    /// Span of the placement entry, for findings about the whole placement.
    pub span: Span,
}

/// Extra copies per artwork per posting (`placements[].spares`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Spares {
    #[default]
    None,
    /// Hundredths of a percent (`"12.5%"` = 1250), rounded up per posting.
    Basis(u64),
    Count(u64),
}

impl Spares {
    /// Spares for a posting of `copies` copies: none when nothing is posted. Integer
    /// arithmetic, so 10% of 30 is exactly 3.
    pub fn for_copies(self, copies: u64) -> u64 {
        match self {
            _ if copies == 0 => 0,
            Spares::None => 0,
            Spares::Basis(bp) => (copies as u128 * bp as u128).div_ceil(10_000) as u64,
            Spares::Count(n) => n,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct PrintSettings {
    /// The printer's CMYK output profile, parsed and checked at load: makes PDFs PDF/X-4.
    pub output_profile: Option<Arc<Profile>>,
    pub crop_marks: bool,
    /// Copies are due this many working days (Mon–Fri) before each posting date.
    pub supply_working_days: u32,
    pub reposting: Reposting,
}

#[derive(Clone, Debug)]
pub struct Campaign {
    /// The campaign file, as given on the command line.
    pub file: PathBuf,
    pub id: String,
    pub name: String,
    pub organisation: Field<String>,
    pub partners: Vec<String>,
    pub languages: Vec<String>,
    pub start: Date,
    pub weeks: u32,
    pub brand: Brand,
    pub contact: Contact,
    pub messages: Vec<Message>,
    /// For each week (index 0 = week 1), the indices into `messages` posted that week.
    pub schedule: Vec<Vec<usize>>,
    pub placements: Vec<Placement>,
    /// The catalogue with the campaign's custom formats and overrides applied.
    pub formats: Vec<Format>,
    pub print: PrintSettings,
    /// When social posts go out.
    pub posting: PostingTimes,
    /// The campaign's `layout:` (default band).
    pub layout: Option<Field<Layout>>,
    /// The campaign's `image:`.
    pub image: Option<Image>,
    /// The words billposter writes itself, per language that has them (`words`, else built in).
    pub words: std::collections::BTreeMap<String, Words>,
}

/// The words billposter writes itself into one language's assets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Words {
    /// The generated alt text's label before the number ("Helpline", "Telefon zaufania").
    pub helpline: String,
}

impl Campaign {
    /// The layout of message `mi` on placement `pi`: the placement's, else the message's, else
    /// the campaign's, else band; with the span of the `layout:` that chose it.
    pub fn layout_of(&self, pi: usize, mi: usize) -> Option<&Field<Layout>> {
        self.placements[pi].layout.as_ref().or(self.messages[mi].layout.as_ref()).or(self.layout.as_ref())
    }
    /// The photograph of message `mi`: its own, none (`image: none`), or the campaign's.
    pub fn image_of(&self, mi: usize) -> Option<&Image> {
        match &self.messages[mi].image {
            Some(own) => own.as_ref(),
            None => self.image.as_ref(),
        }
    }
    pub fn format(&self, id: &str) -> Option<&Format> {
        self.formats.iter().find(|f| f.id == id)
    }
    /// The imprint line printed small on every asset: organisation, then partners. The
    /// separator is tied to the name before it (no-break space), so a wrapped imprint never
    /// starts a line with "·".
    pub fn imprint(&self) -> String {
        let mut s = self.organisation.value.clone();
        for p in &self.partners {
            s.push_str(IMPRINT_SEP);
            s.push_str(p);
        }
        s
    }
}
