//! Content-hashed names, so that every file can be cached for a year: a
//! chunk is named by its bytes; the main module's glue and the chunk loader
//! import each other, so both are named by one hash of everything.

use std::{
    fs,
    path::{Path, PathBuf},
};

use sha2::{Digest, Sha256};

/// The base name of the main module's files (as trunk names them).
pub const MAIN: &str = "scalingo-dashboard";
/// The chunk loader's name as the splitter writes it, replaced when
/// published.
pub const LOADER: &str = "__wasm_split.js";

/// The files of a build as the page loads them.
pub struct Published {
    /// The main module's JS glue.
    pub glue: String,
    /// The main module.
    pub wasm: String,
}

fn short_hash(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("reading {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    fs::write(path, bytes).map_err(|e| format!("writing {}: {e}", path.display()))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Copies the built files into `staging` under hashed names, with the
/// references between them rewritten.
pub fn publish(work: &Path, chunks: &[PathBuf], staging: &Path) -> Result<Published, String> {
    let wasm = read(&work.join(format!("{MAIN}_bg.wasm")))?;
    let glue = String::from_utf8(read(&work.join(format!("{MAIN}.js")))?)
        .map_err(|_| "the glue is not UTF-8".to_owned())?;
    let loader = String::from_utf8(read(&work.join(LOADER))?)
        .map_err(|_| "the chunk loader is not UTF-8".to_owned())?;

    // Chunks first: the loader names them.
    let mut loader = loader;
    let mut chunk_hashes = Vec::new();
    for chunk in chunks {
        let bytes = read(chunk)?;
        let hash = short_hash(&[&bytes]);
        let name = file_name(chunk);
        let stem = name.trim_end_matches(".wasm");
        let hashed = format!("{stem}-{hash}.wasm");
        write(&staging.join(&hashed), &bytes)?;
        loader = loader.replace(&format!("\"./{name}\""), &format!("\"./{hashed}\""));
        chunk_hashes.push(hash);
    }

    let hash = short_hash(&[
        // How the files are rewritten is part of what they are.
        env!("CARGO_PKG_VERSION").as_bytes(),
        &wasm,
        glue.as_bytes(),
        loader.as_bytes(),
        chunk_hashes.join(",").as_bytes(),
    ]);
    let glue_name = format!("{MAIN}-{hash}.js");
    let wasm_name = format!("{MAIN}-{hash}_bg.wasm");
    let loader_name = format!("chunks-{hash}.js");
    // Only the JS import moves: the wasm still names its import module
    // by the splitter's name (the key of the imports object).
    let glue = glue.replace(
        &format!("from \"./{LOADER}\""),
        &format!("from \"./{loader_name}\""),
    );
    let loader = loader.replace(
        &format!("from \"./{MAIN}.js\""),
        &format!("from \"./{glue_name}\""),
    );
    if !glue.contains(&loader_name) && !chunks.is_empty() {
        return Err("the glue does not import the chunk loader".to_owned());
    }
    write(&staging.join(&glue_name), glue.as_bytes())?;
    write(&staging.join(&wasm_name), &wasm)?;
    write(&staging.join(&loader_name), loader.as_bytes())?;
    Ok(Published {
        glue: glue_name,
        wasm: wasm_name,
    })
}

#[cfg(test)]
mod tests {
    use super::short_hash;

    #[test]
    fn hashes_depend_on_every_part_and_its_boundaries() {
        assert_eq!(short_hash(&[b"ab"]), short_hash(&[b"ab"]));
        assert_ne!(short_hash(&[b"ab"]), short_hash(&[b"a", b"b"]));
        assert_eq!(short_hash(&[b"x"]).len(), 16);
    }
}
