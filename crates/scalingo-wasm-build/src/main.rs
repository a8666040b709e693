//! The dashboard's WebAssembly, built in chunks. Trunk runs this as a
//! `post_build` hook (its own Rust pipeline is skipped): trunk's
//! wasm-bindgen step cannot be told to keep the exports that lazily loaded
//! chunks import from the main module, and has no step between cargo and
//! wasm-bindgen where the module could be split.
//!
//! 1. `cargo build` of the app for wasm32, linked with relocations;
//! 2. `wasm_split_cli_support` cuts it at the app's split points (each
//!    `#[wasm_split]` function) into a main module and chunks, with the
//!    small JS loader that fetches a chunk on first use;
//! 3. wasm-bindgen on the main module (keeping the linker's exports);
//! 4. wasm-opt on the main module and on every chunk (release builds);
//! 5. content-hashed names, and the start-up script and preloads written
//!    into trunk's staged `index.html`.

mod cargo;
mod html;
mod names;
mod tools;

use std::{
    fs,
    path::{Path, PathBuf},
};

/// What trunk tells its hooks.
struct Trunk {
    release: bool,
    staging: PathBuf,
    public_url: String,
}

impl Trunk {
    fn from_env() -> Result<Self, String> {
        let var = |name: &str| {
            std::env::var(name).map_err(|_| format!("{name} is not set: run me as a trunk hook"))
        };
        Ok(Trunk {
            release: var("TRUNK_PROFILE")? == "release",
            staging: PathBuf::from(var("TRUNK_STAGING_DIR")?),
            public_url: var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".to_owned()),
        })
    }
}

fn main() {
    if let Err(error) = run() {
        eprintln!("wasm-build: {error}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let trunk = Trunk::from_env()?;
    let root = workspace_root()?;
    let linked = cargo::build(&root, trunk.release)?;
    let work = root
        .join("target/wasm-build")
        .join(if trunk.release { "release" } else { "debug" });
    if work.exists() {
        fs::remove_dir_all(&work).map_err(|e| format!("clearing {}: {e}", work.display()))?;
    }
    fs::create_dir_all(&work).map_err(|e| format!("creating {}: {e}", work.display()))?;

    let split = split(&linked, &work)?;
    tools::bindgen(&work.join("main.wasm"), &work)?;
    if trunk.release {
        let mut modules = split.chunks.clone();
        modules.push(work.join(format!("{}_bg.wasm", names::MAIN)));
        tools::optimise(&modules)?;
    }
    let published = names::publish(&work, &split.chunks, &trunk.staging)?;
    html::write_start(&trunk.staging, &trunk.public_url, &published)?;
    println!(
        "wasm-build: main module and {} chunk(s) in {}",
        split.chunks.len(),
        trunk.staging.display()
    );
    Ok(())
}

/// The chunks a split made.
struct Split {
    chunks: Vec<PathBuf>,
}

fn split(linked: &Path, work: &Path) -> Result<Split, String> {
    let input = fs::read(linked).map_err(|e| format!("reading {}: {e}", linked.display()))?;
    let main_out = work.join("main.wasm");
    let main_module = format!("./{}.js", names::MAIN);
    let link_name = format!("./{}", names::LOADER);
    let result = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&input);
        options.output_dir = work;
        options.main_out_path = &main_out;
        options.main_module = &main_module;
        options.link_name = &link_name;
        options
    })
    .map_err(|e| format!("splitting the module: {e:?}"))?;
    Ok(Split {
        chunks: result.split_modules,
    })
}

/// The workspace's root: where `Cargo.lock` is, above this crate.
fn workspace_root() -> Result<PathBuf, String> {
    let mut dir = std::env::current_dir().map_err(|e| e.to_string())?;
    loop {
        if dir.join("Cargo.lock").exists() {
            return Ok(dir);
        }
        if !dir.pop() {
            return Err("no Cargo.lock above the current folder".to_owned());
        }
    }
}
