//! The app's cargo build for the browser, linked with relocations: the
//! splitter needs them to move code between modules.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

/// The package and binary of the dashboard.
const APP: &str = "scalingo-dashboard";
/// The linker flag that keeps relocations in the linked module.
const RELOCATIONS: &str = "-Clink-arg=--emit-relocs";

/// Builds the app; the path of the linked module.
pub fn build(root: &Path, release: bool) -> Result<PathBuf, String> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command
        .current_dir(root)
        .args(["build", "--package", APP, "--bin", APP])
        .args(["--target", "wasm32-unknown-unknown"]);
    if release {
        command.args(["--profile", "wasm-release"]);
    }
    // `chunks` makes the app's split points; more from the caller.
    let mut features = "chunks".to_owned();
    if let Ok(more) = std::env::var("WASM_BUILD_FEATURES") {
        if !more.is_empty() {
            features = format!("{features},{more}");
        }
    }
    command.args(["--features", &features]);
    if std::env::var("WASM_BUILD_LOCKED").is_ok_and(|v| v == "1") {
        command.args(["--locked", "--offline"]);
    }
    add_relocations(&mut command);
    let status = command
        .status()
        .map_err(|e| format!("running cargo: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build failed ({status})"));
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("target"));
    let profile = if release { "wasm-release" } else { "debug" };
    Ok(target
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join(format!("{APP}.wasm")))
}

/// Adds the relocations flag to the flags the caller gave (the release
/// build gives `--cfg erase_components`).
fn add_relocations(command: &mut Command) {
    if let Ok(encoded) = std::env::var("CARGO_ENCODED_RUSTFLAGS") {
        let flags = if encoded.is_empty() {
            RELOCATIONS.to_owned()
        } else {
            format!("{encoded}\u{1f}{RELOCATIONS}")
        };
        command.env("CARGO_ENCODED_RUSTFLAGS", flags);
    } else {
        let flags = std::env::var("RUSTFLAGS").unwrap_or_default();
        command.env("RUSTFLAGS", format!("{flags} {RELOCATIONS}").trim());
    }
}
