//! Live replication with a CouchDB-protocol server (`pouchdb-server`, started by each test on
//! 127.0.0.1): two tablets converge through it and a third by files alone; a push of 2,000
//! complaints cut off by a stopped server completes after it is back, each event once; a
//! document changed on the server is refused; wrong credentials, an unreachable address and a
//! server that is not CouchDB each get their message.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use serde_json::Value;

use crate::browser::{self, Result, click, fail, fill, wait_js, wait_text};
use crate::couchdb::{ADMIN_PASSWORD, CouchServer};
use crate::exchange;
use crate::server::StaticServer;

const DB: &str = "complaints_acme";

/// A screenshot with the server panel in sight.
async fn shot(c: &Client, file: &str) -> Result {
    c.execute(
        "document.querySelector('#server-panel').scrollIntoView()",
        vec![],
    )
    .await?;
    browser::screenshot(c, file).await
}

/// Fills in the server panel on the Sync page, as the administrator.
async fn set_server(c: &Client, base: &str, url: &str, db: &str, password: &str) -> Result {
    set_server_as(c, base, url, db, "admin", password).await
}

/// Fills in the server panel on the Sync page.
async fn set_server_as(
    c: &Client,
    base: &str,
    url: &str,
    db: &str,
    user: &str,
    password: &str,
) -> Result {
    c.goto(&format!("{base}/sync")).await?;
    wait_text(c, "h1.page-title", "同步").await?;
    fill(c, "#server-url", url).await?;
    fill(c, "#server-db", db).await?;
    fill(c, "#server-user", user).await?;
    fill(c, "#server-password", password).await?;
    Ok(())
}

async fn runs(c: &Client) -> Result<u64> {
    // The panel is the app's: wait for it, in case the page is still mounting.
    wait_js(c, "return !!document.querySelector('#server-panel')", 30).await?;
    let v = c
        .execute(
            "return Number(document.querySelector('#server-panel').dataset.runs || 0)",
            vec![],
        )
        .await?;
    Ok(v.as_u64().unwrap_or(0))
}

/// Presses "sync now" and waits up to `secs` for the run to end; the last-sync line.
async fn sync_now(c: &Client, secs: u64) -> Result<String> {
    let before = runs(c).await?;
    click(c, "#server-sync").await?;
    wait_js(
        c,
        &format!(
            "return Number(document.querySelector('#server-panel').dataset.runs || 0) > {before}"
        ),
        secs,
    )
    .await?;
    Ok(c.find(Locator::Css("#server-last")).await?.text().await?)
}

async fn synced(c: &Client) -> Result<String> {
    let said = sync_now(c, 60).await?;
    if !said.contains("同步完成") {
        return fail(format!("the sync did not complete: {said}"));
    }
    Ok(said)
}

