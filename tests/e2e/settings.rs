//! The shared settings: the leader changes a clock, the day mode, a category, a department, the
//! calendar (one holiday, then a whole year) and the triage thresholds; everything survives a
//! reload; a staff member sees the same values read only.

use fantoccini::Client;
use serde_json::json;

use crate::browser::{
    Result, choose, click, fail, fill, painted, screenshot, wait_js, wait_text, with_browser,
};
use crate::server::StaticServer;
use crate::workflow::{set_up_tablet, sign_in};

/// Sets a date field as the date picker would (typed keys depend on the browser's locale).
pub async fn pick_date(c: &Client, css: &str, value: &str) -> Result {
    c.execute(
        "const e = document.querySelector(arguments[0]);
         e.value = arguments[1];
         e.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![json!(css), json!(value)],
    )
    .await?;
    Ok(())
}

/// Waits until the field matched by `css` holds `value`.
pub async fn wait_value(c: &Client, css: &str, value: &str) -> Result {
    let script = format!(
        "const e = document.querySelector({}); return !!e && e.value === {}",
        json!(css),
        json!(value)
    );
    wait_js(c, &script, 10).await
}

/// Whether anything matches `css`.
pub async fn exists(c: &Client, css: &str) -> Result<bool> {
    let found = c
        .execute(
            "return !!document.querySelector(arguments[0])",
            vec![json!(css)],
        )
        .await?;
    Ok(found == true)
}

/// Scrolls the element matched by `css` to the top of the viewport and saves a screenshot.
pub async fn shot_of(c: &Client, css: &str, file: &str) -> Result {
    c.execute(
        "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' }); window.scrollBy(0, -12);",
        vec![json!(css)],
    )
    .await?;
    painted(c).await?;
    screenshot(c, file).await
}

/// Clicks a save button and waits for its panel to say it saved.
pub async fn save(c: &Client, button: &str, panel: &str) -> Result {
    click(c, button).await?;
    wait_text(c, &format!("{panel} .notice"), "已保存").await
}

/// The leader's changes, each through its panel.
async fn change_everything(c: &Client, size: &str) -> Result {
    fill(c, "#clock-respond-n", "2").await?;
    choose(c, "#clock-respond-unit", "hours").await?;
    // Saving another panel in between leaves what is typed here alone.
    choose(c, "#day-mode", "working_days").await?;
    save(c, "#counting-save", "#counting-panel").await?;
    wait_value(c, "#clock-respond-n", "2").await?;
    save(c, "#clocks-save", "#clocks-panel").await?;

    fill(c, "#category-zh", "噪音扰民").await?;
    fill(c, "#category-en", "noise").await?;
    click(c, "#category-add").await?;
    wait_text(c, "#categories-panel .named-list", "噪音扰民").await?;

    // Removing takes a second tap, so a slip of the finger removes nothing.
    click(c, "button[data-remove='other']").await?;
    wait_text(c, "button[data-remove='other']", "确认删除").await?;
    click(c, "button[data-remove='other']").await?;
    wait_js(
        c,
        "return !document.querySelector(\"#categories-panel [data-item='other']\")",
        10,
    )
    .await?;

    click(c, "button[data-rename='finance']").await?;
    wait_value(c, "#department-zh", "财务").await?;
    fill(c, "#department-zh", "财务部").await?;
    save(c, "#department-rename", "#departments-panel").await?;
    wait_text(c, "#departments-panel .named-list", "财务部").await?;

    click(c, "button[data-year='2026']").await?;
    fill(c, "#holiday-name-zh", "公司周年").await?;
    pick_date(c, "#holiday-first", "2026-03-02").await?;
    click(c, "#holiday-add").await?;
    wait_text(c, "#holiday-list", "公司周年").await?;
    wait_text(c, "#holiday-list", "2026-03-02").await?;
    shot_of(
        c,
        "#calendar-panel",
        &format!("settings-calendar-{size}.png"),
    )
    .await?;

    fill(c, "#year-number", "2027").await?;
    fill(
        c,
        "#year-holidays",
        "元旦 2027-01-01 2027-01-03\n春节/Spring Festival 2027-02-06 至 2027-02-13",
    )
    .await?;
    fill(c, "#year-make-up", "2027-02-14, 2027-02-20").await?;
    save(c, "#year-add", "#year-panel").await?;
    click(c, "button[data-year='2027']").await?;
    wait_text(c, "#holiday-list", "春节 · 2027-02-06 至 2027-02-13 · 8天").await?;
    wait_text(c, "#make-up-list", "2027-02-20 周六").await?;

    // The domain refuses a group of one; the panel says why and keeps what was typed.
    fill(c, "#group-size", "1").await?;
    click(c, "#triage-save").await?;
    wait_text(c, "#triage-panel .notice-error", "设置无效").await?;
    wait_value(c, "#group-size", "1").await?;
    fill(c, "#group-size", "6").await?;
    fill(c, "#repeat-window", "30").await?;
    save(c, "#triage-save", "#triage-panel").await?;

    let small = crate::small_touch_targets(c).await?;
    if !small.is_empty() {
        return fail(format!(
            "touch targets under 44 px on the settings: {small:?}"
        ));
    }
    shot_of(
        c,
        "#shared-settings",
        &format!("settings-clocks-{size}.png"),
    )
    .await?;
    shot_of(
        c,
        "#categories-panel",
        &format!("settings-lists-{size}.png"),
    )
    .await?;
    shot_of(
        c,
        "#counting-panel",
        &format!("settings-counting-{size}.png"),
    )
    .await?;
    shot_of(c, "#year-panel", &format!("settings-year-{size}.png")).await
}

