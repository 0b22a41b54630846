//! Stage 1: load a campaign file, validate it, resolve defaults. The result, `Campaign`, is
//! everything later stages need and nothing of YAML but the spans that point back into it.

mod budget;
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
use crate::vocab::{Bitmap, Colour, Date, FontFile, Format, Span};
use std::path::PathBuf;
use std::sync::Arc;

pub use load::load;

/// A value with the place in the campaign file it came from.
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
    pub headline_font: FontFile,
    pub body_font: FontFile,
    pub logo: Option<Logo>,
}

#[derive(Clone, Debug)]
pub struct Logo {
    pub path: PathBuf,
    pub bitmap: Bitmap,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Contact {
    pub helpline: Field<String>,
    pub hours: Option<Localised>,
    pub helpline_note: Option<Localised>,
    pub website: Field<String>,
    pub link: Field<String>,
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
    /// Span of the placement entry, for findings about the whole placement.
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct PrintSettings {
    /// The printer's CMYK output profile, parsed and checked at load: makes PDFs PDF/X-4.
    pub output_profile: Option<Arc<Profile>>,
    pub crop_marks: bool,
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
}

impl Campaign {
    pub fn format(&self, id: &str) -> Option<&Format> {
        self.formats.iter().find(|f| f.id == id)
    }
    /// The imprint line printed small on every asset: organisation, then partners. The
    /// separator is tied to the name before it (no-break space), so a wrapped imprint never
    /// starts a line with "·".
    pub fn imprint(&self) -> String {
        let mut s = self.organisation.value.clone();
        for p in &self.partners {
            s.push_str("\u{a0}· ");
            s.push_str(p);
        }
        s
    }
}
