//! The week in the field: a leader sets up a project from a unit list (CSV with a BOM and
//! Chinese headers) and plans today's route; offline, the staff member visits three households
//! from the dashboard: one "no issue", one not at home, one with a finding turned into a
//! complaint whose unit, owner and phone are already filled in; the coverage then shows 2 met of
//! 3 planned, and the complaint links back to the visit.

use fantoccini::{Client, Locator};
use serde_json::json;

use crate::browser::{
    NetworkConditions, Result, click, fail, fill, screenshot, wait_attr, wait_text, with_browser,
};
use crate::server::StaticServer;
use crate::{dist, workflow};

/// Picks the option whose text is `text` in the select `css`, as a person's tap would.
async fn choose_text(c: &Client, css: &str, text: &str) -> Result {
    let ok = c
        .execute(
            "const s = document.querySelector(arguments[0]);
             const o = [...s.options].find(o => o.textContent.trim() === arguments[1]);
             if (!o) return false;
             s.value = o.value;
             s.dispatchEvent(new Event('change', { bubbles: true }));
             return true;",
            vec![json!(css), json!(text)],
        )
        .await?;
    if ok != json!(true) {
        return fail(format!("{css} offers no {text:?}"));
    }
    Ok(())
}

/// Opens the stop of `unit` on the route and taps `outcome` (after `before`, if any).
async fn visit(c: &Client, unit: &str, outcome: &str) -> Result {
    click(c, &format!("li.stop[data-unit='{unit}'] .stop-open")).await?;
    click(c, &format!("#outcome-{outcome}")).await?;
    wait_attr(
        c,
        &format!("li.stop[data-unit='{unit}']"),
        "data-state",
        "done",
    )
    .await
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_route_of_three_households_is_visited_offline_and_a_finding_becomes_a_complaint() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    let csv = std::env::temp_dir().join(format!("units-{}.csv", std::process::id()));
    std::fs::write(
        &csv,
        "\u{feff}楼栋,单元,房号,业主姓名,联系电话\r\n3栋,2单元,101,王芳,13800138001\r\n3栋,2单元,102,李强,13800138002\r\n3栋,2单元,103,赵敏,13800138003\r\n",
    )
    .expect("the unit list is written");
    let csv_path = csv.display().to_string();
    with_browser("visits", 1024, 768, |c| async move {
        let c = &c;
        workflow::set_up_tablet(c, &base).await?;
        c.goto(&format!("{base}/visits")).await?;
        wait_text(c, "h1.page-title", "走访").await?;

        // The leader sets up the project from its unit list, then plans today's route.
        fill(c, "#project-name", "湖畔花园").await?;
        click(c, "#project-add").await?;
        wait_text(c, "#places .notice", "项目已保存").await?;
        choose_text(c, "#import-project", "湖畔花园").await?;
        c.find(Locator::Css("#units-file")).await?.send_keys(&csv_path).await?;
        wait_text(c, "#units-import-notice .notice", "已导入 3 户").await?;
        wait_text(c, "details.project summary", "湖畔花园 · 3").await?;
        choose_text(c, "#plan-staff", "王组长").await?;
        choose_text(c, "#plan-project", "湖畔花园").await?;
        choose_text(c, "#plan-building", "3栋").await?;
        click(c, "#plan-add").await?;
        wait_text(c, "#plans .notice", "走访计划已保存").await?;
        wait_text(c, "#plans .plan", "整栋").await?;

        // Offline from here, as in a basement. The dashboard says what is due today.
        c.goto(&format!("{base}/")).await?;
        c.issue_cmd(NetworkConditions { offline: true }).await?;
        wait_attr(c, "#visits-due", "data-today", "3").await?;
        screenshot(c, "visits-dashboard-1024x768.png").await?;
        // Tap 1: the reminder opens the route; tap 2: the household; tap 3: the outcome.
        click(c, "#visits-due a").await?;
        wait_text(c, "#route", "王芳").await?;
        let today = c
            .find_all(Locator::Css("li.stop[data-state='today']"))
            .await?
            .len();
        if today != 3 {
            return fail(format!("{today} stops today, expected 3"));
        }
        visit(c, "3栋-2单元-101", "NoIssue").await?;
        visit(c, "3栋-2单元-102", "NotHome").await?;
        // The third household raises a problem: satisfaction, a topic and a note, then the outcome.
        click(c, "li.stop[data-unit='3栋-2单元-103'] .stop-open").await?;
        click(c, "#satisfaction-Dissatisfied").await?;
        click(c, "#topic-facilities").await?;
        fill(c, "#visit-note", "楼道灯坏了一周，晚上看不见台阶").await?;
        screenshot(c, "visits-form-1024x768.png").await?;
        click(c, "#outcome-Finding").await?;
        wait_attr(c, "li.stop[data-unit='3栋-2单元-103']", "data-state", "done").await?;
        wait_attr(c, "#coverage-total", "data-met", "2").await?;
        wait_attr(c, "#coverage-total", "data-planned", "3").await?;
        wait_text(c, "#coverage-total", "见到业主 2 / 计划 3 户").await?;
        screenshot(c, "visits-route-1024x768.png").await?;

        // The finding becomes a complaint: the household is already filled in.
        click(c, "li.stop[data-unit='3栋-2单元-103'] .make-complaint").await?;
        wait_text(c, "h1.page-title", "新建投诉").await?;
        for (field, value) in [
            ("#name", "赵敏"),
            ("#phone", "13800138003"),
            ("#building", "3栋"),
            ("#entrance", "2单元"),
            ("#room", "103"),
            ("#description", "楼道灯坏了一周，晚上看不见台阶"),
            ("#channel", "OnSiteVisit"),
            ("#category", "facilities"),
            ("#project", "湖畔花园"),
        ] {
            crate::browser::wait_js(
                c,
                &format!("return document.querySelector({field:?}).value === {value:?}"),
                10,
            )
            .await
            .or_else(|_| fail(format!("{field} is not filled in with {value}")))?;
        }
        click(c, "#submit-complaint").await?;
        wait_text(c, "#record-number", "TS-").await?;
        // The complaint page names the visit it came from.
        wait_text(c, "#from-visit", "来自走访").await?;
        wait_text(c, "#from-visit", "3栋-2单元-103").await?;

        // Back on the route, the visit links to the complaint, and the table counts it.
        click(c, "a.nav-link[href$='/visits']").await?;
        wait_text(c, "li.stop[data-unit='3栋-2单元-103']", "已转投诉").await?;
        wait_text(c, "#coverage-people tbody tr:last-child", "3").await?;
        let complaints = c
            .execute(
                "return document.querySelector('#coverage-people tbody tr:last-child td:last-child').textContent",
                vec![],
            )
            .await?;
        if complaints != json!("1") {
            return fail(format!("coverage counts {complaints} complaints, expected 1"));
        }
        wait_text(c, "#coverage-buildings", "湖畔花园 3栋").await?;
        screenshot(c, "visits-done-1024x768.png").await?;
        c.set_window_size(768, 1024).await?;
        screenshot(c, "visits-768x1024.png").await?;
        // A household added by hand joins the project's list.
        choose_text(c, "#import-project", "湖畔花园").await?;
        fill(c, "#house-unit", "3栋-2单元-104").await?;
        fill(c, "#house-owner", "孙丽").await?;
        fill(c, "#house-phone", "1380013800").await?;
        click(c, "#house-add").await?;
        // A wrong phone is named, and nothing is added.
        wait_text(c, "#places .notice-error", "1380013800").await?;
        wait_text(c, "details.project summary", "湖畔花园 · 3").await?;
        fill(c, "#house-phone", "13800138004").await?;
        click(c, "#house-add").await?;
        wait_text(c, "details.project summary", "湖畔花园 · 4").await?;
        screenshot(c, "visits-places-768x1024.png").await?;
        Ok(())
    })
    .await;
    std::fs::remove_file(&csv).ok();
}
