//! A complaint referred by the 12345 hotline: taken in with the hotline's reference and its
//! deadline, which shows as a clock on the complaint's page; a deadline before receipt is
//! refused with its message and nothing is saved; the reply to the hotline meets the clock.
//!
//! The browser's clock is set to Friday 4 December 2026, 10:00 in Shanghai.

use fantoccini::Locator;

use crate::browser::{choose, click, fail, fill, screenshot, wait_attr, wait_text, with_browser};
use crate::calendar::set_browser_clock;
use crate::server::StaticServer;
use crate::workflow::{self, step};

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_12345_referral_shows_its_deadline_as_a_clock_until_the_hotline_is_answered() {
    let server = StaticServer::start(&crate::dist());
    let base = server.base.clone();
    with_browser("referral", 1024, 768, |c| async move {
        let c = &c;
        set_browser_clock(c, "2026-12-04T10:00:00+08:00").await?;
        workflow::set_up_tablet(c, &base).await?;
        workflow::sign_in(c, &base, "陈客服").await?;
        c.goto(&format!("{base}/complaints/new")).await?;
        wait_text(c, "h1.page-title", "新建投诉").await?;
        // Choosing the 12345 channel opens the referral's fields.
        choose(c, "#channel", "GovernmentHotline").await?;
        c.wait().for_element(Locator::Css("#referral-body")).await?;
        fill(c, "#name", "张先生").await?;
        fill(c, "#phone", "13812345678").await?;
        fill(c, "#description", "地下室漏水三天无人处理，已向 12345 反映").await?;
        fill(c, "#referral-body", "12345 政务服务便民热线").await?;
        fill(c, "#referral-reference", "GD-20261204-0815").await?;
        fill(c, "#referral-contact", "王科员").await?;
        // A deadline before the complaint came in is refused, and nothing is saved.
        crate::settings::pick_date(c, "#referral-due", "2026-12-03T17:00").await?;
        click(c, "#submit-complaint").await?;
        wait_text(c, ".intake", "答复期限须晚于受理时间").await?;
        if c.current_url().await?.path().starts_with("/complaints/0") {
            return fail("a referral due before receipt was saved");
        }
        crate::settings::pick_date(c, "#referral-due", "2026-12-07T10:00").await?;
        c.execute(
            "document.querySelector('#referred').scrollIntoView()",
            vec![],
        )
        .await?;
        screenshot(c, "referral-intake-1024x768.png").await?;
        click(c, "#submit-complaint").await?;
        wait_text(c, "#record-number", "TS-").await?;

        wait_text(c, "#flag-referral", "12345").await?;
        wait_text(c, "#referral-clock", "转办答复期限").await?;
        wait_text(c, "#referral-clock", "GD-20261204-0815").await?;
        c.find(Locator::Css(
            "#referral-clock time[datetime='2026-12-07T10:00:00+08:00']",
        ))
        .await?;
        wait_attr(c, "#referral-clock li", "class", "clock clock-pending").await?;
        c.execute("document.querySelector('#clocks').scrollIntoView()", vec![])
            .await?;
        screenshot(c, "referral-clock-1024x768.png").await?;

        step(
            c,
            "ReplyToReferrer",
            || async move {
                fill(c, "#content", "已维修并书面答复热线，工单可办结").await
            },
            "Received",
        )
        .await?;
        wait_attr(c, "#referral-clock li", "class", "clock clock-met").await?;
        wait_text(c, "#timeline", "已维修并书面答复热线").await?;
        Ok(())
    })
    .await;
}
