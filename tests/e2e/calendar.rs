//! The business calendar running out: in December a leader is told that next year's calendar
//! is missing, on the dashboard and in settings, until the year is added; a working-day clock
//! across New Year says its due time lacks the calendar, to staff as well, until a leader
//! confirms the year.
//!
//! The app reads the browser's clock, so each test sets that clock to a day in late 2026
//! (Asia/Shanghai) before the first page loads, through the DevTools protocol. Time then runs
//! on from there as usual; nothing in the app is told it is being tested.

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::DateTime;
use fantoccini::{Client, Locator};
use serde_json::json;

use crate::browser::{
    Cdp, Result, choose, click, fail, fill, wait_attr, wait_js, wait_text, with_browser,
};
use crate::server::StaticServer;
use crate::settings::{exists, save, shot_of, wait_value};
use crate::workflow::{set_up_tablet, sign_in, step, take_in};

/// Sets the browser's clock to `at` (RFC 3339) and its time zone to Asia/Shanghai, for every
/// page loaded from now on. The clock keeps running from `at`.
pub async fn set_browser_clock(c: &Client, at: &str) -> Result {
    let target = DateTime::parse_from_rfc3339(at)?.timestamp_millis();
    let real = i64::try_from(SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis())?;
    let shift = target - real;
    c.issue_cmd(Cdp {
        cmd: "Emulation.setTimezoneOverride",
        params: json!({ "timezoneId": "Asia/Shanghai" }),
    })
    .await?;
    let source = format!(
        "(() => {{
            const shift = {shift};
            const RealDate = Date;
            class ShiftedDate extends RealDate {{
                constructor(...args) {{ super(...(args.length ? args : [RealDate.now() + shift])); }}
                static now() {{ return RealDate.now() + shift; }}
            }}
            globalThis.Date = ShiftedDate;
        }})();"
    );
    c.issue_cmd(Cdp {
        cmd: "Page.addScriptToEvaluateOnNewDocument",
        params: json!({ "source": source }),
    })
    .await?;
    Ok(())
}

