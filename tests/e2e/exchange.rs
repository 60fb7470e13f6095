//! Two tablets (two kept browser profiles) record offline and exchange bundle files both ways.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use crate::browser::{self, Result, click, fail, fill, screenshot, wait_text};
use crate::workflow;

/// Exports a full, encrypted bundle and returns the file that landed in `downloads`.
pub async fn export_to(
    c: &Client,
    base: &str,
    downloads: &Path,
    passphrase: &str,
) -> Result<PathBuf> {
    let before: Vec<PathBuf> = files(downloads);
    c.goto(&format!("{base}/sync")).await?;
    wait_text(c, "h1.page-title", "同步").await?;
    fill(c, "#export-passphrase", passphrase).await?;
    click(c, "#export-button").await?;
    wait_text(c, "#export-panel .notice", "已导出").await?;
    let started = Instant::now();
    loop {
        let new: Vec<PathBuf> = files(downloads)
            .into_iter()
            .filter(|f| !before.contains(f))
            .collect();
        if let Some(f) = new
            .iter()
            .find(|f| f.extension().is_some_and(|e| e == "json"))
        {
            return Ok(f.clone());
        }
        if started.elapsed() > Duration::from_secs(20) {
            return fail(format!("no bundle appeared in {}", downloads.display()));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// Imports `file` with `passphrase`; returns the preview's text.
pub async fn import_from(c: &Client, base: &str, file: &Path, passphrase: &str) -> Result<String> {
    c.goto(&format!("{base}/sync")).await?;
    wait_text(c, "h1.page-title", "同步").await?;
    c.find(Locator::Css("#import-file"))
        .await?
        .send_keys(&file.display().to_string())
        .await?;
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#import-locked"))
        .await?;
    fill(c, "#import-passphrase", passphrase).await?;
    click(c, "#import-unlock").await?;
    c.wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("#import-preview"))
        .await?;
    let preview = c
        .find(Locator::Css("#import-preview"))
        .await?
        .text()
        .await?;
    click(c, "#import-confirm").await?;
    wait_text(c, "#import-report", "导入完成").await?;
    Ok(preview)
}

/// The complaint numbers in the list, sorted.
pub async fn numbers(c: &Client, base: &str) -> Result<Vec<String>> {
    c.goto(&format!("{base}/complaints")).await?;
    wait_text(c, "h1.page-title", "投诉列表").await?;
    browser::wait_js(c, "return !document.querySelector('#loading') && !!document.querySelector('#rows, #list .empty-state')", 20).await?;
    let mut out = Vec::new();
    for el in c.find_all(Locator::Css("#rows .row-number")).await? {
        out.push(el.text().await?);
    }
    out.sort();
    Ok(out)
}

pub fn tablet_dirs(root: &Path, name: &str) -> (PathBuf, PathBuf) {
    let profile = root.join(format!("{name}-profile"));
    let downloads = root.join(format!("{name}-downloads"));
    std::fs::create_dir_all(&downloads).unwrap();
    (profile, downloads)
}

/// Opens the complaint numbered `number` from the list.
pub async fn open(c: &Client, base: &str, number: &str) -> Result {
    c.goto(&format!("{base}/complaints")).await?;
    browser::wait_js(c, "return !document.querySelector('#loading')", 20).await?;
    fill(c, "#search", number).await?;
    wait_text(c, "#result-count", "1 条").await?;
    click(c, "#rows a").await?;
    wait_text(c, "#record-number", number).await
}

pub async fn shot(c: &Client, file: &str) -> Result {
    c.execute("window.scrollTo(0, 0)", vec![]).await?;
    screenshot(c, file).await
}

pub use browser::with_profile;
pub use workflow::{set_up_device, take_in};

/// The first CSV file to land in `downloads`, waiting up to 20 s.
pub async fn newest_csv(downloads: &Path) -> Result<PathBuf> {
    let started = Instant::now();
    loop {
        if let Some(f) = files(downloads)
            .into_iter()
            .find(|f| f.extension().is_some_and(|e| e == "csv"))
        {
            return Ok(f);
        }
        if started.elapsed() > Duration::from_secs(20) {
            return fail(format!("no CSV appeared in {}", downloads.display()));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
