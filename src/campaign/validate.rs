//! Parsed model → `Campaign`. Checks every rule of `campaign-format.md` that the YAML types do
//! not, collecting all errors of the file in one pass.

use super::model::{self as m, ColourModel, QrSetting, TextModel, S};
use super::wording::{closest, io_reason, lower_first};
use super::*;
use crate::vocab::format::{self as formats, page_mm, MAX_PAGE_MM};
use crate::vocab::icc::Profile;
use crate::vocab::units::{Sides, CSS_PX_PER_MM};
use crate::vocab::{Code, Diagnostic, Diagnostics, FileType, Kind};
use std::path::Path;

const MAX_LINK_BYTES: usize = 300;
/// A print run larger than this per week is a typo, and would overflow quantity sums.
const MAX_SITES: u32 = 1_000_000;
const BUNDLED_HEADLINE: &str = "AtkinsonHyperlegible-Bold.ttf";
const BUNDLED_BODY: &str = "AtkinsonHyperlegible-Regular.ttf";

struct Ctx<'a> {
    file: &'a Path,
    dir: &'a Path,
    diags: Diagnostics,
}

impl Ctx<'_> {
    fn err(&mut self, span: Span, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(Code::Campaign, msg).at(self.file, span));
    }
    fn err_hint(&mut self, span: Span, msg: impl Into<String>, hint: impl Into<String>) {
        self.diags.push(Diagnostic::error(Code::Campaign, msg).at(self.file, span).hint(hint));
    }
    fn warn(&mut self, code: Code, span: Span, msg: impl Into<String>) {
        self.diags.push(Diagnostic::warning(code, msg).at(self.file, span));
    }
}