/// What the leader saved, read back after a reload.
async fn check_saved(c: &Client) -> Result {
    wait_value(c, "#clock-respond-n", "2").await?;
    wait_value(c, "#clock-respond-unit", "hours").await?;
    wait_value(c, "#day-mode", "working_days").await?;
    wait_text(c, "#categories-panel .named-list", "噪音扰民").await?;
    wait_text(c, "#departments-panel .named-list", "财务部").await?;
    if exists(c, "#categories-panel [data-item='other']").await? {
        return fail("a removed category is back after a reload");
    }
    wait_value(c, "#repeat-window", "30").await?;
    wait_value(c, "#group-size", "6").await?;
    click(c, "button[data-year='2026']").await?;
    wait_text(c, "#holiday-list", "公司周年").await?;
    wait_text(c, "#holiday-list", "国庆节").await?;
    click(c, "button[data-year='2027']").await?;
    wait_text(c, "#holiday-list", "元旦").await
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn leader_changes_shared_settings_and_staff_see_them_read_only() {
    let server = StaticServer::start(&crate::dist());
    let base = server.base.clone();
    for (w, h) in [(1024u32, 768u32), (768, 1024)] {
        let base = base.clone();
        let size = format!("{w}x{h}");
        with_browser(&format!("shared-settings-{size}"), w, h, |c| async move {
            let c = &c;
            set_up_tablet(c, &base).await?;
            if exists(c, "#shared-settings .readonly-hint").await?
                || exists(c, "#clocks-panel .readonly-hint").await?
            {
                return fail("the leader is shown the settings as read only");
            }
            change_everything(c, &size).await?;

            c.refresh().await?;
            wait_text(c, "h1.page-title", "设置").await?;
            check_saved(c).await?;

            sign_in(c, &base, "陈客服").await?;
            wait_text(c, "#clocks-panel .readonly-hint", "组长").await?;
            wait_text(c, "#calendar-panel .readonly-hint", "组长").await?;
            check_saved(c).await?;
            let disabled = c
                .execute(
                    "return ['#clock-respond-n', '#day-mode', '#repeat-window', '#work-start']
                        .every(s => document.querySelector(s).matches(':disabled'))",
                    vec![],
                )
                .await?;
            if disabled != true {
                return fail("a staff member can edit the shared settings");
            }
            for css in [
                "#clocks-save",
                "#counting-save",
                "#category-add",
                "#holiday-add",
                "#year-panel",
                "button[data-remove]",
                "button[data-holiday]",
            ] {
                if exists(c, css).await? {
                    return fail(format!("a staff member is offered {css}"));
                }
            }
            let small = crate::small_touch_targets(c).await?;
            if !small.is_empty() {
                return fail(format!("touch targets under 44 px, read only: {small:?}"));
            }
            shot_of(
                c,
                "#shared-settings",
                &format!("settings-read-only-{size}.png"),
            )
            .await?;

            click(c, "#lang-switch").await?;
            wait_text(c, "#clocks-panel", "Time limits").await?;
            wait_text(c, "#clocks-panel .readonly-hint", "leader").await?;
            shot_of(
                c,
                "#counting-panel",
                &format!("settings-read-only-en-{size}.png"),
            )
            .await?;
            Ok(())
        })
        .await;
    }
}

/// Sets the group-complaint size and saves.
async fn set_group_size(c: &Client, size: &str) -> Result {
    fill(c, "#group-size", size).await?;
    save(c, "#triage-save", "#triage-panel").await
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_setting_changed_on_two_tablets_shows_both_values_until_one_is_kept() {
    use crate::exchange;
    let server = StaticServer::start(&crate::dist());
    let base = server.base.clone();
    let root = std::env::temp_dir().join(format!(
        "complaints-settings-conflict-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&root);
    let (a_profile, a_downloads) = exchange::tablet_dirs(&root, "a");
    let (b_profile, b_downloads) = exchange::tablet_dirs(&root, "b");
    const PASS: &str = "口令-2026";
    let slot = std::sync::Arc::new(std::sync::Mutex::new(None::<std::path::PathBuf>));

    // Tablet A sets the group size to 6 and exports.
    let (b, s, ad) = (base.clone(), slot.clone(), a_downloads.clone());
    exchange::with_profile(
        "settings-a",
        1024,
        768,
        Some(&a_profile),
        Some(&a_downloads),
        |c| async move {
            exchange::set_up_device(&c, &b, "A3", "平板-3").await?;
            set_group_size(&c, "6").await?;
            *s.lock().unwrap() = Some(exchange::export_to(&c, &b, &ad, PASS).await?);
            Ok(())
        },
    )
    .await;

    // Tablet B, not having seen that, sets it to 8, then imports A's bundle.
    let a_file = slot.lock().unwrap().clone().expect("tablet A exported");
    let b = base.clone();
    exchange::with_profile(
        "settings-b",
        1024,
        768,
        Some(&b_profile),
        Some(&b_downloads),
        |c| async move {
            let c = &c;
            exchange::set_up_device(c, &b, "B5", "平板-5").await?;
            set_group_size(c, "8").await?;
            exchange::import_from(c, &b, &a_file, PASS).await?;
            c.goto(&format!("{b}/settings")).await?;
            wait_text(c, "#settings-conflicts", "群体投诉人数").await?;
            wait_text(c, "#settings-conflicts", "6人").await?;
            wait_text(c, "#settings-conflicts", "8人").await?;
            wait_text(c, "#settings-conflicts .current", "当前生效").await?;
            shot_of(c, "#settings-conflicts", "settings-conflict-1024x768.png").await?;

            click(c, "#settings-conflicts button[data-keep='6人']").await?;
            wait_js(
                c,
                "return !document.querySelector('#settings-conflicts')",
                10,
            )
            .await?;
            wait_value(c, "#group-size", "6").await?;
            c.refresh().await?;
            wait_text(c, "h1.page-title", "设置").await?;
            wait_value(c, "#group-size", "6").await?;
            if exists(c, "#settings-conflicts").await? {
                return fail("the conflict came back after a reload");
            }
            Ok(())
        },
    )
    .await;
    let _ = std::fs::remove_dir_all(&root);
}
