//! PDF/X-4 identification, which krilla 0.8 cannot write (krilla#407): an incremental update
//! appended to krilla's finished file. It adds the printer's CMYK profile as a GTS_PDFX output
//! intent, marks the Info dictionary (`GTS_PDFXVersion`, `Trapped`), and gives the catalog an XMP
//! packet saying the same. The original bytes stay untouched, so everything krilla wrote (fonts,
//! boxes, content) is exactly what the plain PDF has.

use super::CREATOR;
use crate::vocab::Timestamp;
use pdf_writer::types::OutputIntentSubtype;
use pdf_writer::{Chunk, Filter, Finish, Ref, TextStr};
use sha2::{Digest, Sha256};
use std::io::Write;
use xmp_writer::{RenditionClass, XmpWriter};

pub const PDFX_VERSION: &str = "PDF/X-4";

use crate::vocab::icc::Profile;

/// What the update needs from the original file's last trailer.
struct Trailer {
    size: i32,
    root: i32,
    info: i32,
    /// The `/ID [...]` array as written; PDF/X needs it, and an update keeps the first entry.
    id: Vec<u8>,
    startxref: usize,
    /// Object number → byte offset, from the cross-reference table.
    offsets: Vec<(i32, usize)>,
}

pub fn make_pdfx4(mut pdf: Vec<u8>, profile: &Profile, title: &str, date: &Timestamp) -> Result<Vec<u8>, String> {
    let t = read_trailer(&pdf).map_err(|e| format!("pdf/x-4: cannot read krilla's output ({e})"))?;
    let catalog = object_body(&pdf, &t, t.root)?;
    let info = object_body(&pdf, &t, t.info)?;
    for key in ["/Metadata", "/OutputIntents"] {
        if contains(&catalog, key.as_bytes()) {
            return Err(format!("pdf/x-4: the catalog already has {key}"));
        }
    }
    for key in ["/Trapped", "/GTS_PDFXVersion"] {
        if contains(&info, key.as_bytes()) {
            return Err(format!("pdf/x-4: the info dictionary already has {key}"));
        }
    }
    let (icc_ref, intent_ref, meta_ref) = (Ref::new(t.size), Ref::new(t.size + 1), Ref::new(t.size + 2));
    let new_size = t.size + 3;
    let instance_id = uuid_from(&Sha256::digest(&pdf));
    let document_id = uuid_from(&Sha256::digest(title.as_bytes()));

    if !pdf.ends_with(b"\n") {
        pdf.push(b'\n');
    }
    let mut xref: Vec<(i32, usize)> = Vec::new();
    let mut push = |pdf: &mut Vec<u8>, id: i32, bytes: &[u8]| {
        xref.push((id, pdf.len()));
        pdf.extend_from_slice(bytes);
    };

    let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    deflate.write_all(&profile.bytes).and_then(|_| deflate.flush()).map_err(|e| format!("pdf/x-4: {e}"))?;
    let icc_z = deflate.finish().map_err(|e| format!("pdf/x-4: {e}"))?;
    let mut c = Chunk::new();
    c.icc_profile(icc_ref, &icc_z).n(4).filter(Filter::FlateDecode);
    push(&mut pdf, icc_ref.get(), c.as_bytes());

    let mut c = Chunk::new();
    c.indirect(intent_ref)
        .start::<pdf_writer::writers::OutputIntent>()
        .subtype(OutputIntentSubtype::PDFX)
        // "Custom" plus the embedded profile: we cannot know which registered printing
        // condition a given profile characterises, so we do not claim one.
        .output_condition_identifier(TextStr("Custom"))
        .output_condition(TextStr(&profile.description))
        .info(TextStr(&profile.description))
        .registry_name(TextStr(""))
        .dest_output_profile(icc_ref)
        .finish();
    push(&mut pdf, intent_ref.get(), c.as_bytes());

    let xmp = xmp_packet(title, date, &document_id, &instance_id);
    let mut c = Chunk::new();
    c.metadata(meta_ref, xmp.as_bytes());
    push(&mut pdf, meta_ref.get(), c.as_bytes());

    let extra = format!(" /OutputIntents [{} 0 R] /Metadata {} 0 R", intent_ref.get(), meta_ref.get());
    push(&mut pdf, t.root, &object(t.root, &add_entries(&catalog, &extra)?));
    push(&mut pdf, t.info, &object(t.info, &add_entries(&info, " /GTS_PDFXVersion (PDF/X-4) /Trapped /False")?));

    xref.sort();
    let xref_at = pdf.len();
    let mut s = String::from("xref\n0 1\n0000000000 65535 f \n");
    for (id, off) in &xref {
        s.push_str(&format!("{id} 1\n{off:010} 00000 n \n"));
    }
    s.push_str(&format!("trailer\n<< /Size {new_size} /Root {} 0 R /Info {} 0 R /ID ", t.root, t.info));
    pdf.extend_from_slice(s.as_bytes());
    pdf.extend_from_slice(&t.id);
    pdf.extend_from_slice(format!(" /Prev {} >>\nstartxref\n{xref_at}\n%%EOF\n", t.startxref).as_bytes());
    Ok(pdf)
}

