//! The JSON Schema of the campaign file (draft 2020-12), for editors: with a
//! `# yaml-language-server: $schema=…` line at the top of a campaign, VS Code, Neovim and others
//! complete keys and flag typos as you type. `billposter schema` prints it.
//!
//! The keys of every mapping come from `schema::allowed_keys`, the same table the loader checks
//! unknown keys against, so the two cannot drift; this file adds the types, patterns, defaults
//! and descriptions. The loader stays the authority: it checks what a schema cannot (dates that
//! exist, ids that are defined, files that can be read).

use super::schema::allowed_keys;
use serde_json::{Map, Value, json};

const ID: &str = "^[a-z0-9][a-z0-9-]{0,62}$";

/// Type and description of one key, by its path (list indexes written `[]`).
fn property(path: &str) -> Value {
    let text = json!({"$ref": "#/$defs/text"});
    let colour = json!({"$ref": "#/$defs/colour"});
    let positive = json!({"type": "number", "exclusiveMinimum": 0});
    match path {
        "version" => json!({"const": 1, "description": "only version 1 exists"}),
        "campaign.id" => json!({"type": "string", "pattern": ID, "description": "names the output folder"}),
        "campaign.name" | "campaign.organisation" => json!({"type": "string", "minLength": 1}),
        "campaign.partners" => json!({"type": "array", "items": {"type": "string"}, "description": "printed in the imprint after the organisation"}),
        "campaign.languages" => {
            json!({"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": true, "default": ["en-GB"], "description": "BCP 47 tags; the first is the default"})
        }
        "campaign.start" => json!({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "ISO date of the first day of week 1"}),
        "campaign.weeks" => json!({"type": "integer", "minimum": 1, "maximum": 52}),
        "brand.background" | "brand.text" | "brand.accent" | "brand.accent_text" => colour,
        "brand.fonts.headline" | "brand.fonts.body" => json!({"type": "string", "description": "a TTF or OTF file, relative to the campaign file"}),
        "brand.fonts.fallback" => {
            json!({"type": "array", "items": {"type": "string"}, "description": "TTF or OTF files for characters the headline and body fonts lack (e.g. Chinese), tried in order before the bundled fallback fonts"})
        }
        "brand.logo" => json!({
            "description": "a PNG or JPEG file, relative to the campaign file, or a map",
            "oneOf": [
                {"type": "string"},
                {"type": "object", "properties": {
                    "path": {"type": "string"},
                    "on_light": {"type": "string", "description": "the version drawn on light surfaces"},
                    "size": {"enum": ["small", "medium", "large"], "default": "medium"},
                    "position": {"enum": ["foot", "top-left", "top-right", "bottom-left", "bottom-right"], "default": "foot"}
                }, "required": ["path"], "additionalProperties": false}
            ]
        }),
        "contact.helpline" => json!({"type": "string", "pattern": "^\\+?[0-9 ]+$", "description": "digits, spaces and a leading + only; quote it"}),
        "contact.website" => json!({"type": "string", "minLength": 1, "description": "the address as printed"}),
        "contact.link" => json!({"type": "string", "pattern": "^https?://", "description": "the absolute URL the QR codes open"}),
        "contact.short_link" => {
            json!({"type": "string", "pattern": "^https?://", "description": "a base URL the campaign controls: each QR encodes it plus a short code; redirects.csv maps codes to full tracked links"})
        }
        "contact.other_numbers" => {
            json!({"type": "array", "items": {"type": "string"}, "description": "other phone numbers copy may name; any other number is an error"})
        }
        "contact.tracking" | "placements[].roadside" | "print.crop_marks" | "formats[].roadside" => json!({"type": "boolean"}),
        "contact.hours" | "contact.helpline_note" => text,
        "messages[].id" | "formats[].id" => json!({"type": "string", "pattern": ID}),
        "messages[].short.headline" | "messages[].short.body" => text,
        "messages[].headline" | "messages[].body" | "messages[].caption" | "messages[].alt" => text,
        "schedule[].week" => json!({"type": "integer", "minimum": 1, "maximum": 52}),
        "schedule[].messages" => json!({"type": "array", "items": {"type": "string", "pattern": ID}, "minItems": 1}),
        "placements[].format" => json!({"type": "string", "description": "a format id: `billposter formats` lists them"}),
        "placements[].sites" => json!({"type": "integer", "minimum": 1, "maximum": 1_000_000, "description": "print only: sites posted each week"}),
        "placements[].weeks" => json!({"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 52}, "minItems": 1}),
        "placements[].qr" => json!({"enum": ["auto", "on", "off", true, false], "default": "auto"}),
        "formats[].kind" => json!({"enum": ["print", "social", "screen"]}),
        "formats[].description" => json!({"type": "string"}),
        "formats[].width_mm" | "formats[].height_mm" | "formats[].scale" | "formats[].viewing_distance_m" => positive,
        "formats[].bleed_mm" | "formats[].safe_mm" => json!({"type": "number", "minimum": 0}),
        "formats[].width_px" | "formats[].height_px" => json!({"type": "integer", "minimum": 16, "maximum": 10000}),
        "formats[].safe_px" | "formats[].max_bytes" => json!({"type": "integer", "minimum": 0}),
        "formats[].file" => json!({"enum": ["png", "jpeg", "jpg"]}),
        "placements[].languages" => {
            json!({"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": true, "description": "the languages this placement posts (default: all); its sites are split between them"})
        }
        "placements[].spares" => {
            json!({"oneOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?%$"}], "description": "extra copies per artwork per posting: a count (3) or a percent (\"10%\", rounded up)"})
        }
        "print.supply_working_days" => {
            json!({"type": "integer", "minimum": 0, "default": 10, "description": "copies are due this many working days (Mon–Fri) before each posting date"})
        }
        "print.reposting" => json!({"enum": ["changes", "weekly"], "default": "changes"}),
        "posting.time" => json!({"type": "string", "pattern": "^[0-9]{1,2}:[0-9]{2}$", "description": "the time of day posts go out, HH:MM"}),
        "posting.spread_days" => json!({"type": "integer", "minimum": 1, "maximum": 7, "description": "spread a week's posts over this many days"}),
        "words" => json!({
            "type": "object",
            "description": "the words billposter writes itself into assets, by language tag (built in for en, gd, cy, pl, ur, ar, pa)",
            "additionalProperties": {"type": "object", "properties": {"helpline": {"type": "string", "minLength": 1, "description": "the generated alt text's label before the helpline number"}}, "additionalProperties": false}
        }),
        "layout" | "messages[].layout" | "placements[].layout" => {
            json!({"enum": ["band", "split", "photo"], "default": "band", "description": "band: the stacked composition with the helpline band; split: a photograph on one side or the top; photo: a full-bleed photograph with the copy on it and a panel"})
        }
        "image" | "messages[].image" => json!({
            "description": "a photograph (PNG, JPEG or WebP, relative to the campaign file), `none` on a message, or a map",
            "oneOf": [
                {"type": "string"},
                {"type": "object", "properties": {
                    "path": {"type": "string"},
                    "focus": {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 1}, "minItems": 2, "maxItems": 2, "description": "[x, y]: the point every crop keeps"},
                    "alt": text.clone(),
                    "credit": text.clone()
                }, "required": ["path"], "additionalProperties": false}
            ]
        }),
        "print.output_profile" => json!({"type": "string", "description": "the printer's CMYK ICC output profile: makes PDF/X-4"}),
        _ => json!({}),
    }
}

