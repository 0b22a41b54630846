//! The shared vocabulary at the bottom of the house: colours, dates, units, diagnostics and
//! their spans, formats and kinds, handles to fonts, images and ICC profiles. Every stage speaks
//! it; it imports nothing from the crate above it.

pub mod colour;
pub mod date;
pub mod diag;
pub mod format;
pub mod icc;
pub mod language;
pub mod made_once;
pub mod media;
pub mod photo;
pub mod units;

pub use colour::Colour;
pub use date::{Date, Timestamp};
pub use diag::{Code, Diagnostic, Diagnostics, Severity, Span};
pub use format::{FileType, Format, Kind};
pub use media::{Bitmap, FontFile};
pub mod settings;
