//! The harness of the end-to-end tests and benchmarks: the simulator serving
//! the release build in-process, and a real headless Chromium driven over
//! WebDriver (Debian's `chromium` and `chromium-driver`), both started and
//! stopped by the harness itself.
//!
//! Waits are conditions polled until a deadline, never fixed sleeps.

use std::{
    future::Future,
    net::TcpListener,
    path::{Path, PathBuf},
    process::Stdio,
    time::{Duration, Instant},
};

mod roles;

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use scalingo_sim::{RunningSim, SimConfig};
use serde_json::{json, Value};
use tokio::process::{Child, Command};

/// How long a condition may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(50);

pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The release build the tests run against (`scripts/build.sh`): `dist`,
/// or the folder named by `E2E_DIST` (the benchmarks' build with their
/// entry points, `dist-bench`).
pub fn dist_dir() -> PathBuf {
    built(&std::env::var("E2E_DIST").unwrap_or_else(|_| "dist".to_owned()))
}

/// The release build made for `/portal/scalingo/` (`scripts/test.sh`
/// makes it with `--public-url`).
pub fn portal_dist_dir() -> PathBuf {
    built("dist-portal")
}

fn built(name: &str) -> PathBuf {
    let dist = workspace_root().join(name);
    assert!(
        dist.join("index.html").exists(),
        "{name}/index.html is missing: build the app first (scripts/test.sh builds both)"
    );
    dist
}

/// Where screenshots and browser logs go.
pub fn artifacts_dir() -> PathBuf {
    let dir = workspace_root().join("target/e2e");
    std::fs::create_dir_all(&dir).expect("target/e2e can be created");
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port")
}

/// A chromedriver process, killed when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    async fn start() -> Result<Driver> {
        let port = free_port();
        let binary =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("{binary} could not start ({e}); run scripts/setup.sh"))?;
        let deadline = Instant::now() + TIMEOUT;
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            if Instant::now() > deadline {
                return Err("chromedriver did not open its port".into());
            }
            tokio::time::sleep(POLL).await;
        }
        Ok(Driver { child, port })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

/// One test's world: a fresh simulator and a fresh browser profile.
pub struct Session {
    pub sim: RunningSim,
    pub client: Client,
    driver: Driver,
    _profile: tempfile::TempDir,
    _data: tempfile::TempDir,
    name: String,
}

impl Session {
    /// Starts the simulator (demo data, seed 42) serving the release build,
    /// and a headless Chromium at 1280×800.
    pub async fn start(name: &str) -> Result<Session> {
        Self::start_with(name, |_| {}).await
    }

    /// As [`Session::start`], with the simulator's configuration adjusted.
    pub async fn start_with(name: &str, adjust: impl FnOnce(&mut SimConfig)) -> Result<Session> {
        Self::start_sized(name, (1280, 800), adjust).await
    }

