//! Department tasks: a task past its due time shows as a breached clock on the complaint page
//! and on the dashboard; two departments with tasks each report back, and the reply clock
//! starts after the second.

use fantoccini::{Client, Locator};
use serde_json::json;

use crate::browser::{self, Result, click, fail, fill, screenshot, wait_text, with_browser};
use crate::server::StaticServer;
use crate::settings::exists;
use crate::{dist, workflow};

/// Sets a datetime field to `minutes` from now in the browser's local time.
async fn due_in(c: &Client, css: &str, minutes: i64) -> Result {
    c.execute(
        "const e = document.querySelector(arguments[0]);
         const d = new Date(Date.now() + arguments[1] * 60e3 - new Date().getTimezoneOffset() * 60e3);
         e.value = d.toISOString().slice(0, 16);
         e.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![json!(css), json!(minutes)],
    )
    .await?;
    Ok(())
}

/// Reports back from the department the form starts on, after checking the departments it
/// offers are `offered` (those with a task still to report on).
async fn report_back(c: &Client, offered: serde_json::Value, summary: &str) -> Result {
    workflow::step(
        c,
        "ReportBack",
        || async move {
            let shown = c
                .execute(
                    "return [...document.querySelectorAll('#department option')].map(o => o.value)",
                    vec![],
                )
                .await?;
            if shown != offered {
                return fail(format!(
                    "the report-back offers {shown}, expected {offered}"
                ));
            }
            fill(c, "#summary", summary).await
        },
        "Implementing",
    )
    .await
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_late_task_shows_and_each_department_reports_back_before_the_reply_clock_starts() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    with_browser("tasks", 1024, 768, |c| async move {
        let c = &c;
        workflow::set_up_tablet(c, &base).await?;
        workflow::take_in(c, &base, "钱先生", "地下车库积水，照明损坏").await?;
        let number = c.find(Locator::Css("#record-number")).await?.text().await?;
        workflow::step(
            c,
            "Assess",
            || async move { click(c, "#c_facility").await },
            "Assessed",
        )
        .await?;
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
        // Two departments: engineering due an hour ago (typed late), cleaning due tomorrow.
        workflow::step(
            c,
            "StartImplementation",
            || async move {
                browser::choose(c, "#task1_department", "engineering").await?;
                fill(c, "#task1_description", "修复照明").await?;
                due_in(c, "#task1_due", -60).await?;
                browser::choose(c, "#task2_department", "cleaning").await?;
                fill(c, "#task2_description", "抽水清理").await?;
                due_in(c, "#task2_due", 24 * 60).await
            },
            "Implementing",
        )
        .await?;
        wait_text(
            c,
            "#task-clocks li[data-department='engineering']",
            "已超时",
        )
        .await?;
        wait_text(c, "#task-clocks li[data-department='cleaning']", "剩余").await?;
        let class = c
            .find(Locator::Css(
                "#task-clocks li[data-department='engineering']",
            ))
            .await?
            .attr("class")
            .await?
            .unwrap_or_default();
        if !class.contains("clock-breached") {
            return fail(format!("the late task is not shown breached: {class}"));
        }
        c.execute(
            "document.querySelector('#clocks').scrollIntoView({block: 'start'})",
            vec![],
        )
        .await?;
        screenshot(c, "tasks-clocks.png").await?;

        // The dashboard lists it under tasks past due.
        c.goto(&format!("{base}/")).await?;
        wait_text(c, "#overdue-task-rows", &number).await?;
        wait_text(c, "#overdue-task-rows .row-task", "工程部").await?;
        screenshot(c, "tasks-dashboard.png").await?;
        crate::exchange::open(c, &base, &number).await?;

        // Engineering reports back: the reply clock has not started; cleaning is still offered.
        report_back(c, json!(["engineering", "cleaning"]), "照明已修复").await?;
        if exists(c, "#clocks li[data-clock='ReplyAfterReportBack']").await? {
            return fail("the reply clock started after the first of two report-backs");
        }
        wait_text(
            c,
            "#task-clocks li[data-department='engineering']",
            "已完成，超时",
        )
        .await?;
        report_back(c, json!(["cleaning"]), "积水已清理").await?;
        c.wait()
            .for_element(Locator::Css(
                "#clocks li[data-clock='ReplyAfterReportBack']",
            ))
            .await?;
        wait_text(
            c,
            "#task-clocks li[data-department='cleaning']",
            "已按时完成",
        )
        .await?;
        // Off the dashboard's overdue list once reported back.
        c.goto(&format!("{base}/")).await?;
        wait_text(c, "#my-next", "").await?;
        if exists(c, "#overdue-task-rows").await? {
            return fail("a task reported back is still listed as overdue");
        }
        Ok(())
    })
    .await;
}
