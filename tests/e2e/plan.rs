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
