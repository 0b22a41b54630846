//! Parsed model → `Campaign`. Checks every rule of `campaign-format.md` that the YAML types do
//! not, collecting all errors of the file in one pass.

mod brand;
mod contact;
mod formats;
mod limits;
mod photo;
mod placements;
mod text;
mod words;

use super::model::{self as m, ColourModel, S, TextModel};
use super::*;
use crate::vocab::format as catalogue;
use crate::vocab::icc::Profile;
use crate::vocab::{Code, Diagnostic, Diagnostics};
use brand::{font, logo};
use formats::custom_format;
use std::path::Path;
use text::{clean, did_you_mean, known, localise};

const BUNDLED_HEADLINE: &str = "AtkinsonHyperlegible-Bold.ttf";
const BUNDLED_BODY: &str = "AtkinsonHyperlegible-Regular.ttf";

pub(super) struct Ctx<'a> {
    file: &'a Path,
    dir: &'a Path,
    diags: Diagnostics,
}

impl Ctx<'_> {
    pub(super) fn err(&mut self, span: Span, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(Code::Campaign, msg).at(self.file, span));
    }
    pub(super) fn err_hint(&mut self, span: Span, msg: impl Into<String>, hint: impl Into<String>) {
        self.diags.push(Diagnostic::error(Code::Campaign, msg).at(self.file, span).hint(hint));
    }
    pub(super) fn warn(&mut self, code: Code, span: Span, msg: impl Into<String>) {
        self.diags.push(Diagnostic::warning(code, msg).at(self.file, span));
    }
}

pub(super) fn sp<T>(s: &S<T>) -> Span {
    Span::new(s.referenced.line(), s.referenced.column())
}

pub fn is_valid_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_alphanumeric()))
}

