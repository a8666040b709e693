//! A wandering user: from a fixed seed, a few hundred random steps through
//! the dashboard (links, app tabs, the command palette, the metrics, list
//! and logs toolbars, back and forward, reloads, window sizes, Escape, the
//! Display menu) against the simulator with the platform's rate limit of 60
//! requests a minute. The walk fails on any panic or `RuntimeError` in the
//! console, any console error no step expected, and any request the
//! simulator refused (429).
//!
//! The walk only reads and navigates: no delete, rename, transfer, scale,
//! restart, app creation or parking, and read-only mode is left alone.
//!
//! `WANDER_SEED` picks the walk and `WANDER_STEPS` its length (120 by
//! default, a few minutes). Every step is printed, and a failure names its
//! seed and step, so that it can be replayed. The long walk:
//!
//! ```text
//! WANDER_STEPS=600 cargo test -p scalingo-e2e --test wander -- --nocapture
//! ```

use std::{
    cell::Cell,
    future::Future,
    time::{Duration, Instant},
};

use fantoccini::{
    elements::Element,
    error::{CmdError, ErrorStatus},
    key::Key,
    Locator,
};
use scalingo_e2e::{Result, Session};
use serde_json::{json, Value};

const DEFAULT_SEED: u64 = 20_251_203;
const DEFAULT_STEPS: usize = 120;
/// The longest a step waits for the page to settle before the walk goes on
/// anyway (a page held back by the request budget is not a failure).
const SETTLE: Duration = Duration::from_secs(5);
/// The longest a step waits for what it opened (the palette, a menu).
const SHORT: Duration = Duration::from_secs(3);
const POLL: Duration = Duration::from_millis(50);
const SCREENSHOT_EVERY: usize = 25;

/// Apps of the demo to wander in.
const APPS: [&str; 11] = [
    "shop-api",
    "shop-web",
    "shop-worker",
    "admin-portal",
    "billing-service",
    "data-pipeline",
    "docs-site",
    "legacy-crm",
    "status-page",
    "image-resizer",
    "marketing-site",
];
/// The tabs of an app, as path segments ("" is the overview).
const TABS: [&str; 7] = [
    "",
    "containers",
    "logs",
    "metrics",
    "activity",
    "child-apps",
    "settings",
];
/// What follows an app's name in the palette.
const PALETTE_TABS: [&str; 9] = [
    "logs",
    "metrics",
    "settings",
    "containers",
    "activity",
    "child apps",
    "overview",
    "scale",
    "sett",
];
/// List filters: matching ones, ones matching nothing, and ones with a
/// right-to-left override (U+202E).
const FILTERS: [&str; 12] = [
    "shop",
    "billing",
    "crm",
    "data-pi",
    "api",
    "running",
    "",
    "zzzz-no-such-app",
    "qxq",
    "\u{202E}shop",
    "ipa-pohs\u{202E}",
    "docs\u{202E}site",
];
/// Log searches, some invalid as regular expressions, one with U+202E.
const SEARCHES: [&str; 10] = [
    "error",
    "GET",
    "5\\d\\d",
    "(",
    "[a-",
    "web-1",
    "router",
    "\u{202E}GET",
    "zzzz",
    "",
];
const LOG_TOGGLES: [&str; 3] = ["Regex", "Wrap", "Matching lines only"];
const DESKTOPS: [(u32, u32); 3] = [(1400, 900), (1920, 1080), (1024, 768)];
const PHONE: (u32, u32) = (390, 844);
const LINKS: &str = "main a[href], .top-bar a[href]";