    /// As [`Session::start_with`], in a window of `width`×`height`.
    pub async fn start_sized(
        name: &str,
        (width, height): (u32, u32),
        adjust: impl FnOnce(&mut SimConfig),
    ) -> Result<Session> {
        let data = tempfile::tempdir()?;
        let mut config = SimConfig {
            port: 0,
            dist: Some(dist_dir()),
            data: Some(data.path().join("state.json")),
            ..SimConfig::default()
        };
        adjust(&mut config);
        let sim = scalingo_sim::start(config).await?;
        let profile = tempfile::tempdir()?;
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            },
            "goog:loggingPrefs": { "browser": "ALL" }
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        // A free port is free when asked, not always when chromedriver
        // binds it (tests start in parallel): a driver that cannot be
        // reached is replaced by one on another port.
        let mut attempts = 0;
        let (driver, client) = loop {
            attempts += 1;
            let driver = Driver::start().await?;
            let connected =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                    .capabilities(capabilities.clone())
                    .connect(&format!("http://127.0.0.1:{}", driver.port))
                    .await;
            match connected {
                Ok(client) => break (driver, client),
                Err(error) if attempts >= 3 => return Err(error.into()),
                Err(_) => continue,
            }
        };
        Ok(Session {
            sim,
            client,
            driver,
            _profile: profile,
            _data: data,
            name: name.to_owned(),
        })
    }

    /// Opens a path of the dashboard. Every fetch of the page is kept in
    /// its resource timings, which tests count: the browser keeps 250 by
    /// default, fewer than the chunks an idle page prefetches.
    pub async fn open(&self, path: &str) -> Result {
        self.client
            .goto(&format!("{}{path}", self.sim.base_url()))
            .await?;
        self.client
            .execute("performance.setResourceTimingBufferSize(100000);", vec![])
            .await?;
        Ok(())
    }

    /// The first element matching `css`, once there is one.
    pub async fn find(&self, css: &str) -> Result<Element> {
        let found = self
            .client
            .wait()
            .at_most(TIMEOUT)
            .every(POLL)
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("no element matches `{css}`: {e}"))?;
        Ok(found)
    }

    /// Waits until the text of the first `css` match contains `text`.
    pub async fn wait_text(&self, css: &str, text: &str) -> Result<String> {
        let description = format!("`{css}` to contain “{text}”");
        wait_until(&description, || async {
            let elements = self.client.find_all(Locator::Css(css)).await.ok()?;
            for element in elements {
                if let Ok(content) = element.text().await {
                    if content.contains(text) {
                        return Some(content);
                    }
                }
            }
            None
        })
        .await
    }

    /// Waits until no element matches `css`.
    pub async fn wait_gone(&self, css: &str) -> Result {
        wait_until(&format!("`{css}` to disappear"), || async {
            let elements = self.client.find_all(Locator::Css(css)).await.ok()?;
            elements.is_empty().then_some(())
        })
        .await
    }

    /// The texts of every element matching `css`.
    pub async fn texts(&self, css: &str) -> Result<Vec<String>> {
        let mut texts = Vec::new();
        for element in self.client.find_all(Locator::Css(css)).await? {
            texts.push(element.text().await?);
        }
        Ok(texts)
    }

    /// Waits until `texts(css)` satisfies `check`, and returns them.
    pub async fn wait_texts(
        &self,
        css: &str,
        description: &str,
        check: impl Fn(&[String]) -> bool,
    ) -> Result<Vec<String>> {
        wait_until(description, || async {
            let texts = self.texts(css).await.ok()?;
            check(&texts).then_some(texts)
        })
        .await
    }

    /// Waits until the current URL's path and query equal `expected`.
    pub async fn wait_url(&self, expected: &str) -> Result {
        wait_until(&format!("the URL to be {expected}"), || async {
            let url = self.client.current_url().await.ok()?;
            let path = match url.query() {
                Some(query) => format!("{}?{query}", url.path()),
                None => url.path().to_owned(),
            };
            (path == expected).then_some(())
        })
        .await
    }

    /// Clears a text field and types `text` into it, key by key.
    pub async fn type_into(&self, css: &str, text: &str) -> Result {
        let field = self.find(css).await?;
        field.clear().await?;
        field.send_keys(text).await?;
        Ok(())
    }

    pub async fn click(&self, css: &str) -> Result {
        let element = self.find(css).await?;
        self.click_element(element).await
    }

    /// Scrolls an element to the middle of the window, where no sticky bar
    /// or tray covers it, then clicks it as a user would.
    async fn click_element(&self, element: Element) -> Result {
        let arg = serde_json::to_value(&element)?;
        self.client
            .execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
            .await?;
        element.click().await?;
        Ok(())
    }

    /// Clicks the first `css` match whose text contains `text` (ignoring
    /// case, since CSS may capitalise what is shown).
    pub async fn click_text(&self, css: &str, text: &str) -> Result {
        let element = wait_until(&format!("`{css}` with “{text}” to click"), || async {
            for element in self.client.find_all(Locator::Css(css)).await.ok()? {
                if element
                    .text()
                    .await
                    .ok()?
                    .to_lowercase()
                    .contains(&text.to_lowercase())
                {
                    return Some(element);
                }
            }
            None
        })
        .await?;
        self.click_element(element).await
    }

    /// The value of a form field.
    pub async fn value(&self, css: &str) -> Result<String> {
        Ok(self
            .find(css)
            .await?
            .prop("value")
            .await?
            .unwrap_or_default())
    }

    /// Saves a screenshot as `target/e2e/<test>-<step>.png`.
    pub async fn screenshot(&self, step: &str) -> Result<PathBuf> {
        let png = self.client.screenshot().await?;
        let path = artifacts_dir().join(format!("{}-{step}.png", self.name));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Presses keys as the keyboard does (real key events, in order), e.g.
    /// `[Key::Control.into(), 'k']` for Ctrl+K: every key goes down, then
    /// up in reverse order.
    pub async fn press(&self, keys: &[char]) -> Result {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let mut actions = KeyActions::new("keyboard".to_owned());
        for key in keys {
            actions = actions.then(KeyAction::Down { value: *key });
        }
        for key in keys.iter().rev() {
            actions = actions.then(KeyAction::Up { value: *key });
        }
        self.client.perform_actions(actions).await?;
        Ok(())
    }

    /// Scrolls `css` into the middle of the window, then takes a screenshot.
    pub async fn screenshot_at(&self, css: &str, step: &str) -> Result<PathBuf> {
        let element = self.find(css).await?;
        let arg = serde_json::to_value(&element)?;
        self.client
            .execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
            .await?;
        self.screenshot(step).await
    }

    /// The browser console since the last call (Chromium's log endpoint).
    pub async fn console(&self) -> Result<Vec<String>> {
        let session = self.client.session_id().await?.ok_or("no session id")?;
        let url = format!(
            "http://127.0.0.1:{}/session/{session}/se/log",
            self.driver.port
        );
        let answer: Value = reqwest::Client::new()
            .post(url)
            .json(&json!({"type": "browser"}))
            .send()
            .await?
            .json()
            .await?;
        let entries = answer["value"].as_array().cloned().unwrap_or_default();
        Ok(entries
            .iter()
            .map(|entry| {
                format!(
                    "{} {}",
                    entry["level"].as_str().unwrap_or(""),
                    entry["message"].as_str().unwrap_or("")
                )
            })
            .collect())
    }

    /// Posts `body` to one of the simulator's controls (`/_sim/…`): what
    /// happens on the platform's side, or another person's (an invitation
    /// accepted).
    pub async fn sim_control(&self, path: &str, body: Value) -> Result<Value> {
        let answer = reqwest::Client::new()
            .post(format!("{}{path}", self.sim.base_url()))
            .json(&body)
            .send()
            .await?;
        let status = answer.status();
        let text = answer.text().await?;
        if !status.is_success() {
            return Err(format!("{path}: {status}: {text}").into());
        }
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Runs a Chrome DevTools Protocol command through chromedriver (heap
    /// figures, garbage collection, scripts run before the page's own).
    pub async fn cdp(&self, command: &str, params: Value) -> Result<Value> {
        let session = self.client.session_id().await?.ok_or("no session id")?;
        let url = format!(
            "http://127.0.0.1:{}/session/{session}/goog/cdp/execute",
            self.driver.port
        );
        let answer: Value = reqwest::Client::new()
            .post(url)
            .json(&json!({"cmd": command, "params": params}))
            .send()
            .await?
            .json()
            .await?;
        if let Some(error) = answer["value"]["error"].as_str() {
            return Err(format!("{command}: {error}: {}", answer["value"]["message"]).into());
        }
        Ok(answer["value"].clone())
    }

    /// Fails if the page logged a panic (the panic hook writes it to the
    /// console); writes the console to `target/e2e/<test>-console.log`.
    pub async fn assert_no_panic(&self) -> Result {
        let console = self.console().await?;
        std::fs::write(
            artifacts_dir().join(format!("{}-console.log", self.name)),
            console.join("\n"),
        )?;
        let panics: Vec<&String> = console
            .iter()
            .filter(|line| line.contains("panicked"))
            .collect();
        if !panics.is_empty() {
            return Err(format!("the page panicked: {panics:?}").into());
        }
        Ok(())
    }

    /// Turns read-only mode on from the Display menu, as a user does.
    pub async fn read_only_on(&self) -> Result {
        self.click("summary[aria-label='Display preferences']")
            .await?;
        self.click("button[role='switch'][aria-label='Read-only']")
            .await?;
        self.find("button[role='switch'][aria-label='Read-only'][aria-checked='true']")
            .await?;
        Ok(())
    }

    /// Resizes the viewport to `width`×`height` CSS pixels, as a window
    /// resize would (headless windows have no frame: the viewport is the
    /// window).
    pub async fn resize(&self, width: u32, height: u32) -> Result {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        )
        .await?;
        Ok(())
    }

    /// Turns the page into a phone of `width`×`height`: a mobile viewport,
    /// touch input, and `(pointer: coarse)`.
    pub async fn phone(&self, width: u32, height: u32) -> Result {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 3, "mobile": true}),
        )
        .await?;
        self.cdp(
            "Emulation.setTouchEmulationEnabled",
            json!({"enabled": true, "maxTouchPoints": 5}),
        )
        .await?;
        Ok(())
    }

    /// What the console says that a user would call a defect: panics,
    /// WebAssembly traps and errors, except those matching one of
    /// `expected` (a failed request the step meant to make, say). Writes
    /// the whole console to `target/e2e/<test>-console.log` as well.
    pub async fn console_problems(&self, expected: &[&str]) -> Result<Vec<String>> {
        let console = self.console().await?;
        let path = artifacts_dir().join(format!("{}-console.log", self.name));
        let mut log = std::fs::read_to_string(&path).unwrap_or_default();
        for line in &console {
            log.push_str(line);
            log.push('\n');
        }
        std::fs::write(&path, log)?;
        Ok(console
            .into_iter()
            .filter(|line| {
                line.contains("panicked")
                    || line.contains("RuntimeError")
                    || line.starts_with("SEVERE")
                    || line.starts_with("WARNING")
            })
            .filter(|line| !expected.iter().any(|e| line.contains(e)))
            .collect())
    }

    /// Saves the page source next to the screenshots, for failures.
    pub async fn dump(&self, step: &str) {
        if let Ok(source) = self.client.source().await {
            let _ = std::fs::write(
                artifacts_dir().join(format!("{}-{step}.html", self.name)),
                source,
            );
        }
        let _ = self.screenshot(step).await;
    }

    /// Runs a test's steps, then ends the test with their outcome (see
    /// [`Session::conclude`]):
    /// `Session::start("x").await?.run(async |session| { … }).await`.
    pub async fn run(self, steps: impl AsyncFnOnce(&Session) -> Result) -> Result {
        let outcome = steps(&self).await;
        self.conclude(outcome).await
    }

    /// Ends the test with the outcome of its steps: on failure the page
    /// source and a screenshot are saved first; the browser and the
    /// simulator are stopped either way.
    pub async fn conclude(self, outcome: Result) -> Result {
        if outcome.is_err() {
            self.dump("failure").await;
        }
        let closed = self.client.close().await;
        self.sim.shutdown().await;
        outcome?;
        closed?;
        Ok(())
    }
}

/// Polls `probe` until it returns `Some`, or fails after [`TIMEOUT`].
pub async fn wait_until<T, F, Fut>(description: &str, probe: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    wait_up_to(description, TIMEOUT, probe).await
}

/// As [`wait_until`], for what takes longer by nature (an operation at the
/// platform's pace, a read the platform asked to make later).
pub async fn wait_up_to<T, F, Fut>(description: &str, limit: Duration, mut probe: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + limit;
    loop {
        if let Some(value) = probe().await {
            return Ok(value);
        }
        if Instant::now() > deadline {
            return Err(format!("timed out waiting for {description}").into());
        }
        tokio::time::sleep(POLL).await;
    }
}