fn root(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("complaints-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    root
}

#[tokio::test]
#[ignore = "needs the release build in dist/, chromedriver and pouchdb-server: run scripts/test.sh"]
async fn two_tablets_converge_through_the_server_and_a_third_by_files_alone() {
    let app = StaticServer::start(&crate::dist());
    let base = app.base.clone();
    let couch = CouchServer::in_memory("converge");
    couch.set_up(DB);
    // Each tablet its own user, with the company's role (the README's guide).
    couch.add_member(DB, "tablet-a3", "a3-password", "acme");
    couch.add_member(DB, "tablet-b5", "b5-password", "acme");
    let (status, _) = couch.call_as("GET", &format!("/{DB}"), None, None);
    assert_eq!(status, 401, "the database should be closed to anyone else");
    let url = couch.url.clone();
    let root = root("replication");
    let (a_profile, a_dl) = exchange::tablet_dirs(&root, "a");
    let (b_profile, b_dl) = exchange::tablet_dirs(&root, "b");
    let (c_profile, c_dl) = exchange::tablet_dirs(&root, "c");
    const PASS: &str = "口令-2026";
    let files: Arc<Mutex<Vec<PathBuf>>> = Arc::default();
    let lists: Arc<Mutex<Vec<Vec<String>>>> = Arc::default();

    // A records offline, then syncs with the server.
    let (b, u) = (base.clone(), url.clone());
    exchange::with_profile(
        "repl-a-1",
        1024,
        768,
        Some(&a_profile),
        Some(&a_dl),
        |c| async move {
            exchange::set_up_device(&c, &b, "A3", "平板-3").await?;
            exchange::take_in(&c, &b, "周先生", "A 平板：2栋地库积水").await?;
            set_server_as(&c, &b, &u, DB, "tablet-a3", "a3-password").await?;
            let said = synced(&c).await?;
            if said.contains("已发送 0") {
                return fail(format!("A should have sent its events: {said}"));
            }
            shot(&c, "replication-a-synced.png").await
        },
    )
    .await;
    let on_server = couch.doc_count(DB);
    assert!(on_server > 3, "the server holds {on_server} documents");

    // B records its own offline, syncs (receiving A's), and exports a file for C.
    let (b, u, f) = (base.clone(), url.clone(), files.clone());
    let bd = b_dl.clone();
    exchange::with_profile(
        "repl-b-1",
        1024,
        768,
        Some(&b_profile),
        Some(&b_dl),
        |c| async move {
            exchange::set_up_device(&c, &b, "B5", "平板-5").await?;
            exchange::take_in(&c, &b, "吴女士", "B 平板：9栋门禁失灵").await?;
            set_server_as(&c, &b, &u, DB, "tablet-b5", "b5-password").await?;
            synced(&c).await?;
            let numbers = exchange::numbers(&c, &b).await?;
            if numbers.len() != 2 {
                return fail(format!("B should hold A's complaint too: {numbers:?}"));
            }
            let got = exchange::export_to(&c, &b, &bd, PASS).await?;
            f.lock().unwrap().push(got);
            Ok(())
        },
    )
    .await;

    // C never talks to the server: it imports B's file, records one, and exports.
    let (b, f) = (base.clone(), files.clone());
    let from_b = files.lock().unwrap()[0].clone();
    let cd = c_dl.clone();
    exchange::with_profile(
        "repl-c-1",
        1024,
        768,
        Some(&c_profile),
        Some(&c_dl),
        |c| async move {
            exchange::set_up_device(&c, &b, "C7", "平板-7").await?;
            exchange::import_from(&c, &b, &from_b, PASS).await?;
            exchange::take_in(&c, &b, "郑先生", "C 平板：5栋外墙渗水").await?;
            let got = exchange::export_to(&c, &b, &cd, PASS).await?;
            f.lock().unwrap().push(got);
            Ok(())
        },
    )
    .await;

    // B imports C's file and syncs; then A syncs.
    let (b, l) = (base.clone(), lists.clone());
    let from_c = files.lock().unwrap()[1].clone();
    exchange::with_profile(
        "repl-b-2",
        1024,
        768,
        Some(&b_profile),
        Some(&b_dl),
        |c| async move {
            exchange::import_from(&c, &b, &from_c, PASS).await?;
            c.goto(&format!("{b}/sync")).await?;
            synced(&c).await?;
            let got = exchange::numbers(&c, &b).await?;
            l.lock().unwrap().push(got);
            Ok(())
        },
    )
    .await;
    let (b, l) = (base.clone(), lists.clone());
    exchange::with_profile(
        "repl-a-2",
        1024,
        768,
        Some(&a_profile),
        Some(&a_dl),
        |c| async move {
            c.goto(&format!("{b}/sync")).await?;
            wait_text(&c, "h1.page-title", "同步").await?;
            // The settings were kept on this tablet.
            let url = c
                .find(Locator::Css("#server-url"))
                .await?
                .prop("value")
                .await?;
            if url
                .as_deref()
                .is_none_or(|u| !u.starts_with("http://127.0.0.1:"))
            {
                return fail(format!("the server address was not kept: {url:?}"));
            }
            // Syncing by itself: ticked and saved, it syncs once the app has opened again.
            click(&c, "#server-auto").await?;
            click(&c, "#server-save").await?;
            wait_text(&c, "#server-notice .notice", "设置已保存").await?;
            c.goto(&format!("{b}/sync")).await?;
            wait_js(
                &c,
                "return Number(document.querySelector('#server-panel').dataset.runs || 0) > 0",
                60,
            )
            .await?;
            let said = c.find(Locator::Css("#server-last")).await?.text().await?;
            if !said.contains("同步完成") || said.contains("新收到 0") {
                return fail(format!(
                    "the automatic sync should bring B's and C's: {said}"
                ));
            }
            shot(&c, "replication-a-second-sync.png").await?;
            let got = exchange::numbers(&c, &b).await?;
            l.lock().unwrap().push(got);
            Ok(())
        },
    )
    .await;
    // C catches up by file from A's side of the office: B exports again.
    let (b, f) = (base.clone(), files.clone());
    let bd = b_dl.clone();
    exchange::with_profile(
        "repl-b-3",
        1024,
        768,
        Some(&b_profile),
        Some(&b_dl),
        |c| async move {
            let got = exchange::export_to(&c, &b, &bd, PASS).await?;
            f.lock().unwrap().push(got);
            Ok(())
        },
    )
    .await;
    let (b, l) = (base.clone(), lists.clone());
    let from_b = files.lock().unwrap()[2].clone();
    exchange::with_profile(
        "repl-c-2",
        1024,
        768,
        Some(&c_profile),
        Some(&c_dl),
        |c| async move {
            exchange::import_from(&c, &b, &from_b, PASS).await?;
            let got = exchange::numbers(&c, &b).await?;
            l.lock().unwrap().push(got);
            Ok(())
        },
    )
    .await;

    let lists = lists.lock().unwrap().clone();
    assert_eq!(lists.len(), 3);
    assert_eq!(lists[0].len(), 3, "{lists:?}");
    for code in ["-A3-", "-B5-", "-C7-"] {
        assert!(lists[0].iter().any(|n| n.contains(code)), "{lists:?}");
    }
    assert_eq!(lists[0], lists[1], "B and A differ");
    assert_eq!(lists[0], lists[2], "C (files only) differs");
    let _ = std::fs::remove_dir_all(&root);
}

/// Every event this tablet holds, counted in IndexedDB.
async fn events_held(c: &Client) -> Result<u64> {
    let n = c
        .execute_async(
            "const done = arguments[0];
             const open = indexedDB.open('complaints');
             open.onsuccess = () => {
               const all = open.result.transaction('records').objectStore('records').getAll();
               all.onsuccess = () => {
                 let n = 0;
                 for (const row of all.result) n += JSON.parse(new TextDecoder().decode(row.events)).length;
                 open.result.close();
                 done(n);
               };
             };",
            vec![],
        )
        .await?;
    Ok(n.as_u64().unwrap_or(0))
}

#[tokio::test]
#[ignore = "needs the release build in dist/, chromedriver and pouchdb-server: run scripts/test.sh"]
async fn a_push_cut_off_by_a_stopped_server_completes_after_it_is_back_with_each_event_once() {
    let app = StaticServer::start(&crate::dist());
    let base = app.base.clone();
    let root = root("replication-cut");
    let data = root.join("couch-data");
    let port = browser::free_port();
    let couch = Arc::new(Mutex::new(Some(CouchServer::on_disk("cut", port, &data))));
    couch.lock().unwrap().as_ref().unwrap().set_up(DB);
    let url = format!("http://127.0.0.1:{port}");
    let (file, generated) = crate::generated::load_test_bundle(2000, &root);
    let (profile, dl) = exchange::tablet_dirs(&root, "t");
    let srv = couch.clone();
    exchange::with_profile("repl-cut", 1024, 768, Some(&profile), Some(&dl), |c| async move {
        exchange::set_up_device(&c, &base, "T1", "平板-1").await?;
        crate::generated::import_file(&c, &base, &file).await?;
        let held = events_held(&c).await?;
        if held < generated as u64 {
            return fail(format!("{held} events held after importing {generated}"));
        }
        set_server(&c, &base, &url, DB, ADMIN_PASSWORD).await?;
        let before = runs(&c).await?;
        click(&c, "#server-sync").await?;
        // Stop the server once part of the push has arrived.
        let started = Instant::now();
        let mut shot_taken = false;
        loop {
            let count = srv.lock().unwrap().as_ref().unwrap().doc_count(DB);
            if count >= 3000 {
                break;
            }
            if count > 0 && !shot_taken {
                shot(&c, "replication-cut-progress.png").await?;
                shot_taken = true;
            }
            if started.elapsed() > Duration::from_secs(120) {
                return fail(format!("the push did not get going: {count} documents"));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let data = srv.lock().unwrap().take().unwrap().kill().unwrap();
        wait_js(&c, &format!("return Number(document.querySelector('#server-panel').dataset.runs || 0) > {before}"), 180).await?;
        let said = c.find(Locator::Css("#server-last")).await?.text().await?;
        if !said.contains("未完成") || !said.contains("连不上服务器") {
            return fail(format!("the cut should be reported: {said}"));
        }
        shot(&c, "replication-cut-reported.png").await?;
        // Back, with what it had stored.
        let back = CouchServer::on_disk("cut", port, &data);
        let partial = back.doc_count(DB);
        if partial == 0 || partial >= held {
            return fail(format!("the first push should have stopped part way: {partial} of {held}"));
        }
        *srv.lock().unwrap() = Some(back);
        let said = synced(&c).await?;
        let server = srv.lock().unwrap();
        let server = server.as_ref().unwrap();
        let count = server.doc_count(DB);
        if count != held {
            return fail(format!("the server holds {count} documents for {held} events: {said}"));
        }
        // Each event once: one revision per document, none in conflict.
        let (_, feed) = server.call("GET", &format!("/{DB}/_changes?style=all_docs"), None);
        let rows = feed["results"].as_array().cloned().unwrap_or_default();
        let extra: Vec<&Value> = rows
            .iter()
            .filter(|r| r["changes"].as_array().map_or(0, Vec::len) != 1)
            .collect();
        if rows.len() as u64 != held || !extra.is_empty() {
            return fail(format!("{} changes, {} with more than one revision", rows.len(), extra.len()));
        }
        println!("pushed {held} events; {partial} were on the server when it stopped");
        Ok(())
    })
    .await;
    let _ = std::fs::remove_dir_all(&root);
}

/// The first string under a key named `description`, changed.
fn alter(v: &mut Value) -> bool {
    match v {
        Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                if k == "description"
                    && let Value::String(s) = x
                {
                    s.push_str("（在服务器上被改过）");
                    return true;
                }
                if alter(x) {
                    return true;
                }
            }
            false
        }
        Value::Array(items) => items.iter_mut().any(alter),
        _ => false,
    }
}

#[tokio::test]
#[ignore = "needs the release build in dist/, chromedriver and pouchdb-server: run scripts/test.sh"]
async fn bad_credentials_addresses_and_a_changed_document_are_refused_with_their_messages() {
    let app = StaticServer::start(&crate::dist());
    let base = app.base.clone();
    let couch = Arc::new(CouchServer::in_memory("refusals"));
    couch.set_up(DB);
    let url = couch.url.clone();
    let srv = couch.clone();
    browser::with_browser("repl-refusals", 1024, 768, |c| async move {
        exchange::set_up_device(&c, &base, "R2", "平板-2").await?;
        exchange::take_in(&c, &base, "钱女士", "3栋2单元楼道灯不亮").await?;
        // Wrong password.
        set_server(&c, &base, &url, DB, "wrong").await?;
        let said = sync_now(&c, 30).await?;
        if !said.contains("拒绝了用户名或密码") {
            return fail(format!("wrong credentials: {said}"));
        }
        shot(&c, "replication-wrong-password.png").await?;
        // Nothing listening.
        let dead = format!("http://127.0.0.1:{}", browser::free_port());
        set_server(&c, &base, &dead, DB, ADMIN_PASSWORD).await?;
        let said = sync_now(&c, 60).await?;
        if !said.contains("连不上服务器") {
            return fail(format!("unreachable: {said}"));
        }
        // A web server that is not CouchDB (this app's own).
        set_server(&c, &base, &base, "complaints", ADMIN_PASSWORD).await?;
        let said = sync_now(&c, 30).await?;
        if !said.contains("不是 CouchDB") {
            return fail(format!("not CouchDB: {said}"));
        }
        // A database name CouchDB would refuse: said before anything is sent.
        set_server(&c, &base, &url, "Complaints", ADMIN_PASSWORD).await?;
        click(&c, "#server-save").await?;
        wait_text(&c, "#server-notice .notice", "数据库名称不对").await?;
        // Right settings: it syncs.
        set_server(&c, &base, &url, DB, ADMIN_PASSWORD).await?;
        synced(&c).await?;

        // Someone changes an event's document on the server.
        let (_, all) = srv.call("GET", &format!("/{DB}/_all_docs?include_docs=true"), None);
        let mut changed = None;
        for row in all["rows"].as_array().cloned().unwrap_or_default() {
            let mut doc = row["doc"].clone();
            if doc.get("event").is_some() && alter(&mut doc["event"]) {
                changed = Some(doc);
                break;
            }
        }
        let Some(doc) = changed else {
            return fail("no document with a description on the server");
        };
        let id = doc["_id"].as_str().unwrap_or_default().to_string();
        let (status, answer) = srv.call("PUT", &format!("/{DB}/{id}"), Some(&doc.to_string()));
        if status >= 300 {
            return fail(format!("could not change the document: {status} {answer}"));
        }
        let numbers = exchange::numbers(&c, &base).await?;
        c.goto(&format!("{base}/sync")).await?;
        wait_text(&c, "h1.page-title", "同步").await?;
        let said = sync_now(&c, 30).await?;
        if !said.contains("内容不同") || !said.contains(&id) {
            return fail(format!(
                "the changed document should be refused, naming {id}: {said}"
            ));
        }
        shot(&c, "replication-conflict.png").await?;
        // Nothing was written, and the next sync refuses it again.
        if exchange::numbers(&c, &base).await? != numbers {
            return fail("the list changed after a refused sync");
        }
        exchange::open(&c, &base, &numbers[0]).await?;
        let page = c.find(Locator::Css("main")).await?.text().await?;
        if page.contains("在服务器上被改过") {
            return fail("the changed text reached the tablet");
        }
        c.goto(&format!("{base}/sync")).await?;
        wait_text(&c, "h1.page-title", "同步").await?;
        let again = sync_now(&c, 30).await?;
        if !again.contains("内容不同") {
            return fail(format!("a second sync should refuse it again: {again}"));
        }
        // Offline, the panel says so; back online, the line goes.
        c.issue_cmd(browser::NetworkConditions { offline: true })
            .await?;
        c.wait()
            .at_most(std::time::Duration::from_secs(10))
            .for_element(Locator::Css("#server-offline"))
            .await?;
        shot(&c, "replication-offline.png").await?;
        c.issue_cmd(browser::NetworkConditions { offline: false })
            .await?;
        wait_js(&c, "return !document.querySelector('#server-offline')", 10).await?;
        Ok(())
    })
    .await;
}
