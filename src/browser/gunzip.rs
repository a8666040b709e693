//! Reading a gzip file in the page: download with progress, then the
//! browser's own `DecompressionStream` (no inflate code in the WebAssembly),
//! then text chunks split into lines.

use std::{cell::Cell, rc::Rc};

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{prelude::wasm_bindgen, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortSignal, ReadableStream, ReadableStreamDefaultReader, ReadableWritablePair, Response,
    TextDecodeOptions, TextDecoder,
};

// web-sys only exposes `DecompressionStream` behind its unstable-API flag;
// the one constructor needed is declared here instead.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Decompression;

    #[wasm_bindgen(constructor, catch, js_class = "DecompressionStream")]
    fn new(format: &str) -> Result<Decompression, JsValue>;
}

/// Why reading an archive failed.
#[derive(Debug, Clone, PartialEq)]
pub enum GunzipError {
    /// The URL answered with an error status (403: expired).
    Http(u16),
    Network(String),
    NotGzip(String),
    Cancelled,
}

impl std::fmt::Display for GunzipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GunzipError::Http(403) | GunzipError::Http(401) => {
                f.write_str("The archive's link has expired (links are valid for 60 minutes).")
            }
            GunzipError::Http(404) => f.write_str("The archive no longer exists."),
            GunzipError::Http(status) => {
                write!(f, "The archive could not be downloaded (HTTP {status}).")
            }
            GunzipError::Network(detail) => {
                write!(f, "The archive could not be downloaded: {detail}.")
            }
            GunzipError::NotGzip(detail) => {
                write!(f, "The archive is not a readable gzip file: {detail}.")
            }
            GunzipError::Cancelled => f.write_str("Cancelled."),
        }
    }
}

/// Progress of one archive: bytes downloaded, and total when known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub downloaded: f64,
    pub total: f64,
    pub decompressing: bool,
}

fn js_error(value: JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// Reads one chunk of a stream: `Ok(None)` at the end.
async fn read_chunk(reader: &ReadableStreamDefaultReader) -> Result<Option<JsValue>, JsValue> {
    let result = JsFuture::from(reader.read()).await?;
    let done = Reflect::get(&result, &"done".into())?
        .as_bool()
        .unwrap_or(true);
    if done {
        return Ok(None);
    }
    Ok(Some(Reflect::get(&result, &"value".into())?))
}

/// Downloads and decompresses the gzip file at `url`, calling `on_block`
/// with blocks of complete lines (newline-separated) as they come and
/// `on_progress` along the way. Blocks, not lines: a search can skip a
/// whole block with one look instead of splitting it.
/// `cancelled` is checked between chunks; `signal` aborts the download.
pub async fn read_lines(
    url: &str,
    expected_size: f64,
    signal: Option<&AbortSignal>,
    cancelled: Rc<Cell<bool>>,
    mut on_progress: impl FnMut(Progress),
    mut on_block: impl FnMut(&str),
) -> Result<(), GunzipError> {
    let window = web_sys::window().ok_or_else(|| GunzipError::Network("no window".to_owned()))?;
    let init = web_sys::RequestInit::new();
    if let Some(signal) = signal {
        init.set_signal(Some(signal));
    }
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| {
            if cancelled.get() {
                GunzipError::Cancelled
            } else {
                GunzipError::Network(js_error(e))
            }
        })?
        .unchecked_into();
    if !response.ok() {
        return Err(GunzipError::Http(response.status()));
    }
    let total = response
        .headers()
        .get("Content-Length")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(expected_size);
    let body = response
        .body()
        .ok_or_else(|| GunzipError::Network("empty response".to_owned()))?;

    // Download first, counting bytes for the progress bar.
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let chunks = js_sys::Array::new();
    let mut downloaded = 0.0;
    while let Some(chunk) = read_chunk(&reader)
        .await
        .map_err(|e| GunzipError::Network(js_error(e)))?
    {
        if cancelled.get() {
            let _ = reader.cancel();
            return Err(GunzipError::Cancelled);
        }
        downloaded += chunk.unchecked_ref::<Uint8Array>().length() as f64;
        chunks.push(&chunk);
        on_progress(Progress {
            downloaded,
            total,
            decompressing: false,
        });
    }
    on_progress(Progress {
        downloaded,
        total,
        decompressing: true,
    });

    // Then decompress with the browser, decoding text as it comes.
    let blob = web_sys::Blob::new_with_u8_array_sequence(&chunks)
        .map_err(|e| GunzipError::NotGzip(js_error(e)))?;
    let gzip = Decompression::new("gzip").map_err(|e| GunzipError::NotGzip(js_error(e)))?;
    let stream: ReadableStream = blob
        .stream()
        .pipe_through(gzip.unchecked_ref::<ReadableWritablePair>());
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let decoder = TextDecoder::new().map_err(|e| GunzipError::NotGzip(js_error(e)))?;
    let streaming = TextDecodeOptions::new();
    streaming.set_stream(true);
    let mut pending = String::new();
    loop {
        if cancelled.get() {
            let _ = reader.cancel();
            return Err(GunzipError::Cancelled);
        }
        let Some(chunk) = read_chunk(&reader)
            .await
            .map_err(|e| GunzipError::NotGzip(js_error(e)))?
        else {
            break;
        };
        let text = decoder
            .decode_with_js_u8_array_and_options(chunk.unchecked_ref::<Uint8Array>(), &streaming)
            .map_err(|e| GunzipError::NotGzip(js_error(e)))?;
        pending.push_str(&text);
        if let Some(cut) = pending.rfind('\n') {
            let rest = pending.split_off(cut + 1);
            on_block(&pending);
            pending = rest;
        }
    }
    pending.push_str(&decoder.decode().unwrap_or_default());
    if !pending.trim().is_empty() {
        on_block(&pending);
    }
    Ok(())
}
