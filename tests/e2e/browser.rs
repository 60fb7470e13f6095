//! Chromium through chromedriver, one fresh browser per test, always shut down, with a
//! screenshot and the page source saved when a test fails.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Fails the test with a message.
pub fn fail<T>(msg: impl Into<String>) -> Result<T> {
    Err(msg.into().into())
}

/// Where screenshots go: `target/e2e-screenshots/`.
pub fn shots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Runs `body` against a fresh headless Chromium at `width`×`height`.
pub async fn with_browser<F, Fut>(name: &str, width: u32, height: u32, body: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = Result>,
{
    with_profile(name, width, height, None, None, body).await
}

/// Like [`with_browser`], with a kept profile folder (a tablet that keeps its data between
/// sessions) and a download folder.
pub async fn with_profile<F, Fut>(
    name: &str,
    width: u32,
    height: u32,
    profile: Option<&std::path::Path>,
    downloads: Option<&std::path::Path>,
    body: F,
) where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = Result>,
{
    with_args(name, width, height, profile, downloads, &[], body).await
}

/// Like [`with_profile`], with more Chromium switches (`--host-resolver-rules=…`).
pub async fn with_args<F, Fut>(
    name: &str,
    width: u32,
    height: u32,
    profile: Option<&std::path::Path>,
    downloads: Option<&std::path::Path>,
    extra: &[String],
    body: F,
) where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = Result>,
{
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let port = free_port();
    let _driver = Driver(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {chromedriver}: {e}; run scripts/test.sh")),
    );
    let mut args = vec![
        "--headless=new".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--hide-scrollbars".into(),
        "--force-device-scale-factor=1".into(),
        format!("--window-size={width},{height}"),
    ];
    if let Some(dir) = profile {
        args.push(format!("--user-data-dir={}", dir.display()));
    }
    args.extend(extra.iter().cloned());
    let mut options = json!({
        "binary": std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into()),
        "args": args,
    });
    if let Some(dir) = downloads {
        options["prefs"] = json!({
            "download.default_directory": dir.display().to_string(),
            "download.prompt_for_download": false,
        });
    }
    let caps = json!({ "goog:chromeOptions": options });
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    let client = loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.as_object().unwrap().clone())
            .connect(&url)
            .await
        {
            Ok(client) => break client,
            Err(e) if started.elapsed() > Duration::from_secs(20) => {
                panic!("chromedriver did not start a session: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    };
    // Make the viewport (not the window) width×height, as on a tablet.
    let outcome = match fit_viewport(&client, width, height).await {
        Ok(()) => body(client.clone()).await,
        Err(err) => Err(err),
    };
    if let Err(err) = &outcome {
        if let Ok(png) = client.screenshot().await {
            let _ = std::fs::write(shots_dir().join(format!("FAILED-{name}.png")), png);
        }
        if let Ok(html) = client.source().await {
            let _ = std::fs::write(shots_dir().join(format!("FAILED-{name}.html")), html);
        }
        eprintln!("{name} failed: {err}");
    }
    let _ = client.close().await;
    if let Err(err) = outcome {
        panic!("{name}: {err}");
    }
}

async fn fit_viewport(client: &Client, width: u32, height: u32) -> Result {
    let extra = client
        .execute(
            "return [outerWidth - innerWidth, outerHeight - innerHeight]",
            vec![],
        )
        .await?;
    let [dw, dh]: [u32; 2] = serde_json::from_value(extra)?;
    client.set_window_size(width + dw, height + dh).await?;
    Ok(())
}

/// Waits up to ten seconds for `css` to match an element whose text contains `text`.
pub async fn wait_text(client: &Client, css: &str, text: &str) -> Result {
    let started = Instant::now();
    loop {
        if let Ok(el) = client.find(Locator::Css(css)).await {
            if let Ok(found) = el.text().await {
                if found.contains(text) {
                    return Ok(());
                }
                if started.elapsed() > Duration::from_secs(10) {
                    return fail(format!(
                        "`{css}` shows {found:?}, expected it to contain {text:?}"
                    ));
                }
            }
        } else if started.elapsed() > Duration::from_secs(10) {
            return fail(format!("`{css}` never appeared (waiting for {text:?})"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits up to `secs` for a script returning a boolean to return true. A script that throws
/// (an element it reads is not on the page yet) counts as not yet; the last error is named if
/// time runs out.
pub async fn wait_js(client: &Client, script: &str, secs: u64) -> Result {
    let started = Instant::now();
    loop {
        let last = match client.execute(script, vec![]).await {
            Ok(value) if value.as_bool() == Some(true) => return Ok(()),
            Ok(value) => format!("it returned {value}"),
            Err(e) => format!("it threw: {e}"),
        };
        if started.elapsed() > Duration::from_secs(secs) {
            return fail(format!("timed out waiting for: {script} ({last})"));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Saves a screenshot of the viewport under `target/e2e-screenshots/`.
/// Waits until the page has painted twice since now (a scroll or a layout change has landed).
pub async fn painted(client: &Client) -> Result {
    client
        .execute_async(
            "const done = arguments[arguments.length - 1];\n\
             requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )
        .await?;
    Ok(())
}

pub async fn screenshot(client: &Client, file: &str) -> Result {
    let png = client.screenshot().await?;
    std::fs::write(shots_dir().join(file), png)?;
    Ok(())
}

/// ChromeDriver's network emulation (`/chromium/network_conditions`).
#[derive(Debug)]
pub struct NetworkConditions {
    pub offline: bool,
}

impl WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> std::result::Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/chromium/network_conditions",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({
            "network_conditions": {
                "offline": self.offline,
                "latency": 0,
                "download_throughput": if self.offline { 0 } else { -1 },
                "upload_throughput": if self.offline { 0 } else { -1 },
            }
        });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Types `text` into the field matched by `css` (after clearing it).
pub async fn fill(client: &Client, css: &str, text: &str) -> Result {
    let el = client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await?;
    el.clear().await?;
    el.send_keys(text).await?;
    Ok(())
}

/// Chooses the option with `value` in the select matched by `css`.
pub async fn choose(client: &Client, css: &str, value: &str) -> Result {
    let el = client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await?;
    el.select_by_value(value).await?;
    Ok(())
}

/// Clicks the element matched by `css`, waiting for it first (and finding it again if the
/// page re-rendered it in between).
pub async fn click(client: &Client, css: &str) -> Result {
    let started = Instant::now();
    loop {
        let el = client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await?;
        // As a person would: scroll it clear of the fixed navigation bar first.
        let arg = serde_json::to_value(&el)?;
        let _ = client
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' })",
                vec![arg],
            )
            .await;
        match el.click().await {
            Ok(()) => return Ok(()),
            Err(e) if started.elapsed() > Duration::from_secs(10) => return Err(e.into()),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// Waits until the element matched by `css` has `attr` equal to `value`.
pub async fn wait_attr(client: &Client, css: &str, attr: &str, value: &str) -> Result {
    let started = Instant::now();
    loop {
        if let Ok(el) = client.find(Locator::Css(css)).await
            && el.attr(attr).await.ok().flatten().as_deref() == Some(value)
        {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(10) {
            let found = match client.find(Locator::Css(css)).await {
                Ok(el) => el.attr(attr).await.ok().flatten().unwrap_or_default(),
                Err(_) => "nothing".into(),
            };
            return fail(format!("`{css}` [{attr}] is {found:?}, expected {value:?}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A DevTools protocol command through ChromeDriver (`/goog/cdp/execute`).
#[derive(Debug)]
pub struct Cdp {
    pub cmd: &'static str,
    pub params: serde_json::Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> std::result::Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}
