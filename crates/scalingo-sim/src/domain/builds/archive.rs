//! Checking an uploaded source archive the way the platform's build does:
//! a gzipped tar with a single top-level folder. What fails here fails the
//! deployment (`build-error`), as on the platform, rather than its
//! creation: the archive is only read once the build fetches it.

use std::{collections::BTreeSet, io::Read};

use flate2::read::GzDecoder;

/// The most bytes an archive is inflated to (the rest is not looked at).
const MAX_INFLATED: u64 = 256 * 1024 * 1024;
const BLOCK: usize = 512;

/// The name of the archive's one top-level folder, or why the build
/// cannot use it (in the words of its output).
pub fn check(bytes: &[u8]) -> Result<String, String> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Err("the archive is not a gzip file".to_owned());
    }
    let mut tar = Vec::new();
    GzDecoder::new(bytes)
        .take(MAX_INFLATED)
        .read_to_end(&mut tar)
        .map_err(|e| format!("the archive cannot be inflated: {e}"))?;
    let tops = top_level_names(&tar)?;
    let mut names = tops.into_iter();
    match (names.next(), names.next()) {
        (None, _) => Err("the archive is empty".to_owned()),
        (Some((name, true)), None) => Ok(name),
        (Some((name, false)), None) => Err(format!(
            "the archive must contain a single top-level folder, it contains the file {name}"
        )),
        (Some((first, _)), Some((second, _))) => Err(format!(
            "the archive must contain a single top-level folder, it contains {first}, {second}…"
        )),
    }
}

/// A NUL-terminated field of a header.
fn field(header: &[u8], start: usize, len: usize) -> String {
    let raw = &header[start..start + len];
    let end = raw.iter().position(|b| *b == 0).unwrap_or(raw.len());
    String::from_utf8_lossy(&raw[..end]).into_owned()
}

/// The size field: octal digits (spaces and NULs around them).
fn size_of(header: &[u8]) -> Result<usize, String> {
    let text = field(header, 124, 12);
    usize::from_str_radix(text.trim(), 8).map_err(|_| "the archive is not a tar file".to_owned())
}

/// The first component of every path of the tar, with whether it is a
/// folder (something is inside it, or it is a directory entry).
fn top_level_names(tar: &[u8]) -> Result<BTreeSet<(String, bool)>, String> {
    let mut found: Vec<(String, bool)> = Vec::new();
    let mut offset = 0;
    let mut long_name: Option<String> = None;
    while offset + BLOCK <= tar.len() {
        let header = &tar[offset..offset + BLOCK];
        if header.iter().all(|b| *b == 0) {
            break;
        }
        let ustar = &header[257..262] == b"ustar";
        let size = size_of(header)?;
        let kind = header[156];
        let data_start = offset + BLOCK;
        offset = data_start + size.div_ceil(BLOCK) * BLOCK;
        match kind {
            // A GNU long name: the next entry's path is this entry's data.
            b'L' => {
                let data = tar.get(data_start..data_start + size).unwrap_or_default();
                let end = data.iter().position(|b| *b == 0).unwrap_or(data.len());
                long_name = Some(String::from_utf8_lossy(&data[..end]).into_owned());
                continue;
            }
            // Extended headers describe the next entry, not a path.
            b'x' | b'g' => continue,
            _ => {}
        }
        let mut path = match long_name.take() {
            Some(name) => name,
            None => field(header, 0, 100),
        };
        if ustar {
            let prefix = field(header, 345, 155);
            if !prefix.is_empty() {
                path = format!("{prefix}/{path}");
            }
        }
        let path = path.trim_start_matches("./").trim_start_matches('/');
        if path.is_empty() || path == "." {
            continue;
        }
        let (top, rest) = path.split_once('/').unwrap_or((path, ""));
        let is_folder = kind == b'5' || !rest.is_empty();
        found.push((top.to_owned(), is_folder));
    }
    if found.is_empty() && !tar.iter().all(|b| *b == 0) {
        return Err("the archive is not a tar file".to_owned());
    }
    // A folder that is also seen as a file entry is a folder.
    let folders: BTreeSet<String> = found
        .iter()
        .filter(|(_, folder)| *folder)
        .map(|(name, _)| name.clone())
        .collect();
    Ok(found
        .into_iter()
        .map(|(name, _)| {
            let folder = folders.contains(&name);
            (name, folder)
        })
        .collect())
}

/// A gzipped tar of `entries` (path, contents; a path ending in `/` is a
/// folder).
#[cfg(test)]
pub fn tar_gz(entries: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut tar = Vec::new();
    for (path, contents) in entries {
        let mut header = [0u8; BLOCK];
        header[..path.len().min(100)].copy_from_slice(&path.as_bytes()[..path.len().min(100)]);
        header[100..107].copy_from_slice(b"0000644");
        header[108..115].copy_from_slice(b"0000000");
        header[116..123].copy_from_slice(b"0000000");
        let size = format!("{:011o}", contents.len());
        header[124..135].copy_from_slice(size.as_bytes());
        header[136..147].copy_from_slice(b"00000000000");
        header[156] = if path.ends_with('/') { b'5' } else { b'0' };
        header[257..263].copy_from_slice(b"ustar\0");
        header[263..265].copy_from_slice(b"00");
        header[148..156].copy_from_slice(b"        ");
        let sum: u32 = header.iter().map(|b| u32::from(*b)).sum();
        header[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
        tar.extend_from_slice(&header);
        tar.extend_from_slice(contents.as_bytes());
        tar.resize(tar.len().div_ceil(BLOCK) * BLOCK, 0);
    }
    tar.resize(tar.len() + 2 * BLOCK, 0);
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    // Writing to a vector cannot fail.
    let _ = encoder.write_all(&tar);
    encoder.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_top_level_folder_is_accepted() {
        let archive = tar_gz(&[
            ("app/", ""),
            ("app/package.json", "{}"),
            ("app/src/index.js", "console.log(1)"),
        ]);
        assert_eq!(check(&archive), Ok("app".to_owned()));
        let dotted = tar_gz(&[("./app/index.js", "x")]);
        assert_eq!(check(&dotted), Ok("app".to_owned()));
    }

    #[test]
    fn other_archives_are_refused_with_a_reason() {
        assert_eq!(
            check(b"PK\x03\x04zip"),
            Err("the archive is not a gzip file".to_owned())
        );
        let two = tar_gz(&[("a/x", "1"), ("b/y", "2")]);
        assert!(check(&two).unwrap_err().contains("a, b"));
        let flat = tar_gz(&[("index.js", "x")]);
        assert!(check(&flat).unwrap_err().contains("the file index.js"));
        assert_eq!(check(&tar_gz(&[])), Err("the archive is empty".to_owned()));
        let mut not_tar = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut not_tar, &[b'z'; 2000]).unwrap();
        assert_eq!(
            check(&not_tar.finish().unwrap()),
            Err("the archive is not a tar file".to_owned())
        );
        assert!(check(&[0x1f, 0x8b, 1, 2, 3]).is_err());
    }
}
