//! Where a small office can put the app: a static host under a sub-path, and a plain `http://`
//! address on the office LAN, where the browser gives the page no secure context.

use std::path::PathBuf;

use fantoccini::{Client, Locator};

use crate::browser::{
    self, NetworkConditions, Result, fail, screenshot, wait_js, wait_text, with_args, with_browser,
};
use crate::server::StaticServer;
use crate::{exchange, workflow};

/// The sub-path `scripts/test.sh` builds the second release build for.
pub const SUB_PATH: &str = "/office/app";

fn dist_sub_path() -> PathBuf {
    let dir = std::env::var("E2E_DIST_SUB_PATH")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/dist-sub-path"));
    assert!(
        dir.join("index.html").is_file(),
        "no {}/index.html: run scripts/test.sh (trunk build --release --public-url {SUB_PATH}/)",
        dir.display()
    );
    dir
}

async fn controlled(c: &Client) -> Result {
    wait_js(
        c,
        "return !!(navigator.serviceWorker && navigator.serviceWorker.controller)",
        30,
    )
    .await
}

#[tokio::test]
#[ignore = "needs the release builds and chromedriver: run scripts/test.sh"]
async fn under_a_sub_path_it_installs_takes_a_complaint_updates_and_reloads_offline_on_a_deep_link()
{
    let served = std::env::temp_dir().join(format!("complaints-sub-path-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&served);
    crate::copy_dir(&dist_sub_path(), &served);
    let server = StaticServer::start_under(&served, SUB_PATH);
    let base = server.base.clone();
    let sw_path = served.join("sw.js");
    with_browser("sub-path", 1024, 768, |c| async move {
        c.goto(&format!("{base}/")).await?;
        wait_text(&c, "h1.page-title", "总览").await?;
        controlled(&c).await?;
        // Installable from here: the manifest, its start and scope, the icons and the worker
        // all live under the sub-path.
        let found = c
            .execute_async(
                "const done = arguments[0];
                 const link = document.querySelector('link[rel=manifest]').href;
                 Promise.all([
                   fetch(link).then(r => r.json()),
                   navigator.serviceWorker.getRegistration(),
                 ]).then(([m, reg]) => done({
                   link,
                   start: new URL(m.start_url, link).href,
                   scope: new URL(m.scope, link).href,
                   icons: m.icons.map(i => new URL(i.src, link).href),
                   worker: reg.scope,
                 }), e => done(String(e)))",
                vec![],
            )
            .await?;
        let app = format!("{base}/");
        for (what, value) in [
            ("manifest", &found["link"]),
            ("start_url", &found["start"]),
            ("scope", &found["scope"]),
            ("worker scope", &found["worker"]),
        ] {
            if !value.as_str().is_some_and(|v| v.starts_with(&app)) {
                return fail(format!("{what} is not under {app}: {found}"));
            }
        }
        for icon in found["icons"].as_array().into_iter().flatten() {
            let url = icon.as_str().unwrap_or_default();
            if !url.starts_with(&app) {
                return fail(format!("icon outside the sub-path: {url}"));
            }
            let status = c
                .execute_async(
                    "const done = arguments[1]; fetch(arguments[0]).then(r => done(r.status), e => done(String(e)))",
                    vec![url.into()],
                )
                .await?;
            if status != 200 {
                return fail(format!("icon {url}: {status}"));
            }
        }

        // The app's own links and a complaint, all under the sub-path.
        workflow::set_up_device(&c, &base, "S1", "子路径平板").await?;
        workflow::take_in(&c, &base, "孙女士", "子路径：5栋电梯异响").await?;
        let here = c.current_url().await?.to_string();
        if !here.starts_with(&format!("{base}/complaints/")) {
            return fail(format!("the new complaint opened at {here}"));
        }
        let hrefs = c
            .execute(
                "return [...document.querySelectorAll('a.nav-link')].map(a => a.href)",
                vec![],
            )
            .await?;
        if !hrefs.as_array().is_some_and(|a| {
            a.len() == 10
                && a.iter()
                    .all(|h| h.as_str().is_some_and(|h| h.starts_with(&app)))
        }) {
            return fail(format!("navigation leaves the sub-path: {hrefs}"));
        }
        let detail = here;

        // A new version: the prompt appears, and the reload takes it.
        let sw = std::fs::read_to_string(&sw_path)?;
        std::fs::write(
            &sw_path,
            sw.replacen(
                "const CACHE = 'complaints-",
                "const CACHE = 'complaints-next-",
                1,
            ),
        )?;
        c.execute(
            "navigator.serviceWorker.getRegistration().then(r => r.update())",
            vec![],
        )
        .await?;
        wait_text(&c, "#update-banner", "有新版本").await?;
        screenshot(&c, "sub-path-update.png").await?;
        c.execute("window.__samePage = true", vec![]).await?;
        browser::click(&c, "#update-banner .btn-primary").await?;
        wait_js(&c, "return window.__samePage === undefined", 20).await?;
        wait_text(&c, "#record-number", "TS-").await?;
        let keys = c
            .execute_async(
                "const done = arguments[0]; caches.keys().then(done)",
                vec![],
            )
            .await?;
        if !keys.to_string().contains("complaints-next-") {
            return fail(format!("the new version did not take over: caches {keys}"));
        }

        // Offline, a deep link typed into the address bar opens from the cache.
        c.issue_cmd(NetworkConditions { offline: true }).await?;
        server.stop();
        c.goto(&detail).await?;
        wait_text(&c, "#record-number", "TS-").await?;
        wait_text(&c, "main", "子路径：5栋电梯异响").await?;
        c.goto(&format!("{base}/complaints")).await?;
        wait_text(&c, "main", "孙女士").await?;
        screenshot(&c, "sub-path-offline-list.png").await?;
        Ok(())
    })
    .await;
    let _ = std::fs::remove_dir_all(&served);
}

/// The office PC's name on the LAN, mapped to 127.0.0.1 inside Chromium.
const LAN_HOST: &str = "office-pc.lan";

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn on_a_plain_lan_address_it_says_what_is_limited_and_encrypted_files_still_travel() {
    let server = StaticServer::start(&crate::dist());
    let secure = server.base.clone();
    let lan = secure.replace("127.0.0.1", LAN_HOST);
    let rules = vec![format!("--host-resolver-rules=MAP {LAN_HOST} 127.0.0.1")];
    let root = std::env::temp_dir().join(format!("complaints-lan-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (lan_profile, lan_downloads) = exchange::tablet_dirs(&root, "lan");
    let (pc_profile, pc_downloads) = exchange::tablet_dirs(&root, "pc");
    const PASS: &str = "局域网-口令";
    let slot = std::sync::Arc::new(std::sync::Mutex::new(Vec::<PathBuf>::new()));

    // On the LAN address: the notice, a complaint, and an encrypted export made in Rust.
    let (b, s, d) = (lan.clone(), slot.clone(), lan_downloads.clone());
    with_args(
        "lan-1",
        1024,
        768,
        Some(&lan_profile),
        Some(&lan_downloads),
        &rules,
        |c| async move {
            c.goto(&format!("{b}/")).await?;
            wait_text(&c, "#insecure-notice", "不是安全连接").await?;
            wait_text(&c, "#insecure-notice", "localhost").await?;
            let context = c
                .execute(
                    "return [window.isSecureContext, !!(window.crypto && crypto.subtle)]",
                    vec![],
                )
                .await?;
            if context != serde_json::json!([false, false]) {
                return fail(format!(
                    "expected no secure context and no WebCrypto: {context}"
                ));
            }
            screenshot(&c, "lan-notice.png").await?;
            workflow::set_up_device(&c, &b, "L1", "办公室电脑").await?;
            workflow::take_in(&c, &b, "郑先生", "局域网：地库照明不亮").await?;
            let started = std::time::Instant::now();
            let file = exchange::export_to(&c, &b, &d, PASS).await?;
            eprintln!(
                "encrypted export, Rust cipher (LAN address): {:?}",
                started.elapsed()
            );
            s.lock().unwrap().push(file);
            Ok(())
        },
    )
    .await;

    // On a secure origin: the LAN file opens, and this tablet's own encrypted file goes back.
    let lan_file = slot.lock().unwrap()[0].clone();
    let header: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&lan_file).unwrap()).unwrap();
    assert_eq!(header["encryption"]["alg"], "AES-256-GCM", "{header}");
    let (b, s, d) = (secure.clone(), slot.clone(), pc_downloads.clone());
    browser::with_profile(
        "lan-2",
        1024,
        768,
        Some(&pc_profile),
        Some(&pc_downloads),
        |c| async move {
            c.goto(&format!("{b}/")).await?;
            wait_text(&c, "h1.page-title", "总览").await?;
            if c.find(Locator::Css("#insecure-notice")).await.is_ok() {
                return fail("the notice shows on a secure origin");
            }
            workflow::set_up_device(&c, &b, "P2", "前台平板").await?;
            workflow::take_in(&c, &b, "冯女士", "安全地址：门禁卡失效").await?;
            let preview = exchange::import_from(&c, &b, &lan_file, PASS).await?;
            if !preview.contains("L1") {
                return fail(format!("the LAN file's preview: {preview}"));
            }
            c.goto(&format!("{b}/complaints")).await?;
            wait_text(&c, "main", "郑先生").await?;
            let started = std::time::Instant::now();
            let file = exchange::export_to(&c, &b, &d, PASS).await?;
            eprintln!(
                "encrypted export, WebCrypto (secure origin): {:?}",
                started.elapsed()
            );
            s.lock().unwrap().push(file);
            Ok(())
        },
    )
    .await;

    // Back on the LAN address: WebCrypto's file opens in Rust; the notice, once read, stays away.
    let pc_file = slot.lock().unwrap()[1].clone();
    let b = lan.clone();
    with_args(
        "lan-3",
        1024,
        768,
        Some(&lan_profile),
        Some(&lan_downloads),
        &rules,
        |c| async move {
            let preview = exchange::import_from(&c, &b, &pc_file, PASS).await?;
            if !preview.contains("P2") {
                return fail(format!("the secure origin's file: {preview}"));
            }
            c.goto(&format!("{b}/complaints")).await?;
            wait_text(&c, "main", "冯女士").await?;
            browser::click(&c, "#insecure-ok").await?;
            wait_js(&c, "return !document.querySelector('#insecure-notice')", 5).await?;
            c.refresh().await?;
            wait_text(&c, "h1.page-title", "投诉列表").await?;
            if c.find(Locator::Css("#insecure-notice")).await.is_ok() {
                return fail("the notice came back after it was read");
            }
            Ok(())
        },
    )
    .await;
    let _ = std::fs::remove_dir_all(&root);
}
