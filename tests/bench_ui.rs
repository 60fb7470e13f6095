//! UI figures with 10,000 complaints, in headless Chromium against the release build (not part
//! of the test run): the list filter's keystroke time and the dashboard's cold open time.
//!
//! Run: `bash scripts/bench-ui.sh`.

#[allow(dead_code)]
#[path = "e2e/browser.rs"]
mod browser;
#[allow(dead_code)]
#[path = "e2e/couchdb.rs"]
mod couchdb;
#[path = "e2e/generated.rs"]
mod generated;
#[allow(dead_code)]
#[path = "e2e/server.rs"]
mod server;

use std::path::PathBuf;
use std::time::Duration;

use browser::{Result, click, fail, wait_js, wait_text, with_browser};
use fantoccini::Client;

/// Each cold open's time, and the steps the app marked on the way (name, ms from navigation).
type Opens = (Vec<f64>, Vec<Vec<(String, f64)>>);

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Types `query` one character at a time into the search box; returns each keystroke's time
/// from the input event until the page's work for it is done (all effects run).
async fn keystrokes(c: &Client, query: &str) -> Result<Vec<f64>> {
    let found = c
        .execute_async(
            "const [query, done] = arguments;
             const el = document.querySelector('#search');
             const times = [];
             (async () => {
               el.value = ''; el.dispatchEvent(new Event('input', { bubbles: true }));
               await new Promise(r => setTimeout(r, 50));
               let typed = '';
               for (const ch of query) {
                 typed += ch;
                 const t0 = performance.now();
                 el.value = typed;
                 el.dispatchEvent(new Event('input', { bubbles: true }));
                 await new Promise(r => setTimeout(r, 0));
                 times.push(performance.now() - t0);
                 await new Promise(r => setTimeout(r, 30));
               }
               done(times);
             })();",
            vec![query.into()],
        )
        .await?;
    Ok(serde_json::from_value(found)?)
}

#[tokio::test]
#[ignore = "a benchmark: run scripts/bench-ui.sh"]
async fn list_keystrokes_and_dashboard_cold_open_with_10000_complaints() {
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist");
    let server = server::StaticServer::start(&dist);
    let base = server.base.clone();
    with_browser("bench-ui", 1024, 768, |c| async move {
        let c = &c;
        // 10,000 generated complaints as another tablet's plain bundle file, imported through
        // the Sync page as a person would (the generator is not in the app).
        let (file, _) = generated::load_test_bundle(10_000, &std::env::temp_dir());
        let (planned, written) = generated::import_file(c, &base, &file).await?;
        println!(
            "imported 10,000 complaints ({:.1} MB plain file) through the Sync page: checked and previewed in {planned:.1} s, written by {:.1} s",
            std::fs::metadata(&file).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0),
            written
        );

        c.goto(&format!("{base}/complaints")).await?;
        // Drills are listed only behind their filter, so the count is a little under 10,000.
        wait_js(c, "return parseInt((document.querySelector('#result-count') || {}).textContent) > 9000", 60).await?;
        let mut times = Vec::new();
        for query in ["1201", "张伟", "TS-2026", "漏水", "3栋"] {
            times.extend(keystrokes(c, query).await?);
        }
        let shown = c.find(fantoccini::Locator::Css("#result-count")).await?.text().await?;
        println!(
            "list filter keystroke with 10,000 complaints: median {:.1} ms, p90 {:.1} ms, max {:.1} ms over {} keystrokes (last result: {shown})",
            median(times.clone()),
            { let mut v = times.clone(); v.sort_by(|a, b| a.total_cmp(b)); v[v.len() * 9 / 10] },
            times.iter().cloned().fold(0.0, f64::max),
            times.len()
        );

        // Cold opens: navigation start to the first screen painted with its data.
        let base = &base;
        let cold = |path: &'static str, ready: &'static str| async move {
            let mut opens = Vec::new();
            let mut steps = Vec::new();
            for _ in 0..5 {
                c.goto(&format!("{base}{path}")).await?;
                let ms = c
                    .execute_async(
                        &format!(
                            "const done = arguments[0];
                             const check = () => {{
                               if ({ready}) requestAnimationFrame(() => done(performance.now()));
                               else requestAnimationFrame(check);
                             }};
                             check();"
                        ),
                        vec![],
                    )
                    .await?;
                opens.push(ms.as_f64().unwrap_or(f64::NAN));
                // The steps of opening, as the app marks them on the page's timeline.
                let marks = c
                    .execute(
                        "return performance.getEntriesByType('mark').filter(m => m.name.startsWith('open:')).map(m => [m.name, m.startTime]);",
                        vec![],
                    )
                    .await?;
                steps.push(serde_json::from_value::<Vec<(String, f64)>>(marks)?);
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            Result::Ok((opens, steps))
        };
        let report = |what: &str, (opens, steps): &Opens| {
            println!(
                "{what} cold open with 10,000 complaints (navigation start to the first frame painted with it): median {:.0} ms over {} loads: {:?}",
                median(opens.to_vec()),
                opens.len(),
                opens.iter().map(|x| x.round()).collect::<Vec<_>>()
            );
            // Median time of each step from navigation start.
            let mut names: Vec<&str> = Vec::new();
            for s in steps.iter().flatten() {
                if !names.contains(&s.0.as_str()) {
                    names.push(&s.0);
                }
            }
            let line: Vec<String> = names
                .iter()
                .map(|n| {
                    let at: Vec<f64> = steps
                        .iter()
                        .filter_map(|s| s.iter().find(|m| m.0 == *n).map(|m| m.1))
                        .collect();
                    format!("{n} {:.0} ms", median(at))
                })
                .collect();
            println!("  steps (median from navigation start): {}", line.join(", "));
        };
        let dashboard = cold(
            "/",
            "document.querySelectorAll('#count-by-state li').length > 0 && document.querySelector('#urgent-rows')",
        )
        .await?;
        report("dashboard (counts and urgent list)", &dashboard);
        let list = cold(
            "/complaints",
            "document.querySelector('#rows li') && /^[1-9]/.test((document.querySelector('#result-count') || {}).textContent || '')",
        )
        .await?;
        report("list (count and first rows)", &list);
        if dashboard.0.iter().chain(&list.0).any(|x| x.is_nan()) {
            return fail("a load did not report its time");
        }

        // Memory with the list open: the JS heap (Chromium's figure) plus the wasm memory,
        // which index.html keeps a handle to once the app has started.
        tokio::time::sleep(Duration::from_millis(1000)).await;
        let mem = c
            .execute(
                "return [performance.memory ? performance.memory.usedJSHeapSize : NaN,
                         window.wasmMemory ? window.wasmMemory.buffer.byteLength : NaN];",
                vec![],
            )
            .await?;
        let mb = |i: usize| mem[i].as_f64().unwrap_or(f64::NAN) / 1_048_576.0;
        println!(
            "memory with 10,000 complaints on the list page: JS heap {:.1} MB + wasm memory {:.1} MB = {:.1} MB",
            mb(0),
            mb(1),
            mb(0) + mb(1)
        );
        Ok(())
    })
    .await;
}