fn sp<T>(s: &S<T>) -> Span {
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
        cx.err_hint(sp(&c.id), format!("campaign.id {:?} is not a valid id; it names the output folder", c.id.value),
            "use lowercase letters, digits and '-', starting with a letter or digit, at most 63 characters, e.g. stop-it-now-scotland-2019");
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
                            cx.err_hint(sp(c), format!("brand.{what}: cmyk {name} is {}; expected a percentage from 0 to 100", c.value), "write {cmyk: [C, M, Y, K]} with each ink in percent, e.g. {cmyk: [100, 80, 0, 30]}");
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
    let fonts = b.and_then(|b| b.fonts.as_ref()).map(|f| &f.value);
    let headline_font = font(&mut cx, fonts.and_then(|f| f.headline.as_ref()), BUNDLED_HEADLINE, "headline");
    let body_font = font(&mut cx, fonts.and_then(|f| f.body.as_ref()), BUNDLED_BODY, "body");
    let logo = b.and_then(|b| b.logo.as_ref()).and_then(|l| logo(&mut cx, l));

    // contact
    let ct = &f.contact.value;
    let h = &ct.helpline.value;
    let digits = h.chars().filter(|c| c.is_ascii_digit()).count();
    let helpline_ok = h.chars().enumerate().all(|(i, c)| c.is_ascii_digit() || c == ' ' || (c == '+' && i == 0)) && digits >= 3;
    if !helpline_ok {
        cx.err_hint(sp(&ct.helpline), format!("contact.helpline {h:?} is not a phone number"), "use digits, spaces and a leading + only, e.g. \"0808 1000 900\"");
    }
    if ct.hours.is_none() {
        cx.warn(Code::Presence, sp(&f.contact), "contact.hours is not given; assets will carry no opening hours");
    }
    let hours = ct.hours.as_ref().map(|t| text(&mut cx, t, "contact.hours"));
    let helpline_note = ct.helpline_note.as_ref().map(|t| text(&mut cx, t, "contact.helpline_note"));
    let w = &ct.website.value;
    if w.trim().is_empty() || w.contains(char::is_whitespace) {
        cx.err_hint(sp(&ct.website), format!("contact.website {w:?} is not a web address"), "the address as printed, e.g. stopitnow.org.uk");
    }
    match url::Url::parse(&ct.link.value) {
        Ok(u) if (u.scheme() == "http" || u.scheme() == "https") && u.host_str().is_some_and(|h| !h.is_empty()) => {}
        _ => cx.err_hint(sp(&ct.link), format!("contact.link {:?} is not an absolute http(s) URL", ct.link.value), "for example https://www.stopitnow.org.uk/"),
    }
    // With tracking tags (~130 bytes) a longer link makes a QR code too dense to scan from a
    // poster; QR codes cannot hold more than ~1,600 bytes at all.
    if ct.link.value.len() > MAX_LINK_BYTES {
        cx.err_hint(sp(&ct.link), format!("contact.link is {} bytes long; at most {MAX_LINK_BYTES} fit a QR code that scans from a poster", ct.link.value.len()), "use a short landing-page address");
    }
    let contact = Contact {
        helpline: Field { value: h.trim().to_string(), span: sp(&ct.helpline) },
        hours,
        helpline_note,
        website: Field { value: w.trim().to_string(), span: sp(&ct.website) },
        link: Field { value: ct.link.value.clone(), span: sp(&ct.link) },
        tracking: ct.tracking.as_ref().map(|t| t.value).unwrap_or(true),
    };

    // messages
    let mut messages: Vec<Message> = Vec::new();
    if f.messages.value.is_empty() {
        cx.err(sp(&f.messages), "messages is empty; expected at least one message");
    }
    for msg in &f.messages.value {
        let mv = &msg.value;
        let id = &mv.id.value;
        if !is_valid_id(id) {
            cx.err_hint(sp(&mv.id), format!("message id {id:?} is not a valid id; ids name output files"), "use lowercase letters, digits and '-', starting with a letter or digit, e.g. get-help");
        } else if let Some(first) = messages.iter().find(|x| &x.id.value == id) {
            cx.err_hint(sp(&mv.id), format!("message id {id} is used twice"), format!("the first {id} is at line {}; give each message its own id", first.id.span.line));
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
        messages.push(Message {
            id: Field { value: id.clone(), span: sp(&mv.id) },
            headline,
            body: mv.body.as_ref().map(|t| text(&mut cx, t, &what("body"))),
            caption: mv.caption.as_ref().map(|t| text(&mut cx, t, &what("caption"))),
            alt: mv.alt.as_ref().map(|t| text(&mut cx, t, &what("alt"))),
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
                    None => cx.err_hint(sp(mid), format!("schedule week {n}: unknown message id {:?}", mid.value), did_you_mean(&mid.value, known("messages", messages.iter().map(|x| x.id.value.as_str())), messages.iter().map(|x| x.id.value.as_str()))),
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
    let mut catalogue = formats::builtin();
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

    // placements
    let mut placements = Vec::new();
    if f.placements.value.is_empty() {
        cx.err(sp(&f.placements), "placements is empty; expected at least one placement");
    }
    for pl in &f.placements.value {
        let p = &pl.value;
        let fid = &p.format.value;
        let Some(fmt) = catalogue.iter().find(|x| &x.id == fid) else {
            cx.err_hint(sp(&p.format), format!("placement format {fid:?} is not a known format"), did_you_mean(fid, known("formats (or define it under formats:)", catalogue.iter().map(|x| x.id.as_str())), catalogue.iter().map(|x| x.id.as_str())));
            continue;
        };
        let sites = match (&p.sites, fmt.kind) {
            (None, Kind::Print) => {
                cx.err_hint(sp(pl), format!("placement {fid} needs sites"), "print placements say how many sites are posted each week, e.g. sites: 40");
                None
            }
            (Some(s), Kind::Print) if s.value == 0 => {
                cx.err(sp(s), format!("placement {fid}: sites must be at least 1"));
                None
            }
            (Some(s), Kind::Print) if s.value > MAX_SITES => {
                cx.err(sp(s), format!("placement {fid}: sites is {}; expected at most {MAX_SITES}", s.value));
                None
            }
            (Some(s), Kind::Print) => Some(s.value),
            (Some(s), k) => {
                cx.err_hint(sp(s), format!("placement {fid} is a {} format and takes no sites", k.as_str()), "sites is the print quantity; remove it here");
                None
            }
            (None, _) => None,
        };
        let mut pweeks: Vec<u32> = Vec::new();
        match &p.weeks {
            None => pweeks.extend(1..=weeks.clamp(1, 52)),
            Some(ws) => {
                if ws.value.is_empty() {
                    cx.err(sp(ws), format!("placement {fid}: weeks is empty"));
                }
                for w in &ws.value {
                    if w.value < 1 || w.value > weeks {
                        cx.err(sp(w), format!("placement {fid}: week {} is outside the campaign's weeks 1 to {weeks}", w.value));
                    } else if pweeks.contains(&w.value) {
                        cx.err(sp(w), format!("placement {fid}: week {} is listed twice", w.value));
                    } else {
                        pweeks.push(w.value);
                    }
                }
                pweeks.sort_unstable();
            }
        }
        let roadside = p.roadside.as_ref().map(|r| r.value).unwrap_or(fmt.roadside);
        let qr = match p.qr.as_ref().map(|q| q.value).unwrap_or(QrSetting::Auto) {
            QrSetting::Auto => !roadside,
            QrSetting::On => {
                if roadside {
                    cx.warn(Code::Roadside, sp(p.qr.as_ref().expect("qr given")), format!(
                        "placement {fid}: a QR code is forced onto a roadside placement; a QR invites drivers to use a phone (Highway Code rule 149)"));
                }
                true
            }
            QrSetting::Off => false,
        };
        let idle: Vec<String> = pweeks.iter().filter(|w| schedule.get(**w as usize - 1).is_some_and(|m| m.is_empty())).map(|w| w.to_string()).collect();
        if !idle.is_empty() {
            cx.warn(Code::Schedule, sp(pl), format!("placement {fid} runs in week {} but the schedule posts no message then; nothing is made for those weeks", idle.join(", ")));
        }
        placements.push(Placement { format: Field { value: fid.clone(), span: sp(&p.format) }, sites, weeks: pweeks, roadside, qr, span: sp(pl) });
    }

    // print settings
    let pm = f.print.as_ref().map(|p| &p.value);
    let output_profile = pm.and_then(|p| p.output_profile.as_ref()).and_then(|op| {
        let path = dir.join(&op.value);
        match std::fs::read(&path).map_err(|e| format!("cannot read print.output_profile {}: {}", op.value, io_reason(&e))) {
            Ok(b) => match Profile::parse(&path, &b) {
                Ok(p) => Some(Arc::new(p)),
                Err(e) => {
                    cx.err(sp(op), format!("print.{e}"));
                    None
                }
            },
            Err(e) => {
                cx.err(sp(op), e);
                None
            }
        }
    });
    let print = PrintSettings { output_profile, crop_marks: pm.and_then(|p| p.crop_marks.as_ref()).map(|c| c.value).unwrap_or(true) };

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
        brand: Brand { background, text: text_colour, accent, headline_font: headline_font.expect("checked"), body_font: body_font.expect("checked"), logo },
        contact,
        messages,
        schedule,
        placements,
        formats: catalogue,
        print,
    };
    Ok((campaign, cx.diags))
}

/// `hint`, led by the closest id when the given one looks like a typo of it.
fn did_you_mean<'a>(given: &str, hint: String, ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.collect();
    match closest(given, &ids) {
        Some(m) => format!("did you mean {m}? {hint}"),
        None => hint,
    }
}

fn known<'a>(what: &str, ids: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = ids.collect();
    format!("known {what}: {}", v.join(", "))
}

/// A tab typed into copy is a space on a poster (fonts have no glyph for it); normalised once
/// here so layout, alt text and preflight all see the same text.
fn clean(s: &str) -> String {
    s.replace('\t', " ")
}

fn localise(cx: &mut Ctx, t: &S<TextModel>, what: &str, languages: &[String]) -> Localised {
    let span = sp(t);
    match &t.value {
        TextModel::One(s) => Localised { by_language: languages.iter().map(|l| (l.clone(), clean(s))).collect(), span },
        TextModel::ByLanguage(map) => {
            let mut by = Vec::new();
            for (k, _) in map {
                if !languages.contains(&k.value) {
                    cx.err_hint(sp(k), format!("{what}: language {} is not in campaign.languages", k.value), format!("campaign.languages is [{}]", languages.join(", ")));
                }
            }
            for l in languages {
                match map.iter().find(|(k, _)| &k.value == l) {
                    Some((_, v)) => by.push((l.clone(), clean(&v.value))),
                    None => {
                        cx.err_hint(span, format!("{what}: no text for language {l}"), "every language in campaign.languages needs a text in each language map");
                        by.push((l.clone(), String::new()));
                    }
                }
            }
            Localised { by_language: by, span }
        }
    }
}

fn font(cx: &mut Ctx, given: Option<&S<String>>, bundled: &str, role: &str) -> Option<FontFile> {
    let Some(p) = given else {
        let bytes = crate::fonts::bundled(bundled).expect("bundled font");
        return Some(FontFile::new(format!("<bundled>/{bundled}").into(), bytes.to_vec()));
    };
    let path = cx.dir.join(&p.value);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            cx.err_hint(sp(p), format!("brand.fonts.{role}: cannot read {}: {}", p.value, io_reason(&e)), "give a TTF or OTF file; the path is relative to the campaign file's folder");
            return None;
        }
    };
    if let Err(e) = crate::fonts::check(&bytes) {
        cx.err_hint(sp(p), format!("brand.fonts.{role}: {} is not a usable font ({})", p.value, lower_first(&e)), "give a TrueType (.ttf) or OpenType (.otf) file");
        return None;
    }
    Some(FontFile::new(path, bytes))
}

