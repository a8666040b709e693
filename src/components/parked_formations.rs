use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::ui::Button;
use crate::{
    browser::download::download_text,
    state::{notices::use_notices, parking::use_parking},
};

/// The formations remembered by parking: how many, export as JSON (to keep
/// them or share them), import a file exported before.
#[component]
pub fn ParkedFormations() -> impl IntoView {
    let parking = use_parking();
    let notices = use_notices();
    let export = move |_| {
        if let Err(message) = download_text("parked-formations.json", &parking.export()) {
            notices.error(message);
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            match text.map(|text| parking.import(&text)) {
                Some(Ok(count)) => notices.success(format!("Imported {count} parked formations.")),
                Some(Err(why)) => notices.error(format!("The file was not imported: {why}")),
                None => notices.error("The file could not be read."),
            }
        });
    };
    view! {
        <section class="section parked" aria-labelledby="parked-title">
            <h2 id="parked-title" class="section__title">"Parked formations"</h2>
            <p class="muted">
                {move || match parking.count() {
                    0 => "No app is parked from this browser. Select apps above to park them: their containers stop and their formation is remembered here.".to_owned(),
                    1 => "1 app is parked from this browser.".to_owned(),
                    n => format!("{n} apps are parked from this browser."),
                }}
            </p>
            <div class="button-row">
                <Button disabled=move || parking.count() == 0 on:click=export>
                    "Export as JSON"
                </Button>
                <label class="button">
                    "Import a file…"
                    <input type="file" accept="application/json,.json" class="visually-hidden" on:change=import />
                </label>
            </div>
        </section>
    }
}