/// Sets the server on the Sync page and syncs once; the seconds and the last-sync line.
async fn sync_with(c: &Client, base: &str, url: &str) -> Result<(f64, String)> {
    c.goto(&format!("{base}/sync")).await?;
    wait_text(c, "h1.page-title", "同步").await?;
    browser::fill(c, "#server-url", url).await?;
    browser::fill(c, "#server-db", "bench").await?;
    browser::fill(c, "#server-user", "admin").await?;
    browser::fill(c, "#server-password", couchdb::ADMIN_PASSWORD).await?;
    let t0 = std::time::Instant::now();
    click(c, "#server-sync").await?;
    wait_js(
        c,
        "return Number(document.querySelector('#server-panel').dataset.runs || 0) > 0",
        1800,
    )
    .await?;
    let said = c
        .find(fantoccini::Locator::Css("#server-last"))
        .await?
        .text()
        .await?;
    if !said.contains("同步完成") {
        return fail(format!("the sync did not complete: {said}"));
    }
    Ok((t0.elapsed().as_secs_f64(), said))
}

#[tokio::test]
#[ignore = "a benchmark: run scripts/bench-ui.sh"]
async fn replication_of_10000_complaints_through_a_local_server_against_a_bundle_file() {
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist");
    let server = server::StaticServer::start(&dist);
    let base = server.base.clone();
    let couch = couchdb::CouchServer::in_memory("bench");
    couch.set_up("bench");
    let url = couch.url.clone();
    let (file, _) = generated::load_test_bundle(10_000, &std::env::temp_dir());
    let (b, u) = (base.clone(), url.clone());
    with_browser("bench-repl-push", 1024, 768, |c| async move {
        let (_, import) = generated::import_file(&c, &b, &file).await?;
        let (push, said) = sync_with(&c, &b, &u).await?;
        println!("10,000 complaints: bundle file import {import:.1} s; push to the server {push:.1} s ({said})");
        Ok(())
    })
    .await;
    let docs = couch.doc_count("bench");
    // The server's own share of a pull: its changes feed read in the app's batches, nothing
    // done with it.
    let t0 = std::time::Instant::now();
    let mut since = serde_json::Value::from(0);
    loop {
        let path = format!(
            "/bench/_changes?include_docs=true&limit={}&since={}",
            complaints::sync::couch::PULL_BATCH,
            since.as_str().map_or(since.to_string(), str::to_string)
        );
        let (_, feed) = couch.call("GET", &path, None);
        let rows = feed["results"].as_array().map_or(0, Vec::len);
        since = feed["last_seq"].clone();
        if rows < complaints::sync::couch::PULL_BATCH {
            break;
        }
    }
    println!(
        "the server's changes feed alone, read in the same batches: {:.1} s",
        t0.elapsed().as_secs_f64()
    );
    let (b, u) = (base.clone(), url.clone());
    with_browser("bench-repl-pull", 1024, 768, |c| async move {
        let (pull, said) = sync_with(&c, &b, &u).await?;
        c.goto(&format!("{b}/complaints")).await?;
        wait_js(&c, "return parseInt((document.querySelector('#result-count') || {}).textContent) > 9000", 120).await?;
        println!("10,000 complaints: pull from the server into a new tablet {pull:.1} s ({said}); {docs} documents on the server");
        Ok(())
    })
    .await;
}