/// Checks the page believes it is `day` (yyyy-mm-dd), so a test never passes on the real date.
async fn page_date_is(c: &Client, day: &str) -> Result {
    let found = c
        .execute(
            "const d = new Date(); const p = n => String(n).padStart(2, '0');
             return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`",
            vec![],
        )
        .await?;
    if found != day {
        return fail(format!("the browser's clock reads {found}, expected {day}"));
    }
    Ok(())
}

/// The calendar warning is gone (the page is loaded: `ready` matched first).
async fn no_warning(c: &Client, ready: &str) -> Result {
    c.wait()
        .at_most(std::time::Duration::from_secs(10))
        .for_element(Locator::Css(ready))
        .await?;
    wait_js(c, "return !document.querySelector('#calendar-missing')", 10).await
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn in_december_a_leader_is_told_next_years_calendar_is_missing_until_it_is_added() {
    let server = StaticServer::start(&crate::dist());
    let base = server.base.clone();
    with_browser("calendar-missing", 1024, 768, |c| async move {
        let c = &c;
        set_browser_clock(c, "2026-12-10T10:00:00+08:00").await?;
        set_up_tablet(c, &base).await?;
        page_date_is(c, "2026-12-10").await?;

        // In settings, at the top, with the link to the form.
        wait_text(c, "#calendar-missing", "2027 年的工作日历还没有设置").await?;
        wait_attr(c, "#calendar-missing", "data-year", "2027").await?;
        c.execute("window.scrollTo(0, 0)", vec![]).await?;
        crate::browser::screenshot(c, "calendar-missing-settings-1024x768.png").await?;

        // On the dashboard.
        click(c, "a.nav-link[href='/']").await?;
        wait_text(c, "h1.page-title", "总览").await?;
        wait_text(c, "#calendar-missing", "2027 年的工作日历还没有设置").await?;
        wait_text(c, "#calendar-missing-add", "一次添加一整年").await?;
        let small = crate::small_touch_targets(c).await?;
        if !small.is_empty() {
            return fail(format!(
                "touch targets under 44 px on the dashboard: {small:?}"
            ));
        }
        crate::browser::screenshot(c, "calendar-missing-dashboard-1024x768.png").await?;
        click(c, "#lang-switch").await?;
        wait_text(
            c,
            "#calendar-missing",
            "The business calendar for 2027 is not set",
        )
        .await?;
        c.execute("window.scrollTo(0, 0)", vec![]).await?;
        crate::browser::screenshot(c, "calendar-missing-dashboard-en-1024x768.png").await?;
        click(c, "#lang-switch").await?;
        wait_text(c, "#calendar-missing", "2027 年").await?;

        // Staff cannot add a year, so they are not asked to.
        sign_in(c, &base, "陈客服").await?;
        no_warning(c, "#calendar-panel .readonly-hint").await?;
        click(c, "a.nav-link[href='/']").await?;
        no_warning(c, "#counts").await?;
        sign_in(c, &base, "王组长").await?;

        // The leader follows the link and adds 2027 in one go.
        click(c, "a.nav-link[href='/']").await?;
        click(c, "#calendar-missing-add").await?;
        wait_text(c, "h1.page-title", "设置").await?;
        wait_value(c, "#year-number", "2027").await?;
        // The link lands on the form, not on the top of a long page.
        wait_js(
            c,
            "const r = document.querySelector('#year-panel').getBoundingClientRect();
             return r.top >= 0 && r.top < innerHeight / 2",
            10,
        )
        .await?;
        fill(
            c,
            "#year-holidays",
            "元旦 2027-01-01 2027-01-03\n春节/Spring Festival 2027-02-06 至 2027-02-13",
        )
        .await?;
        fill(c, "#year-make-up", "2027-02-14, 2027-02-20").await?;
        save(c, "#year-add", "#year-panel").await?;
        no_warning(c, "#year-panel").await?;
        click(c, "a.nav-link[href='/']").await?;
        no_warning(c, "#counts").await?;

        // Still covered after a reload (the year after is what the form offers next).
        c.goto(&format!("{base}/settings")).await?;
        wait_value(c, "#year-number", "2028").await?;
        no_warning(c, "#year-panel").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_working_day_clock_across_new_year_warns_until_a_leader_confirms_the_year() {
    let server = StaticServer::start(&crate::dist());
    let base = server.base.clone();
    with_browser("calendar-clock", 1024, 768, |c| async move {
        let c = &c;
        set_browser_clock(c, "2026-12-28T10:00:00+08:00").await?;
        set_up_tablet(c, &base).await?;
        page_date_is(c, "2026-12-28").await?;
        choose(c, "#day-mode", "working_days").await?;
        save(c, "#counting-save", "#counting-panel").await?;

        // Staff take a major complaint in on Monday 2026-12-28.
        sign_in(c, &base, "陈客服").await?;
        take_in(c, &base, "周女士", "楼道积水，业主滑倒受伤").await?;
        let page = c.current_url().await?.to_string();
        step(
            c,
            "Assess",
            || async move { click(c, "#c_safety").await },
            "Assessed",
        )
        .await?;
        wait_text(c, "#record-level", "重大").await?;

        // Ten working days run into 2027, which has no calendar: staff see it, read only.
        let whole = "li[data-clock='WholeHandling']";
        wait_text(
            c,
            &format!("{whole} .clock-calendar"),
            "2027 年工作日历未设置",
        )
        .await?;
        wait_attr(c, &format!("{whole} .clock-calendar"), "data-year", "2027").await?;
        // Two working days (12-29, 12-30) stay in 2026.
        wait_text(c, "li[data-clock='ClearAnswer']", "12-30 23:59").await?;
        if exists(c, "li[data-clock='ClearAnswer'] .clock-calendar").await? {
            return fail("a clock inside 2026 warns about the calendar");
        }
        if exists(c, ".clock-calendar button, .clock-calendar a").await? {
            return fail("the clock warning offers staff an action");
        }
        let small = crate::small_touch_targets(c).await?;
        if !small.is_empty() {
            return fail(format!(
                "touch targets under 44 px on the complaint: {small:?}"
            ));
        }
        shot_of(c, "#clocks", "calendar-clock-warning-1024x768.png").await?;
        click(c, "#lang-switch").await?;
        wait_text(
            c,
            &format!("{whole} .clock-calendar"),
            "Calendar not set for 2027",
        )
        .await?;
        shot_of(c, "#clocks", "calendar-clock-warning-en-1024x768.png").await?;
        click(c, "#lang-switch").await?;

        // A leader confirms 2027 with no change beyond weekends.
        sign_in(c, &base, "王组长").await?;
        wait_value(c, "#year-number", "2027").await?;
        shot_of(c, "#year-panel", "calendar-confirm-year-1024x768.png").await?;
        click(c, "#year-confirm-weekends").await?;
        wait_text(c, "#year-panel .notice", "已保存").await?;
        click(c, "button[data-year='2027']").await?;
        wait_text(c, "#calendar-year-weekends", "只有周末休息").await?;

        // The clock no longer warns.
        c.goto(&page).await?;
        wait_text(c, whole, "期限").await?;
        wait_js(
            c,
            "return !document.querySelector('.clock-calendar')
                && !!document.querySelector(\"li[data-clock='WholeHandling'] time\")",
            10,
        )
        .await?;
        Ok(())
    })
    .await;
}
