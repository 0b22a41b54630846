//! The campaign format by path: the keys each mapping takes and the hints for what a field takes or needs; in one place, so a field added to model.rs is one edit here.

/// `messages[3].headline` → `messages[].headline`: the path as the format describes it.
fn without_indexes(path: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    for c in path.chars() {
        match c {
            '[' => {
                skip = true;
                out.push('[');
            }
            ']' => {
                skip = false;
                out.push(']');
            }
            _ if skip => {}
            _ => out.push(c),
        }
    }
    out
}

/// The keys each mapping of the format takes, by path with list indexes dropped, in the
/// model's field order. Checked on the whole tree, so every unknown key of a file is reported
/// in one run (serde stops at the first).
pub(super) fn allowed_keys(path: &str) -> Option<&'static [&'static str]> {
    let norm = without_indexes(path);
    Some(match norm.as_str() {
        "" => &["version", "campaign", "brand", "contact", "messages", "schedule", "placements", "formats", "print", "posting", "words", "layout", "image"],
        "campaign" => &["id", "name", "organisation", "partners", "languages", "start", "weeks"],
        "brand" => &["background", "text", "accent", "accent_text", "fonts", "logo"],
        "brand.fonts" => &["headline", "body", "fallback"],
        "brand.logo" => &["path", "on_light", "size", "position"],
        "brand.background" | "brand.text" | "brand.accent" | "brand.accent_text" => &["cmyk"],
        "contact" => &["helpline", "hours", "helpline_note", "website", "link", "short_link", "other_numbers", "tracking"],
        "messages[]" => &["id", "headline", "body", "caption", "alt", "short", "layout", "image"],
        "image" | "messages[].image" => &["path", "focus", "alt", "credit"],
        "messages[].short" => &["headline", "body"],
        "schedule[]" => &["week", "messages"],
        "placements[]" => &["format", "sites", "weeks", "roadside", "qr", "languages", "spares", "layout"],
        "formats[]" => &[
            "id",
            "kind",
            "description",
            "width_mm",
            "height_mm",
            "scale",
            "bleed_mm",
            "safe_mm",
            "viewing_distance_m",
            "width_px",
            "height_px",
            "safe_px",
            "roadside",
            "file",
            "max_bytes",
        ],
        "print" => &["output_profile", "crop_marks", "supply_working_days", "reposting"],
        "posting" => &["time", "spread_days"],
        w if w.strip_prefix("words.").is_some_and(|l| !l.contains('.')) => &["helpline"],
        _ => return None,
    })
}