fn logo(cx: &mut Ctx, l: &S<String>) -> Option<Logo> {
    let path = cx.dir.join(&l.value);
    let decoded = std::fs::read(&path).map_err(|e| io_reason(&e)).and_then(|b| {
        let fmt = image::guess_format(&b).map_err(|_| "it is not a PNG or JPEG image".to_string())?;
        if !matches!(fmt, image::ImageFormat::Png | image::ImageFormat::Jpeg) {
            return Err(format!("it is {fmt:?}, not PNG or JPEG"));
        }
        image::load_from_memory_with_format(&b, fmt).map_err(|e| lower_first(&e.to_string()))
    });
    match decoded {
        Ok(img) => {
            let rgba = img.to_rgba8();
            let (width, height) = (rgba.width(), rgba.height());
            Some(Logo { path, bitmap: Bitmap::new(rgba.into_raw(), width, height), span: sp(l) })
        }
        Err(e) => {
            cx.err_hint(sp(l), format!("brand.logo: cannot load {}: {e}", l.value), "give a PNG or JPEG file; the path is relative to the campaign file's folder");
            None
        }
    }
}

fn custom_format(cx: &mut Ctx, fm: &m::FormatModel, catalogue: &[Format]) -> Option<Format> {
    let id = &fm.id.value;
    if !is_valid_id(id) {
        cx.err_hint(sp(&fm.id), format!("format id {id:?} is not a valid id"), "use lowercase letters, digits and '-'");
        return None;
    }
    let base = catalogue.iter().find(|x| &x.id == id).cloned();
    let kind = match (&fm.kind, &base) {
        (Some(k), _) => match Kind::parse(&k.value) {
            Some(kind) => kind,
            None => {
                cx.err(sp(k), format!("format {id}: kind {:?} is not print, social or screen", k.value));
                return None;
            }
        },
        (None, Some(b)) => b.kind,
        (None, None) => {
            cx.err_hint(sp(&fm.id), format!("format {id} is new and needs a kind"), "kind: print, social or screen");
            return None;
        }
    };
    let positive = |cx: &mut Ctx, v: &Option<S<f32>>, name: &str| -> Option<f32> {
        let s = v.as_ref()?;
        if !(s.value.is_finite() && s.value > 0.0) {
            cx.err(sp(s), format!("format {id}: {name} must be a positive number"));
            return None;
        }
        Some(s.value)
    };
    let wrong_kind = |cx: &mut Ctx, present: bool, span: Span, name: &str| {
        if present {
            cx.err(span, format!("format {id}: {name} does not apply to a {} format", kind.as_str()));
        }
    };
    let viewing = positive(cx, &fm.viewing_distance_m, "viewing_distance_m");
    let roadside = fm.roadside.as_ref().map(|r| r.value);
    let desc = fm.description.as_ref().map(|d| d.value.clone());
    if kind == Kind::Print {
        for (v, n) in [(&fm.width_px, "width_px"), (&fm.height_px, "height_px"), (&fm.safe_px, "safe_px")] {
            wrong_kind(cx, v.is_some(), v.as_ref().map(sp).unwrap_or_default(), n);
        }
        let base = base.filter(|b| b.kind == Kind::Print);
        let w = positive(cx, &fm.width_mm, "width_mm").or(base.as_ref().map(|b| b.width_mm));
        let h = positive(cx, &fm.height_mm, "height_mm").or(base.as_ref().map(|b| b.height_mm));
        let (Some(w), Some(h)) = (w, h) else {
            cx.err_hint(sp(&fm.id), format!("format {id}: a print format needs width_mm and height_mm"), "the trim size at full size, in mm");
            return None;
        };
        let scale = positive(cx, &fm.scale, "scale").or(base.as_ref().map(|b| b.scale)).unwrap_or(1.0);
        if scale > 1.0 {
            cx.err(fm.scale.as_ref().map(sp).unwrap_or_default(), format!("format {id}: scale {scale} is above 1; artwork is supplied at full size or smaller"));
        }
        let bleed = fm.bleed_mm.as_ref().map(|b| b.value).or(base.as_ref().map(|b| b.bleed_mm)).unwrap_or(3.0);
        let page = page_mm(w.max(h), bleed, scale);
        if page > MAX_PAGE_MM {
            cx.err_hint(sp(&fm.id), format!("format {id}: its PDF page would be {page:.0} mm at scale {scale}, past PDF's {:.0} mm page limit", MAX_PAGE_MM), "supply at a smaller scale, e.g. scale: 0.1");
        }
        if !(0.0..=100.0).contains(&bleed) {
            cx.err(fm.bleed_mm.as_ref().map(sp).unwrap_or_default(), format!("format {id}: bleed_mm {bleed} is outside 0 to 100"));
        }
        let safe = match &fm.safe_mm {
            Some(s) if s.value >= 0.0 && 2.0 * s.value < w.min(h) => Sides::all(s.value),
            Some(s) => {
                cx.err(sp(s), format!("format {id}: safe_mm {} leaves no room for copy", s.value));
                Sides::all(0.0)
            }
            None => base.as_ref().map(|b| b.safe).unwrap_or(Sides::all((w.min(h) * 0.03).max(10.0))),
        };
        let viewing = viewing.or(base.as_ref().and_then(|b| b.viewing_m)).unwrap_or(3.0);
        let roadside = roadside.or(base.as_ref().map(|b| b.roadside)).unwrap_or(id.starts_with("billboard-"));
        let description = desc.or(base.as_ref().map(|b| format!("{} (overridden by the campaign)", b.description))).unwrap_or_else(|| "custom print format".into());
        let mut f = Format { id: id.clone(), kind, description, width_mm: w, height_mm: h, px: None, scale, bleed_mm: bleed, safe, viewing_m: Some(viewing), display_mm: None, roadside, file: FileType::Png, max_bytes: None };
        if let Some(b) = fm.file.as_ref() {
            wrong_kind(cx, true, sp(b), "file");
        }
        f.max_bytes = fm.max_bytes.as_ref().map(|m| m.value);
        Some(f)
    } else {
        for (v, n) in [(&fm.width_mm, "width_mm"), (&fm.height_mm, "height_mm"), (&fm.scale, "scale"), (&fm.bleed_mm, "bleed_mm"), (&fm.safe_mm, "safe_mm")] {
            // A screen's width_mm/height_mm is its physical display size (for legibility).
            if kind == Kind::Screen && (n == "width_mm" || n == "height_mm") {
                continue;
            }
            wrong_kind(cx, v.is_some(), v.as_ref().map(sp).unwrap_or_default(), n);
        }
        let base = base.filter(|b| b.kind != Kind::Print);
        let px = |v: &Option<S<u32>>, name: &str, cx: &mut Ctx| -> Option<u32> {
            let s = v.as_ref()?;
            if !(16..=10_000).contains(&s.value) {
                cx.err(sp(s), format!("format {id}: {name} {} is outside 16 to 10000", s.value));
                return None;
            }
            Some(s.value)
        };
        let w = px(&fm.width_px, "width_px", cx).or(base.as_ref().and_then(|b| b.px.map(|p| p.0)));
        let h = px(&fm.height_px, "height_px", cx).or(base.as_ref().and_then(|b| b.px.map(|p| p.1)));
        let (Some(w), Some(h)) = (w, h) else {
            cx.err_hint(sp(&fm.id), format!("format {id}: a {} format needs width_px and height_px", kind.as_str()), "the image size in pixels");
            return None;
        };
        let file = match fm.file.as_ref().map(|f| f.value.as_str()) {
            None => base.as_ref().map(|b| b.file).unwrap_or(FileType::Png),
            Some("png") => FileType::Png,
            Some("jpeg" | "jpg") => FileType::Jpeg,
            Some(other) => {
                cx.err(sp(fm.file.as_ref().expect("given")), format!("format {id}: file {other:?} is not png or jpeg"));
                FileType::Png
            }
        };
        let safe_px = match fm.safe_px.as_ref() {
            Some(s) if 2 * s.value < w.min(h) => Some(Sides::all(s.value as f32)),
            Some(s) => {
                cx.err(sp(s), format!("format {id}: safe_px {} leaves no room for copy", s.value));
                None
            }
            None => None,
        };
        let description = desc.or(base.as_ref().map(|b| format!("{} (overridden by the campaign)", b.description))).unwrap_or_else(|| format!("custom {} format", kind.as_str()));
        let mut f = Format::raster(id, kind, w, h, Sides::all(0.0), 0, file, &description);
        f.safe = match (safe_px, &base) {
            (Some(s), _) => s.scaled(1.0 / CSS_PX_PER_MM),
            // Keep a base's overlay zones, scaled to the new size.
            (None, Some(b)) => b.safe.scaled(f.width_mm / b.width_mm),
            (None, None) => Sides::all(w.min(h) as f32 * 0.05 / CSS_PX_PER_MM),
        };
        f.max_bytes = fm.max_bytes.as_ref().map(|m| m.value).or(base.as_ref().and_then(|b| b.max_bytes));
        f.viewing_m = viewing.or(base.as_ref().and_then(|b| b.viewing_m));
        let dw = positive(cx, &fm.width_mm, "width_mm");
        let dh = positive(cx, &fm.height_mm, "height_mm");
        f.display_mm = match (dw, dh) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => base.as_ref().and_then(|b| b.display_mm),
        };
        if kind == Kind::Screen && f.viewing_m.is_some() && f.display_mm.is_none() {
            cx.err_hint(sp(&fm.id), format!("format {id}: a screen with a viewing distance needs its display size"), "add width_mm and height_mm of the visible screen");
        }
        f.roadside = roadside.unwrap_or(false);
        Some(f)
    }
}
