//! `billposter init [PATH]`: a commented starter campaign that `check` accepts, and the JSON
//! Schema beside it so an editor completes and checks keys from the first keystroke.

use crate::vocab::{Code, Diagnostic, Diagnostics};
use std::path::Path;

/// The starter file; its placeholder contact details are marked as such.
pub const STARTER: &str = include_str!("starter.yaml");
const SCHEMA_FILE: &str = "campaign.schema.json";

/// Write `path` (and the schema beside it); an existing campaign file is never overwritten.
pub fn init(path: &Path) -> Result<(), Diagnostics> {
    let fail = |msg: String, hint: &str| Err(Diagnostics(vec![Diagnostic::error(Code::Io, msg).in_file(path).hint(hint)]));
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return fail(format!("the folder {} does not exist", dir.display()), "create it first, or give another path");
    }
    let schema = format!("{}\n", serde_json::to_string_pretty(&crate::campaign::json_schema()).expect("schema serialises"));
    // `create_new`: never overwrite a campaign someone is working on.
    match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut f) => {
            use std::io::Write;
            if let Err(e) = f.write_all(STARTER.as_bytes()) {
                return fail(format!("cannot write: {e}"), "check the folder is writable");
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return fail("the file already exists; init never overwrites a campaign".into(), "give a new file name, e.g. billposter init my-campaign.yaml");
        }
        Err(e) => return fail(format!("cannot write: {e}"), "check the folder is writable"),
    }
    // The schema is regenerated freely: it is the tool's, not the user's.
    if let Err(e) = crate::output::atomic::write(&dir.join(SCHEMA_FILE), schema.as_bytes()) {
        return Err(Diagnostics(vec![Diagnostic::error(Code::Io, format!("cannot write {SCHEMA_FILE}: {e}")).in_file(&dir.join(SCHEMA_FILE))]));
    }
    Ok(())
}