/// Keys a mapping must have.
fn required(path: &str) -> &'static [&'static str] {
    match path {
        "" => &["version", "campaign", "contact", "messages", "placements"],
        "campaign" => &["id", "name", "organisation", "start", "weeks"],
        "contact" => &["helpline", "website", "link"],
        "messages[]" => &["id", "headline"],
        "schedule[]" => &["week", "messages"],
        "placements[]" => &["format"],
        "formats[]" => &["id"],
        _ => &[],
    }
}

/// A mapping and, below it, everything `allowed_keys` knows.
fn object(path: &str) -> Value {
    let keys = allowed_keys(path).unwrap_or(&[]);
    let mut props = Map::new();
    for key in keys {
        let child = if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
        let value = if matches!(*key, "messages" | "schedule" | "placements" | "formats") && path.is_empty() {
            json!({"type": "array", "items": object(&format!("{child}[]")), "minItems": u8::from(*key == "messages" || *key == "placements")})
        } else if allowed_keys(&child).is_some()
            && !matches!(child.as_str(), "brand.background" | "brand.text" | "brand.accent" | "brand.accent_text" | "image" | "messages[].image" | "brand.logo")
        {
            object(&child)
        } else {
            property(&child)
        };
        props.insert(key.to_string(), value);
    }
    json!({"type": "object", "properties": props, "required": required(path), "additionalProperties": false})
}

/// The whole schema.
pub fn json_schema() -> Value {
    let mut root = object("");
    let defs = json!({
        "text": {
            "description": "a text, or a map of language tag to text",
            "oneOf": [{"type": "string"}, {"type": "object", "additionalProperties": {"type": "string"}}]
        },
        "colour": {
            "description": "\"#RRGGBB\" (quoted: an unquoted # starts a YAML comment) or {cmyk: [C, M, Y, K]} in percent",
            "oneOf": [
                {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"},
                {"type": "object", "properties": {"cmyk": {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 100}, "minItems": 4, "maxItems": 4}}, "required": ["cmyk"], "additionalProperties": false}
            ]
        }
    });
    let obj = root.as_object_mut().expect("an object");
    obj.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    obj.insert("title".into(), json!("billposter campaign file, version 1"));
    obj.insert("$defs".into(), defs);
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the loader accepts has a type here, and every mapping lists exactly the keys
    /// the loader accepts.
    #[test]
    fn every_accepted_key_has_a_type() {
        fn walk(v: &Value, path: &str, checked: &mut usize) {
            let Some(props) = v.get("properties").and_then(Value::as_object) else { return };
            let keys: Vec<&str> = props.keys().map(String::as_str).collect();
            let mut want: Vec<&str> = allowed_keys(path).unwrap_or(&[]).to_vec();
            let mut got = keys.clone();
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want, "keys of {path:?}");
            for (k, sub) in props {
                let child = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                *checked += 1;
                assert!(sub.as_object().is_some_and(|o| !o.is_empty()), "{child} has no type in the schema");
                if let Some(items) = sub.get("items").filter(|i| i.get("properties").is_some()) {
                    walk(items, &format!("{child}[]"), checked);
                } else {
                    walk(sub, &child, checked);
                }
            }
        }
        let mut checked = 0;
        walk(&json_schema(), "", &mut checked);
        assert!(checked > 50, "only {checked} keys");
    }
}
