//! Generated data for the tests and benchmarks that need many complaints: another tablet's
//! plain bundle file of `n` complaints, and its import through the Sync page as a person would
//! (the generator is not in the app).

use std::path::{Path, PathBuf};

use fantoccini::Client;

use crate::browser::{Result, click, wait_js, wait_text};

/// A plain bundle of `n` generated complaints from tablet "B7", timed up to now, written into
/// `dir`; its path and how many events it holds.
pub fn load_test_bundle(n: usize, dir: &Path) -> (PathBuf, usize) {
    use complaints::domain::{DeviceCode, DeviceId};
    use complaints::sync::{ExportInput, SourceDevice, export_full};
    let now = chrono::Local::now().fixed_offset();
    let device = DeviceId(uuid::Uuid::from_u128(0xb7));
    let code = DeviceCode::parse("B7").unwrap();
    let events = complaints::demo::load_test_events(n, now, device, code.clone());
    let source = SourceDevice {
        id: device,
        code,
        label: "压测平板".into(),
    };
    let file = export_full(ExportInput {
        source: &source,
        app_version: env!("CARGO_PKG_VERSION"),
        bundle_id: uuid::Uuid::from_u128(0xb7b7),
        created_at: now,
        events: &events,
        blobs: &[],
        compact: false,
    })
    .into_plain();
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(file.file_name);
    std::fs::write(&path, file.contents).unwrap();
    (path, events.len())
}

/// Imports the plain `file` through the Sync page: the seconds from picking it to the preview,
/// and to the report.
pub async fn import_file(c: &Client, base: &str, file: &Path) -> Result<(f64, f64)> {
    c.goto(&format!("{base}/sync")).await?;
    wait_text(c, "h1.page-title", "同步").await?;
    let t0 = std::time::Instant::now();
    c.find(fantoccini::Locator::Css("#import-file"))
        .await?
        .send_keys(&file.display().to_string())
        .await?;
    wait_js(c, "return !!document.querySelector('#import-preview')", 600).await?;
    let planned = t0.elapsed().as_secs_f64();
    click(c, "#import-confirm").await?;
    wait_js(
        c,
        "const r = document.querySelector('#import-report'); return !!r && r.textContent.includes('导入完成')",
        900,
    )
    .await?;
    Ok((planned, t0.elapsed().as_secs_f64()))
}
