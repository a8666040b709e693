//! The start-up of the page: a script file (no inline script, for a
//! strict Content-Security-Policy) that loads the main module, and the
//! preloads that fetch it while the HTML is read.

use std::{fs, path::Path};

use super::names::Published;

/// Where the start-up goes in trunk's `index.html`.
const MARK: &str = "</head>";

pub fn write_start(staging: &Path, public_url: &str, published: &Published) -> Result<(), String> {
    let prefix = if public_url.ends_with('/') {
        public_url.to_owned()
    } else {
        format!("{public_url}/")
    };
    let Published { glue, wasm } = published;
    // The glue and the module are named relative to this script, so that
    // the files can move together (a sub-path, a CDN).
    let script = format!(
        "import init, * as bindings from './{glue}';\n\
         const wasm = await init({{ module_or_path: new URL('./{wasm}', import.meta.url) }});\n\
         window.wasmBindings = bindings;\n\
         dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm }} }}));\n"
    );
    let name = format!("start-{}.js", &glue[glue.len() - 19..glue.len() - 3]);
    fs::write(staging.join(&name), script).map_err(|e| format!("writing {name}: {e}"))?;

    let index = staging.join("index.html");
    let html = fs::read_to_string(&index).map_err(|e| format!("reading index.html: {e}"))?;
    let tags = format!(
        "<link rel=\"modulepreload\" href=\"{prefix}{glue}\" crossorigin=\"anonymous\">\
         <link rel=\"preload\" href=\"{prefix}{wasm}\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\">\
         <script type=\"module\" src=\"{prefix}{name}\"></script>"
    );
    let Some(at) = html.find(MARK) else {
        return Err("index.html has no </head>".to_owned());
    };
    let html = format!("{}{tags}{}", &html[..at], &html[at..]);
    fs::write(&index, html).map_err(|e| format!("writing index.html: {e}"))
}