/// What a field takes, for type errors.
pub(super) fn field_hint(path: &str) -> Option<String> {
    let leaf = path.rsplit('.').next().unwrap_or(path);
    let leaf = leaf.split('[').next().unwrap_or(leaf);
    let h = match (path, leaf) {
        ("version", _) => "write version: 1",
        ("campaign", _) => "campaign: a mapping with id, name, organisation, start and weeks",
        ("contact", _) => "contact: a mapping with helpline, website and link (hours, helpline_note and tracking are optional)",
        ("brand", _) => "brand: a mapping with any of background, text, accent, fonts and logo",
        ("campaign.weeks", _) => "the campaign's length in weeks, 1 to 52, e.g. weeks: 4",
        (_, "sites") => "the number of sites posted each week, e.g. sites: 40",
        (_, "week") => "a week number, e.g. week: 1",
        (p, "weeks") if p.starts_with("placements") => "a list of week numbers, e.g. weeks: [1, 2]",
        ("messages", _) => "a list of messages, each starting with `- id: …`",
        ("placements", _) => "a list of placements, each starting with `- format: …`",
        ("schedule", _) => "a list of weeks, each starting with `- week: …`",
        (_, "languages") => "a list of BCP 47 tags, e.g. languages: [en-GB, gd]",
        (_, "partners") => "a list of names, e.g. partners: [\"Police Scotland\"]",
        (_, "other_numbers") => "a list of phone numbers, e.g. other_numbers: [\"0131 556 3535\"]",
        (_, "tracking" | "roadside" | "crop_marks") => "true or false",
        (_, "qr") => "qr: auto, on or off",
        (_, "spares") => "a percent such as spares: 10% or a count such as spares: 3",
        (_, "supply_working_days") => "a number of working days, e.g. supply_working_days: 10",
        (_, "reposting") => "reposting: changes or weekly",
        (_, "spread_days") => "a number of days, 1 to 7, e.g. spread_days: 5",
        ("posting", _) => "posting: a mapping with time and spread_days",
        ("brand.fonts", _) => {
            "fonts: a mapping of font files, written on the lines below it and indented: `headline: fonts/Bold.ttf` and `body: fonts/Regular.ttf`"
        }
        ("print", _) => "print: a mapping with any of output_profile, crop_marks, supply_working_days and reposting",
        (p, _) if p.ends_with(".short") => "short: a mapping with headline and body, e.g. short: {headline: \"Get help.\", body: \"\"}",
        (_, "size") => "size: small, medium or large",
        (_, "position") => "position: foot, top-left, top-right, bottom-left or bottom-right",
        (_, "on_light") => "a PNG or JPEG file: the logo version drawn on light surfaces",
        (_, "layout") => "layout: band, split or photo",
        (_, "image") => "image: a photo's path (PNG, JPEG or WebP), none, or {path: …, focus: [0.5, 0.4], alt: \"…\", credit: \"…\"}",
        (_, "focus") => "focus: [x, y], each 0 to 1, e.g. focus: [0.5, 0.35]",
        (_, "path") => "a file path, relative to the campaign file",
        (_, "headline" | "body" | "caption" | "alt" | "credit" | "hours" | "helpline_note") => {
            "a text, or a map of language to text such as {en-GB: \"…\", gd: \"…\"}"
        }
        (_, "background" | "text" | "accent" | "accent_text") => "a colour: \"#RRGGBB\" (quoted) or {cmyk: [C, M, Y, K]} in percent",
        _ => return None,
    };
    Some(h.to_string())
}

pub(super) fn required_hint(path: &str) -> String {
    let norm = without_indexes(path);
    let example = match norm.as_str() {
        "campaign.name" => "name: the campaign's name, e.g. name: \"Stop It Now! Scotland: Get Help\"",
        "campaign.organisation" => "organisation: the name printed in the imprint line",
        "messages[].id" => "id: a lowercase name for the message, e.g. id: get-help",
        "messages[].headline" => "headline: the message's main line",
        "schedule[].week" => "week: the week number, e.g. week: 1",
        "schedule[].messages" => "messages: the ids of the messages posted that week, e.g. messages: [get-help]",
        "placements[].format" => "format: a format id, e.g. format: billboard-48 (`billposter formats` lists them)",
        "formats[].id" => "id: the format's id, e.g. id: kiosk-glasgow",
        "version" => "version: 1",
        "campaign" => "campaign: with id, name, organisation, start and weeks",
        "contact" => "contact: with helpline, website and link",
        "messages" => "messages: a list of messages, each with id and headline",
        "placements" => "placements: a list of placements, each with a format",
        "contact.helpline" => "helpline: \"0808 1000 900\"",
        "contact.website" => "website: \"stopitnow.org.uk\" (the address as printed)",
        "contact.link" => "link: \"https://www.stopitnow.org.uk/\" (the address the QR code opens)",
        "campaign.id" => "id: a lowercase name for the output folder, e.g. id: stop-it-now-scotland-2019",
        "campaign.start" => "start: the first day of week 1, e.g. start: 2019-03-18",
        "campaign.weeks" => "weeks: the length in weeks, e.g. weeks: 4",
        _ => return "docs/campaign-format.md lists the required keys".into(),
    };
    format!("add {example}")
}
