//! The composition's proportions in one table: every size a ratio of the headline's base size
//! `b`, every gap a share of it, and the line heights each role is set with. Change the look
//! here, not in the code that places things.

/// Size of each part as a fraction of the headline size.
pub const BODY: f32 = 0.46;
pub const NOTE: f32 = 0.30;
pub const NUMBER: f32 = 0.85;
pub const HOURS: f32 = 0.36;
pub const WEBSITE: f32 = 0.40;
pub const IMPRINT: f32 = 0.22;
/// The helpline number stays clearly above the supporting lines even where legibility floors
/// push those up (a roadside band would otherwise set note, number and hours all alike).
pub const NUMBER_OVER_FLOOR: f32 = 1.6;

/// Line height of each role, as a multiple of its font size: tight for the display lines,
/// open for the body, which is read rather than glanced at.
pub mod line_height {
    pub const HEADLINE: f32 = 1.08;
    pub const BODY: f32 = 1.22;
    pub const NOTE: f32 = 1.15;
    pub const NUMBER: f32 = 1.1;
    pub const HOURS: f32 = 1.15;
    pub const WEBSITE: f32 = 1.15;
    pub const IMPRINT: f32 = 1.2;
}

/// Gaps, as fractions of `b`.
pub mod gap {
    /// Between columns (copy and QR, number and its note/hours).
    pub const GUTTER: f32 = 0.35;
    /// Headline to body.
    pub const BODY: f32 = 0.35;
    /// Top block to band: the least; spare height opens here.
    pub const ABOVE_BAND: f32 = 0.5;
    /// Band to the bottom block.
    pub const BELOW_BAND: f32 = 0.4;
    /// Inside the band: note to number, number to hours (stacked); note to hours (beside).
    pub const NOTE_NUMBER: f32 = 0.05;
    pub const NUMBER_HOURS: f32 = 0.06;
    pub const SIDE_HOURS: f32 = 0.1;
    /// Web address to imprint, and imprint to logo.
    pub const IMPRINT: f32 = 0.25;
    pub const LOGO: f32 = 0.25;
    /// Number to the note/hours column beside it, as a share of the gutter.
    pub const BESIDE_NUMBER: f32 = 0.6;
    /// Spare height (a short message set in its format's type scale) first opens between the
    /// copy and the band, up to this; the rest is shared above and below the copy.
    pub const SPARE_ABOVE_BAND: f32 = 0.8;
}

/// A word of at least this many letters may end a wrapped headline on a line of its own: it
/// fills the line ("everything."); a short one ("help.") would be an orphan, and a short word
/// alone anywhere else breaks the phrase ("Worried / about / someone").
pub const LONE_WORD_MIN_LETTERS: usize = 8;

/// Whether a word may stand on a headline's last line by itself (`LONE_WORD_MIN_LETTERS`).
pub fn holds_a_line(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphanumeric()).count() >= LONE_WORD_MIN_LETTERS
}

/// Paper seams (48-sheet panels): lines of small copy and the number's digits keep this far
/// from a seam (full-size mm; pasted sheets overlap or gap by a few millimetres).
pub const SEAM_CLEARANCE_MM: f32 = 6.0;
/// The number may be set up to this share smaller, in these steps, so that every seam it spans
/// falls between two digits.
pub const SEAM_NUMBER_SHRINK: f32 = 0.15;
pub const SEAM_NUMBER_STEP: f32 = 0.0025;

/// Band padding above and below its text, as a fraction of the number's size.
pub const BAND_PAD: f32 = 0.32;
/// The logo is as tall as this many web-address lines.
pub const LOGO_LINES: f32 = 1.6;

/// Safe areas at least this much wider than tall use the wide arrangement.
pub const WIDE_ASPECT: f32 = 1.3;
/// Safe areas at least this much wider than tall (a 96-sheet is 4.1:1) set the web address
/// and imprint at the band's right end.
pub const TAIL_IN_BAND_ASPECT: f32 = 3.0;
/// Largest headline size: a share of the safe height (wide), or of the larger of the safe
/// width and three quarters of its height (tall and square).
pub const B_MAX_WIDE: f32 = 0.26;
pub const B_MAX_TALL: f32 = 0.14;
pub const B_MAX_TALL_HEIGHT_SHARE: f32 = 0.75;

/// QR size: the format's minimum with this margin, or this share of the safe area's short
/// side, whichever is larger; never more than the cap share.
pub const QR_OVER_MINIMUM: f32 = 1.12;
pub const QR_SHARE: f32 = 0.2;
pub const QR_CAP_SHARE: f32 = 0.62;

/// Float tolerances: a stack may exceed the safe height by this factor (rounding), and side
/// by side columns get this much slack so a measured width re-breaks to the same lines.
pub const FIT_TOLERANCE: f32 = 1.0001;
pub const WIDTH_SLACK: f32 = 1.0001;
/// The typesetting rules (no lone headline word, nothing small on a seam) may set the copy up
/// to this share below the largest size that fits, tried in these steps; past that, the rule is
/// given up rather than the size.
pub const RULES_MAX_SHRINK: f32 = 0.35;
pub const RULES_STEP: f32 = 0.01;
/// The base-size search stops when the bracket is this fraction of `b`, or after so many steps.
pub const SEARCH_PRECISION: f32 = 0.003;
pub const SEARCH_STEPS: usize = 20;

/// Split layout, wide formats: the photo takes the left edge's margin and this share of the
/// safe width at 2:1, less by the per-aspect step on longer boards (a 4:1 96-sheet gives it
/// 0.30), never below the minimum.
pub const SPLIT_WIDE_SHARE: f32 = 0.38;
pub const SPLIT_WIDE_SHARE_PER_ASPECT: f32 = 0.04;
pub const SPLIT_WIDE_SHARE_MIN: f32 = 0.28;
/// Split layout, tall and square formats: the photo takes the top margin and this share of the
/// safe height on pages at least 3:2 tall; squarer pages scale it down with their aspect (a
/// square keeps 27%), so the copy keeps room for its stack.
pub const SPLIT_TALL_SHARE: f32 = 0.4;
pub const SPLIT_TALL_FULL_ASPECT: f32 = 1.5;

/// Names in the imprint up to this long are kept on one line (organisations and partners are
/// rarely longer: "Glasgow Community Safety Partnership" is 36).
pub const UNBROKEN_NAME_CHARS: usize = 40;

/// Text on a photo must reach 4.5:1 on its pixels; layout aims a little above so that the
/// measurement, which reads the same pixels, passes with room.
pub const PHOTO_TEXT_CONTRAST: f64 = crate::vocab::colour::TEXT_CONTRAST + 0.1;
/// The scrim behind copy on a photo: tried in this many steps up to this opacity; it fades out
/// over this many `b` below the copy.
pub const SCRIM_STEPS: u32 = 17;
pub const SCRIM_MAX: f32 = 0.85;
pub const SCRIM_FADE: f32 = 1.2;
/// Layout judges a scrim on at most this many sampled pixels per line (preflight reads them all).
pub const SCRIM_SAMPLES: u64 = 20_000;
/// A logo in a corner: this share of the safe area's short side tall (medium), never wider than
/// this share of its width; the copy keeps clear of it by this share of its height.
pub const LOGO_CORNER_SHARE: f32 = 0.07;
pub const LOGO_CORNER_MAX_WIDTH: f32 = 0.4;
pub const LOGO_CORNER_GAP: f32 = 0.5;