/// Where a failed request's URL may be, for it to be expected.
enum UrlPart {
    EndsWith(&'static str),
    Contains(&'static str),
}

/// Failed requests a step may cause without a defect, as Chromium logs them
/// in the console ("<url> - Failed to load resource: the server responded
/// with a status of <status> (…)"). Nothing else is allowed.
const EXPECTED: [(UrlPart, u16); 3] = [
    // The autoscaling hint asks for the platform's recommended value: 404
    // when the platform has none for that metric and container type.
    (UrlPart::EndsWith("/recommended_value"), 404),
    // Metrics of a container type or period without data: 404.
    (UrlPart::Contains("/stats/"), 404),
    // The app name check is a dry-run `POST /v1/apps`: 422 for a name that
    // is taken or invalid.
    (UrlPart::EndsWith("/v1/apps"), 422),
];

fn expected(line: &str) -> bool {
    const FAILED: &str = " - Failed to load resource: the server responded with a status of ";
    let Some((head, tail)) = line.split_once(FAILED) else {
        return false;
    };
    let url = head.rsplit(' ').next().unwrap_or(head);
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let status: u16 = tail
        .split(' ')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    EXPECTED.iter().any(|(part, code)| {
        *code == status
            && match part {
                UrlPart::EndsWith(end) => path.ends_with(end),
                UrlPart::Contains(part) => path.contains(part),
            }
    })
}

/// SplitMix64: small, deterministic, good enough to pick steps.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Polls `probe` until it returns `Some` or `limit` has passed.
async fn poll<T, F, Fut>(limit: Duration, mut probe: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + limit;
    loop {
        if let Some(value) = probe().await {
            return Some(value);
        }
        if Instant::now() > deadline {
            return None;
        }
        tokio::time::sleep(POLL).await;
    }
}

/// The page has settled: loaded, the app mounted, nothing in `main` still
/// waiting for its data.
const SETTLED: &str = "return document.readyState === 'complete'
    && !!document.querySelector('main > *')
    && !document.querySelector('.splash')
    && !document.querySelector('main .skeleton');";

/// Waits (at most [`SETTLE`]) until the page has settled on two polls in a
/// row; false when it had not by then.
async fn settle(session: &Session) -> bool {
    let streak = Cell::new(0);
    poll(SETTLE, || async {
        let settled = session
            .client
            .execute(SETTLED, vec![])
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        streak.set(if settled { streak.get() + 1 } else { 0 });
        (streak.get() >= 2).then_some(())
    })
    .await
    .is_some()
}

/// What the current page offers.
const SURVEY: &str = "
    const shown = e => e.getClientRects().length > 0;
    const links = [...document.querySelectorAll(arguments[0])]
        .map((a, i) => [i, a])
        .filter(([, a]) => a.origin === location.origin && a.target !== '_blank'
            && !a.hasAttribute('download') && shown(a))
        .map(([i, a]) => [i, a.getAttribute('href'), a.textContent.trim().slice(0, 40)]);
    const has = css => [...document.querySelectorAll(css)].some(shown);
    return {
        path: location.pathname + location.search,
        modal: !!document.querySelector('dialog[open]'),
        links,
        tabs: [...document.querySelectorAll('.tabs__tab')].filter(shown).length,
        metrics: has('.metrics__toolbar'),
        list: has(\"input[aria-label='Filter apps']\"),
        logs: has(\"input[aria-label='Search logs']\"),
        menu: has(\"summary[aria-label='Display preferences']\"),
    };";

struct Survey {
    path: String,
    modal: bool,
    /// Index among the matches of [`LINKS`], href, text.
    links: Vec<(usize, String, String)>,
    tabs: usize,
    metrics: bool,
    list: bool,
    logs: bool,
    menu: bool,
}

async fn survey(session: &Session) -> Result<Survey> {
    let v = session
        .client
        .execute(SURVEY, vec![Value::from(LINKS)])
        .await?;
    let flag = |name: &str| v[name].as_bool().unwrap_or(false);
    let links = v["links"]
        .as_array()
        .map(|links| {
            links
                .iter()
                .map(|l| {
                    (
                        l[0].as_u64().unwrap_or(0) as usize,
                        l[1].as_str().unwrap_or("").to_owned(),
                        l[2].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Survey {
        path: v["path"].as_str().unwrap_or("").to_owned(),
        modal: flag("modal"),
        links,
        tabs: v["tabs"].as_u64().unwrap_or(0) as usize,
        metrics: flag("metrics"),
        list: flag("list"),
        logs: flag("logs"),
        menu: flag("menu"),
    })
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Link,
    Tab,
    Palette,
    Visit,
    Range,
    ContainerType,
    Breakdown,
    Filter,
    Group,
    Search,
    LogToggle,
    Source,
    Back,
    Forward,
    Reload,
    Resize,
    Escape,
    Display,
}

/// The steps the page offers, with their weights.
fn offered(page: &Survey) -> Vec<(Kind, u64)> {
    let mut kinds = vec![
        (Kind::Back, 2),
        (Kind::Reload, 1),
        (Kind::Resize, 1),
        (Kind::Escape, 1),
    ];
    if page.modal {
        // A modal dialog keeps the page behind it from being clicked.
        kinds.push((Kind::Escape, 6));
        return kinds;
    }
    kinds.extend([(Kind::Palette, 4), (Kind::Visit, 2), (Kind::Forward, 1)]);
    let mut offer = |yes: bool, more: &[(Kind, u64)]| {
        if yes {
            kinds.extend_from_slice(more);
        }
    };
    offer(!page.links.is_empty(), &[(Kind::Link, 6)]);
    offer(page.tabs > 0, &[(Kind::Tab, 6)]);
    offer(page.menu, &[(Kind::Display, 1)]);
    offer(
        page.metrics,
        &[
            (Kind::Range, 3),
            (Kind::ContainerType, 2),
            (Kind::Breakdown, 2),
        ],
    );
    offer(page.list, &[(Kind::Filter, 3), (Kind::Group, 2)]);
    offer(
        page.logs,
        &[(Kind::Search, 3), (Kind::LogToggle, 2), (Kind::Source, 2)],
    );
    kinds
}

/// A click the page refused (covered, hidden, or gone since the survey):
/// the step did not happen, which is no defect of the page.
fn refused_click(error: &(dyn std::error::Error + Send + Sync + 'static)) -> bool {
    matches!(
        error.downcast_ref::<CmdError>(),
        Some(CmdError::Standard(e)) if matches!(
            e.error,
            ErrorStatus::ElementClickIntercepted
                | ErrorStatus::ElementNotInteractable
                | ErrorStatus::StaleElementReference
                | ErrorStatus::NoSuchElement
                | ErrorStatus::InvalidElementState
                | ErrorStatus::MoveTargetOutOfBounds
        )
    )
}

struct Walker<'a> {
    session: &'a Session,
    rng: Rng,
    phone: bool,
}

impl Walker<'_> {
    async fn all(&self, css: &str) -> Result<Vec<Element>> {
        Ok(self.session.client.find_all(Locator::Css(css)).await?)
    }

    /// Scrolls `element` to the middle of the window, then clicks it.
    async fn click(&self, element: &Element) -> Result {
        let arg = serde_json::to_value(element)?;
        self.session
            .client
            .execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
            .await?;
        element.click().await?;
        Ok(())
    }

    /// Clears a field and types `text` into it ("" leaves it empty after
    /// a keystroke, so that the page hears the change).
    async fn type_text(&self, field: &Element, text: &str) -> Result {
        let arg = serde_json::to_value(field)?;
        self.session
            .client
            .execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
            .await?;
        field.clear().await?;
        if text.is_empty() {
            field
                .send_keys(&format!("x{}", char::from(Key::Backspace)))
                .await?;
        } else {
            field.send_keys(text).await?;
        }
        Ok(())
    }

    /// Clicks the `label.checkbox` inside `scope` whose text is `text`.
    async fn toggle(&self, scope: &str, text: &str) -> Result<String> {
        for label in self.all(&format!("{scope} label.checkbox")).await? {
            if label.text().await?.trim() != text {
                continue;
            }
            let input = label.find(Locator::Css("input")).await?;
            if !input.is_enabled().await? {
                return Ok(format!("“{text}” is disabled: not toggled"));
            }
            let before = input.prop("checked").await?.unwrap_or_default();
            self.click(&label).await?;
            return Ok(format!("toggle “{text}” (was {before})"));
        }
        Ok(format!("no “{text}” checkbox"))
    }

    async fn choose_option(&mut self, css: &str, what: &str) -> Result<String> {
        let Some(select) = self.all(css).await?.into_iter().next() else {
            return Ok(format!("no {what} select"));
        };
        let options = select.find_all(Locator::Css("option")).await?;
        if options.is_empty() {
            return Ok(format!("{what}: no options"));
        }
        let index = self.rng.below(options.len());
        let label = options[index].text().await?;
        let arg = serde_json::to_value(&select)?;
        self.session
            .client
            .execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
            .await?;
        select.select_by_index(index).await?;
        Ok(format!("{what}: “{label}”"))
    }

    async fn press(&self, key: Key) -> Result {
        self.session.press(&[key.into()]).await
    }

    async fn step(&mut self, kind: Kind, page: &Survey) -> Result<String> {
        let session = self.session;
        match kind {
            Kind::Link => {
                let (index, href, text) = self.rng.pick(&page.links).clone();
                let elements = self.all(LINKS).await?;
                let Some(link) = elements.get(index) else {
                    return Ok(format!("link {href} gone"));
                };
                if link.attr("href").await?.as_deref() != Some(href.as_str()) {
                    return Ok(format!("link {href} moved"));
                }
                self.click(link).await?;
                Ok(format!("follow “{text}” ({href})"))
            }
            Kind::Tab => {
                let tabs = self.all(".tabs__tab").await?;
                if tabs.is_empty() {
                    return Ok("no tabs".to_owned());
                }
                let tab = &tabs[self.rng.below(tabs.len())];
                let label = tab.text().await?;
                self.click(tab).await?;
                Ok(format!("tab “{label}”"))
            }
            Kind::Palette => self.palette().await,
            Kind::Visit => {
                let path = match self.rng.below(10) {
                    0 => "/activity".to_owned(),
                    1 => "/apps".to_owned(),
                    _ => {
                        let app = self.rng.pick(&APPS);
                        match *self.rng.pick(&TABS) {
                            "" => format!("/apps/{app}"),
                            tab => format!("/apps/{app}/{tab}"),
                        }
                    }
                };
                session.open(&path).await?;
                Ok(format!("open {path}"))
            }
            Kind::Range => {
                let buttons = self.all(".metrics__toolbar .segmented__item").await?;
                if buttons.is_empty() {
                    return Ok("no range buttons".to_owned());
                }
                let button = &buttons[self.rng.below(buttons.len())];
                let label = button.text().await?;
                self.click(button).await?;
                Ok(format!("range {label}"))
            }
            Kind::ContainerType => {
                self.choose_option(".metrics__toolbar select", "container type")
                    .await
            }
            Kind::Breakdown => {
                self.toggle(".metrics__toolbar", "One line per container")
                    .await
            }
            Kind::Filter => {
                let text = *self.rng.pick(&FILTERS);
                let Some(field) = self
                    .all("input[aria-label='Filter apps']")
                    .await?
                    .into_iter()
                    .next()
                else {
                    return Ok("no filter".to_owned());
                };
                self.type_text(&field, text).await?;
                Ok(format!("filter apps {text:?}"))
            }
            Kind::Group => self.toggle("main", "Group by project").await,
            Kind::Search => {
                let text = *self.rng.pick(&SEARCHES);
                let Some(field) = self
                    .all("input[aria-label='Search logs']")
                    .await?
                    .into_iter()
                    .next()
                else {
                    return Ok("no log search".to_owned());
                };
                self.type_text(&field, text).await?;
                Ok(format!("search logs {text:?}"))
            }
            Kind::LogToggle => {
                let which = *self.rng.pick(&LOG_TOGGLES);
                self.toggle(".logs__toolbar", which).await
            }
            Kind::Source => {
                self.choose_option("select[aria-label='Source']", "log source")
                    .await
            }
            Kind::Back => {
                session.client.back().await?;
                Ok("back".to_owned())
            }
            Kind::Forward => {
                session.client.forward().await?;
                Ok("forward".to_owned())
            }
            Kind::Reload => {
                session.client.refresh().await?;
                Ok("reload".to_owned())
            }
            Kind::Resize => {
                if !self.phone && self.rng.chance(25) {
                    session.phone(PHONE.0, PHONE.1).await?;
                    self.phone = true;
                    return Ok(format!("phone {}×{}", PHONE.0, PHONE.1));
                }
                let (width, height) = *self.rng.pick(&DESKTOPS);
                session.resize(width, height).await?;
                if self.phone {
                    session
                        .cdp(
                            "Emulation.setTouchEmulationEnabled",
                            json!({"enabled": false}),
                        )
                        .await?;
                    self.phone = false;
                }
                Ok(format!("window {width}×{height}"))
            }
            Kind::Escape => {
                self.press(Key::Escape).await?;
                Ok("Escape".to_owned())
            }
            Kind::Display => self.display_menu().await,
        }
    }

    /// Ctrl+K, a few letters of an app and a tab, then Enter (or Escape when
    /// the chosen entry is an action rather than a place).
    async fn palette(&mut self) -> Result<String> {
        let query = match self.rng.below(8) {
            0 => "activity of".to_owned(),
            1 => "all apps".to_owned(),
            _ => {
                let app = *self.rng.pick(&APPS);
                let mut query = if self.rng.chance(50) {
                    app.replace('-', " ")
                } else {
                    app.chars().take(4).collect()
                };
                if self.rng.chance(75) {
                    query.push(' ');
                    let tab: &&str = self.rng.pick(&PALETTE_TABS);
                    query.push_str(tab);
                }
                query
            }
        };
        let session = self.session;
        session.press(&[Key::Control.into(), 'k']).await?;
        let field = poll(SHORT, || async {
            session
                .client
                .find(Locator::Css("dialog[open] input[role='combobox']"))
                .await
                .ok()
        })
        .await;
        let Some(field) = field else {
            return Ok(format!("Ctrl+K {query:?}: the palette did not open"));
        };
        field.send_keys(&query).await?;
        let chosen = poll(SHORT, || async {
            let option = session
                .client
                .find(Locator::Css(
                    "dialog[open] [role='option'][aria-selected='true'] .palette__label",
                ))
                .await
                .ok()?;
            option.text().await.ok()
        })
        .await;
        let outcome = match chosen {
            // Actions (a restart) are not for a wanderer.
            Some(label) if label.starts_with("Restart") => {
                self.press(Key::Escape).await?;
                format!("Ctrl+K {query:?}: “{label}” is an action, Escape")
            }
            Some(label) => {
                self.press(Key::Enter).await?;
                format!("Ctrl+K {query:?}, Enter: “{label}”")
            }
            None => {
                self.press(Key::Escape).await?;
                format!("Ctrl+K {query:?}: nothing chosen, Escape")
            }
        };
        let closed = poll(SHORT, || async {
            let open = session
                .client
                .find_all(Locator::Css("dialog[open] input[role='combobox']"))
                .await
                .ok()?;
            open.is_empty().then_some(())
        })
        .await;
        if closed.is_none() {
            return Ok(format!("{outcome} (the palette stayed open)"));
        }
        Ok(outcome)
    }

    /// Opens the Display menu, then closes it with Escape or a second click.
    async fn display_menu(&mut self) -> Result<String> {
        let session = self.session;
        let summary = "summary[aria-label='Display preferences']";
        let Some(button) = self.all(summary).await?.into_iter().next() else {
            return Ok("no Display menu".to_owned());
        };
        self.click(&button).await?;
        let opened = poll(SHORT, || async {
            let open = session
                .client
                .find_all(Locator::Css("details.menu[open]"))
                .await
                .ok()?;
            (!open.is_empty()).then_some(())
        })
        .await;
        if opened.is_none() {
            return Ok("Display menu: did not open".to_owned());
        }
        let how = if self.rng.chance(50) {
            self.press(Key::Escape).await?;
            "Escape"
        } else {
            self.click(&button).await?;
            "click"
        };
        let closed = poll(SHORT, || async {
            let open = session
                .client
                .find_all(Locator::Css("details.menu[open]"))
                .await
                .ok()?;
            open.is_empty().then_some(())
        })
        .await;
        Ok(match closed {
            Some(()) => format!("Display menu opened, closed with {how}"),
            None => format!("Display menu opened, still open after {how}"),
        })
    }

    /// Brings the browser back to the dashboard if a step left it (back
    /// past the first page).
    async fn stay_on_the_dashboard(&self) -> Result<Option<&'static str>> {
        let base = self.session.sim.base_url();
        let inside = |url: &str| url.starts_with(&base);
        if inside(self.session.client.current_url().await?.as_str()) {
            return Ok(None);
        }
        self.session.client.forward().await?;
        if inside(self.session.client.current_url().await?.as_str()) {
            return Ok(Some("left the dashboard: forward"));
        }
        self.session.open("/apps").await?;
        Ok(Some("left the dashboard: open /apps"))
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wandering_user_meets_no_error() -> Result {
    let seed: u64 = env_number("WANDER_SEED", DEFAULT_SEED);
    let steps: usize = env_number("WANDER_STEPS", DEFAULT_STEPS);
    println!("wander: seed {seed}, {steps} steps (replay with WANDER_SEED={seed})");
    let session = Session::start_sized("wander", (1400, 900), |config| {
        config.op_speed = 20.0;
        config.log_rate = 2.0;
        // The platform's 60 requests a minute, as the `scalingo-sim` binary
        // enforces by default (`SimConfig::default()` sets no limit).
        config.rate_limit = Some(60);
    })
    .await?;
    session.run(async |session| {
        let mut walker = Walker {
            session,
            rng: Rng(seed),
            phone: false,
        };
        session.open("/apps").await?;
        settle(session).await;
        let fail = |step: usize, what: String| -> Result {
            Err(format!(
                "seed {seed}, step {step}: {what} (replay: WANDER_SEED={seed} WANDER_STEPS={step})"
            )
            .into())
        };
        for step in 1..=steps {
            let page = survey(session).await?;
            let kinds = offered(&page);
            let total: u64 = kinds.iter().map(|(_, w)| w).sum();
            let mut roll = walker.rng.next() % total;
            let kind = kinds
                .iter()
                .find(|(_, weight)| {
                    let hit = roll < *weight;
                    roll = roll.saturating_sub(*weight);
                    hit
                })
                .map(|(kind, _)| *kind)
                .unwrap_or(Kind::Escape);
            let done = match walker.step(kind, &page).await {
                Ok(done) => done,
                Err(error) if refused_click(error.as_ref()) => {
                    format!("{kind:?} not done: {error}")
                }
                Err(error) => return fail(step, format!("{kind:?} on {}: {error}", page.path)),
            };
            let back = walker.stay_on_the_dashboard().await?;
            let settled = settle(session).await;
            println!(
                "step {step:>3} {:<40} {done}{}{}",
                page.path,
                back.map(|b| format!(" ({b})")).unwrap_or_default(),
                if settled { "" } else { " [not settled]" },
            );
            let problems: Vec<String> = session
                .console_problems(&[])
                .await?
                .into_iter()
                .filter(|line| !expected(line))
                .collect();
            if !problems.is_empty() {
                return fail(
                    step,
                    format!("after “{done}” on {}: {problems:#?}", page.path),
                );
            }
            let counts = session.sim.requests();
            if counts.refused > 0 {
                return fail(
                    step,
                    format!(
                        "after “{done}” on {}: {} request(s) refused by the rate limit ({} in the busiest minute)",
                        page.path, counts.refused, counts.peak_last_minute
                    ),
                );
            }
            if step % SCREENSHOT_EVERY == 0 {
                session.screenshot(&format!("step-{step:03}")).await?;
            }
        }
        let counts = session.sim.requests();
        println!(
            "wander: seed {seed}, {steps} steps, {} requests, {} refused, peak {} in one minute",
            counts.total, counts.refused, counts.peak_last_minute
        );
        if counts.refused > 0 {
            return Err(format!("seed {seed}: {} requests refused", counts.refused).into());
        }
        Ok(())
    })
    .await
}