fn xmp_packet(title: &str, date: &Timestamp, document_id: &str, instance_id: &str) -> String {
    let d = xmp_writer::DateTime {
        year: date.year,
        month: Some(date.month),
        day: Some(date.day),
        hour: Some(date.hour),
        minute: Some(date.minute),
        second: Some(date.second),
        timezone: Some(xmp_writer::Timezone::Utc),
    };
    let producer = super::producer();
    let mut x = XmpWriter::new();
    x.format("application/pdf");
    x.title([(None, title)]);
    x.creator_tool(CREATOR);
    x.producer(&producer);
    x.create_date(d);
    x.modify_date(d);
    x.metadata_date(d);
    x.document_id(document_id);
    x.instance_id(instance_id);
    x.version_id("1");
    x.rendition_class(RenditionClass::Default);
    x.pdf_version("1.6");
    x.trapped(false);
    x.pdfx_version(PDFX_VERSION);
    x.num_pages(1);
    x.finish(None)
}

fn uuid_from(hash: &[u8]) -> String {
    let h: String = hash[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("uuid:{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

fn object(id: i32, body: &[u8]) -> Vec<u8> {
    let mut out = format!("{id} 0 obj\n").into_bytes();
    out.extend_from_slice(body);
    out.extend_from_slice(b"\nendobj\n\n");
    out
}

/// A dictionary's text with more entries before its closing `>>`.
fn add_entries(dict: &[u8], extra: &str) -> Result<Vec<u8>, String> {
    let end = rfind(dict, b">>").filter(|_| dict.starts_with(b"<<")).ok_or("pdf/x-4: expected a dictionary object")?;
    let mut out = dict[..end].to_vec();
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(b"\n>>");
    Ok(out)
}

/// The text between `N 0 obj` and `endobj`, trimmed.
fn object_body(pdf: &[u8], t: &Trailer, id: i32) -> Result<Vec<u8>, String> {
    let off = t.offsets.iter().find(|(n, _)| *n == id).map(|(_, o)| *o).ok_or(format!("pdf/x-4: object {id} is not in the xref table"))?;
    let rest = pdf.get(off..).ok_or("pdf/x-4: xref offset past the end")?;
    let head = format!("{id} 0 obj");
    if !rest.starts_with(head.as_bytes()) {
        return Err(format!("pdf/x-4: object {id} is not where the xref table says"));
    }
    let end = find(rest, b"endobj").ok_or("pdf/x-4: unterminated object")?;
    Ok(rest[head.len()..end].trim_ascii().to_vec())
}

fn read_trailer(pdf: &[u8]) -> Result<Trailer, String> {
    let sx = rfind(pdf, b"startxref").ok_or("no startxref")?;
    let startxref: usize =
        std::str::from_utf8(&pdf[sx + 9..]).map_err(|_| "bad startxref")?.split_whitespace().next().and_then(|s| s.parse().ok()).ok_or("bad startxref")?;
    let section = pdf.get(startxref..sx).ok_or("startxref out of range")?;
    if !section.starts_with(b"xref") {
        return Err("expected a classic xref table".into());
    }
    let tr = find(section, b"trailer").ok_or("no trailer")?;
    let table = std::str::from_utf8(&section[4..tr]).map_err(|_| "bad xref table")?;
    let mut offsets = Vec::new();
    let mut tok = table.split_whitespace();
    while let Some(start) = tok.next() {
        let start: i32 = start.parse().map_err(|_| "bad xref subsection")?;
        let count: i32 = tok.next().and_then(|c| c.parse().ok()).ok_or("bad xref subsection")?;
        for i in 0..count {
            let (off, _gen, kind) = (tok.next(), tok.next(), tok.next());
            let off: usize = off.and_then(|o| o.parse().ok()).ok_or("bad xref entry")?;
            if kind == Some("n") {
                offsets.push((start + i, off));
            }
        }
    }
    let dict = &section[tr + 7..];
    let text = String::from_utf8_lossy(dict);
    // pdf-writer writes compact dictionaries (`/Size 21/Root 20 0 R`): read the digits only.
    let int_after = |key: &str| -> Option<i32> {
        let rest = text.split(key).nth(1)?.trim_start();
        rest[..rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len())].parse().ok()
    };
    let size = int_after("/Size").ok_or("no /Size")?;
    let root = int_after("/Root").ok_or("no /Root")?;
    let info = int_after("/Info").ok_or("no /Info")?;
    let id_at = find(dict, b"/ID").ok_or("no /ID")?;
    let open = id_at + find(&dict[id_at..], b"[").ok_or("bad /ID")?;
    let close = open + find(&dict[open..], b"]").ok_or("bad /ID")?;
    Ok(Trailer { size, root, info, id: dict[open..=close].to_vec(), startxref, offsets })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    find(hay, needle).is_some()
}
