use std::borrow::Cow;

use gloo_net::http::Request;
use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Redirect, Route, Router, Routes},
    hooks::use_navigate,
    path, NavigateOptions,
};
use wasm_bindgen::JsCast;
use web_sys::RequestCache;

use crate::{
    api::{
        config::RuntimeConfig,
        session::{self, Phase, Session},
        ApiClient,
    },
    chunks::{
        AppPageRoute, LazyActivity, LazyActivityPage, LazyAddons, LazyAlerts, LazyChildApps,
        LazyCollaborators, LazyCommandPalette, LazyContainers, LazyDeploy, LazyDeployment,
        LazyDomains, LazyEnvironment, LazyLogs, LazyMetrics, LazyOverview, LazySettings,
        LazyShortcutsDialog,
    },
    components::{NoticeTray, OperationTray, RestartConfirmSlot, TopBar},
    pages::{AppListPage, ConnectPage, NotFound},
    state::{notices::Notices, operations::Operations, preferences::Preferences},
};

/// The path the app is served under (`/portal/scalingo`), from the
/// `<base href>` trunk writes at build time; empty at the root.
pub fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let path = base
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_owned()))
        .unwrap_or_default();
    path.trim_end_matches('/').to_owned()
}

/// Reads `config.json` next to `index.html`, bypassing caches so that a
/// changed environment takes effect on the next load.
async fn load_config() -> Result<RuntimeConfig, String> {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let response = Request::get(&format!("{}/config.json", base_path()))
        .cache(RequestCache::NoStore)
        .send()
        .await
        .map_err(|e| format!("config.json could not be loaded: {e}"))?;
    if !response.ok() {
        return Err(format!(
            "config.json could not be loaded (HTTP {}).",
            response.status()
        ));
    }
    let text = response
        .text()
        .await
        .map_err(|e| format!("config.json could not be read: {e}"))?;
    RuntimeConfig::parse(&text, &origin)
}

/// The application: configuration first, then the session, then the pages.
#[component]
pub fn App() -> impl IntoView {
    let config = LocalResource::new(load_config);
    let base = base_path();
    crate::logic::routes::set_base(&base);
    crate::chunks::prefetch_all_when_idle();
    view! {
        <Router base=Cow::Owned(base)>
            <Transition fallback=Splash>
                {move || Suspend::new(async move {
                    match config.await {
                        Ok(config) => view! { <Shell config /> }.into_any(),
                        Err(message) => view! { <ConfigError message /> }.into_any(),
                    }
                })}
            </Transition>
        </Router>
    }
}

/// Shown while the configuration loads and the session opens.
#[component]
fn Splash() -> impl IntoView {
    view! {
        <div class="splash" role="status" aria-live="polite">
            <div class="splash__spinner" aria-hidden="true"></div>
            <p>"Connecting to Scalingo…"</p>
        </div>
    }
}

#[component]
fn ConfigError(message: String) -> impl IntoView {
    view! {
        <div class="page page--narrow">
            <h1>"The dashboard is not configured"</h1>
            <p class="form__error" role="alert">{message}</p>
            <p>
                "The dashboard reads the API addresses from config.json next to index.html. "
                "See the README for its format."
            </p>
        </div>
    }
}

/// The page frame once configured: the session decides between the connect
/// screen and the routes, without changing the URL, so a deep link opened
/// before connecting is shown right after.
#[component]
fn Shell(config: RuntimeConfig) -> impl IntoView {
    let session = Session::new();
    let preferences = Preferences::install(config.read_only);
    provide_context(preferences);
    let client = ApiClient::new(config, session)
        .with_read_only(Signal::derive(move || preferences.read_only()));
    provide_context(client.clone());
    provide_context(Operations::new().with_recent_reads(client.recent_reads()));
    provide_context(Notices::new());
    leptos::task::spawn_local(async move { session::resume(&client).await });

    let phase = Memo::new(move |_| session.phase());
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_content>"Skip to content"</a>
        {move || (phase.get() == Phase::Connected).then(|| view! { <TopBar /> })}
        <main id="main" tabindex="-1">
            {move || match phase.get() {
                Phase::Connecting => view! { <Splash /> }.into_any(),
                Phase::Disconnected => view! { <ConnectPage /> }.into_any(),
                Phase::Connected => view! { <ConnectedApp /> }.into_any(),
            }}
        </main>
        {move || (phase.get() == Phase::Connected).then(|| view! { <OperationTray /> })}
        <NoticeTray />
    }
}

