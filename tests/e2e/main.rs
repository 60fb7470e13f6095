//! End-to-end tests: the release build in `dist/`, served on 127.0.0.1, driven in headless
//! Chromium over WebDriver. `scripts/test.sh` builds `dist/` and runs these with `--ignored`;
//! screenshots land in `target/e2e-screenshots/`.

mod browser;
mod calendar;
mod couchdb;
mod erasure;
mod exchange;
mod generated;
mod hosting;
mod organisation;
mod paper;
mod people;
mod plan;
mod referral;
mod repeats;
mod replication;
mod server;
mod settings;
mod shell;
mod tasks;
mod visits;
mod workflow;

use std::path::PathBuf;

use browser::{
    NetworkConditions, Result, fail, screenshot, wait_attr, wait_js, wait_text, with_browser,
};
use fantoccini::{Client, Locator};
use server::StaticServer;

const NEEDS_DIST: &str = "needs the release build in dist/ and chromedriver: run scripts/test.sh";

fn dist() -> PathBuf {
    let dir = std::env::var("E2E_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dir.join("index.html").is_file(),
        "no {}/index.html: {NEEDS_DIST}",
        dir.display()
    );
    dir
}

/// Every page: nav link, its heading in Chinese and English, and the id of its section.
const PAGES: [(&str, &str, &str, &str); 7] = [
    ("/", "总览", "Dashboard", "dashboard"),
    ("/complaints", "投诉列表", "Complaints", "list"),
    (
        "/complaints/new",
        "新建投诉",
        "New complaint",
        "new_complaint",
    ),
    ("/statistics", "统计", "Statistics", "statistics"),
    ("/organisation", "组织机构", "Organisation", "organisation"),
    ("/sync", "同步", "Sync", "sync"),
    ("/settings", "设置", "Settings", "settings"),
];