pub fn validate(file: &Path, f: m::FileModel) -> Result<(Campaign, Diagnostics), Diagnostics> {
    let dir = file.parent().unwrap_or(Path::new("."));
    let mut cx = Ctx { file, dir, diags: Diagnostics::default() };

    if f.version.value != 1 {
        cx.err_hint(sp(&f.version), format!("unsupported version {}; expected 1", f.version.value), "only version 1 of the campaign format exists");
    }

    let c = &f.campaign.value;
    if !is_valid_id(&c.id.value) {
        cx.err_hint(
            sp(&c.id),
            format!("campaign.id {:?} is not a valid id; it names the output folder", c.id.value),
            "use lowercase letters, digits and '-', starting with a letter or digit, at most 63 characters, e.g. stop-it-now-scotland-2019",
        );
    }
    for (field, v) in [("campaign.name", &c.name), ("campaign.organisation", &c.organisation)] {
        if v.value.trim().is_empty() {
            cx.err(sp(v), format!("{field} is empty"));
        }
    }
    let mut languages = Vec::new();
    match &c.languages {
        None => languages.push("en-GB".to_string()),
        Some(list) => {
            if list.value.is_empty() {
                cx.err(sp(list), "campaign.languages is empty; expected at least one BCP 47 tag such as en-GB");
            }
            for l in &list.value {
                if !is_language_tag(&l.value) {
                    cx.err_hint(sp(l), format!("{:?} is not a BCP 47 language tag", l.value), "for example en-GB or gd");
                } else if languages.contains(&l.value) {
                    cx.err(sp(l), format!("language {} is listed twice", l.value));
                } else {
                    languages.push(l.value.clone());
                }
            }
        }
    }
    limits::counts(&mut cx, &f, languages.len(), c.languages.as_ref());
    let start = Date::parse(&c.start.value);
    if start.is_none() {
        cx.err_hint(sp(&c.start), format!("campaign.start {:?} is not a date", c.start.value), "write an ISO date, e.g. 2019-03-18");
    }
    let weeks = c.weeks.value;
    if !(1..=52).contains(&weeks) {
        cx.err(sp(&c.weeks), format!("campaign.weeks is {weeks}; expected 1 to 52"));
    }
    let partners: Vec<String> = c.partners.as_ref().map(|p| p.value.iter().map(|s| clean(&s.value)).collect()).unwrap_or_default();

    let text = |cx: &mut Ctx, t: &S<TextModel>, what: &str| localise(cx, t, what, &languages);

    // brand
    let b = f.brand.as_ref().map(|b| &b.value);
    let colour = |cx: &mut Ctx, v: Option<&S<ColourModel>>, default: &str, what: &str| -> Colour {
        match v {
            None => Colour::from_hex(default).expect("built-in colour"),
            Some(s) => match &s.value {
                ColourModel::Hex(h) => Colour::from_hex(h).unwrap_or_else(|| {
                    cx.err_hint(sp(s), format!("brand.{what} {h:?} is not a colour"), "write \"#RRGGBB\" (quoted) or {cmyk: [C, M, Y, K]} in percent");
                    Colour::BLACK
                }),
                ColourModel::Cmyk(v) => {
                    for (c, name) in v.iter().zip(["C", "M", "Y", "K"]) {
                        if !(0.0..=100.0).contains(&c.value) {
                            cx.err_hint(
                                sp(c),
                                format!("brand.{what}: cmyk {name} is {}; expected a percentage from 0 to 100", c.value),
                                "write {cmyk: [C, M, Y, K]} with each ink in percent, e.g. {cmyk: [100, 80, 0, 30]}",
                            );
                        }
                    }
                    Colour::from_cmyk_percent(v.each_ref().map(|c| c.value.clamp(0.0, 100.0)))
                }
            },
        }
    };
    let background = colour(&mut cx, b.and_then(|b| b.background.as_ref()), "#0B2545", "background");
    let text_colour = colour(&mut cx, b.and_then(|b| b.text.as_ref()), "#FFFFFF", "text");
    let accent = colour(&mut cx, b.and_then(|b| b.accent.as_ref()), "#FFC20E", "accent");
    let accent_text = b.and_then(|b| b.accent_text.as_ref()).map(|v| colour(&mut cx, Some(v), "#000000", "accent_text"));
    let fonts = b.and_then(|b| b.fonts.as_ref()).map(|f| &f.value);
    let headline_font = font(&mut cx, fonts.and_then(|f| f.headline.as_ref()), BUNDLED_HEADLINE, "headline");
    let body_font = font(&mut cx, fonts.and_then(|f| f.body.as_ref()), BUNDLED_BODY, "body");
    let fallback_fonts: Vec<FontFile> = fonts
        .and_then(|f| f.fallback.as_ref())
        .map(|l| l.value.iter().filter_map(|p| font(&mut cx, Some(p), BUNDLED_BODY, "fallback")).collect())
        .unwrap_or_default();
    let logo = b.and_then(|b| b.logo.as_ref()).and_then(|l| logo(&mut cx, l));

    let contact = contact::contact(&mut cx, &f, &languages);

    // The campaign's layout and photograph; each photo file is decoded once however many
    // messages name it.
    let mut decoded = photo::Decoded::new();
    let mut text_of = |cx: &mut Ctx, t: &S<TextModel>, what: &str| text(cx, t, what);
    let layout = f.layout.as_ref().and_then(|l| photo::layout(&mut cx, l, ""));
    let image = f.image.as_ref().and_then(|m| photo::image(&mut cx, m, "", &mut decoded, &mut text_of)).flatten();

    // messages
    let mut messages: Vec<Message> = Vec::new();
    if f.messages.value.is_empty() {
        cx.err(sp(&f.messages), "messages is empty; expected at least one message");
    }
    for msg in &f.messages.value {
        let mv = &msg.value;
        let id = &mv.id.value;
        if !is_valid_id(id) {
            cx.err_hint(
                sp(&mv.id),
                format!("message id {id:?} is not a valid id; ids name output files"),
                "use lowercase letters, digits and '-', starting with a letter or digit, e.g. get-help",
            );
        } else if let Some(first) = messages.iter().find(|x| &x.id.value == id) {
            cx.err_hint(
                sp(&mv.id),
                format!("message id {id} is used twice"),
                format!("the first {id} is at line {}; give each message its own id", first.id.span.line),
            );
        }
        let what = |field: &str| format!("message {id}: {field}");
        let headline = text(&mut cx, &mv.headline, &what("headline"));
        // A language missing from a map is reported by `localise`; only given texts here.
        let given: Vec<(&str, &str)> = match &mv.headline.value {
            TextModel::One(t) => vec![("", t.as_str())],
            TextModel::ByLanguage(map) => map.iter().map(|(k, v)| (k.value.as_str(), v.value.as_str())).collect(),
        };
        for (lang, t) in given {
            if t.trim().is_empty() {
                let which = if lang.is_empty() { String::new() } else { format!(" ({lang})") };
                cx.err(headline.span, format!("message {id}: headline{which} is empty"));
            }
        }
        let body = mv.body.as_ref().map(|t| text(&mut cx, t, &what("body")));
        let caption = mv.caption.as_ref().map(|t| text(&mut cx, t, &what("caption")));
        let alt = mv.alt.as_ref().map(|t| text(&mut cx, t, &what("alt")));
        for (field, t) in [("caption", &caption), ("alt", &alt)] {
            if let Some(t) = t {
                contact::placeholders(&mut cx, &what(field), t, &contact);
            }
        }
        let short_headline = mv.short.as_ref().and_then(|s| s.value.headline.as_ref()).map(|t| {
            let l = text(&mut cx, t, &what("short.headline"));
            if l.by_language.iter().any(|(_, t)| t.trim().is_empty()) {
                cx.err_hint(
                    l.span,
                    format!("message {id}: short.headline is empty"),
                    "give the short headline, or leave short.headline out to use the headline",
                );
            }
            l
        });
        let short_body = mv.short.as_ref().and_then(|s| s.value.body.as_ref()).map(|t| text(&mut cx, t, &what("short.body")));
        let whose = format!("message {id}: ");
        let m_layout = mv.layout.as_ref().and_then(|l| photo::layout(&mut cx, l, &whose));
        let m_image = mv.image.as_ref().and_then(|m| photo::image(&mut cx, m, &whose, &mut decoded, &mut text_of));
        messages.push(Message {
            id: Field { value: id.clone(), span: sp(&mv.id) },
            headline,
            body,
            caption,
            alt,
            short_headline,
            short_body,
            layout: m_layout,
            image: m_image,
        });
    }
    let msg_index = |id: &str| messages.iter().position(|x| x.id.value == id);

    // schedule
    let mut schedule: Vec<Vec<usize>> = vec![(0..messages.len()).collect(); weeks.clamp(1, 52) as usize];
    if let Some(sch) = &f.schedule {
        let mut seen = Vec::new();
        for wk in &sch.value {
            let n = wk.value.week.value;
            if n < 1 || n > weeks {
                cx.err(sp(&wk.value.week), format!("schedule week {n} is outside the campaign's weeks 1 to {weeks}"));
                continue;
            }
            if seen.contains(&n) {
                cx.err(sp(&wk.value.week), format!("schedule week {n} is given twice"));
                continue;
            }
            seen.push(n);
            let mut ids = Vec::new();
            if wk.value.messages.value.is_empty() {
                cx.err(sp(&wk.value.messages), format!("schedule week {n} lists no messages"));
            }
            for mid in &wk.value.messages.value {
                match msg_index(&mid.value) {
                    Some(i) if ids.contains(&i) => cx.err(sp(mid), format!("message {} is listed twice in week {n}", mid.value)),
                    Some(i) => ids.push(i),
                    None => cx.err_hint(
                        sp(mid),
                        format!("schedule week {n}: unknown message id {:?}", mid.value),
                        did_you_mean(&mid.value, known("messages", messages.iter().map(|x| x.id.value.as_str())), messages.iter().map(|x| x.id.value.as_str())),
                    ),
                }
            }
            if let Some(slot) = schedule.get_mut(n as usize - 1) {
                *slot = ids;
            }
        }
        // Weeks the schedule does not name post nothing: an explicit schedule is the whole plan.
        for (i, slot) in schedule.iter_mut().enumerate() {
            if !seen.contains(&(i as u32 + 1)) {
                slot.clear();
            }
        }
    }

    // formats
    let mut catalogue = catalogue::builtin();
    if let Some(fs) = &f.formats {
        let mut seen: Vec<&str> = Vec::new();
        for fm in &fs.value {
            if seen.contains(&fm.value.id.value.as_str()) {
                cx.err(sp(&fm.value.id), format!("format {} is defined twice", fm.value.id.value));
                continue;
            }
            seen.push(&fm.value.id.value);
            if let Some(fmt) = custom_format(&mut cx, &fm.value, &catalogue) {
                match catalogue.iter_mut().find(|x| x.id == fmt.id) {
                    Some(slot) => *slot = fmt,
                    None => catalogue.push(fmt),
                }
            }
        }
    }

    let placements = placements::placements(&mut cx, &f, &catalogue, &schedule, weeks, &languages);

    // print settings
    let pm = f.print.as_ref().map(|p| &p.value);
    let output_profile = pm.and_then(|p| p.output_profile.as_ref()).and_then(|op| {
        let path = dir.join(&op.value);
        match super::input::read_bounded(&path, super::input::MAX_PROFILE_BYTES).map_err(|e| format!("cannot read print.output_profile {}: {e}", op.value)) {
            Ok(b) => match Profile::parse(&path, &b) {
                Ok(p) => Some(Arc::new(p)),
                Err(e) => {
                    // The profile check words its hint inline; it goes on its own `hint:` line.
                    match e.split_once("; hint: ") {
                        Some((msg, hint)) => cx.err_hint(sp(op), format!("print.{msg}"), hint),
                        None => cx.err(sp(op), format!("print.{e}")),
                    }
                    None
                }
            },
            Err(e) => {
                cx.err(sp(op), e);
                None
            }
        }
    });
    let words = words::words(&mut cx, &f, &languages, &placements, &catalogue, &messages);
    let (supply_working_days, reposting) = placements::print_run(&mut cx, pm);
    let posting = placements::posting_times(&mut cx, f.posting.as_ref().map(|p| &p.value));
    let print =
        PrintSettings { output_profile, crop_marks: pm.and_then(|p| p.crop_marks.as_ref()).map(|c| c.value).unwrap_or(true), supply_working_days, reposting };

    photo::photos_for_layouts(&mut cx, &placements, &messages, layout.as_ref(), image.as_ref());

    if cx.diags.has_errors() {
        return Err(cx.diags);
    }
    let campaign = Campaign {
        file: file.to_path_buf(),
        id: c.id.value.clone(),
        name: c.name.value.clone(),
        organisation: Field { value: clean(&c.organisation.value), span: sp(&c.organisation) },
        partners,
        languages,
        start: start.expect("checked above"),
        weeks,
        brand: Brand {
            background,
            text: text_colour,
            accent,
            accent_text,
            headline_font: headline_font.expect("checked"),
            body_font: body_font.expect("checked"),
            fallback_fonts,
            logo,
        },
        contact,
        messages,
        schedule,
        placements,
        formats: catalogue,
        print,
        posting,
        words,
        layout,
        image,
    };
    Ok((campaign, cx.diags))
}