/// Moves focus to the page's content. The link's `#main` alone would be
/// resolved against `<base>` and leave the page for the root.
fn skip_to_content(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let _ = main.focus();
        main.scroll_into_view();
    }
}

/// True when a key press goes to a text field rather than to shortcuts.
fn typing_in_a_field(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || element.has_attribute("contenteditable")
        })
}

fn focus_list_filter() -> bool {
    let field = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("input[aria-label='Filter apps']")
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    field.is_some_and(|f| f.focus().is_ok())
}

/// Everything that needs a session: the fleet of apps, the routes, and the
/// keyboard shortcuts (Ctrl/Cmd+K, `?`, `/`).
#[component]
fn ConnectedApp() -> impl IntoView {
    provide_context(crate::state::fleet::Fleet::new(crate::api::use_api()));
    provide_context(crate::state::parking::Parking::load());
    provide_context(crate::components::Restarts::new());
    let palette = RwSignal::new(false);
    let shortcuts = RwSignal::new(false);
    let navigate = use_navigate();
    let keys = window_event_listener(leptos::ev::keydown, move |event| {
        let command = event.ctrl_key() || event.meta_key();
        if command && event.key().eq_ignore_ascii_case("k") {
            event.prevent_default();
            palette.set(true);
            return;
        }
        if command || event.alt_key() || typing_in_a_field(&event) {
            return;
        }
        match event.key().as_str() {
            "?" => {
                event.prevent_default();
                shortcuts.set(true);
            }
            "/" => {
                event.prevent_default();
                if !focus_list_filter() {
                    navigate("/apps", NavigateOptions::default());
                    set_timeout(
                        || {
                            focus_list_filter();
                        },
                        std::time::Duration::from_millis(100),
                    );
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    view! {
        <Routes fallback=NotFound>
            <Route path=path!("/") view=|| view! { <Redirect path="/apps" /> } />
            <Route path=path!("/apps") view=AppListPage />
            <ParentRoute path=path!("/apps/:name") view=AppPageRoute>
                <Route path=path!("") view=LazyOverview />
                // Links of an earlier version named the first tab.
                <Route path=path!("overview") view=LazyOverview />
                <Route path=path!("deploy") view=LazyDeploy />
                <Route path=path!("deploy/:id") view=LazyDeployment />
                <Route path=path!("containers") view=LazyContainers />
                <Route path=path!("addons") view=LazyAddons />
                <Route path=path!("logs") view=LazyLogs />
                <Route path=path!("metrics") view=LazyMetrics />
                <Route path=path!("activity") view=LazyActivity />
                <Route path=path!("environment") view=LazyEnvironment />
                <Route path=path!("child-apps") view=LazyChildApps />
                <Route path=path!("settings") view=LazySettings />
                <Route path=path!("settings/domains") view=LazyDomains />
                <Route path=path!("settings/collaborators") view=LazyCollaborators />
                <Route path=path!("settings/alerts") view=LazyAlerts />
            </ParentRoute>
            <Route path=path!("/activity") view=LazyActivityPage />
        </Routes>
        <RestartConfirmSlot />
        <Show when=move || palette.get()>
            <LazyCommandPalette open=palette />
        </Show>
        <Show when=move || shortcuts.get()>
            <LazyShortcutsDialog open=shortcuts />
        </Show>
    }
}