/// Visible links and buttons smaller than 44×44 px, as "text: w×h".
async fn small_touch_targets(client: &Client) -> Result<Vec<String>> {
    let found = client
        .execute(
            "return [...document.querySelectorAll('a, button, input, select, textarea')]
                .filter(e => e.offsetParent !== null)
                // A checkbox inside its label is tapped through the whole label.
                .map(e => (e.type === 'checkbox' && e.closest('label')) || e)
                // A hidden file input is tapped through its label, styled as a button.
                .map(e => (e.classList.contains('visually-hidden') && document.querySelector('label[for=' + e.id + ']')) || e)
                .map(e => [e.textContent.trim() || e.id, e.getBoundingClientRect()])
                .filter(([_, r]) => r.width < 44 || r.height < 44)
                .map(([t, r]) => `${t}: ${Math.round(r.width)}x${Math.round(r.height)}`)",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(found)?)
}

/// The navigation's box and the viewport: [left, top, width, height, innerWidth, innerHeight].
async fn nav_box(client: &Client) -> Result<Vec<f64>> {
    let found = client
        .execute(
            "const r = document.querySelector('nav.nav').getBoundingClientRect();
             return [r.left, r.top, r.width, r.height, innerWidth, innerHeight]",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(found)?)
}

/// Clicks through every page, checking its heading and that it is not blank.
async fn visit_all(client: &Client, english: bool, shot_prefix: &str) -> Result {
    for (href, zh, en, id) in PAGES {
        client
            .find(Locator::Css(&format!("a.nav-link[href='{href}']")))
            .await?
            .click()
            .await?;
        wait_text(client, "h1.page-title", if english { en } else { zh }).await?;
        let current = client.current_url().await?;
        if current.path() != href {
            return fail(format!("clicked {href}, landed on {}", current.path()));
        }
        let body = client
            .find(Locator::Css(&format!("section#{id}")))
            .await?
            .text()
            .await?;
        if body.chars().count() < 20 {
            return fail(format!("{href} is nearly blank: {body:?}"));
        }
        let small = small_touch_targets(client).await?;
        if !small.is_empty() {
            return fail(format!("touch targets under 44 px on {href}: {small:?}"));
        }
        screenshot(client, &format!("{shot_prefix}-{id}.png")).await?;
    }
    Ok(())
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn landscape_tablet_clicks_through_every_page_in_both_languages() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    with_browser("landscape", 1024, 768, |c| async move {
        c.goto(&base).await?;
        wait_text(&c, "h1.page-title", "总览").await?;
        let lang = c
            .execute("return document.documentElement.lang", vec![])
            .await?;
        if lang != "zh-CN" {
            return fail(format!("html lang is {lang}, expected zh-CN by default"));
        }
        let [left, top, width, height, _, inner_h] = nav_box(&c).await?[..] else {
            return fail("no nav box");
        };
        if left != 0.0 || top != 0.0 || width > 300.0 || (height - inner_h).abs() > 1.0 {
            return fail(format!(
                "landscape nav should be a full-height side rail: {left},{top} {width}x{height}"
            ));
        }
        visit_all(&c, false, "zh-1024x768").await?;

        c.find(Locator::Css("#lang-switch")).await?.click().await?;
        wait_text(&c, "h1.page-title", "Settings").await?;
        c.refresh().await?;
        wait_text(&c, "h1.page-title", "Settings").await?;
        wait_text(&c, "nav.nav", "Dashboard").await?;
        visit_all(&c, true, "en-1024x768").await?;

        c.goto(&format!("{base}/complaints/TS-20261128-A3-0007"))
            .await?;
        wait_text(&c, "h1.page-title", "Complaint").await?;
        wait_text(&c, ".record-id", "TS-20261128-A3-0007").await?;
        c.goto(&format!("{base}/no/such/page")).await?;
        wait_text(&c, "h1.page-title", "Page not found").await?;

        c.find(Locator::Css("#lang-switch")).await?.click().await?;
        wait_text(&c, "h1.page-title", "页面不存在").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn portrait_tablet_has_bottom_navigation_and_large_targets() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    with_browser("portrait", 768, 1024, |c| async move {
        c.goto(&base).await?;
        wait_text(&c, "h1.page-title", "总览").await?;
        let [left, top, width, height, inner_w, inner_h] = nav_box(&c).await?[..] else {
            return fail("no nav box");
        };
        if left != 0.0
            || (width - inner_w).abs() > 1.0
            || (top + height - inner_h).abs() > 1.0
            || height > 120.0
        {
            return fail(format!(
                "portrait nav should be a bottom bar: {left},{top} {width}x{height}"
            ));
        }
        visit_all(&c, false, "zh-768x1024").await?;
        c.find(Locator::Css("#lang-switch")).await?.click().await?;
        visit_all(&c, true, "en-768x1024").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn installed_app_reloads_and_navigates_offline() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    with_browser("offline", 1024, 768, |c| async move {
        c.goto(&base).await?;
        wait_text(&c, "h1.page-title", "总览").await?;
        // First load: the service worker precaches the build and takes control.
        wait_js(&c, "return !!(navigator.serviceWorker && navigator.serviceWorker.controller)", 30).await?;

        let manifest = c
            .execute_async(
                "const done = arguments[0];
                 fetch('/manifest.webmanifest').then(r => r.json()).then(done, e => done(String(e)))",
                vec![],
            )
            .await?;
        if manifest["name"] != "投诉应急" {
            return fail(format!("manifest name: {}", manifest["name"]));
        }
        let purposes: Vec<String> = manifest["icons"]
            .as_array()
            .map(|icons| icons.iter().map(|i| format!("{} {}", i["sizes"], i["purpose"])).collect())
            .unwrap_or_default();
        for want in ["\"192x192\" \"any\"", "\"512x512\" \"any\"", "\"512x512\" \"maskable\""] {
            if !purposes.iter().any(|p| p == want) {
                return fail(format!("manifest lacks icon {want}: {purposes:?}"));
            }
        }

        // Offline twice over: the browser's network emulation (which covers the page) and the
        // server gone (which covers the service worker's own fetches).
        c.issue_cmd(NetworkConditions { offline: true }).await?;
        server.stop();
        let probe = c
            .execute_async(
                "const done = arguments[0];
                 fetch('/not-cached-' + Date.now()).then(() => done('reached'), () => done('offline'))",
                vec![],
            )
            .await?;
        if probe != "offline" {
            return fail(format!("the network should be off, but a fetch {probe}"));
        }
        c.refresh().await?;
        wait_text(&c, "h1.page-title", "总览").await?;
        c.find(Locator::Css("a.nav-link[href='/settings']")).await?.click().await?;
        wait_text(&c, "h1.page-title", "设置").await?;
        wait_text(&c, "#offline-ready", "已可离线使用").await?;
        screenshot(&c, "offline-settings.png").await?;
        // A deep link typed while offline is served from the cache as well.
        c.goto(&format!("{base}/complaints/new")).await?;
        wait_text(&c, "h1.page-title", "新建投诉").await?;
        Ok(())
    })
    .await;
}

#[test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
fn the_service_worker_precaches_every_file_of_the_build() {
    let dir = dist();
    let sw = std::fs::read_to_string(dir.join("sw.js")).expect("a release build writes sw.js");
    let mut files = 0;
    for entry in walk(&dir) {
        let rel = entry
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel != "sw.js" {
            assert!(
                sw.contains(&format!("'./{rel}'")),
                "sw.js does not precache ./{rel}"
            );
            files += 1;
        }
    }
    assert!(
        files >= 6,
        "expected html, js, wasm, css, manifest and icons; found {files}"
    );
    assert!(
        sw.contains("const CACHE = 'complaints-"),
        "the cache name carries the build hash"
    );
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Copies `from` into a fresh folder so a test can change the files it serves.
fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_new_version_waits_for_the_person_to_reload() {
    let served = std::env::temp_dir().join(format!("complaints-update-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&served);
    copy_dir(&dist(), &served);
    let server = StaticServer::start(&served);
    let base = server.base.clone();
    let sw_path = served.join("sw.js");
    with_browser("update", 1024, 768, |c| async move {
        c.goto(&base).await?;
        wait_text(&c, "h1.page-title", "总览").await?;
        wait_js(
            &c,
            "return !!(navigator.serviceWorker && navigator.serviceWorker.controller)",
            30,
        )
        .await?;
        c.execute("window.__samePage = true", vec![]).await?;

        // Publish a "new build": same files, a new cache version.
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
        screenshot(&c, "update-banner.png").await?;

        // Nothing swaps on its own: the old page (and whatever is typed in it) stays.
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        if c.execute("return window.__samePage === true", vec![])
            .await?
            != true
        {
            return fail("the page reloaded without the person asking");
        }

        c.find(Locator::Css("#update-banner .btn-primary"))
            .await?
            .click()
            .await?;
        wait_js(&c, "return window.__samePage === undefined", 15).await?;
        wait_text(&c, "h1.page-title", "总览").await?;
        let keys = c
            .execute_async(
                "const done = arguments[0]; caches.keys().then(done)",
                vec![],
            )
            .await?;
        if !keys.to_string().contains("complaints-next-") {
            return fail(format!("the new version did not take over: caches {keys}"));
        }
        if c.find(Locator::Css("#update-banner")).await.is_ok() {
            return fail("the prompt is still shown after the reload");
        }
        Ok(())
    })
    .await;
    let _ = std::fs::remove_dir_all(&served);
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_minor_complaint_goes_from_intake_to_close() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    with_browser("minor-path", 1024, 768, |c| async move {
        workflow::set_up_tablet(&c, &base).await?;
        workflow::sign_in(&c, &base, "陈客服").await?;
        workflow::take_in(&c, &base, "张先生", "3栋电梯按钮失灵").await?;
        wait_text(&c, "#record-number", "-A3-0001").await?;
        wait_text(&c, "#record-state", "已受理").await?;
        screenshot(&c, "minor-1-received.png").await?;
        let c = &c;
        // A mistake in the record is corrected after intake; the change is on the timeline.
        workflow::step(
            c,
            "EditField",
            || async move {
                browser::choose(c, "#field", "request").await?;
                browser::fill(c, "#value", "今天内修好，并书面说明原因").await
            },
            "Received",
        )
        .await?;
        wait_text(c, "dd[data-field='Request']", "书面说明原因").await?;
        wait_text(c, "#timeline", "修改记录").await?;
        // An investigation note on which legal counsel was consulted.
        workflow::step(
            c,
            "AddNote",
            || async move {
                browser::fill(c, "#text", "已咨询法律顾问：属物业维修责任").await?;
                browser::click(c, "#legal_counsel").await
            },
            "Received",
        )
        .await?;
        wait_text(c, "#flag-legal", "已咨询法律顾问").await?;
        wait_text(c, "#timeline", "【法律顾问】").await?;
        workflow::step(
            c,
            "Assess",
            || async move { browser::click(c, "#c_facility").await },
            "Assessed",
        )
        .await?;
        wait_text(c, "#record-level", "轻微").await?;
        workflow::step(
            c,
            "Dispatch",
            || async move { browser::choose(c, "#department", "engineering").await },
            "Dispatched",
        )
        .await?;
        workflow::step(
            c,
            "StartInvestigation",
            || async { Ok(()) },
            "Investigating",
        )
        .await?;
        workflow::step(
            c,
            "StartImplementation",
            || async move {
                browser::choose(c, "#task1_department", "engineering").await?;
                browser::fill(c, "#task1_description", "更换按钮面板").await
            },
            "Implementing",
        )
        .await?;
        screenshot(c, "minor-2-implementing.png").await?;
        workflow::step(
            c,
            "ReportBack",
            || async move {
                browser::choose(c, "#department", "engineering").await?;
                browser::fill(c, "#summary", "已更换").await
            },
            "Implementing",
        )
        .await?;
        workflow::step(
            c,
            "Reply",
            || async move { browser::fill(c, "#result", "已修复，感谢您的反馈").await },
            "Replied",
        )
        .await?;
        workflow::step(
            c,
            "FollowUp",
            || async move { browser::fill(c, "#comments", "业主表示满意").await },
            "FollowedUp",
        )
        .await?;
        workflow::step(
            c,
            "Close",
            || async move { browser::fill(c, "#notice", "已处理完毕").await },
            "Closed",
        )
        .await?;
        wait_text(c, "#timeline", "结案").await?;
        wait_text(c, "#timeline", "陈客服").await?;
        screenshot(c, "minor-3-closed.png").await?;
        Ok(())
    })
    .await;
}

/// The URL of the page the browser is on.
async fn here(c: &Client) -> Result<String> {
    Ok(c.current_url().await?.to_string())
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_major_complaint_is_activated_approved_reopened_and_terminated() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    with_browser("major-path", 1024, 768, |c| async move {
        let c = &c;
        workflow::set_up_tablet(c, &base).await?;
        workflow::sign_in(c, &base, "陈客服").await?;
        workflow::take_in(c, &base, "李女士", "地下车库消防通道被堵，多次反映未解决").await?;
        let page = here(c).await?;
        workflow::step(
            c,
            "Assess",
            || async move { browser::click(c, "#c_safety").await },
            "Assessed",
        )
        .await?;
        wait_text(c, "#record-level", "重大").await?;
        wait_text(c, "#clocks", "响应").await?;
        workflow::step(
            c,
            "Dispatch",
            || async move { browser::choose(c, "#department", "security").await },
            "Dispatched",
        )
        .await?;
        // Staff may not activate the plan; the leader may.
        if c.find(Locator::Css("#actions button[data-command='Activate']"))
            .await
            .is_ok()
        {
            return fail("staff were offered to activate the plan");
        }
        workflow::sign_in(c, &base, "王组长").await?;
        c.goto(&page).await?;
        workflow::step(
            c,
            "Activate",
            || async move { browser::fill(c, "#note", "召开应急会议，安抚业主").await },
            "Activated",
        )
        .await?;
        wait_text(c, "#record-header", "应急预案已启动").await?;
        workflow::step(
            c,
            "StartInvestigation",
            || async { Ok(()) },
            "Investigating",
        )
        .await?;
        // The emergency meeting's minutes, with who does what.
        workflow::step(
            c,
            "RecordMinutes",
            || async move {
                browser::fill(c, "#content", "应急会议：消防通道被占").await?;
                browser::fill(c, "#decisions", "当天清理通道").await?;
                browser::fill(c, "#owner1_who", "李队长").await?;
                browser::fill(c, "#owner1_what", "联系车主挪车").await?;
                browser::fill(c, "#owner2_who", "陈客服").await?;
                browser::fill(c, "#owner2_what", "向业主说明进展").await
            },
            "Investigating",
        )
        .await?;
        workflow::step(
            c,
            "DraftPlan",
            || async move {
                browser::fill(c, "#content", "清理通道，设置禁停标志，向业主致歉").await?;
                browser::fill(c, "#compensation", "0").await
            },
            "PlanDrafted",
        )
        .await?;
        screenshot(c, "major-1-plan-drafted.png").await?;
        workflow::step(
            c,
            "ApprovePlan",
            || async move { browser::fill(c, "#comment", "同意").await },
            "PlanApproved",
        )
        .await?;
        workflow::step(
            c,
            "StartImplementation",
            || async move {
                browser::choose(c, "#task1_department", "security").await?;
                browser::fill(c, "#task1_description", "清理通道并每日巡查").await
            },
            "Implementing",
        )
        .await?;
        workflow::step(
            c,
            "ReportBack",
            || async move { browser::fill(c, "#summary", "通道已清理").await },
            "Implementing",
        )
        .await?;
        workflow::step(
            c,
            "Reply",
            || async move {
                browser::fill(c, "#result", "通道已清理，已设禁停").await?;
                browser::fill(c, "#reasons", "消防通道不得停车").await?;
                browser::fill(c, "#basis", "《消防法》第二十八条").await
            },
            "Replied",
        )
        .await?;
        // A dissatisfied follow-up reopens the case.
        workflow::step(
            c,
            "FollowUp",
            || async move {
                browser::choose(c, "#satisfaction", "dissatisfied").await?;
                browser::choose(c, "#reopen_to", "implementing").await?;
                browser::fill(c, "#comments", "晚上仍有车辆停放").await
            },
            "Implementing",
        )
        .await?;
        wait_text(c, "#timeline", "不满意").await?;
        workflow::step(
            c,
            "ReportBack",
            || async move { browser::fill(c, "#summary", "加装地锁").await },
            "Implementing",
        )
        .await?;
        workflow::step(
            c,
            "Reply",
            || async move { browser::fill(c, "#result", "已加装地锁").await },
            "Replied",
        )
        .await?;
        workflow::step(
            c,
            "FollowUp",
            || async move { browser::fill(c, "#comments", "满意").await },
            "FollowedUp",
        )
        .await?;
        workflow::step(
            c,
            "Summarize",
            || async move { browser::fill(c, "#causes", "巡查不到位").await },
            "Summarized",
        )
        .await?;
        workflow::step(
            c,
            "ReviewSummary",
            || async move { browser::fill(c, "#comment", "同意").await },
            "Summarized",
        )
        .await?;
        workflow::step(
            c,
            "Close",
            || async move {
                browser::fill(c, "#notice", "应急终止：已妥善处理，业主满意，无新投诉。").await
            },
            "Closed",
        )
        .await?;
        wait_text(c, "#record", "应急终止").await?;
        screenshot(c, "major-2-closed.png").await?;
        // The case file shows every word typed on the way, step by step.
        let file = c.find(Locator::Css("#record")).await?.text().await?;
        for typed in [
            "召开应急会议，安抚业主",
            "清理通道，设置禁停标志，向业主致歉",
            "¥0.00",
            "清理通道并每日巡查",
            "通道已清理",
            "通道已清理，已设禁停",
            "消防通道不得停车",
            "《消防法》第二十八条",
            "晚上仍有车辆停放",
            "加装地锁",
            "已加装地锁",
            "巡查不到位",
            "应急终止：已妥善处理，业主满意，无新投诉。",
            "当天清理通道",
            "李队长：联系车主挪车",
            "陈客服：向业主说明进展",
        ] {
            if !file.contains(typed) {
                return fail(format!("the case file lacks {typed:?}"));
            }
        }
        c.execute("document.querySelector('#record').scrollIntoView()", vec![])
            .await?;
        screenshot(c, "major-3-case-file.png").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn staff_are_not_offered_approval_and_a_four_hour_old_major_complaint_is_overdue() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    with_browser("staff-approve", 1024, 768, |c| async move {
        let c = &c;
        workflow::set_up_tablet(c, &base).await?;
        workflow::sign_in(c, &base, "陈客服").await?;
        c.goto(&format!("{base}/complaints/new")).await?;
        wait_text(c, "h1.page-title", "新建投诉").await?;
        // Written up after the call: received four hours ago.
        c.execute(
            "const t = new Date(Date.now() - 4 * 3600 * 1000);
             const p = n => String(n).padStart(2, '0');
             const v = `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}T${p(t.getHours())}:${p(t.getMinutes())}`;
             const el = document.querySelector('#received-at');
             el.value = v; el.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![],
        )
        .await?;
        browser::fill(c, "#name", "赵先生").await?;
        browser::fill(c, "#phone", "0755-12345678").await?;
        browser::fill(c, "#description", "电梯困人，物业半小时无人响应").await?;
        browser::choose(c, "#category", "safety_hazard").await?;
        browser::click(c, "#submit-complaint").await?;
        wait_text(c, "#record-number", "-A3-").await?;
        workflow::step(c, "Assess", || async move { browser::click(c, "#c_loss").await }, "Assessed").await?;
        // The 3-hour response clock is breached, and shown red.
        wait_attr(c, "li[data-clock='Respond']", "class", "clock clock-breached").await?;
        wait_text(c, "li[data-clock='Respond']", "已超时").await?;
        let due = c.find(Locator::Css("li[data-clock='Respond'] time")).await?.attr("datetime").await?.unwrap_or_default();
        if !due.contains('T') || !due.ends_with("+08:00") && !due.contains('+') {
            return fail(format!("the due time is not an ISO time: {due}"));
        }
        screenshot(c, "overdue-respond-clock.png").await?;
        workflow::step(c, "Dispatch", || async move { browser::choose(c, "#department", "engineering").await }, "Dispatched").await?;
        let page = here(c).await?;
        workflow::sign_in(c, &base, "王组长").await?;
        c.goto(&page).await?;
        workflow::step(c, "Activate", || async { Ok(()) }, "Activated").await?;
        workflow::step(c, "StartInvestigation", || async { Ok(()) }, "Investigating").await?;
        workflow::step(c, "DraftPlan", || async move { browser::fill(c, "#content", "维修并赔偿").await }, "PlanDrafted").await?;
        if c.find(Locator::Css("#actions button[data-command='ApprovePlan']")).await.is_err() {
            return fail("the leader must see approve");
        }
        workflow::sign_in(c, &base, "陈客服").await?;
        c.goto(&page).await?;
        wait_attr(c, "#record-state", "data-state", "PlanDrafted").await?;
        wait_text(c, "#actions", "报告进展").await?;
        for command in ["ApprovePlan", "RejectPlan", "Close", "Deescalate"] {
            if c.find(Locator::Css(&format!("#actions button[data-command='{command}']"))).await.is_ok() {
                return fail(format!("staff were offered {command}"));
            }
        }
        screenshot(c, "staff-no-approve.png").await?;
        Ok(())
    })
    .await;
}

/// The form's latest change is in IndexedDB (the status under the form says so).
const DRAFT_SAVED: &str = "const s = document.querySelector('#draft-status'); \
     return !!s && s.dataset.state === 'saved'";

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_draft_survives_a_reload() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    with_browser("draft", 1024, 768, |c| async move {
        let c = &c;
        workflow::set_up_tablet(c, &base).await?;
        c.goto(&format!("{base}/complaints/new")).await?;
        browser::fill(c, "#name", "孙女士").await?;
        browser::fill(c, "#description", "楼上漏水，天花板有水渍").await?;
        browser::wait_js(c, DRAFT_SAVED, 10).await?;
        c.refresh().await?;
        wait_text(c, "h1.page-title", "新建投诉").await?;
        browser::wait_js(
            c,
            "return document.querySelector('#description').value === '楼上漏水，天花板有水渍'",
            10,
        )
        .await?;
        browser::wait_js(
            c,
            "return document.querySelector('#name').value === '孙女士'",
            10,
        )
        .await?;
        browser::click(c, "#clear-draft").await?;
        // The cleared form is saved as the person goes on, like any other change.
        browser::wait_js(c, DRAFT_SAVED, 10).await?;
        c.refresh().await?;
        wait_text(c, "h1.page-title", "新建投诉").await?;
        // Read back: either nothing was restored or the restored (empty) form is saved again.
        browser::wait_js(
            c,
            "const s = document.querySelector('#draft-status'); \
             return !!s && (s.dataset.state === 'loaded' || s.dataset.state === 'saved')",
            10,
        )
        .await?;
        if c.execute("return document.querySelector('#name').value", vec![])
            .await?
            != ""
        {
            return fail("a cleared draft came back");
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn markup_typed_into_every_field_is_shown_as_text() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    const ATTACK: &str = "<img src=x onerror=alert(1)>";
    with_browser("xss", 1024, 768, |c| async move {
        let c = &c;
        workflow::set_up_tablet(c, &base).await?;
        c.goto(&format!("{base}/complaints/new")).await?;
        wait_text(c, "h1.page-title", "新建投诉").await?;
        for field in [
            "#name",
            "#building",
            "#entrance",
            "#room",
            "#address",
            "#preferred-contact",
            "#complained-person",
            "#location",
            "#description",
            "#request",
        ] {
            browser::fill(c, field, ATTACK).await?;
        }
        browser::click(c, "#submit-complaint").await?;
        wait_text(c, "#record-number", "-A3-").await?;
        workflow::step(
            c,
            "AddNote",
            || async move { browser::fill(c, "#text", ATTACK).await },
            "Received",
        )
        .await?;
        wait_text(c, "#timeline", ATTACK).await?;
        wait_text(c, "#record", ATTACK).await?;
        let images = c
            .execute(
                "return document.querySelectorAll('main img').length",
                vec![],
            )
            .await?;
        if images != 0 {
            return fail(format!("markup became {images} image element(s)"));
        }
        let alerted = c.get_alert_text().await;
        if alerted.is_ok() {
            return fail("a script ran");
        }
        c.goto(&format!("{base}/complaints")).await?;
        wait_text(c, "#rows", ATTACK).await?;
        if c.execute(
            "return document.querySelectorAll('main img').length",
            vec![],
        )
        .await?
            != 0
        {
            return fail("markup became an image in the list");
        }
        screenshot(c, "xss-as-text.png").await?;
        Ok(())
    })
    .await;
}

/// Scrolls to the top and saves a screenshot.
async fn page_shot(c: &Client, file: &str) -> Result {
    c.execute("window.scrollTo(0, 0)", vec![]).await?;
    browser::painted(c).await?;
    screenshot(c, file).await
}

/// The number a page shows first in `css` ("12 条" → 12).
async fn first_number(c: &Client, css: &str) -> Result<u32> {
    Ok(c.find(Locator::Css(css))
        .await?
        .text()
        .await?
        .split_whitespace()
        .next()
        .unwrap_or("0")
        .parse()?)
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn demo_data_loads_in_one_click_shows_every_page_and_clears() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    for (w, h) in [(1024u32, 768u32), (768, 1024)] {
        let base = base.clone();
        with_browser(&format!("demo-{w}x{h}"), w, h, |c| async move {
            let c = &c;
            c.goto(&format!("{base}/settings")).await?;
            browser::click(c, "#demo-load").await?;
            wait_text(c, "#demo-banner", "演示数据").await?;
            wait_text(c, "#current-user", "组长").await?;
            c.goto(&format!("{base}/complaints")).await?;
            wait_text(c, "#result-count", "条").await?;
            let count = first_number(c, "#result-count").await?;
            if !(40..=60).contains(&count) {
                return fail(format!("expected about 50 demo complaints, found {count}"));
            }
            page_shot(c, &format!("demo-list-{w}x{h}.png")).await?;
            // Drills are behind their own filter, out of the list's count.
            browser::click(c, "#filter-drill").await?;
            browser::wait_js(
                c,
                "return /^[1-9]\\d* /.test(document.querySelector('#result-count').textContent) \
                 && [...document.querySelectorAll('.rows li')].every(li => li.textContent.includes('演练'))",
                10,
            )
            .await?;
            let drills = first_number(c, "#result-count").await?;
            c.goto(&base).await?;
            wait_text(c, "#counts", "已结案").await?;
            // The dashboard counts what the list counts; its drills have a list of their own.
            let by_state: u32 = c
                .execute(
                    "return [...document.querySelectorAll('#count-by-state strong')]\
                     .reduce((n, e) => n + Number(e.textContent), 0)",
                    vec![],
                )
                .await?
                .as_u64()
                .unwrap_or(0) as u32;
            if by_state != count {
                return fail(format!("the dashboard counts {by_state}, the list {count}"));
            }
            let live_drills = first_number(c, "#drills .count").await?;
            if live_drills == 0 || live_drills > drills {
                return fail(format!("{live_drills} drills under way of {drills}"));
            }
            let drill_rows: bool = c
                .execute(
                    "return [...document.querySelectorAll('#urgent-rows li, #my-next-rows li, #emergency-rows li')]\
                     .some(li => li.textContent.includes('演练'))",
                    vec![],
                )
                .await?
                .as_bool()
                .unwrap_or(true);
            if drill_rows {
                return fail("a drill is on a working list of the dashboard");
            }
            page_shot(c, &format!("demo-dashboard-{w}x{h}.png")).await?;
            c.find(Locator::Css("#urgent-rows a, #my-next-rows a"))
                .await?
                .click()
                .await?;
            wait_text(c, "#record-number", "TS-").await?;
            page_shot(c, &format!("demo-detail-{w}x{h}.png")).await?;
            c.goto(&format!("{base}/complaints/new")).await?;
            wait_text(c, "h1.page-title", "新建投诉").await?;
            page_shot(c, &format!("demo-new-{w}x{h}.png")).await?;
            c.goto(&format!("{base}/settings")).await?;
            wait_text(c, "h1.page-title", "设置").await?;
            page_shot(c, &format!("demo-settings-{w}x{h}.png")).await?;
            browser::click(c, "#demo-clear").await?;
            browser::wait_js(c, "return !document.querySelector('#demo-banner')", 10).await?;
            c.goto(&format!("{base}/complaints")).await?;
            wait_text(c, "#list", "目前还没有投诉记录").await?;
            Ok(())
        })
        .await;
    }
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn the_statistics_page_shows_tables_and_bars_that_agree_and_its_csv_is_the_page() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    let root = std::env::temp_dir().join(format!("complaints-stats-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (profile, downloads) = exchange::tablet_dirs(&root, "stats");
    let d = downloads.clone();
    exchange::with_profile(
        "statistics",
        1024,
        768,
        Some(&profile),
        Some(&downloads),
        |c| async move {
            let c = &c;
            c.goto(&format!("{base}/settings")).await?;
            browser::click(c, "#demo-load").await?;
            wait_text(c, "#demo-banner", "演示数据").await?;
            wait_text(c, "#current-user", "组长").await?;
            c.goto(&format!("{base}/complaints")).await?;
            wait_js(
                c,
                "return /^[1-9]\\d* /.test(document.querySelector('#result-count').textContent)",
                20,
            )
            .await?;
            let listed = first_number(c, "#result-count").await?;
            c.goto(&format!("{base}/statistics")).await?;
            wait_text(c, "h1.page-title", "统计").await?;
            browser::click(c, "#span-all").await?;
            wait_text(c, "#period-days", "全部时间").await?;
            // The count shows once every complaint has been read.
            wait_js(c, "return !document.querySelector('#period-count').hidden", 20).await?;
            let counted = first_number(c, "#period-count").await?;
            if counted != listed || counted == 0 {
                return fail(format!("statistics count {counted}, the list {listed}"));
            }
            // Each table's bars agree with its figures: the largest count is a full bar, every
            // other one in proportion.
            let check = c
                .execute(
                    "const out = [];
                     for (const table of document.querySelectorAll('.stat-table table')) {
                       const rows = [...table.querySelectorAll('tbody tr')]
                         .filter(r => r.querySelector('rect'))
                         .map(r => [Number(r.querySelector('.num').textContent), Number(r.querySelector('rect').getAttribute('width'))]);
                       if (!rows.length) continue;
                       const most = Math.max(...rows.map(r => r[0]));
                       for (const [n, w] of rows) if (Math.abs(w - n * 100 / Math.max(most, 1)) > 0.1) out.push([table.caption.textContent, n, w]);
                     }
                     const level = [...document.querySelectorAll('tr[data-measure=\"按等级\"] .num')].reduce((s, e) => s + Number(e.textContent), 0);
                     return {bad: out, level, rows: document.querySelectorAll('.stat-table tbody tr').length};",
                    vec![],
                )
                .await?;
            if check["bad"].as_array().is_none_or(|b| !b.is_empty()) {
                return fail(format!("bars that disagree with their figures: {check}"));
            }
            if check["level"] != counted {
                return fail(format!("by level sums to {}, counted {counted}", check["level"]));
            }
            screenshot(c, "statistics-all.png").await?;
            // The CSV is the page, row for row.
            browser::click(c, "#stats-csv").await?;
            wait_text(c, "#period .notice", "已导出").await?;
            let file = exchange::newest_csv(&d).await?;
            let csv = std::fs::read_to_string(&file)?;
            let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
            let page_rows = check["rows"].as_u64().unwrap_or(0) as usize;
            if lines.len() != page_rows + 1 {
                return fail(format!("{} CSV lines for {page_rows} rows on the page", lines.len()));
            }
            let cells = c
                .execute(
                    "return [...document.querySelectorAll('.stat-table tbody tr')].map(r =>
                       [r.dataset.measure, r.querySelector('th').textContent, r.querySelector('.num').textContent])",
                    vec![],
                )
                .await?;
            for (line, cell) in lines[1..].iter().zip(cells.as_array().into_iter().flatten()) {
                let want: Vec<&str> = cell
                    .as_array()
                    .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
                    .unwrap_or_default();
                if line.split(',').collect::<Vec<_>>() != want {
                    return fail(format!("CSV line {line:?} is not the page's row {want:?}"));
                }
            }
            // A period of one's own: a reversed one is named, not counted.
            browser::click(c, "#span-custom").await?;
            // A date field takes its value as the browser's date picker would set it.
            for (id, day) in [("period-from", "2026-12-31"), ("period-to", "2026-12-01")] {
                c.execute(
                    "const el = document.getElementById(arguments[0]); el.value = arguments[1];
                     el.dispatchEvent(new Event('input', { bubbles: true }));",
                    vec![id.into(), day.into()],
                )
                .await?;
            }
            wait_text(c, "#period-days", "结束日期早于开始日期").await?;
            screenshot(c, "statistics-custom-error.png").await?;
            Ok(())
        },
    )
    .await;
    let _ = std::fs::remove_dir_all(&root);
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn two_tablets_exchange_bundles_both_ways_and_resolve_a_conflict() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    let root = std::env::temp_dir().join(format!("complaints-two-tablets-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (a_profile, a_downloads) = exchange::tablet_dirs(&root, "a");
    let (b_profile, b_downloads) = exchange::tablet_dirs(&root, "b");
    const PASS: &str = "口令-2026";
    let slot = std::sync::Arc::new(std::sync::Mutex::new(Vec::<std::path::PathBuf>::new()));

    // Tablet A records a complaint offline and exports.
    let (b, s) = (base.clone(), slot.clone());
    let ad = a_downloads.clone();
    exchange::with_profile(
        "tablet-a-1",
        1024,
        768,
        Some(&a_profile),
        Some(&a_downloads),
        |c| async move {
            exchange::set_up_device(&c, &b, "A3", "平板-3").await?;
            exchange::take_in(&c, &b, "周先生", "A 平板记录：2栋地库积水").await?;
            let file = exchange::export_to(&c, &b, &ad, PASS).await?;
            s.lock().unwrap().push(file);
            Ok(())
        },
    )
    .await;

    // Tablet B records its own, imports A's bundle, then exports.
    let (b, s) = (base.clone(), slot.clone());
    let a_file = slot.lock().unwrap()[0].clone();
    // The browser compressed it inside the envelope, leaving out the chains the reader derives
    // (schema 3); the header stays readable.
    let header: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&a_file).unwrap()).unwrap();
    assert_eq!(header["schema_version"], 3, "{header:?}");
    assert_eq!(header["compression"], "gzip");
    assert!(header["encryption"].is_object());
    let bd = b_downloads.clone();
    exchange::with_profile(
        "tablet-b-1",
        1024,
        768,
        Some(&b_profile),
        Some(&b_downloads),
        |c| async move {
            exchange::set_up_device(&c, &b, "B5", "平板-5").await?;
            exchange::take_in(&c, &b, "吴女士", "B 平板记录：9栋门禁失灵").await?;
            let preview = exchange::import_from(&c, &b, &a_file, PASS).await?;
            if !preview.contains("A3")
                || !preview.contains("新投诉\n1") && !preview.contains("新投诉")
            {
                return fail(format!("unexpected preview: {preview}"));
            }
            // Importing the same file again changes nothing.
            let again = exchange::import_from(&c, &b, &a_file, PASS).await?;
            if !again.contains("本机都已有") {
                return fail(format!("a second import should change nothing: {again}"));
            }
            // The report counts what was already here, as the preview did.
            let report = c.find(Locator::Css("#import-report")).await?.text().await?;
            if !report.contains("新记录 0") || report.contains("已有 0") {
                return fail(format!(
                    "the report should say everything was already here: {report}"
                ));
            }
            let file = exchange::export_to(&c, &b, &bd, PASS).await?;
            s.lock().unwrap().push(file);
            Ok(())
        },
    )
    .await;

    // Tablet A imports B's bundle: both now hold the same complaints.
    let (b, s) = (base.clone(), slot.clone());
    let b_file = slot.lock().unwrap()[1].clone();
    let ad = a_downloads.clone();
    exchange::with_profile(
        "tablet-a-2",
        1024,
        768,
        Some(&a_profile),
        Some(&a_downloads),
        |c| async move {
            exchange::import_from(&c, &b, &b_file, PASS).await?;
            let numbers = exchange::numbers(&c, &b).await?;
            if numbers.len() != 2
                || !numbers.iter().any(|n| n.contains("-A3-"))
                || !numbers.iter().any(|n| n.contains("-B5-"))
            {
                return fail(format!("tablet A should hold both complaints: {numbers:?}"));
            }
            exchange::shot(&c, "two-tablets-a-list.png").await?;
            // A concurrent edit: A assesses B's complaint as minor…
            let b_number = numbers.iter().find(|n| n.contains("-B5-")).unwrap().clone();
            exchange::open(&c, &b, &b_number).await?;
            workflow::step(
                &c,
                "Assess",
                || async {
                    browser::click(&c, "#c_facility").await?;
                    // The conflict needs this criterion in the assessment: wait until it is ticked.
                    browser::wait_js(
                        &c,
                        "return document.querySelector('#c_facility').checked",
                        5,
                    )
                    .await
                },
                "Assessed",
            )
            .await?;
            let file = exchange::export_to(&c, &b, &ad, PASS).await?;
            s.lock().unwrap().push(file);
            s.lock().unwrap().push(std::path::PathBuf::from(b_number));
            Ok(())
        },
    )
    .await;

    // …while B, not having seen that, assesses it as major. Then B imports A's edit.
    let (b, s) = (base.clone(), slot.clone());
    let (a_edit, b_number_owned) = {
        let files = slot.lock().unwrap();
        (files[2].clone(), files[3].display().to_string())
    };
    let b_number = b_number_owned.clone();
    let bd = b_downloads.clone();
    exchange::with_profile(
        "tablet-b-2",
        1024,
        768,
        Some(&b_profile),
        Some(&b_downloads),
        |c| async move {
            let numbers = exchange::numbers(&c, &b).await?;
            if numbers.len() != 2 {
                return fail(format!("tablet B should hold both complaints: {numbers:?}"));
            }
            exchange::open(&c, &b, &b_number).await?;
            workflow::step(
                &c,
                "Assess",
                || async {
                    browser::click(&c, "#c_safety").await?;
                    // The conflict needs this criterion in the assessment: wait until it is ticked.
                    browser::wait_js(&c, "return document.querySelector('#c_safety').checked", 5)
                        .await
                },
                "Assessed",
            )
            .await?;
            // Safety points to major; A's facility limit to minor: the levels differ.
            wait_text(&c, "#record-level", "重大").await?;
            let preview = exchange::import_from(&c, &b, &a_edit, PASS).await?;
            if !preview.contains("有冲突") {
                return fail(format!("the preview should name the conflict: {preview}"));
            }
            exchange::open(&c, &b, &b_number).await?;
            wait_text(&c, "#conflicts", "投诉等级").await?;
            exchange::shot(&c, "two-tablets-b-conflict.png").await?;
            let file = exchange::export_to(&c, &b, &bd, PASS).await?;
            s.lock().unwrap().push(file);
            Ok(())
        },
    )
    .await;

    // A sees the conflict too, resolves it, and the resolution clears it on B.
    let (b, s) = (base.clone(), slot.clone());
    let b_edit = slot.lock().unwrap()[4].clone();
    let number = b_number_owned.clone();
    let ad = a_downloads.clone();
    exchange::with_profile(
        "tablet-a-3",
        1024,
        768,
        Some(&a_profile),
        Some(&a_downloads),
        |c| async move {
            exchange::import_from(&c, &b, &b_edit, PASS).await?;
            exchange::open(&c, &b, &number).await?;
            wait_text(&c, "#conflicts", "投诉等级").await?;
            // Both tablets judged the complaint valid: only the level is in conflict.
            let fields = c.find_all(Locator::Css("#conflicts h3")).await?.len();
            if fields != 1 {
                return fail(format!(
                    "expected one conflicting field (the level), found {fields}"
                ));
            }
            exchange::shot(&c, "two-tablets-a-conflict.png").await?;
            browser::click(&c, "#conflicts .conflict-choice").await?;
            browser::wait_js(&c, "return !document.querySelector('#conflicts')", 10).await?;
            let file = exchange::export_to(&c, &b, &ad, PASS).await?;
            s.lock().unwrap().push(file);
            Ok(())
        },
    )
    .await;

    let (b, s, number) = (base.clone(), slot.clone(), b_number_owned.clone());
    let resolution = slot.lock().unwrap()[5].clone();
    let bd = b_downloads.clone();
    exchange::with_profile("tablet-b-3", 1024, 768, Some(&b_profile), Some(&b_downloads), |c| async move {
        exchange::import_from(&c, &b, &resolution, PASS).await?;
        exchange::open(&c, &b, &number).await?;
        browser::wait_js(&c, "return !document.querySelector('#conflicts') && !document.querySelector('#flag-conflict')", 10).await?;
        exchange::shot(&c, "two-tablets-b-resolved.png").await?;
        // B dispatches the complaint to engineering…
        workflow::step(&c, "Dispatch", || async { browser::choose(&c, "#department", "engineering").await }, "Dispatched").await?;
        let file = exchange::export_to(&c, &b, &bd, PASS).await?;
        s.lock().unwrap().push(file);
        Ok(())
    }).await;

    // …while A, not having seen that, dispatches it to security. The second dispatch no longer
    // fits and waits for review, and the page says why in the person's language.
    let (b, number) = (base.clone(), b_number_owned.clone());
    let b_dispatch = slot.lock().unwrap()[6].clone();
    exchange::with_profile(
        "tablet-a-4",
        1024,
        768,
        Some(&a_profile),
        Some(&a_downloads),
        |c| async move {
            exchange::open(&c, &b, &number).await?;
            workflow::step(
                &c,
                "Dispatch",
                || async { browser::choose(&c, "#department", "security").await },
                "Dispatched",
            )
            .await?;
            exchange::import_from(&c, &b, &b_dispatch, PASS).await?;
            exchange::open(&c, &b, &number).await?;
            wait_text(&c, "#review", "投诉处于“已派单”状态，不能“").await?;
            exchange::shot(&c, "two-tablets-a-review.png").await?;
            Ok(())
        },
    )
    .await;
    let _ = std::fs::remove_dir_all(&root);
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_pin_locks_the_tablet_without_losing_what_was_typed() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    with_browser("pin-lock", 1024, 768, |c| async move {
        let c = &c;
        workflow::set_up_tablet(c, &base).await?;
        browser::fill(c, "#new-pin", "2468").await?;
        browser::fill(c, "#lock-minutes", "5").await?;
        browser::click(c, "#pin-save").await?;
        wait_text(c, "#pin-panel .notice", "已保存").await?;
        let stored = c
            .execute("return localStorage.getItem('complaints.pin')", vec![])
            .await?
            .to_string();
        if stored.contains("2468") {
            return fail(format!("the PIN itself was stored: {stored}"));
        }
        // A reload starts locked while a PIN is set.
        c.goto(&format!("{base}/complaints/new")).await?;
        wait_text(c, "#lock-screen", "平板已锁定").await?;
        browser::fill(c, "#unlock-pin", "2468").await?;
        browser::click(c, "#unlock").await?;
        browser::wait_js(c, "return !document.querySelector('#lock-screen')", 10).await?;
        browser::fill(c, "#description", "锁屏前正在填写的内容").await?;
        browser::click(c, "a.nav-link[href='/settings']").await?;
        browser::click(c, "#lock-now").await?;
        wait_text(c, "#lock-screen", "平板已锁定").await?;
        screenshot(c, "pin-locked.png").await?;
        browser::fill(c, "#unlock-pin", "1111").await?;
        browser::click(c, "#unlock").await?;
        wait_text(c, "#lock-screen", "PIN 不正确").await?;
        browser::fill(c, "#unlock-pin", "2468").await?;
        browser::click(c, "#unlock").await?;
        browser::wait_js(c, "return !document.querySelector('#lock-screen')", 10).await?;
        // What was typed before the lock is still there after a reload and an unlock.
        c.goto(&format!("{base}/complaints/new")).await?;
        wait_text(c, "#lock-screen", "平板已锁定").await?;
        browser::fill(c, "#unlock-pin", "2468").await?;
        browser::click(c, "#unlock").await?;
        browser::wait_js(
            c,
            "return document.querySelector('#description').value === '锁屏前正在填写的内容'",
            10,
        )
        .await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_photo_is_attached_as_evidence_and_csv_opens_in_excel() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    let downloads = std::env::temp_dir().join(format!("complaints-csv-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&downloads);
    std::fs::create_dir_all(&downloads).unwrap();
    let photo = downloads.join("photo.png");
    std::fs::copy(dist().join("icons/icon-512.png"), &photo).unwrap();
    let dl = downloads.clone();
    exchange::with_profile(
        "photo-csv",
        1024,
        768,
        None,
        Some(&downloads),
        |c| async move {
            let c = &c;
            workflow::set_up_tablet(c, &base).await?;
            workflow::take_in(c, &base, "郑女士", "外墙瓷砖脱落，砸坏车辆").await?;
            browser::click(c, "#actions button[data-command='AddEvidence']").await?;
            c.find(Locator::Css("#photo"))
                .await?
                .send_keys(&photo.display().to_string())
                .await?;
            wait_text(c, "#form-AddEvidence .notice", "照片已压缩保存").await?;
            browser::fill(c, "#caption", "现场照片").await?;
            browser::click(c, "#command-submit").await?;
            c.wait()
                .at_most(std::time::Duration::from_secs(10))
                .for_element(Locator::Css("#evidence .thumb img"))
                .await?;
            browser::click(c, "#evidence .thumb").await?;
            c.wait().for_element(Locator::Css(".lightbox img")).await?;
            screenshot(c, "evidence-photo.png").await?;
            c.goto(&format!("{base}/complaints")).await?;
            browser::click(c, "#csv-list").await?;
            let started = std::time::Instant::now();
            let csv = loop {
                let found = std::fs::read_dir(&dl)?
                    .flatten()
                    .map(|e| e.path())
                    .find(|p| p.extension().is_some_and(|e| e == "csv"));
                if let Some(p) = found {
                    break std::fs::read(p)?;
                }
                if started.elapsed() > std::time::Duration::from_secs(10) {
                    return fail("no CSV was downloaded");
                }
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            };
            if !csv.starts_with(&[0xEF, 0xBB, 0xBF]) {
                return fail("the CSV has no UTF-8 BOM, so Excel would garble the Chinese");
            }
            let text = String::from_utf8(csv)?;
            if !text.contains("投诉编号") || !text.contains("郑女士") {
                return fail(format!(
                    "the CSV lacks the Chinese header or the row: {}",
                    text.chars().take(200).collect::<String>()
                ));
            }
            Ok(())
        },
    )
    .await;
    let _ = std::fs::remove_dir_all(&downloads);
}

/// A plain bundle from device "Z9 坏时钟平板" whose one complaint is timed in the year 9999.
fn future_clock_bundle(dir: &std::path::Path) -> PathBuf {
    use complaints::domain::{
        Actor, Channel, ComplaintDetails, ComplaintNumber, DeviceClock, DeviceCode, DeviceId,
        EventBody, NewEvent, PersonId, RecordId, Role,
    };
    use complaints::sync::{ExportInput, SourceDevice, export_full};
    let device = DeviceId(uuid::Uuid::from_u128(
        0x0199_0000_0000_7000_8000_0000_0000_0999,
    ));
    let code = DeviceCode::parse("Z9").unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("9999-01-01T09:00:00+08:00").unwrap();
    let mut details = ComplaintDetails::new(Channel::Phone, "时钟错误的平板记录的投诉");
    details.complainant.name = Some("未来先生".into());
    let body = EventBody::Received {
        number: ComplaintNumber::next(at.date_naive(), code.clone(), 1),
        received_at: at,
        details,
    };
    let actor = Actor::new(PersonId(uuid::Uuid::from_u128(7)), "赵客服", Role::Staff);
    let record = RecordId(uuid::Uuid::from_u128(
        0x0199_0000_0000_7000_8000_0000_0000_0001,
    ));
    let event = DeviceClock::new(device).stamp(
        NewEvent {
            record,
            actor,
            at,
            body,
        },
        vec![],
        None,
        &[9; 10],
    );
    let source = SourceDevice {
        id: device,
        code,
        label: "坏时钟平板".into(),
    };
    let file = export_full(ExportInput {
        source: &source,
        app_version: "0.1.0",
        bundle_id: uuid::Uuid::from_u128(0x0199_0000_0000_7000_8000_0000_0000_0b99),
        created_at: at,
        events: &[event],
        blobs: &[],
        compact: false,
    })
    .into_plain();
    let path = dir.join(&file.file_name);
    std::fs::write(&path, file.contents).unwrap();
    path
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_file_with_a_far_future_clock_is_refused_and_later_complaints_carry_todays_clock() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    let dir = browser::shots_dir().join("future-clock");
    std::fs::create_dir_all(&dir).unwrap();
    let file = future_clock_bundle(&dir);
    with_browser("future-clock", 1024, 768, |c| async move {
        let c = &c;
        workflow::set_up_tablet(c, &base).await?;
        c.goto(&format!("{base}/sync")).await?;
        wait_text(c, "h1.page-title", "同步").await?;
        c.find(Locator::Css("#import-file")).await?.send_keys(&file.display().to_string()).await?;
        wait_text(c, "#import-panel .notice", "时钟不对").await?;
        let notice = c.find(Locator::Css("#import-panel .notice")).await?.text().await?;
        for part in ["Z9 坏时钟平板", "晚 24 小时以上", "整个文件未导入"] {
            if !notice.contains(part) {
                return fail(format!("the refusal does not say {part:?}: {notice}"));
            }
        }
        screenshot(c, "future-clock-refused.png").await?;
        if c.find(Locator::Css("#import-preview")).await.is_ok() {
            return fail("a refused file still offered a preview");
        }
        // The accepted drift is this device's choice, an hour to a month.
        browser::fill(c, "#clock-drift", "0").await?;
        wait_text(c, "#clock-drift-error", "1–720").await?;
        browser::fill(c, "#clock-drift", "48").await?;
        wait_text(c, "#drift-setting", "已保存").await?;
        screenshot(c, "future-clock-drift-setting.png").await?;
        browser::fill(c, "#clock-drift", "24").await?;
        wait_text(c, "#drift-setting", "已保存").await?;
        // Nothing was written: the list is empty, and a complaint taken in now carries today's clock.
        workflow::take_in(c, &base, "今天先生", "导入被拒之后记录的投诉").await?;
        let skew = c
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 const r = indexedDB.open('complaints');
                 r.onsuccess = () => {
                   const tx = r.result.transaction('records', 'readonly');
                   const all = tx.objectStore('records').getAll();
                   all.onsuccess = () => {
                     const events = all.result.flatMap(row => JSON.parse(new TextDecoder().decode(row.events)));
                     const received = events.filter(e => e.body.kind === 'received');
                     done(received.map(e => [e.body.data.details.description, parseInt(e.hlc.slice(0, 12), 16) - Date.now()]));
                   };
                 };",
                vec![],
            )
            .await?;
        let found: Vec<(String, f64)> = serde_json::from_value(skew)?;
        if found.len() != 1 {
            return fail(format!("expected only the complaint taken in here, found {found:?}"));
        }
        let (description, skew_ms) = &found[0];
        if description != "导入被拒之后记录的投诉" || skew_ms.abs() > 5.0 * 60_000.0 {
            return fail(format!("the new complaint's clock is {skew_ms} ms from now: {found:?}"));
        }
        Ok(())
    })
    .await;
    server.stop();
}
