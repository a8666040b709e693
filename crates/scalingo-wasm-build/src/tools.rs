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

/// Optimises every module for size, in place. The module as it was, with
/// its function names, is kept in `unoptimised/` beside it, for the size
/// report of `scripts/bench.sh` (the optimised modules have no names).
/// The modules are many and most are small: one wasm-opt per core at a
/// time, since a small module keeps only one busy.
pub fn optimise(modules: &[std::path::PathBuf]) -> Result<(), String> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(module) = modules.get(index) else {
                        return Ok(());
                    };
                    optimise_one(module)?;
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err("a wasm-opt worker panicked".to_owned()))
            })
            .collect::<Result<Vec<()>, String>>()
    })?;
    Ok(())
}

fn optimise_one(module: &std::path::Path) -> Result<(), String> {
    let folder = module
        .parent()
        .ok_or_else(|| format!("{} has no folder", module.display()))?
        .join("unoptimised");
    std::fs::create_dir_all(&folder).map_err(|e| format!("creating {}: {e}", folder.display()))?;
    let named = folder.join(module.file_name().unwrap_or_default());
    std::fs::rename(module, &named).map_err(|e| format!("moving {}: {e}", module.display()))?;
    run(
        Command::new("wasm-opt")
            .arg("-Oz")
            .arg(&named)
            .arg("-o")
            .arg(module),
        "wasm-opt",
    )
}
