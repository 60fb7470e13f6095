//! The plan document: a leader starts the first revision from the outline, approves it, and a
//! staff member then reads the revision in force, without the means to revise it.

use fantoccini::Locator;

use crate::browser::{click, fail, fill, screenshot, wait_text, with_browser};
use crate::server::StaticServer;
use crate::{dist, workflow};

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_leader_approves_a_revision_and_a_staff_member_reads_it() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    with_browser("plan", 1024, 768, |c| async move {
        let c = &c;
        workflow::set_up_tablet(c, &base).await?;
        c.goto(&format!("{base}/plan")).await?;
        wait_text(c, "h1.page-title", "应急预案").await?;
        wait_text(c, "#plan-none", "还没有批准的预案").await?;
        click(c, "#plan-start").await?;
        crate::browser::wait_js(
            c,
            "return document.querySelectorAll('#plan-edit .plan-section').length === 8",
            10,
        )
        .await?;
        let sections = c
            .find_all(Locator::Css("#plan-edit .plan-section"))
            .await?
            .len();
        if sections != 8 {
            return fail(format!("the outline has {sections} sections, expected 8"));
        }
        let limits = c
            .execute(
                "return document.querySelector('#section-text-6').value",
                vec![],
            )
            .await?;
        if !limits.as_str().is_some_and(|l| l.contains("10 分钟内")) {
            return fail(format!("the time limits read {limits}"));
        }
        fill(c, "#plan-reason", "首次发布").await?;
        screenshot(c, "plan-edit-1024x768.png").await?;
        click(c, "#plan-approve").await?;
        wait_text(c, "#plan-edit .notice", "已批准").await?;
        wait_text(c, "#plan-in-force .revision-head", "修订 1").await?;
        wait_text(c, "#plan-in-force", "处理程序").await?;

        // A staff member reads it, and cannot revise it.
        workflow::sign_in(c, &base, "陈客服").await?;
        c.goto(&format!("{base}/plan")).await?;
        wait_text(c, "#plan-in-force .revision-head", "王组长").await?;
        if c.find(Locator::Css("#plan-edit")).await.is_ok() {
            return fail("a staff member is offered a revision");
        }
        screenshot(c, "plan-staff-1024x768.png").await?;
        c.set_window_size(768, 1024).await?;
        screenshot(c, "plan-768x1024.png").await?;
        Ok(())
    })
    .await;
}

/// The statistics page's figures, all of them, as text (every table's rows).
async fn statistics_text(c: &fantoccini::Client, base: &str) -> crate::browser::Result<String> {
    c.goto(&format!("{base}/statistics")).await?;
    wait_text(c, "h1.page-title", "统计").await?;
    click(c, "#span-all").await?;
    wait_text(c, "#period-days", "全部时间").await?;
    let text = c
        .execute(
            "return [...document.querySelectorAll('.stat-table tbody tr')].map(r => r.textContent).join('\\n')",
            vec![],
        )
        .await?;
    Ok(text.as_str().unwrap_or_default().to_string())
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_drill_is_logged_with_its_complaint_and_no_statistic_changes() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    with_browser("drill", 1024, 768, |c| async move {
        let c = &c;
        workflow::set_up_tablet(c, &base).await?;
        workflow::take_in(c, &base, "李女士", "电梯停运两小时").await?;
        let before = statistics_text(c, &base).await?;
        if !before.contains("1") {
            return fail(format!("the statistics show no complaint: {before}"));
        }

        // A complaint taken in during the drill, ticked as such.
        c.goto(&format!("{base}/complaints/new")).await?;
        wait_text(c, "h1.page-title", "新建投诉").await?;
        fill(c, "#name", "演练业主").await?;
        fill(c, "#phone", "13800000000").await?;
        fill(c, "#description", "演练：地下车库渗水，业主聚集").await?;
        click(c, "#drill").await?;
        click(c, "#submit-complaint").await?;
        wait_text(c, "#record-number", "TS-").await?;
        let number = c.find(Locator::Css("#record-number")).await?.text().await?;

        // The leader sets a half-yearly period: with no drill yet, one is due today.
        c.goto(&format!("{base}/plan")).await?;
        wait_text(c, "#drills h2", "演练记录").await?;
        wait_text(c, "#drill-due", "未设周期").await?;
        fill(c, "#drill-every", "6").await?;
        click(c, "#drills .period-row button").await?;
        // With no drill yet, one is due today.
        wait_text(c, "#drill-due", "下次应于此日前完成").await?;
        let due_before = c.find(Locator::Css("#drill-due")).await?.text().await?;

        fill(c, "#drill-scenario", "业主聚集投诉地下车库渗水").await?;
        fill(c, "#drill-participants", "客服部、保安部、工程部").await?;
        fill(c, "#drill-findings", "夜间联系工程部用时过长").await?;
        fill(c, "#drill-actions", "补充工程部值班电话").await?;
        click(
            c,
            &format!("#drills input[data-number='{}']", number.trim()),
        )
        .await?;
        click(c, "#drill-save").await?;
        wait_text(c, "#drill-notice", "演练已登记").await?;
        wait_text(c, "#drills .drill", number.trim()).await?;
        // Now due six months on.
        crate::browser::wait_js(
            c,
            &format!("return document.querySelector('#drill-due').textContent !== {due_before:?}"),
            10,
        )
        .await?;

        fill(c, "#training-topic", "投诉处理与案例分析").await?;
        fill(c, "#training-trainer", "王组长").await?;
        fill(c, "#training-attendees", "客服部全体").await?;
        click(c, "#training-save").await?;
        wait_text(c, "#trainings .training", "投诉处理与案例分析").await?;
        c.execute("document.querySelector('#drills').scrollIntoView()", vec![])
            .await?;
        screenshot(c, "plan-drills-1024x768.png").await?;

        let after = statistics_text(c, &base).await?;
        if after != before {
            return fail(format!(
                "the drill changed the statistics:\nbefore {before}\nafter {after}"
            ));
        }
        Ok(())
    })
    .await;
}
