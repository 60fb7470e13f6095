//! A second complaint from the same unit: flagged as a repeat while it is typed, linked when it
//! is taken in, and its triage checklist starts with "raised several times" ticked, so the
//! suggested level is major. A link can be undone and made again by hand.

use fantoccini::Locator;
use serde_json::json;

use crate::browser::{choose, click, fail, fill, screenshot, wait_text, with_browser};
use crate::dist;
use crate::server::StaticServer;
use crate::workflow;

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_second_complaint_from_the_same_unit_is_flagged_linked_and_triaged_as_a_repeat() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    with_browser("repeats", 1024, 768, |c| async move {
        let c = &c;
        workflow::set_up_tablet(c, &base).await?;
        // The first complaint, received an hour ago.
        c.goto(&format!("{base}/complaints/new")).await?;
        wait_text(c, "h1.page-title", "新建投诉").await?;
        c.execute(
            "const e = document.querySelector('#received-at');
             const d = new Date(Date.now() - 3600e3 - new Date().getTimezoneOffset() * 60e3);
             e.value = d.toISOString().slice(0, 16);
             e.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![],
        )
        .await?;
        fill(c, "#name", "孙女士").await?;
        fill(c, "#phone", "13812345678").await?;
        fill(c, "#building", "3栋").await?;
        fill(c, "#entrance", "2单元").await?;
        fill(c, "#room", "1201").await?;
        choose(c, "#category", "facilities").await?;
        fill(c, "#description", "楼道灯长期不亮").await?;
        click(c, "#submit-complaint").await?;
        wait_text(c, "#record-number", "TS-").await?;
        let first = c.find(Locator::Css("#record-number")).await?.text().await?;

        // The same unit and category, another phone: the intake form flags the repeat.
        c.goto(&format!("{base}/complaints/new")).await?;
        wait_text(c, "h1.page-title", "新建投诉").await?;
        fill(c, "#name", "孙先生").await?;
        fill(c, "#phone", "13900001111").await?;
        fill(c, "#building", "3栋").await?;
        fill(c, "#entrance", "2单元").await?;
        fill(c, "#room", "1201").await?;
        choose(c, "#category", "facilities").await?;
        fill(c, "#description", "楼道灯还是不亮，已经第二次反映").await?;
        wait_text(c, "#repeats", &first).await?;
        wait_text(c, "#repeats", "重复投诉").await?;
        c.execute(
            "document.querySelector('#repeats').scrollIntoView({block: 'center'})",
            vec![],
        )
        .await?;
        screenshot(c, "repeats-intake.png").await?;
        click(c, "#submit-complaint").await?;
        wait_text(c, "#record-number", "TS-").await?;
        let second = c.find(Locator::Css("#record-number")).await?.text().await?;
        if second == first {
            return fail("the second complaint has the first one's number");
        }

        // Linked from the start, and shown on its page.
        wait_text(c, "#related-linked", &first).await?;
        // Triage starts with the repeat ticked; the suggestion follows.
        click(c, "#actions button[data-command='Assess']").await?;
        c.wait().for_element(Locator::Css("#form-Assess")).await?;
        let ticked = c
            .execute(
                "return document.querySelector('#c_service').checked",
                vec![],
            )
            .await?;
        if ticked != json!(true) {
            return fail("the repeat criterion is not ticked on the triage form");
        }
        wait_text(c, "#suggested-level", "重大").await?;
        screenshot(c, "repeats-triage.png").await?;
        click(c, "#actions button[data-command='Assess']").await?;

        // Unlinked, the earlier complaint is still suggested; linked again by hand.
        click(c, "#related-linked .unlink-related").await?;
        wait_text(c, "#repeats-found", &first).await?;
        click(c, "#repeats-found .link-related").await?;
        wait_text(c, "#related-linked", &first).await?;
        // Linking by number: a wrong number is refused with a message.
        fill(c, "#link-number", "TS-20990101-ZZ-0001").await?;
        click(c, "#link-number-add").await?;
        wait_text(c, "#related .notice", "没有找到").await?;
        c.execute(
            "document.querySelector('#related').scrollIntoView({block: 'start'})",
            vec![],
        )
        .await?;
        screenshot(c, "repeats-linked.png").await?;
        // The earlier complaint shows the later one that links to it.
        c.find(Locator::Css("#related-linked a.related-link"))
            .await?
            .click()
            .await?;
        wait_text(c, "#record-number", &first).await?;
        wait_text(c, "#related-from", &second).await?;
        Ok(())
    })
    .await;
}
