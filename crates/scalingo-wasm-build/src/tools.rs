//! wasm-bindgen and wasm-opt, the versions `scripts/setup.sh` installs
//! (pinned in `Trunk.toml` and `scripts/env.sh`).

use std::{path::Path, process::Command};

use super::names::MAIN;

fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("running {what}: {e} (is it installed? scripts/setup.sh)"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

/// The JS bindings of the main module, beside it in `out`. The exports the
/// linker made are kept: the chunks import the function table from them.
pub fn bindgen(main: &Path, out: &Path) -> Result<(), String> {
    run(
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--keep-lld-exports", "--no-typescript"])
            .args(["--out-name", MAIN])
            .arg("--out-dir")
            .arg(out)
            .arg(main),
        "wasm-bindgen",
    )
}

/// Optimises every module for size, in place.
pub fn optimise(modules: &[std::path::PathBuf]) -> Result<(), String> {
    for module in modules {
        let optimised = module.with_extension("opt.wasm");
        run(
            Command::new("wasm-opt")
                .arg("-Oz")
                .arg(module)
                .arg("-o")
                .arg(&optimised),
            "wasm-opt",
        )?;
        std::fs::rename(&optimised, module)
            .map_err(|e| format!("replacing {}: {e}", module.display()))?;
    }
    Ok(())
}
